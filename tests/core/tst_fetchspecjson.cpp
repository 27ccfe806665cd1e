#include "browser/fetchspecjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

namespace {
QJsonValue parse(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}
} // namespace

class tst_FetchSpecJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void read();
    void defaultsAndRelativeUrl();
    void problems_data();
    void problems();
    void sequence();
    void roundTrip();
};

void tst_FetchSpecJson::read()
{
    JsonProblems problems;
    const auto spec = FetchSpecJson::read(
        parse(R"({"pageOrigin": "https://App.example.com", "url": "https://api.example.com/x?q=1",
        "method": "patch", "headers": [["X-A", "1"], ["x-a", "2"], ["X A", "bad names are the browser's business"]],
        "credentials": "include", "mode": "no-cors", "delay": 1.5})"),
        QString(), &problems);
    QVERIFY2(spec, qPrintable(problems.isEmpty() ? QString() : problems.first().toString()));
    QCOMPARE(spec->pageOrigin.serialize(), u"https://app.example.com"_s);
    QCOMPARE(spec->url, QUrl(u"https://api.example.com/x?q=1"_s));
    QCOMPARE(spec->method, QByteArray("patch"));
    QCOMPARE(spec->headers.size(), 3);
    QCOMPARE(spec->credentials, CredentialsMode::Include);
    QCOMPARE(spec->mode, RequestMode::NoCors);
    QCOMPARE(spec->delay, std::chrono::milliseconds(1500));
}

void tst_FetchSpecJson::defaultsAndRelativeUrl()
{
    JsonProblems problems;
    const auto spec = FetchSpecJson::read(
        parse(R"({"pageOrigin": "https://app.example.com", "url": "/api/x"})"), QString(), &problems);
    QVERIFY(spec);
    QCOMPARE(spec->url, QUrl(u"https://app.example.com/api/x"_s));
    QCOMPARE(spec->method, QByteArray("GET"));
    QCOMPARE(spec->credentials, CredentialsMode::SameOrigin);
    QCOMPARE(spec->mode, RequestMode::Cors);
    QCOMPARE(spec->effectivePageUrl(), QUrl(u"https://app.example.com/"_s));
}

void tst_FetchSpecJson::problems_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    const QByteArray page = R"("pageOrigin": "https://app.example.com", "url": "https://api.example.com/")";
    QTest::newRow("not an object") << QByteArray("[1]") << u"[0]"_s;
    QTest::newRow("no pageOrigin") << QByteArray(R"({"url": "https://api.example.com/"})") << u"pageOrigin"_s;
    QTest::newRow("pageOrigin with a path")
        << QByteArray(R"({"pageOrigin": "https://app.example.com/x", "url": "https://a.b/"})")
        << u"pageOrigin"_s;
    QTest::newRow("no url") << QByteArray(R"({"pageOrigin": "https://app.example.com"})") << u"url"_s;
    QTest::newRow("ftp url") << QByteArray(R"({"pageOrigin": "https://app.example.com", "url": "ftp://x/"})")
                             << u"url"_s;
    QTest::newRow("bad credentials") << QByteArray("{" + page + R"(, "credentials": "always"})")
                                     << u"credentials"_s;
    QTest::newRow("bad mode") << QByteArray("{" + page + R"(, "mode": "navigate"})") << u"mode"_s;
    QTest::newRow("header not a pair")
        << QByteArray("{" + page + R"(, "headers": [["X-A"]]})") << u"headers[0]"_s;
    QTest::newRow("header beyond Latin-1")
        << QByteArray("{" + page + R"(, "headers": [["X-A", "\u20ac"]]})") << u"headers[0]"_s;
    QTest::newRow("negative delay") << QByteArray("{" + page + R"(, "delay": -1})") << u"delay"_s;
    QTest::newRow("misspelt field") << QByteArray("{" + page + R"(, "metod": "PUT"})") << u"metod"_s;
    QTest::newRow("pageUrl on another origin")
        << QByteArray("{" + page + R"(, "pageUrl": "https://other.example.com/"})") << u"pageUrl"_s;
}

void tst_FetchSpecJson::problems()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    JsonProblems problems;
    const QJsonValue value = parse(json);
    QVERIFY(!FetchSpecJson::readSequence(value, QString(), &problems));
    QVERIFY(!problems.isEmpty());
    QCOMPARE(problems.first().path, path);
    QVERIFY(!problems.first().message.isEmpty());
}

void tst_FetchSpecJson::sequence()
{
    JsonProblems problems;
    bool isSequence = false;
    const auto specs = FetchSpecJson::readSequence(
        parse(R"([{"pageOrigin": "https://a.example", "url": "https://b.example/"},
        {"pageOrigin": "https://a.example", "url": "https://b.example/", "method": "PUT"}])"),
        QString(), &problems, &isSequence);
    QVERIFY(specs);
    QVERIFY(isSequence);
    QCOMPARE(specs->size(), 2);
    QVERIFY(!FetchSpecJson::readSequence(parse("[]"), QString(), &problems));
}

void tst_FetchSpecJson::roundTrip()
{
    JsonProblems problems;
    const auto spec = FetchSpecJson::read(
        parse(R"({"pageOrigin": "https://app.example.com", "pageUrl": "https://app.example.com/p?x",
        "url": "https://api.example.com/x", "method": "PUT", "headers": [["X-A", "1"]], "credentials": "omit", "delay": 2})"),
        QString(), &problems);
    QVERIFY(spec);
    const auto again = FetchSpecJson::read(FetchSpecJson::toJson(*spec), QString(), &problems);
    QVERIFY(again);
    QCOMPARE(*again, *spec);
}

QTEST_GUILESS_MAIN(tst_FetchSpecJson)
#include "tst_fetchspecjson.moc"
