#include "bundlemerge.h"

#include "tenantsettings.h"

#include <QHash>

namespace cors {

namespace {

using ItemChange = BundleMerge::ItemChange;

// For each item of `incoming`, the index of the item of `current` it matches, or -1: the k-th
// occurrence of a key in `incoming` matches the k-th occurrence of that key in `current`.
template<typename Item, typename KeyOf>
QList<int> matchByKey(const QList<Item> &current, const QList<Item> &incoming, KeyOf keyOf)
{
    QHash<QString, QList<int>> currentByKey;
    for (int i = 0; i < current.size(); ++i)
        currentByKey[keyOf(current[i])].append(i);
    QHash<QString, int> seen;
    QList<int> matches;
    matches.reserve(incoming.size());
    for (const Item &item : incoming) {
        const QString key = keyOf(item);
        const int occurrence = seen[key]++;
        const QList<int> candidates = currentByKey.value(key);
        matches.append(occurrence < candidates.size() ? candidates[occurrence] : -1);
    }
    return matches;
}

template<typename Item, typename KeyOf>
void mergeItems(QList<Item> &result, const QList<Item> &current, const QList<Item> &incoming, ImportMode mode,
                KeyOf keyOf, ImportReport::Items &report, QList<ItemChange> &changes, bool *reordered)
{
    const QList<int> matches = matchByKey(current, incoming, keyOf);
    if (mode == ImportMode::Merge) {
        result = current;
        for (int j = 0; j < incoming.size(); ++j) {
            const int i = matches[j];
            if (i < 0) {
                result.append(incoming[j]);
                report.added.append(keyOf(incoming[j]));
                changes.append({ ItemChange::Kind::Added, -1, int(result.size() - 1) });
            } else if (current[i] == incoming[j]) {
                report.unchanged.append(keyOf(incoming[j]));
            } else {
                result[i] = incoming[j];
                report.changed.append(keyOf(incoming[j]));
                changes.append({ ItemChange::Kind::Changed, i, i });
            }
        }
        return;
    }

    result = incoming;
    QList<bool> kept(current.size(), false);
    // Kept items must stay in the same relative order for the list not to count as reordered.
    int lastKept = -1;
    for (int j = 0; j < incoming.size(); ++j) {
        const int i = matches[j];
        if (i < 0) {
            report.added.append(keyOf(incoming[j]));
            changes.append({ ItemChange::Kind::Added, -1, j });
            continue;
        }
        kept[i] = true;
        if (i < lastKept && reordered)
            *reordered = true;
        lastKept = i;
        if (current[i] == incoming[j]) {
            // Unchanged, though maybe at another index: a removal or an insertion before it
            // shifts it, and a reordering is reported once for the whole list.
            report.unchanged.append(keyOf(incoming[j]));
        } else {
            report.changed.append(keyOf(incoming[j]));
            changes.append({ ItemChange::Kind::Changed, i, j });
        }
    }
    for (int i = 0; i < current.size(); ++i) {
        if (!kept[i]) {
            report.removed.append(keyOf(current[i]));
            changes.append({ ItemChange::Kind::Removed, i, -1 });
        }
    }
}

} // namespace

BundleMerge::Result BundleMerge::merge(const std::optional<Tenant> &current, const Tenant &incoming,
                                       ImportMode mode)
{
    Result result;
    result.report.tenant = incoming.name;
    const auto ruleKey = [](const Rule &rule) {
        return rule.domain;
    };
    const auto applicationKey = [](const Application &application) {
        return application.name;
    };

    if (!current) {
        result.tenant = incoming;
        result.report.action = ImportReport::TenantReport::Action::Added;
        for (const Rule &rule : incoming.rules)
            result.report.rules.added.append(rule.domain);
        for (const Application &application : incoming.applications)
            result.report.applications.added.append(application.name);
        return result;
    }

    result.tenant = *current;
    const QStringList settingsDiffer =
        TenantSettings::differences(TenantSettings::of(*current), TenantSettings::of(incoming));
    if (mode == ImportMode::Replace) {
        result.report.action = ImportReport::TenantReport::Action::Replaced;
        TenantSettings::of(incoming).applyTo(result.tenant);
        result.report.settingsChanged = settingsDiffer;
    } else {
        result.report.action = ImportReport::TenantReport::Action::Merged;
        result.report.settingsKept = settingsDiffer;
    }
    mergeItems(result.tenant.rules, current->rules, incoming.rules, mode, ruleKey, result.report.rules,
               result.ruleChanges, &result.report.rulesReordered);
    mergeItems(result.tenant.applications, current->applications, incoming.applications, mode, applicationKey,
               result.report.applications, result.applicationChanges, &result.report.applicationsReordered);
    return result;
}

} // namespace cors
