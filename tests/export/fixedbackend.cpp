#include "fixedbackend.h"

#include "model/httpmessage.h"

#include <QDeadlineTimer>
#include <QTcpServer>
#include <QTcpSocket>

namespace cors::test {

FixedBackend::FixedBackend(quint16 port)
    : m_port(port)
{ }

FixedBackend::~FixedBackend()
{
    m_stop = true;
    wait(10000);
}

bool FixedBackend::waitUntilListening()
{
    const QDeadlineTimer deadline(10000);
    while (m_listening == 0 && !deadline.hasExpired())
        QThread::msleep(10);
    return m_listening == 1;
}

void FixedBackend::run()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, m_port)) {
        m_listening = -1;
        return;
    }
    m_listening = 1;
    const HttpResponse response = HttpResponse::defaultBackend();
    while (!m_stop) {
        if (!server.waitForNewConnection(100))
            continue;
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            QByteArray request;
            const QDeadlineTimer deadline(5000);
            while (!request.contains("\r\n\r\n") && !deadline.hasExpired() && socket->waitForReadyRead(100))
                request += socket->readAll();
            const bool head = request.startsWith("HEAD ");
            QByteArray answer = "HTTP/1.1 200 OK\r\n";
            for (const auto &[name, value] : response.headers)
                answer += name + ": " + value + "\r\n";
            answer += "Content-Length: " + QByteArray::number(response.body.size())
                + "\r\nConnection: close\r\n\r\n";
            if (!head)
                answer += response.body;
            socket->write(answer);
            socket->waitForBytesWritten(5000);
            socket->disconnectFromHost();
            if (socket->state() != QAbstractSocket::UnconnectedState)
                socket->waitForDisconnected(1000);
            delete socket;
        }
    }
}

} // namespace cors::test
