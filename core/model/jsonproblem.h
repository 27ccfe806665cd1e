#pragma once

#include <QJsonParseError>
#include <QList>
#include <QString>

namespace cors {

// One problem in a JSON document, located by its JSON path
// (`tenants[0].rules[3].ports[1]: "80a" is not a port or range`).
struct JsonProblem
{
    QString path;
    QString message;

    QString toString() const;
    // A syntax error, located by line and column.
    static JsonProblem fromParseError(const QByteArray &json, const QJsonParseError &error);

    friend bool operator==(const JsonProblem &, const JsonProblem &) = default;
};

using JsonProblems = QList<JsonProblem>;

} // namespace cors
