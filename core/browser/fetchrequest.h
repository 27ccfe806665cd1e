#pragma once

#include "browserprofile.h"
#include "corsfailure.h"
#include "engine/tracestep.h"
#include "fetchspec.h"
#include "model/httpheaders.h"
#include "model/origin.h"

#include <QUrl>

#include <optional>

namespace cors {

// The request a browser builds from a fetch() call (Fetch §5.3 "new Request(input, init)"):
// method normalized, the headers that survive the Headers guard, and the modes. It is what the
// CORS protocol then works on.
struct FetchRequest
{
    Origin origin; // the page's origin: "request's origin"
    QUrl url;
    QByteArray method;
    // The author headers as the browser holds them: Chromium joins the values of a repeated name
    // into one field, Firefox keeps each appended entry (BrowserProfile::joinsRepeatedHeaders).
    HttpHeaders headers;
    RequestMode mode = RequestMode::Cors;
    CredentialsMode credentials = CredentialsMode::SameOrigin;

    // Builds the request, or says why fetch() throws a TypeError (in `failure`). Each decision —
    // a normalized method, a header left out — goes into `trace`.
    static std::optional<FetchRequest> construct(const FetchSpec &spec, const BrowserProfile &browser,
                                                 Trace &trace, CorsFailure *failure);

    // "normalize a method" (Fetch §2.2.1): DELETE, GET, HEAD, OPTIONS, POST and PUT are
    // upper-cased when they match case-insensitively; every other method is kept as written.
    static QByteArray normalizeMethod(QByteArrayView method);
    // A URL as the browser holds it: default port dropped, empty path "/", no fragment.
    static QUrl normalizeUrl(const QUrl &url);
    // The URL as the browsers print it in their messages.
    static QString serializeUrl(const QUrl &url);

    friend bool operator==(const FetchRequest &, const FetchRequest &) = default;
};

} // namespace cors
