#pragma once

#include "model/tenant.h"

#include <QList>

namespace cors {

// The portable form of one or more tenants: `*.corsbundle.json`, format "cors-studio-bundle",
// version 1 (DESIGN.md, "Bundles"; resources/cors-studio-bundle.schema.json).
struct Bundle
{
    static constexpr int kVersion = 1;

    QList<Tenant> tenants;

    const Tenant *tenant(const QString &name) const;
    QStringList tenantNames() const;

    friend bool operator==(const Bundle &, const Bundle &) = default;
};

} // namespace cors
