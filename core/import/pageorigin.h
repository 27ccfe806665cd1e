#pragma once

#include "model/httpheaders.h"
#include "model/origin.h"

#include <QString>

#include <optional>

namespace cors {

// The origin of the page that made a request, read back from a recording of the request (a HAR
// entry, a "Copy as cURL" command), and what it was read from. In order of trust:
//   1. the request's Origin header — a CORS request always carries the serialized origin of the
//      request (Fetch §3.1 "Origin header"; §4.1 "main fetch" appends it);
//   2. the Origin header of the request's preflight, when the request itself was recorded without
//      one (Chromium records a request blocked at its preflight with the "provisional" headers the
//      page knew of, which do not include Origin);
//   3. the origin of the Referer: the default referrer policy "strict-origin-when-cross-origin"
//      sends at least the origin of the page to any https URL (Referrer Policy §3.7);
//   4. the page the request belongs to (HAR 1.2 pages[].title, which Chromium and Firefox fill with
//      the page's URL) — the weakest: a request from an iframe has the frame's origin, not the
//      top-level page's.
struct PageOrigin
{
    enum class Source { OriginHeader, PreflightOriginHeader, Referer, PageUrl };

    Origin origin;
    Source source = Source::OriginHeader;
    QString evidence; // the header value or URL it was read from

    // "origin-header", "preflight-origin-header", "referer", "page-url"
    static QString sourceName(Source source);
    // "the Origin header", "the Origin header of its preflight", "the Referer", "the page's URL"
    static QString sourceDescription(Source source);

    // The Origin header (as `originSource`; "null" is the opaque origin of a sandboxed or
    // file: page), else the origin of an absolute http(s) Referer.
    static std::optional<PageOrigin> fromHeaders(const HttpHeaders &headers,
                                                 Source originSource = Source::OriginHeader);
    static std::optional<PageOrigin> fromOriginHeader(const HttpHeaders &headers, Source source);
    static std::optional<PageOrigin> fromReferer(const HttpHeaders &headers);
    // The origin of an absolute http(s) URL.
    static std::optional<PageOrigin> fromPageUrl(const QString &url);

    friend bool operator==(const PageOrigin &, const PageOrigin &) = default;
};

} // namespace cors
