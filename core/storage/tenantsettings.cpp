#include "tenantsettings.h"

#include "bundle/bundlewriter.h"

using namespace Qt::StringLiterals;

namespace cors {

TenantSettings TenantSettings::of(const Tenant &tenant)
{
    return { tenant.description, tenant.production,     tenant.apiType,
             tenant.profile,     tenant.authentication, tenant.backendMerge };
}

void TenantSettings::applyTo(Tenant &tenant) const
{
    tenant.description = description;
    tenant.production = production;
    tenant.apiType = apiType;
    tenant.profile = profile;
    tenant.authentication = authentication;
    tenant.backendMerge = backendMerge;
}

QJsonObject TenantSettings::toJson() const
{
    // The bundle writer decides how each setting is written (which authentication fields go
    // with which type); the history and the bundle must agree.
    Tenant tenant;
    applyTo(tenant);
    QJsonObject object = BundleWriter::toJson(tenant);
    object.remove(u"name"_s);
    object.remove(u"rules"_s);
    object.remove(u"applications"_s);
    return object;
}

QStringList TenantSettings::differences(const TenantSettings &a, const TenantSettings &b)
{
    QStringList fields;
    if (a.description != b.description)
        fields.append(u"description"_s);
    if (a.production != b.production)
        fields.append(u"production"_s);
    if (a.apiType != b.apiType)
        fields.append(u"apiType"_s);
    if (a.profile != b.profile)
        fields.append(u"profile"_s);
    if (a.authentication != b.authentication)
        fields.append(u"authentication"_s);
    if (a.backendMerge != b.backendMerge)
        fields.append(u"backendMerge"_s);
    return fields;
}

} // namespace cors
