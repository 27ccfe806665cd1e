#include "forbiddennames.h"

#include "model/httpheaders.h"
#include "model/tokenlist.h"

#include <array>

namespace cors {

namespace {

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return HttpHeaders::nameEquals(a, b);
}

bool startsWithIgnoringCase(QByteArrayView text, QByteArrayView prefix)
{
    return text.size() >= prefix.size()
        && text.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0;
}

} // namespace

bool ForbiddenNames::isForbiddenMethod(QByteArrayView method)
{
    return equalsIgnoringCase(method, "CONNECT") || equalsIgnoringCase(method, "TRACE")
        || equalsIgnoringCase(method, "TRACK");
}

bool ForbiddenNames::isForbiddenRequestHeader(QByteArrayView name, QByteArrayView value,
                                              const BrowserProfile &browser)
{
    // Fetch §2.2.2 "forbidden request-header", step 1.
    static constexpr std::array<QByteArrayView, 21> kNames = { "Accept-Charset",
                                                               "Accept-Encoding",
                                                               "Access-Control-Request-Headers",
                                                               "Access-Control-Request-Method",
                                                               "Connection",
                                                               "Content-Length",
                                                               "Cookie",
                                                               "Cookie2",
                                                               "Date",
                                                               "DNT",
                                                               "Expect",
                                                               "Host",
                                                               "Keep-Alive",
                                                               "Origin",
                                                               "Referer",
                                                               "Set-Cookie",
                                                               "TE",
                                                               "Trailer",
                                                               "Transfer-Encoding",
                                                               "Upgrade",
                                                               "Via" };
    for (QByteArrayView forbidden : kNames) {
        if (equalsIgnoringCase(name, forbidden))
            return true;
    }
    // Step 2.
    if (startsWithIgnoringCase(name, "Proxy-") || startsWithIgnoringCase(name, "Sec-"))
        return true;
    // Step 3: a method-override header is forbidden when it names a forbidden method.
    if (equalsIgnoringCase(name, "X-HTTP-Method") || equalsIgnoringCase(name, "X-HTTP-Method-Override")
        || equalsIgnoringCase(name, "X-Method-Override")) {
        // The list must outlive the loop: items() refers into it.
        const TokenList methods = TokenList::parse(value);
        for (const QByteArray &method : methods.items()) {
            if (isForbiddenMethod(method))
                return true;
        }
    }
    // Chromium keeps User-Agent on its own list (cors.cc, IsForbiddenHeader), which the standard
    // dropped in 2021 and Firefox never enforced for fetch().
    return browser.forbidsUserAgent && equalsIgnoringCase(name, "User-Agent");
}

bool ForbiddenNames::isForbiddenResponseHeader(QByteArrayView name)
{
    return equalsIgnoringCase(name, "Set-Cookie") || equalsIgnoringCase(name, "Set-Cookie2");
}

bool ForbiddenNames::isRequestBodyHeader(QByteArrayView name)
{
    return equalsIgnoringCase(name, "Content-Encoding") || equalsIgnoringCase(name, "Content-Language")
        || equalsIgnoringCase(name, "Content-Location") || equalsIgnoringCase(name, "Content-Type");
}

} // namespace cors
