#pragma once

#include "engine/corsdecision.h"
#include "model/httpmessage.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>

#include <optional>

namespace cors {

// One request the live server's API origin received and what it answered: the log entry
// (DESIGN.md, "Live testing": "Every request the API receives is logged").
struct LiveExchange
{
    quint64 id = 0; // 1, 2, 3, ... per server run
    QDateTime time; // when the request was complete
    QString peer; // "127.0.0.1:51234"
    HttpRequest request; // as received: method, URL, headers in order, body
    QString tenant; // the tenant that answered, empty when none was found
    QString tenantDetail; // how the tenant was chosen, or why none was
    std::optional<CorsDecision> decision; // kind, allowed, matched rule, trace; none without a tenant
    HttpResponse response; // as sent: status, headers in order (framing included), body
    qint64 durationMicroseconds = 0; // from the complete request to the response being written

    QString method() const { return QString::fromLatin1(request.method); }
    QString path() const; // path and query, as requested
    QString origin() const; // the Origin header, or empty
    // "preflight", "actual", "not-cors", or "no-tenant"
    QString kindName() const;
    QString rule() const { return decision ? decision->rule : QString(); }

    // {"id", "time", "peer", "method", "url", "origin", "kind", "tenant", "tenantDetail", "status",
    //  "allowed", "rule", "application", "requestHeaders", "responseHeaders", "requestBody",
    //  "responseBody", "trace", "durationMicroseconds"}
    QJsonObject toJson() const;
    // One line for a log: "12:00:01.234 OPTIONS /items?tenant=acme preflight 204 rule=localhost ..."
    QString summary() const;

    friend bool operator==(const LiveExchange &, const LiveExchange &) = default;
};

} // namespace cors

Q_DECLARE_METATYPE(cors::LiveExchange)
