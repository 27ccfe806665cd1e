#pragma once

#include "importreport.h"
#include "model/tenant.h"

#include <optional>

namespace cors {

// What importing one tenant of a bundle makes of the workspace's tenant of the same name — the
// rules of ImportMode, without any storage, so that they can be tested (and previewed by the
// GUI) on their own.
//
// Rules are matched by domain and applications by name. Neither has to be unique, so the k-th
// rule for a domain in the bundle is matched with the k-th rule for that domain in the
// workspace; a duplicate is then never lost nor invented.
class BundleMerge
{
public:
    // One item (rule or application) that the import changes.
    struct ItemChange
    {
        enum class Kind { Added, Changed, Removed };
        Kind kind = Kind::Added;
        int oldIndex = -1; // in the workspace's list; -1 when Added
        int newIndex = -1; // in the resulting list; -1 when Removed

        friend bool operator==(const ItemChange &, const ItemChange &) = default;
    };

    struct Result
    {
        Tenant tenant; // the tenant as the workspace will hold it
        ImportReport::TenantReport report;
        QList<ItemChange> ruleChanges; // for a tenant that was already there
        QList<ItemChange> applicationChanges;

        friend bool operator==(const Result &, const Result &) = default;
    };

    // `current` is the workspace's tenant called `incoming.name`, or nullopt when there is none.
    static Result merge(const std::optional<Tenant> &current, const Tenant &incoming, ImportMode mode);
};

} // namespace cors
