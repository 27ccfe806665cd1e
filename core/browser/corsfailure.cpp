#include "corsfailure.h"

#include "fetchrequest.h"

using namespace Qt::StringLiterals;

namespace cors {

namespace {

using Kind = CorsFailure::Kind;

// Chromium prints a failed parameter's control and non-ASCII characters as \uXXXX
// (third_party/blink/renderer/platform/loader/cors/cors_error_string.cc, EncodeHint).
QString chromiumHint(const QByteArray &hint)
{
    QString text;
    for (const char c : hint) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f)
            text += QLatin1Char(c);
        else
            text += u"\\u"_s + QString::number(u, 16).toUpper().rightJustified(4, u'0');
    }
    return text;
}

QString chromiumCode(Kind kind, bool preflight)
{
    switch (kind) {
    case Kind::InvalidMethod:
    case Kind::ForbiddenMethod:
    case Kind::NoCorsMethod:
    case Kind::InvalidHeaderName:
    case Kind::InvalidHeaderValue:
    case Kind::UrlWithCredentials:
        return u"TypeError"_s;
    case Kind::DisallowedByMode:
        return u"DisallowedByMode"_s;
    case Kind::MissingAllowOrigin:
        return preflight ? u"PreflightMissingAllowOriginHeader"_s : u"MissingAllowOriginHeader"_s;
    case Kind::MultipleAllowOrigin:
        return preflight ? u"PreflightMultipleAllowOriginValues"_s : u"MultipleAllowOriginValues"_s;
    case Kind::InvalidAllowOrigin:
        return preflight ? u"PreflightInvalidAllowOriginValue"_s : u"InvalidAllowOriginValue"_s;
    case Kind::AllowOriginMismatch:
        return preflight ? u"PreflightAllowOriginMismatch"_s : u"AllowOriginMismatch"_s;
    case Kind::WildcardOriginWithCredentials:
        return preflight ? u"PreflightWildcardOriginNotAllowed"_s : u"WildcardOriginNotAllowed"_s;
    case Kind::InvalidAllowCredentials:
        return preflight ? u"PreflightInvalidAllowCredentials"_s : u"InvalidAllowCredentials"_s;
    case Kind::PreflightStatus:
        return u"PreflightInvalidStatus"_s;
    case Kind::PreflightRedirect:
        return u"PreflightDisallowedRedirect"_s;
    case Kind::InvalidAllowMethods:
        return u"InvalidAllowMethodsPreflightResponse"_s;
    case Kind::InvalidAllowHeaders:
        return u"InvalidAllowHeadersPreflightResponse"_s;
    case Kind::MethodNotAllowed:
        return u"MethodDisallowedByPreflightResponse"_s;
    case Kind::HeaderNotAllowed:
        return u"HeaderDisallowedByPreflightResponse"_s;
    case Kind::RedirectWithCredentials:
        return u"RedirectContainsCredentials"_s;
    case Kind::TooManyRedirects:
        return u"net::ERR_TOO_MANY_REDIRECTS"_s;
    case Kind::NoResponse:
        return u"net::ERR_CONNECTION_REFUSED"_s;
    }
    return {};
}

BrowserError chromiumError(const CorsFailure &failure, const CorsFailure::Place &place)
{
    const QString code = chromiumCode(failure.kind, failure.preflight);
    const QString hint = chromiumHint(failure.detail);
    const QString method = QString::fromLatin1(failure.detail);
    const QString url = FetchRequest::serializeUrl(place.url);
    // Exceptions fetch() throws (third_party/blink/renderer/core/fetch/request.cc, headers.cc).
    const QString exception = u"Failed to execute 'fetch' on 'Window': "_s;
    switch (failure.kind) {
    case Kind::InvalidMethod:
        return { code, exception + u"'%1' is not a valid HTTP method."_s.arg(method) };
    case Kind::ForbiddenMethod:
        return { code, exception + u"'%1' HTTP method is unsupported."_s.arg(method) };
    case Kind::NoCorsMethod:
        return { code, exception + u"'%1' is unsupported in no-cors mode."_s.arg(method) };
    case Kind::InvalidHeaderName:
        return { code, exception + u"Invalid name"_s };
    case Kind::InvalidHeaderValue:
        return { code, exception + u"Invalid value"_s };
    case Kind::UrlWithCredentials:
        return { code,
                 exception
                     + u"Request cannot be constructed from a URL that includes credentials: %1"_s.arg(url) };
    case Kind::TooManyRedirects:
    case Kind::NoResponse:
        // Not CORS errors: the console shows the network error for the request.
        return { code, u"Failed to load resource: %1"_s.arg(code) };
    case Kind::DisallowedByMode:
        // Blink refuses before the network service sees it: at once
        // (third_party/blink/renderer/core/fetch/fetch_manager.cc), or, on a redirect, with the
        // frame's security error, newline included.
        if (place.firstHop) {
            return { code,
                     u"Fetch API cannot load %1. Request mode is \"same-origin\" but the URL's origin is not "
                     "same as the request origin %2."_s.arg(url, place.pageOrigin.serialize()) };
        }
        return {
            code,
            u"Unsafe attempt to load URL %1 from frame with URL %2. Domains, protocols and ports must match.\n"_s
                .arg(url, place.pageUrl.toString(QUrl::FullyEncoded))
        };
    default:
        break;
    }

    // third_party/blink/renderer/platform/loader/cors/cors_error_string.cc,
    // GetErrorStringForConsoleMessage.
    QString message = u"Access to fetch at '%1' "_s.arg(url);
    if (FetchRequest::normalizeUrl(place.initialUrl) != FetchRequest::normalizeUrl(place.url))
        message += u"(redirected from '%1') "_s.arg(FetchRequest::serializeUrl(place.initialUrl));
    message += u"from origin '%1' has been blocked by CORS policy: "_s.arg(place.pageOrigin.serialize());
    const bool preflightPrefix =
        failure.preflight || failure.kind == Kind::PreflightStatus || failure.kind == Kind::PreflightRedirect;
    if (preflightPrefix && failure.kind != Kind::InvalidAllowMethods
        && failure.kind != Kind::InvalidAllowHeaders && failure.kind != Kind::MethodNotAllowed
        && failure.kind != Kind::HeaderNotAllowed) {
        message += u"Response to preflight request doesn't pass access control check: "_s;
    }
    const QString validValue = u" Have the server send the header with a valid value."_s;
    switch (failure.kind) {
    case Kind::MissingAllowOrigin:
        message += u"No 'Access-Control-Allow-Origin' header is present on the requested resource."_s;
        break;
    case Kind::MultipleAllowOrigin:
        message +=
            u"The 'Access-Control-Allow-Origin' header contains multiple values '%1', but only one is allowed."_s
                .arg(hint)
            + validValue;
        break;
    case Kind::InvalidAllowOrigin:
        message += u"The 'Access-Control-Allow-Origin' header contains the invalid value '%1'."_s.arg(hint)
            + validValue;
        break;
    case Kind::AllowOriginMismatch:
        message +=
            u"The 'Access-Control-Allow-Origin' header has a value '%1' that is not equal to the supplied origin."_s
                .arg(hint)
            + validValue;
        break;
    case Kind::WildcardOriginWithCredentials:
        message += u"The value of the 'Access-Control-Allow-Origin' header in the response must not be the "
                   "wildcard '*' when the request's credentials mode is 'include'."_s;
        break;
    case Kind::InvalidAllowCredentials:
        message += u"The value of the 'Access-Control-Allow-Credentials' header in the response is '%1' "
                   "which must be 'true' when the request's credentials mode is 'include'."_s.arg(hint);
        break;
    case Kind::PreflightStatus:
        message += u"It does not have HTTP ok status."_s;
        break;
    case Kind::PreflightRedirect:
        message += u"Redirect is not allowed for a preflight request."_s;
        break;
    case Kind::InvalidAllowMethods:
        message +=
            u"Cannot parse Access-Control-Allow-Methods response header field in preflight response."_s;
        break;
    case Kind::InvalidAllowHeaders:
        message +=
            u"Cannot parse Access-Control-Allow-Headers response header field in preflight response."_s;
        break;
    case Kind::MethodNotAllowed:
        message +=
            u"Method %1 is not allowed by Access-Control-Allow-Methods in preflight response."_s.arg(hint);
        break;
    case Kind::HeaderNotAllowed:
        message +=
            u"Request header field %1 is not allowed by Access-Control-Allow-Headers in preflight response."_s
                .arg(hint);
        break;
    case Kind::RedirectWithCredentials:
        message +=
            u"Redirect location '%1' contains a username and password, which is disallowed for cross-origin "
            "requests."_s.arg(hint);
        break;
    default:
        break;
    }
    return { code, message };
}

BrowserError firefoxError(const CorsFailure &failure, const CorsFailure::Place &place)
{
    const QString url = FetchRequest::serializeUrl(place.url);
    const QString detail = QString::fromUtf8(failure.detail);
    const QString status = failure.status > 0 ? QString::number(failure.status) : u"(null)"_s;
    // Exceptions fetch() throws (dom/fetch/Request.cpp, InternalHeaders.cpp; dom/bindings/Errors.msg).
    switch (failure.kind) {
    case Kind::InvalidMethod:
    case Kind::ForbiddenMethod:
    case Kind::NoCorsMethod:
        return { u"TypeError"_s,
                 u"Window.fetch: Invalid request method %1."_s.arg(QString::fromLatin1(failure.detail)) };
    case Kind::InvalidHeaderName:
        return { u"TypeError"_s,
                 u"Window.fetch: %1 is an invalid header name."_s.arg(
                     QString::fromLatin1(failure.detail.toLower())) };
    case Kind::InvalidHeaderValue:
        return { u"TypeError"_s,
                 u"Window.fetch: %1 is an invalid header value."_s.arg(QString::fromLatin1(failure.detail)) };
    case Kind::UrlWithCredentials:
        return { u"TypeError"_s, u"Window.fetch: %1 is an url with embedded credentials."_s.arg(url) };
    case Kind::DisallowedByMode:
        // caps/nsScriptSecurityManager.cpp reports CheckSameOriginError with the document's URL.
        return { u"CheckSameOriginError"_s,
                 u"Security Error: Content at %1 may not load data from %2."_s.arg(
                     place.pageUrl.toString(QUrl::FullyEncoded), url) };
    default:
        break;
    }

    // dom/locales/en-US/chrome/security/security.properties; the code is the property's name
    // without its version suffix.
    const QString blocked =
        u"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at %1. "_s;
    switch (failure.kind) {
    case Kind::MissingAllowOrigin:
        return { u"CORSMissingAllowOrigin"_s,
                 blocked.arg(url)
                     + u"(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: %1."_s.arg(
                         status) };
    case Kind::MultipleAllowOrigin:
        return { u"CORSMultipleAllowOriginNotAllowed"_s,
                 blocked.arg(url)
                     + u"(Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed)."_s };
    case Kind::InvalidAllowOrigin:
    case Kind::AllowOriginMismatch:
        return { u"CORSAllowOriginNotMatchingOrigin"_s,
                 blocked.arg(url)
                     + u"(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘%1’)."_s.arg(
                         detail) };
    case Kind::WildcardOriginWithCredentials:
        // The one message that quotes the URL.
        return {
            u"CORSNotSupportingCredentials"_s,
            blocked.arg(u"‘"_s + url + u"’"_s)
                + u"(Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’)."_s
        };
    case Kind::InvalidAllowCredentials:
        return { u"CORSMissingAllowCredentials"_s,
                 blocked.arg(url)
                     + u"(Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’)."_s };
    case Kind::PreflightStatus:
        return { u"CORSPreflightDidNotSucceed"_s,
                 blocked.arg(url)
                     + u"(Reason: CORS preflight response did not succeed). Status code: %1."_s.arg(status) };
    case Kind::PreflightRedirect:
        return { u"CORSExternalRedirectNotAllowed"_s,
                 blocked.arg(url) + u"(Reason: CORS request external redirect not allowed)."_s };
    case Kind::InvalidAllowMethods:
        return { u"CORSInvalidAllowMethod"_s,
                 blocked.arg(url)
                     + u"(Reason: invalid token ‘%1’ in CORS header ‘Access-Control-Allow-Methods’)."_s.arg(
                         detail) };
    case Kind::InvalidAllowHeaders:
        return { u"CORSInvalidAllowHeader"_s,
                 blocked.arg(url)
                     + u"(Reason: invalid token ‘%1’ in CORS header ‘Access-Control-Allow-Headers’)."_s.arg(
                         detail) };
    case Kind::MethodNotAllowed:
        return { u"CORSMethodNotFound"_s,
                 blocked.arg(url)
                     + u"(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’)."_s };
    case Kind::HeaderNotAllowed:
        return { u"CORSMissingAllowHeaderFromPreflight"_s,
                 blocked.arg(url)
                     + u"(Reason: header ‘%1’ is not allowed according to header "
                       u"‘Access-Control-Allow-Headers’ from CORS "
                       "preflight response)."_s.arg(detail) };
    case Kind::RedirectWithCredentials:
    case Kind::TooManyRedirects:
    case Kind::NoResponse:
        return { u"CORSDidNotSucceed"_s,
                 blocked.arg(url)
                     + u"(Reason: CORS request did not succeed). Status code: %1."_s.arg(status) };
    default:
        break;
    }
    return {};
}

} // namespace

BrowserError CorsFailure::toError(const BrowserProfile &browser, const Place &place) const
{
    return browser.isChromium() ? chromiumError(*this, place) : firefoxError(*this, place);
}

} // namespace cors
