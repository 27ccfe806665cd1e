#include "exportplan.h"

#include "originregex.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

QString profileDifference(Profile profile)
{
    switch (profile) {
    case Profile::Strict:
        return {};
    case Profile::Boomi:
        return u"the boomi profile answers a rejected preflight with 200 without Access-Control-Allow-* "
               "headers and an accepted one with 200 and every configured method and header"_s;
    case Profile::WebMethods:
        return u"the webmethods profile rejects with 403 \"Specified Origin is not allowed\", 405 \"Method "
               u"Not Allowed\" "
               "and 403 \"Header Not Supported\" and answers accepted preflights with 200 and the configured lists"_s;
    case Profile::Apig:
        return u"the apig profile answers every origin with Access-Control-Allow-Origin: *, its default "
               "lists and max-age 172800"_s;
    }
    return {};
}

} // namespace

QString ExportPlan::joinedList(const QStringList &items)
{
    QStringList trimmed;
    for (const QString &item : items)
        trimmed.append(item.trimmed());
    return trimmed.join(u", ");
}

const QStringList &ExportPlan::corsResponseHeaders()
{
    static const QStringList names = {
        u"Access-Control-Allow-Origin"_s,   u"Access-Control-Allow-Credentials"_s,
        u"Access-Control-Allow-Methods"_s,  u"Access-Control-Allow-Headers"_s,
        u"Access-Control-Expose-Headers"_s, u"Access-Control-Max-Age"_s
    };
    return names;
}

QString ExportPlan::methodAlternatives(const Rule &rule, const QString &methodClass)
{
    QStringList methods;
    for (const QString &method : rule.methods) {
        if (method.trimmed() == u"*")
            return methodClass + u'+';
        methods.append(OriginRegex::escape(method.trimmed()));
    }
    for (const QString &safe : { u"GET"_s, u"HEAD"_s, u"POST"_s }) {
        if (!methods.contains(safe))
            methods.append(safe);
    }
    return u"(?:"_s + methods.join(u'|') + u')';
}

QString ExportPlan::headerAlternatives(const Rule &rule, const QString &tokenClass)
{
    QStringList names;
    for (const QString &name : rule.allowHeaders) {
        if (name.trimmed() == u"*")
            return tokenClass + u'+';
        names.append(OriginRegex::escape(name.trimmed().toLower()));
    }
    for (const QString &name : { u"accept"_s, u"accept-language"_s, u"content-language"_s })
        names.append(OriginRegex::escape(name));
    return u"(?:"_s + names.join(u'|') + u')';
}

void ExportPlan::addIssue(ExportIssue::Kind kind, int rule, const QString &message)
{
    m_issues.append({ kind, rule, message });
}

QList<int> ExportPlan::exportedRules() const
{
    QList<int> result;
    for (int i = 0; i < m_effective.rules.size(); ++i) {
        if (m_effective.rules[i].enabled)
            result.append(i);
    }
    return result;
}

ExportPlan::ExportPlan(const Tenant &tenant, const RuleRefusal &refuseRule)
    : m_tenant(tenant)
    , m_effective(tenant)
{
    if (tenant.profile != Profile::Strict) {
        addIssue(
            ExportIssue::Kind::Refused, -1,
            u"tenant \"%1\" uses the %2 profile; the exported configurations reproduce the strict profile "
            "(the Fetch standard: 204 / 403 for preflights), and %3. Set the tenant's profile to strict to "
            "export it."_s.arg(tenant.name, profileName(tenant.profile), profileDifference(tenant.profile)));
        m_exportable = false;
    }
    if (!tenant.corsEnabled()) {
        addIssue(ExportIssue::Kind::Refused, -1,
                 u"tenant \"%1\" has API Type %2: CORS rules apply only to advanced APIs (seeds/000), so "
                 "there is no CORS configuration to export."_s.arg(tenant.name, apiTypeName(tenant.apiType)));
        m_exportable = false;
    }
    if (!m_exportable)
        return;

    switch (tenant.authentication.type) {
    case Authentication::Type::None:
        break;
    case Authentication::Type::Basic:
    case Authentication::Type::Token:
        addIssue(ExportIssue::Kind::Differs, -1,
                 u"the tenant's %1 authentication is not exported: the configuration answers actual requests "
                 "without checking credentials, where the engine answers 401 (with the CORS headers the "
                 "origin is entitled to). Configure authentication in the server itself, after the CORS "
                 "directives."_s.arg(Authentication::typeName(tenant.authentication.type)));
        break;
    }
    if (tenant.backendMerge != BackendMerge::GatewayWins) {
        addIssue(
            ExportIssue::Kind::Differs, -1,
            u"backend merge %1 is exported as gateway-wins: the backend's own Access-Control-* headers are "
            "removed and the configuration's CORS answer stands%2."_s.arg(
                backendMergeName(tenant.backendMerge),
                tenant.backendMerge == BackendMerge::PassthroughIfNoRule
                    ? u"; a preflight from an origin no rule matches gets 403 where the engine passes it to the backend"_s
                    : QString()));
    }

    for (int i = 0; i < tenant.rules.size(); ++i) {
        Rule &rule = m_effective.rules[i];
        if (!rule.enabled)
            continue;
        QString reason;
        if (const QList<FieldProblem> problems = rule.validate(); !problems.isEmpty())
            reason = u"the rule is invalid (%1: %2)"_s.arg(problems.first().field, problems.first().message);
        else if (rule.pattern().kind() == OriginPattern::Kind::Regex)
            reason = OriginRegex::commonProblem(rule.pattern().regexPattern());
        if (reason.isEmpty() && refuseRule)
            reason = refuseRule(rule, i);
        if (!reason.isEmpty()) {
            addIssue(ExportIssue::Kind::Refused, i,
                     reason + u"; the configuration answers as if the rule were disabled"_s);
            rule.enabled = false;
        }
    }

    // RuleIndex precedence (ruleindex.h), over the rules that are left.
    QList<int> hosts, wildcards, regexes, anys, nulls;
    for (int i = 0; i < m_effective.rules.size(); ++i) {
        const Rule &rule = m_effective.rules[i];
        if (!rule.enabled)
            continue;
        switch (rule.pattern().kind()) {
        case OriginPattern::Kind::Host:
            hosts.append(i);
            break;
        case OriginPattern::Kind::Subdomains:
            wildcards.append(i);
            break;
        case OriginPattern::Kind::Regex:
            regexes.append(i);
            break;
        case OriginPattern::Kind::Any:
            anys.append(i);
            break;
        case OriginPattern::Kind::Null:
            nulls.append(i);
            break;
        }
    }
    // For one host, the parents it has are suffixes of each other: more labels = more specific.
    std::stable_sort(wildcards.begin(), wildcards.end(), [&](int a, int b) {
        return m_effective.rules[a].pattern().host().count(u'.')
            > m_effective.rules[b].pattern().host().count(u'.');
    });

    const auto addRule = [&](int i) {
        const Rule &rule = m_effective.rules[i];
        Entry entry;
        entry.rule = i;
        if (rule.pattern().kind() == OriginPattern::Kind::Regex) {
            const QString pattern = rule.pattern().regexPattern();
            entry.regex = OriginRegex::forRule(rule, pattern);
            QString why;
            if (const auto js = OriginRegex::toJavaScript(pattern, &why))
                entry.javaScriptRegex = OriginRegex::forRule(rule, *js);
        } else {
            entry.regex = OriginRegex::forRule(rule);
            entry.javaScriptRegex = entry.regex;
        }
        m_entries.append(entry);
    };
    for (const int i : std::as_const(nulls))
        addRule(i);
    for (const int i : std::as_const(hosts))
        addRule(i);
    for (const int i : std::as_const(wildcards))
        addRule(i);
    for (const int i : std::as_const(regexes))
        addRule(i);
    QSet<QString> applicationOrigins;
    for (int a = 0; a < m_effective.applications.size(); ++a) {
        const Application &application = m_effective.applications[a];
        const int rule = m_effective.applicationRuleIndex(application);
        if (rule < 0)
            continue;
        for (const QString &text : application.origins) {
            const auto origin = Origin::parse(text);
            if (!origin)
                continue;
            const QString serialized = origin->serialize();
            if (!origin->isOpaque() && origin->scheme() != u"http" && origin->scheme() != u"https") {
                addIssue(ExportIssue::Kind::Differs, rule,
                         u"application \"%1\": the JavaScript origin %2 is neither http nor https and is "
                         "never matched by the configuration"_s.arg(application.name, serialized));
                continue;
            }
            // RuleIndex keeps the last application that lists an origin.
            if (applicationOrigins.contains(serialized))
                m_entries.removeIf([&](const Entry &e) {
                    return e.application >= 0 && e.regex == OriginRegex::forOrigin(serialized);
                });
            applicationOrigins.insert(serialized);
            const QString regex = OriginRegex::forOrigin(serialized);
            m_entries.append({ rule, a, regex, regex });
        }
    }
    for (const int i : std::as_const(anys))
        addRule(i);

    m_variesByOrigin = !exportedRules().isEmpty() || !m_effective.applications.isEmpty();
}

} // namespace cors
