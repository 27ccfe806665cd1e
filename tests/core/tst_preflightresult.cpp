#include "browser/preflightresult.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

namespace {
constexpr qint64 kNotCached = -1;
}

class tst_PreflightResult : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void maxAge_data();
    void maxAge();
    void lists_data();
    void lists();
};

void tst_PreflightResult::maxAge_data()
{
    QTest::addColumn<HttpHeaders>("headers");
    QTest::addColumn<qint64>("chromium"); // seconds; kNotCached when not cached at all
    QTest::addColumn<qint64>("firefox");
    const auto maxAge = [](QByteArray value) {
        return HttpHeaders { { "Access-Control-Max-Age", value } };
    };
    QTest::newRow("absent: 5 s") << HttpHeaders {} << qint64(5) << qint64(5);
    QTest::newRow("600") << maxAge("600") << qint64(600) << qint64(600);
    QTest::newRow("7200: Chromium's cap") << maxAge("7200") << qint64(7200) << qint64(7200);
    QTest::newRow("86400") << maxAge("86400") << qint64(7200) << qint64(86400);
    QTest::newRow("100000: capped") << maxAge("100000") << qint64(7200) << qint64(86400);
    QTest::newRow("0") << maxAge("0") << qint64(0) << kNotCached;
    QTest::newRow("-1") << maxAge("-1") << qint64(0) << kNotCached;
    QTest::newRow("abc") << maxAge("abc") << qint64(5) << kNotCached;
    QTest::newRow("1.5") << maxAge("1.5") << qint64(5) << kNotCached;
    QTest::newRow("+1") << maxAge("+1") << qint64(1) << kNotCached;
    QTest::newRow("empty") << maxAge("") << qint64(5) << qint64(5);
    QTest::newRow("two headers") << HttpHeaders { { "Access-Control-Max-Age", "10" },
                                                  { "Access-Control-Max-Age", "10" } }
                                 << qint64(5) << kNotCached;
    QTest::newRow("beyond int64 in Chromium") << maxAge("99999999999999999999") << qint64(5) << qint64(86400);
}

void tst_PreflightResult::maxAge()
{
    QFETCH(HttpHeaders, headers);
    QFETCH(qint64, chromium);
    QFETCH(qint64, firefox);
    QString why;
    const auto inChromium = PreflightResult::parseMaxAge(headers, BrowserProfile::chromium(), &why);
    QVERIFY(!why.isEmpty());
    QCOMPARE(inChromium ? std::chrono::duration_cast<std::chrono::seconds>(*inChromium).count() : kNotCached,
             chromium);
    const auto inFirefox = PreflightResult::parseMaxAge(headers, BrowserProfile::firefox(), &why);
    QCOMPARE(inFirefox ? std::chrono::duration_cast<std::chrono::seconds>(*inFirefox).count() : kNotCached,
             firefox);
}

void tst_PreflightResult::lists_data()
{
    QTest::addColumn<HttpHeaders>("headers");
    QTest::addColumn<QByteArrayList>("methods");
    QTest::addColumn<QByteArray>("invalidMethod");
    QTest::addColumn<QByteArrayList>("names");
    QTest::addColumn<QByteArray>("invalidName");
    QTest::newRow("lists") << HttpHeaders { { "Access-Control-Allow-Methods", "PUT, DELETE" },
                                            { "Access-Control-Allow-Headers", "X-A,x-b" } }
                           << QByteArrayList { "PUT", "DELETE" } << QByteArray()
                           << QByteArrayList { "X-A", "x-b" } << QByteArray();
    QTest::newRow("empty items and two lines")
        << HttpHeaders { { "Access-Control-Allow-Methods", ", ,PUT," },
                         { "Access-Control-Allow-Methods", "GET" } }
        << QByteArrayList { "PUT", "GET" } << QByteArray() << QByteArrayList {} << QByteArray();
    QTest::newRow("invalid method") << HttpHeaders { { "Access-Control-Allow-Methods", "GET, PUT;" } }
                                    << QByteArrayList {} << QByteArray("PUT;") << QByteArrayList {}
                                    << QByteArray();
    QTest::newRow("invalid header") << HttpHeaders { { "Access-Control-Allow-Headers", "*, x y" } }
                                    << QByteArrayList {} << QByteArray() << QByteArrayList {}
                                    << QByteArray("x y");
}

void tst_PreflightResult::lists()
{
    QFETCH(HttpHeaders, headers);
    QFETCH(QByteArrayList, methods);
    QFETCH(QByteArray, invalidMethod);
    QFETCH(QByteArrayList, names);
    QFETCH(QByteArray, invalidName);
    PreflightResult result;
    CorsFailure failure;
    QCOMPARE(PreflightResult::parseAllowMethods(headers, &result, &failure), invalidMethod.isEmpty());
    if (invalidMethod.isEmpty())
        QCOMPARE(result.methods, methods);
    else
        QCOMPARE(failure.detail, invalidMethod);
    QCOMPARE(PreflightResult::parseAllowHeaders(headers, &result, &failure), invalidName.isEmpty());
    if (invalidName.isEmpty())
        QCOMPARE(result.headerNames, names);
    else
        QCOMPARE(failure.detail, invalidName);
}

QTEST_GUILESS_MAIN(tst_PreflightResult)
#include "tst_preflightresult.moc"
