#pragma once

#include "authorheaders.h"
#include "browser/fetchspec.h"
#include "harlog.h"
#include "model/httpmessage.h"
#include "pageorigin.h"

#include <QHash>
#include <QList>
#include <QUrl>

namespace cors {

// One fetch() a page made, put back together from the entries of a HAR: the request, its
// preflight (a separate entry with method OPTIONS in both browsers), the entries that followed
// its redirects, and the fetch() call that explains them — what the browser model replays,
// against the HAR's responses (HarResponder) or a tenant's rules (HarRulesResponder).
struct HarFetch
{
    // One URL of the fetch: a redirected fetch has one hop per URL.
    struct Hop
    {
        QUrl url;
        int entry = -1; // the request; -1 when only its preflight is in the HAR
        int preflight = -1; // its preflight, when the HAR has one
        // No preflight recorded for this request, but an earlier one for the same URL, origin and
        // method: the browser may have answered from its preflight cache (Fetch §4.9), and that
        // preflight's response stands in if the replay needs one (HarResponder).
        int cachedPreflight = -1;
        // The request was answered 304 Not Modified: the browser checked the headers of its
        // cached copy (RFC 9111 §4.3.4), the latest earlier 2xx for the same URL and method.
        int storedResponse = -1;

        friend bool operator==(const Hop &, const Hop &) = default;
    };

    // What the HAR says happened, from the last hop.
    struct Recorded
    {
        enum class State {
            Completed, // a response arrived, and the browser recorded no error for it
            Failed, // Chromium recorded an error ("_error": "net::ERR_FAILED" for CORS failures)
            NoResponse, // status 0: nothing arrived — blocked before it was sent, or a network error
            NotRecorded, // the request itself is not in the HAR, only its preflight
        };
        State state = State::Completed;
        int status = 0;
        QString error; // Chromium's _error

        static QString stateName(State state); // "completed", "failed", "no-response", "not-recorded"
        QString describe() const; // "status 0, net::ERR_FAILED"
        bool failed() const { return state != State::Completed; }

        friend bool operator==(const Recorded &, const Recorded &) = default;
    };

    QList<Hop> hops; // in order; never empty
    QString pageref;
    PageOrigin pageOrigin;
    // The fetch() call: the page's origin and URL, the first URL, the method, the headers the page
    // set (see AuthorHeaders), credentials "include" when the request carried cookies and fetch()'s
    // default "same-origin" otherwise, mode "cors".
    FetchSpec spec;
    AuthorHeaders::Result headers; // which recorded headers were the page's, and why not the others
    bool cookies = false; // the request carried cookies
    Recorded recorded;

    int firstEntry() const; // the request, or its preflight when the request is not in the HAR
    QList<int> entries() const; // every entry of the fetch, in order
    // The redirects the HAR's server sent, per URL (FetchRequest::serializeUrl), less their CORS
    // headers: the backend a tenant's rules would sit in front of.
    QHash<QString, HttpResponse> redirects(const HarLog &log) const;

    friend bool operator==(const HarFetch &, const HarFetch &) = default;
};

} // namespace cors
