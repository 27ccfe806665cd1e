#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace cors {

enum class Severity {
    Info, // worth knowing; nothing breaks and nothing is exposed
    Warning, // probably not what was meant: an exposure or a request that will fail
    Error, // exploitable, or certainly broken
};

QString severityName(Severity severity);
std::optional<Severity> severityFromName(QStringView name);

// One thing the linter found in a tenant, located the way the designer shows it: the rule (or
// application) and the JSON field of its form, and the list item within that field.
//
// `field` is a JSON field name of the bundle format: for a rule "domain", "protocols", "ports",
// "methods", "allowHeaders", "exposeHeaders", "allowCredentials", "cachePreflight", "maxAge"; for
// an application "origins" or "rule"; for the tenant itself (rule and application both -1)
// "apiType", "profile", "production" or "backendMerge".
struct LintFinding
{
    QString id; // stable, kebab-case: what kind of finding it is ("credentials-with-wildcard")
    Severity severity = Severity::Warning;
    int rule = -1; // index into Tenant::rules, or -1
    int application = -1; // index into Tenant::applications, or -1
    QString field;
    int item = -1; // index into a list field (methods[2], origins[0]), or -1
    QString message; // one sentence: what an attacker or a browser does with it
    QString fix; // one sentence: what to change
    QString proof; // the crafted origin the rule index accepted, when the finding is a bypass

    bool isTenantLevel() const { return rule < 0 && application < 0; }
    // Where it points, as a JSON path into the tenant: "rules[2].methods[1]", "applications[0].origins[3]",
    // "profile".
    QString path() const;
    // The `corsctl lint --format json` object.
    QJsonObject toJson() const;

    friend bool operator==(const LintFinding &, const LintFinding &) = default;
};

} // namespace cors
