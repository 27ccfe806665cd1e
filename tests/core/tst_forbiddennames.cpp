#include "browser/forbiddennames.h"

#include <QTest>

using namespace cors;

class tst_ForbiddenNames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestHeader_data();
    void requestHeader();
    void method_data();
    void method();
    void responseAndBodyHeaders();
};

void tst_ForbiddenNames::requestHeader_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("chromium");
    QTest::addColumn<bool>("firefox");
    for (const char *name : { "Accept-Charset",
                              "accept-encoding",
                              "Access-Control-Request-Headers",
                              "Access-Control-Request-Method",
                              "Connection",
                              "Content-Length",
                              "Cookie",
                              "Cookie2",
                              "Date",
                              "DNT",
                              "Expect",
                              "Host",
                              "Keep-Alive",
                              "Origin",
                              "Referer",
                              "Set-Cookie",
                              "TE",
                              "Trailer",
                              "Transfer-Encoding",
                              "Upgrade",
                              "Via" })
        QTest::newRow(name) << QByteArray(name) << QByteArray("x") << true << true;
    QTest::newRow("Sec- prefix") << QByteArray("Sec-Fetch-Mode") << QByteArray("x") << true << true;
    QTest::newRow("bare Sec-") << QByteArray("Sec-") << QByteArray("x") << true << true;
    QTest::newRow("Proxy- prefix") << QByteArray("proxy-authorization") << QByteArray("x") << true << true;
    QTest::newRow("User-Agent: Chromium only")
        << QByteArray("User-Agent") << QByteArray("x") << true << false;
    QTest::newRow("X-HTTP-Method-Override: TRACE")
        << QByteArray("X-HTTP-Method-Override") << QByteArray("TRACE") << true << true;
    QTest::newRow("X-Method-Override: get, track")
        << QByteArray("X-Method-Override") << QByteArray("get, track") << true << true;
    QTest::newRow("X-HTTP-Method: connect")
        << QByteArray("X-HTTP-Method") << QByteArray(" connect ") << true << true;
    QTest::newRow("X-HTTP-Method-Override: PUT")
        << QByteArray("X-HTTP-Method-Override") << QByteArray("PUT") << false << false;
    QTest::newRow("Authorization") << QByteArray("Authorization") << QByteArray("x") << false << false;
    QTest::newRow("X-Cookie") << QByteArray("X-Cookie") << QByteArray("x") << false << false;
    QTest::newRow("Secret (not Sec-)") << QByteArray("Secret") << QByteArray("x") << false << false;
}

void tst_ForbiddenNames::requestHeader()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(bool, chromium);
    QFETCH(bool, firefox);
    QCOMPARE(ForbiddenNames::isForbiddenRequestHeader(name, value, BrowserProfile::chromium()), chromium);
    QCOMPARE(ForbiddenNames::isForbiddenRequestHeader(name, value, BrowserProfile::firefox()), firefox);
}

void tst_ForbiddenNames::method_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("forbidden");
    QTest::newRow("CONNECT") << QByteArray("CONNECT") << true;
    QTest::newRow("trace") << QByteArray("trace") << true;
    QTest::newRow("TrAcK") << QByteArray("TrAcK") << true;
    QTest::newRow("GET") << QByteArray("GET") << false;
    QTest::newRow("TRACES") << QByteArray("TRACES") << false;
}

void tst_ForbiddenNames::method()
{
    QFETCH(QByteArray, method);
    QFETCH(bool, forbidden);
    QCOMPARE(ForbiddenNames::isForbiddenMethod(method), forbidden);
}

void tst_ForbiddenNames::responseAndBodyHeaders()
{
    QVERIFY(ForbiddenNames::isForbiddenResponseHeader("set-cookie"));
    QVERIFY(ForbiddenNames::isForbiddenResponseHeader("Set-Cookie2"));
    QVERIFY(!ForbiddenNames::isForbiddenResponseHeader("Cookie"));
    for (const char *name : { "Content-Encoding", "content-language", "Content-Location", "Content-Type" })
        QVERIFY2(ForbiddenNames::isRequestBodyHeader(name), name);
    QVERIFY(!ForbiddenNames::isRequestBodyHeader("Content-Length"));
}

QTEST_GUILESS_MAIN(tst_ForbiddenNames)
#include "tst_forbiddennames.moc"
