#pragma once

#include "browsererror.h"
#include "browserprofile.h"
#include "model/origin.h"

#include <QByteArray>
#include <QUrl>

namespace cors {

// Why a browser refused a fetch, in terms that both browsers' reports can be written from. The
// CORS checks (CorsCheck, BrowserSession) decide which kind applies — and that decision already
// differs between browsers (Chromium reports an Access-Control-Allow-Origin of "foo" as invalid,
// Firefox as not matching); toError() then words it the browser's way.
struct CorsFailure
{
    enum class Kind {
        // fetch() throws a TypeError before anything is sent.
        InvalidMethod,
        ForbiddenMethod,
        NoCorsMethod,
        InvalidHeaderName,
        InvalidHeaderValue,
        UrlWithCredentials,
        // Request mode "same-origin" and a cross-origin URL.
        DisallowedByMode,
        // The CORS check (Fetch §4.10) on a preflight or on a response.
        MissingAllowOrigin,
        MultipleAllowOrigin,
        InvalidAllowOrigin,
        AllowOriginMismatch,
        WildcardOriginWithCredentials,
        InvalidAllowCredentials,
        // The rest of the CORS-preflight fetch (Fetch §4.8).
        PreflightStatus,
        PreflightRedirect,
        InvalidAllowMethods,
        InvalidAllowHeaders,
        MethodNotAllowed,
        HeaderNotAllowed,
        // Redirects and the network.
        RedirectWithCredentials,
        TooManyRedirects,
        NoResponse,
    };

    Kind kind = Kind::MissingAllowOrigin;
    bool preflight = false; // the failing response was a preflight's
    QByteArray detail; // the browser's "failed parameter": a header value, a method, a header name
    int status = 0; // the HTTP status of the failing response, when there was one

    // Where it happened, for the message.
    struct Place
    {
        QUrl initialUrl; // the URL the page fetched
        QUrl url; // the URL of the request that failed (differs after redirects)
        Origin pageOrigin;
        QUrl pageUrl;
        bool firstHop = true;
    };

    BrowserError toError(const BrowserProfile &browser, const Place &place) const;

    friend bool operator==(const CorsFailure &, const CorsFailure &) = default;
};

} // namespace cors
