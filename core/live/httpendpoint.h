#pragma once

#include "httplimits.h"
#include "httprejection.h"
#include "model/httpmessage.h"

#include <QAbstractSocket>
#include <QHostAddress>
#include <QObject>

#include <functional>
#include <memory>
#include <vector>

class QTcpServer;

namespace cors {

// One HTTP/1.1 origin of the live server: listening sockets on one port, keep-alive connections,
// requests parsed by HttpRequestParser and handed to a handler, whose response goes on the wire
// exactly as returned (HttpWire). It owns no CORS logic; it keeps itself alive: every connection
// is bounded in size and time by HttpLimits, a request it cannot accept is answered with the
// fitting 4xx/5xx and the connection closed, and it goes on serving everyone else.
//
// Written on QTcpServer rather than QHttpServer: see HttpRequestParser for what Qt 6.4's
// QHttpServer loses of a request, and it has no limits or timeouts to set.
class HttpEndpoint : public QObject
{
    Q_OBJECT

public:
    // Answers one request. `peer` is "address:port" of the client.
    using Handler = std::function<HttpResponse(const HttpRequest &request, const QString &peer)>;

    // `name` ("api", "page") labels rejections.
    explicit HttpEndpoint(QString name, HttpLimits limits = {}, QObject *parent = nullptr);
    ~HttpEndpoint() override;

    void setHandler(Handler handler);
    const HttpLimits &limits() const { return m_limits; }

    // Adds a listening socket on `address`; `port` 0 picks a free one. Call again with port() to
    // serve the same port on another address (127.0.0.1 and ::1).
    bool listen(const QHostAddress &address, quint16 port, QString *error,
                QAbstractSocket::SocketError *code = nullptr);
    // Stops listening and closes every connection at once.
    void close();
    bool isListening() const { return !m_servers.empty(); }
    quint16 port() const;
    int connectionCount() const;

Q_SIGNALS:
    void requestRejected(const cors::HttpRejection &rejection);

private:
    class Connection;
    enum class Wait { Idle, Request, Output };

    void accept(QTcpServer *server);
    void serve(Connection *connection);
    void respond(Connection *connection, const HttpRequest &request);
    void reject(Connection *connection, int status, const QString &reason);
    void arm(Connection *connection, Wait wait);
    void timeout(Connection *connection);
    void retire(Connection *connection);

    QString m_name;
    HttpLimits m_limits;
    QByteArray m_defaultAuthority;
    Handler m_handler;
    std::vector<std::unique_ptr<QTcpServer>> m_servers;
    QList<Connection *> m_connections;
};

} // namespace cors
