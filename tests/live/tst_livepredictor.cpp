// LivePredictor: one model session per browser and page origin, so that the model's preflight
// cache is the browser's; different pages and browsers do not share one; old pages are let go.

#include "browser/recordedresponder.h"
#include "live/livepredictor.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

namespace {

// A server that allows PUT from anywhere and lets the preflight be cached for a minute.
std::unique_ptr<Responder> permissive()
{
    const QJsonDocument json = QJsonDocument::fromJson(R"({
        "preflight": {"status": 204, "headers": [["Access-Control-Allow-Origin", "*"],
                                                 ["Access-Control-Allow-Methods", "PUT"],
                                                 ["Access-Control-Max-Age", "60"]]},
        "actual": {"status": 200, "headers": [["Access-Control-Allow-Origin", "*"]]}})");
    JsonProblems problems;
    return std::make_unique<RecordedResponder>(*RecordedResponder::fromJson(json.object(), &problems));
}

FetchSpec put(const QString &page)
{
    FetchSpec spec;
    spec.pageOrigin = *Origin::parse(QStringView(page));
    spec.url = QUrl(u"http://localhost:8780/x"_s);
    spec.method = "PUT";
    return spec;
}

} // namespace

class tst_LivePredictor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sharesCachePerPage();
    void forgetsOldestPage();
};

void tst_LivePredictor::sharesCachePerPage()
{
    LivePredictor predictor;
    auto responder = permissive();
    const QString a = u"http://localhost:3780"_s;
    const QString b = u"http://localhost:3781"_s;
    QVERIFY(predictor.predict(u"UA "_s + a, BrowserProfile::chromium(), put(a), *responder).preflightSent());
    QVERIFY(!predictor.predict(u"UA "_s + a, BrowserProfile::chromium(), put(a), *responder).preflightSent());
    // Another page origin, another browser: caches of their own.
    QVERIFY(predictor.predict(u"UA "_s + b, BrowserProfile::chromium(), put(b), *responder).preflightSent());
    QVERIFY(predictor.predict(u"UA "_s + a, BrowserProfile::firefox(), put(a), *responder).preflightSent());
    QCOMPARE(predictor.pageCount(), 3);
    predictor.clear();
    QCOMPARE(predictor.pageCount(), 0);
    QVERIFY(predictor.predict(u"UA "_s + a, BrowserProfile::chromium(), put(a), *responder).preflightSent());
}

void tst_LivePredictor::forgetsOldestPage()
{
    LivePredictor predictor(2);
    auto responder = permissive();
    const QString a = u"http://localhost:1001"_s;
    const QString b = u"http://localhost:1002"_s;
    const QString c = u"http://localhost:1003"_s;
    predictor.predict(a, BrowserProfile::chromium(), put(a), *responder);
    predictor.predict(b, BrowserProfile::chromium(), put(b), *responder);
    predictor.predict(a, BrowserProfile::chromium(), put(a), *responder); // a is newer than b now
    predictor.predict(c, BrowserProfile::chromium(), put(c), *responder); // b goes
    QCOMPARE(predictor.pageCount(), 2);
    QVERIFY(!predictor.predict(a, BrowserProfile::chromium(), put(a), *responder).preflightSent());
    QVERIFY(predictor.predict(b, BrowserProfile::chromium(), put(b), *responder).preflightSent());
}

QTEST_APPLESS_MAIN(tst_LivePredictor)
#include "tst_livepredictor.moc"
