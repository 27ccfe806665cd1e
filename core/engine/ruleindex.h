#pragma once

#include "model/origin.h"
#include "model/tenant.h"

#include <QHash>
#include <QList>

namespace cors {

// The enabled rules and application origins of one tenant, compiled once for lookup by origin:
// exact hosts by hash, wildcard domains by walking the origin's parent domains (also by hash),
// regular expressions (compiled once) after those, and a catch-all "*" last. A lookup costs a
// few hash probes whatever the number of exact and wildcard rules.
//
// Precedence, the same for every profile:
//   1. rules for the exact host (in list order),
//   2. wildcard rules, the most specific parent domain first (*.api.example.com before *.example.com),
//   3. regex rules, in list order,
//   4. registered applications' JavaScript origins (seeds/003),
//   5. "*" rules, in list order.
// A candidate matches only if its protocols and ports accept the origin too; otherwise the
// lookup goes on to the next candidate.
class RuleIndex
{
public:
    struct Match
    {
        int rule = -1; // index into Tenant::rules
        int application = -1; // index into Tenant::applications when matched through one
        bool isValid() const { return rule >= 0; }
    };

    RuleIndex() = default;
    explicit RuleIndex(const Tenant &tenant);

    Match match(const Origin &origin) const;
    // Every enabled rule that accepts the origin, in precedence order (the first one wins).
    QList<int> matchingRules(const Origin &origin) const;
    // Whether rule `ruleIndex` accepts `origin` by protocol and port (its domain aside).
    bool acceptsSchemeAndPort(int ruleIndex, const Origin &origin) const;
    // Whether enabled rule `ruleIndex` accepts `origin` — domain, protocol and port — whether or
    // not another rule comes first for it: the check match() applies to that one candidate. The
    // linter proves bypasses with it (a crafted origin one regex rule really accepts).
    bool accepts(int ruleIndex, const Origin &origin) const;
    // The compiled domain of enabled rule `ruleIndex`, or nullptr when the index does not hold it
    // (disabled, or its domain does not parse): what the linter reads instead of compiling again.
    const OriginPattern *pattern(int ruleIndex) const;
    // Enabled host, wildcard and "*" rules whose domain covers the origin's host, whatever their
    // protocols and ports say: the near misses a trace explains when nothing matched.
    QList<int> rulesCoveringHost(const Origin &origin) const;

private:
    struct CompiledRule
    {
        int ruleIndex = -1;
        OriginPattern pattern;
        Protocols protocols;
        PortSet ports;
    };

    bool accepts(const CompiledRule &rule, const Origin &origin) const;
    template<typename Visitor> bool visitCandidates(const Origin &origin, Visitor &&visit) const;

    QList<CompiledRule> m_rules; // enabled rules; position = m_byRule[ruleIndex]
    QHash<int, int> m_positionOfRule;
    QHash<QString, QList<int>> m_byHost;
    QHash<QString, QList<int>> m_byParentDomain;
    QList<int> m_regex;
    QList<int> m_any;
    QList<int> m_null;
    QHash<QString, int> m_applicationByOrigin; // serialized origin -> application index
    QList<int> m_applicationRule; // application index -> rule index (or -1)
};

} // namespace cors
