#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace cors {

// A request the live server refused before it reached the engine: malformed, too large, too slow,
// or one connection too many. The server answered with `status` (0: it closed the connection
// without an answer) and went on serving everyone else.
struct HttpRejection
{
    QDateTime time;
    QString endpoint; // "api" or "page"
    QString peer; // "127.0.0.1:51234"
    int status = 0;
    QString reason; // one sentence: what was wrong

    friend bool operator==(const HttpRejection &, const HttpRejection &) = default;
};

} // namespace cors

Q_DECLARE_METATYPE(cors::HttpRejection)
