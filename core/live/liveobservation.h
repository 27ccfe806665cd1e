#pragma once

#include "browser/outcome.h"
#include "model/httpheaders.h"
#include "model/jsonproblem.h"

#include <QJsonObject>
#include <QJsonValue>

#include <optional>

namespace cors {

// What a real browser told the test page about one fetch(): the Response script got (its type,
// status, the headers headers.get() can read, the body) or the exception fetch() rejected with.
// That is all a page can see: the CORS error code and console text stay in the browser's
// console, which is why the model's prediction stands beside it.
struct LiveObservation
{
    bool resolved = false;
    QString type; // Response.type: "basic", "cors", "opaque"
    int status = 0;
    HttpHeaders headers; // readable headers, lower-case names, as the page iterated them
    QByteArray body; // the first KiB of the body, as text
    QString errorName; // "TypeError" when fetch() rejected
    QString errorMessage; // "Failed to fetch", "NetworkError when attempting to fetch resource."

    Verdict verdict() const;
    // Lower-case names, sorted: what Array.from(response.headers.keys()) gives.
    QByteArrayList readableHeaderNames() const;

    // The page's "result" object:
    //   {"resolved": true, "type": "cors", "status": 200, "headers": [[name, value]...], "body": "..."}
    //   {"resolved": false, "name": "TypeError", "message": "Failed to fetch"}
    static std::optional<LiveObservation> fromJson(const QJsonValue &value, const QString &path,
                                                   JsonProblems *problems);
    QJsonObject toJson() const;

    friend bool operator==(const LiveObservation &, const LiveObservation &) = default;
};

} // namespace cors
