#include "authorheaders.h"

#include "browser/corssafelist.h"
#include "browser/forbiddennames.h"

using namespace Qt::StringLiterals;

namespace cors {

namespace {

bool is(QByteArrayView name, QByteArrayView other)
{
    return HttpHeaders::nameEquals(name, other);
}

bool isNoCache(const HttpHeaders &headers, QByteArrayView name)
{
    const QByteArrayList values = headers.values(name);
    return values.size() == 1 && values.first().trimmed().compare("no-cache", Qt::CaseInsensitive) == 0;
}

// Why the browser, not the page, put this header on the request — without a preflight to tell.
// Empty when the page may well have set it.
QString addedByBrowser(const HttpHeaders &recorded, const HttpHeaders::Field &field,
                       const BrowserProfile &browser)
{
    const QByteArray &name = field.first;
    if (is(name, "Priority"))
        return u"the browser's HTTP/2 and HTTP/3 stack adds it (RFC 9218) after the CORS checks"_s;
    if ((is(name, "Pragma") || is(name, "Cache-Control")) && isNoCache(recorded, "Pragma")
        && isNoCache(recorded, "Cache-Control")) {
        return u"Pragma and Cache-Control \"no-cache\" together are what the browser adds while DevTools' "
               "\"Disable cache\" is on, after the CORS checks"_s;
    }
    if (is(name, "User-Agent"))
        return u"the browser sends its own User-Agent on every request"_s;
    if (is(name, "Accept-Language") && CorsSafelist::isSafelistedRequestHeader(name, field.second, browser))
        return u"the browser sends Accept-Language on every request (and it is CORS-safelisted)"_s;
    if (is(name, "Upgrade-Insecure-Requests"))
        return u"the browser adds it to navigations"_s;
    if (is(name, "X-Client-Data"))
        return u"Chromium adds it to requests to Google's servers after the CORS checks"_s;
    return {};
}

} // namespace

QByteArray AuthorHeaders::placeholderValue()
{
    return QByteArrayLiteral("(not in the recording)");
}

QByteArrayList AuthorHeaders::parseRequestHeaderNames(QByteArrayView value)
{
    QByteArrayList names;
    for (const QByteArray &part : value.toByteArray().split(',')) {
        const QByteArray name = part.trimmed().toLower();
        if (!name.isEmpty())
            names.append(name);
    }
    return names;
}

AuthorHeaders::Result AuthorHeaders::fromRecorded(const HttpHeaders &recorded, const BrowserProfile &browser,
                                                  const std::optional<QByteArrayList> &preflightNames)
{
    Result result;
    const auto listed = [&](QByteArrayView name) {
        return std::any_of(preflightNames->begin(), preflightNames->end(),
                           [&](const QByteArray &n) { return is(n, name); });
    };
    for (const HttpHeaders::Field &field : recorded) {
        const QByteArray &name = field.first;
        const QByteArray &value = field.second;
        const auto drop = [&](const QString &reason) {
            result.dropped.append({ name, value, reason });
        };
        if (name.startsWith(':')) {
            drop(u"an HTTP/2 pseudo-header: part of the request line, not a header"_s);
            continue;
        }
        if (ForbiddenNames::isForbiddenRequestHeader(name, value, browser)) {
            drop(u"a forbidden request header (Fetch §2.2.2): only the browser sets it, a page cannot"_s);
            continue;
        }
        if (preflightNames && listed(name)) {
            result.headers.append(name, value);
            continue;
        }
        if (const QString why = addedByBrowser(recorded, field, browser); !why.isEmpty()) {
            drop(why);
            continue;
        }
        if (preflightNames && !CorsSafelist::isSafelistedRequestHeader(name, value, browser)) {
            drop(u"CORS-unsafe, yet not in the preflight's Access-Control-Request-Headers: the browser "
                 "added it after the CORS checks"_s);
            continue;
        }
        result.headers.append(name, value);
    }
    if (preflightNames) {
        for (const QByteArray &name : *preflightNames) {
            if (result.headers.contains(name) || result.restored.contains(name))
                continue;
            result.headers.append(name, placeholderValue());
            result.restored.append(name);
        }
    }
    return result;
}

} // namespace cors
