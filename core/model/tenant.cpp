#include "tenant.h"

#include "httpheaders.h"

using namespace Qt::StringLiterals;

namespace cors {

namespace {
template<typename Enum, typename NameFunction>
std::optional<Enum> fromName(QStringView name, std::initializer_list<Enum> values, NameFunction nameOf)
{
    for (const Enum value : values) {
        if (name == nameOf(value))
            return value;
    }
    return std::nullopt;
}
} // namespace

QString apiTypeName(ApiType type)
{
    switch (type) {
    case ApiType::Basic:
        return u"basic"_s;
    case ApiType::Intermediate:
        return u"intermediate"_s;
    case ApiType::Advanced:
        return u"advanced"_s;
    }
    return {};
}

std::optional<ApiType> apiTypeFromName(QStringView name)
{
    return fromName(name, { ApiType::Basic, ApiType::Intermediate, ApiType::Advanced }, apiTypeName);
}

QString profileName(Profile profile)
{
    switch (profile) {
    case Profile::Strict:
        return u"strict"_s;
    case Profile::Boomi:
        return u"boomi"_s;
    case Profile::WebMethods:
        return u"webmethods"_s;
    case Profile::Apig:
        return u"apig"_s;
    }
    return {};
}

std::optional<Profile> profileFromName(QStringView name)
{
    return fromName(name, { Profile::Strict, Profile::Boomi, Profile::WebMethods, Profile::Apig },
                    profileName);
}

QString backendMergeName(BackendMerge merge)
{
    switch (merge) {
    case BackendMerge::BackendWins:
        return u"backend-wins"_s;
    case BackendMerge::GatewayWins:
        return u"gateway-wins"_s;
    case BackendMerge::PassthroughIfNoRule:
        return u"passthrough-if-no-rule"_s;
    }
    return {};
}

std::optional<BackendMerge> backendMergeFromName(QStringView name)
{
    return fromName(
        name, { BackendMerge::BackendWins, BackendMerge::GatewayWins, BackendMerge::PassthroughIfNoRule },
        backendMergeName);
}

int Tenant::applicationRuleIndex(const Application &application) const
{
    for (int i = 0; i < rules.size(); ++i) {
        if (!rules[i].enabled)
            continue;
        if (application.rule.isEmpty() || rules[i].domain == application.rule)
            return i;
    }
    return -1;
}

QList<FieldProblem> Tenant::validate() const
{
    QList<FieldProblem> problems;
    if (name.trimmed().isEmpty())
        problems.append({ u"name"_s, -1, u"the tenant needs a name"_s });
    else if (name != name.trimmed())
        problems.append({ u"name"_s, -1, u"the tenant name \"%1\" starts or ends with spaces"_s.arg(name) });
    switch (authentication.type) {
    case Authentication::Type::None:
        break;
    case Authentication::Type::Basic:
        if (authentication.user.isEmpty())
            problems.append({ u"authentication.user"_s, -1, u"basic authentication needs a user name"_s });
        if (authentication.user.contains(u':'))
            problems.append(
                { u"authentication.user"_s, -1, u"a basic-authentication user name cannot contain ':'"_s });
        break;
    case Authentication::Type::Token:
        if (!HttpHeaders::isToken(authentication.header.toLatin1()))
            problems.append({ u"authentication.header"_s, -1,
                              u"\"%1\" is not a valid header name"_s.arg(authentication.header) });
        if (authentication.value.isEmpty())
            problems.append({ u"authentication.value"_s, -1, u"token authentication needs a token value"_s });
        break;
    }
    for (int i = 0; i < applications.size(); ++i) {
        const Application &application = applications[i];
        if (!application.rule.isEmpty() && applicationRuleIndex(application) < 0) {
            problems.append(
                { u"applications"_s, i,
                  u"application \"%1\" refers to the rule \"%2\", which does not exist or is disabled"_s.arg(
                      application.name, application.rule) });
        }
    }
    return problems;
}

} // namespace cors
