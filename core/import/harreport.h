#pragma once

#include "browser/browserprofile.h"
#include "harfetchfinder.h"
#include "harrequestresult.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace cors {

// What a HAR shows about CORS: every cross-origin fetch in it, checked (HarRequestResult), the
// entries that were left out and why, and notes about the file as a whole.
struct HarReport
{
    BrowserProfile browser; // whose behaviour the replay reproduces
    QString browserEvidence; // why that browser: "creator \"WebInspector\"", "--browser", …
    QString creator; // "WebInspector 537.36"
    QString tenant; // the tenant whose rules were checked; empty when none
    int entryCount = 0;
    QList<HarRequestResult> requests;
    QList<HarFetchFinder::Skipped> skipped;
    QStringList notes;

    qsizetype skippedCount(HarFetchFinder::SkipReason reason) const;
    // How many requests the browser blocked with the HAR's responses.
    qsizetype blockedCount() const;

    // {"entryCount", "creator", "browser", "browserEvidence", "tenant", "requests": [...],
    //  "skipped": {"same-origin": N, ...}, "notes"}
    QJsonObject toJson() const;

    friend bool operator==(const HarReport &, const HarReport &) = default;
};

} // namespace cors
