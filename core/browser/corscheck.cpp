#include "corscheck.h"

#include "corssafelist.h"
#include "forbiddennames.h"
#include "model/tokenlist.h"

#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

const QByteArray kAllowOrigin = QByteArrayLiteral("Access-Control-Allow-Origin");
const QByteArray kAllowCredentials = QByteArrayLiteral("Access-Control-Allow-Credentials");
const QByteArray kExposeHeaders = QByteArrayLiteral("Access-Control-Expose-Headers");

QString text(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes);
}

QString joined(const QByteArrayList &names)
{
    return names.isEmpty() ? u"none"_s : QString::fromLatin1(names.join(", "));
}

// Whether Chromium's GURL would accept the value as a URL — only used to choose between its
// InvalidAllowOriginValue and AllowOriginMismatch (services/network/public/cpp/cors/cors.cc,
// CheckAccess). GURL needs a scheme, and a host for the special schemes.
bool isValidUrl(QByteArrayView value)
{
    const QUrl url(QString::fromLatin1(value), QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty())
        return false;
    const QString scheme = url.scheme();
    const bool special =
        scheme == u"http" || scheme == u"https" || scheme == u"ws" || scheme == u"wss" || scheme == u"ftp";
    return !special || !url.host().isEmpty();
}

std::optional<CorsFailure> failure(CorsFailure::Kind kind, bool preflight, const QByteArray &detail,
                                   int status)
{
    return CorsFailure { kind, preflight, detail, status };
}

} // namespace

std::optional<CorsFailure> CorsCheck::checkAccess(const HttpResponse &response,
                                                  QByteArrayView serializedOrigin, bool includeCredentials,
                                                  bool preflight, const BrowserProfile &browser, Trace &trace)
{
    using Kind = CorsFailure::Kind;
    const QString what = preflight ? u"The preflight response"_s : u"The response"_s;
    const int status = response.status;
    const bool present = response.headers.contains(kAllowOrigin);
    const QByteArray allowOrigin = response.headers.combinedValue(kAllowOrigin);
    const QString origin = text(serializedOrigin);

    if (browser.isFirefox()) {
        // nsCORSListenerProxy::CheckRequestApproved. Duplicate headers are counted by their exact
        // spelling (CheckOriginHeader compares the name case-sensitively); spelt differently they
        // are merged into one "a, b" value, which then does not match.
        const qsizetype exact =
            std::count_if(response.headers.begin(), response.headers.end(),
                          [](const HttpHeaders::Field &field) { return field.first == kAllowOrigin; });
        if (exact > 1) {
            trace.append(
                { u"allow-origin"_s, false,
                  u"%1 has %2 Access-Control-Allow-Origin headers; Firefox refuses more than one."_s.arg(what)
                      .arg(exact) });
            return failure(Kind::MultipleAllowOrigin, preflight, allowOrigin, status);
        }
        if (!present) {
            trace.append(
                { u"allow-origin"_s, false,
                  u"%1 (status %2) has no Access-Control-Allow-Origin header."_s.arg(what).arg(status) });
            return failure(Kind::MissingAllowOrigin, preflight, {}, status);
        }
        if (includeCredentials && allowOrigin == "*") {
            trace.append(
                { u"allow-origin"_s, false,
                  u"Access-Control-Allow-Origin is \"*\", which does not allow a request with credentials "
                  "(Fetch §3.2.5)."_s });
            return failure(Kind::WildcardOriginWithCredentials, preflight, allowOrigin, status);
        }
        if (allowOrigin != "*" && allowOrigin != serializedOrigin) {
            trace.append(
                { u"allow-origin"_s, false,
                  u"Access-Control-Allow-Origin \"%1\" is not the request's origin \"%2\" (the comparison is "
                  "byte for byte)."_s.arg(text(allowOrigin), origin) });
            return failure(Kind::AllowOriginMismatch, preflight, allowOrigin, status);
        }
    } else {
        // services/network/public/cpp/cors/cors.cc, CheckAccess. Repeated headers arrive joined
        // with ", " (HttpResponseHeaders::GetNormalizedHeader).
        if (present && allowOrigin == "*") {
            if (includeCredentials) {
                trace.append({ u"allow-origin"_s, false,
                               u"Access-Control-Allow-Origin is \"*\", which does not allow a request with "
                               "credentials (Fetch §3.2.5)."_s });
                return failure(Kind::WildcardOriginWithCredentials, preflight, {}, status);
            }
        } else if (!present) {
            trace.append(
                { u"allow-origin"_s, false,
                  u"%1 (status %2) has no Access-Control-Allow-Origin header."_s.arg(what).arg(status) });
            return failure(Kind::MissingAllowOrigin, preflight, {}, status);
        } else if (allowOrigin != serializedOrigin) {
            if (allowOrigin.contains(' ') || allowOrigin.contains(',')) {
                trace.append(
                    { u"allow-origin"_s, false,
                      u"Access-Control-Allow-Origin \"%1\" holds more than one value (several headers, or a "
                      "list); it must be exactly one origin or \"*\"."_s.arg(text(allowOrigin)) });
                return failure(Kind::MultipleAllowOrigin, preflight, allowOrigin, status);
            }
            if (allowOrigin != "null" && !isValidUrl(allowOrigin)) {
                trace.append({ u"allow-origin"_s, false,
                               u"Access-Control-Allow-Origin \"%1\" is not an origin at all."_s.arg(
                                   text(allowOrigin)) });
                return failure(Kind::InvalidAllowOrigin, preflight, allowOrigin, status);
            }
            trace.append(
                { u"allow-origin"_s, false,
                  u"Access-Control-Allow-Origin \"%1\" is not the request's origin \"%2\" (the comparison is "
                  "byte for byte)."_s.arg(text(allowOrigin), origin) });
            return failure(Kind::AllowOriginMismatch, preflight, allowOrigin, status);
        }
    }
    trace.append(
        { u"allow-origin"_s, true,
          allowOrigin == "*"
              ? u"Access-Control-Allow-Origin: * allows any origin for a request without credentials."_s
              : u"Access-Control-Allow-Origin matches the request's origin %1."_s.arg(origin) });

    if (!includeCredentials)
        return std::nullopt;
    // "If the value of Access-Control-Allow-Credentials is `true`" — byte for byte (Fetch §4.10).
    const QByteArray allowCredentials = response.headers.combinedValue(kAllowCredentials);
    if (allowCredentials != "true") {
        trace.append(
            { u"allow-credentials"_s, false,
              response.headers.contains(kAllowCredentials)
                  ? u"The request includes credentials and Access-Control-Allow-Credentials is \"%1\", not exactly \"true\"."_s
                        .arg(text(allowCredentials))
                  : u"The request includes credentials and the response has no Access-Control-Allow-Credentials: true."_s });
        return failure(Kind::InvalidAllowCredentials, preflight, allowCredentials, status);
    }
    trace.append({ u"allow-credentials"_s, true,
                   u"Access-Control-Allow-Credentials: true allows the credentials."_s });
    return std::nullopt;
}

std::optional<CorsFailure> CorsCheck::checkMethod(const PreflightResult &result, QByteArrayView method,
                                                  bool includeCredentials, Trace &trace)
{
    const QString name = text(method);
    if (CorsSafelist::isSafelistedMethod(method)) {
        trace.append({ u"allow-methods"_s, true,
                       u"%1 is a CORS-safelisted method and needs no listing."_s.arg(name) });
        return std::nullopt;
    }
    if (result.listsMethod(method)) {
        trace.append({ u"allow-methods"_s, true, u"Access-Control-Allow-Methods lists %1."_s.arg(name) });
        return std::nullopt;
    }
    if (result.allowsMethodWildcard(includeCredentials)) {
        trace.append(
            { u"allow-methods"_s, true,
              u"Access-Control-Allow-Methods: * allows %1 for a request without credentials."_s.arg(name) });
        return std::nullopt;
    }
    QString detail =
        u"Access-Control-Allow-Methods (%1) does not list %2"_s.arg(joined(result.methods), name);
    if (result.methods.contains("*") && includeCredentials)
        detail += u"; \"*\" is only a wildcard for requests without credentials"_s;
    else if (std::any_of(result.methods.begin(), result.methods.end(),
                         [&](const QByteArray &m) { return HttpHeaders::nameEquals(m, method); }))
        detail += u"; methods compare case-sensitively"_s;
    trace.append({ u"allow-methods"_s, false, detail + u'.' });
    return CorsFailure { CorsFailure::Kind::MethodNotAllowed, true, method.toByteArray(), 0 };
}

std::optional<CorsFailure> CorsCheck::checkHeaders(const PreflightResult &result,
                                                   const QByteArrayList &unsafeNames, bool includeCredentials,
                                                   const BrowserProfile &browser, Trace &trace)
{
    if (unsafeNames.isEmpty())
        return std::nullopt;
    const bool wildcard = result.allowsHeaderWildcard(includeCredentials);
    QByteArrayList missing;
    for (const QByteArray &name : unsafeNames) {
        if (result.listsHeader(name) || missing.contains(name))
            continue;
        if (wildcard && name == "authorization") {
            // Fetch §2.2.2: Authorization is a "CORS non-wildcard request-header name", so "*" must
            // not cover it. Chromium ships without that check (its NonWildcardRequestHeadersSupport
            // is off) and Firefox allows it under network.cors_preflight.authorization_covered_by_wildcard.
            trace.append(
                { u"allow-headers"_s, true,
                  u"Access-Control-Allow-Headers: * does not cover Authorization in the Fetch standard "
                  "(§2.2.2, CORS non-wildcard request-header name), but %1 lets it through; list "
                  "Authorization explicitly to stay safe when browsers follow the standard."_s.arg(
                      browser.displayName()) });
            continue;
        }
        if (!wildcard)
            missing.append(name);
    }
    if (!missing.isEmpty()) {
        QString detail = u"Access-Control-Allow-Headers (%1) does not list %2"_s.arg(
            joined(result.headerNames), joined(missing));
        if (result.headerNames.contains("*") && includeCredentials)
            detail += u"; \"*\" is only a wildcard for requests without credentials"_s;
        if (missing.size() > 1 && browser.isChromium()) {
            // Chromium reports the first missing header in the order of its request header map
            // (services/network/cors/preflight_result.cc), which is not the sorted order; the model
            // names the first in sorted order.
            detail += u"; Chromium names just one of them, whichever its header map holds first"_s;
        }
        trace.append({ u"allow-headers"_s, false, detail + u'.' });
        return CorsFailure { CorsFailure::Kind::HeaderNotAllowed, true, missing.first(), 0 };
    }
    trace.append(
        { u"allow-headers"_s, true,
          wildcard ? u"Access-Control-Allow-Headers: * allows %1 for a request without credentials."_s.arg(
              joined(unsafeNames))
                   : u"Access-Control-Allow-Headers allows %1."_s.arg(joined(unsafeNames)) });
    return std::nullopt;
}

QByteArrayList CorsCheck::exposedHeaderNames(const HttpResponse &response, bool includeCredentials,
                                             Trace &trace)
{
    // Fetch §4.1 "main fetch" step 14 and §4.10: the CORS-exposed header-name list.
    const TokenList listed = TokenList::parse(response.headers.values(kExposeHeaders));
    QByteArrayList exposed = listed.items();
    if (!listed.invalidItems().isEmpty()) {
        trace.append({ u"expose-headers"_s, false,
                       u"Access-Control-Expose-Headers has an item that is not a header name (\"%1\"), so "
                       "both browsers ignore the whole header."_s.arg(text(listed.invalidItems().first())) });
        exposed.clear();
    }
    const bool all = !includeCredentials && exposed.contains("*");
    QByteArrayList names;
    for (const auto &field : response.headers) {
        const QByteArray name = field.first.toLower();
        if (names.contains(name) || ForbiddenNames::isForbiddenResponseHeader(name))
            continue;
        const bool listedName = std::any_of(exposed.begin(), exposed.end(), [&](const QByteArray &item) {
            return HttpHeaders::nameEquals(item, name);
        });
        if (all || listedName || CorsSafelist::isSafelistedResponseHeaderName(name))
            names.append(name);
    }
    std::sort(names.begin(), names.end());
    QString detail = u"Script can read %1"_s.arg(joined(names));
    if (all)
        detail += u" (Access-Control-Expose-Headers: * exposes every header but Set-Cookie)"_s;
    else if (exposed.contains("*"))
        detail += u" (\"*\" in Access-Control-Expose-Headers is a wildcard only without credentials)"_s;
    trace.append({ u"expose-headers"_s, true, detail + u'.' });
    return names;
}

QByteArrayList CorsCheck::basicHeaderNames(const HttpResponse &response)
{
    QByteArrayList names;
    for (const auto &field : response.headers) {
        const QByteArray name = field.first.toLower();
        if (!names.contains(name) && !ForbiddenNames::isForbiddenResponseHeader(name))
            names.append(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace cors
