// HttpEndpoint over real sockets on loopback: responses go out byte for byte as the handler made
// them; keep-alive and pipelining work; garbage, oversized, slow and too many clients are answered
// or dropped within the limits, and the endpoint keeps serving everyone else.

#include "httptestclient.h"
#include "live/httpendpoint.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace cors;
using namespace cors::test;

namespace {

// Limits small enough to reach in a test, timeouts short enough to wait for.
HttpLimits testLimits()
{
    HttpLimits limits;
    limits.maxRequestLine = 1024;
    limits.maxHeaderBytes = 4096;
    limits.maxHeaderFields = 32;
    limits.maxBodyBytes = 8192;
    limits.requestTimeout = std::chrono::milliseconds(400);
    limits.idleTimeout = std::chrono::milliseconds(600);
    limits.maxConnections = 4;
    return limits;
}

} // namespace

class tst_HttpEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void exactResponse();
    void framing_data();
    void framing();
    void keepAliveAndPipelining();
    void connectionClose();
    void ipv6AndIpv4OnOnePort();
    void malformedThenStillServing();
    void oversizedHeaders();
    void oversizedBody();
    void slowloris();
    void idleConnectionClosed();
    void tooManyConnections();
    void expectContinue();
    void unsendableResponse();

private:
    std::unique_ptr<HttpEndpoint> m_endpoint;
    HttpResponse m_response;
    QList<HttpRequest> m_requests;
};

void tst_HttpEndpoint::init()
{
    m_endpoint = std::make_unique<HttpEndpoint>(u"api"_s, testLimits());
    m_requests.clear();
    m_response = HttpResponse { 200, { { "Content-Type", "text/plain" } }, "hello" };
    m_endpoint->setHandler([this](const HttpRequest &request, const QString &) {
        m_requests.append(request);
        return m_response;
    });
    QString error;
    QVERIFY2(m_endpoint->listen(QHostAddress(QHostAddress::LocalHost), 0, &error), qPrintable(error));
}

void tst_HttpEndpoint::cleanup()
{
    m_endpoint.reset();
}

void tst_HttpEndpoint::exactResponse()
{
    // The handler's status, header order, spelling and repeats, untouched; Content-Length added
    // last because the response has none.
    m_response = HttpResponse { 299,
                                { { "access-control-allow-origin", "http://a.example" },
                                  { "Vary", "Origin" },
                                  { "X-Twice", "1" },
                                  { "X-Twice", "2" } },
                                "body" };
    HttpTestClient client(m_endpoint->port());
    client.send("GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QTRY_COMPARE(client.unread(),
                 "HTTP/1.1 299 \r\naccess-control-allow-origin: http://a.example\r\nVary: Origin\r\n"
                 "X-Twice: 1\r\nX-Twice: 2\r\nContent-Length: 4\r\n\r\nbody"_ba);
}

void tst_HttpEndpoint::framing_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("GET 200")
        << "GET"_ba << 200
        << "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"_ba;
    QTest::newRow("HEAD: Content-Length of the body, no body")
        << "HEAD"_ba << 200 << "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n"_ba;
    QTest::newRow("204: neither") << "OPTIONS"_ba << 204
                                  << "HTTP/1.1 204 No Content\r\nContent-Type: text/plain\r\n\r\n"_ba;
    QTest::newRow("304: neither") << "GET"_ba << 304
                                  << "HTTP/1.1 304 Not Modified\r\nContent-Type: text/plain\r\n\r\n"_ba;
}

void tst_HttpEndpoint::framing()
{
    QFETCH(QByteArray, method);
    QFETCH(int, status);
    QFETCH(QByteArray, expected);
    m_response.status = status;
    HttpTestClient client(m_endpoint->port());
    client.send(method + " / HTTP/1.1\r\nHost: h\r\n\r\n");
    QTRY_COMPARE(client.unread(), expected);
}

void tst_HttpEndpoint::keepAliveAndPipelining()
{
    HttpTestClient client(m_endpoint->port());
    client.send("GET /1 HTTP/1.1\r\nHost: h\r\n\r\n");
    QVERIFY(client.readResponse());
    // Three more, in one write.
    client.send("GET /2 HTTP/1.1\r\nHost: h\r\n\r\nPUT /3 HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nx"
                "patch /4 HTTP/1.1\r\nHost: h\r\n\r\n");
    for (int i = 0; i < 3; ++i)
        QVERIFY(client.readResponse());
    QCOMPARE(m_requests.size(), 4);
    QCOMPARE(m_requests[2].body, "x"_ba);
    QCOMPARE(m_requests[3].method, "patch"_ba);
    QVERIFY(client.isConnected());
    QCOMPARE(m_endpoint->connectionCount(), 1);
}

void tst_HttpEndpoint::connectionClose()
{
    HttpTestClient client(m_endpoint->port());
    client.send("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
    QVERIFY(client.readResponse());
    QVERIFY(client.waitForClosed());
    QTRY_COMPARE(m_endpoint->connectionCount(), 0);
}

void tst_HttpEndpoint::ipv6AndIpv4OnOnePort()
{
    QString error;
    if (!m_endpoint->listen(QHostAddress(QHostAddress::LocalHostIPv6), m_endpoint->port(), &error))
        QSKIP(qPrintable(u"no IPv6 loopback here: "_s + error));
    HttpTestClient v6(m_endpoint->port(), QHostAddress(QHostAddress::LocalHostIPv6));
    v6.send("GET /v6 HTTP/1.1\r\nHost: [::1]\r\n\r\n");
    QVERIFY(v6.readResponse());
    QCOMPARE(m_requests.last().url, QUrl(u"http://[::1]/v6"_s));
}

void tst_HttpEndpoint::malformedThenStillServing()
{
    QSignalSpy rejected(m_endpoint.get(), &HttpEndpoint::requestRejected);
    const QList<QByteArray> garbage = {
        "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"_ba, // a TLS ClientHello on the plain port
        "GET\r\n\r\n"_ba,
        "GET / HTTP/1.1\r\nHost: h\r\nBad Header: x\r\n\r\n"_ba,
        "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"_ba,
    };
    for (const QByteArray &bytes : garbage) {
        HttpTestClient client(m_endpoint->port());
        client.send(bytes);
        const auto response = client.readResponse();
        QVERIFY2(response, bytes.constData());
        QVERIFY2(response->status == 400 || response->status == 505, response->statusLine.constData());
        QCOMPARE(response->headers.value("Connection"), "close"_ba);
        QVERIFY(client.waitForClosed());
    }
    QCOMPARE(rejected.size(), garbage.size());
    QCOMPARE(m_requests.size(), 0);
    HttpTestClient good(m_endpoint->port());
    good.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    const auto response = good.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
}

void tst_HttpEndpoint::oversizedHeaders()
{
    QSignalSpy rejected(m_endpoint.get(), &HttpEndpoint::requestRejected);
    HttpTestClient client(m_endpoint->port());
    // Far more than the limit, without ever ending the header block.
    client.send("GET / HTTP/1.1\r\nHost: h\r\n");
    for (int i = 0; i < 64 && client.isConnected(); ++i)
        client.send("X-Filler: " + QByteArray(512, 'x') + "\r\n");
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 431);
    QVERIFY(client.waitForClosed());
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.first().first().value<HttpRejection>().status, 431);
}

void tst_HttpEndpoint::oversizedBody()
{
    HttpTestClient client(m_endpoint->port());
    client.send("PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 100000\r\n\r\n");
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 413);
    QVERIFY(client.waitForClosed());
}

void tst_HttpEndpoint::slowloris()
{
    // A header a byte every 50 ms never completes: the request's clock runs from its first byte
    // (400 ms here), however steadily the bytes come, and another client is served meanwhile.
    QSignalSpy rejected(m_endpoint.get(), &HttpEndpoint::requestRejected);
    HttpTestClient slow(m_endpoint->port());
    QElapsedTimer timer;
    timer.start();
    const QByteArray trickle = "GET / HTTP/1.1\r\nHost: h\r\nX-Slow: " + QByteArray(200, 's');
    qsizetype sent = 0;
    while (slow.isConnected() && sent < trickle.size() && timer.elapsed() < 5000) {
        slow.send(trickle.mid(sent++, 1));
        QTest::qWait(50);
        if (sent == 3) {
            HttpTestClient other(m_endpoint->port());
            other.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
            QVERIFY(other.readResponse());
        }
    }
    QVERIFY(slow.waitForClosed(2000));
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(slow.unread().startsWith("HTTP/1.1 408 Request Timeout\r\n"));
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.first().first().value<HttpRejection>().status, 408);
}

void tst_HttpEndpoint::idleConnectionClosed()
{
    HttpTestClient client(m_endpoint->port());
    client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    QVERIFY(client.readResponse());
    QVERIFY(client.waitForClosed(3000));
    QCOMPARE(client.unread(), QByteArray()); // closed quietly: nothing to answer
}

void tst_HttpEndpoint::tooManyConnections()
{
    QSignalSpy rejected(m_endpoint.get(), &HttpEndpoint::requestRejected);
    std::vector<std::unique_ptr<HttpTestClient>> clients;
    for (int i = 0; i < 4; ++i)
        clients.push_back(std::make_unique<HttpTestClient>(m_endpoint->port()));
    QTRY_COMPARE(m_endpoint->connectionCount(), 4);
    HttpTestClient fifth(m_endpoint->port());
    const auto response = fifth.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 503);
    QVERIFY(fifth.waitForClosed());
    QCOMPARE(rejected.size(), 1);
    // The four are still served.
    clients.front()->send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    QVERIFY(clients.front()->readResponse());
}

void tst_HttpEndpoint::expectContinue()
{
    HttpTestClient client(m_endpoint->port());
    client.send("PUT / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
    const auto interim = client.readResponse();
    QVERIFY(interim);
    QCOMPARE(interim->statusLine, "HTTP/1.1 100 Continue"_ba);
    client.send("data");
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(m_requests.last().body, "data"_ba);
}

void tst_HttpEndpoint::unsendableResponse()
{
    // A value with CR LF would make a different message (response splitting): never written.
    m_response.headers.append("X-Injected", "a\r\nSet-Cookie: b=c");
    HttpTestClient client(m_endpoint->port());
    client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    const auto response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 500);
    QVERIFY(!response->headers.contains("Set-Cookie"));
}

QTEST_GUILESS_MAIN(tst_HttpEndpoint)
#include "tst_httpendpoint.moc"
