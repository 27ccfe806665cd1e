#pragma once

#include "engine/ruleindex.h"
#include "model/tenant.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace cors {

// One origin pattern a tenant trusts and where the trust comes from — the designer's
// tenant-level "effective origins" view (issue 7). Applications' JavaScript origins (seeds/003)
// are trusted as much as rules are, and APIG answers every other origin with "*" (seeds/002);
// this view puts them side by side so that nothing is trusted out of sight.
struct EffectiveOrigin
{
    enum class Source {
        Rule, // a rule's domain, protocols and ports
        Application, // a registered application's JavaScript origin, with a rule's settings
        Profile, // the profile itself answers every origin (apig: Access-Control-Allow-Origin: *)
    };

    // The origins as one pattern: "https://shop.acme.example", "https://*.admin.acme.example",
    // "http://localhost:3000-3999", "https://*:*" (any origin, any port), "regex:https://…",
    // "null". A rule that allows both protocols gives one entry per protocol.
    QString pattern;
    Source source = Source::Rule;
    int rule = -1; // the rule whose settings these origins get, or -1 (Source::Profile)
    int application = -1; // Source::Application: index into Tenant::applications
    // Where it comes from, for people: `rules[2] "*.admin.acme.example"`,
    // `application "Reseller dashboard" (settings of rules[0] "partners.acme.example")`,
    // `profile apig`.
    QString from;
    bool credentials = false; // whether these origins' requests may carry cookies

    QJsonObject toJson() const;

    // Every origin pattern the tenant trusts, in precedence order of kind (rules in list order,
    // then applications, then the profile's own answer). Empty when the API Type is not
    // advanced: then no rule applies and nothing is trusted. Linear in the number of rules and
    // origins, with no matching: cheap enough for every keystroke.
    static QList<EffectiveOrigin> of(const Tenant &tenant);
    // The same, reading the rules' domains from the tenant's compiled index instead of parsing
    // (and, for regexes, compiling) them again.
    static QList<EffectiveOrigin> of(const Tenant &tenant, const RuleIndex &index);

    friend bool operator==(const EffectiveOrigin &, const EffectiveOrigin &) = default;
};

QString effectiveOriginSourceName(EffectiveOrigin::Source source);

} // namespace cors
