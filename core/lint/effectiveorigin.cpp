#include "effectiveorigin.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

QString portsSuffix(const PortSet &ports, OriginPattern::Kind kind)
{
    // RuleIndex: "*" and regex rules with no ports listed leave the port to the pattern.
    if (ports.isAny() || (ports.isDefault() && kind == OriginPattern::Kind::Any))
        return u":*"_s;
    if (ports.isDefault())
        return QString();
    return u":"_s + ports.toStringList().join(u',');
}

QString ruleText(const Tenant &tenant, int rule)
{
    return u"rules[%1] \"%2\""_s.arg(rule).arg(tenant.rules[rule].domain);
}

} // namespace

QString effectiveOriginSourceName(EffectiveOrigin::Source source)
{
    switch (source) {
    case EffectiveOrigin::Source::Rule:
        return u"rule"_s;
    case EffectiveOrigin::Source::Application:
        return u"application"_s;
    case EffectiveOrigin::Source::Profile:
        return u"profile"_s;
    }
    return {};
}

QJsonObject EffectiveOrigin::toJson() const
{
    QJsonObject object;
    object.insert(u"pattern"_s, pattern);
    object.insert(u"source"_s, effectiveOriginSourceName(source));
    object.insert(u"rule"_s, rule >= 0 ? QJsonValue(rule) : QJsonValue(QJsonValue::Null));
    object.insert(u"application"_s,
                  application >= 0 ? QJsonValue(application) : QJsonValue(QJsonValue::Null));
    object.insert(u"from"_s, from);
    object.insert(u"credentials"_s, credentials);
    return object;
}

QList<EffectiveOrigin> EffectiveOrigin::of(const Tenant &tenant)
{
    if (!tenant.corsEnabled())
        return {};
    return of(tenant, RuleIndex(tenant));
}

QList<EffectiveOrigin> EffectiveOrigin::of(const Tenant &tenant, const RuleIndex &index)
{
    QList<EffectiveOrigin> result;
    if (!tenant.corsEnabled())
        return result;
    result.reserve(tenant.rules.size() * 2 + tenant.applications.size());
    // Tenant::applicationRuleIndex() for every application, in one pass over the rules.
    QHash<QString, int> firstEnabled;
    int firstRule = -1;
    for (int i = 0; i < tenant.rules.size(); ++i) {
        const Rule &rule = tenant.rules[i];
        if (!rule.enabled)
            continue;
        if (firstRule < 0)
            firstRule = i;
        if (!firstEnabled.contains(rule.domain))
            firstEnabled.insert(rule.domain, i);
        const OriginPattern *pattern = index.pattern(i);
        if (!pattern)
            continue; // invalid: the index skips it too
        EffectiveOrigin entry;
        entry.source = Source::Rule;
        entry.rule = i;
        entry.from = ruleText(tenant, i);
        entry.credentials = rule.allowCredentials;
        switch (pattern->kind()) {
        case OriginPattern::Kind::Regex:
        case OriginPattern::Kind::Null:
            entry.pattern = pattern->toString();
            result.append(entry);
            break;
        case OriginPattern::Kind::Host:
        case OriginPattern::Kind::Subdomains:
        case OriginPattern::Kind::Any: {
            const QString ports = portsSuffix(rule.ports, pattern->kind());
            for (const QString &scheme : protocolNames(rule.protocols)) {
                entry.pattern = scheme + u"://"_s + pattern->toString() + ports;
                result.append(entry);
            }
            break;
        }
        }
    }
    for (int a = 0; a < tenant.applications.size(); ++a) {
        const Application &application = tenant.applications[a];
        const int rule = application.rule.isEmpty() ? firstRule : firstEnabled.value(application.rule, -1);
        if (rule < 0)
            continue; // its origins get no rule, so they are not trusted
        for (const QString &text : application.origins) {
            const auto origin = Origin::parse(QStringView(text));
            if (!origin)
                continue;
            EffectiveOrigin entry;
            entry.pattern = origin->serialize();
            entry.source = Source::Application;
            entry.rule = rule;
            entry.application = a;
            entry.from =
                u"application \"%1\" (settings of %2)"_s.arg(application.name, ruleText(tenant, rule));
            entry.credentials = tenant.rules[rule].allowCredentials;
            result.append(entry);
        }
    }
    if (tenant.profile == Profile::Apig && tenant.backendMerge != BackendMerge::PassthroughIfNoRule) {
        // seeds/002: with CORS enabled, APIG answers any origin no rule matches with "*".
        EffectiveOrigin entry;
        entry.pattern = u"*"_s;
        entry.source = Source::Profile;
        entry.from = u"profile apig: every other origin gets Access-Control-Allow-Origin: * (seeds/002)"_s;
        result.append(entry);
    }
    return result;
}

} // namespace cors
