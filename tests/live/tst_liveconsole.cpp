// The live tester end to end, in real browsers: `corsctl serve` runs as a process (the test
// bundle, a mock backend), Debian's headless Chromium or Firefox ESR opens the test console it
// serves with a replay link, the console runs a set of fetch() calls through its own code — the
// code behind its Send button — and reports each outcome to the server. Every outcome must reach
// the server and must equal, fetch by fetch, the browser model's prediction for the same requests
// in the same browser:
//   - the verdict, the status and the headers script could read, as the page saw them;
//   - the requests the server received for the fetch (preflight or not, Origin,
//     Access-Control-Request-Method and -Headers), from its request log;
//   - for a blocked fetch, the error the browser printed to its console (over DevTools /
//     WebDriver BiDi), and Chromium's CorsError code.
// The prediction is made here, independently of the server's plumbing: TenantSelection and
// CorsEngine::evaluate() answer the model's requests directly. The server's own verdict on each
// outcome (its "agrees") must say the same.
//
// CORS_LIVE_BROWSER=chromium|firefox picks one browser (ctest runs one test per browser).

#include "browser/browsersession.h"
#include "browser/fetchspecjson.h"
#include "browserdriver.h"
#include "bundle/bundlereader.h"
#include "engine/corsengine.h"
#include "engine/tenantselection.h"
#include "model/httpmessagejson.h"
#include "serveprocess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using namespace cors::conformance;
using namespace cors::test;

namespace {

constexpr int kBrowserRunLimitMs = 60000;

// One fetch of the plan, as the console's replay link carries it.
struct PlannedFetch
{
    QString name;
    QJsonObject fetch; // {"method", "path", "headers", "credentials", "mode", "body"}
};

QJsonArray pairs(std::initializer_list<std::pair<const char *, const char *>> list)
{
    QJsonArray array;
    for (const auto &[name, value] : list)
        array.append(QJsonArray { QString::fromLatin1(name), QString::fromLatin1(value) });
    return array;
}

PlannedFetch planned(const QString &name, const QString &method, const QString &path,
                     const QJsonArray &headers = {}, const QString &credentials = u"same-origin"_s,
                     const QString &mode = u"cors"_s, const QJsonValue &body = QJsonValue())
{
    QJsonObject fetch { { u"method"_s, method },
                        { u"path"_s, path },
                        { u"headers"_s, headers },
                        { u"credentials"_s, credentials },
                        { u"mode"_s, mode } };
    if (!body.isNull())
        fetch.insert(u"body"_s, body);
    return { name, fetch };
}

// What the plan covers: every profile, tenant choice by ?tenant= and boomi_auth, authentication,
// the mock backend (a status, an exposed header, a redirect), the preflight cache, no-cors, and
// fetch() calls that throw before sending anything. Each fetch has a path of its own, so that no
// cache carries over unless the plan wants it to.
QList<PlannedFetch> plan()
{
    const QString boomi =
        u"boomi_auth="_s + QString::fromLatin1(QByteArray("integration@acme:s3cret").toBase64());
    return {
        planned(u"strict: simple GET, an exposed header from the backend"_s, u"GET"_s,
                u"/e2e/orders/1?tenant=strict-shop"_s),
        planned(u"strict: PUT with JSON, preflighted and allowed"_s, u"PUT"_s,
                u"/e2e/orders/2?tenant=strict-shop"_s, pairs({ { "Content-Type", "application/json" } }),
                u"same-origin"_s, u"cors"_s, u"{\"qty\":2}"_s),
        planned(u"strict: DELETE, which the rule does not allow"_s, u"DELETE"_s,
                u"/e2e/03?tenant=strict-shop"_s),
        planned(u"strict: a request header the rule does not allow"_s, u"PUT"_s,
                u"/e2e/04?tenant=strict-shop"_s, pairs({ { "X-Other", "1" } })),
        planned(u"strict: credentials include"_s, u"GET"_s, u"/e2e/05?tenant=strict-shop"_s, {},
                u"include"_s),
        planned(u"strict: lower-case patch is not PATCH"_s, u"patch"_s, u"/e2e/06?tenant=strict-shop"_s),
        planned(u"strict: no-cors is opaque"_s, u"GET"_s, u"/e2e/07?tenant=strict-shop"_s, {},
                u"same-origin"_s, u"no-cors"_s),
        planned(u"strict: mode same-origin to another origin throws"_s, u"GET"_s,
                u"/e2e/08?tenant=strict-shop"_s, {}, u"same-origin"_s, u"same-origin"_s),
        planned(u"token: a normal request without the token is a readable 401"_s, u"GET"_s,
                u"/e2e/09?tenant=strict-token"_s),
        planned(u"token: with the token, preflighted (never authenticated), then 200"_s, u"GET"_s,
                u"/e2e/10?tenant=strict-token"_s, pairs({ { "X-Api-Key", "secret-token" } })),
        planned(u"boomi: tenant and credentials from boomi_auth"_s, u"PUT"_s, u"/e2e/11?"_s + boomi,
                pairs({ { "X-Custom-Header", "1" } })),
        planned(u"boomi: a refused preflight is a 200 without Access-Control-Allow-*"_s, u"PUT"_s,
                u"/e2e/12?tenant=boomi-cloud"_s, pairs({ { "X-Nope", "1" } })),
        planned(u"webmethods: 403 Specified Origin is not allowed"_s, u"GET"_s,
                u"/e2e/13?tenant=webmethods-partner"_s),
        planned(u"apig: Access-Control-Allow-Origin: *"_s, u"GET"_s, u"/e2e/14?tenant=apig-open"_s),
        planned(u"apig: * is not enough with credentials"_s, u"GET"_s, u"/e2e/15?tenant=apig-open"_s, {},
                u"include"_s),
        planned(u"API type basic: no CORS headers"_s, u"GET"_s, u"/e2e/16?tenant=basic-api"_s),
        planned(u"mock backend: a 404 with a readable header"_s, u"GET"_s,
                u"/e2e/missing?tenant=strict-shop"_s),
        planned(u"an unknown tenant: 404 without CORS headers"_s, u"GET"_s, u"/e2e/18?tenant=nobody"_s),
        planned(u"preflight cache: first PUT preflights"_s, u"PUT"_s, u"/e2e/cached?tenant=strict-shop"_s,
                pairs({ { "X-Token", "1" } })),
        planned(u"preflight cache: the same PUT again does not"_s, u"PUT"_s,
                u"/e2e/cached?tenant=strict-shop"_s, pairs({ { "X-Token", "1" } })),
        planned(u"mock backend: a 307 redirect on the API origin"_s, u"GET"_s,
                u"/e2e/moved?tenant=strict-shop"_s),
        planned(u"strict: HEAD"_s, u"HEAD"_s, u"/e2e/22?tenant=strict-shop"_s),
        planned(u"strict: POST text/plain needs no preflight"_s, u"POST"_s, u"/e2e/23?tenant=strict-shop"_s,
                pairs({ { "Content-Type", "text/plain" } }), u"same-origin"_s, u"cors"_s, u"hello"_s),
        planned(u"a header name fetch() refuses throws before sending"_s, u"GET"_s,
                u"/e2e/24?tenant=strict-shop"_s, pairs({ { "Bad Name", "x" } })),
    };
}

// The mock backend of the run, as `corsctl serve --backend` gets it and as the model's server
// answers.
struct Backend
{
    QString path; // exact, or "/prefix/*"
    QByteArray json;
};

// Defined at the end of the file: moc's parser (Qt 6.4) loses its way in raw string literals
// that come before the test class.
const QList<Backend> &backends();

// The server side of the prediction, built from the core alone: the tenant the request names,
// its engine, the backend for its path, and the framing any HTTP/1.1 server adds.
class ModelServer : public Responder
{
public:
    ModelServer(QList<Tenant> tenants, int apiPort)
        : m_tenants(std::move(tenants))
        , m_apiPort(apiPort)
    {
        for (const Backend &backend : backends()) {
            JsonProblems problems;
            m_backends.append({ backend.path,
                                *HttpMessageJson::readResponse(QJsonDocument::fromJson(backend.json).object(),
                                                               QString(), &problems) });
        }
    }

    std::optional<HttpResponse> respond(const HttpRequest &request, Trace &) override
    {
        if (request.url.port() != m_apiPort)
            return std::nullopt;
        HttpResponse backend = HttpResponse::defaultBackend();
        const QString path = request.url.path();
        for (const auto &[key, response] : m_backends) {
            if (key == path || (key.endsWith(u"/*") && path.startsWith(key.chopped(1))))
                backend = response;
        }
        const TenantSelection selection = TenantSelection::select(m_tenants, request);
        HttpResponse response;
        if (!selection.isValid()) {
            response = { 404, { { "Content-Type", "text/plain; charset=utf-8" } }, "no tenant" };
        } else {
            const CorsDecision decision = CorsEngine(m_tenants[selection.index]).evaluate(request, backend);
            response = { decision.status, decision.headers, decision.body };
        }
        if (response.status != 204 && response.status != 304)
            response.headers.append("Content-Length", QByteArray::number(response.body.size()));
        return response;
    }

private:
    QList<Tenant> m_tenants;
    int m_apiPort;
    QList<std::pair<QString, HttpResponse>> m_backends;
};

QString wireText(const QByteArray &method, const QUrl &url, const HttpHeaders &headers)
{
    const auto value = [&](QByteArrayView name) {
        return headers.contains(name) ? QString::fromLatin1(headers.combinedValue(name)) : u"-"_s;
    };
    QString text = QString::fromLatin1(method) + u' ' + url.toString(QUrl::FullyEncoded) + u" Origin="_s
        + value("Origin");
    if (method == "OPTIONS" && headers.contains("Access-Control-Request-Method"))
        text += u" ACRM="_s + value("Access-Control-Request-Method") + u" ACRH="_s
            + value("Access-Control-Request-Headers");
    return text;
}

// Whether a console text or URL mentions `path` itself (/e2e/03, not /e2e/030).
bool mentions(const QString &text, const QString &path)
{
    qsizetype from = 0;
    while ((from = text.indexOf(path, from)) >= 0) {
        from += path.size();
        if (from == text.size() || !(text[from].isLetterOrNumber() || text[from] == u'/'))
            return true;
    }
    return false;
}

struct Comparison
{
    QString name;
    QString verdict; // the browser's
    bool consoleCompared = false; // the browser's console message (and Chromium's CorsError) was checked
    bool requestsCompared = false;
    QStringList differences;
    QString details;
};

} // namespace

class tst_LiveConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void agreement_data();
    void agreement();

private:
    bool run(const QString &browser, QString *error);

    QTemporaryDir m_dir;
    QList<Tenant> m_tenants;
    QStringList m_browsers;
    QHash<QString, QList<Comparison>> m_results;
};

void tst_LiveConsole::initTestCase()
{
    const QString only = qEnvironmentVariable("CORS_LIVE_BROWSER");
    m_browsers = only.isEmpty() ? BrowserProfile::names() : QStringList { only };
    for (const QString &browser : std::as_const(m_browsers)) {
        const auto driver = BrowserDriver::create(browser);
        QVERIFY2(driver, qPrintable(u"unknown browser \"%1\""_s.arg(browser)));
        if (!driver->isAvailable())
            QSKIP(qPrintable(
                u"%1 is not installed (scripts/setup.sh deps test installs it)"_s.arg(driver->executable())));
    }
    QFile bundle(QStringLiteral(CORS_LIVE_TEST_DATA) + u"/live.corsbundle.json"_s);
    QVERIFY(bundle.open(QIODevice::ReadOnly));
    JsonProblems problems;
    const auto read = BundleReader::read(bundle.readAll(), &problems);
    QVERIFY(read);
    m_tenants = read->tenants;

    for (const QString &browser : std::as_const(m_browsers)) {
        QString error;
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(run(browser, &error), qPrintable(error));
        const QList<Comparison> &results = m_results[browser];
        const auto agreeing = std::count_if(results.cbegin(), results.cend(),
                                            [](const Comparison &c) { return c.differences.isEmpty(); });
        const auto count = [&](auto predicate) {
            return qlonglong(std::count_if(results.cbegin(), results.cend(), predicate));
        };
        qInfo("%s: %lld of %lld fetches through the live test console agree with the model (%lld allowed, "
              "%lld blocked, %lld opaque; requests on the wire compared for %lld, console messages for "
              "%lld), %.1f s",
              qPrintable(browser), qlonglong(agreeing), qlonglong(results.size()),
              count([](const Comparison &c) { return c.verdict == u"allowed"; }),
              count([](const Comparison &c) { return c.verdict == u"blocked"; }),
              count([](const Comparison &c) { return c.verdict == u"opaque"; }),
              count([](const Comparison &c) { return c.requestsCompared; }),
              count([](const Comparison &c) { return c.consoleCompared; }), double(timer.elapsed()) / 1000.0);
    }
}

bool tst_LiveConsole::run(const QString &browser, QString *error)
{
    QStringList arguments { u"--bundle"_s, QStringLiteral(CORS_LIVE_TEST_DATA) + u"/live.corsbundle.json"_s };
    for (qsizetype i = 0; i < backends().size(); ++i) {
        QFile file(m_dir.filePath(u"backend%1.json"_s.arg(i)));
        if (!file.open(QIODevice::WriteOnly)) {
            *error = file.errorString();
            return false;
        }
        file.write(backends()[i].json);
        arguments << u"--backend"_s << backends()[i].path + u'=' + file.fileName();
    }
    ServeProcess serve;
    if (!serve.start(arguments, error))
        return false;

    const QList<PlannedFetch> fetches = plan();
    QJsonArray planJson;
    for (const PlannedFetch &fetch : fetches)
        planJson.append(fetch.fetch);
    const QByteArray encoded = QJsonDocument(planJson)
                                   .toJson(QJsonDocument::Compact)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QUrl page = serve.page();
    page.setFragment(u"plan="_s + QString::fromLatin1(encoded));

    const auto driver = BrowserDriver::create(browser);
    QElapsedTimer elapsed;
    elapsed.start();
    if (!driver->start(page, error))
        return false;
    const bool finished = QTest::qWaitFor(
        [&] { return serve.events(u"outcome"_s).size() >= fetches.size() || !driver->isRunning(); },
        kBrowserRunLimitMs);
    QTest::qWait(300); // the last console events
    driver->stop();
    if (serve.stop() != 0)
        *error = u"corsctl serve did not stop cleanly"_s;
    const QList<QJsonObject> outcomes = serve.events(u"outcome"_s);
    if (!finished || outcomes.size() < fetches.size()) {
        *error = u"%1 reported %2 of %3 outcomes within %4 s; browser stderr:\n%5\nserver stderr:\n%6"_s
                     .arg(browser)
                     .arg(outcomes.size())
                     .arg(fetches.size())
                     .arg(kBrowserRunLimitMs / 1000)
                     .arg(driver->diagnostics(), QString::fromUtf8(serve.standardError()));
        return false;
    }

    // The model: the same fetches from one page (one preflight cache), against the core.
    QList<FetchSpec> specs;
    for (const QJsonObject &outcome : outcomes) {
        JsonProblems problems;
        specs.append(*FetchSpecJson::read(outcome.value(u"fetch"_s), u"fetch"_s, &problems));
    }
    ModelServer server(m_tenants, serve.api().port());
    const QList<Outcome> predicted = fetchSequence(specs, server, *BrowserProfile::fromName(browser));

    QList<Comparison> &results = m_results[browser];
    for (qsizetype i = 0; i < outcomes.size(); ++i) {
        const QJsonObject &outcome = outcomes[i];
        const Outcome &model = predicted[i];
        const QJsonObject observed = outcome.value(u"observed"_s).toObject();
        Comparison comparison;
        comparison.name = fetches.value(outcome.value(u"sequence"_s).toInt() - 1).name;
        QStringList &differences = comparison.differences;

        const QString verdict = observed.value(u"verdict"_s).toString();
        comparison.verdict = verdict;
        if (verdict != verdictName(model.verdict))
            differences.append(u"verdict: browser %1, model %2"_s.arg(verdict, verdictName(model.verdict)));
        if (verdict == u"allowed") {
            if (observed.value(u"status"_s).toInt() != model.status)
                differences.append(u"status: browser %1, model %2"_s.arg(observed.value(u"status"_s).toInt())
                                       .arg(model.status));
            QStringList readable;
            for (const QJsonValue &pair : observed.value(u"headers"_s).toArray())
                readable.append(pair.toArray().first().toString());
            QStringList exposed;
            for (const QByteArray &name : model.exposedHeaders)
                exposed.append(QString::fromLatin1(name));
            readable.sort();
            exposed.sort();
            if (readable != exposed)
                differences.append(u"readable headers: browser [%1], model [%2]"_s.arg(readable.join(u", "),
                                                                                       exposed.join(u", ")));
        }

        // The requests the server logged for this fetch, against the model's.
        QStringList wire;
        for (const QJsonValue &exchange : outcome.value(u"exchanges"_s).toArray()) {
            const QJsonObject object = exchange.toObject();
            JsonProblems problems;
            const auto headers =
                HttpMessageJson::readHeaders(object.value(u"requestHeaders"_s), QString(), &problems)
                    .value_or(HttpHeaders());
            wire.append(wireText(object.value(u"method"_s).toString().toLatin1(),
                                 QUrl(object.value(u"url"_s).toString()), headers));
        }
        QStringList expectedWire;
        for (const FetchHop &hop : model.hops) {
            for (const auto &exchange : { hop.preflight, hop.actual }) {
                if (exchange)
                    expectedWire.append(
                        wireText(exchange->request.method, exchange->request.url, exchange->request.headers));
            }
        }
        comparison.requestsCompared = outcome.value(u"exchanges"_s).isArray();
        if (!comparison.requestsCompared || wire != expectedWire)
            differences.append(u"requests on the wire differ"_s);

        // What the browser printed, for a fetch it blocked after sending something.
        QString console;
        QString code;
        const QString path = specs[i].url.path();
        const bool sentSomething = !expectedWire.isEmpty();
        if (verdict == u"blocked" && model.error && sentSomething) {
            for (const BrowserDriver::ConsoleEntry &entry : driver->console()) {
                if (entry.level == u"error" && entry.source != u"network"
                    && (mentions(entry.text, path) || mentions(entry.url, path))) {
                    console = entry.text;
                    break;
                }
            }
            for (const BrowserDriver::FailedRequest &failure : driver->failures()) {
                if (failure.cors && mentions(failure.url, path) && code.isEmpty())
                    code = failure.code;
            }
            comparison.consoleCompared = true;
            if (console != model.error->message)
                differences.append(
                    u"console: browser \"%1\", model \"%2\""_s.arg(console, model.error->message));
            if (browser == u"chromium" && code != model.error->code)
                differences.append(u"CorsError: browser %1, model %2"_s.arg(code, model.error->code));
        } else if (verdict == u"blocked" && model.error && model.error->code == u"TypeError") {
            const QString thrown = observed.value(u"message"_s).toString();
            if (thrown != model.error->message)
                differences.append(
                    u"exception: browser \"%1\", model \"%2\""_s.arg(thrown, model.error->message));
        }

        // The server, comparing with its own prediction, must have come to the same conclusion.
        if (!outcome.value(u"agrees"_s).toBool())
            differences.append(u"the server says the outcome differs from its prediction: "_s
                               + outcome.value(u"differences"_s).toVariant().toStringList().join(u" "));

        comparison.details =
            u"browser: %1\n  model: %2 %3 %4\n  wire, server log:\n    %5\n  wire, model:\n    %6"_s.arg(
                QString::fromUtf8(QJsonDocument(observed).toJson(QJsonDocument::Compact)),
                verdictName(model.verdict), model.error ? model.error->code : QString(),
                model.error ? model.error->message : QString(), wire.join(u"\n    "),
                expectedWire.join(u"\n    "));
        results.append(comparison);
    }
    return true;
}

void tst_LiveConsole::agreement_data()
{
    QTest::addColumn<QString>("browser");
    QTest::addColumn<int>("index");
    for (const QString &browser : std::as_const(m_browsers)) {
        const QList<Comparison> &results = m_results.value(browser);
        for (qsizetype i = 0; i < results.size(); ++i)
            QTest::newRow(qPrintable(u"%1: %2"_s.arg(browser, results[i].name))) << browser << int(i);
    }
}

void tst_LiveConsole::agreement()
{
    QFETCH(QString, browser);
    QFETCH(int, index);
    const Comparison &comparison = m_results.value(browser).at(index);
    QVERIFY2(comparison.differences.isEmpty(),
             qPrintable(comparison.differences.join(u"; ") + u"\n  "_s + comparison.details));
}

namespace {

const QList<Backend> &backends()
{
    static const QList<Backend> list = {
        { u"/e2e/orders/*"_s,
          R"({"status": 200, "headers": [["Content-Type", "application/json"], ["X-Request-Id", "r-1"]], "body": "{\"ok\":true}"})" },
        { u"/e2e/missing"_s,
          R"({"status": 404, "headers": [["Content-Type", "text/plain"], ["X-Request-Id", "r-404"]], "body": "no such thing"})" },
        { u"/e2e/moved"_s,
          R"({"status": 307, "headers": [["Location", "/e2e/orders/21?tenant=strict-shop"]]})" },
    };
    return list;
}

} // namespace

QTEST_GUILESS_MAIN(tst_LiveConsole)
#include "tst_liveconsole.moc"
