#pragma once

#include "jsonproblem.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <optional>

namespace cors {

// Reads the fields of one JSON object and records every problem with its JSON path, so that a
// reader can report all of a document's problems at once instead of stopping at the first.
class JsonObjectReader
{
public:
    // Records a problem (and isValid() is false) when `value` is not an object.
    JsonObjectReader(const QJsonValue &value, QString path, JsonProblems *problems, QString what = QString());

    bool isValid() const { return m_valid; }
    const QString &path() const { return m_path; }
    QString pathOf(QStringView key) const;
    QString pathOf(QStringView key, qsizetype index) const;
    static QString indexPath(const QString &path, qsizetype index);

    bool has(QStringView key) const { return m_object.contains(key); }
    QJsonValue value(QStringView key) const { return m_object.value(key); }

    std::optional<QString> requiredString(QStringView key);
    QString string(QStringView key, const QString &fallback = QString());
    bool boolean(QStringView key, bool fallback);
    std::optional<qint64> integer(QStringView key, qint64 minimum, qint64 maximum);
    QStringList stringList(QStringView key);
    // An array field (empty and recorded as a problem when it has another type).
    QJsonArray array(QStringView key, bool required = false);
    // One of `allowed`; records a problem naming the allowed values otherwise.
    std::optional<QString> oneOf(QStringView key, const QStringList &allowed, const QString &fallback);

    void addProblem(const QString &path, const QString &message);
    // Every key not in `known` is reported: a misspelt field would otherwise be silently ignored.
    void rejectUnknownKeys(std::initializer_list<QStringView> known);

    static QString typeName(const QJsonValue &value);

private:
    QJsonObject m_object;
    QString m_path;
    JsonProblems *m_problems;
    bool m_valid = true;
};

} // namespace cors
