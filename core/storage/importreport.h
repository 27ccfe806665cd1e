#pragma once

#include "historyentry.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace cors {

// How an import treats a tenant that the workspace already has. A tenant the workspace does not
// have is added whole in either mode.
enum class ImportMode {
    // The tenant becomes the bundle's: settings, rules (in the bundle's order) and applications.
    // Its saved test cases stay, since bundles do not carry them.
    Replace,
    // The bundle's rules are merged into the tenant's by domain: a rule for a new domain is added
    // at the end, a rule for a known domain replaces it in place, and rules the bundle does not
    // mention stay. Applications merge the same way by name. The tenant's settings stay.
    Merge,
};

QString importModeName(ImportMode mode);
std::optional<ImportMode> importModeFromName(QStringView name);

// What an import did, tenant by tenant: rules by domain and applications by name.
struct ImportReport
{
    struct Items
    {
        QStringList added;
        QStringList changed;
        QStringList unchanged;
        QStringList removed; // Replace only

        bool changesAnything() const { return !added.isEmpty() || !changed.isEmpty() || !removed.isEmpty(); }
        QJsonObject toJson() const;

        friend bool operator==(const Items &, const Items &) = default;
    };

    struct TenantReport
    {
        enum class Action { Added, Replaced, Merged };

        QString tenant;
        Action action = Action::Added;
        Items rules;
        Items applications;
        bool rulesReordered = false; // Replace: the bundle lists known rules in another order
        bool applicationsReordered = false; // Replace: the same for applications
        QStringList settingsChanged; // bundle field names of the settings the import changed
        QStringList settingsKept; // Merge: settings where the bundle differs and the workspace's stayed

        bool changesAnything() const;
        QJsonObject toJson() const;
        static QString actionName(Action action);

        friend bool operator==(const TenantReport &, const TenantReport &) = default;
    };

    ImportMode mode = ImportMode::Merge;
    EditId edit = 0; // the committed edit, or 0 when the bundle changed nothing
    QList<TenantReport> tenants;

    bool changesAnything() const;
    // The `corsctl import` output: {"mode", "edit", "changed", "tenants": [...]}.
    QJsonObject toJson() const;
    // One line for the history and the GUI's status bar.
    QString summary() const;

    friend bool operator==(const ImportReport &, const ImportReport &) = default;
};

} // namespace cors
