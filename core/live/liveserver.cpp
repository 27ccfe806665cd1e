#include "liveserver.h"

#include "browser/browsersession.h"
#include "httpendpoint.h"
#include "httpwire.h"
#include "liveresponder.h"
#include "model/jsonobjectreader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaMethod>
#include <QNetworkInterface>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

// A fetch the page announced and never reported (the tab closed) is forgotten after this long.
constexpr qint64 kWindowLifetimeMs = 120000;
constexpr qsizetype kMaxWindows = 8;
constexpr qsizetype kMaxExchangesPerWindow = 16;

const QByteArray kContentType = QByteArrayLiteral("Content-Type");

HttpResponse textResponse(int status, const QString &text)
{
    HttpResponse response;
    response.status = status;
    response.headers.append(kContentType, QByteArrayLiteral("text/plain; charset=utf-8"));
    response.body = text.toUtf8() + '\n';
    return response;
}

HttpResponse jsonResponse(int status, const QJsonObject &object)
{
    HttpResponse response;
    response.status = status;
    response.headers.append(kContentType, QByteArrayLiteral("application/json"));
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

// The test console's files, served from the resources.
struct Asset
{
    const char *path;
    const char *resource;
    const char *type;
};
constexpr Asset kAssets[] = {
    { "/", ":/cors/live/console.html", "text/html; charset=utf-8" },
    { "/console.css", ":/cors/live/console.css", "text/css; charset=utf-8" },
    { "/console.js", ":/cors/live/console.js", "text/javascript; charset=utf-8" },
    { "/favicon.svg", ":/cors/live/favicon.svg", "image/svg+xml" },
};

QUrl originUrl(const QString &host, quint16 port)
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(host);
    url.setPort(port);
    url.setPath(u"/"_s);
    return url;
}

// Whether a Host header's host names this machine's loopback interface: "localhost" and its
// subdomains (which browsers resolve to loopback themselves), 127.0.0.0/8 and [::1].
bool isLoopbackHostName(const QString &host)
{
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0
        || host.endsWith(u".localhost", Qt::CaseInsensitive))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

LiveServer::LiveServer(QObject *parent)
    : QObject(parent)
    , m_api(std::make_shared<LiveApi>())
{
    for (const Asset &asset : kAssets) {
        QFile file(QString::fromLatin1(asset.resource));
        if (file.open(QIODevice::ReadOnly))
            m_assets.insert(QString::fromLatin1(asset.path), file.readAll());
    }
}

LiveServer::~LiveServer()
{
    // Quietly: nobody should hear from an object being destroyed.
    delete m_apiEndpoint;
    delete m_pageEndpoint;
}

void LiveServer::setOptions(const LiveServerOptions &options)
{
    m_options = options;
}

bool LiveServer::start()
{
    if (m_running)
        return true;
    m_error.clear();
    if (!m_options.isLoopback() && !m_options.allowNonLoopback) {
        m_error = u"%1 is not a loopback address: the live server would be reachable from other machines. "
                  "Allow it explicitly to bind it."_s.arg(m_options.address.toString());
        return false;
    }
    if (m_options.apiPort != 0 && m_options.apiPort == m_options.pagePort) {
        m_error =
            u"The API and the test page need two different ports (both are %1)."_s.arg(m_options.apiPort);
        return false;
    }
    m_apiEndpoint = new HttpEndpoint(u"api"_s, m_options.limits, this);
    m_pageEndpoint = new HttpEndpoint(u"page"_s, m_options.limits, this);
    m_apiEndpoint->setHandler(
        [this](const HttpRequest &request, const QString &peer) { return answerApi(request, peer); });
    m_pageEndpoint->setHandler(
        [this](const HttpRequest &request, const QString &) { return answerPage(request); });
    for (HttpEndpoint *endpoint : { m_apiEndpoint, m_pageEndpoint })
        connect(endpoint, &HttpEndpoint::requestRejected, this, &LiveServer::requestRejected);
    if (!listen(*m_apiEndpoint, m_options.apiPort) || !listen(*m_pageEndpoint, m_options.pagePort)) {
        delete m_apiEndpoint;
        delete m_pageEndpoint;
        m_apiEndpoint = m_pageEndpoint = nullptr;
        return false;
    }
    m_running = true;
    m_requestCount = 0;
    m_outcomeCount = 0;
    Q_EMIT runningChanged(true);
    return true;
}

bool LiveServer::listen(HttpEndpoint &endpoint, quint16 port)
{
    if (!endpoint.listen(m_options.address, port, &m_error))
        return false;
    // "localhost" may resolve to ::1 or to 127.0.0.1: serve both, on the same port.
    const QHostAddress address = m_options.address;
    const bool ipv4 = address == QHostAddress(QHostAddress::LocalHost);
    if (ipv4 || address == QHostAddress(QHostAddress::LocalHostIPv6)) {
        const QHostAddress other(ipv4 ? QHostAddress::LocalHostIPv6 : QHostAddress::LocalHost);
        QString error;
        QAbstractSocket::SocketError code = QAbstractSocket::UnknownSocketError;
        if (!endpoint.listen(other, endpoint.port(), &error, &code)
            && code == QAbstractSocket::AddressInUseError) {
            // Another program there would get the browser's requests to "localhost".
            m_error = error;
            return false;
        }
        // Any other failure: the machine has no such loopback; the one address is enough.
    }
    return true;
}

void LiveServer::stop()
{
    if (!m_running)
        return;
    for (HttpEndpoint *endpoint : { m_apiEndpoint, m_pageEndpoint }) {
        endpoint->close();
        endpoint->disconnect(this);
        endpoint->deleteLater();
    }
    m_apiEndpoint = m_pageEndpoint = nullptr;
    m_windows.clear();
    m_running = false;
    Q_EMIT runningChanged(false);
}

QString LiveServer::urlHost() const
{
    if (!m_options.hostName.isEmpty())
        return m_options.hostName;
    const QHostAddress &address = m_options.address;
    if (address.isLoopback())
        return u"localhost"_s;
    if (address == QHostAddress(QHostAddress::Any) || address == QHostAddress(QHostAddress::AnyIPv4)
        || address == QHostAddress(QHostAddress::AnyIPv6)) {
        for (const QHostAddress &candidate : QNetworkInterface::allAddresses()) {
            if (!candidate.isLoopback() && candidate.protocol() == QAbstractSocket::IPv4Protocol)
                return candidate.toString();
        }
        return u"localhost"_s;
    }
    return address.toString();
}

QUrl LiveServer::apiUrl() const
{
    return m_running ? originUrl(urlHost(), m_apiEndpoint->port()) : QUrl();
}

QUrl LiveServer::pageUrl() const
{
    return m_running ? originUrl(urlHost(), m_pageEndpoint->port()) : QUrl();
}

Origin LiveServer::pageOrigin() const
{
    return m_running ? Origin::ofUrl(pageUrl()) : Origin();
}

void LiveServer::updateApi(const std::function<void(LiveApi &)> &change)
{
    // A new value, never a change to the one a prediction may be holding.
    auto next = std::make_shared<LiveApi>(*m_api);
    change(*next);
    m_api = std::move(next);
}

void LiveServer::setTenants(const QList<Tenant> &tenants)
{
    updateApi([&](LiveApi &api) { api.setTenants(tenants); });
}

void LiveServer::setTenant(const Tenant &tenant)
{
    updateApi([&](LiveApi &api) { api.setTenant(tenant); });
}

void LiveServer::removeTenant(const QString &name)
{
    updateApi([&](LiveApi &api) { api.removeTenant(name); });
}

void LiveServer::setActiveTenant(const QString &name)
{
    updateApi([&](LiveApi &api) { api.setActiveTenant(name); });
}

bool LiveServer::setBackend(const QString &path, const HttpResponse &response, QString *problem)
{
    if (!LiveApi::isValidBackendPath(path, problem) || !LiveApi::isValidBackend(response, problem))
        return false;
    updateApi([&](LiveApi &api) { api.setBackend(path, response); });
    return true;
}

void LiveServer::removeBackend(const QString &path)
{
    updateApi([&](LiveApi &api) { api.removeBackend(path); });
}

bool LiveServer::setDefaultBackend(const HttpResponse &response, QString *problem)
{
    if (!LiveApi::isValidBackend(response, problem))
        return false;
    updateApi([&](LiveApi &api) { api.setDefaultBackend(response); });
    return true;
}

std::unique_ptr<Responder> LiveServer::responder() const
{
    const int port = m_running ? m_apiEndpoint->port() : m_options.apiPort;
    return std::make_unique<LiveResponder>(m_api, port);
}

Outcome LiveServer::predict(const FetchSpec &spec, const BrowserProfile &browser) const
{
    const auto answering = responder();
    return cors::fetch(spec, *answering, browser);
}

void LiveServer::resetPredictions()
{
    m_predictor.clear();
}

HttpResponse LiveServer::answerApi(const HttpRequest &request, const QString &peer)
{
    QElapsedTimer timer;
    timer.start();
    ++m_requestCount;
    LiveApi::Answer answer = m_api->answer(request);
    // The log entry costs copies; under load with nobody listening it is not made.
    static const QMetaMethod logged = QMetaMethod::fromSignal(&LiveServer::requestLogged);
    if (!isSignalConnected(logged) && m_windows.isEmpty())
        return answer.response;

    LiveExchange exchange;
    exchange.id = m_requestCount;
    exchange.time = QDateTime::currentDateTime();
    exchange.peer = peer;
    exchange.request = request;
    exchange.tenant = answer.tenant;
    exchange.tenantDetail = answer.tenantDetail;
    exchange.decision = std::move(answer.decision);
    exchange.response = HttpWire::framed(answer.response);
    exchange.durationMicroseconds = timer.nsecsElapsed() / 1000;
    for (Window &window : m_windows) {
        if (window.exchanges.size() < kMaxExchangesPerWindow)
            window.exchanges.append(exchange);
    }
    Q_EMIT requestLogged(exchange);
    return answer.response;
}

bool LiveServer::isPageHost(const QString &host) const
{
    // On another interface the user chose to be reachable by names this server cannot know.
    if (!m_options.isLoopback())
        return true;
    return isLoopbackHostName(host) || host.compare(m_options.hostName, Qt::CaseInsensitive) == 0;
}

HttpResponse LiveServer::answerPage(const HttpRequest &request)
{
    // A site whose name an attacker points at 127.0.0.1 after the page loaded (DNS rebinding)
    // would be same-origin with this page: it could read /config and post outcomes into the log.
    // Its requests carry its own name in Host, so on loopback only loopback names are answered.
    if (!isPageHost(request.url.host())) {
        return textResponse(
            421,
            u"421 Misdirected Request: the test console answers on loopback names only (localhost, "
            "127.0.0.1, [::1]%1), not \"%2\"."_s.arg(
                m_options.hostName.isEmpty() ? QString() : u" or %1"_s.arg(m_options.hostName),
                request.url.host()));
    }
    const QString path = request.url.path();
    const bool read = request.method == "GET" || request.method == "HEAD";
    const QString asset = path == u"/index.html" ? u"/"_s : path;
    if (read && m_assets.contains(asset)) {
        HttpResponse response;
        response.status = 200;
        const auto known = std::find_if(std::begin(kAssets), std::end(kAssets),
                                        [&](const Asset &a) { return asset == QLatin1String(a.path); });
        response.headers.append(kContentType, QByteArray(known->type));
        response.headers.append(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
        response.headers.append(QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff"));
        // Only the page's own files run; fetch() may go anywhere (a redirect to another origin
        // must fail for CORS reasons, not because of this policy).
        response.headers.append(
            QByteArrayLiteral("Content-Security-Policy"),
            QByteArrayLiteral("default-src 'self'; connect-src *; img-src 'self' data:; "
                              "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"));
        response.body = m_assets.value(asset);
        return response;
    }
    if (read && path == u"/config") {
        QJsonArray tenants;
        for (const Tenant &tenant : m_api->tenants()) {
            QJsonObject object { { u"name"_s, tenant.name },
                                 { u"description"_s, tenant.description },
                                 { u"profile"_s, profileName(tenant.profile) },
                                 { u"apiType"_s, apiTypeName(tenant.apiType) },
                                 { u"authentication"_s,
                                   Authentication::typeName(tenant.authentication.type) } };
            // The header a token goes in, never the token or a password: the page is a web page.
            if (tenant.authentication.type == Authentication::Type::Token)
                object.insert(u"tokenHeader"_s, tenant.authentication.header);
            tenants.append(object);
        }
        QJsonArray backends;
        for (auto it = m_api->backends().cbegin(); it != m_api->backends().cend(); ++it)
            backends.append(QJsonObject { { u"path"_s, it.key() }, { u"status"_s, it.value().status } });
        // The API on the host name this page was opened with, so that both stay on one site.
        QUrl apiOrigin = originUrl(request.url.host(), m_running ? m_apiEndpoint->port() : 0);
        apiOrigin.setPath(QString());
        const QString api = apiOrigin.toString();
        HttpResponse response =
            jsonResponse(200,
                         QJsonObject { { u"api"_s, api },
                                       { u"tenants"_s, tenants },
                                       { u"activeTenant"_s, m_api->activeTenant() },
                                       { u"backends"_s, backends },
                                       { u"models"_s, QJsonArray { u"chromium"_s, u"firefox"_s } },
                                       { u"maxBodyBytes"_s, qint64(m_options.limits.maxBodyBytes) } });
        response.headers.append(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
        return response;
    }
    if (request.method == "POST" && (path == u"/begin" || path == u"/outcome")) {
        // Only the test page itself may report: its Origin is this origin (as a browser sends it
        // on a same-origin POST). Another site's page cannot post fake outcomes into the log.
        const QByteArray origin = request.headers.value("Origin");
        if (origin != "http://" + request.url.authority(QUrl::FullyEncoded).toLatin1())
            return textResponse(403, u"403 Forbidden: outcomes are reported by the test page only."_s);
        return path == u"/begin" ? beginFetch(request) : reportOutcome(request);
    }
    if (read || request.method == "POST")
        return textResponse(404, u"404 Not Found: the test console is at /."_s);
    HttpResponse response = textResponse(405, u"405 Method Not Allowed"_s);
    response.headers.append(QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, HEAD, POST"));
    return response;
}

HttpResponse LiveServer::beginFetch(const HttpRequest &request)
{
    QJsonParseError error;
    const QJsonObject object = QJsonDocument::fromJson(request.body, &error).object();
    if (error.error != QJsonParseError::NoError)
        return textResponse(400, u"400 Bad Request: "_s + error.errorString());
    // Forget what was never reported, and make room.
    m_windows.removeIf([](const Window &window) { return window.age.elapsed() > kWindowLifetimeMs; });
    if (m_windows.size() >= kMaxWindows)
        m_windows.removeFirst();
    Window window;
    window.session = object.value(u"session").toString().left(64);
    window.sequence = object.value(u"sequence").toInt();
    window.age.start();
    m_windows.append(window);
    return { 204, {}, {} };
}

HttpResponse LiveServer::reportOutcome(const HttpRequest &request)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError)
        return textResponse(400, u"400 Bad Request: "_s + error.errorString());
    JsonProblems problems;
    std::optional<LiveOutcome> report = LiveOutcome::fromReport(document.object(), &problems);
    if (!report) {
        QStringList lines;
        for (const JsonProblem &problem : problems)
            lines.append(problem.toString());
        return textResponse(400, u"400 Bad Request: "_s + lines.join(u"; "));
    }
    LiveOutcome &outcome = *report;
    outcome.id = ++m_outcomeCount;
    outcome.time = QDateTime::currentDateTime();
    outcome.userAgent = QString::fromLatin1(request.headers.value("User-Agent"));
    // The page's origin as the browser itself stated it, rather than as the page wrote it.
    if (const auto origin = Origin::parse(QByteArrayView(request.headers.value("Origin"))))
        outcome.fetch.pageOrigin = *origin;
    if (outcome.fetch.pageUrl.isValid() && Origin::ofUrl(outcome.fetch.pageUrl) != outcome.fetch.pageOrigin)
        outcome.fetch.pageUrl = QUrl();

    for (qsizetype i = 0; i < m_windows.size(); ++i) {
        if (m_windows[i].session == outcome.pageSession && m_windows[i].sequence == outcome.sequence) {
            outcome.wireObserved = true;
            outcome.exchanges = m_windows.takeAt(i).exchanges;
            break;
        }
    }

    const auto browser = LiveOutcome::browserOf(outcome.userAgent);
    if (browser) {
        outcome.browser = browser->name();
        LiveResponder responder(m_api, m_running ? m_apiEndpoint->port() : 0);
        outcome.prediction =
            m_predictor.predict(outcome.userAgent + u' ' + outcome.fetch.pageOrigin.serialize(), *browser,
                                outcome.fetch, responder);
        QList<HttpRequest> wire;
        for (const LiveExchange &exchange : std::as_const(outcome.exchanges))
            wire.append(exchange.request);
        outcome.differences = LiveOutcome::compare(outcome.observed, outcome.wireObserved ? &wire : nullptr,
                                                   *outcome.prediction);
    } else {
        outcome.predictionNote =
            u"CORS Studio models Chromium and Firefox; this browser is neither (User-Agent: %1)."_s.arg(
                outcome.userAgent);
    }
    const QJsonObject json = outcome.toJson();
    Q_EMIT outcomeReported(outcome);
    return jsonResponse(200, json);
}

} // namespace cors
