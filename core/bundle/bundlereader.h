#pragma once

#include "bundle.h"
#include "model/jsonproblem.h"

#include <QJsonValue>

#include <optional>

namespace cors {

// Reads and validates a bundle. Every problem is reported with its JSON path, and a bundle with
// any problem yields nothing: an import is all or nothing.
class BundleReader
{
public:
    static std::optional<Bundle> read(const QByteArray &json, JsonProblems *problems);
    static std::optional<Bundle> read(const QJsonValue &document, JsonProblems *problems);
    // One tenant object (as found in "tenants"), for imports and test fixtures.
    static std::optional<Tenant> readTenant(const QJsonValue &value, const QString &path,
                                            JsonProblems *problems);
    static std::optional<Rule> readRule(const QJsonValue &value, const QString &path, JsonProblems *problems);
    static std::optional<Application> readApplication(const QJsonValue &value, const QString &path,
                                                      JsonProblems *problems);
};

} // namespace cors
