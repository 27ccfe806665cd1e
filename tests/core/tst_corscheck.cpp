#include "browser/corscheck.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using Kind = CorsFailure::Kind;

namespace {
constexpr QByteArrayView kOrigin = "https://app.example.com";
constexpr int kPass = -1;
} // namespace

class tst_CorsCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checkAccess_data();
    void checkAccess();
    void checkMethod_data();
    void checkMethod();
    void checkHeaders_data();
    void checkHeaders();
    void exposedHeaderNames_data();
    void exposedHeaderNames();
};

void tst_CorsCheck::checkAccess_data()
{
    QTest::addColumn<HttpHeaders>("headers");
    QTest::addColumn<bool>("credentials");
    QTest::addColumn<int>("chromium"); // CorsFailure::Kind, or kPass
    QTest::addColumn<int>("firefox");

    const QByteArray origin = kOrigin.toByteArray();
    QTest::newRow("exact origin") << HttpHeaders { { "Access-Control-Allow-Origin", origin } } << false
                                  << kPass << kPass;
    QTest::newRow("missing") << HttpHeaders {} << false << int(Kind::MissingAllowOrigin)
                             << int(Kind::MissingAllowOrigin);
    QTest::newRow("* without credentials")
        << HttpHeaders { { "Access-Control-Allow-Origin", "*" } } << false << kPass << kPass;
    QTest::newRow("* with credentials")
        << HttpHeaders { { "Access-Control-Allow-Origin", "*" },
                         { "Access-Control-Allow-Credentials", "true" } }
        << true << int(Kind::WildcardOriginWithCredentials) << int(Kind::WildcardOriginWithCredentials);
    QTest::newRow("trailing slash") << HttpHeaders { { "Access-Control-Allow-Origin", origin + '/' } }
                                    << false << int(Kind::AllowOriginMismatch)
                                    << int(Kind::AllowOriginMismatch);
    QTest::newRow("not an origin") << HttpHeaders { { "Access-Control-Allow-Origin", "foo" } } << false
                                   << int(Kind::InvalidAllowOrigin) << int(Kind::AllowOriginMismatch);
    QTest::newRow("null") << HttpHeaders { { "Access-Control-Allow-Origin", "null" } } << false
                          << int(Kind::AllowOriginMismatch) << int(Kind::AllowOriginMismatch);
    QTest::newRow("two headers") << HttpHeaders { { "Access-Control-Allow-Origin", origin },
                                                  { "Access-Control-Allow-Origin", origin } }
                                 << false << int(Kind::MultipleAllowOrigin) << int(Kind::MultipleAllowOrigin);
    QTest::newRow("two headers spelt differently")
        << HttpHeaders { { "access-control-allow-origin", origin },
                         { "Access-Control-Allow-Origin", origin } }
        << false << int(Kind::MultipleAllowOrigin) << int(Kind::AllowOriginMismatch);
    QTest::newRow("a list in one header")
        << HttpHeaders { { "Access-Control-Allow-Origin", origin + ", " + origin } } << false
        << int(Kind::MultipleAllowOrigin) << int(Kind::AllowOriginMismatch);
    QTest::newRow("credentials, ACAC true") << HttpHeaders { { "Access-Control-Allow-Origin", origin },
                                                             { "Access-Control-Allow-Credentials", "true" } }
                                            << true << kPass << kPass;
    QTest::newRow("credentials, ACAC True")
        << HttpHeaders { { "Access-Control-Allow-Origin", origin },
                         { "Access-Control-Allow-Credentials", "True" } }
        << true << int(Kind::InvalidAllowCredentials) << int(Kind::InvalidAllowCredentials);
    QTest::newRow("credentials, no ACAC")
        << HttpHeaders { { "Access-Control-Allow-Origin", origin } } << true
        << int(Kind::InvalidAllowCredentials) << int(Kind::InvalidAllowCredentials);
    QTest::newRow("no credentials ignore ACAC")
        << HttpHeaders { { "Access-Control-Allow-Origin", origin },
                         { "Access-Control-Allow-Credentials", "no" } }
        << false << kPass << kPass;
}

void tst_CorsCheck::checkAccess()
{
    QFETCH(HttpHeaders, headers);
    QFETCH(bool, credentials);
    QFETCH(int, chromium);
    QFETCH(int, firefox);
    const HttpResponse response { 200, headers, {} };
    Trace trace;
    const auto inChromium =
        CorsCheck::checkAccess(response, kOrigin, credentials, false, BrowserProfile::chromium(), trace);
    QCOMPARE(inChromium ? int(inChromium->kind) : kPass, chromium);
    const auto inFirefox =
        CorsCheck::checkAccess(response, kOrigin, credentials, true, BrowserProfile::firefox(), trace);
    QCOMPARE(inFirefox ? int(inFirefox->kind) : kPass, firefox);
    if (inFirefox)
        QVERIFY(inFirefox->preflight);
}

void tst_CorsCheck::checkMethod_data()
{
    QTest::addColumn<QByteArrayList>("allowed");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("credentials");
    QTest::addColumn<bool>("ok");
    QTest::newRow("listed") << QByteArrayList { "PUT", "DELETE" } << QByteArray("PUT") << false << true;
    QTest::newRow("case-sensitive") << QByteArrayList { "put" } << QByteArray("PUT") << false << false;
    QTest::newRow("patch is not PATCH")
        << QByteArrayList { "PATCH" } << QByteArray("patch") << false << false;
    QTest::newRow("safelisted needs no listing") << QByteArrayList {} << QByteArray("POST") << false << true;
    QTest::newRow("* without credentials") << QByteArrayList { "*" } << QByteArray("PUT") << false << true;
    QTest::newRow("* with credentials") << QByteArrayList { "*" } << QByteArray("PUT") << true << false;
}

void tst_CorsCheck::checkMethod()
{
    QFETCH(QByteArrayList, allowed);
    QFETCH(QByteArray, method);
    QFETCH(bool, credentials);
    QFETCH(bool, ok);
    PreflightResult result;
    result.methods = allowed;
    Trace trace;
    const auto failure = CorsCheck::checkMethod(result, method, credentials, trace);
    QCOMPARE(!failure.has_value(), ok);
    if (failure) {
        QCOMPARE(failure->kind, Kind::MethodNotAllowed);
        QCOMPARE(failure->detail, method);
    }
}

void tst_CorsCheck::checkHeaders_data()
{
    QTest::addColumn<QByteArrayList>("allowed");
    QTest::addColumn<QByteArrayList>("requested");
    QTest::addColumn<bool>("credentials");
    QTest::addColumn<QByteArray>("missing"); // empty: allowed
    QTest::newRow("listed, other case")
        << QByteArrayList { "X-A", "X-B" } << QByteArrayList { "x-a", "x-b" } << false << QByteArray();
    QTest::newRow("one missing") << QByteArrayList { "x-b" } << QByteArrayList { "x-a", "x-b" } << false
                                 << QByteArray("x-a");
    QTest::newRow("* without credentials")
        << QByteArrayList { "*" } << QByteArrayList { "x-a" } << false << QByteArray();
    QTest::newRow("* with credentials")
        << QByteArrayList { "*" } << QByteArrayList { "x-a" } << true << QByteArray("x-a");
    QTest::newRow("* and the name with credentials")
        << QByteArrayList { "*", "x-a" } << QByteArrayList { "x-a" } << true << QByteArray();
    // The shipping browsers let Authorization through "*", against the Fetch standard.
    QTest::newRow("Authorization under *")
        << QByteArrayList { "*" } << QByteArrayList { "authorization" } << false << QByteArray();
    QTest::newRow("Authorization not listed")
        << QByteArrayList { "x-a" } << QByteArrayList { "authorization" } << false
        << QByteArray("authorization");
}

void tst_CorsCheck::checkHeaders()
{
    QFETCH(QByteArrayList, allowed);
    QFETCH(QByteArrayList, requested);
    QFETCH(bool, credentials);
    QFETCH(QByteArray, missing);
    PreflightResult result;
    result.headerNames = allowed;
    for (const BrowserProfile &browser : { BrowserProfile::chromium(), BrowserProfile::firefox() }) {
        Trace trace;
        const auto failure = CorsCheck::checkHeaders(result, requested, credentials, browser, trace);
        QCOMPARE(failure ? failure->detail : QByteArray(), missing);
        if (requested.contains("authorization") && allowed.contains("*") && !failure) {
            const bool noted = std::any_of(trace.begin(), trace.end(), [](const TraceStep &step) {
                return step.detail.contains(u"Fetch standard");
            });
            QVERIFY2(noted, "the trace says where the browsers depart from the standard");
        }
    }
}

void tst_CorsCheck::exposedHeaderNames_data()
{
    QTest::addColumn<HttpHeaders>("headers");
    QTest::addColumn<bool>("credentials");
    QTest::addColumn<QByteArrayList>("exposed");
    QTest::newRow("safelisted only") << HttpHeaders {
        { "Content-Type", "x" }, { "X-Secret", "1" }, { "Date", "x" }, { "Content-Length", "0" }
    } << false << QByteArrayList { "content-length", "content-type" };
    QTest::newRow("listed") << HttpHeaders {
        { "Access-Control-Expose-Headers", "x-foo" }, { "X-Foo", "1" }, { "X-Bar", "2" }
    } << false << QByteArrayList { "x-foo" };
    QTest::newRow("* without credentials")
        << HttpHeaders { { "Access-Control-Expose-Headers", "*" }, { "X-Foo", "1" }, { "Set-Cookie", "a" } }
        << false << QByteArrayList { "access-control-expose-headers", "x-foo" };
    QTest::newRow("* with credentials is a name")
        << HttpHeaders { { "Access-Control-Expose-Headers", "*, X-Foo" }, { "X-Foo", "1" }, { "X-Bar", "2" } }
        << true << QByteArrayList { "x-foo" };
    QTest::newRow("an invalid token voids the list")
        << HttpHeaders { { "Access-Control-Expose-Headers", "X-Foo, bad header" }, { "X-Foo", "1" } } << false
        << QByteArrayList {};
    QTest::newRow("Set-Cookie never")
        << HttpHeaders { { "Access-Control-Expose-Headers", "Set-Cookie" }, { "Set-Cookie", "a" } } << false
        << QByteArrayList {};
    QTest::newRow("two lines") << HttpHeaders { { "Access-Control-Expose-Headers", "X-A" },
                                                { "Access-Control-Expose-Headers", "X-B" },
                                                { "X-A", "1" },
                                                { "X-B", "2" } }
                               << false << QByteArrayList { "x-a", "x-b" };
}

void tst_CorsCheck::exposedHeaderNames()
{
    QFETCH(HttpHeaders, headers);
    QFETCH(bool, credentials);
    QFETCH(QByteArrayList, exposed);
    Trace trace;
    QCOMPARE(CorsCheck::exposedHeaderNames(HttpResponse { 200, headers, {} }, credentials, trace), exposed);
}

QTEST_GUILESS_MAIN(tst_CorsCheck)
#include "tst_corscheck.moc"
