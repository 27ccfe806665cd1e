#include "bundle.h"

namespace cors {

const Tenant *Bundle::tenant(const QString &name) const
{
    for (const Tenant &t : tenants) {
        if (t.name == name)
            return &t;
    }
    return nullptr;
}

QStringList Bundle::tenantNames() const
{
    QStringList names;
    for (const Tenant &t : tenants)
        names.append(t.name);
    return names;
}

} // namespace cors
