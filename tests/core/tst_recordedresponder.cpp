#include "browser/recordedresponder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

namespace {

QJsonValue parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

HttpRequest request(const char *method, const QString &url, bool preflight = false)
{
    HttpRequest r;
    r.method = method;
    r.url = QUrl(url);
    if (preflight)
        r.headers.append("Access-Control-Request-Method", "PUT");
    return r;
}

} // namespace

class tst_RecordedResponder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameAnswersForEveryUrl();
    void perUrlAndInTurn();
    void misses();
    void problems_data();
    void problems();
};

void tst_RecordedResponder::sameAnswersForEveryUrl()
{
    JsonProblems problems;
    auto responder = RecordedResponder::fromJson(
        parse(R"({"preflight": {"status": 204}, "actual": {"status": 201, "headers": [["X-A", "1"]]}})"),
        &problems);
    QVERIFY(responder);
    Trace trace;
    QCOMPARE(responder->respond(request("OPTIONS", u"https://a.example/x"_s, true), trace)->status, 204);
    // OPTIONS without Access-Control-Request-Method is an actual request.
    QCOMPARE(responder->respond(request("OPTIONS", u"https://a.example/y"_s), trace)->status, 201);
    QCOMPARE(responder->respond(request("GET", u"https://b.example/"_s), trace)->headers.value("X-A"),
             QByteArray("1"));
    QVERIFY(responder->misses().isEmpty());
}

void tst_RecordedResponder::perUrlAndInTurn()
{
    JsonProblems problems;
    auto responder = RecordedResponder::fromJson(parse(R"({"urls": {
        "https://a.example:443/x#frag": {"actual": [{"status": 200}, {"status": 201}]},
        "https://b.example": {"actual": {"status": 202}}}})"),
                                                 &problems);
    QVERIFY2(responder, qPrintable(problems.isEmpty() ? QString() : problems.first().toString()));
    Trace trace;
    QCOMPARE(responder->respond(request("GET", u"https://a.example/x"_s), trace)->status, 200);
    QCOMPARE(responder->respond(request("GET", u"https://a.example/x"_s), trace)->status, 201);
    QCOMPARE(responder->respond(request("GET", u"https://a.example/x"_s), trace)->status,
             201); // the last one repeats
    QCOMPARE(responder->respond(request("GET", u"https://b.example/"_s), trace)->status, 202);
}

void tst_RecordedResponder::misses()
{
    JsonProblems problems;
    auto responder = RecordedResponder::fromJson(
        parse(R"({"urls": {"https://a.example/x": {"actual": {"status": 200}}}})"), &problems);
    QVERIFY(responder);
    Trace trace;
    QVERIFY(!responder->respond(request("OPTIONS", u"https://a.example/x"_s, true), trace));
    QVERIFY(!responder->respond(request("GET", u"https://c.example/"_s), trace));
    QCOMPARE(responder->misses().size(), 2);
    QCOMPARE(responder->misses()[0].path, u"urls[\"https://a.example/x\"].preflight"_s);
    QCOMPARE(responder->misses()[1].path, u"urls[\"https://c.example/\"]"_s);
    QVERIFY(responder->misses()[0].message.contains(u"preflight"));
}

void tst_RecordedResponder::problems_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::newRow("nothing") << QByteArray("{}") << QString();
    QTest::newRow("both forms") << QByteArray(R"({"actual": {"status": 200}, "urls": {}})") << QString();
    QTest::newRow("bad status") << QByteArray(R"({"actual": {"status": 42}})") << u"actual.status"_s;
    QTest::newRow("bad header") << QByteArray(R"({"preflight": {"headers": [["A B", "1"]]}})")
                                << u"preflight.headers[0][0]"_s;
    QTest::newRow("empty list") << QByteArray(R"({"actual": []})") << u"actual"_s;
    QTest::newRow("bad item in a list")
        << QByteArray(R"({"actual": [{"status": 200}, 7]})") << u"actual[1]"_s;
    QTest::newRow("relative URL") << QByteArray(R"({"urls": {"/x": {"actual": {"status": 200}}}})")
                                  << u"urls[\"/x\"]"_s;
    QTest::newRow("unknown field") << QByteArray(
        R"({"urls": {"https://a.example/": {"actaul": {"status": 200}}}})")
                                   << u"urls[\"https://a.example/\"].actaul"_s;
}

void tst_RecordedResponder::problems()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    JsonProblems problems;
    QVERIFY(!RecordedResponder::fromJson(parse(json), &problems));
    QVERIFY(!problems.isEmpty());
    QCOMPARE(problems.first().path, path);
}

QTEST_GUILESS_MAIN(tst_RecordedResponder)
#include "tst_recordedresponder.moc"
