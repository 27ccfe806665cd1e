#pragma once

#include "browser/browserprofile.h"
#include "browser/fetchspec.h"
#include "browser/outcome.h"
#include "liveexchange.h"
#include "liveobservation.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QStringList>

#include <optional>

namespace cors {

// One fetch() the test page ran in a real browser, as it reported it, beside the browser model's
// prediction for the same fetch in the same browser against the same server (DESIGN.md, "Live
// testing": "reports each outcome back to the app, where it stands beside the simulator's
// prediction").
struct LiveOutcome
{
    quint64 id = 0; // 1, 2, 3, ... per server run
    QDateTime time; // when the report arrived
    QString pageSession; // one page load of the test console
    int sequence = 0; // the fetch's number on that page
    QString userAgent;
    QString browser; // "chromium", "firefox", or empty for a browser CORS Studio has no model of

    FetchSpec fetch; // the fetch() call, as the browser model reads it
    QByteArray requestBody; // the body passed to fetch(): sent, but it changes nothing about CORS
    LiveObservation observed;

    // The requests the API origin received while the fetch ran (between the page's "begin" and its
    // report), when the page announced the fetch.
    bool wireObserved = false;
    QList<LiveExchange> exchanges;

    std::optional<Outcome> prediction; // none when the browser has no model
    QString predictionNote; // why there is no prediction
    // Where the browser and the prediction differ, one sentence each; empty when they agree.
    QStringList differences;

    bool agrees() const { return prediction.has_value() && differences.isEmpty(); }

    // The page's report (the body of POST /outcome on the test page origin):
    //   {"session", "sequence", "fetch": <fetch object>, "body": "..." | null, "result": <LiveObservation>}
    // Fills pageSession, sequence, fetch, requestBody and observed.
    static std::optional<LiveOutcome> fromReport(const QJsonValue &report, JsonProblems *problems);
    // The browser a User-Agent names: Firefox, or Chromium and the browsers built on it (Chrome,
    // Edge, Opera, headless Chromium); nullopt for others (Safari).
    static std::optional<BrowserProfile> browserOf(QStringView userAgent);
    // What differs between what the browser did and what the model predicted: the verdict; the
    // status and readable headers of a response script got; the exception of a fetch() the model
    // says throws before sending anything; and, when `wire` is given (the requests the server
    // received for the fetch), the requests themselves — method, URL, Origin, and for a preflight
    // Access-Control-Request-Method and -Headers.
    static QStringList compare(const LiveObservation &observed, const QList<HttpRequest> *wire,
                               const Outcome &predicted);

    // {"id", "time", "session", "sequence", "userAgent", "browser", "fetch", "body", "observed",
    //  "exchanges": [LiveExchange...] | null, "prediction": Outcome + "status" | null,
    //  "predictionNote", "agrees", "differences"}
    QJsonObject toJson() const;
};

} // namespace cors

Q_DECLARE_METATYPE(cors::LiveOutcome)
