#include "browser/fetchrequest.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

namespace {

FetchSpec spec(QByteArray method, HttpHeaders headers = {}, RequestMode mode = RequestMode::Cors,
               const QString &url = u"https://api.example.com/x"_s)
{
    FetchSpec s;
    s.pageOrigin = *Origin::parse(u"https://app.example.com"_s);
    s.url = QUrl(url);
    s.method = std::move(method);
    s.headers = std::move(headers);
    s.mode = mode;
    return s;
}

} // namespace

class tst_FetchRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalizeMethod_data();
    void normalizeMethod();
    void typeErrors_data();
    void typeErrors();
    void headerGuard_data();
    void headerGuard();
    void normalizeUrl_data();
    void normalizeUrl();
};

void tst_FetchRequest::normalizeMethod_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("normalized");
    QTest::newRow("get") << QByteArray("get") << QByteArray("GET");
    QTest::newRow("Put") << QByteArray("Put") << QByteArray("PUT");
    QTest::newRow("delete") << QByteArray("delete") << QByteArray("DELETE");
    QTest::newRow("options") << QByteArray("options") << QByteArray("OPTIONS");
    QTest::newRow("hEAD") << QByteArray("hEAD") << QByteArray("HEAD");
    QTest::newRow("post") << QByteArray("post") << QByteArray("POST");
    QTest::newRow("patch stays") << QByteArray("patch") << QByteArray("patch");
    QTest::newRow("Foo stays") << QByteArray("Foo") << QByteArray("Foo");
    QTest::newRow("PATCH stays") << QByteArray("PATCH") << QByteArray("PATCH");
}

void tst_FetchRequest::normalizeMethod()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, normalized);
    QCOMPARE(FetchRequest::normalizeMethod(method), normalized);
    Trace trace;
    CorsFailure failure;
    const auto request = FetchRequest::construct(spec(method), BrowserProfile::chromium(), trace, &failure);
    QVERIFY(request);
    QCOMPARE(request->method, normalized);
}

void tst_FetchRequest::typeErrors_data()
{
    QTest::addColumn<FetchSpec>("fetch");
    QTest::addColumn<int>("kind");
    QTest::newRow("TRACE") << spec("TRACE") << int(CorsFailure::Kind::ForbiddenMethod);
    QTest::newRow("connect") << spec("connect") << int(CorsFailure::Kind::ForbiddenMethod);
    QTest::newRow("method with a space") << spec("PU T") << int(CorsFailure::Kind::InvalidMethod);
    QTest::newRow("empty method") << spec("") << int(CorsFailure::Kind::InvalidMethod);
    QTest::newRow("no-cors PUT") << spec("put", {}, RequestMode::NoCors)
                                 << int(CorsFailure::Kind::NoCorsMethod);
    QTest::newRow("header name with a space")
        << spec("GET", { { "X A", "1" } }) << int(CorsFailure::Kind::InvalidHeaderName);
    QTest::newRow("header value with LF")
        << spec("GET", { { "X-A", "a\nb" } }) << int(CorsFailure::Kind::InvalidHeaderValue);
    QTest::newRow("header value with NUL")
        << spec("GET", { { "X-A", QByteArray("a\0b", 3) } }) << int(CorsFailure::Kind::InvalidHeaderValue);
    QTest::newRow("URL with credentials")
        << spec("GET", {}, RequestMode::Cors, u"https://user:pw@api.example.com/"_s)
        << int(CorsFailure::Kind::UrlWithCredentials);
}

void tst_FetchRequest::typeErrors()
{
    QFETCH(FetchSpec, fetch);
    QFETCH(int, kind);
    for (const BrowserProfile &browser : { BrowserProfile::chromium(), BrowserProfile::firefox() }) {
        Trace trace;
        CorsFailure failure;
        QVERIFY(!FetchRequest::construct(fetch, browser, trace, &failure));
        QCOMPARE(int(failure.kind), kind);
        QVERIFY(!trace.isEmpty());
        QVERIFY(!trace.last().ok);
    }
}

void tst_FetchRequest::headerGuard_data()
{
    QTest::addColumn<FetchSpec>("fetch");
    QTest::addColumn<HttpHeaders>("chromium");
    QTest::addColumn<HttpHeaders>("firefox");
    QTest::newRow("forbidden headers are dropped")
        << spec("GET", { { "Cookie", "a=1" }, { "X-A", "1" }, { "Sec-Foo", "1" }, { "Referer", "x" } })
        << HttpHeaders { { "X-A", "1" } } << HttpHeaders { { "X-A", "1" } };
    QTest::newRow("User-Agent: dropped by Chromium, kept by Firefox")
        << spec("GET", { { "User-Agent", "x" } }) << HttpHeaders {} << HttpHeaders { { "User-Agent", "x" } };
    QTest::newRow("repeated names: joined by Chromium, kept apart by Firefox")
        << spec("GET", { { "X-A", "1" }, { "X-B", "2" }, { "x-a", "3" } })
        << HttpHeaders { { "X-A", "1, 3" }, { "X-B", "2" } }
        << HttpHeaders { { "X-A", "1" }, { "X-B", "2" }, { "x-a", "3" } };
    QTest::newRow("values are trimmed") << spec("GET", { { "X-A", " \t v \t" } })
                                        << HttpHeaders { { "X-A", "v" } } << HttpHeaders { { "X-A", "v" } };
    QTest::newRow("no-cors keeps only no-CORS-safelisted headers")
        << spec("GET",
                { { "Accept", "text/html" },
                  { "X-A", "1" },
                  { "Content-Type", "application/json" },
                  { "Content-Language", "de" } },
                RequestMode::NoCors)
        << HttpHeaders { { "Accept", "text/html" }, { "Content-Language", "de" } }
        << HttpHeaders { { "Accept", "text/html" }, { "Content-Language", "de" } };
    QTest::newRow("no-cors removes Range")
        << spec("GET", { { "Range", "bytes=0-5" } }, RequestMode::NoCors) << HttpHeaders {} << HttpHeaders {};
    QTest::newRow("no-cors judges the combined value")
        << spec("GET", { { "Accept", QByteArray(100, 'a') }, { "Accept", QByteArray(100, 'b') } },
                RequestMode::NoCors)
        << HttpHeaders { { "Accept", QByteArray(100, 'a') } }
        << HttpHeaders { { "Accept", QByteArray(100, 'a') } };
}

void tst_FetchRequest::headerGuard()
{
    QFETCH(FetchSpec, fetch);
    QFETCH(HttpHeaders, chromium);
    QFETCH(HttpHeaders, firefox);
    Trace trace;
    CorsFailure failure;
    const auto inChromium = FetchRequest::construct(fetch, BrowserProfile::chromium(), trace, &failure);
    QVERIFY(inChromium);
    QCOMPARE(inChromium->headers, chromium);
    const auto inFirefox = FetchRequest::construct(fetch, BrowserProfile::firefox(), trace, &failure);
    QVERIFY(inFirefox);
    QCOMPARE(inFirefox->headers, firefox);
}

void tst_FetchRequest::normalizeUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("serialized");
    QTest::newRow("empty path") << u"https://API.example.com"_s << u"https://api.example.com/"_s;
    QTest::newRow("default port") << u"http://example.com:80/x"_s << u"http://example.com/x"_s;
    QTest::newRow("other port") << u"http://example.com:8080/x"_s << u"http://example.com:8080/x"_s;
    QTest::newRow("fragment dropped")
        << u"https://example.com/x?q=1#frag"_s << u"https://example.com/x?q=1"_s;
    QTest::newRow("dot segments") << u"https://example.com/a/../b/./c"_s << u"https://example.com/b/c"_s;
}

void tst_FetchRequest::normalizeUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, serialized);
    QCOMPARE(FetchRequest::serializeUrl(QUrl(url)), serialized);
}

QTEST_GUILESS_MAIN(tst_FetchRequest)
#include "tst_fetchrequest.moc"
