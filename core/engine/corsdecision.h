#pragma once

#include "model/httpheaders.h"
#include "tracestep.h"

#include <QJsonObject>

namespace cors {

enum class RequestKind { Preflight, Actual, NotCors };

QString requestKindName(RequestKind kind);

// What the server side answers to one request (DESIGN.md, "evaluate").
struct CorsDecision
{
    RequestKind kind = RequestKind::NotCors;
    // Whether the CORS policy accepted the request (true for requests that are not CORS).
    bool allowed = false;
    int status = 200;
    HttpHeaders headers;
    QByteArray body;
    int ruleIndex = -1; // index into Tenant::rules, or -1
    QString rule; // the matched rule's domain, or empty
    QString application; // the application whose JavaScript origin matched, or empty
    Trace trace;

    // The `corsctl evaluate` output object.
    QJsonObject toJson() const;

    friend bool operator==(const CorsDecision &, const CorsDecision &) = default;
};

} // namespace cors
