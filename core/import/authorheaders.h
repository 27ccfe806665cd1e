#pragma once

#include "browser/browserprofile.h"
#include "model/httpheaders.h"

#include <QByteArrayList>
#include <QList>
#include <QString>

#include <optional>

namespace cors {

// Which of the request headers a browser recorded (a HAR entry, "Copy as cURL") the page itself
// set — the ones fetch() was given, which decide the preflight — and which the browser added.
//
// Recordings show the request as it went on the wire, after the browser added its own headers:
// the forbidden request headers only it may set (Fetch §2.2.2: Origin, Referer, Cookie, Host,
// Sec-…), and headers its network stack adds after the CORS checks, which therefore never cause
// a preflight: Priority (RFC 9218, both browsers on HTTP/2 and HTTP/3), Pragma and Cache-Control
// "no-cache" while DevTools' "Disable cache" is on, User-Agent and Accept-Language on every
// request, X-Client-Data (Chromium, to Google's servers). Replaying those as if the page had set
// them would predict a preflight that never happened.
//
// The request's preflight is the best evidence there is: its Access-Control-Request-Headers lists
// exactly the CORS-unsafe names the page set (Fetch §4.8 step 3). With it, a header is the page's
// when it is listed there or is CORS-safelisted, and a listed name that the recording lacks (a
// "sanitized" HAR drops Authorization and Cookie; Chromium records a request blocked at its
// preflight with provisional headers only) is restored with a placeholder value.
class AuthorHeaders
{
public:
    struct Dropped
    {
        QByteArray name;
        QByteArray value;
        QString reason; // one sentence

        friend bool operator==(const Dropped &, const Dropped &) = default;
    };

    struct Result
    {
        HttpHeaders headers; // what the page set, in the recorded order
        QList<Dropped> dropped;
        QByteArrayList restored; // names taken from the preflight that the recording lacks

        friend bool operator==(const Result &, const Result &) = default;
    };

    // The value a restored header gets. It contains "(" and ")", which no CORS-safelisted value
    // may (Fetch §2.2.2 "CORS-unsafe request-header byte"), so a restored header stays CORS-unsafe
    // as the preflight says it was.
    static QByteArray placeholderValue();

    // `preflightNames`: the names in the preflight's Access-Control-Request-Headers (any case),
    // when the request had a recorded preflight; an empty list is evidence too (only the method
    // needed the preflight).
    static Result fromRecorded(const HttpHeaders &recorded, const BrowserProfile &browser,
                               const std::optional<QByteArrayList> &preflightNames = std::nullopt);

    // The names of an Access-Control-Request-Headers value, lower-cased.
    static QByteArrayList parseRequestHeaderNames(QByteArrayView value);
};

} // namespace cors
