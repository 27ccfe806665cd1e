#pragma once

#include "browser/browserprofile.h"
#include "harfetch.h"
#include "harlog.h"

#include <QList>
#include <QUrl>

namespace cors {

// Finds the cross-origin fetches in a HAR and puts each back together (HarFetch):
//  - a preflight is paired with the request it was sent for: same URL, its
//    Access-Control-Request-Method is the request's method, the same Origin and page, and the
//    nearest in time. Order in the file is no guide: Chromium lists a request before its
//    preflight, and starts it earlier;
//  - a redirect (3xx with redirectURL or Location) is followed to the entry that requested its
//    target next; together they are one fetch, one hop per URL;
//  - a request is a CORS request when its preflight, Sec-Fetch-Mode: cors, Chromium's resource
//    type (fetch, xhr, eventsource, font) or an Origin header on a GET or HEAD (which a no-cors
//    request never carries, Fetch §3.1) says so — navigations and the no-cors loads of images,
//    scripts and style sheets are not;
//  - the page's origin comes from PageOrigin's evidence, in its order; a fetch is listed when one of
//    its URLs is cross-origin to it;
//  - a preflight whose request is not in the HAR is listed on its own.
class HarFetchFinder
{
public:
    enum class SkipReason {
        NotHttp, // data:, blob:, ws:, chrome-extension: …
        NotCors, // a navigation or a no-cors load
        SameOrigin, // every URL of the fetch is on the page's origin
        UnknownPageOrigin, // no Origin, no Referer, no page URL
    };
    struct Skipped
    {
        int entry = -1;
        QUrl url;
        SkipReason reason = SkipReason::NotCors;

        friend bool operator==(const Skipped &, const Skipped &) = default;
    };
    struct Result
    {
        QList<HarFetch> fetches; // in the order the page started them
        QList<Skipped> skipped;

        friend bool operator==(const Result &, const Result &) = default;
    };

    static Result find(const HarLog &log, const BrowserProfile &browser);

    static QString
    skipReasonName(SkipReason reason); // "not-http", "not-cors", "same-origin", "unknown-page-origin"
    static QString skipReasonDescription(SkipReason reason);
};

} // namespace cors
