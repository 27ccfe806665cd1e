// LiveOutcome: reading the test page's reports, naming the browser from its User-Agent, and
// comparing what a browser did with what the model predicted.

#include "live/liveoutcome.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

namespace {

QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

Exchange exchange(const QByteArray &method, const QByteArray &url, HttpHeaders headers)
{
    Exchange e;
    e.request.method = method;
    e.request.url = QUrl(QString::fromLatin1(url));
    e.request.headers = std::move(headers);
    e.response = HttpResponse { 200, {}, {} };
    return e;
}

// A model outcome: an allowed PUT after a preflight, with content-type readable.
Outcome allowedPut()
{
    Outcome outcome;
    outcome.verdict = Verdict::Allowed;
    outcome.status = 200;
    outcome.exposedHeaders = { "content-length", "content-type" };
    FetchHop hop;
    hop.url = QUrl(u"http://localhost:8780/x"_s);
    hop.preflight =
        exchange("OPTIONS", "http://localhost:8780/x",
                 { { "Origin", "http://localhost:3780" }, { "Access-Control-Request-Method", "PUT" } });
    hop.actual = exchange("PUT", "http://localhost:8780/x", { { "Origin", "http://localhost:3780" } });
    outcome.hops = { hop };
    return outcome;
}

LiveObservation resolved(int status, HttpHeaders headers)
{
    LiveObservation observation;
    observation.resolved = true;
    observation.type = u"cors"_s;
    observation.status = status;
    observation.headers = std::move(headers);
    return observation;
}

} // namespace

class tst_LiveOutcome : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromReport();
    void fromReportProblems_data();
    void fromReportProblems();
    void browserOf_data();
    void browserOf();
    void compare_data();
    void compare();
    void toJson();
};

void tst_LiveOutcome::fromReport()
{
    JsonProblems problems;
    const auto outcome = LiveOutcome::fromReport(parse(R"({"session": "abc", "sequence": 3,
                  "fetch": {"pageOrigin": "http://localhost:3780", "url": "http://localhost:8780/x?tenant=t",
                            "method": "patch", "headers": [["X-A", "1"], ["x-a", "2"]], "credentials": "include",
                            "mode": "no-cors"},
                  "body": "hello",
                  "result": {"resolved": true, "type": "opaque", "status": 0, "headers": [], "body": ""}})"),
                                                 &problems);
    QVERIFY2(outcome, qPrintable(problems.value(0).toString()));
    QCOMPARE(outcome->pageSession, u"abc"_s);
    QCOMPARE(outcome->sequence, 3);
    QCOMPARE(outcome->fetch.method, "patch"_ba);
    QCOMPARE(outcome->fetch.headers.size(), 2);
    QCOMPARE(outcome->fetch.credentials, CredentialsMode::Include);
    QCOMPARE(outcome->fetch.mode, RequestMode::NoCors);
    QCOMPARE(outcome->requestBody, "hello"_ba);
    QCOMPARE(outcome->observed.verdict(), Verdict::Opaque);

    const auto thrown = LiveOutcome::fromReport(parse(R"({"session": "abc", "sequence": 4, "body": null,
                  "fetch": {"pageOrigin": "http://localhost:3780", "url": "http://localhost:8780/x"},
                  "result": {"resolved": false, "name": "TypeError", "message": "Failed to fetch"}})"),
                                                &problems);
    QVERIFY(thrown);
    QVERIFY(thrown->requestBody.isNull());
    QCOMPARE(thrown->observed.verdict(), Verdict::Blocked);
    QCOMPARE(thrown->observed.errorMessage, u"Failed to fetch"_s);
}

void tst_LiveOutcome::fromReportProblems_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");

    QTest::newRow("not an object") << "[1]"_ba << QString();
    QTest::newRow("no fetch") << R"({"result": {"resolved": false}})"_ba << u"fetch"_s;
    QTest::newRow("a fetch without url")
        << R"({"fetch": {"pageOrigin": "http://a"}, "result": {"resolved": false}})"_ba << u"fetch.url"_s;
    QTest::newRow("headers that are not pairs")
        << R"({"fetch": {"pageOrigin": "http://a", "url": "http://b/"}, "result": {"resolved": true, "headers": [1]}})"_ba
        << u"result.headers"_s;
}

void tst_LiveOutcome::fromReportProblems()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    JsonProblems problems;
    const QJsonDocument document = QJsonDocument::fromJson(json);
    const QJsonValue value =
        document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    QVERIFY(!LiveOutcome::fromReport(value, &problems));
    QVERIFY(!problems.isEmpty());
    QVERIFY2(problems.first().path.startsWith(path), qPrintable(problems.first().toString()));
}

void tst_LiveOutcome::browserOf_data()
{
    QTest::addColumn<QString>("userAgent");
    QTest::addColumn<QString>("browser");

    QTest::newRow("Firefox ESR")
        << u"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"_s << u"firefox"_s;
    QTest::newRow("headless Chromium")
        << u"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36"_s
        << u"chromium"_s;
    QTest::newRow("Edge is Chromium")
        << u"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"_s
        << u"chromium"_s;
    QTest::newRow("Safari has no model")
        << u"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15"_s
        << QString();
    QTest::newRow("curl") << u"curl/7.88.1"_s << QString();
}

void tst_LiveOutcome::browserOf()
{
    QFETCH(QString, userAgent);
    QFETCH(QString, browser);
    const auto profile = LiveOutcome::browserOf(userAgent);
    QCOMPARE(profile ? profile->name() : QString(), browser);
}

void tst_LiveOutcome::compare_data()
{
    QTest::addColumn<LiveObservation>("observed");
    QTest::addColumn<bool>("withWire");
    QTest::addColumn<QList<HttpRequest>>("wire");
    QTest::addColumn<QStringList>("differences"); // the start of each

    const Outcome predicted = allowedPut();
    const HttpHeaders readable { { "content-type", "application/json" }, { "content-length", "2" } };
    const QList<HttpRequest> wire { predicted.hops[0].preflight->request, predicted.hops[0].actual->request };

    QTest::newRow("agrees") << resolved(200, readable) << true << wire << QStringList();
    QTest::newRow("agrees, requests not observed")
        << resolved(200, readable) << false << QList<HttpRequest>() << QStringList();
    LiveObservation blocked;
    blocked.errorName = u"TypeError"_s;
    blocked.errorMessage = u"Failed to fetch"_s;
    QTest::newRow("verdict") << blocked << false << QList<HttpRequest>() << QStringList { u"Verdict"_s };
    QTest::newRow("status") << resolved(201, readable) << false << QList<HttpRequest>()
                            << QStringList { u"Status"_s };
    QTest::newRow("readable headers")
        << resolved(200, { { "content-type", "application/json" }, { "x-secret", "1" } }) << false
        << QList<HttpRequest>() << QStringList { u"Readable headers"_s };
    QTest::newRow("no preflight on the wire (the browser had it cached)")
        << resolved(200, readable) << true << QList<HttpRequest> { wire[1] } << QStringList { u"Requests"_s };
}

void tst_LiveOutcome::compare()
{
    QFETCH(LiveObservation, observed);
    QFETCH(bool, withWire);
    QFETCH(QList<HttpRequest>, wire);
    QFETCH(QStringList, differences);
    const QStringList found = LiveOutcome::compare(observed, withWire ? &wire : nullptr, allowedPut());
    QCOMPARE(found.size(), differences.size());
    for (qsizetype i = 0; i < found.size(); ++i)
        QVERIFY2(found[i].startsWith(differences[i]), qPrintable(found[i]));
}

void tst_LiveOutcome::toJson()
{
    LiveOutcome outcome;
    outcome.id = 7;
    outcome.browser = u"firefox"_s;
    outcome.fetch.pageOrigin = *Origin::parse(u"http://localhost:3780");
    outcome.fetch.url = QUrl(u"http://localhost:8780/x"_s);
    outcome.observed = resolved(200, {});
    outcome.prediction = allowedPut();
    outcome.differences = { u"Readable headers: …"_s };
    const QJsonObject json = outcome.toJson();
    QCOMPARE(json.value(u"id"_s).toInt(), 7);
    QCOMPARE(json.value(u"browser"_s).toString(), u"firefox"_s);
    QCOMPARE(json.value(u"observed"_s).toObject().value(u"verdict"_s).toString(), u"allowed"_s);
    QCOMPARE(json.value(u"prediction"_s).toObject().value(u"status"_s).toInt(), 200);
    QCOMPARE(json.value(u"agrees"_s).toBool(), false);
    QVERIFY(json.value(u"exchanges"_s).isNull());
    QCOMPARE(json.value(u"differences"_s).toArray().size(), 1);
}

QTEST_APPLESS_MAIN(tst_LiveOutcome)
#include "tst_liveoutcome.moc"
