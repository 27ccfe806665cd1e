#include "lint/fetchnames.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

// The Fetch standard's name tables the linter compares rule fields with.
class tst_FetchNames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void methods();
    void requestHeaders();
    void responseHeaders();
};

void tst_FetchNames::methods()
{
    for (const QString &m : { u"CONNECT"_s, u"trace"_s, u"Track"_s })
        QVERIFY2(FetchNames::isForbiddenMethod(m), qPrintable(m));
    QVERIFY(!FetchNames::isForbiddenMethod(u"PATCH"_s));
    QVERIFY(FetchNames::isSafelistedMethod(u"GET"_s));
    QVERIFY(FetchNames::isSafelistedMethod(u"POST"_s));
    QVERIFY(!FetchNames::isSafelistedMethod(u"get"_s)); // methods are case-sensitive tokens
    QVERIFY(!FetchNames::isSafelistedMethod(u"PUT"_s));
    for (const QString &m : { u"delete"_s, u"Get"_s, u"head"_s, u"options"_s, u"post"_s, u"put"_s })
        QVERIFY2(FetchNames::isNormalizedMethod(m), qPrintable(m));
    QVERIFY(!FetchNames::isNormalizedMethod(u"patch"_s)); // sent as written
}

void tst_FetchNames::requestHeaders()
{
    for (const QString &h : { u"Cookie"_s, u"host"_s, u"Sec-Fetch-Mode"_s, u"Proxy-Authorization"_s,
                              u"Origin"_s, u"Access-Control-Request-Method"_s, u"Content-Length"_s })
        QVERIFY2(FetchNames::isForbiddenRequestHeader(h), qPrintable(h));
    for (const QString &h : { u"Authorization"_s, u"Content-Type"_s, u"X-Request-Id"_s })
        QVERIFY2(!FetchNames::isForbiddenRequestHeader(h), qPrintable(h));
    QVERIFY(FetchNames::isSafelistedRequestHeader(u"accept-language"_s));
    QVERIFY(!FetchNames::isSafelistedRequestHeader(u"Content-Type"_s)); // only for form encodings
}

void tst_FetchNames::responseHeaders()
{
    QVERIFY(FetchNames::isForbiddenResponseHeader(u"set-cookie"_s));
    QVERIFY(FetchNames::isForbiddenResponseHeader(u"Set-Cookie2"_s));
    QVERIFY(!FetchNames::isForbiddenResponseHeader(u"Cookie"_s));
    for (const QString &h : { u"Cache-Control"_s, u"content-length"_s, u"Expires"_s, u"Pragma"_s })
        QVERIFY2(FetchNames::isSafelistedResponseHeader(h), qPrintable(h));
    QVERIFY(!FetchNames::isSafelistedResponseHeader(u"X-Request-Id"_s));
    QVERIFY(FetchNames::isSensitiveResponseHeader(u"authorization"_s));
    QVERIFY(FetchNames::isSensitiveResponseHeader(u"X-CSRF-Token"_s));
    QVERIFY(!FetchNames::isSensitiveResponseHeader(u"Location"_s));
}

QTEST_GUILESS_MAIN(tst_FetchNames)
#include "tst_fetchnames.moc"
