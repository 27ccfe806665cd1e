#include "httpendpoint.h"

#include "httprequestparser.h"
#include "httpwire.h"

#include <QDateTime>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

QString peerOf(const QTcpSocket *socket)
{
    const QHostAddress address = socket->peerAddress();
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? u"["_s + address.toString() + u"]"_s
        : address.toString();
    return host + u':' + QString::number(socket->peerPort());
}

// What a request can take at most in the parser's buffer: anything beyond is refused by the
// parser before it gets there.
qsizetype maxRequestBytes(const HttpLimits &limits)
{
    return limits.maxRequestLine + limits.maxHeaderBytes + limits.maxBodyBytes + 16;
}

} // namespace

// One client connection: its socket, the parser that holds what it sent so far, and the one
// timer that bounds whatever it is waiting for.
class HttpEndpoint::Connection : public QObject
{
public:
    Connection(QTcpSocket *s, const HttpLimits &limits, const QByteArray &defaultAuthority, QObject *parent)
        : QObject(parent)
        , socket(s)
        , parser(limits, defaultAuthority)
        , peer(peerOf(s))
    {
        socket->setParent(this);
        timer.setSingleShot(true);
    }

    QTcpSocket *socket;
    HttpRequestParser parser;
    QTimer timer;
    QString peer;
    HttpEndpoint::Wait wait = HttpEndpoint::Wait::Idle;
    bool closing = false;
};

HttpEndpoint::HttpEndpoint(QString name, HttpLimits limits, QObject *parent)
    : QObject(parent)
    , m_name(std::move(name))
    , m_limits(limits)
{ }

HttpEndpoint::~HttpEndpoint()
{
    close();
}

void HttpEndpoint::setHandler(Handler handler)
{
    m_handler = std::move(handler);
}

bool HttpEndpoint::listen(const QHostAddress &address, quint16 port, QString *error,
                          QAbstractSocket::SocketError *code)
{
    auto server = std::make_unique<QTcpServer>();
    if (!server->listen(address, port)) {
        *error =
            u"Cannot listen on %1 port %2: %3"_s.arg(address.toString()).arg(port).arg(server->errorString());
        if (code)
            *code = server->serverError();
        return false;
    }
    QTcpServer *raw = server.get();
    connect(raw, &QTcpServer::newConnection, this, [this, raw] { accept(raw); });
    if (m_servers.empty())
        m_defaultAuthority =
            (address.protocol() == QAbstractSocket::IPv6Protocol ? u"["_s + address.toString() + u"]"_s
                                                                 : address.toString())
                .toLatin1()
            + ':' + QByteArray::number(raw->serverPort());
    m_servers.push_back(std::move(server));
    return true;
}

void HttpEndpoint::close()
{
    m_servers.clear();
    const QList<Connection *> connections = m_connections;
    for (Connection *connection : connections) {
        connection->socket->abort();
        retire(connection);
    }
}

quint16 HttpEndpoint::port() const
{
    return m_servers.empty() ? 0 : m_servers.front()->serverPort();
}

int HttpEndpoint::connectionCount() const
{
    return int(m_connections.size());
}

void HttpEndpoint::accept(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        if (m_connections.size() >= m_limits.maxConnections) {
            // Answered without reading: the client learns why instead of seeing a reset.
            const QString peer = peerOf(socket);
            HttpResponse busy;
            busy.status = 503;
            busy.headers.append(QByteArrayLiteral("Content-Type"),
                                QByteArrayLiteral("text/plain; charset=utf-8"));
            busy.headers.append(QByteArrayLiteral("Connection"), QByteArrayLiteral("close"));
            busy.body = QByteArrayLiteral("503 Service Unavailable: too many open connections.\n");
            socket->write(HttpWire::serialize(HttpWire::framed(busy), true));
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            // A client that never reads the answer does not keep the socket either.
            QTimer::singleShot(m_limits.idleTimeout, socket, [socket] { socket->abort(); });
            Q_EMIT requestRejected({ QDateTime::currentDateTime(), m_name, peer, 503,
                                     u"More than %1 open connections."_s.arg(m_limits.maxConnections) });
            continue;
        }
        auto *connection = new Connection(socket, m_limits, m_defaultAuthority, this);
        // Bounded: the socket stops reading from the network when this much is buffered, so a
        // client that sends faster than it is served fills its own TCP window, not our memory.
        socket->setReadBufferSize(maxRequestBytes(m_limits));
        m_connections.append(connection);
        connect(socket, &QTcpSocket::readyRead, connection, [this, connection] { serve(connection); });
        connect(socket, &QTcpSocket::bytesWritten, connection, [this, connection] {
            if (connection->wait == Wait::Output)
                serve(connection);
        });
        connect(socket, &QTcpSocket::disconnected, connection, [this, connection] { retire(connection); });
        connect(&connection->timer, &QTimer::timeout, connection,
                [this, connection] { timeout(connection); });
        arm(connection, Wait::Idle);
        if (socket->bytesAvailable() > 0)
            serve(connection);
    }
}

void HttpEndpoint::serve(Connection *connection)
{
    // The handler may run anything (the GUI's slots, stop()): keep track of whether this
    // connection survives it.
    QPointer<Connection> alive(connection);
    const qsizetype capacity = maxRequestBytes(m_limits);
    while (alive && !connection->closing) {
        QTcpSocket *socket = connection->socket;
        if (socket->bytesToWrite() > m_limits.maxPendingOutput) {
            // Pipelined requests wait until the client reads what it was sent.
            arm(connection, Wait::Output);
            return;
        }
        const qsizetype room = capacity - connection->parser.buffered();
        if (room > 0 && socket->bytesAvailable() > 0)
            connection->parser.append(socket->read(room));
        switch (connection->parser.parse()) {
        case HttpRequestParser::Status::Complete:
            respond(connection, connection->parser.takeRequest());
            continue;
        case HttpRequestParser::Status::Failed:
            reject(connection, connection->parser.failureStatus(), connection->parser.failureReason());
            return;
        case HttpRequestParser::Status::Incomplete:
            if (connection->parser.awaitsContinue()) {
                socket->write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
                connection->parser.setContinueSent();
            }
            if (socket->bytesAvailable() > 0 && room > 0)
                continue;
            arm(connection, connection->parser.hasPartialRequest() ? Wait::Request : Wait::Idle);
            return;
        }
    }
}

void HttpEndpoint::respond(Connection *connection, const HttpRequest &request)
{
    const bool keepAlive = connection->parser.keepAlive();
    QPointer<Connection> alive(connection);
    HttpResponse response = m_handler ? m_handler(request, connection->peer) : HttpResponse { 404, {}, {} };
    if (!alive || connection->closing)
        return; // closed meanwhile (the server was stopped from a slot the handler ran)
    QString problem;
    if (!HttpWire::isSendable(response, &problem)) {
        // Never write bytes that would make a different message than the one decided on.
        HttpResponse error;
        error.status = 500;
        error.headers.append(QByteArrayLiteral("Content-Type"),
                             QByteArrayLiteral("text/plain; charset=utf-8"));
        error.body =
            (u"500 Internal Server Error: the response cannot be sent as configured. "_s + problem + u'\n')
                .toUtf8();
        response = error;
    }
    const HttpResponse framed = HttpWire::framed(response);
    connection->socket->write(HttpWire::serialize(framed, HttpWire::hasBody(request.method, framed.status)));
    if (!keepAlive) {
        connection->closing = true;
        connection->socket->disconnectFromHost();
        if (alive && connection->socket->state() != QAbstractSocket::UnconnectedState)
            arm(connection, Wait::Output);
    }
}

void HttpEndpoint::reject(Connection *connection, int status, const QString &reason)
{
    HttpResponse response;
    response.status = status;
    response.headers.append(QByteArrayLiteral("Content-Type"),
                            QByteArrayLiteral("text/plain; charset=utf-8"));
    response.headers.append(QByteArrayLiteral("Connection"), QByteArrayLiteral("close"));
    response.body =
        QByteArray::number(status) + ' ' + HttpWire::reasonPhrase(status) + ": " + reason.toUtf8() + '\n';
    connection->closing = true;
    connection->socket->write(HttpWire::serialize(HttpWire::framed(response), true));
    const HttpRejection rejection { QDateTime::currentDateTime(), m_name, connection->peer, status, reason };
    QPointer<Connection> alive(connection);
    connection->socket->disconnectFromHost();
    if (alive && connection->socket->state() != QAbstractSocket::UnconnectedState)
        arm(connection, Wait::Output);
    Q_EMIT requestRejected(rejection);
}

void HttpEndpoint::arm(Connection *connection, Wait wait)
{
    // A request's clock starts with its first byte and is not reset by more bytes (slowloris);
    // waiting for the next request or for the client to read restarts it.
    if (wait == Wait::Request && connection->wait == Wait::Request && connection->timer.isActive())
        return;
    connection->wait = wait;
    connection->timer.start(wait == Wait::Request ? m_limits.requestTimeout : m_limits.idleTimeout);
}

void HttpEndpoint::timeout(Connection *connection)
{
    if (connection->closing || connection->wait == Wait::Output) {
        // The client does not take what it was sent.
        if (!connection->closing)
            Q_EMIT requestRejected({ QDateTime::currentDateTime(), m_name, connection->peer, 0,
                                     u"The client did not read its responses for %1 s."_s.arg(
                                         m_limits.idleTimeout.count() / 1000.0) });
        connection->socket->abort();
        return;
    }
    if (connection->wait == Wait::Request) {
        reject(connection, 408,
               u"The request did not arrive complete within %1 s."_s.arg(m_limits.requestTimeout.count()
                                                                         / 1000.0));
        return;
    }
    // An idle keep-alive connection: nothing to say.
    connection->closing = true;
    QPointer<Connection> alive(connection);
    connection->socket->disconnectFromHost();
    if (alive && connection->socket->state() != QAbstractSocket::UnconnectedState)
        arm(connection, Wait::Output);
}

void HttpEndpoint::retire(Connection *connection)
{
    if (!m_connections.removeOne(connection))
        return;
    connection->timer.stop();
    connection->closing = true;
    connection->deleteLater();
}

} // namespace cors
