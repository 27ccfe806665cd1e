#include "model/httpmessagetext.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

class tst_HttpMessageText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseResponse_data();
    void parseResponse();
    void rejects_data();
    void rejects();
    void roundTrip();
    void formatRequest();
};

void tst_HttpMessageText::parseResponse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("status");
    QTest::addColumn<HttpHeaders>("headers");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("status line, CRLF")
        << u"HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: https://a.example\r\nVary: Origin\r\n"_s
        << 204 << HttpHeaders { { "Access-Control-Allow-Origin", "https://a.example" }, { "Vary", "Origin" } }
        << QByteArray();
    QTest::newRow("bare status") << u"403\nContent-Type: text/plain\n\nnope"_s << 403
                                 << HttpHeaders { { "Content-Type", "text/plain" } } << QByteArray("nope");
    QTest::newRow("no status line") << u"access-control-allow-origin: *"_s << 200
                                    << HttpHeaders { { "access-control-allow-origin", "*" } } << QByteArray();
    QTest::newRow("webMethods spacing")
        << u"Access-Control-Allow-Origin : http://test2.com"_s << 200
        << HttpHeaders { { "Access-Control-Allow-Origin", "http://test2.com" } } << QByteArray();
    QTest::newRow("HTTP/2 pseudo header")
        << u"HTTP/2 200\n:status: 200\nx-a: 1"_s << 200 << HttpHeaders { { "x-a", "1" } } << QByteArray();
    QTest::newRow("value with colons")
        << u"Location: https://a.example:8443/x"_s << 200
        << HttpHeaders { { "Location", "https://a.example:8443/x" } } << QByteArray();
    QTest::newRow("empty") << QString() << 200 << HttpHeaders() << QByteArray();
}

void tst_HttpMessageText::parseResponse()
{
    QFETCH(QString, text);
    QFETCH(int, status);
    QFETCH(HttpHeaders, headers);
    QFETCH(QByteArray, body);
    QString error;
    const auto response = HttpMessageText::parseResponse(text, &error);
    QVERIFY2(response, qPrintable(error));
    QCOMPARE(response->status, status);
    QCOMPARE(response->headers, headers);
    QCOMPARE(response->body, body);
}

void tst_HttpMessageText::rejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("not a header")
        << u"HTTP/1.1 200 OK\nAccess-Control-Allow-Origin"_s
        << u"line 2: \"Access-Control-Allow-Origin\" is not a header line (Name: value)"_s;
    QTest::newRow("bad name") << u"X Y: 1"_s << u"line 1: \"X Y\" is not a header name"_s;
    QTest::newRow("bad status")
        << u"HTTP/1.1 OK"_s
        << u"line 1: \"HTTP/1.1 OK\" is not a status line such as HTTP/1.1 204 No Content"_s;
    QTest::newRow("status out of range")
        << u"HTTP/1.1 700"_s << u"line 1: 700 is not an HTTP status (100-599)"_s;
}

void tst_HttpMessageText::rejects()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QString message;
    QVERIFY(!HttpMessageText::parseResponse(text, &message));
    QCOMPARE(message, error);
}

void tst_HttpMessageText::roundTrip()
{
    HttpResponse response { 204, { { "Access-Control-Allow-Origin", "*" }, { "Vary", "Origin" } }, {} };
    QCOMPARE(*HttpMessageText::parseResponse(HttpMessageText::formatResponse(response)), response);
    response.body = "{\"status\":\"200\"}";
    response.status = 200;
    QCOMPARE(*HttpMessageText::parseResponse(HttpMessageText::formatResponse(response)), response);
}

void tst_HttpMessageText::formatRequest()
{
    HttpRequest request;
    request.method = "OPTIONS";
    request.url = QUrl(u"http://localhost:8780/v1/orders?x=1"_s);
    request.headers = { { "Origin", "https://a.example" } };
    QCOMPARE(HttpMessageText::formatRequest(request),
             u"OPTIONS /v1/orders?x=1 HTTP/1.1\nHost: localhost:8780\nOrigin: https://a.example\n"_s);
    // A request as received keeps its own Host, once.
    request.headers = { { "Host", "api.example" }, { "Origin", "https://a.example" } };
    QCOMPARE(HttpMessageText::formatRequest(request),
             u"OPTIONS /v1/orders?x=1 HTTP/1.1\nHost: api.example\nOrigin: https://a.example\n"_s);
}

QTEST_APPLESS_MAIN(tst_HttpMessageText)
#include "tst_httpmessagetext.moc"
