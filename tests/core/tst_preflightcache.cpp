#include "browser/manualclock.h"
#include "browser/preflightcache.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using namespace std::chrono_literals;

namespace {

const QString kOrigin = u"https://app.example.com"_s;
const QString kUrl = u"https://api.example.com/x"_s;

PreflightResult result(QByteArrayList methods, QByteArrayList headers,
                       std::optional<std::chrono::milliseconds> maxAge = 5s)
{
    return PreflightResult { std::move(methods), std::move(headers), maxAge };
}

PreflightCache::Key key(bool credentials = false)
{
    return { kOrigin, kUrl, credentials };
}

} // namespace

class tst_PreflightCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lookup_data();
    void lookup();
    void maxAgeCap();
    void newPreflightReplacesOrAdds();
    void entryThatFailsToCover();
    void forget();
};

void tst_PreflightCache::lookup_data()
{
    QTest::addColumn<QString>("browser");
    QTest::addColumn<PreflightResult>("stored");
    QTest::addColumn<bool>("storedWithCredentials");
    QTest::addColumn<int>("afterMs");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArrayList>("headers");
    QTest::addColumn<bool>("withCredentials");
    QTest::addColumn<bool>("hit");

    for (const QString &browser : { u"chromium"_s, u"firefox"_s }) {
        const bool chromium = browser == u"chromium";
        const auto row = [&](const char *name) -> QTestData & {
            return QTest::newRow(qPrintable(browser + u": "_s + QLatin1StringView(name)));
        };
        row("same method") << browser << result({ "PUT" }, {}) << false << 0 << QByteArray("PUT")
                           << QByteArrayList {} << false << true;
        row("other method") << browser << result({ "PUT" }, {}) << false << 0 << QByteArray("DELETE")
                            << QByteArrayList {} << false << false;
        row("listed header, other case") << browser << result({}, { "X-A" }) << false << 0
                                         << QByteArray("GET") << QByteArrayList { "x-a" } << false << true;
        row("unlisted header") << browser << result({}, { "x-a" }) << false << 0 << QByteArray("GET")
                               << QByteArrayList { "x-b" } << false << false;
        row("just before expiry") << browser << result({ "PUT" }, {}, 5s) << false << 4999
                                  << QByteArray("PUT") << QByteArrayList {} << false << true;
        row("at expiry") << browser << result({ "PUT" }, {}, 5s) << false << 5000 << QByteArray("PUT")
                         << QByteArrayList {} << false << false;
        row("Max-Age 0") << browser << result({ "PUT" }, {}, 0s) << false << 0 << QByteArray("PUT")
                         << QByteArrayList {} << false << false;
        row("not cached (Firefox's invalid Max-Age)")
            << browser << result({ "PUT" }, {}, std::nullopt) << false << 0 << QByteArray("PUT")
            << QByteArrayList {} << false << false;
        // Browser differences.
        row("methods *") << browser << result({ "*" }, {}) << false << 0 << QByteArray("PUT")
                         << QByteArrayList {} << false << chromium;
        row("headers *") << browser << result({}, { "*" }) << false << 0 << QByteArray("GET")
                         << QByteArrayList { "x-a" } << false << chromium;
        row("HEAD with a listed header")
            << browser << result({}, { "x-a" }) << false << 0 << QByteArray("HEAD")
            << QByteArrayList { "x-a" } << false << chromium;
        row("made with credentials, used without")
            << browser << result({ "PUT" }, {}) << true << 0 << QByteArray("PUT") << QByteArrayList {}
            << false << chromium;
        row("made without credentials, used with") << browser << result({ "PUT" }, {}) << false << 0
                                                   << QByteArray("PUT") << QByteArrayList {} << true << false;
        row("made with credentials, used with") << browser << result({ "PUT" }, {}) << true << 0
                                                << QByteArray("PUT") << QByteArrayList {} << true << true;
        row("methods * with credentials") << browser << result({ "*" }, {}) << true << 0 << QByteArray("PUT")
                                          << QByteArrayList {} << true << false;
    }
}

void tst_PreflightCache::lookup()
{
    QFETCH(QString, browser);
    QFETCH(PreflightResult, stored);
    QFETCH(bool, storedWithCredentials);
    QFETCH(int, afterMs);
    QFETCH(QByteArray, method);
    QFETCH(QByteArrayList, headers);
    QFETCH(bool, withCredentials);
    QFETCH(bool, hit);
    ManualClock clock;
    PreflightCache cache(*BrowserProfile::fromName(browser), clock.clock());
    cache.store(key(storedWithCredentials), stored);
    clock.advance(std::chrono::milliseconds(afterMs));
    Trace trace;
    QCOMPARE(cache.allows(key(withCredentials), method, headers, trace), hit);
    QCOMPARE(trace.size(), 1); // every lookup explains itself
}

void tst_PreflightCache::maxAgeCap()
{
    // A Max-Age of a day: Chromium keeps it 2 hours, Firefox 24 (through PreflightResult's parsing).
    const HttpHeaders day { { "Access-Control-Max-Age", "86400" } };
    for (const auto &[browser, cap] : { std::pair { BrowserProfile::chromium(), 7200s },
                                        std::pair { BrowserProfile::firefox(), 86400s } }) {
        ManualClock clock;
        PreflightCache cache(browser, clock.clock());
        QString why;
        cache.store(key(), result({ "PUT" }, {}, PreflightResult::parseMaxAge(day, browser, &why)));
        Trace trace;
        clock.advance(cap - 1s);
        QVERIFY(cache.allows(key(), "PUT", {}, trace));
        clock.advance(1s);
        QVERIFY(!cache.allows(key(), "PUT", {}, trace));
    }
}

void tst_PreflightCache::newPreflightReplacesOrAdds()
{
    for (const BrowserProfile &browser : { BrowserProfile::chromium(), BrowserProfile::firefox() }) {
        ManualClock clock;
        PreflightCache cache(browser, clock.clock());
        cache.store(key(), result({ "PUT" }, {}));
        cache.store(key(), result({ "DELETE" }, {}));
        Trace trace;
        QVERIFY(cache.allows(key(), "DELETE", {}, trace));
        // Chromium's second preflight replaced the first; Firefox's added to it.
        QCOMPARE(cache.allows(key(), "PUT", {}, trace), browser.isFirefox());
    }
}

void tst_PreflightCache::entryThatFailsToCover()
{
    for (const BrowserProfile &browser : { BrowserProfile::chromium(), BrowserProfile::firefox() }) {
        ManualClock clock;
        PreflightCache cache(browser, clock.clock());
        cache.store(key(), result({ "PUT" }, {}));
        Trace trace;
        QVERIFY(!cache.allows(key(), "DELETE", {}, trace));
        // Chromium dropped the entry when it did not cover DELETE; Firefox still has it.
        QCOMPARE(cache.allows(key(), "PUT", {}, trace), browser.isFirefox());
    }
}

void tst_PreflightCache::forget()
{
    for (const BrowserProfile &browser : { BrowserProfile::chromium(), BrowserProfile::firefox() }) {
        ManualClock clock;
        PreflightCache cache(browser, clock.clock());
        cache.store(key(true), result({ "PUT" }, {}));
        cache.store(key(false), result({ "PUT" }, {}));
        Trace trace;
        cache.forget(kOrigin, kUrl, trace);
        QCOMPARE(cache.isEmpty(), browser.isFirefox());
        QCOMPARE(trace.isEmpty(), browser.isChromium());
    }
}

QTEST_GUILESS_MAIN(tst_PreflightCache)
#include "tst_preflightcache.moc"
