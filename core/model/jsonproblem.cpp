#include "jsonproblem.h"

using namespace Qt::StringLiterals;

namespace cors {

QString JsonProblem::toString() const
{
    return path.isEmpty() ? message : path + u": " + message;
}

JsonProblem JsonProblem::fromParseError(const QByteArray &json, const QJsonParseError &error)
{
    int line = 1;
    int column = 1;
    const qsizetype end = qMin<qsizetype>(error.offset, json.size());
    for (qsizetype i = 0; i < end; ++i) {
        if (json[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return { u"line %1, column %2"_s.arg(line).arg(column), u"invalid JSON: %1"_s.arg(error.errorString()) };
}

} // namespace cors
