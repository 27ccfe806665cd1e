#include "bundlewriter.h"

#include "model/jsontext.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

QJsonArray toArray(const QStringList &items)
{
    return QJsonArray::fromStringList(items);
}

const QStringList &keyOrder()
{
    static const QStringList order = { u"format"_s,         u"version"_s,       u"tenants"_s,
                                       u"name"_s,           u"description"_s,   u"production"_s,
                                       u"apiType"_s,        u"profile"_s,       u"authentication"_s,
                                       u"backendMerge"_s,   u"rules"_s,         u"applications"_s,
                                       u"type"_s,           u"user"_s,          u"password"_s,
                                       u"header"_s,         u"value"_s,         u"domain"_s,
                                       u"protocols"_s,      u"ports"_s,         u"methods"_s,
                                       u"allowHeaders"_s,   u"exposeHeaders"_s, u"allowCredentials"_s,
                                       u"cachePreflight"_s, u"maxAge"_s,        u"enabled"_s,
                                       u"note"_s,           u"origins"_s,       u"rule"_s };
    return order;
}

} // namespace

QByteArray BundleWriter::serialize(const QJsonValue &value)
{
    return JsonText::serialize(value, keyOrder());
}

QByteArray BundleWriter::write(const Bundle &bundle)
{
    return serialize(toJson(bundle));
}

QJsonObject BundleWriter::toJson(const Bundle &bundle)
{
    QJsonArray tenants;
    for (const Tenant &tenant : bundle.tenants)
        tenants.append(toJson(tenant));
    return { { u"format"_s, u"cors-studio-bundle"_s },
             { u"version"_s, Bundle::kVersion },
             { u"tenants"_s, tenants } };
}

QJsonObject BundleWriter::toJson(const Tenant &tenant)
{
    QJsonObject authentication { { u"type"_s, Authentication::typeName(tenant.authentication.type) } };
    switch (tenant.authentication.type) {
    case Authentication::Type::None:
        break;
    case Authentication::Type::Basic:
        authentication.insert(u"user"_s, tenant.authentication.user);
        authentication.insert(u"password"_s, tenant.authentication.password);
        break;
    case Authentication::Type::Token:
        authentication.insert(u"header"_s, tenant.authentication.header);
        authentication.insert(u"value"_s, tenant.authentication.value);
        break;
    }
    QJsonArray rules;
    for (const Rule &rule : tenant.rules)
        rules.append(toJson(rule));
    QJsonArray applications;
    for (const Application &application : tenant.applications)
        applications.append(toJson(application));
    return { { u"name"_s, tenant.name },
             { u"description"_s, tenant.description },
             { u"production"_s, tenant.production },
             { u"apiType"_s, apiTypeName(tenant.apiType) },
             { u"profile"_s, profileName(tenant.profile) },
             { u"authentication"_s, authentication },
             { u"backendMerge"_s, backendMergeName(tenant.backendMerge) },
             { u"rules"_s, rules },
             { u"applications"_s, applications } };
}

QJsonObject BundleWriter::toJson(const Rule &rule)
{
    QJsonArray ports;
    for (const QString &item : rule.ports.toStringList()) {
        bool isNumber = false;
        const int port = item.toInt(&isNumber);
        ports.append(isNumber ? QJsonValue(port) : QJsonValue(item));
    }
    return { { u"domain"_s, rule.domain },
             { u"protocols"_s, toArray(protocolNames(rule.protocols)) },
             { u"ports"_s, ports },
             { u"methods"_s, toArray(rule.methods) },
             { u"allowHeaders"_s, toArray(rule.allowHeaders) },
             { u"exposeHeaders"_s, toArray(rule.exposeHeaders) },
             { u"allowCredentials"_s, rule.allowCredentials },
             { u"cachePreflight"_s, rule.cachePreflight },
             { u"maxAge"_s, rule.maxAge },
             { u"enabled"_s, rule.enabled },
             { u"note"_s, rule.note } };
}

QJsonObject BundleWriter::toJson(const Application &application)
{
    return { { u"name"_s, application.name },
             { u"origins"_s, toArray(application.origins) },
             { u"rule"_s, application.rule } };
}

} // namespace cors
