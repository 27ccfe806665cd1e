#pragma once

#include "browserprofile.h"

#include <QByteArrayView>

namespace cors {

// What a page may not choose (Fetch §2.2.2 "Headers", §2.2.1 "Methods"): forbidden methods make
// fetch() throw, forbidden request headers are silently left out of the request, forbidden
// response headers are never exposed to script.
class ForbiddenNames
{
public:
    // CONNECT, TRACE, TRACK, compared byte-case-insensitively.
    static bool isForbiddenMethod(QByteArrayView method);
    // "forbidden request-header": the fixed list, the Proxy- and Sec- prefixes, and the
    // X-HTTP-Method(-Override) / X-Method-Override headers naming a forbidden method.
    static bool isForbiddenRequestHeader(QByteArrayView name, QByteArrayView value,
                                         const BrowserProfile &browser);
    // Set-Cookie and Set-Cookie2.
    static bool isForbiddenResponseHeader(QByteArrayView name);
    // "request-body-header name": dropped when a redirect turns the request into a GET
    // (Fetch §4.4 "HTTP-redirect fetch", step 12).
    static bool isRequestBodyHeader(QByteArrayView name);
};

} // namespace cors
