// The browser model against real browsers: every scenario of scenarios.json runs in Debian's
// Chromium and Firefox ESR (headless, loopback only) and in cors::fetch(), and each fetch must
// agree on the verdict, the requests on the wire (whether a preflight went out, its
// Access-Control-Request-Headers, the Origin sent), the response headers script can read, the
// status, and the browser's error code and console text. Where model and browser disagree, the
// browser is right.
//
// CORS_CONFORMANCE_BROWSER=chromium|firefox picks one browser (ctest runs one test per browser);
// without it both run.

#include "browser/browsersession.h"
#include "browser/fetchspecjson.h"
#include "browser/forbiddennames.h"
#include "browser/recordedresponder.h"
#include "browserdriver.h"
#include "conformancescenario.h"
#include "conformanceserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QSet>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace cors;
using namespace cors::conformance;

namespace {

// What one fetch did, as seen from outside: in the real browser, or in the model.
struct Observation
{
    bool reported = false; // the page reported this fetch (false: the run timed out)
    QString verdict; // allowed, blocked, opaque
    int status = 0;
    QStringList exposed;
    QStringList wire; // the requests the server received, in order
    QString errorCode; // empty when the browser reports none (Firefox never does over BiDi)
    QString errorMessage;
};

struct StepResult
{
    int scenario = 0;
    int step = 0;
    Observation observed;
    Observation predicted;
    QString trace; // the model's trace, for failure messages
    QStringList differences;
};

constexpr int kMaxStepsPerBatch = 60;
constexpr std::chrono::milliseconds kMaxDelayPerBatch { 15000 };
constexpr int kBrowserRunLimitMs = 60000; // no browser run lasts longer

// Whether a text or URL mentions the scenario path /s/<n> itself (not /s/<n>0, …).
bool mentionsPath(const QString &text, const QString &path)
{
    qsizetype from = 0;
    while ((from = text.indexOf(path, from)) >= 0) {
        from += path.size();
        if (from == text.size() || !text[from].isDigit())
            return true;
    }
    return false;
}

QString stepId(int scenario, int step)
{
    return u"%1.%2"_s.arg(scenario).arg(step);
}

// Names the page passed whose values are worth comparing on the wire: not the forbidden ones,
// which the browser replaces with its own (User-Agent included, for both browsers here).
QStringList comparedHeaderNames(const FetchSpec &spec)
{
    QStringList names;
    for (const auto &[name, value] : spec.headers) {
        const QString lower = QString::fromLatin1(name.toLower());
        if (!names.contains(lower) && HttpHeaders::isToken(name)
            && !ForbiddenNames::isForbiddenRequestHeader(name, value, BrowserProfile::chromium())) {
            names.append(lower);
        }
    }
    names.sort();
    return names;
}

QString wireText(const HttpRequest &request, const QStringList &names)
{
    const auto value = [&](QByteArrayView name) {
        return request.headers.contains(name) ? QString::fromLatin1(request.headers.combinedValue(name))
                                              : u"-"_s;
    };
    QString text = QString::fromLatin1(request.method) + u' ' + FetchRequest::serializeUrl(request.url)
        + u" Origin=" + value("Origin");
    if (Responder::isPreflight(request)) {
        text += u" ACRM=" + value("Access-Control-Request-Method") + u" ACRH="
            + value("Access-Control-Request-Headers");
        return text;
    }
    for (const QString &name : names)
        text += u' ' + name + u'=' + value(name.toLatin1());
    return text;
}

Observation predict(const Outcome &outcome, const QStringList &names)
{
    Observation observation;
    observation.reported = true;
    observation.verdict = verdictName(outcome.verdict);
    observation.status = outcome.status;
    for (const QByteArray &name : outcome.exposedHeaders)
        observation.exposed.append(QString::fromLatin1(name));
    for (const FetchHop &hop : outcome.hops) {
        if (hop.preflight)
            observation.wire.append(wireText(hop.preflight->request, names));
        if (hop.actual)
            observation.wire.append(wireText(hop.actual->request, names));
    }
    if (outcome.error) {
        observation.errorCode = outcome.error->code;
        observation.errorMessage = outcome.error->message;
    }
    return observation;
}

QString describe(const Observation &o)
{
    QString text = u"verdict %1, status %2, exposed [%3], error %4 / %5\n    wire:"_s.arg(
        o.verdict, QString::number(o.status), o.exposed.join(u", "),
        o.errorCode.isEmpty() ? u"-"_s : o.errorCode, o.errorMessage.isEmpty() ? u"-"_s : o.errorMessage);
    for (const QString &line : o.wire)
        text += u"\n      "_s + line;
    return text;
}

} // namespace

class tst_BrowserConformance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void conformance_data();
    void conformance();
    void twins_data();
    void twins();

private:
    bool runBrowser(const QString &browser, QString *error);
    static QStringList compare(const QString &browser, const StepResult &result);
    Observation observe(const QString &browser, const ConformanceScenario &scenario, int step,
                        const BrowserDriver &driver, const QStringList &names, qint64 windowEnd) const;

    ConformanceServer m_server;
    QList<ConformanceScenario> m_scenarios;
    QList<QList<int>> m_batches; // scenario indexes per browser run
    QStringList m_browsers;
    QHash<QString, QList<StepResult>> m_results; // per browser
};

void tst_BrowserConformance::initTestCase()
{
    const QString only = qEnvironmentVariable("CORS_CONFORMANCE_BROWSER");
    m_browsers = only.isEmpty() ? BrowserProfile::names() : QStringList { only };
    for (const QString &browser : std::as_const(m_browsers)) {
        const auto driver = BrowserDriver::create(browser);
        QVERIFY2(driver, qPrintable(u"unknown browser \"%1\""_s.arg(browser)));
        if (!driver->isAvailable()) {
            QSKIP(qPrintable(
                u"%1 is not installed (scripts/setup.sh deps test installs it)"_s.arg(driver->executable())));
        }
    }

    QString error;
    QVERIFY2(m_server.listen(&error), qPrintable(error));
    QFile page(u":/conformance/testpage.html"_s);
    QVERIFY(page.open(QIODevice::ReadOnly));
    m_server.setPage(page.readAll());

    QFile file(u":/conformance/scenarios.json"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const ScenarioOrigins origins { m_server.origin(ConformanceServer::Origin::Page),
                                    m_server.origin(ConformanceServer::Origin::Api),
                                    m_server.origin(ConformanceServer::Origin::Api2) };
    m_scenarios = ConformanceScenario::load(file.readAll(), origins, &error);
    QVERIFY2(!m_scenarios.isEmpty(), qPrintable(error));

    // Batches small enough that no browser run comes near the one-minute bound.
    QList<QJsonObject> plan;
    QJsonArray steps;
    QList<int> batch;
    int stepCount = 0;
    std::chrono::milliseconds delay { 0 };
    const auto flush = [&] {
        if (batch.isEmpty())
            return;
        plan.append(
            QJsonObject { { u"warmup"_s, QJsonArray { origins.api, origins.api2 } }, { u"steps"_s, steps } });
        m_batches.append(batch);
        steps = QJsonArray();
        batch.clear();
        stepCount = 0;
        delay = std::chrono::milliseconds(0);
    };
    for (const ConformanceScenario &scenario : std::as_const(m_scenarios)) {
        std::chrono::milliseconds scenarioDelay { 0 };
        for (const FetchSpec &spec : scenario.fetches)
            scenarioDelay += spec.delay;
        if (stepCount + scenario.fetches.size() > kMaxStepsPerBatch
            || delay + scenarioDelay > kMaxDelayPerBatch)
            flush();
        for (qsizetype k = 0; k < scenario.fetches.size(); ++k) {
            steps.append(QJsonObject { { u"id"_s, stepId(scenario.index, int(k)) },
                                       { u"fetch"_s, FetchSpecJson::toJson(scenario.fetches[k]) } });
        }
        batch.append(scenario.index);
        stepCount += int(scenario.fetches.size());
        delay += scenarioDelay;
    }
    flush();
    m_server.setPlan(plan);

    for (const QString &browser : std::as_const(m_browsers)) {
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(runBrowser(browser, &error), qPrintable(error));
        const QList<StepResult> &results = m_results[browser];
        QSet<int> failedScenarios;
        int agreeing = 0;
        for (const StepResult &result : results) {
            if (result.differences.isEmpty())
                ++agreeing;
            else
                failedScenarios.insert(result.scenario);
        }
        qInfo(
            "%s: %lld of %lld scenarios agree with the model (%d of %lld fetches), %lld browser runs, %.1f s",
            qPrintable(browser), qlonglong(m_scenarios.size() - failedScenarios.size()),
            qlonglong(m_scenarios.size()), agreeing, qlonglong(results.size()), qlonglong(m_batches.size()),
            double(timer.elapsed()) / 1000.0);
    }
}

bool tst_BrowserConformance::runBrowser(const QString &browser, QString *error)
{
    const BrowserProfile profile = *BrowserProfile::fromName(browser);
    QList<StepResult> &results = m_results[browser];
    for (qsizetype b = 0; b < m_batches.size(); ++b) {
        // Fresh answers for every run, so that lists of responses start from their first entry.
        for (int index : std::as_const(m_batches[b])) {
            JsonProblems problems;
            auto responder = std::make_shared<RecordedResponder>(
                *RecordedResponder::fromJson(m_scenarios[index].responses, &problems));
            m_server.setResponder(index, responder);
        }
        m_server.resetBatch();
        const auto driver = BrowserDriver::create(browser);
        QElapsedTimer run;
        run.start();
        const QUrl page(m_server.origin(ConformanceServer::Origin::Page) + u"/?batch=%1"_s.arg(b));
        if (!driver->start(page, error))
            return false;
        const qint64 started = run.elapsed();
        const int left = kBrowserRunLimitMs - int(run.elapsed());
        const bool finished = QTest::qWaitFor([&] { return m_server.isBatchDone() || !driver->isRunning(); },
                                              std::max(left, 0));
        // Let the last console events arrive, then end the browser by its process group.
        QTest::qWait(300);
        driver->stop();
        qInfo("%s run %lld/%lld: %lld scenarios, started in %.1f s, ran %.1f s", qPrintable(browser),
              qlonglong(b + 1), qlonglong(m_batches.size()), qlonglong(m_batches[b].size()),
              double(started) / 1000.0, double(run.elapsed() - started) / 1000.0);
        if (!finished || !m_server.isBatchDone()) {
            *error = u"%1 did not finish batch %2 within %3 s; stderr:\n%4"_s.arg(browser)
                         .arg(b)
                         .arg(kBrowserRunLimitMs / 1000)
                         .arg(driver->diagnostics());
            return false;
        }

        // A step's console messages arrive before the page begins the next step of the batch.
        QStringList order;
        for (int index : std::as_const(m_batches[b])) {
            for (qsizetype k = 0; k < m_scenarios[index].fetches.size(); ++k)
                order.append(stepId(index, int(k)));
        }
        const QUrl pageUrl = page;
        for (int index : std::as_const(m_batches[b])) {
            const ConformanceScenario &scenario = m_scenarios[index];
            JsonProblems problems;
            auto recorded = std::make_shared<RecordedResponder>(
                *RecordedResponder::fromJson(scenario.responses, &problems));
            WireResponder responder(recorded);
            QList<FetchSpec> specs = scenario.fetches;
            for (FetchSpec &spec : specs)
                spec.pageUrl = pageUrl;
            const QList<Outcome> outcomes = fetchSequence(specs, responder, profile);
            for (qsizetype k = 0; k < scenario.fetches.size(); ++k) {
                const QStringList names = comparedHeaderNames(scenario.fetches[k]);
                const qsizetype position = order.indexOf(stepId(index, int(k)));
                const qint64 windowEnd = position + 1 < order.size()
                    ? m_server.stepBegins().value(order[position + 1])
                    : m_server.doneTime() + 1000;
                StepResult result;
                result.scenario = index;
                result.step = int(k);
                result.observed = observe(browser, scenario, int(k), *driver, names, windowEnd);
                result.predicted = predict(outcomes[k], names);
                for (const TraceStep &step : outcomes[k].trace)
                    result.trace +=
                        u"    %1 %2: %3\n"_s.arg(step.ok ? u"ok  "_s : u"FAIL"_s, step.step, step.detail);
                result.differences = compare(browser, result);
                results.append(result);
            }
        }
    }
    return true;
}

Observation tst_BrowserConformance::observe(const QString &browser, const ConformanceScenario &scenario,
                                            int step, const BrowserDriver &driver, const QStringList &names,
                                            qint64 windowEnd) const
{
    Observation observed;
    const QString id = stepId(scenario.index, step);
    const QJsonObject report = m_server.results().value(id);
    observed.reported = !report.isEmpty();
    if (!observed.reported)
        return observed;
    if (report.value(u"resolved").toBool()) {
        observed.verdict = report.value(u"type").toString() == u"opaque" ? u"opaque"_s : u"allowed"_s;
        observed.status = report.value(u"status").toInt();
        for (const QJsonValue &name : report.value(u"headers").toArray())
            observed.exposed.append(name.toString());
    } else {
        observed.verdict = u"blocked"_s;
    }
    for (const ConformanceServer::Received &received : m_server.received()) {
        if (received.scenario == scenario.index && received.step == id)
            observed.wire.append(wireText(received.request, names));
    }

    const qint64 begin = m_server.stepBegins().value(id);
    const QString path = scenario.basePath();
    const auto inStep = [&](qint64 time) {
        return time >= begin - 5 && time < windowEnd;
    };
    const auto mentions = [&](const BrowserDriver::ConsoleEntry &entry) {
        return mentionsPath(entry.text, path) || mentionsPath(entry.url, path);
    };
    if (!report.value(u"resolved").toBool() && report.value(u"name").toString() == u"TypeError"
        && observed.wire.isEmpty() && !report.value(u"message").toString().startsWith(u"Failed to fetch")
        && !report.value(u"message").toString().startsWith(u"NetworkError")) {
        // fetch() threw before sending anything: the exception is the browser's error.
        observed.errorCode = u"TypeError"_s;
        observed.errorMessage = report.value(u"message").toString();
        return observed;
    }
    if (browser == u"chromium") {
        // The CorsError of the blocked request; failing that, a network error of its own
        // (net::ERR_FAILED merely accompanies a CORS error, and a failed preflight has its own
        // entry with the net error that stopped it).
        QString network;
        for (const BrowserDriver::FailedRequest &failure : driver.failures()) {
            if (!inStep(failure.time) || !mentionsPath(failure.url, path))
                continue;
            if (failure.cors && observed.errorCode.isEmpty())
                observed.errorCode = failure.code;
            else if (!failure.cors && network.isEmpty() && failure.code != u"net::ERR_FAILED"
                     && failure.code != u"net::ERR_ABORTED")
                network = failure.code;
        }
        if (observed.errorCode.isEmpty())
            observed.errorCode = network;
        // The console's CORS message; failing that, the network error line ("Failed to load
        // resource: net::ERR_…"). A 4xx or 5xx also gets a network line, but is no error to fetch().
        QString networkLine;
        for (const BrowserDriver::ConsoleEntry &entry : driver.console()) {
            if (entry.level != u"error" || !inStep(entry.time) || !mentions(entry))
                continue;
            if (entry.source == u"network") {
                if (networkLine.isEmpty() && entry.text.contains(u"net::ERR_")
                    && !entry.text.endsWith(u"net::ERR_FAILED"))
                    networkLine = entry.text;
            } else if (observed.errorMessage.isEmpty()) {
                observed.errorMessage = entry.text;
            }
        }
        if (observed.errorMessage.isEmpty())
            observed.errorMessage = networkLine;
    } else {
        for (const BrowserDriver::ConsoleEntry &entry : driver.console()) {
            if (entry.level == u"error" && inStep(entry.time) && mentions(entry)) {
                observed.errorMessage = entry.text;
                break;
            }
        }
    }
    return observed;
}

QStringList tst_BrowserConformance::compare(const QString &browser, const StepResult &result)
{
    const Observation &o = result.observed;
    const Observation &p = result.predicted;
    QStringList differences;
    if (!o.reported)
        return { u"the page never reported this fetch"_s };
    if (o.verdict != p.verdict)
        differences.append(u"verdict: browser %1, model %2"_s.arg(o.verdict, p.verdict));
    if (o.wire != p.wire)
        differences.append(u"requests on the wire differ"_s);
    if (o.verdict != u"blocked" && o.status != p.status)
        differences.append(u"status: browser %1, model %2"_s.arg(o.status).arg(p.status));
    if (o.verdict == u"allowed" && o.exposed != p.exposed)
        differences.append(u"readable headers: browser [%1], model [%2]"_s.arg(o.exposed.join(u", "),
                                                                               p.exposed.join(u", ")));
    if (o.errorMessage != p.errorMessage)
        differences.append(u"message: browser \"%1\", model \"%2\""_s.arg(o.errorMessage, p.errorMessage));
    if (!o.errorCode.isEmpty() && o.errorCode != p.errorCode)
        differences.append(u"code: browser %1, model %2"_s.arg(o.errorCode, p.errorCode));
    // Chromium names the CorsError of every request it blocked; a model error that Chromium did
    // not report is a difference too.
    // (Not for mode "same-origin", which Blink refuses before the network service sees it.)
    const bool networkError = !p.errorCode.isEmpty() && p.errorCode != u"TypeError"
        && p.errorCode != u"DisallowedByMode" && !p.wire.isEmpty();
    if (browser == u"chromium" && networkError && o.errorCode.isEmpty())
        differences.append(u"code: browser reported none, model %1"_s.arg(p.errorCode));
    return differences;
}

void tst_BrowserConformance::conformance_data()
{
    QTest::addColumn<QString>("browser");
    QTest::addColumn<int>("index");
    for (const QString &browser : std::as_const(m_browsers)) {
        const QList<StepResult> &results = m_results.value(browser);
        for (qsizetype i = 0; i < results.size(); ++i) {
            const StepResult &result = results[i];
            const ConformanceScenario &scenario = m_scenarios[result.scenario];
            const QString row = scenario.fetches.size() > 1
                ? u"%1: %2 [fetch %3]"_s.arg(browser, scenario.name).arg(result.step + 1)
                : u"%1: %2"_s.arg(browser, scenario.name);
            QTest::newRow(qPrintable(row)) << browser << int(i);
        }
    }
}

void tst_BrowserConformance::conformance()
{
    QFETCH(QString, browser);
    QFETCH(int, index);
    const StepResult &result = m_results.value(browser).at(index);
    const QString details = u"%1\n  scenario: %2\n  browser: %3\n  model:   %4\n  model trace:\n%5"_s.arg(
        result.differences.join(u"; "), m_scenarios[result.scenario].why, describe(result.observed),
        describe(result.predicted), result.trace);
    QVERIFY2(result.differences.isEmpty(), qPrintable(details));
}

void tst_BrowserConformance::twins_data()
{
    QTest::addColumn<QString>("browser");
    QTest::addColumn<int>("scenario");
    for (const QString &browser : std::as_const(m_browsers)) {
        for (const ConformanceScenario &scenario : std::as_const(m_scenarios))
            QTest::newRow(qPrintable(u"%1: %2"_s.arg(browser, scenario.name))) << browser << scenario.index;
    }
}

void tst_BrowserConformance::twins()
{
    QFETCH(QString, browser);
    QFETCH(int, scenario);
    // The twin flips the verdict of the last fetch, in the browser and in the model alike.
    const auto last = [&](int index) {
        const QList<StepResult> &results = m_results.value(browser);
        const StepResult *found = nullptr;
        for (const StepResult &result : results) {
            if (result.scenario == index)
                found = &result;
        }
        return found;
    };
    const QString twinName = m_scenarios[scenario].twin(browser);
    QVERIFY2(!twinName.isEmpty(), "every scenario names a twin for every browser");
    const auto twin = std::find_if(m_scenarios.begin(), m_scenarios.end(),
                                   [&](const ConformanceScenario &s) { return s.name == twinName; });
    QVERIFY(twin != m_scenarios.end());
    const StepResult *mine = last(scenario);
    const StepResult *theirs = last(twin->index);
    QVERIFY(mine && theirs);
    QVERIFY2(mine->observed.verdict != theirs->observed.verdict,
             qPrintable(u"%1 and its twin \"%2\" are both %3 in %4"_s.arg(
                 m_scenarios[scenario].name, twinName, mine->observed.verdict, browser)));
    QVERIFY2(mine->predicted.verdict != theirs->predicted.verdict,
             qPrintable(u"%1 and its twin \"%2\" are both %3 in the model"_s.arg(
                 m_scenarios[scenario].name, twinName, mine->predicted.verdict)));
}

QTEST_GUILESS_MAIN(tst_BrowserConformance)
#include "tst_browserconformance.moc"
