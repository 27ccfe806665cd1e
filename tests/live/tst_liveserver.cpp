// LiveServer over real sockets on loopback (STYLE.md 17, 19): the API origin answers every
// profile exactly as CorsEngine::evaluate() decides, chooses tenants by ?tenant=, boomi_auth and
// the active tenant, authenticates normal requests and never preflights, answers from the mock
// backend, takes rule edits on the next request, logs every request, refuses malformed ones and
// goes on; the test page origin serves the console and turns the page's reports into outcomes
// with the browser model's prediction beside them.

#include "bundle/bundlereader.h"
#include "engine/corsengine.h"
#include "httptestclient.h"
#include "live/httpwire.h"
#include "live/liveserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using namespace cors::test;

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;
Q_DECLARE_METATYPE(HeaderList)

namespace {

// The test page's origin as the rules see it; any port (the rules allow localhost on any port).
const QByteArray kPage = "http://localhost:3780"_ba;
const QByteArray kChromiumUserAgent =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36"_ba;

QList<Tenant> loadTenants()
{
    QFile file(QStringLiteral(CORS_LIVE_TEST_DATA) + u"/live.corsbundle.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    JsonProblems problems;
    const auto bundle = BundleReader::read(file.readAll(), &problems);
    return bundle ? bundle->tenants : QList<Tenant>();
}

const Tenant *findTenant(const QList<Tenant> &tenants, const QString &name)
{
    for (const Tenant &tenant : tenants) {
        if (tenant.name == name)
            return &tenant;
    }
    return nullptr;
}

QByteArray basicCredentials(const QByteArray &user, const QByteArray &password)
{
    return QByteArray(user + ':' + password).toBase64();
}

} // namespace

class tst_LiveServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void urls();
    void profiles_data();
    void profiles();
    void activeTenant();
    void mockBackend();
    void ruleChangeWithoutRestart();
    void requestLogged();
    void malformedRequests();
    void testPage();
    void configHidesSecrets();
    void outcomeAgrees();
    void outcomeDiffers();
    void outcomeWithoutModel();
    void outcomeFromAnotherSite();
    void pageAnswersLoopbackNamesOnly();
    void predictionSharesThePreflightCache();
    void nonLoopbackNeedsExplicitChoice();
    void portInUse();
    void stopFromSlot();

private:
    HttpRequest apiRequest(const QByteArray &method, const QString &pathAndQuery,
                           const HeaderList &headers = {}) const;
    std::optional<RawResponse> send(const HttpRequest &request);
    std::optional<RawResponse> postToPage(const QString &path, const QJsonObject &body,
                                          const QByteArray &origin = QByteArray(),
                                          const QByteArray &userAgent = kChromiumUserAgent);

    QList<Tenant> m_tenants;
    std::unique_ptr<LiveServer> m_server;
};

void tst_LiveServer::initTestCase()
{
    m_tenants = loadTenants();
    QVERIFY(!m_tenants.isEmpty());
}

void tst_LiveServer::init()
{
    m_server = std::make_unique<LiveServer>();
    LiveServerOptions options;
    options.apiPort = 0;
    options.pagePort = 0;
    m_server->setOptions(options);
    m_server->setTenants(m_tenants);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
}

void tst_LiveServer::cleanup()
{
    m_server.reset();
}

HttpRequest tst_LiveServer::apiRequest(const QByteArray &method, const QString &pathAndQuery,
                                       const HeaderList &headers) const
{
    HttpRequest request;
    request.method = method;
    request.url = QUrl(m_server->apiUrl().adjusted(QUrl::RemovePath).toString() + pathAndQuery);
    for (const auto &[name, value] : headers)
        request.headers.append(name, value);
    return request;
}

std::optional<RawResponse> tst_LiveServer::send(const HttpRequest &request)
{
    HttpTestClient client(m_server->apiUrl().port());
    client.send(HttpTestClient::serialize(request));
    return client.readResponse(5000, request.method == "HEAD");
}

std::optional<RawResponse> tst_LiveServer::postToPage(const QString &path, const QJsonObject &body,
                                                      const QByteArray &origin, const QByteArray &userAgent)
{
    const QUrl page = m_server->pageUrl();
    HttpRequest request;
    request.method = "POST";
    request.url = page.resolved(QUrl(path));
    request.headers.append("Origin",
                           origin.isNull() ? page.adjusted(QUrl::RemovePath).toString().toLatin1() : origin);
    request.headers.append("User-Agent", userAgent);
    request.headers.append("Content-Type", "text/plain;charset=UTF-8");
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    HttpTestClient client(page.port());
    client.send(HttpTestClient::serialize(request));
    return client.readResponse();
}

void tst_LiveServer::urls()
{
    QVERIFY(m_server->isRunning());
    QVERIFY(!m_server->bindsBeyondLoopback());
    const QUrl api = m_server->apiUrl();
    const QUrl page = m_server->pageUrl();
    QCOMPARE(api.host(), u"localhost"_s);
    QCOMPARE(api.path(), u"/"_s);
    QVERIFY(api.port() > 0 && page.port() > 0 && api.port() != page.port());
    QCOMPARE(m_server->pageOrigin().serialize(), u"http://localhost:%1"_s.arg(page.port()));

    QSignalSpy running(m_server.get(), &LiveServer::runningChanged);
    m_server->stop();
    QCOMPARE(running.size(), 1);
    QCOMPARE(running.first().first().toBool(), false);
    QVERIFY(m_server->apiUrl().isEmpty());
    HttpTestClient refused(quint16(api.port()));
    QVERIFY(!refused.isConnected());

    // The same ports again, as the GUI's stop and start do.
    LiveServerOptions options = m_server->options();
    options.apiPort = quint16(api.port());
    options.pagePort = quint16(page.port());
    m_server->setOptions(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    QCOMPARE(m_server->apiUrl(), api);
    QCOMPARE(running.size(), 2);
}

void tst_LiveServer::profiles_data()
{
    QTest::addColumn<QString>("tenant"); // whose engine the answer must equal
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("allowOrigin"); // null: none

    const QString boomiAuth =
        u"/cors?boomi_auth="_s + QString::fromLatin1(basicCredentials("integration@acme", "s3cret"));
    const HeaderList preflightPut { { "Origin", kPage },
                                    { "Access-Control-Request-Method", "PUT" },
                                    { "Access-Control-Request-Headers", "content-type" } };
    const HeaderList fromPage { { "Origin", kPage } };

    QTest::newRow("strict: preflight accepted")
        << u"strict-shop"_s << "OPTIONS"_ba << u"/items?tenant=strict-shop"_s << preflightPut << 204 << kPage;
    QTest::newRow("strict: preflight for a method the rule lacks")
        << u"strict-shop"_s << "OPTIONS"_ba << u"/items?tenant=strict-shop"_s
        << HeaderList { { "Origin", kPage }, { "Access-Control-Request-Method", "DELETE" } } << 403
        << QByteArray();
    QTest::newRow("strict: actual request")
        << u"strict-shop"_s << "GET"_ba << u"/items?tenant=strict-shop"_s << fromPage << 200 << kPage;
    QTest::newRow("strict: actual request from an origin no rule allows")
        << u"strict-shop"_s << "GET"_ba << u"/items?tenant=strict-shop"_s
        << HeaderList { { "Origin", "https://evil.example" } } << 200 << QByteArray();
    QTest::newRow("strict: lower-case patch stays lower-case")
        << u"strict-shop"_s << "patch"_ba << u"/items?tenant=strict-shop"_s << fromPage << 200
        << QByteArray();
    QTest::newRow("strict: HEAD") << u"strict-shop"_s << "HEAD"_ba << u"/items?tenant=strict-shop"_s
                                  << fromPage << 200 << kPage;
    QTest::newRow("boomi: preflight chosen by boomi_auth")
        << u"boomi-cloud"_s << "OPTIONS"_ba << boomiAuth
        << HeaderList { { "Origin", kPage },
                        { "Access-Control-Request-Method", "PUT" },
                        { "Access-Control-Request-Headers", "x-custom-header" } }
        << 200 << kPage;
    QTest::newRow("boomi: rejected preflight is 200 without Access-Control-Allow-*")
        << u"boomi-cloud"_s << "OPTIONS"_ba << boomiAuth
        << HeaderList { { "Origin", kPage }, { "Access-Control-Request-Method", "PATCH" } } << 200
        << QByteArray();
    QTest::newRow("boomi: normal request authenticated by boomi_auth")
        << u"boomi-cloud"_s << "PUT"_ba << boomiAuth << fromPage << 200 << kPage;
    QTest::newRow("boomi: normal request without credentials")
        << u"boomi-cloud"_s << "GET"_ba << u"/cors?tenant=boomi-cloud"_s << fromPage << 401 << kPage;
    QTest::newRow("boomi: normal request with Basic credentials")
        << u"boomi-cloud"_s << "GET"_ba << u"/cors?tenant=boomi-cloud"_s
        << HeaderList { { "Origin", kPage },
                        { "Authorization", "Basic " + basicCredentials("integration@acme", "s3cret") } }
        << 200 << kPage;
    QTest::newRow("webmethods: preflight from an origin not allowed")
        << u"webmethods-partner"_s << "OPTIONS"_ba << u"/p?tenant=webmethods-partner"_s << preflightPut << 403
        << QByteArray();
    QTest::newRow("webmethods: actual request from an origin not allowed")
        << u"webmethods-partner"_s << "GET"_ba << u"/p?tenant=webmethods-partner"_s << fromPage << 403
        << QByteArray();
    QTest::newRow("webmethods: the partner portal")
        << u"webmethods-partner"_s << "POST"_ba << u"/p?tenant=webmethods-partner"_s
        << HeaderList { { "Origin", "https://partner.example" } } << 200 << "https://partner.example"_ba;
    QTest::newRow("apig: preflight answered with * and the default lists")
        << u"apig-open"_s << "OPTIONS"_ba << u"/data?tenant=apig-open"_s << preflightPut << 200 << "*"_ba;
    QTest::newRow("apig: actual request")
        << u"apig-open"_s << "GET"_ba << u"/data?tenant=apig-open"_s << fromPage << 200 << "*"_ba;
    QTest::newRow("token: preflights are never authenticated")
        << u"strict-token"_s << "OPTIONS"_ba << u"/t?tenant=strict-token"_s
        << HeaderList { { "Origin", kPage },
                        { "Access-Control-Request-Method", "GET" },
                        { "Access-Control-Request-Headers", "x-api-key" } }
        << 204 << kPage;
    QTest::newRow("token: normal request without it")
        << u"strict-token"_s << "GET"_ba << u"/t?tenant=strict-token"_s << fromPage << 401 << kPage;
    QTest::newRow("token: normal request with a wrong one")
        << u"strict-token"_s << "GET"_ba << u"/t?tenant=strict-token"_s
        << HeaderList { { "Origin", kPage }, { "X-Api-Key", "wrong" } } << 401 << kPage;
    QTest::newRow("token: normal request with it")
        << u"strict-token"_s << "GET"_ba << u"/t?tenant=strict-token"_s
        << HeaderList { { "Origin", kPage }, { "X-Api-Key", "secret-token" } } << 200 << kPage;
    QTest::newRow("API type basic: no CORS")
        << u"basic-api"_s << "GET"_ba << u"/b?tenant=basic-api"_s << fromPage << 200 << QByteArray();
    QTest::newRow("no tenant named, several tenants")
        << QString() << "GET"_ba << u"/x"_s << fromPage << 404 << QByteArray();
    QTest::newRow("an unknown tenant")
        << QString() << "OPTIONS"_ba << u"/x?tenant=nobody"_s << preflightPut << 404 << QByteArray();
    QTest::newRow("boomi_auth of an unknown user")
        << QString() << "GET"_ba
        << u"/x?boomi_auth="_s + QString::fromLatin1(basicCredentials("someone", "pw")) << fromPage << 404
        << QByteArray();
}

void tst_LiveServer::profiles()
{
    QFETCH(QString, tenant);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(HeaderList, headers);
    QFETCH(int, status);
    QFETCH(QByteArray, allowOrigin);

    const HttpRequest request = apiRequest(method, path, headers);
    const auto response = send(request);
    QVERIFY(response);
    QCOMPARE(response->status, status);
    QCOMPARE(response->headers.value("Access-Control-Allow-Origin"), allowOrigin);
    if (tenant.isEmpty()) {
        QVERIFY(!response->headers.contains("Access-Control-Allow-Origin"));
        return;
    }
    // Exactly the engine's decision, only framed: the server has no CORS logic of its own. The
    // engine gets the request as the server received it (Host first, as the client sent it).
    HttpRequest received = request;
    received.headers = HttpHeaders();
    received.headers.append("Host", request.url.authority(QUrl::FullyEncoded).toLatin1());
    for (const auto &field : request.headers)
        received.headers.append(field.first, field.second);
    const Tenant *answering = findTenant(m_tenants, tenant);
    QVERIFY(answering);
    const CorsDecision decision = CorsEngine(*answering).evaluate(received);
    const HttpResponse expected = HttpWire::framed({ decision.status, decision.headers, decision.body });
    QCOMPARE(response->status, expected.status);
    QCOMPARE(response->headers.fields(), expected.headers.fields());
    QCOMPARE(response->body, method == "HEAD" ? QByteArray() : expected.body);
}

void tst_LiveServer::activeTenant()
{
    const HttpRequest request = apiRequest("GET", u"/items"_s, { { "Origin", kPage } });
    QCOMPARE(send(request)->status, 404);
    m_server->setActiveTenant(u"strict-shop"_s);
    const auto answered = send(request);
    QCOMPARE(answered->status, 200);
    QCOMPARE(answered->headers.value("Access-Control-Allow-Origin"), kPage);
    // ?tenant= still wins.
    const auto apig = send(apiRequest("GET", u"/items?tenant=apig-open"_s, { { "Origin", kPage } }));
    QCOMPARE(apig->headers.value("Access-Control-Allow-Origin"), "*"_ba);
}

void tst_LiveServer::mockBackend()
{
    // The default: the source documents' mock backend.
    const HttpRequest request = apiRequest("GET", u"/orders/7?tenant=strict-shop"_s, { { "Origin", kPage } });
    HttpTestClient client(m_server->apiUrl().port());
    client.send(HttpTestClient::serialize(request));
    auto response = client.readResponse();
    QCOMPARE(response->status, 200);
    QCOMPARE(response->body, "{\"status\":\"200\"}"_ba);

    // Per path, on the same connection, from the next request on.
    const HttpResponse orders { 201,
                                { { "Content-Type", "application/json" }, { "X-Request-Id", "42" } },
                                "{\"order\":7}" };
    QString problem;
    QVERIFY2(m_server->setBackend(u"/orders/*"_s, orders, &problem), qPrintable(problem));
    client.send(HttpTestClient::serialize(request));
    response = client.readResponse();
    QCOMPARE(response->status, 201);
    QCOMPARE(response->headers.value("X-Request-Id"), "42"_ba);
    QCOMPARE(response->headers.value("Access-Control-Expose-Headers"), "X-Request-Id"_ba);
    QCOMPARE(response->body, "{\"order\":7}"_ba);

    // An exact path wins over the prefix; other paths keep the default.
    QVERIFY(m_server->setBackend(u"/orders/7"_s, { 404, { { "Content-Type", "text/plain" } }, "gone" }));
    client.send(HttpTestClient::serialize(request));
    QCOMPARE(client.readResponse()->status, 404);
    QCOMPARE(send(apiRequest("GET", u"/other?tenant=strict-shop"_s))->status, 200);
    QCOMPARE(m_server->backends().size(), 2);

    // What cannot be sent as given is refused, with the reason.
    QVERIFY(!m_server->setBackend(u"/x"_s, { 200, { { "Content-Length", "5" } }, "hello" }, &problem));
    QVERIFY(problem.contains(u"framing"_s));
    QVERIFY(!m_server->setBackend(u"/x"_s, { 204, {}, "body" }, &problem));
    QVERIFY(!m_server->setBackend(u"/x"_s, { 200, { { "X-Bad", "a\r\nb" } }, {} }, &problem));
    QVERIFY(!m_server->setBackend(u"/x"_s, { 100, {}, {} }, &problem));
    QVERIFY(!m_server->setBackend(u"no-slash"_s, { 200, {}, {} }, &problem));
    m_server->removeBackend(u"/orders/7"_s);
    client.send(HttpTestClient::serialize(request));
    QCOMPARE(client.readResponse()->status, 201);
}

void tst_LiveServer::ruleChangeWithoutRestart()
{
    const HttpRequest preflight =
        apiRequest("OPTIONS", u"/items?tenant=strict-shop"_s,
                   { { "Origin", kPage }, { "Access-Control-Request-Method", "DELETE" } });
    HttpTestClient client(m_server->apiUrl().port());
    client.send(HttpTestClient::serialize(preflight));
    QCOMPARE(client.readResponse()->status, 403);

    Tenant edited = *findTenant(m_tenants, u"strict-shop"_s);
    edited.rules[0].methods.append(u"DELETE"_s);
    m_server->setTenant(edited);
    client.send(HttpTestClient::serialize(preflight));
    const auto allowed = client.readResponse();
    QCOMPARE(allowed->status, 204);
    QCOMPARE(allowed->headers.value("Access-Control-Allow-Methods"), "DELETE"_ba);

    // Disabling the rule, on the same connection, no restart.
    edited.rules[0].enabled = false;
    m_server->setTenant(edited);
    client.send(HttpTestClient::serialize(preflight));
    QCOMPARE(client.readResponse()->status, 403);

    // A removed tenant answers nothing any more.
    m_server->removeTenant(u"strict-shop"_s);
    client.send(HttpTestClient::serialize(preflight));
    QCOMPARE(client.readResponse()->status, 404);
    QVERIFY(client.isConnected());
    QCOMPARE(m_server->tenants().size(), m_tenants.size() - 1);
}

void tst_LiveServer::requestLogged()
{
    QSignalSpy logged(m_server.get(), &LiveServer::requestLogged);
    const HttpRequest request = apiRequest("OPTIONS", u"/items?tenant=strict-shop"_s,
                                           { { "Origin", kPage },
                                             { "Access-Control-Request-Method", "PUT" },
                                             { "Access-Control-Request-Headers", "content-type" } });
    const auto response = send(request);
    QTRY_COMPARE(logged.size(), 1);
    const auto exchange = logged.first().first().value<LiveExchange>();
    QCOMPARE(exchange.id, quint64(1));
    QVERIFY(exchange.time.isValid());
    QVERIFY(exchange.peer.startsWith(u"127.0.0.1:"_s));
    QCOMPARE(exchange.method(), u"OPTIONS"_s);
    QCOMPARE(exchange.path(), u"/items?tenant=strict-shop"_s);
    QCOMPARE(exchange.origin(), QString::fromLatin1(kPage));
    QCOMPARE(exchange.kindName(), u"preflight"_s);
    QCOMPARE(exchange.tenant, u"strict-shop"_s);
    QVERIFY(exchange.tenantDetail.contains(u"tenant URL parameter"_s));
    QCOMPARE(exchange.rule(), u"localhost"_s);
    QVERIFY(exchange.decision->allowed);
    QVERIFY(exchange.decision->trace.size() >= 4);
    // Headers in as received, out as sent.
    QCOMPARE(exchange.request.headers.value("Access-Control-Request-Headers"), "content-type"_ba);
    QCOMPARE(exchange.response.status, response->status);
    QCOMPARE(exchange.response.headers.fields(), response->headers.fields());
    QCOMPARE(m_server->requestCount(), quint64(1));

    const QJsonObject json = exchange.toJson();
    QCOMPARE(json.value(u"kind"_s).toString(), u"preflight"_s);
    QCOMPARE(json.value(u"status"_s).toInt(), 204);
    QCOMPARE(json.value(u"rule"_s).toString(), u"localhost"_s);
    QVERIFY(!json.value(u"trace"_s).toArray().isEmpty());
    QVERIFY(exchange.summary().contains(u"OPTIONS /items?tenant=strict-shop preflight 204"_s));

    // A request without a tenant is logged too, saying why nobody answered.
    send(apiRequest("GET", u"/nobody"_s));
    QTRY_COMPARE(logged.size(), 2);
    const auto unanswered = logged.last().first().value<LiveExchange>();
    QCOMPARE(unanswered.kindName(), u"no-tenant"_s);
    QVERIFY(unanswered.tenantDetail.contains(u"does not say which"_s));
}

void tst_LiveServer::malformedRequests()
{
    QSignalSpy rejected(m_server.get(), &LiveServer::requestRejected);
    QSignalSpy logged(m_server.get(), &LiveServer::requestLogged);
    const QList<QByteArray> garbage = {
        "NOT A REQUEST\r\n\r\n"_ba,
        QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX: " + QByteArray(100000, 'x') + "\r\n\r\n"),
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n"_ba,
        "GET / HTTP/1.1\r\n\r\n"_ba,
    };
    for (const QByteArray &bytes : garbage) {
        HttpTestClient client(m_server->apiUrl().port());
        client.send(bytes);
        const auto response = client.readResponse();
        QVERIFY(response);
        QVERIFY2(response->status >= 400 && response->status < 500, response->statusLine.constData());
        QVERIFY(client.waitForClosed());
    }
    QCOMPARE(rejected.size(), garbage.size());
    QCOMPARE(rejected.first().first().value<HttpRejection>().endpoint, u"api"_s);
    QCOMPARE(logged.size(), 0); // never reached the engine
    // The page origin is guarded the same way.
    HttpTestClient page(m_server->pageUrl().port());
    page.send("\x00\x01\x02\r\n\r\n"_ba);
    QCOMPARE(page.readResponse()->status, 400);
    QCOMPARE(rejected.last().first().value<HttpRejection>().endpoint, u"page"_s);
    // And both go on.
    QCOMPARE(send(apiRequest("GET", u"/?tenant=strict-shop"_s))->status, 200);
}

void tst_LiveServer::testPage()
{
    const QUrl page = m_server->pageUrl();
    HttpTestClient client(page.port());
    for (const QByteArray &path : { "/"_ba, "/console.js"_ba, "/console.css"_ba, "/favicon.svg"_ba }) {
        client.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QVERIFY(!response->body.isEmpty());
        QVERIFY(response->headers.value("Content-Security-Policy").contains("default-src 'self'"));
        QCOMPARE(response->headers.value("Cache-Control"), "no-store"_ba);
    }
    client.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QVERIFY(client.readResponse()->body.contains("<script src=\"/console.js\""));
    client.send("GET /nothing-here HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QCOMPARE(client.readResponse()->status, 404);
    client.send("DELETE / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    const auto refused = client.readResponse();
    QCOMPARE(refused->status, 405);
    QCOMPARE(refused->headers.value("Allow"), "GET, HEAD, POST"_ba);
}

void tst_LiveServer::configHidesSecrets()
{
    m_server->setActiveTenant(u"strict-shop"_s);
    QVERIFY(m_server->setBackend(u"/orders/*"_s, { 201, {}, {} }));
    const QUrl page = m_server->pageUrl();
    HttpTestClient client(page.port());
    // Asked by another host name, the API is on that host name too (one site for page and API).
    client.send("GET /config HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(page.port()) + "\r\n\r\n");
    const auto response = client.readResponse();
    QCOMPARE(response->status, 200);
    const QJsonObject config = QJsonDocument::fromJson(response->body).object();
    QCOMPARE(config.value(u"api"_s).toString(), u"http://127.0.0.1:%1"_s.arg(m_server->apiUrl().port()));
    QCOMPARE(config.value(u"activeTenant"_s).toString(), u"strict-shop"_s);
    QCOMPARE(config.value(u"tenants"_s).toArray().size(), m_tenants.size());
    QCOMPARE(config.value(u"backends"_s).toArray().first().toObject().value(u"status"_s).toInt(), 201);
    // The token's header, never its value; never a password.
    QVERIFY(response->body.contains("\"tokenHeader\":\"X-Api-Key\""));
    QVERIFY(!response->body.contains("secret-token"));
    QVERIFY(!response->body.contains("s3cret"));
}

void tst_LiveServer::outcomeAgrees()
{
    QSignalSpy reported(m_server.get(), &LiveServer::outcomeReported);
    const QString api = m_server->apiUrl().adjusted(QUrl::RemovePath).toString();
    const QString url = api + u"/cart?tenant=strict-shop"_s;
    const QByteArray pageOrigin = m_server->pageUrl().adjusted(QUrl::RemovePath).toString().toLatin1();

    // What the page and Chromium do for fetch(url, {method: 'PUT', headers: {'Content-Type':
    // 'application/json'}}): announce, preflight, actual request, report.
    QCOMPARE(postToPage(u"/begin"_s, { { u"session"_s, u"s1"_s }, { u"sequence"_s, 1 } })->status, 204);
    const auto preflight = send(apiRequest("OPTIONS", u"/cart?tenant=strict-shop"_s,
                                           { { "Accept", "*/*" },
                                             { "Access-Control-Request-Method", "PUT" },
                                             { "Access-Control-Request-Headers", "content-type" },
                                             { "Origin", pageOrigin },
                                             { "User-Agent", kChromiumUserAgent } }));
    QCOMPARE(preflight->status, 204);
    HttpRequest actual = apiRequest("PUT", u"/cart?tenant=strict-shop"_s,
                                    { { "Content-Type", "application/json" }, { "Origin", pageOrigin } });
    actual.body = "{}";
    const auto answered = send(actual);
    QCOMPARE(answered->status, 200);

    const QJsonObject report {
        { u"session"_s, u"s1"_s },
        { u"sequence"_s, 1 },
        { u"fetch"_s,
          QJsonObject {
              { u"pageOrigin"_s, QString::fromLatin1(pageOrigin) },
              { u"pageUrl"_s, QString(QString::fromLatin1(pageOrigin) + u"/"_s) },
              { u"url"_s, url },
              { u"method"_s, u"PUT"_s },
              { u"headers"_s, QJsonArray { QJsonArray { u"Content-Type"_s, u"application/json"_s } } },
              { u"credentials"_s, u"same-origin"_s },
              { u"mode"_s, u"cors"_s } } },
        { u"body"_s, u"{}"_s },
        { u"result"_s,
          QJsonObject { { u"resolved"_s, true },
                        { u"type"_s, u"cors"_s },
                        { u"status"_s, 200 },
                        { u"headers"_s,
                          QJsonArray { QJsonArray { u"content-length"_s, u"16"_s },
                                       QJsonArray { u"content-type"_s, u"application/json"_s } } },
                        { u"body"_s, u"{\"status\":\"200\"}"_s } } },
    };
    const auto reply = postToPage(u"/outcome"_s, report);
    QCOMPARE(reply->status, 200);
    QCOMPARE(reported.size(), 1);
    const auto outcome = reported.first().first().value<LiveOutcome>();
    QCOMPARE(outcome.browser, u"chromium"_s);
    QCOMPARE(outcome.pageSession, u"s1"_s);
    QCOMPARE(outcome.fetch.method, "PUT"_ba);
    QCOMPARE(outcome.requestBody, "{}"_ba);
    QVERIFY(outcome.wireObserved);
    QCOMPARE(outcome.exchanges.size(), 2);
    QCOMPARE(outcome.exchanges[0].kindName(), u"preflight"_s);
    QCOMPARE(outcome.exchanges[1].kindName(), u"actual"_s);
    QVERIFY(outcome.prediction);
    QCOMPARE(outcome.prediction->verdict, Verdict::Allowed);
    QVERIFY(outcome.prediction->preflightSent());
    QVERIFY2(outcome.agrees(), qPrintable(outcome.differences.join(u'\n')));

    // The page gets the same, to show beside what it saw.
    const QJsonObject json = QJsonDocument::fromJson(reply->body).object();
    QCOMPARE(json.value(u"agrees"_s).toBool(), true);
    QCOMPARE(json.value(u"prediction"_s).toObject().value(u"verdict"_s).toString(), u"allowed"_s);
    QCOMPARE(json.value(u"exchanges"_s).toArray().size(), 2);
}

void tst_LiveServer::outcomeDiffers()
{
    QSignalSpy reported(m_server.get(), &LiveServer::outcomeReported);
    const QString url = m_server->apiUrl().adjusted(QUrl::RemovePath).toString() + u"/x?tenant=strict-shop"_s;
    const QString pageOrigin = m_server->pageUrl().adjusted(QUrl::RemovePath).toString();
    // A page that says its simple GET was blocked, while the server allows it; no "begin", so
    // there are no requests to compare.
    const QJsonObject report {
        { u"session"_s, u"s2"_s },
        { u"sequence"_s, 1 },
        { u"fetch"_s, QJsonObject { { u"pageOrigin"_s, pageOrigin }, { u"url"_s, url } } },
        { u"result"_s,
          QJsonObject { { u"resolved"_s, false },
                        { u"name"_s, u"TypeError"_s },
                        { u"message"_s, u"Failed to fetch"_s } } },
    };
    QCOMPARE(postToPage(u"/outcome"_s, report)->status, 200);
    QCOMPARE(reported.size(), 1);
    const auto outcome = reported.first().first().value<LiveOutcome>();
    QVERIFY(!outcome.wireObserved);
    QVERIFY(!outcome.agrees());
    QCOMPARE(outcome.differences.size(), 1);
    QVERIFY2(outcome.differences.first().contains(u"Verdict: the browser says blocked, the model allowed"_s),
             qPrintable(outcome.differences.first()));
}

void tst_LiveServer::outcomeWithoutModel()
{
    QSignalSpy reported(m_server.get(), &LiveServer::outcomeReported);
    const QString pageOrigin = m_server->pageUrl().adjusted(QUrl::RemovePath).toString();
    const QJsonObject report {
        { u"session"_s, u"s3"_s },
        { u"sequence"_s, 1 },
        { u"fetch"_s,
          QJsonObject { { u"pageOrigin"_s, pageOrigin }, { u"url"_s, m_server->apiUrl().toString() } } },
        { u"result"_s,
          QJsonObject { { u"resolved"_s, true }, { u"type"_s, u"cors"_s }, { u"status"_s, 404 } } },
    };
    const QByteArray safari =
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15"_ba;
    QCOMPARE(postToPage(u"/outcome"_s, report, QByteArray(), safari)->status, 200);
    const auto outcome = reported.first().first().value<LiveOutcome>();
    QVERIFY(outcome.browser.isEmpty());
    QVERIFY(!outcome.prediction);
    QVERIFY(outcome.predictionNote.contains(u"Chromium and Firefox"_s));
    QVERIFY(!outcome.agrees());

    // A report that is not one is refused, saying where.
    const auto bad = postToPage(u"/outcome"_s, { { u"session"_s, u"s3"_s }, { u"fetch"_s, 3 } });
    QCOMPARE(bad->status, 400);
    QVERIFY(bad->body.contains("fetch"));
    QCOMPARE(reported.size(), 1);
}

void tst_LiveServer::outcomeFromAnotherSite()
{
    QSignalSpy reported(m_server.get(), &LiveServer::outcomeReported);
    const auto refused = postToPage(u"/outcome"_s, { { u"session"_s, u"x"_s } }, "https://evil.example"_ba);
    QCOMPARE(refused->status, 403);
    QCOMPARE(postToPage(u"/begin"_s, {}, "null"_ba)->status, 403);
    QCOMPARE(reported.size(), 0);
}

void tst_LiveServer::pageAnswersLoopbackNamesOnly()
{
    QSignalSpy reported(m_server.get(), &LiveServer::outcomeReported);
    const QByteArray port = QByteArray::number(m_server->pageUrl().port());
    HttpTestClient client(m_server->pageUrl().port());
    for (const QByteArray &host :
         QByteArrayList { "localhost"_ba, "LOCALHOST:" + port, "app.localhost:" + port, "127.0.0.1:" + port,
                          "127.1.2.3", "[::1]:" + port }) {
        client.send("GET /config HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        const auto response = client.readResponse();
        QVERIFY(response);
        QVERIFY2(response->status == 200, host.constData());
    }
    // A name rebound to 127.0.0.1 (DNS rebinding) would make another site same-origin with the page.
    for (const QByteArray &host :
         QByteArrayList { "rebound.example:" + port, "localhost.example", "127.0.0.1.nip.io" }) {
        client.send("GET /config HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        const auto response = client.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 421);
        QVERIFY2(response->body.contains(host.split(':').first()), response->body.constData());
        QVERIFY(!response->body.contains("strict-shop"));
    }
    HttpRequest outcome;
    outcome.method = "POST";
    outcome.url = QUrl(u"http://rebound.example:%1/outcome"_s.arg(QString::fromLatin1(port)));
    outcome.headers.append("Origin", "http://rebound.example:" + port);
    outcome.headers.append("User-Agent", kChromiumUserAgent);
    outcome.body = "{}";
    client.send(HttpTestClient::serialize(outcome));
    QCOMPARE(client.readResponse()->status, 421);
    QCOMPARE(reported.size(), 0);

    // A host name the user chose for the URLs is answered too.
    m_server->stop();
    LiveServerOptions options;
    options.apiPort = 0;
    options.pagePort = 0;
    options.hostName = u"console.test"_s;
    m_server->setOptions(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    QCOMPARE(m_server->pageUrl().host(), u"console.test"_s);
    HttpTestClient named(m_server->pageUrl().port());
    named.send("GET / HTTP/1.1\r\nHost: Console.Test\r\n\r\n");
    QCOMPARE(named.readResponse()->status, 200);
    named.send("GET / HTTP/1.1\r\nHost: other.test\r\n\r\n");
    const auto refused = named.readResponse();
    QCOMPARE(refused->status, 421);
    QVERIFY2(refused->body.contains("or console.test"), refused->body.constData());
}

void tst_LiveServer::predictionSharesThePreflightCache()
{
    // Two reports of the same PUT from one page: the second is predicted with the first's preflight
    // in the model's cache (default Max-Age of 5 s), as the browser has it in its own.
    QSignalSpy reported(m_server.get(), &LiveServer::outcomeReported);
    const QString pageOrigin = m_server->pageUrl().adjusted(QUrl::RemovePath).toString();
    const QJsonObject fetch { { u"pageOrigin"_s, pageOrigin },
                              { u"url"_s,
                                QString(m_server->apiUrl().adjusted(QUrl::RemovePath).toString()
                                        + u"/c?tenant=strict-shop"_s) },
                              { u"method"_s, u"PUT"_s } };
    const QJsonObject result { { u"resolved"_s, true },
                               { u"type"_s, u"cors"_s },
                               { u"status"_s, 200 },
                               { u"headers"_s,
                                 QJsonArray { QJsonArray { u"content-length"_s, u"16"_s },
                                              QJsonArray { u"content-type"_s, u"application/json"_s } } } };
    for (int sequence = 1; sequence <= 2; ++sequence) {
        QCOMPARE(postToPage(u"/outcome"_s,
                            { { u"session"_s, u"s4"_s },
                              { u"sequence"_s, sequence },
                              { u"fetch"_s, fetch },
                              { u"result"_s, result } })
                     ->status,
                 200);
    }
    QCOMPARE(reported.size(), 2);
    QVERIFY(reported[0].first().value<LiveOutcome>().prediction->preflightSent());
    const auto second = reported[1].first().value<LiveOutcome>();
    QVERIFY(!second.prediction->preflightSent());
    QVERIFY(second.prediction->hops.first().preflightFromCache);
    // A fresh page in a fresh browser would preflight again.
    m_server->resetPredictions();
    FetchSpec spec;
    spec.pageOrigin = m_server->pageOrigin();
    spec.url = QUrl(fetch.value(u"url"_s).toString());
    spec.method = "PUT";
    QVERIFY(m_server->predict(spec, BrowserProfile::firefox()).preflightSent());
}

void tst_LiveServer::nonLoopbackNeedsExplicitChoice()
{
    LiveServer server;
    LiveServerOptions options;
    options.address = QHostAddress(QHostAddress::AnyIPv4);
    options.apiPort = 0;
    options.pagePort = 0;
    server.setOptions(options);
    QVERIFY(server.bindsBeyondLoopback());
    QVERIFY(!server.start());
    QVERIFY2(server.errorString().contains(u"not a loopback address"_s), qPrintable(server.errorString()));
    QVERIFY(!server.isRunning());
    // (Binding it with allowNonLoopback is left to people: tests stay on loopback.)

    options.address = QHostAddress(QHostAddress::LocalHostIPv6);
    server.setOptions(options);
    QVERIFY(!server.bindsBeyondLoopback());
}

void tst_LiveServer::portInUse()
{
    LiveServer second;
    LiveServerOptions options;
    options.apiPort = quint16(m_server->apiUrl().port());
    options.pagePort = 0;
    second.setOptions(options);
    QVERIFY(!second.start());
    QVERIFY2(second.errorString().contains(QString::number(options.apiPort)),
             qPrintable(second.errorString()));
    options.apiPort = options.pagePort = 4567;
    second.setOptions(options);
    QVERIFY(!second.start());
    QVERIFY(second.errorString().contains(u"two different ports"_s));
}

void tst_LiveServer::stopFromSlot()
{
    // The GUI may stop the server from a slot that a logged request runs.
    connect(m_server.get(), &LiveServer::requestLogged, m_server.get(), [this] { m_server->stop(); });
    HttpTestClient client(m_server->apiUrl().port());
    client.send(HttpTestClient::serialize(apiRequest("GET", u"/?tenant=strict-shop"_s)));
    QVERIFY(client.waitForClosed());
    QVERIFY(!m_server->isRunning());
    QTest::qWait(50); // the endpoints are deleted later: let that happen while the test watches
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
}

QTEST_GUILESS_MAIN(tst_LiveServer)
#include "tst_liveserver.moc"
