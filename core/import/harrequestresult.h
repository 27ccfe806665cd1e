#pragma once

#include "browser/outcome.h"
#include "harfetch.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace cors {

// One cross-origin fetch of a HAR, checked: what the HAR recorded, what the browser did with the
// responses the HAR holds (replayed through the browser model: the browser's own error code and
// console message), and what it would do under a tenant's current rules. One row of the
// simulator's HAR list and of `corsctl har`.
struct HarRequestResult
{
    // What the browser does with the HAR's responses.
    enum class Replay {
        Allowed,
        Blocked,
        Opaque,
        Unknown, // the HAR lacks a response the browser needed (status 0): only the rules can say
    };
    // The replay and the rules together.
    enum class Finding {
        Works, // allowed as recorded and under the rules
        Fixed, // blocked as recorded; the rules let it through
        StillBlocked, // blocked as recorded and under the rules
        WouldBreak, // allowed as recorded; the rules would block it
        PredictedAllowed, // the HAR cannot say; the rules let it through
        PredictedBlocked, // the HAR cannot say; the rules block it
        NotChecked, // no tenant to check against
    };

    HarFetch fetch;
    Outcome replay; // against the HAR's own responses
    bool replayComplete = true; // the HAR held every response the browser asked for
    QString missing; // what was missing, when not
    // The HAR shows no cookies for the request (a sanitized HAR, or Chromium's provisional
    // headers), but only credentials "include" reproduces the failure it recorded.
    bool credentialsInferred = false;
    std::optional<Outcome> rules; // against the tenant's rules
    QStringList notes; // where the recording and the replay disagree, and what was assumed

    QUrl url() const { return fetch.spec.url; }
    QByteArray method() const { return fetch.spec.method; }
    const Origin &pageOrigin() const { return fetch.pageOrigin.origin; }
    Replay replayVerdict() const;
    // The browser's error when it blocks the fetch with the HAR's responses: its code and its exact
    // console message. nullopt when it does not block, or when the HAR cannot say.
    std::optional<BrowserError> error() const;
    // Whether the tenant's rules let the fetch through; nullopt without a tenant.
    std::optional<bool> rulesAllow() const;
    Finding finding() const;
    // One sentence for a person: what happened and what the rules change.
    QString summary() const;

    static QString replayName(Replay replay); // "allowed", "blocked", "opaque", "unknown"
    static QString findingName(Finding finding); // "works", "fixed", "still-blocked", …

    // {"entry", "entries", "method", "url", "page", "pageOrigin", "pageOriginSource", "pageOriginEvidence",
    //  "credentials", "credentialsSource", "headers", "droppedHeaders", "restoredHeaders", "recorded",
    //  "replay", "rules", "finding", "summary", "notes"}
    QJsonObject toJson() const;

    friend bool operator==(const HarRequestResult &, const HarRequestResult &) = default;
};

} // namespace cors
