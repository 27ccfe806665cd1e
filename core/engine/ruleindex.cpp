#include "ruleindex.h"

namespace cors {

RuleIndex::RuleIndex(const Tenant &tenant)
{
    for (int i = 0; i < tenant.rules.size(); ++i) {
        const Rule &rule = tenant.rules[i];
        if (!rule.enabled)
            continue;
        const auto pattern = OriginPattern::parse(rule.domain);
        if (!pattern)
            continue; // an invalid rule never matches; validation reports it
        const int position = int(m_rules.size());
        m_rules.append({ i, *pattern, rule.protocols, rule.ports });
        m_positionOfRule.insert(i, position);
        switch (pattern->kind()) {
        case OriginPattern::Kind::Host:
            m_byHost[pattern->host()].append(position);
            break;
        case OriginPattern::Kind::Subdomains:
            m_byParentDomain[pattern->host()].append(position);
            break;
        case OriginPattern::Kind::Regex:
            m_regex.append(position);
            break;
        case OriginPattern::Kind::Any:
            m_any.append(position);
            break;
        case OriginPattern::Kind::Null:
            m_null.append(position);
            break;
        }
    }
    for (int a = 0; a < tenant.applications.size(); ++a) {
        const Application &application = tenant.applications[a];
        m_applicationRule.append(tenant.applicationRuleIndex(application));
        for (const QString &text : application.origins) {
            if (const auto origin = Origin::parse(text))
                m_applicationByOrigin.insert(origin->serialize(), a);
        }
    }
}

bool RuleIndex::accepts(const CompiledRule &rule, const Origin &origin) const
{
    if (rule.pattern.kind() == OriginPattern::Kind::Null)
        return origin.isOpaque();
    if (origin.isOpaque())
        return false;
    const auto protocol = protocolFromName(origin.scheme());
    if (!protocol || !rule.protocols.testFlag(*protocol))
        return false;
    if (rule.ports.isAny())
        return true;
    if (rule.ports.isDefault()) {
        // "*" and regex rules leave the port to the pattern; host rules mean the default port.
        const auto kind = rule.pattern.kind();
        return kind == OriginPattern::Kind::Any || kind == OriginPattern::Kind::Regex
            || origin.usesDefaultPort();
    }
    return rule.ports.contains(origin.port());
}

bool RuleIndex::acceptsSchemeAndPort(int ruleIndex, const Origin &origin) const
{
    const auto it = m_positionOfRule.constFind(ruleIndex);
    return it != m_positionOfRule.constEnd() && accepts(m_rules[*it], origin);
}

bool RuleIndex::accepts(int ruleIndex, const Origin &origin) const
{
    const auto it = m_positionOfRule.constFind(ruleIndex);
    if (it == m_positionOfRule.constEnd())
        return false;
    const CompiledRule &rule = m_rules[*it];
    return accepts(rule, origin) && rule.pattern.matches(origin);
}

const OriginPattern *RuleIndex::pattern(int ruleIndex) const
{
    const auto it = m_positionOfRule.constFind(ruleIndex);
    return it == m_positionOfRule.constEnd() ? nullptr : &m_rules[*it].pattern;
}

// Calls visit(position, applicationIndex) for every candidate in precedence order until it
// returns true.
template<typename Visitor> bool RuleIndex::visitCandidates(const Origin &origin, Visitor &&visit) const
{
    const auto tryList = [&](const QList<int> &positions) {
        for (const int position : positions) {
            if (accepts(m_rules[position], origin) && visit(m_rules[position].ruleIndex, -1))
                return true;
        }
        return false;
    };

    if (origin.isOpaque()) {
        if (tryList(m_null))
            return true;
    } else {
        const QString &host = origin.host();
        if (const auto it = m_byHost.constFind(host); it != m_byHost.constEnd() && tryList(*it))
            return true;
        if (!m_byParentDomain.isEmpty()) {
            for (qsizetype dot = host.indexOf(u'.'); dot >= 0; dot = host.indexOf(u'.', dot + 1)) {
                const QStringView parent = QStringView(host).sliced(dot + 1);
                if (parent.isEmpty())
                    break;
                if (const auto it = m_byParentDomain.constFind(parent.toString());
                    it != m_byParentDomain.constEnd() && tryList(*it))
                    return true;
            }
        }
        for (const int position : m_regex) {
            const CompiledRule &rule = m_rules[position];
            if (accepts(rule, origin) && rule.pattern.matches(origin) && visit(rule.ruleIndex, -1))
                return true;
        }
    }
    if (!m_applicationByOrigin.isEmpty()) {
        const auto it = m_applicationByOrigin.constFind(origin.serialize());
        if (it != m_applicationByOrigin.constEnd()) {
            const int ruleIndex = m_applicationRule.value(*it, -1);
            if (ruleIndex >= 0 && visit(ruleIndex, *it))
                return true;
        }
    }
    if (!origin.isOpaque() && tryList(m_any))
        return true;
    return false;
}

QList<int> RuleIndex::rulesCoveringHost(const Origin &origin) const
{
    QList<int> result;
    if (origin.isOpaque())
        return result;
    const QString &host = origin.host();
    for (const int position : m_byHost.value(host))
        result.append(m_rules[position].ruleIndex);
    for (qsizetype dot = host.indexOf(u'.'); dot >= 0; dot = host.indexOf(u'.', dot + 1)) {
        for (const int position : m_byParentDomain.value(host.sliced(dot + 1)))
            result.append(m_rules[position].ruleIndex);
    }
    for (const int position : m_any)
        result.append(m_rules[position].ruleIndex);
    return result;
}

RuleIndex::Match RuleIndex::match(const Origin &origin) const
{
    Match result;
    visitCandidates(origin, [&](int ruleIndex, int applicationIndex) {
        result.rule = ruleIndex;
        result.application = applicationIndex;
        return true;
    });
    return result;
}

QList<int> RuleIndex::matchingRules(const Origin &origin) const
{
    QList<int> result;
    visitCandidates(origin, [&](int ruleIndex, int applicationIndex) {
        if (applicationIndex < 0 && !result.contains(ruleIndex))
            result.append(ruleIndex);
        return false;
    });
    return result;
}

} // namespace cors
