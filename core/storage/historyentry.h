#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace cors {

// The number of one committed edit. Edits are numbered in the order they were committed and a
// number is never reused, not even after the edit's tenant is removed.
using EditId = qint64;

// One change to one entity, made by one edit (an edit that imports a bundle makes many). Values
// are the JSON of the bundle format — a rule as in "rules", a tenant as in "tenants" plus its
// "testCases" — so that the history can be read without CORS Studio.
struct HistoryEntry
{
    enum class Entity {
        Tenant, // added, removed or duplicated (whole tenant), renamed or moved ({"name"}, {"position"})
        Settings, // the General settings
        Rule,
        Application,
        TestCase,
    };

    EditId edit = 0;
    QDateTime at; // UTC, when the edit was made
    QString summary; // the edit's one line for people ("Changed rule \"example.com\" of tenant \"acme\"")
    Entity entity = Entity::Tenant;
    QString tenant; // the tenant's name when the edit was made
    QString item; // the rule's domain, the application's or test case's name; empty for tenants and settings
    int position = -1; // where the item was added, changed or removed; -1 for tenant-level changes
    QJsonValue oldValue; // null when the entity was added
    QJsonValue newValue; // null when it was removed

    static QString entityName(Entity entity);
    static std::optional<Entity> entityFromName(QStringView name);

    friend bool operator==(const HistoryEntry &, const HistoryEntry &) = default;
};

} // namespace cors
