#pragma once

#include "fetchspec.h"
#include "model/jsonproblem.h"

#include <QJsonObject>
#include <QJsonValue>

#include <optional>

namespace cors {

// The JSON form of fetch() calls used by `corsctl simulate` and the conformance suite
// (DESIGN.md, "Fetch JSON"):
//   {"pageOrigin": "https://app.example.com", "url": "https://api.example.com/x",
//    "method": "PUT", "headers": [["X-Token", "1"]], "credentials": "omit|same-origin|include",
//    "mode": "cors|no-cors|same-origin", "delay": 6}
// "delay" (seconds, default 0) is how long the page waits after the previous fetch of a sequence;
// "pageUrl" (optional) is the page's own URL, which a few browser messages quote.
// A relative "url" is resolved against the page's origin, as fetch() resolves it against the page.
// Header names and values are taken as the page passes them, valid or not: the browser decides.
class FetchSpecJson
{
public:
    static std::optional<FetchSpec> read(const QJsonValue &value, const QString &path,
                                         JsonProblems *problems);
    // One fetch object, or an array of them (a sequence sharing one preflight cache).
    // `isSequence` tells which form the document had.
    static std::optional<QList<FetchSpec>> readSequence(const QJsonValue &value, const QString &path,
                                                        JsonProblems *problems, bool *isSequence = nullptr);

    static QJsonObject toJson(const FetchSpec &spec);
};

} // namespace cors
