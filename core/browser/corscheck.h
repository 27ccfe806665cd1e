#pragma once

#include "browserprofile.h"
#include "corsfailure.h"
#include "engine/tracestep.h"
#include "model/httpmessage.h"
#include "preflightresult.h"

#include <QByteArrayList>

#include <optional>

namespace cors {

// The checks a browser runs on what the server sent back: the CORS check (Fetch §4.10) on a
// preflight or a response, the method and header checks of a preflight (§4.8), and which response
// headers script may read (§4.1 "main fetch", CORS filtered response).
class CorsCheck
{
public:
    // Access-Control-Allow-Origin against `serializedOrigin` ("null" once tainted) and, for
    // requests with credentials, Access-Control-Allow-Credentials — each browser in its own order
    // and its own words.
    static std::optional<CorsFailure> checkAccess(const HttpResponse &response,
                                                  QByteArrayView serializedOrigin, bool includeCredentials,
                                                  bool preflight, const BrowserProfile &browser,
                                                  Trace &trace);

    // Whether a preflight's lists allow the request's method (Fetch §4.8 step 7.5).
    static std::optional<CorsFailure> checkMethod(const PreflightResult &result, QByteArrayView method,
                                                  bool includeCredentials, Trace &trace);
    // Whether they allow its CORS-unsafe header names (step 7.6), including the shipping browsers'
    // Authorization-with-"*" behaviour.
    static std::optional<CorsFailure> checkHeaders(const PreflightResult &result,
                                                   const QByteArrayList &unsafeNames, bool includeCredentials,
                                                   const BrowserProfile &browser, Trace &trace);

    // The lower-cased, sorted names of the response headers script can read from a CORS response:
    // the safelisted ones and those Access-Control-Expose-Headers lists ("*" for all, without
    // credentials); never Set-Cookie.
    static QByteArrayList exposedHeaderNames(const HttpResponse &response, bool includeCredentials,
                                             Trace &trace);
    // What a same-origin ("basic") response exposes: everything but Set-Cookie.
    static QByteArrayList basicHeaderNames(const HttpResponse &response);
};

} // namespace cors
