#include "model/httpheaders.h"

#include <QTest>

using cors::HttpHeaders;

class tst_HttpHeaders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void caseInsensitiveLookup();
    void repeatedFields();
    void setReplacesInPlace();
    void removeAll();
    void tokens_data();
    void tokens();
};

void tst_HttpHeaders::caseInsensitiveLookup()
{
    const HttpHeaders headers { { "Origin", "https://a.example" }, { "content-type", "text/plain" } };
    QVERIFY(headers.contains("origin"));
    QCOMPARE(headers.value("ORIGIN"), QByteArray("https://a.example"));
    QCOMPARE(headers.value("Content-Type"), QByteArray("text/plain"));
    QVERIFY(headers.value("Missing").isNull());
    QVERIFY(!headers.contains("Orgin"));
}

void tst_HttpHeaders::repeatedFields()
{
    HttpHeaders headers;
    headers.append("Vary", "Accept");
    headers.append("X", "1");
    headers.append("vary", "Accept-Encoding");
    QCOMPARE(headers.count("VARY"), 2);
    QCOMPARE(headers.values("Vary"), (QByteArrayList { "Accept", "Accept-Encoding" }));
    QCOMPARE(headers.combinedValue("Vary"), QByteArray("Accept, Accept-Encoding"));
}

void tst_HttpHeaders::setReplacesInPlace()
{
    HttpHeaders headers { { "A", "1" }, { "Vary", "x" }, { "B", "2" }, { "vary", "y" } };
    headers.set("Vary", "Origin");
    const HttpHeaders expected { { "A", "1" }, { "Vary", "Origin" }, { "B", "2" } };
    QCOMPARE(headers, expected);
    headers.set("C", "3");
    QCOMPARE(headers.fields().last(), (HttpHeaders::Field { "C", "3" }));
}

void tst_HttpHeaders::removeAll()
{
    HttpHeaders headers { { "A", "1" }, { "a", "2" }, { "B", "3" } };
    QCOMPARE(headers.remove("A"), 2);
    QCOMPARE(headers, (HttpHeaders { { "B", "3" } }));
}

void tst_HttpHeaders::tokens_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("isToken");
    QTest::newRow("name") << QByteArray("X-Custom-Header") << true;
    QTest::newRow("method") << QByteArray("PATCH") << true;
    QTest::newRow("star") << QByteArray("*") << true;
    QTest::newRow("all tchars") << QByteArray("!#$%&'*+-.^_`|~09azAZ") << true;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("space") << QByteArray("X A") << false;
    QTest::newRow("colon") << QByteArray("X:A") << false;
    QTest::newRow("non-ascii") << QByteArray("X-\xc3\xa9") << false;
}

void tst_HttpHeaders::tokens()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, isToken);
    QCOMPARE(HttpHeaders::isToken(text), isToken);
}

QTEST_APPLESS_MAIN(tst_HttpHeaders)
#include "tst_httpheaders.moc"
