#pragma once

#include "model/httpmessage.h"
#include "model/tenant.h"

namespace cors {

// Which tenant a request is for, when one server hosts several (seeds/000: "Each tenant account
// ... can define its own CORS rules"; "a preflight request to a shared web server ... must
// identify the requesting user using a boomi_auth URL parameter").
//
//   ?tenant=NAME        by tenant name
//   ?boomi_auth=BASE64  base64 of "user:password" (or of "user"): the tenant whose name, or whose
//                       Basic-authentication user, is that user. Only the user identifies the
//                       tenant here; the password is checked by the tenant's authentication.
//   otherwise           the only tenant, if there is exactly one
class TenantSelection
{
public:
    int index = -1;
    QString detail; // one sentence for the trace, or why no tenant was found

    bool isValid() const { return index >= 0; }
    static TenantSelection select(const QList<Tenant> &tenants, const HttpRequest &request);
    // As select(), but a request that names no tenant (neither parameter) goes to `fallback`
    // when it is not empty: the live server's active tenant, the one the designer shows.
    static TenantSelection select(const QList<Tenant> &tenants, const HttpRequest &request,
                                  const QString &fallback);
    static TenantSelection byName(const QList<Tenant> &tenants, const QString &name);
};

} // namespace cors
