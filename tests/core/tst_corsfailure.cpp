// The browsers' own words. Every text here was read off Chromium 156 and Firefox ESR 153 by the
// conformance suite (tests/browser); these rows keep them exact where no browser is installed.
#include "browser/corsfailure.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using Kind = CorsFailure::Kind;

namespace {

const QString kUrl = u"https://api.example.com/x"_s;
const QString kAccess =
    u"Access to fetch at 'https://api.example.com/x' from origin 'https://app.example.com' has been blocked by CORS policy: "_s;
const QString kPreflight = u"Response to preflight request doesn't pass access control check: "_s;
const QString kBlocked =
    u"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/x. "_s;

} // namespace

class tst_CorsFailure : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void texts_data();
    void texts();
    void redirectedFrom();
    void hintEncoding();
};

void tst_CorsFailure::texts_data()
{
    QTest::addColumn<CorsFailure>("failure");
    QTest::addColumn<bool>("firstHop");
    QTest::addColumn<QString>("chromiumCode");
    QTest::addColumn<QString>("chromiumMessage");
    QTest::addColumn<QString>("firefoxCode");
    QTest::addColumn<QString>("firefoxMessage");

    const QString valid = u" Have the server send the header with a valid value."_s;
    QTest::newRow("missing ACAO") << CorsFailure { Kind::MissingAllowOrigin, false, {}, 200 } << true
                                  << u"MissingAllowOriginHeader"_s
                                  << kAccess
            + u"No 'Access-Control-Allow-Origin' header is present on the requested resource."_s
                                  << u"CORSMissingAllowOrigin"_s
                                  << kBlocked
            + u"(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200."_s;
    QTest::newRow("missing ACAO on a preflight")
        << CorsFailure { Kind::MissingAllowOrigin, true, {}, 404 } << true
        << u"PreflightMissingAllowOriginHeader"_s
        << kAccess + kPreflight
            + u"No 'Access-Control-Allow-Origin' header is present on the requested resource."_s
        << u"CORSMissingAllowOrigin"_s
        << kBlocked + u"(Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 404."_s;
    QTest::newRow("multiple ACAO") << CorsFailure { Kind::MultipleAllowOrigin, false, "a, b", 200 } << true
                                   << u"MultipleAllowOriginValues"_s
                                   << kAccess
            + u"The 'Access-Control-Allow-Origin' header contains multiple values 'a, b', but only one is allowed."_s
            + valid << u"CORSMultipleAllowOriginNotAllowed"_s
                                   << kBlocked
            + u"(Reason: Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed)."_s;
    QTest::newRow("invalid ACAO") << CorsFailure { Kind::InvalidAllowOrigin, true, "foo", 204 } << true
                                  << u"PreflightInvalidAllowOriginValue"_s
                                  << kAccess + kPreflight
            + u"The 'Access-Control-Allow-Origin' header contains the invalid value 'foo'."_s + valid
                                  << u"CORSAllowOriginNotMatchingOrigin"_s
                                  << kBlocked
            + u"(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘foo’)."_s;
    QTest::newRow("ACAO mismatch") << CorsFailure { Kind::AllowOriginMismatch, false, "null", 200 } << true
                                   << u"AllowOriginMismatch"_s
                                   << kAccess
            + u"The 'Access-Control-Allow-Origin' header has a value 'null' that is not equal to the supplied origin."_s
            + valid << u"CORSAllowOriginNotMatchingOrigin"_s
                                   << kBlocked
            + u"(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘null’)."_s;
    QTest::newRow("wildcard with credentials")
        << CorsFailure { Kind::WildcardOriginWithCredentials, false, "*", 200 } << true
        << u"WildcardOriginNotAllowed"_s
        << kAccess
            + u"The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'."_s
        << u"CORSNotSupportingCredentials"_s
        << u"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘https://api.example.com/x’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’)."_s;
    QTest::newRow("ACAC not true") << CorsFailure { Kind::InvalidAllowCredentials, false, "True", 200 }
                                   << true << u"InvalidAllowCredentials"_s
                                   << kAccess
            + u"The value of the 'Access-Control-Allow-Credentials' header in the response is 'True' which must be 'true' when the request's credentials mode is 'include'."_s
                                   << u"CORSMissingAllowCredentials"_s
                                   << kBlocked
            + u"(Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’)."_s;
    QTest::newRow("preflight status")
        << CorsFailure { Kind::PreflightStatus, true, {}, 500 } << true << u"PreflightInvalidStatus"_s
        << kAccess + kPreflight + u"It does not have HTTP ok status."_s << u"CORSPreflightDidNotSucceed"_s
        << kBlocked + u"(Reason: CORS preflight response did not succeed). Status code: 500."_s;
    QTest::newRow("preflight redirect")
        << CorsFailure { Kind::PreflightRedirect, true, {}, 302 } << true << u"PreflightDisallowedRedirect"_s
        << kAccess + kPreflight + u"Redirect is not allowed for a preflight request."_s
        << u"CORSExternalRedirectNotAllowed"_s
        << kBlocked + u"(Reason: CORS request external redirect not allowed)."_s;
    QTest::newRow("invalid ACAM") << CorsFailure { Kind::InvalidAllowMethods, true, "PUT;", 204 } << true
                                  << u"InvalidAllowMethodsPreflightResponse"_s
                                  << kAccess
            + u"Cannot parse Access-Control-Allow-Methods response header field in preflight response."_s
                                  << u"CORSInvalidAllowMethod"_s
                                  << kBlocked
            + u"(Reason: invalid token ‘PUT;’ in CORS header ‘Access-Control-Allow-Methods’)."_s;
    QTest::newRow("invalid ACAH") << CorsFailure { Kind::InvalidAllowHeaders, true, "x y", 204 } << true
                                  << u"InvalidAllowHeadersPreflightResponse"_s
                                  << kAccess
            + u"Cannot parse Access-Control-Allow-Headers response header field in preflight response."_s
                                  << u"CORSInvalidAllowHeader"_s
                                  << kBlocked
            + u"(Reason: invalid token ‘x y’ in CORS header ‘Access-Control-Allow-Headers’)."_s;
    QTest::newRow("method not allowed")
        << CorsFailure { Kind::MethodNotAllowed, true, "patch", 204 } << true
        << u"MethodDisallowedByPreflightResponse"_s
        << kAccess + u"Method patch is not allowed by Access-Control-Allow-Methods in preflight response."_s
        << u"CORSMethodNotFound"_s
        << kBlocked + u"(Reason: Did not find method in CORS header ‘Access-Control-Allow-Methods’)."_s;
    QTest::newRow("header not allowed") << CorsFailure { Kind::HeaderNotAllowed, true, "x-a", 204 } << true
                                        << u"HeaderDisallowedByPreflightResponse"_s
                                        << kAccess
            + u"Request header field x-a is not allowed by Access-Control-Allow-Headers in preflight response."_s
                                        << u"CORSMissingAllowHeaderFromPreflight"_s
                                        << kBlocked
            + u"(Reason: header ‘x-a’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response)."_s;
    QTest::newRow("redirect with credentials")
        << CorsFailure { Kind::RedirectWithCredentials, false, {}, 0 } << true
        << u"RedirectContainsCredentials"_s
        << kAccess
            + u"Redirect location '' contains a username and password, which is disallowed for cross-origin requests."_s
        << u"CORSDidNotSucceed"_s
        << kBlocked + u"(Reason: CORS request did not succeed). Status code: (null)."_s;
    QTest::newRow("too many redirects")
        << CorsFailure { Kind::TooManyRedirects, false, {}, 0 } << true << u"net::ERR_TOO_MANY_REDIRECTS"_s
        << u"Failed to load resource: net::ERR_TOO_MANY_REDIRECTS"_s << u"CORSDidNotSucceed"_s
        << kBlocked + u"(Reason: CORS request did not succeed). Status code: (null)."_s;
    QTest::newRow("same-origin mode")
        << CorsFailure { Kind::DisallowedByMode, false, {}, 0 } << true << u"DisallowedByMode"_s
        << u"Fetch API cannot load https://api.example.com/x. Request mode is \"same-origin\" but the URL's origin is not same as the request origin https://app.example.com."_s
        << u"CheckSameOriginError"_s
        << u"Security Error: Content at https://app.example.com/page may not load data from https://api.example.com/x."_s;
    QTest::newRow("same-origin mode, redirected")
        << CorsFailure { Kind::DisallowedByMode, false, {}, 0 } << false << u"DisallowedByMode"_s
        << u"Unsafe attempt to load URL https://api.example.com/x from frame with URL https://app.example.com/page. Domains, protocols and ports must match.\n"_s
        << u"CheckSameOriginError"_s
        << u"Security Error: Content at https://app.example.com/page may not load data from https://api.example.com/x."_s;
    QTest::newRow("TRACE") << CorsFailure { Kind::ForbiddenMethod, false, "TRACE", 0 } << true
                           << u"TypeError"_s
                           << u"Failed to execute 'fetch' on 'Window': 'TRACE' HTTP method is unsupported."_s
                           << u"TypeError"_s << u"Window.fetch: Invalid request method TRACE."_s;
    QTest::newRow("no-cors PUT")
        << CorsFailure { Kind::NoCorsMethod, false, "PUT", 0 } << true << u"TypeError"_s
        << u"Failed to execute 'fetch' on 'Window': 'PUT' is unsupported in no-cors mode."_s << u"TypeError"_s
        << u"Window.fetch: Invalid request method PUT."_s;
    QTest::newRow("invalid method")
        << CorsFailure { Kind::InvalidMethod, false, "PU T", 0 } << true << u"TypeError"_s
        << u"Failed to execute 'fetch' on 'Window': 'PU T' is not a valid HTTP method."_s << u"TypeError"_s
        << u"Window.fetch: Invalid request method PU T."_s;
    QTest::newRow("invalid header name")
        << CorsFailure { Kind::InvalidHeaderName, false, "X A", 0 } << true << u"TypeError"_s
        << u"Failed to execute 'fetch' on 'Window': Invalid name"_s << u"TypeError"_s
        << u"Window.fetch: x a is an invalid header name."_s;
    QTest::newRow("invalid header value")
        << CorsFailure { Kind::InvalidHeaderValue, false, "a\nb", 0 } << true << u"TypeError"_s
        << u"Failed to execute 'fetch' on 'Window': Invalid value"_s << u"TypeError"_s
        << u"Window.fetch: a\nb is an invalid header value."_s;
}

void tst_CorsFailure::texts()
{
    QFETCH(CorsFailure, failure);
    QFETCH(bool, firstHop);
    QFETCH(QString, chromiumCode);
    QFETCH(QString, chromiumMessage);
    QFETCH(QString, firefoxCode);
    QFETCH(QString, firefoxMessage);
    const CorsFailure::Place place { QUrl(kUrl), QUrl(kUrl), *Origin::parse(u"https://app.example.com"_s),
                                     QUrl(u"https://app.example.com/page"_s), firstHop };
    const BrowserError chromium = failure.toError(BrowserProfile::chromium(), place);
    QCOMPARE(chromium.code, chromiumCode);
    QCOMPARE(chromium.message, chromiumMessage);
    const BrowserError firefox = failure.toError(BrowserProfile::firefox(), place);
    QCOMPARE(firefox.code, firefoxCode);
    QCOMPARE(firefox.message, firefoxMessage);
}

void tst_CorsFailure::redirectedFrom()
{
    const CorsFailure failure { Kind::MissingAllowOrigin, false, {}, 200 };
    const CorsFailure::Place place { QUrl(u"https://api.example.com/x"_s),
                                     QUrl(u"https://other.example.com/y"_s),
                                     *Origin::parse(u"https://app.example.com"_s), QUrl(), false };
    QCOMPARE(failure.toError(BrowserProfile::chromium(), place).message,
             u"Access to fetch at 'https://other.example.com/y' (redirected from "
             "'https://api.example.com/x') from origin 'https://app.example.com' has been blocked by CORS "
             "policy: No 'Access-Control-Allow-Origin' header is present on the requested resource."_s);
    QVERIFY(failure.toError(BrowserProfile::firefox(), place)
                .message.contains(u"remote resource at https://other.example.com/y."));
}

void tst_CorsFailure::hintEncoding()
{
    // Chromium prints control and non-ASCII bytes of a failed parameter as \uXXXX.
    const CorsFailure failure { Kind::AllowOriginMismatch, false, "caf\xe9\x01", 200 };
    const CorsFailure::Place place { QUrl(kUrl), QUrl(kUrl), *Origin::parse(u"https://app.example.com"_s),
                                     QUrl(), true };
    QVERIFY(failure.toError(BrowserProfile::chromium(), place).message.contains(u"'caf\\u00E9\\u0001'"));
}

QTEST_GUILESS_MAIN(tst_CorsFailure)
#include "tst_corsfailure.moc"
