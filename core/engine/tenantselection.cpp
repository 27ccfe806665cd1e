#include "tenantselection.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace cors {

TenantSelection TenantSelection::byName(const QList<Tenant> &tenants, const QString &name)
{
    TenantSelection selection;
    for (int i = 0; i < tenants.size(); ++i) {
        if (tenants[i].name == name) {
            selection.index = i;
            selection.detail = u"Tenant \"%1\"."_s.arg(name);
            return selection;
        }
    }
    QStringList names;
    for (const Tenant &tenant : tenants)
        names.append(tenant.name);
    selection.detail = u"There is no tenant \"%1\" (tenants: %2)."_s.arg(
        name, names.isEmpty() ? u"none"_s : names.join(u", "));
    return selection;
}

TenantSelection TenantSelection::select(const QList<Tenant> &tenants, const HttpRequest &request)
{
    const QUrlQuery query(request.url);
    if (query.hasQueryItem(u"tenant"_s)) {
        TenantSelection selection = byName(tenants, query.queryItemValue(u"tenant"_s, QUrl::FullyDecoded));
        if (selection.isValid())
            selection.detail =
                u"Tenant \"%1\", chosen by the tenant URL parameter."_s.arg(tenants[selection.index].name);
        return selection;
    }
    if (query.hasQueryItem(u"boomi_auth"_s)) {
        TenantSelection selection;
        const QByteArray encoded = query.queryItemValue(u"boomi_auth"_s, QUrl::FullyDecoded).toLatin1();
        const auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            selection.detail = u"The boomi_auth parameter is not valid base64."_s;
            return selection;
        }
        const QByteArray &credentials = *decoded;
        const qsizetype colon = credentials.indexOf(':');
        const QString user = QString::fromUtf8(colon >= 0 ? credentials.left(colon) : credentials);
        for (int i = 0; i < tenants.size(); ++i) {
            const Tenant &tenant = tenants[i];
            const bool byUser = tenant.authentication.type == Authentication::Type::Basic
                && tenant.authentication.user == user;
            if (tenant.name == user || byUser) {
                selection.index = i;
                selection.detail =
                    u"Tenant \"%1\", identified by the user \"%2\" in the boomi_auth URL parameter (seeds/000)."_s
                        .arg(tenant.name, user);
                return selection;
            }
        }
        selection.detail =
            u"No tenant belongs to the user \"%1\" named in the boomi_auth parameter."_s.arg(user);
        return selection;
    }
    TenantSelection selection;
    if (tenants.size() == 1) {
        selection.index = 0;
        selection.detail = u"Tenant \"%1\", the only one."_s.arg(tenants.first().name);
    } else {
        selection.detail = tenants.isEmpty()
            ? u"There are no tenants."_s
            : u"The request does not say which of the %1 tenants it is for: add ?tenant=NAME or a boomi_auth parameter."_s
                  .arg(tenants.size());
    }
    return selection;
}

TenantSelection TenantSelection::select(const QList<Tenant> &tenants, const HttpRequest &request,
                                        const QString &fallback)
{
    const QUrlQuery query(request.url);
    if (fallback.isEmpty() || query.hasQueryItem(u"tenant"_s) || query.hasQueryItem(u"boomi_auth"_s))
        return select(tenants, request);
    TenantSelection selection = byName(tenants, fallback);
    if (selection.isValid())
        selection.detail =
            u"Tenant \"%1\", the active tenant (the request names none with ?tenant= or boomi_auth)."_s.arg(
                fallback);
    return selection;
}

} // namespace cors
