#include "browser/browsersession.h"
#include "browser/engineresponder.h"
#include "browser/fetchspecjson.h"
#include "browser/recordedresponder.h"
#include "bundle/bundlereader.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

namespace {

QList<FetchSpec> fetches(const QByteArray &json)
{
    JsonProblems problems;
    const auto specs = FetchSpecJson::readSequence(QJsonDocument::fromJson(json).isArray()
                                                       ? QJsonValue(QJsonDocument::fromJson(json).array())
                                                       : QJsonValue(QJsonDocument::fromJson(json).object()),
                                                   QString(), &problems);
    if (!specs)
        qFatal("bad fetch JSON in the test: %s", qPrintable(problems.first().toString()));
    return *specs;
}

RecordedResponder responses(const QByteArray &json)
{
    JsonProblems problems;
    const auto responder = RecordedResponder::fromJson(QJsonDocument::fromJson(json).object(), &problems);
    if (!responder)
        qFatal("bad responses JSON in the test: %s", qPrintable(problems.first().toString()));
    return *responder;
}

// "verdict code: METHOD url-path Origin ACRH, ..." — what the last fetch of a sequence did.
QString summary(const Outcome &outcome)
{
    QStringList wire;
    for (const FetchHop &hop : outcome.hops) {
        for (const auto *exchange : { &hop.preflight, &hop.actual }) {
            if (!exchange->has_value())
                continue;
            const HttpRequest &request = (*exchange)->request;
            QString line = QString::fromLatin1(request.method) + u' ' + request.url.path() + u' '
                + QString::fromLatin1(request.headers.value("Origin"));
            if (request.headers.contains("Access-Control-Request-Headers"))
                line += u' ' + QString::fromLatin1(request.headers.value("Access-Control-Request-Headers"));
            wire.append(line.trimmed());
        }
    }
    return verdictName(outcome.verdict) + u' ' + (outcome.error ? outcome.error->code : u"-"_s) + u": "_s
        + wire.join(u", ");
}

const QByteArray kPage = R"("pageOrigin": "https://app.example.com")";

} // namespace

class tst_BrowserSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fetch_data();
    void fetch();
    void exposedHeadersAndStatus();
    void sequenceMovesTheClock();
    void engineAnswers();
    void nothingAnswers();
    void traceNamesDepartures();
};

void tst_BrowserSession::fetch_data()
{
    QTest::addColumn<QByteArray>("fetch");
    QTest::addColumn<QByteArray>("responses");
    QTest::addColumn<QString>("chromium");
    QTest::addColumn<QString>("firefox");

    const QByteArray ok =
        R"({"status": 200, "headers": [["Access-Control-Allow-Origin", "https://app.example.com"]]})";
    const QByteArray pfPut =
        R"({"status": 204, "headers": [["Access-Control-Allow-Origin", "https://app.example.com"], ["Access-Control-Allow-Methods", "PUT"]]})";
    const auto one = [&](const QByteArray &extra) -> QByteArray {
        return "{" + kPage + R"(, "url": "https://api.example.com/x")" + extra + "}";
    };

    QTest::newRow("simple GET") << one("") << QByteArray(R"({"actual": )" + ok + "}")
                                << u"allowed -: GET /x https://app.example.com"_s
                                << u"allowed -: GET /x https://app.example.com"_s;
    QTest::newRow("same-origin GET sends no Origin")
        << QByteArray("{" + kPage + R"(, "url": "https://app.example.com/x"})")
        << QByteArray(R"({"actual": {"status": 200}})") << u"allowed -: GET /x"_s << u"allowed -: GET /x"_s;
    QTest::newRow("PUT with headers: preflight, sorted ACRH")
        << one(R"(, "method": "PUT", "headers": [["X-B", "1"], ["X-A", "2"]])")
        << QByteArray(
               R"({"preflight": {"status": 204, "headers": [["Access-Control-Allow-Origin", "https://app.example.com"], ["Access-Control-Allow-Methods", "PUT"], ["Access-Control-Allow-Headers", "x-a, x-b"]]}, "actual": )"
               + ok + "}")
        << u"allowed -: OPTIONS /x https://app.example.com x-a,x-b, PUT /x https://app.example.com"_s
        << u"allowed -: OPTIONS /x https://app.example.com x-a,x-b, PUT /x https://app.example.com"_s;
    QTest::newRow("preflight 500 with CORS headers")
        << one(R"(, "method": "PUT")")
        << QByteArray(
               R"({"preflight": {"status": 500, "headers": [["Access-Control-Allow-Origin", "https://app.example.com"], ["Access-Control-Allow-Methods", "PUT"]]}, "actual": )"
               + ok + "}")
        << u"blocked PreflightInvalidStatus: OPTIONS /x https://app.example.com"_s
        << u"blocked CORSPreflightDidNotSucceed: OPTIONS /x https://app.example.com"_s;
    QTest::newRow("preflight 302 without CORS headers")
        << one(R"(, "method": "PUT")")
        << QByteArray(R"({"preflight": {"status": 302, "headers": [["Location", "/y"]]}, "actual": )" + ok
                      + "}")
        << u"blocked PreflightDisallowedRedirect: OPTIONS /x https://app.example.com"_s
        << u"blocked CORSMissingAllowOrigin: OPTIONS /x https://app.example.com"_s;
    QTest::newRow("ACAO not an origin")
        << one("")
        << QByteArray(R"({"actual": {"status": 200, "headers": [["Access-Control-Allow-Origin", "foo"]]}})")
        << u"blocked InvalidAllowOriginValue: GET /x https://app.example.com"_s
        << u"blocked CORSAllowOriginNotMatchingOrigin: GET /x https://app.example.com"_s;
    QTest::newRow("User-Agent")
        << one(R"(, "headers": [["User-Agent", "x"]])")
        << QByteArray(
               R"({"preflight": {"status": 204, "headers": [["Access-Control-Allow-Origin", "https://app.example.com"]]}, "actual": )"
               + ok + "}")
        << u"allowed -: GET /x https://app.example.com"_s
        << u"blocked CORSMissingAllowHeaderFromPreflight: OPTIONS /x https://app.example.com user-agent"_s;
    QTest::newRow("no-cors GET drops X-A: opaque")
        << one(R"(, "mode": "no-cors", "headers": [["X-A", "1"]])")
        << QByteArray(R"({"actual": {"status": 200}})") << u"opaque -: GET /x"_s << u"opaque -: GET /x"_s;
    QTest::newRow("no-cors POST sends Origin")
        << one(R"(, "mode": "no-cors", "method": "POST")") << QByteArray(R"({"actual": {"status": 200}})")
        << u"opaque -: POST /x https://app.example.com"_s << u"opaque -: POST /x https://app.example.com"_s;
    QTest::newRow("same-origin mode")
        << one(R"(, "mode": "same-origin")") << QByteArray(R"({"actual": )" + ok + "}")
        << u"blocked DisallowedByMode: "_s << u"blocked CheckSameOriginError: "_s;
    QTest::newRow("cross-origin redirect taints the origin")
        << one("")
        << QByteArray(
               R"({"urls": {"https://api.example.com/x": {"actual": {"status": 302, "headers": [["Location", "https://other.example.com/y"], ["Access-Control-Allow-Origin", "https://app.example.com"]]}},
                                   "https://other.example.com/y": {"actual": {"status": 200, "headers": [["Access-Control-Allow-Origin", "null"]]}}}})")
        << u"allowed -: GET /x https://app.example.com, GET /y null"_s
        << u"allowed -: GET /x https://app.example.com, GET /y null"_s;
    QTest::newRow("PUT 307 across origins: the preflight's Origin differs")
        << one(R"(, "method": "PUT")")
        << QByteArray(
               R"({"urls": {"https://api.example.com/x": {"preflight": )" + pfPut
               + R"(, "actual": {"status": 307, "headers": [["Location", "https://other.example.com/y"], ["Access-Control-Allow-Origin", "https://app.example.com"]]}},
                                   "https://other.example.com/y": {"preflight": {"status": 204, "headers": [["Access-Control-Allow-Origin", "null"], ["Access-Control-Allow-Methods", "PUT"]]}, "actual": {"status": 200, "headers": [["Access-Control-Allow-Origin", "null"]]}}}})")
        << u"allowed -: OPTIONS /x https://app.example.com, PUT /x https://app.example.com, OPTIONS /y null, PUT /y null"_s
        << u"blocked CORSAllowOriginNotMatchingOrigin: OPTIONS /x https://app.example.com, PUT /x https://app.example.com, OPTIONS /y https://app.example.com"_s;
    QTest::newRow("303 turns PUT into GET: Firefox still preflights")
        << one(R"(, "method": "PUT")")
        << QByteArray(
               R"({"urls": {"https://api.example.com/x": {"preflight": )" + pfPut
               + R"(, "actual": {"status": 303, "headers": [["Location", "/y"], ["Access-Control-Allow-Origin", "https://app.example.com"]]}},
                                   "https://api.example.com/y": {"preflight": {"status": 204}, "actual": )"
               + ok + "}}}")
        << u"allowed -: OPTIONS /x https://app.example.com, PUT /x https://app.example.com, GET /y https://app.example.com"_s
        << u"blocked CORSMissingAllowOrigin: OPTIONS /x https://app.example.com, PUT /x https://app.example.com, OPTIONS /y https://app.example.com"_s;
    QTest::newRow("redirect to a URL with credentials")
        << one("")
        << QByteArray(
               R"({"actual": {"status": 302, "headers": [["Location", "https://user:pw@api.example.com/y"], ["Access-Control-Allow-Origin", "https://app.example.com"]]}})")
        << u"blocked RedirectContainsCredentials: GET /x https://app.example.com"_s
        << u"blocked CORSDidNotSucceed: GET /x https://app.example.com"_s;
    QTest::newRow("TRACE") << one(R"(, "method": "TRACE")") << QByteArray(R"({"actual": )" + ok + "}")
                           << u"blocked TypeError: "_s << u"blocked TypeError: "_s;
    QTest::newRow("a sequence: the cache answers the second PUT")
        << QByteArray("[" + one(R"(, "method": "PUT")") + "," + one(R"(, "method": "PUT")") + "]")
        << QByteArray(R"({"preflight": [)" + pfPut + R"(, {"status": 500}], "actual": )" + ok + "}")
        << u"allowed -: PUT /x https://app.example.com"_s << u"allowed -: PUT /x https://app.example.com"_s;
    QTest::newRow("a sequence: Max-Age abc")
        << QByteArray("[" + one(R"(, "method": "PUT")") + "," + one(R"(, "method": "PUT")") + "]")
        << QByteArray(
               R"({"preflight": [{"status": 204, "headers": [["Access-Control-Allow-Origin", "https://app.example.com"], ["Access-Control-Allow-Methods", "PUT"], ["Access-Control-Max-Age", "abc"]]}, {"status": 500}], "actual": )"
               + ok + "}")
        << u"allowed -: PUT /x https://app.example.com"_s
        << u"blocked CORSMissingAllowOrigin: OPTIONS /x https://app.example.com"_s;
}

void tst_BrowserSession::fetch()
{
    QFETCH(QByteArray, fetch);
    QFETCH(QByteArray, responses);
    QFETCH(QString, chromium);
    QFETCH(QString, firefox);
    const QList<FetchSpec> specs = fetches(fetch);
    RecordedResponder forChromium = ::responses(responses);
    QCOMPARE(summary(fetchSequence(specs, forChromium, BrowserProfile::chromium()).last()), chromium);
    QVERIFY(forChromium.misses().isEmpty());
    RecordedResponder forFirefox = ::responses(responses);
    QCOMPARE(summary(fetchSequence(specs, forFirefox, BrowserProfile::firefox()).last()), firefox);
}

void tst_BrowserSession::exposedHeadersAndStatus()
{
    RecordedResponder responder = responses(
        R"({"actual": {"status": 404, "headers": [["Access-Control-Allow-Origin", "https://app.example.com"],
        ["Access-Control-Expose-Headers", "X-Request-Id"], ["X-Request-Id", "1"], ["Content-Type", "text/plain"], ["X-Other", "2"]]}})");
    const Outcome outcome =
        cors::fetch(fetches("{" + kPage + R"(, "url": "https://api.example.com/x"})").first(), responder,
                    BrowserProfile::chromium());
    QCOMPARE(outcome.verdict, Verdict::Allowed);
    QCOMPARE(outcome.status, 404);
    QCOMPARE(outcome.exposedHeaders, (QByteArrayList { "content-type", "x-request-id" }));
    QVERIFY(!outcome.error);

    RecordedResponder opaque = responses(R"({"actual": {"status": 200, "headers": [["X-A", "1"]]}})");
    const Outcome noCors = cors::fetch(
        fetches("{" + kPage + R"(, "url": "https://api.example.com/x", "mode": "no-cors"})").first(), opaque,
        BrowserProfile::firefox());
    QCOMPARE(noCors.verdict, Verdict::Opaque);
    QCOMPARE(noCors.status, 0);
    QVERIFY(noCors.exposedHeaders.isEmpty());
}

void tst_BrowserSession::sequenceMovesTheClock()
{
    // Max-Age 10: the third PUT, 11 s after the first, needs a new preflight, which now fails.
    const QByteArray put = "{" + kPage + R"(, "url": "https://api.example.com/x", "method": "PUT")";
    const QList<FetchSpec> specs =
        fetches("[" + put + "}," + put + R"(, "delay": 9}, )" + put + R"(, "delay": 2}])");
    for (const BrowserProfile &browser : { BrowserProfile::chromium(), BrowserProfile::firefox() }) {
        RecordedResponder responder = responses(
            R"({"preflight": [{"status": 204, "headers": [["Access-Control-Allow-Origin", "https://app.example.com"],
            ["Access-Control-Allow-Methods", "PUT"], ["Access-Control-Max-Age", "10"]]}, {"status": 500}],
            "actual": {"status": 200, "headers": [["Access-Control-Allow-Origin", "https://app.example.com"]]}})");
        const QList<Outcome> outcomes = fetchSequence(specs, responder, browser);
        QCOMPARE(outcomes.size(), 3);
        QVERIFY(outcomes[0].preflightSent());
        QVERIFY(!outcomes[1].preflightSent());
        QVERIFY(outcomes[1].hops.first().preflightFromCache);
        QVERIFY(outcomes[2].preflightSent());
        QCOMPARE(outcomes[2].verdict, Verdict::Blocked);
    }
}

void tst_BrowserSession::engineAnswers()
{
    const QByteArray bundle =
        R"({"format": "cors-studio-bundle", "version": 1, "tenants": [{"name": "t", "apiType": "advanced",
        "profile": "strict", "rules": [{"domain": "app.example.com", "protocols": ["https"], "methods": ["GET", "PUT"],
        "allowHeaders": ["X-Token"], "exposeHeaders": [], "allowCredentials": false}]}]})";
    JsonProblems problems;
    const auto parsed = BundleReader::read(bundle, &problems);
    QVERIFY2(parsed, qPrintable(problems.isEmpty() ? QString() : problems.first().toString()));
    EngineResponder engine { CorsEngine(parsed->tenants.first()) };
    const Outcome allowed = cors::fetch(
        fetches("{" + kPage
                + R"(, "url": "https://api.example.com/x", "method": "PUT", "headers": [["X-Token", "1"]]})")
            .first(),
        engine, BrowserProfile::chromium());
    QCOMPARE(verdictName(allowed.verdict), u"allowed"_s);
    QCOMPARE(engine.decisions().size(), 2); // the preflight and the PUT
    QVERIFY(std::any_of(allowed.trace.begin(), allowed.trace.end(),
                        [](const TraceStep &s) { return s.step == u"server"; }));

    const Outcome blocked = cors::fetch(
        fetches(
            R"({"pageOrigin": "https://evil.example.com", "url": "https://api.example.com/x", "method": "PUT"})")
            .first(),
        engine, BrowserProfile::firefox());
    QCOMPARE(blocked.verdict, Verdict::Blocked);
    QCOMPARE(blocked.error->code, u"CORSMissingAllowOrigin"_s);
}

void tst_BrowserSession::nothingAnswers()
{
    RecordedResponder responder = responses(R"({"actual": {"status": 200}})");
    const Outcome outcome = cors::fetch(
        fetches("{" + kPage + R"(, "url": "https://api.example.com/x", "method": "PUT"})").first(), responder,
        BrowserProfile::chromium());
    QCOMPARE(outcome.verdict, Verdict::Blocked);
    QCOMPARE(outcome.error->code, u"net::ERR_CONNECTION_REFUSED"_s);
    QCOMPARE(responder.misses().size(), 1);
    QCOMPARE(responder.misses().first().path, u"preflight"_s);
}

void tst_BrowserSession::traceNamesDepartures()
{
    RecordedResponder responder = responses(
        R"({"preflight": {"status": 204, "headers": [["Access-Control-Allow-Origin", "https://app.example.com"],
        ["Access-Control-Allow-Headers", "*"]]}, "actual": {"status": 200, "headers": [["Access-Control-Allow-Origin", "https://app.example.com"]]}})");
    const Outcome outcome = cors::fetch(
        fetches("{" + kPage
                + R"(, "url": "https://api.example.com/x", "headers": [["Authorization", "Bearer x"]]})")
            .first(),
        responder, BrowserProfile::chromium());
    QCOMPARE(outcome.verdict, Verdict::Allowed);
    const bool said = std::any_of(outcome.trace.begin(), outcome.trace.end(), [](const TraceStep &step) {
        return step.step == u"allow-headers" && step.detail.contains(u"Authorization")
            && step.detail.contains(u"Fetch standard");
    });
    QVERIFY2(said, "the trace says that Authorization under \"*\" departs from the Fetch standard");
}

QTEST_GUILESS_MAIN(tst_BrowserSession)
#include "tst_browsersession.moc"
