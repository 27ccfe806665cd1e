#pragma once

#include "exportissue.h"
#include "model/tenant.h"

#include <QList>
#include <QString>

#include <functional>

namespace cors {

// What every exporter needs to know about a tenant, independently of the server it writes for:
// whether the tenant can be exported at all, which rules are left out and why, and the ordered
// list of origin expressions that reproduces RuleIndex's precedence (ruleindex.h):
//
//   exact hosts (list order), wildcard domains (most specific parent first), regexes (list
//   order), applications' JavaScript origins, "*" rules (list order); "null" rules for the
//   opaque origin.
//
// The first entry whose expression matches the canonical origin names the rule whose settings
// answer, exactly as RuleIndex::match() does. Rules a target cannot express are refused by the
// exporter's `refuseRule` callback; the plan then treats them as disabled, so the exported
// configuration answers like the engine does for the same tenant with those rules disabled.
class ExportPlan
{
public:
    struct Entry
    {
        int rule = -1; // index into Tenant::rules
        int application = -1; // index into Tenant::applications when the entry is its origin
        QString regex; // PCRE2, anchored, over the canonical origin, case-insensitive
        QString javaScriptRegex; // the same for JavaScript (RegExp source, flag i)
    };

    // Returns a reason to refuse rule `index` for the target, or an empty string.
    using RuleRefusal = std::function<QString(const Rule &rule, int index)>;

    ExportPlan(const Tenant &tenant, const RuleRefusal &refuseRule);

    // False when the tenant as a whole cannot be exported (issues() says why).
    bool isExportable() const { return m_exportable; }
    const Tenant &tenant() const { return m_tenant; }
    // The tenant as the exported configuration answers it: refused rules disabled.
    const Tenant &effectiveTenant() const { return m_effective; }
    const QList<Entry> &entries() const { return m_entries; }
    const QList<ExportIssue> &issues() const { return m_issues; }
    // Indexes of the rules that are exported (enabled and not refused), in list order.
    QList<int> exportedRules() const;
    // CorsEngine::variesByOrigin() for the effective tenant: every answer carries Vary.
    bool variesByOrigin() const { return m_variesByOrigin; }

    void addIssue(ExportIssue::Kind kind, int rule, const QString &message);

    // Header names joined the way the engine's strict profile writes them.
    static QString joinedList(const QStringList &items);
    // The CORS response headers a backend may send itself, which gateway-wins keeps from the browser.
    static const QStringList &corsResponseHeaders();
    // The methods `rule` allows in a preflight or an actual request as a regex alternation (no
    // anchors): its list and the CORS-safelisted GET, HEAD and POST (Fetch §2.2.1;
    // CorsEngine::methodAllowed), or any method for "*", written as `methodClass`+ (the target's
    // spelling of the token character class, case-sensitive).
    static QString methodAlternatives(const Rule &rule, const QString &methodClass);
    // The request header names `rule` allows, lower-case, as a regex alternation (no anchors):
    // its list and the names every rule allows (Accept, Accept-Language, Content-Language), or
    // any name for "*", written as `tokenClass`+.
    static QString headerAlternatives(const Rule &rule, const QString &tokenClass);

private:
    Tenant m_tenant;
    Tenant m_effective;
    bool m_exportable = true;
    bool m_variesByOrigin = false;
    QList<Entry> m_entries;
    QList<ExportIssue> m_issues;
};

} // namespace cors
