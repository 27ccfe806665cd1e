#pragma once

#include "model/tenant.h"

#include <QJsonObject>
#include <QStringList>

namespace cors {

// A tenant's General settings: everything but its name, rules and applications. The GUI's
// General tab edits one of these as a whole, and the workspace stores it in one edit.
struct TenantSettings
{
    QString description;
    bool production = false;
    ApiType apiType = ApiType::Advanced;
    Profile profile = Profile::Strict;
    Authentication authentication;
    BackendMerge backendMerge = BackendMerge::GatewayWins;

    static TenantSettings of(const Tenant &tenant);
    void applyTo(Tenant &tenant) const;

    // The bundle's fields ("description", "profile", "authentication", …).
    QJsonObject toJson() const;
    // The bundle field names of the settings that differ between `a` and `b`, in bundle order.
    static QStringList differences(const TenantSettings &a, const TenantSettings &b);

    friend bool operator==(const TenantSettings &, const TenantSettings &) = default;
};

} // namespace cors
