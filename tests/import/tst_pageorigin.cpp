// PageOrigin: the page's origin read back from a recorded request, and what it was read from.
#include "import/pageorigin.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

class tst_PageOrigin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromHeaders_data();
    void fromHeaders();
    void fromPageUrl();
    void names();
};

void tst_PageOrigin::fromHeaders_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<QByteArray>("referer");
    QTest::addColumn<QString>("expected"); // empty: none
    QTest::addColumn<QString>("source");

    QTest::newRow("the Origin header first")
        << QByteArray("https://app.example") << QByteArray("https://other.example/x")
        << u"https://app.example"_s << u"origin-header"_s;
    QTest::newRow("Origin: null is opaque")
        << QByteArray("null") << QByteArray("https://app.example/") << u"null"_s << u"origin-header"_s;
    QTest::newRow("then the Referer's origin")
        << QByteArray() << QByteArray("https://app.example:8443/cart?x=1") << u"https://app.example:8443"_s
        << u"referer"_s;
    QTest::newRow("an Origin that is not one falls back to the Referer")
        << QByteArray("https://app.example/path") << QByteArray("http://localhost:3000/")
        << u"http://localhost:3000"_s << u"referer"_s;
    QTest::newRow("a Referer that is not http(s)")
        << QByteArray() << QByteArray("about:client") << QString() << QString();
    QTest::newRow("nothing") << QByteArray() << QByteArray() << QString() << QString();
}

void tst_PageOrigin::fromHeaders()
{
    QFETCH(QByteArray, origin);
    QFETCH(QByteArray, referer);
    QFETCH(QString, expected);
    QFETCH(QString, source);
    HttpHeaders headers;
    if (!origin.isNull())
        headers.append("origin", origin);
    if (!referer.isNull())
        headers.append("Referer", referer);
    const auto found = PageOrigin::fromHeaders(headers);
    if (expected.isEmpty()) {
        QVERIFY(!found);
        return;
    }
    QVERIFY(found);
    QCOMPARE(found->origin.serialize(), expected);
    QCOMPARE(PageOrigin::sourceName(found->source), source);
    QVERIFY(!found->evidence.isEmpty());
}

void tst_PageOrigin::fromPageUrl()
{
    const auto page = PageOrigin::fromPageUrl(u"https://shop.acme.example/cart"_s);
    QVERIFY(page);
    QCOMPARE(page->origin.serialize(), u"https://shop.acme.example"_s);
    QCOMPARE(page->source, PageOrigin::Source::PageUrl);
    QVERIFY(!PageOrigin::fromPageUrl(u"Cart – Acme"_s)); // a document title, not a URL
    QVERIFY(!PageOrigin::fromPageUrl(u"file:///home/ren/index.html"_s));
}

void tst_PageOrigin::names()
{
    QCOMPARE(PageOrigin::sourceName(PageOrigin::Source::PreflightOriginHeader), u"preflight-origin-header"_s);
    QCOMPARE(PageOrigin::sourceDescription(PageOrigin::Source::Referer), u"the Referer"_s);
}

QTEST_APPLESS_MAIN(tst_PageOrigin)
#include "tst_pageorigin.moc"
