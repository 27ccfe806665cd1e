#include "importreport.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cors {

QString importModeName(ImportMode mode)
{
    switch (mode) {
    case ImportMode::Replace:
        return u"replace"_s;
    case ImportMode::Merge:
        return u"merge"_s;
    }
    return {};
}

std::optional<ImportMode> importModeFromName(QStringView name)
{
    for (const ImportMode mode : { ImportMode::Replace, ImportMode::Merge }) {
        if (name == importModeName(mode))
            return mode;
    }
    return std::nullopt;
}

QJsonObject ImportReport::Items::toJson() const
{
    QJsonObject object { { u"added"_s, QJsonArray::fromStringList(added) },
                         { u"changed"_s, QJsonArray::fromStringList(changed) },
                         { u"unchanged"_s, QJsonArray::fromStringList(unchanged) } };
    object.insert(u"removed"_s, QJsonArray::fromStringList(removed));
    return object;
}

QString ImportReport::TenantReport::actionName(Action action)
{
    switch (action) {
    case Action::Added:
        return u"added"_s;
    case Action::Replaced:
        return u"replaced"_s;
    case Action::Merged:
        return u"merged"_s;
    }
    return {};
}

bool ImportReport::TenantReport::changesAnything() const
{
    return action == Action::Added || rules.changesAnything() || applications.changesAnything()
        || rulesReordered || applicationsReordered || !settingsChanged.isEmpty();
}

QJsonObject ImportReport::TenantReport::toJson() const
{
    return { { u"tenant"_s, tenant },
             { u"action"_s, actionName(action) },
             { u"changed"_s, changesAnything() },
             { u"rules"_s, rules.toJson() },
             { u"rulesReordered"_s, rulesReordered },
             { u"applications"_s, applications.toJson() },
             { u"applicationsReordered"_s, applicationsReordered },
             { u"settingsChanged"_s, QJsonArray::fromStringList(settingsChanged) },
             { u"settingsKept"_s, QJsonArray::fromStringList(settingsKept) } };
}

bool ImportReport::changesAnything() const
{
    return std::any_of(tenants.begin(), tenants.end(),
                       [](const TenantReport &t) { return t.changesAnything(); });
}

QJsonObject ImportReport::toJson() const
{
    QJsonArray items;
    for (const TenantReport &tenant : tenants)
        items.append(tenant.toJson());
    return { { u"mode"_s, importModeName(mode) },
             { u"edit"_s, edit > 0 ? QJsonValue(edit) : QJsonValue() },
             { u"changed"_s, changesAnything() },
             { u"tenants"_s, items } };
}

QString ImportReport::summary() const
{
    qsizetype added = 0;
    qsizetype changed = 0;
    qsizetype removed = 0;
    QStringList names;
    for (const TenantReport &tenant : tenants) {
        added += tenant.rules.added.size();
        changed += tenant.rules.changed.size();
        removed += tenant.rules.removed.size();
        if (tenant.changesAnything())
            names.append(u"\""_s + tenant.tenant + u'"');
    }
    return u"Imported a bundle (%1) into %2 %3: %4 rule(s) added, %5 changed, %6 removed"_s
        .arg(importModeName(mode))
        .arg(names.size() == 1 ? u"tenant"_s : u"tenants"_s, names.join(u", "))
        .arg(added)
        .arg(changed)
        .arg(removed);
}

} // namespace cors
