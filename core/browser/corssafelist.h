#pragma once

#include "browserprofile.h"
#include "model/httpheaders.h"

#include <QByteArrayList>

#include <optional>

namespace cors {

// What a cross-origin request may carry without a preflight, and what a response exposes to
// script without Access-Control-Expose-Headers (Fetch §2.2.1, §2.2.2).
class CorsSafelist
{
public:
    // "CORS-safelisted method": GET, HEAD or POST — byte-exact, after fetch() normalized the case.
    static bool isSafelistedMethod(QByteArrayView method);

    // "CORS-safelisted request-header" for one (name, value), with the browser's own additions.
    // `reason` says why not, in a sentence, when it returns false.
    static bool isSafelistedRequestHeader(QByteArrayView name, QByteArrayView value,
                                          const BrowserProfile &browser, QString *reason = nullptr);
    // "no-CORS-safelisted request-header": what a no-cors request keeps (Accept, Accept-Language,
    // Content-Language and a safelisted Content-Type).
    static bool isNoCorsSafelistedRequestHeader(QByteArrayView name, QByteArrayView value);
    // "privileged no-CORS request-header name": Range, removed from no-cors requests.
    static bool isPrivilegedNoCorsRequestHeaderName(QByteArrayView name);

    // "CORS-unsafe request-header names" of a request's author headers: lower-cased and sorted,
    // which is also exactly the value of Access-Control-Request-Headers once joined with ",".
    // The standard makes it a set; Firefox keeps one name per header entry, so a name the page
    // appended twice appears twice.
    static QByteArrayList unsafeRequestHeaderNames(const HttpHeaders &headers, const BrowserProfile &browser);

    // "CORS-safelisted response-header name" (without an exposed-header list).
    static bool isSafelistedResponseHeaderName(QByteArrayView name);

    // "CORS-unsafe request-header byte".
    static bool isUnsafeRequestHeaderByte(char c);
    // The essence ("type/subtype", lower-cased) of a MIME type (MIME Sniffing §4.4 "parse a MIME
    // type"), or nullopt when it does not parse.
    static std::optional<QByteArray> mimeTypeEssence(QByteArrayView value);
    // "simple range header value" that the safelist accepts: bytes=N- or bytes=N-M with N <= M.
    static bool isSafelistedRangeValue(QByteArrayView value);
};

} // namespace cors
