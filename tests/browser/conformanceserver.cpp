#include "conformanceserver.h"

#include "browser/fetchrequest.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace cors::conformance {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 299:
        return "Success";
    case 300:
        return "Multiple Choices";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 500:
        return "Internal Server Error";
    default:
        return "Status";
    }
}

// "/s/12" and "/s/12/..." belong to scenario 12.
int scenarioOf(const QString &path)
{
    if (!path.startsWith(u"/s/"))
        return -1;
    const QStringView rest = QStringView(path).sliced(3);
    const qsizetype slash = rest.indexOf(u'/');
    bool ok = false;
    const int index = (slash < 0 ? rest : rest.first(slash)).toInt(&ok);
    return ok ? index : -1;
}

} // namespace

ConformanceServer::ConformanceServer(QObject *parent)
    : QObject(parent)
{
    for (QTcpServer &server : m_servers)
        connect(&server, &QTcpServer::newConnection, this, [this, &server] { accept(&server); });
}

ConformanceServer::~ConformanceServer() = default;

bool ConformanceServer::listen(QString *error)
{
    // Loopback only: nothing here is reachable from another machine.
    for (QTcpServer &server : m_servers) {
        if (!server.listen(QHostAddress::LocalHost, 0)) {
            *error = server.errorString();
            return false;
        }
    }
    return true;
}

QString ConformanceServer::origin(Origin which) const
{
    return u"http://127.0.0.1:%1"_s.arg(m_servers[size_t(which)].serverPort());
}

void ConformanceServer::setPage(const QByteArray &html)
{
    m_page = html;
}

void ConformanceServer::setPlan(const QList<QJsonObject> &batches)
{
    m_plan = batches;
}

void ConformanceServer::setResponder(int scenario, std::shared_ptr<Responder> responder)
{
    m_responders.insert(scenario, std::move(responder));
}

HttpResponse ConformanceServer::wireResponse(const HttpResponse &response)
{
    HttpResponse wire = response;
    if (!wire.headers.contains("Content-Length"))
        wire.headers.append(QByteArrayLiteral("Content-Length"), QByteArray::number(wire.body.size()));
    return wire;
}

void ConformanceServer::resetBatch()
{
    m_done = false;
    m_doneTime = 0;
    m_currentStep.clear();
}

void ConformanceServer::accept(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readFrom(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void ConformanceServer::readFrom(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() != 3) {
            socket->abort();
            return;
        }
        HttpRequest request;
        request.method = requestLine[0];
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed();
            const QByteArray value = line.mid(colon + 1).trimmed();
            request.headers.append(name, value);
            if (HttpHeaders::nameEquals(name, "Content-Length"))
                length = value.toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            return;
        request.body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        const int port = socket->localPort();
        request.url = QUrl(u"http://127.0.0.1:%1"_s.arg(port) + QString::fromLatin1(requestLine[1]));
        handle(socket, port, request);
        if (socket->state() != QAbstractSocket::ConnectedState)
            return;
    }
}

void ConformanceServer::handle(QTcpSocket *socket, int port, const HttpRequest &request)
{
    const QString path = request.url.path();
    const bool head = request.method == "HEAD";
    const bool close = request.headers.value("Connection").compare("close", Qt::CaseInsensitive) == 0;
    HttpResponse response;
    response.status = 204;

    if (const int scenario = scenarioOf(path); scenario >= 0) {
        m_received.append({ QDateTime::currentMSecsSinceEpoch(), m_currentStep, scenario, request });
        const auto responder = m_responders.value(scenario);
        Trace ignored;
        const auto answer = responder ? responder->respond(request, ignored) : std::nullopt;
        if (!answer) {
            socket->abort(); // nothing answers: the browser sees a network error
            return;
        }
        send(socket, wireResponse(*answer), head, close);
        return;
    }

    const bool page = port == m_servers[size_t(Origin::Page)].serverPort();
    const QUrlQuery query(request.url);
    if (page && request.method == "GET" && path == u"/") {
        response.status = 200;
        response.headers.append(QByteArrayLiteral("Content-Type"),
                                QByteArrayLiteral("text/html; charset=utf-8"));
        response.headers.append(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
        response.body = m_page;
    } else if (page && request.method == "GET" && path == u"/plan") {
        const int batch = query.queryItemValue(u"batch"_s).toInt();
        response.status = 200;
        response.headers.append(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
        response.headers.append(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
        response.body = QJsonDocument(m_plan.value(batch)).toJson(QJsonDocument::Compact);
    } else if (page && request.method == "POST" && path == u"/begin") {
        m_currentStep = query.queryItemValue(u"step"_s);
        m_begins.insert(m_currentStep, QDateTime::currentMSecsSinceEpoch());
    } else if (page && request.method == "POST" && path == u"/result") {
        m_results.insert(query.queryItemValue(u"step"_s), QJsonDocument::fromJson(request.body).object());
    } else if (page && request.method == "POST" && path == u"/done") {
        m_done = true;
        m_doneTime = QDateTime::currentMSecsSinceEpoch();
        m_currentStep.clear();
    } else if (page && request.method == "GET" && path == u"/warmup-status") {
        const QString url =
            FetchRequest::serializeUrl(QUrl(query.queryItemValue(u"url"_s, QUrl::FullyDecoded)));
        response.status = 200;
        response.headers.append(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
        response.body = QJsonDocument(QJsonObject { { u"preflights"_s, m_warmupPreflights.value(url) } })
                            .toJson(QJsonDocument::Compact);
    } else if (!page && path.startsWith(u"/warmup")) {
        // The warm-up allows everything the page sends it, with credentials.
        const QByteArray origin = request.headers.value("Origin");
        if (Responder::isPreflight(request))
            ++m_warmupPreflights[FetchRequest::serializeUrl(request.url)];
        response.status = 204;
        if (!origin.isEmpty()) {
            response.headers.append(QByteArrayLiteral("Access-Control-Allow-Origin"), origin);
            response.headers.append(QByteArrayLiteral("Access-Control-Allow-Credentials"),
                                    QByteArrayLiteral("true"));
            response.headers.append(QByteArrayLiteral("Access-Control-Allow-Methods"),
                                    QByteArrayLiteral("PUT"));
            response.headers.append(QByteArrayLiteral("Access-Control-Max-Age"), QByteArrayLiteral("60"));
        }
    } else {
        response.status = 404;
    }
    send(socket, wireResponse(response), head, close);
}

void ConformanceServer::send(QTcpSocket *socket, const HttpResponse &response, bool head, bool close)
{
    QByteArray bytes =
        "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    for (const auto &[name, value] : response.headers)
        bytes += name + ": " + value + "\r\n";
    bytes += "\r\n";
    if (!head)
        bytes += response.body;
    socket->write(bytes);
    if (close)
        socket->disconnectFromHost();
}

WireResponder::WireResponder(std::shared_ptr<Responder> inner)
    : m_inner(std::move(inner))
{ }

std::optional<HttpResponse> WireResponder::respond(const HttpRequest &request, Trace &trace)
{
    const auto response = m_inner->respond(request, trace);
    if (!response)
        return std::nullopt;
    return ConformanceServer::wireResponse(*response);
}

} // namespace cors::conformance
