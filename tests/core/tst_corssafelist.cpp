#include "browser/corssafelist.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

class tst_CorsSafelist : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void safelistedRequestHeader_data();
    void safelistedRequestHeader();
    void unsafeRequestHeaderNames_data();
    void unsafeRequestHeaderNames();
    void mimeTypeEssence_data();
    void mimeTypeEssence();
    void noCorsSafelisted_data();
    void noCorsSafelisted();
    void safelistedMethodAndResponseHeaders();
};

void tst_CorsSafelist::safelistedRequestHeader_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("chromium");
    QTest::addColumn<bool>("firefox");

    QTest::newRow("Accept text/html") << QByteArray("Accept") << QByteArray("text/html") << true << true;
    QTest::newRow("accept is case-insensitive") << QByteArray("ACCEPT") << QByteArray("*/*") << true << true;
    QTest::newRow("Accept with a parenthesis") << QByteArray("Accept") << QByteArray("a(b") << false << false;
    QTest::newRow("Accept with a DEL byte") << QByteArray("Accept") << QByteArray("a\x7f") << false << false;
    QTest::newRow("Accept with a tab is fine") << QByteArray("Accept") << QByteArray("a\tb") << true << true;
    QTest::newRow("Accept of 128 bytes") << QByteArray("Accept") << QByteArray(128, 'a') << true << true;
    QTest::newRow("Accept of 129 bytes") << QByteArray("Accept") << QByteArray(129, 'a') << false << false;
    QTest::newRow("Accept-Language en-US,en;q=0.9, *")
        << QByteArray("Accept-Language") << QByteArray("en-US,en;q=0.9, *") << true << true;
    QTest::newRow("Accept-Language en_US")
        << QByteArray("Accept-Language") << QByteArray("en_US") << false << false;
    QTest::newRow("Content-Language de")
        << QByteArray("Content-Language") << QByteArray("de") << true << true;
    QTest::newRow("Content-Language en@x")
        << QByteArray("Content-Language") << QByteArray("en@x") << false << false;
    QTest::newRow("Content-Type text/plain")
        << QByteArray("Content-Type") << QByteArray("text/plain") << true << true;
    QTest::newRow("Content-Type TEXT/PLAIN;charset=UTF-8")
        << QByteArray("Content-Type") << QByteArray("TEXT/PLAIN;charset=UTF-8") << true << true;
    QTest::newRow("Content-Type multipart with boundary")
        << QByteArray("Content-Type") << QByteArray("multipart/form-data; boundary=x") << true << true;
    QTest::newRow("Content-Type urlencoded, space before ;")
        << QByteArray("Content-Type") << QByteArray("application/x-www-form-urlencoded ; a=b") << true
        << true;
    QTest::newRow("Content-Type text/plain;;;x")
        << QByteArray("Content-Type") << QByteArray("text/plain;;;x") << true << true;
    QTest::newRow("Content-Type application/json")
        << QByteArray("Content-Type") << QByteArray("application/json") << false << false;
    QTest::newRow("Content-Type with a quote")
        << QByteArray("Content-Type") << QByteArray("text/plain; x=\"y\"") << false << false;
    QTest::newRow("Content-Type list")
        << QByteArray("Content-Type") << QByteArray("text/plain, application/json") << false << false;
    QTest::newRow("Content-Type text/plainx")
        << QByteArray("Content-Type") << QByteArray("text/plainx") << false << false;
    QTest::newRow("Content-Type empty") << QByteArray("Content-Type") << QByteArray("") << false << false;
    QTest::newRow("Range bytes=0-100") << QByteArray("Range") << QByteArray("bytes=0-100") << true << true;
    QTest::newRow("Range bytes=100-") << QByteArray("Range") << QByteArray("bytes=100-") << true << true;
    QTest::newRow("Range bytes=5-5") << QByteArray("Range") << QByteArray("bytes=5-5") << true << true;
    QTest::newRow("Range bytes=-100 (suffix)")
        << QByteArray("Range") << QByteArray("bytes=-100") << false << false;
    QTest::newRow("Range bytes=100-5 (reversed)")
        << QByteArray("Range") << QByteArray("bytes=100-5") << false << false;
    QTest::newRow("Range bytes=0-1,5-6 (two)")
        << QByteArray("Range") << QByteArray("bytes=0-1,5-6") << false << false;
    QTest::newRow("Range with spaces") << QByteArray("Range") << QByteArray("bytes = 0-5") << false << false;
    QTest::newRow("Range items=0-5") << QByteArray("Range") << QByteArray("items=0-5") << false << false;
    QTest::newRow("Range huge numbers compared as numbers")
        << QByteArray("Range") << QByteArray("bytes=99999999999999999999-100000000000000000000") << true
        << true;
    QTest::newRow("DPR 2") << QByteArray("DPR") << QByteArray("2") << true << false;
    QTest::newRow("DPR 1.5") << QByteArray("DPR") << QByteArray("1.5") << true << false;
    QTest::newRow("DPR 2x") << QByteArray("DPR") << QByteArray("2x") << false << false;
    QTest::newRow("DPR 1.") << QByteArray("DPR") << QByteArray("1.") << false << false;
    QTest::newRow("Device-Memory 0.5") << QByteArray("Device-Memory") << QByteArray("0.5") << true << false;
    QTest::newRow("Width 1024") << QByteArray("Width") << QByteArray("1024") << true << false;
    QTest::newRow("Width 10.5") << QByteArray("Width") << QByteArray("10.5") << false << false;
    QTest::newRow("Viewport-Width 800") << QByteArray("Viewport-Width") << QByteArray("800") << true << false;
    QTest::newRow("Save-Data on") << QByteArray("Save-Data") << QByteArray("on") << true << false;
    QTest::newRow("Save-Data ON") << QByteArray("Save-Data") << QByteArray("ON") << true << false;
    QTest::newRow("Save-Data off") << QByteArray("Save-Data") << QByteArray("off") << false << false;
    QTest::newRow("Intervention") << QByteArray("Intervention") << QByteArray("x") << true << false;
    QTest::newRow("Lang is not safelisted") << QByteArray("Lang") << QByteArray("en") << false << false;
    QTest::newRow("X-Custom") << QByteArray("X-Custom") << QByteArray("1") << false << false;
    QTest::newRow("Authorization") << QByteArray("Authorization") << QByteArray("Bearer x") << false << false;
}

void tst_CorsSafelist::safelistedRequestHeader()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(bool, chromium);
    QFETCH(bool, firefox);
    QString reason;
    QCOMPARE(CorsSafelist::isSafelistedRequestHeader(name, value, BrowserProfile::chromium(), &reason),
             chromium);
    QCOMPARE(reason.isEmpty(), chromium); // a refusal always says why
    reason.clear();
    QCOMPARE(CorsSafelist::isSafelistedRequestHeader(name, value, BrowserProfile::firefox(), &reason),
             firefox);
    QCOMPARE(reason.isEmpty(), firefox);
}

void tst_CorsSafelist::unsafeRequestHeaderNames_data()
{
    QTest::addColumn<HttpHeaders>("headers");
    QTest::addColumn<QByteArray>("chromium"); // the Access-Control-Request-Headers value
    QTest::addColumn<QByteArray>("firefox");

    QTest::newRow("none") << HttpHeaders { { "Accept", "text/html" } } << QByteArray() << QByteArray();
    QTest::newRow("lower-cased and sorted")
        << HttpHeaders { { "X-B", "1" }, { "X-A", "2" }, { "Content-Type", "application/json" } }
        << QByteArray("content-type,x-a,x-b") << QByteArray("content-type,x-a,x-b");
    // What FetchRequest makes of a repeated name: one joined field in Chromium, two in Firefox.
    QTest::newRow("repeated name") << HttpHeaders { { "X-A", "1" }, { "x-a", "2" } } << QByteArray("x-a")
                                   << QByteArray("x-a,x-a");
    QTest::newRow("client hints") << HttpHeaders { { "DPR", "2" }, { "X-A", "1" } } << QByteArray("x-a")
                                  << QByteArray("dpr,x-a");
    HttpHeaders big { { "Accept", QByteArray(128, 'a') },
                      { "Accept-Language", QByteArray(128, 'b') },
                      { "Content-Language", QByteArray(128, 'c') },
                      { "Content-Type", "text/plain;a=" + QByteArray(115, 'd') },
                      { "DPR", QByteArray(128, '1') },
                      { "Width", QByteArray(128, '2') },
                      { "Viewport-Width", QByteArray(128, '3') },
                      { "Device-Memory", QByteArray(128, '4') } };
    QTest::newRow("safelisted values of exactly 1024 bytes")
        << big << QByteArray() << QByteArray("device-memory,dpr,viewport-width,width");
    big.append("Save-Data", "on");
    QTest::newRow("safelisted values over 1024 bytes")
        << big
        << QByteArray("accept,accept-language,content-language,content-type,device-memory,dpr,save-data,"
                      "viewport-width,width")
        << QByteArray("device-memory,dpr,save-data,viewport-width,width");
}

void tst_CorsSafelist::unsafeRequestHeaderNames()
{
    QFETCH(HttpHeaders, headers);
    QFETCH(QByteArray, chromium);
    QFETCH(QByteArray, firefox);
    QCOMPARE(CorsSafelist::unsafeRequestHeaderNames(headers, BrowserProfile::chromium()).join(','), chromium);
    QCOMPARE(CorsSafelist::unsafeRequestHeaderNames(headers, BrowserProfile::firefox()).join(','), firefox);
}

void tst_CorsSafelist::mimeTypeEssence_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("essence"); // empty: does not parse
    QTest::newRow("plain") << QByteArray("text/plain") << QByteArray("text/plain");
    QTest::newRow("upper case") << QByteArray("Text/HTML") << QByteArray("text/html");
    QTest::newRow("parameters") << QByteArray("text/plain;charset=utf-8") << QByteArray("text/plain");
    QTest::newRow("surrounding whitespace") << QByteArray("  text/plain  ") << QByteArray("text/plain");
    QTest::newRow("whitespace before ;") << QByteArray("text/plain \t;x=y") << QByteArray("text/plain");
    QTest::newRow("no subtype") << QByteArray("text/") << QByteArray();
    QTest::newRow("no slash") << QByteArray("text") << QByteArray();
    QTest::newRow("empty type") << QByteArray("/plain") << QByteArray();
    QTest::newRow("space in subtype") << QByteArray("text/pl ain") << QByteArray();
}

void tst_CorsSafelist::mimeTypeEssence()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, essence);
    const auto parsed = CorsSafelist::mimeTypeEssence(value);
    QCOMPARE(parsed.value_or(QByteArray()), essence);
    QCOMPARE(parsed.has_value(), !essence.isEmpty());
}

void tst_CorsSafelist::noCorsSafelisted_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("kept");
    QTest::newRow("Accept") << QByteArray("Accept") << QByteArray("text/html") << true;
    QTest::newRow("Content-Type text/plain")
        << QByteArray("Content-Type") << QByteArray("text/plain") << true;
    QTest::newRow("Content-Type application/json")
        << QByteArray("Content-Type") << QByteArray("application/json") << false;
    QTest::newRow("Range is privileged, not safelisted")
        << QByteArray("Range") << QByteArray("bytes=0-5") << false;
    QTest::newRow("DPR is not no-CORS-safelisted") << QByteArray("DPR") << QByteArray("2") << false;
    QTest::newRow("X-A") << QByteArray("X-A") << QByteArray("1") << false;
}

void tst_CorsSafelist::noCorsSafelisted()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    QFETCH(bool, kept);
    QCOMPARE(CorsSafelist::isNoCorsSafelistedRequestHeader(name, value), kept);
}

void tst_CorsSafelist::safelistedMethodAndResponseHeaders()
{
    QVERIFY(CorsSafelist::isSafelistedMethod("GET"));
    QVERIFY(CorsSafelist::isSafelistedMethod("HEAD"));
    QVERIFY(CorsSafelist::isSafelistedMethod("POST"));
    QVERIFY(!CorsSafelist::isSafelistedMethod("get")); // fetch() normalizes first; the check is exact
    QVERIFY(!CorsSafelist::isSafelistedMethod("PUT"));
    QVERIFY(!CorsSafelist::isSafelistedMethod("OPTIONS"));
    for (const char *name : { "Cache-Control", "content-language", "Content-Length", "Content-Type",
                              "Expires", "Last-Modified", "Pragma" })
        QVERIFY2(CorsSafelist::isSafelistedResponseHeaderName(name), name);
    for (const char *name : { "Date", "Server", "X-Request-Id", "Set-Cookie", "Access-Control-Allow-Origin" })
        QVERIFY2(!CorsSafelist::isSafelistedResponseHeaderName(name), name);
    QVERIFY(CorsSafelist::isPrivilegedNoCorsRequestHeaderName("range"));
}

QTEST_GUILESS_MAIN(tst_CorsSafelist)
#include "tst_corssafelist.moc"
