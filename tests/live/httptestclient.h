#pragma once

// A client for the live server's tests: one real TCP connection on loopback that sends exactly the
// bytes it is given (any method, repeated headers, malformed lines, a byte at a time) and reads
// responses as they come, keep-alive included. It waits with QTest::qWaitFor, which keeps the
// event loop — and so the server under test, on the same thread — running.

#include "model/httpmessage.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>

#include <optional>

namespace cors::test {

struct RawResponse
{
    int status = 0;
    QByteArray statusLine; // "HTTP/1.1 204 No Content"
    HttpHeaders headers;
    QByteArray body;
};

class HttpTestClient
{
public:
    explicit HttpTestClient(quint16 port, const QHostAddress &address = QHostAddress(QHostAddress::LocalHost))
    {
        m_socket.connectToHost(address, port);
        // Whether it connected is what isConnected() says.
        [[maybe_unused]] const bool connected = QTest::qWaitFor(
            [this] {
                return m_socket.state() == QAbstractSocket::ConnectedState
                    || m_socket.state() == QAbstractSocket::UnconnectedState; // refused
            },
            5000);
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket,
                         [this] { m_buffer += m_socket.readAll(); });
    }

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }

    // The request as a browser would put it on the wire (Host first, then its headers in order).
    static QByteArray serialize(const HttpRequest &request)
    {
        QByteArray bytes = request.method + ' '
            + request.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority)
            + " HTTP/1.1\r\nHost: " + request.url.authority(QUrl::FullyEncoded).toLatin1() + "\r\n";
        for (const auto &[name, value] : request.headers)
            bytes += name + ": " + value + "\r\n";
        if (!request.body.isEmpty())
            bytes += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
        return bytes + "\r\n" + request.body;
    }

    // The next complete response, or nullopt when none arrives within `timeoutMs`. `head`: the
    // response to a HEAD request, whose Content-Length announces no body.
    std::optional<RawResponse> readResponse(int timeoutMs = 5000, bool head = false)
    {
        std::optional<RawResponse> response;
        [[maybe_unused]] const bool arrived =
            QTest::qWaitFor([&] { return (response = take(head)).has_value(); }, timeoutMs);
        return response;
    }

    // Everything received so far that no readResponse() took.
    QByteArray unread()
    {
        m_buffer += m_socket.readAll();
        return m_buffer;
    }

    // Whether the server closes the connection within `timeoutMs`.
    bool waitForClosed(int timeoutMs = 5000)
    {
        return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; },
                               timeoutMs);
    }

    QTcpSocket &socket() { return m_socket; }

private:
    std::optional<RawResponse> take(bool head)
    {
        m_buffer += m_socket.readAll();
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return std::nullopt;
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        RawResponse response;
        response.statusLine = lines.first().chopped(lines.first().endsWith('\r') ? 1 : 0);
        response.status = response.statusLine.mid(9, 3).toInt();
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            response.headers.append(line.left(colon), line.mid(colon + 1).trimmed());
        }
        if (!head && response.headers.contains("Content-Length"))
            length = response.headers.value("Content-Length").toLongLong();
        if (m_buffer.size() < end + 4 + length)
            return std::nullopt;
        response.body = m_buffer.mid(end + 4, length);
        m_buffer.remove(0, end + 4 + length);
        return response;
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

} // namespace cors::test
