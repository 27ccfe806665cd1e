#include "rawhttpclient.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace cors::test {

std::optional<HttpResponse> RawHttpClient::exchange(quint16 port, const HttpRequest &request, QString *error)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000)) {
        *error = u"cannot connect to 127.0.0.1:%1: %2"_s.arg(port).arg(socket.errorString());
        return std::nullopt;
    }
    QByteArray path = request.url.path(QUrl::FullyEncoded).toLatin1();
    if (path.isEmpty())
        path = "/";
    if (request.url.hasQuery())
        path += '?' + request.url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray out =
        request.method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    for (const auto &[name, value] : request.headers)
        out += name + ": " + value + "\r\n";
    out += "Connection: close\r\n";
    if (!request.body.isEmpty())
        out += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    out += "\r\n" + request.body;
    socket.write(out);

    // Bounded: the whole answer within 10 s, or the exchange fails.
    QByteArray in;
    const QDeadlineTimer deadline(10000);
    while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        if (socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            in += socket.readAll();
    }
    in += socket.readAll();
    if (deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState) {
        *error = u"no complete answer within 10 s (%1 bytes so far)"_s.arg(in.size());
        return std::nullopt;
    }

    const qsizetype end = in.indexOf("\r\n\r\n");
    if (!in.startsWith("HTTP/1.") || end < 0) {
        *error = u"not an HTTP answer: %1"_s.arg(QString::fromLatin1(in.left(200)));
        return std::nullopt;
    }
    HttpResponse response;
    const QList<QByteArray> lines = in.first(end).split('\n');
    response.status = lines.first().split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            response.headers.append(line.first(colon), line.sliced(colon + 1).trimmed());
    }
    response.body = in.sliced(end + 4);
    return response;
}

} // namespace cors::test
