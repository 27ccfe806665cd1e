// HarFetchFinder: which entries of a HAR are cross-origin fetches, and how they fit together.
#include "harbuilder.h"
#include "import/harfetchfinder.h"
#include "import/harreader.h"
#include "import/harresponder.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using cors::test::HarBuilder;

Q_DECLARE_METATYPE(HarBuilder::Entry)

namespace {

HarLog load(const QString &name)
{
    QFile file(QStringLiteral(CORS_IMPORT_DATA "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    JsonProblems problems;
    auto log = HarReader::read(file.readAll(), &problems);
    if (!log)
        qFatal("%s: %s", qPrintable(name), qPrintable(problems.first().toString()));
    return *log;
}

HarLog parse(const HarBuilder &builder)
{
    JsonProblems problems;
    auto log = HarReader::read(builder.json(), &problems);
    if (!log)
        qFatal("%s", qPrintable(problems.first().toString()));
    return *log;
}

// "4+5>…": each hop's entry, "+preflight" or "~cached preflight", hops joined by ">".
QString shape(const HarFetch &fetch)
{
    QStringList hops;
    for (const HarFetch::Hop &hop : fetch.hops) {
        QString text = QString::number(hop.entry);
        if (hop.preflight >= 0)
            text += u'+' + QString::number(hop.preflight);
        if (hop.cachedPreflight >= 0)
            text += u'~' + QString::number(hop.cachedPreflight);
        hops.append(text);
    }
    return hops.join(u'>');
}

QString headerNames(const HttpHeaders &headers)
{
    QStringList names;
    for (const auto &[name, value] : headers)
        names.append(QString::fromLatin1(name));
    return names.join(u',');
}

QString skippedText(const QList<HarFetchFinder::Skipped> &skipped)
{
    QStringList list;
    for (const HarFetchFinder::Skipped &s : skipped)
        list.append(u"%1:%2"_s.arg(s.entry).arg(HarFetchFinder::skipReasonName(s.reason)));
    return list.join(u' ');
}

const std::pair<QString, QString> kOrigin { u"Origin"_s, u"https://app.example"_s };
const std::pair<QString, QString> kCors { u"Sec-Fetch-Mode"_s, u"cors"_s };

} // namespace

class tst_HarFetchFinder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data();
    void fixtures();
    void chromiumBlockedAtPreflight();
    void sanitized();
    void firefox();
    void classification_data();
    void classification();
    void pairsTheNearestPreflight();
    void preflightFromAnotherOriginIsNotPaired();
    void preflightWithoutItsRequest();
    void sameOriginRedirectToAnotherOrigin();
    void pollingForHours();
};

void tst_HarFetchFinder::fixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("browser");
    QTest::addColumn<QStringList>("fetches");
    QTest::addColumn<QString>("skipped");

    QTest::newRow("Chromium, failed preflight")
        << u"chromium-failed-preflight.har"_s << u"chromium"_s << QStringList { u"3"_s, u"4+5"_s, u"6"_s }
        << u"0:not-cors 1:not-cors 2:not-cors"_s;
    QTest::newRow("Chromium, sanitized") << u"chromium-sanitized.har"_s << u"chromium"_s
                                         << QStringList { u"0"_s, u"1+2"_s, u"3+4"_s, u"5~4"_s } << QString();
    QTest::newRow("Chromium, redirects")
        << u"chromium-redirects.har"_s << u"chromium"_s << QStringList { u"0>1"_s, u"2>3"_s } << QString();
    QTest::newRow("Firefox") << u"firefox.har"_s << u"firefox"_s << QStringList { u"2+1"_s, u"3"_s, u"4"_s }
                             << u"0:not-cors 5:not-cors"_s;
}

void tst_HarFetchFinder::fixtures()
{
    QFETCH(QString, file);
    QFETCH(QString, browser);
    QFETCH(QStringList, fetches);
    QFETCH(QString, skipped);
    const HarLog log = load(file);
    const auto result = HarFetchFinder::find(log, *BrowserProfile::fromName(browser));
    QStringList shapes;
    for (const HarFetch &fetch : result.fetches)
        shapes.append(shape(fetch));
    QCOMPARE(shapes, fetches);
    QCOMPARE(skippedText(result.skipped), skipped);
    for (const HarFetch &fetch : result.fetches) {
        QCOMPARE(fetch.spec.mode, RequestMode::Cors);
        QVERIFY(!fetch.spec.pageOrigin.isOpaque());
        QCOMPARE(fetch.spec.url, fetch.hops.first().url);
    }
}

void tst_HarFetchFinder::chromiumBlockedAtPreflight()
{
    const HarLog log = load(u"chromium-failed-preflight.har"_s);
    const auto result = HarFetchFinder::find(log, BrowserProfile::chromium());
    const HarFetch &put = result.fetches[1];
    // Recorded without Origin: the preflight's says.
    QCOMPARE(put.pageOrigin.source, PageOrigin::Source::PreflightOriginHeader);
    QCOMPARE(put.spec.pageOrigin.serialize(), u"https://shop.acme.example"_s);
    QCOMPARE(put.spec.pageUrl, QUrl(u"https://shop.acme.example/cart"_s));
    QCOMPARE(put.spec.method, QByteArray("PUT"));
    QCOMPARE(headerNames(put.spec.headers), u"Content-Type,X-Request-Id"_s);
    QVERIFY(put.headers.restored.isEmpty());
    QCOMPARE(put.spec.credentials, CredentialsMode::SameOrigin);
    QCOMPARE(put.recorded.state, HarFetch::Recorded::State::Failed);
    QCOMPARE(put.recorded.error, u"net::ERR_FAILED"_s);
    QCOMPARE(put.entries(), (QList<int> { 5, 4 }));

    const HarFetch &get = result.fetches[0];
    QCOMPARE(get.pageOrigin.source, PageOrigin::Source::OriginHeader);
    QVERIFY(get.cookies);
    QCOMPARE(get.spec.credentials, CredentialsMode::Include);
    QCOMPARE(headerNames(get.spec.headers), u"accept"_s);
    QCOMPARE(get.recorded.state, HarFetch::Recorded::State::Completed);

    const HarFetch &post = result.fetches[2];
    QCOMPARE(post.recorded.state, HarFetch::Recorded::State::Failed);
    QCOMPARE(post.recorded.status, 201);
    QCOMPARE(headerNames(post.spec.headers), u"accept,content-type"_s);
}

void tst_HarFetchFinder::sanitized()
{
    const HarLog log = load(u"chromium-sanitized.har"_s);
    QVERIFY(!log.anyCookies());
    const auto result = HarFetchFinder::find(log, BrowserProfile::chromium());
    const HarFetch &put = result.fetches[1];
    QCOMPARE(put.headers.restored, QByteArrayList { "authorization" });
    QCOMPARE(put.spec.headers.value("authorization"), AuthorHeaders::placeholderValue());
    const HarFetch &cached = result.fetches[3];
    QCOMPARE(cached.hops.first().preflight, -1);
    QCOMPARE(cached.hops.first().cachedPreflight, 4);
    // The answers: the cached preflight's response stands in for the one not recorded.
    HarResponder responder(log, cached);
    HttpRequest preflight {
        "OPTIONS", cached.spec.url, { { "Access-Control-Request-Method", "DELETE" } }, {}
    };
    Trace trace;
    QCOMPARE(responder.respond(preflight, trace)->status, 204);
    QCOMPARE(responder.respond(HttpRequest { "DELETE", cached.spec.url, {}, {} }, trace)->status, 404);
}

void tst_HarFetchFinder::firefox()
{
    const HarLog log = load(u"firefox.har"_s);
    const auto result = HarFetchFinder::find(log, BrowserProfile::firefox());
    const HarFetch &patch = result.fetches[0];
    QCOMPARE(patch.pageOrigin.source, PageOrigin::Source::OriginHeader);
    QCOMPARE(headerNames(patch.spec.headers), u"Accept,Content-Type,Authorization"_s);
    QCOMPARE(patch.recorded.state, HarFetch::Recorded::State::NoResponse);
    QStringList dropped;
    for (const AuthorHeaders::Dropped &header : patch.headers.dropped)
        dropped.append(QString::fromLatin1(header.name));
    QCOMPARE(dropped.join(u','),
             u"Host,User-Agent,Accept-Language,Accept-Encoding,Content-Length,Origin,Connection,Referer,"
             "Sec-Fetch-Dest,Sec-Fetch-Mode,Sec-Fetch-Site,Priority,Pragma,Cache-Control,TE"_s);
}

void tst_HarFetchFinder::classification_data()
{
    QTest::addColumn<HarBuilder::Entry>("entry");
    QTest::addColumn<QString>("expected"); // "fetch" or the skip reason

    using Headers = HarBuilder::Headers;
    using E = HarBuilder::Entry;
    QTest::newRow("Sec-Fetch-Mode: cors")
        << E::make(u"GET"_s, u"https://api.example/x"_s, Headers { kCors, kOrigin }) << u"fetch"_s;
    QTest::newRow("Sec-Fetch-Mode: no-cors, with Origin (a POSTed image)") << E::make(
        u"POST"_s, u"https://api.example/x"_s, Headers { { u"Sec-Fetch-Mode"_s, u"no-cors"_s }, kOrigin })
                                                                           << u"not-cors"_s;
    QTest::newRow("a navigation") << E::make(u"GET"_s, u"https://api.example/x"_s,
                                             Headers { { u"Sec-Fetch-Mode"_s, u"navigate"_s } })
                                  << u"not-cors"_s;
    QTest::newRow("Chromium's xhr, recorded with provisional headers")
        << E::make(u"GET"_s, u"https://api.example/x"_s,
                   Headers { { u"Referer"_s, u"https://app.example/"_s } }, 0)
               .chromium(u"xhr"_s, u"net::ERR_FAILED"_s)
        << u"fetch"_s;
    QTest::newRow("Chromium's image") << E::make(u"GET"_s, u"https://api.example/x.png"_s,
                                                 Headers { { u"Referer"_s, u"https://app.example/"_s } })
                                             .chromium(u"image"_s)
                                      << u"not-cors"_s;
    QTest::newRow("Chromium's font is CORS")
        << E::make(u"GET"_s, u"https://cdn.example/f.woff2"_s, Headers { kOrigin }).chromium(u"font"_s)
        << u"fetch"_s;
    QTest::newRow("plain http, GET with Origin")
        << E::make(u"GET"_s, u"http://api.example/x"_s, Headers { kOrigin }) << u"fetch"_s;
    QTest::newRow("plain http, a form POST") << E::make(
        u"POST"_s, u"http://api.example/x"_s, Headers { kOrigin, { u"Accept"_s, u"text/html,*/*"_s } })
                                             << u"not-cors"_s;
    QTest::newRow("plain http, GET without Origin")
        << E::make(u"GET"_s, u"http://api.example/x"_s, Headers {}) << u"not-cors"_s;
    QTest::newRow("same-origin fetch")
        << E::make(u"GET"_s, u"https://app.example/api"_s,
                   Headers { kCors, { u"Referer"_s, u"https://app.example/"_s } })
        << u"same-origin"_s;
    QTest::newRow("a data: URL") << E::make(u"GET"_s, u"data:image/png;base64,AAAA"_s, Headers {})
                                 << u"not-http"_s;
    QTest::newRow("a WebSocket") << E::make(u"GET"_s, u"wss://api.example/socket"_s, Headers { kOrigin })
                                 << u"not-http"_s;
    QTest::newRow("nothing tells the page's origin")
        << E::make(u"GET"_s, u"https://api.example/x"_s, Headers { kCors }).onPage(QString())
        << u"unknown-page-origin"_s;
    QTest::newRow("Origin: null (a sandboxed page)")
        << E::make(u"GET"_s, u"https://app.example/x"_s, Headers { kCors, { u"Origin"_s, u"null"_s } })
        << u"fetch"_s;
}

void tst_HarFetchFinder::classification()
{
    QFETCH(HarBuilder::Entry, entry);
    QFETCH(QString, expected);
    const HarLog log =
        parse(HarBuilder(u"WebInspector"_s, entry.pageref.isEmpty() ? QString() : u"https://app.example/"_s)
                  .add(entry));
    const auto result = HarFetchFinder::find(log, BrowserProfile::chromium());
    if (expected == u"fetch") {
        QCOMPARE(result.fetches.size(), 1);
        QVERIFY(result.skipped.isEmpty());
    } else {
        QVERIFY(result.fetches.isEmpty());
        QCOMPARE(skippedText(result.skipped), u"0:"_s + expected);
    }
}

void tst_HarFetchFinder::pairsTheNearestPreflight()
{
    using Headers = QList<std::pair<QString, QString>>;
    const Headers put { kCors, kOrigin, { u"Content-Type"_s, u"application/json"_s } };
    const Headers preflight { kCors,
                              kOrigin,
                              { u"Access-Control-Request-Method"_s, u"PUT"_s },
                              { u"Access-Control-Request-Headers"_s, u"content-type"_s } };
    HarBuilder builder;
    // Two PUTs to one URL, ten seconds apart, each listed before its preflight as Chromium lists them.
    builder.add(HarBuilder::Entry::make(u"PUT"_s, u"https://api.example/x"_s, put, 200, {}, 0))
        .add(HarBuilder::Entry::make(u"OPTIONS"_s, u"https://api.example/x"_s, preflight, 204, {}, 2))
        .add(HarBuilder::Entry::make(u"PUT"_s, u"https://api.example/x"_s, put, 200, {}, 10000))
        .add(HarBuilder::Entry::make(u"OPTIONS"_s, u"https://api.example/x"_s, preflight, 204, {}, 10001))
        // A GET to the same URL: not the method the preflights asked for.
        .add(HarBuilder::Entry::make(u"GET"_s, u"https://api.example/x"_s, Headers { kCors, kOrigin }, 200,
                                     {}, 5));
    const auto result = HarFetchFinder::find(parse(builder), BrowserProfile::chromium());
    QStringList shapes;
    for (const HarFetch &fetch : result.fetches)
        shapes.append(shape(fetch));
    QCOMPARE(shapes, (QStringList { u"0+1"_s, u"4"_s, u"2+3"_s }));
}

void tst_HarFetchFinder::preflightFromAnotherOriginIsNotPaired()
{
    using Headers = QList<std::pair<QString, QString>>;
    HarBuilder builder;
    builder
        .add(HarBuilder::Entry::make(u"PUT"_s, u"https://api.example/x"_s, Headers { kCors, kOrigin }, 200,
                                     {}, 0))
        .add(HarBuilder::Entry::make(u"OPTIONS"_s, u"https://api.example/x"_s,
                                     Headers { kCors,
                                               { u"Origin"_s, u"https://other.example"_s },
                                               { u"Access-Control-Request-Method"_s, u"PUT"_s } },
                                     204, {}, 1));
    const auto result = HarFetchFinder::find(parse(builder), BrowserProfile::chromium());
    QCOMPARE(result.fetches.size(), 2);
    QCOMPARE(shape(result.fetches[0]), u"0"_s);
    QCOMPARE(shape(result.fetches[1]), u"-1+1"_s); // listed on its own
}

void tst_HarFetchFinder::preflightWithoutItsRequest()
{
    using Headers = QList<std::pair<QString, QString>>;
    HarBuilder builder;
    builder.add(
        HarBuilder::Entry::make(u"OPTIONS"_s, u"https://api.example/x"_s,
                                Headers { kCors,
                                          kOrigin,
                                          { u"Access-Control-Request-Method"_s, u"DELETE"_s },
                                          { u"Access-Control-Request-Headers"_s, u"authorization,x-b"_s } },
                                403, {}, 0));
    const auto result = HarFetchFinder::find(parse(builder), BrowserProfile::firefox());
    QCOMPARE(result.fetches.size(), 1);
    const HarFetch &fetch = result.fetches.first();
    QCOMPARE(fetch.firstEntry(), 0);
    QCOMPARE(fetch.spec.method, QByteArray("DELETE"));
    QCOMPARE(fetch.pageOrigin.source, PageOrigin::Source::OriginHeader);
    QCOMPARE(headerNames(fetch.spec.headers), u"authorization,x-b"_s);
    QCOMPARE(fetch.recorded.state, HarFetch::Recorded::State::NotRecorded);
    QCOMPARE(fetch.recorded.status, 403);
}

void tst_HarFetchFinder::sameOriginRedirectToAnotherOrigin()
{
    using Headers = QList<std::pair<QString, QString>>;
    HarBuilder builder;
    builder
        .add(HarBuilder::Entry::make(u"GET"_s, u"https://app.example/download"_s,
                                     Headers { kCors, { u"Referer"_s, u"https://app.example/"_s } }, 302,
                                     Headers { { u"Location"_s, u"https://files.example/f"_s } }, 0))
        .add(HarBuilder::Entry::make(u"GET"_s, u"https://files.example/f"_s, Headers { kCors, kOrigin }, 200,
                                     {}, 30));
    const HarLog log = parse(builder);
    const auto result = HarFetchFinder::find(log, BrowserProfile::chromium());
    QCOMPARE(result.fetches.size(), 1);
    QCOMPARE(shape(result.fetches.first()), u"0>1"_s);
    QCOMPARE(result.fetches.first().pageOrigin.source, PageOrigin::Source::Referer);
    // The backend a tenant's rules sit in front of redirects where the HAR's server did.
    const auto redirects = result.fetches.first().redirects(log);
    QCOMPARE(redirects.size(), 1);
    QCOMPARE(redirects.value(u"https://app.example/download"_s).headers.value("Location"),
             QByteArray("https://files.example/f"));
}

// What makes a HAR enormous is one endpoint polled for hours: each of 20,000 requests still
// finds its own preflight, in start order, without comparing every entry with every other.
void tst_HarFetchFinder::pollingForHours()
{
    using Headers = HarBuilder::Headers;
    const Headers request { kCors, kOrigin, { u"X-Poll"_s, u"1"_s } };
    const Headers preflight { kCors,
                              kOrigin,
                              { u"Access-Control-Request-Method"_s, u"GET"_s },
                              { u"Access-Control-Request-Headers"_s, u"x-poll"_s } };
    HarBuilder builder;
    const int count = 20000;
    for (int i = 0; i < count; ++i) {
        builder.add(
            HarBuilder::Entry::make(u"GET"_s, u"https://api.example/status"_s, request, 200, {}, i * 1000));
        builder.add(HarBuilder::Entry::make(u"OPTIONS"_s, u"https://api.example/status"_s, preflight, 204, {},
                                            i * 1000 + 2));
    }
    const HarLog log = parse(builder);
    QElapsedTimer timer;
    timer.start();
    const auto result = HarFetchFinder::find(log, BrowserProfile::chromium());
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(result.fetches.size(), count);
    for (int i = 0; i < count; ++i)
        QCOMPARE(shape(result.fetches[i]), u"%1+%2"_s.arg(2 * i).arg(2 * i + 1));
    qInfo("%d requests and their preflights put together in %lld ms", count, elapsed);
    QVERIFY2(elapsed < 20000, "quadratic?");
}

QTEST_APPLESS_MAIN(tst_HarFetchFinder)
#include "tst_harfetchfinder.moc"
