#include "fetchrequest.h"

#include "corssafelist.h"
#include "forbiddennames.h"

#include <array>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

QString text(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes);
}

// "normalize" a header value (Fetch §2.2.2): strip leading and trailing HTTP whitespace bytes.
QByteArray normalizeValue(QByteArrayView value)
{
    const auto isWhitespace = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    };
    qsizetype begin = 0;
    qsizetype end = value.size();
    while (begin < end && isWhitespace(value[begin]))
        ++begin;
    while (end > begin && isWhitespace(value[end - 1]))
        --end;
    return value.sliced(begin, end - begin).toByteArray();
}

bool isHeaderValue(QByteArrayView value)
{
    return !value.contains('\0') && !value.contains('\r') && !value.contains('\n');
}

} // namespace

QByteArray FetchRequest::normalizeMethod(QByteArrayView method)
{
    static constexpr std::array<QByteArrayView, 6> kNormalized = { "DELETE",  "GET",  "HEAD",
                                                                   "OPTIONS", "POST", "PUT" };
    for (QByteArrayView normalized : kNormalized) {
        if (HttpHeaders::nameEquals(method, normalized))
            return normalized.toByteArray();
    }
    return method.toByteArray();
}

QUrl FetchRequest::normalizeUrl(const QUrl &url)
{
    QUrl normalized = url.adjusted(QUrl::RemoveFragment | QUrl::NormalizePathSegments);
    if (normalized.port() == Origin::defaultPort(normalized.scheme()))
        normalized.setPort(-1);
    if (normalized.path().isEmpty())
        normalized.setPath(u"/"_s);
    return normalized;
}

QString FetchRequest::serializeUrl(const QUrl &url)
{
    return normalizeUrl(url).toString(QUrl::FullyEncoded);
}

std::optional<FetchRequest> FetchRequest::construct(const FetchSpec &spec, const BrowserProfile &browser,
                                                    Trace &trace, CorsFailure *failure)
{
    const auto fail = [&](CorsFailure::Kind kind, const QByteArray &detail, const QString &why) {
        trace.append({ u"request"_s, false, why });
        *failure = CorsFailure { kind, false, detail, 0 };
        return std::nullopt;
    };

    FetchRequest request;
    request.origin = spec.pageOrigin;
    request.url = normalizeUrl(spec.url);
    request.mode = spec.mode;
    request.credentials = spec.credentials;

    // Fetch §5.3 "new Request()", step 5.4: a URL with a user name or password is refused.
    if (!spec.url.userInfo().isEmpty()) {
        return fail(
            CorsFailure::Kind::UrlWithCredentials, {},
            u"fetch() throws a TypeError: the URL %1 includes credentials (user name or password), which "
            "a Request cannot be constructed from (Fetch §5.3)."_s.arg(serializeUrl(spec.url)));
    }

    // Step 25: the method must be a token and not a forbidden method; then it is normalized.
    if (!HttpHeaders::isToken(spec.method)) {
        return fail(
            CorsFailure::Kind::InvalidMethod, spec.method,
            u"fetch() throws a TypeError: '%1' is not a valid HTTP method (a method is a token, Fetch §2.2.1)."_s
                .arg(text(spec.method)));
    }
    if (ForbiddenNames::isForbiddenMethod(spec.method)) {
        return fail(
            CorsFailure::Kind::ForbiddenMethod, spec.method,
            u"fetch() throws a TypeError: %1 is a forbidden method (CONNECT, TRACE and TRACK are, Fetch §2.2.1)."_s
                .arg(text(spec.method)));
    }
    request.method = normalizeMethod(spec.method);
    if (request.method != spec.method) {
        trace.append(
            { u"method"_s, true,
              u"The method '%1' is normalized to %2 (only DELETE, GET, HEAD, OPTIONS, POST and PUT are "
              "upper-cased, Fetch §2.2.1)."_s.arg(text(spec.method), text(request.method)) });
    } else if (request.method.toUpper() != request.method) {
        trace.append(
            { u"method"_s, true,
              u"The method '%1' is sent as written: only DELETE, GET, HEAD, OPTIONS, POST and PUT are "
              "upper-cased (Fetch §2.2.1), and methods compare case-sensitively from here on."_s.arg(
                  text(request.method)) });
    }

    // Step 30: a no-cors request may only use a CORS-safelisted method, and its headers are guarded
    // by "request-no-cors".
    const bool noCors = spec.mode == RequestMode::NoCors;
    if (noCors && !CorsSafelist::isSafelistedMethod(request.method)) {
        return fail(
            CorsFailure::Kind::NoCorsMethod, request.method,
            u"fetch() throws a TypeError: mode \"no-cors\" allows only GET, HEAD and POST, not %1 (Fetch §5.3)."_s
                .arg(text(request.method)));
    }

    // Step 32: fill the Headers object (Fetch §5.2 "append").
    bool joined = false;
    for (const auto &[name, rawValue] : spec.headers) {
        const QByteArray value = normalizeValue(rawValue);
        if (!HttpHeaders::isToken(name)) {
            return fail(CorsFailure::Kind::InvalidHeaderName, name,
                        u"fetch() throws a TypeError: \"%1\" is not a valid header name."_s.arg(text(name)));
        }
        if (!isHeaderValue(value)) {
            return fail(
                CorsFailure::Kind::InvalidHeaderValue, value,
                u"fetch() throws a TypeError: the value of %1 contains NUL, CR or LF."_s.arg(text(name)));
        }
        if (ForbiddenNames::isForbiddenRequestHeader(name, value, browser)) {
            trace.append(
                { u"headers"_s, true,
                  u"%1 is a forbidden request header: %2 leaves it out of the request without an error "
                  "(Fetch §2.2.2%3)."_s.arg(
                      text(name), browser.displayName(),
                      browser.forbidsUserAgent && HttpHeaders::nameEquals(name, "User-Agent")
                          ? u"; Chromium still forbids User-Agent, which the standard and Firefox allow"_s
                          : QString()) });
            continue;
        }
        if (noCors) {
            // The guard judges the value the name would then have (the combined one).
            const QByteArray combined =
                request.headers.contains(name) ? request.headers.combinedValue(name) + ", " + value : value;
            if (!CorsSafelist::isNoCorsSafelistedRequestHeader(name, combined)) {
                trace.append({ u"headers"_s, true,
                               u"%1: %2 is not a no-CORS-safelisted request header, so a no-cors request "
                               "leaves it out (Fetch §5.2, guard "
                               "\"request-no-cors\")."_s.arg(text(name), text(value)) });
                continue;
            }
        }
        if (browser.joinsRepeatedHeaders && request.headers.contains(name)) {
            // Keep the first field's position and spelling, as Blink's HTTPHeaderMap does.
            QByteArray firstName;
            for (const auto &field : request.headers) {
                if (HttpHeaders::nameEquals(field.first, name)) {
                    firstName = field.first;
                    break;
                }
            }
            request.headers.set(firstName, request.headers.combinedValue(name) + ", " + value);
            joined = true;
        } else {
            request.headers.append(name, value);
        }
    }
    if (noCors) {
        QByteArrayList privileged;
        for (const auto &field : std::as_const(request.headers)) {
            if (CorsSafelist::isPrivilegedNoCorsRequestHeaderName(field.first)
                && !privileged.contains(field.first))
                privileged.append(field.first);
        }
        for (const QByteArray &name : std::as_const(privileged)) {
            request.headers.remove(name);
            trace.append(
                { u"headers"_s, true,
                  u"%1 is a privileged no-CORS request header, removed from a no-cors request (Fetch §5.2)."_s
                      .arg(text(name)) });
        }
    }
    if (joined) {
        trace.append(
            { u"headers"_s, true,
              u"Chromium keeps one field per header name and joins repeated values with \", \"; the safelist "
              "judges the joined value."_s });
    }
    return request;
}

} // namespace cors
