// HttpRequestParser: requests read exactly as sent, and everything it must refuse refused with the
// status RFC 9112 calls for.

#include "live/httprequestparser.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;
Q_DECLARE_METATYPE(HeaderList)

class tst_HttpRequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepted_data();
    void accepted();
    void refused_data();
    void refused();
    void byteByByte();
    void pipelined();
    void expectContinue();
    void requestLineTooLongBeforeItEnds();
    void headersTooLargeBeforeTheyEnd();
    void mutatedRequests();
};

void tst_HttpRequestParser::accepted_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("keepAlive");

    QTest::newRow("a preflight, as Chromium sends it")
        << "OPTIONS /items?tenant=acme HTTP/1.1\r\nHost: localhost:8780\r\nAccept: */*\r\n"
           "Access-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: content-type,x-a\r\n"
           "Origin: http://localhost:3780\r\n\r\n"_ba
        << "OPTIONS"_ba << u"http://localhost:8780/items?tenant=acme"_s
        << HeaderList { { "Host", "localhost:8780" },
                        { "Accept", "*/*" },
                        { "Access-Control-Request-Method", "PUT" },
                        { "Access-Control-Request-Headers", "content-type,x-a" },
                        { "Origin", "http://localhost:3780" } }
        << QByteArray() << true;
    QTest::newRow("a lower-case method is kept as sent (fetch() does not upper-case patch)")
        << "patch /x HTTP/1.1\r\nHost: h\r\n\r\n"_ba
        << "patch"_ba << u"http://h/x"_s << HeaderList { { "Host", "h" } } << QByteArray() << true;
    QTest::newRow("an extension method")
        << "PROPFIND /x HTTP/1.1\r\nHost: h\r\n\r\n"_ba
        << "PROPFIND"_ba << u"http://h/x"_s << HeaderList { { "Host", "h" } } << QByteArray() << true;
    QTest::newRow("repeated names stay, in order, with their spelling")
        << "GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nx-a: 2\r\nOrigin: o\r\nX-A:3\r\n\r\n"_ba
        << "GET"_ba << u"http://h/"_s
        << HeaderList { { "Host", "h" }, { "X-A", "1" }, { "x-a", "2" }, { "Origin", "o" }, { "X-A", "3" } }
        << QByteArray() << true;
    QTest::newRow("optional whitespace around a value is not part of it")
        << "GET / HTTP/1.1\r\nHost: h\r\nX-A: \t spaced \t\r\n\r\n"_ba
        << "GET"_ba << u"http://h/"_s << HeaderList { { "Host", "h" }, { "X-A", "spaced" } } << QByteArray()
        << true;
    QTest::newRow("a body by Content-Length")
        << "PUT /x HTTP/1.1\r\nHost: h\r\nContent-Length: 7\r\n\r\n{\"a\":1}"_ba
        << "PUT"_ba << u"http://h/x"_s << HeaderList { { "Host", "h" }, { "Content-Length", "7" } }
        << "{\"a\":1}"_ba << true;
    QTest::newRow("Content-Length repeated with one value (RFC 9112 §6.3)")
        << "PUT /x HTTP/1.1\r\nHost: h\r\nContent-Length: 2, 2\r\n\r\nok"_ba
        << "PUT"_ba << u"http://h/x"_s << HeaderList { { "Host", "h" }, { "Content-Length", "2, 2" } }
        << "ok"_ba << true;
    QTest::newRow("empty lines before the request line are skipped (RFC 9112 §2.2)")
        << "\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n"_ba
        << "GET"_ba << u"http://h/"_s << HeaderList { { "Host", "h" } } << QByteArray() << true;
    QTest::newRow("LF without CR") << "GET /a HTTP/1.1\nHost: h\nX-A: 1\n\n"_ba
                                   << "GET"_ba << u"http://h/a"_s
                                   << HeaderList { { "Host", "h" }, { "X-A", "1" } } << QByteArray() << true;
    QTest::newRow("Connection: close ends the connection after the response")
        << "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"_ba
        << "GET"_ba << u"http://h/"_s << HeaderList { { "Host", "h" }, { "Connection", "close" } }
        << QByteArray() << false;
    QTest::newRow("HTTP/1.0 without Host: the server's own authority, and no keep-alive")
        << "GET /old HTTP/1.0\r\n\r\n"_ba
        << "GET"_ba << u"http://127.0.0.1:8780/old"_s << HeaderList {} << QByteArray() << false;
    QTest::newRow("an absolute-form target")
        << "GET http://api.example:81/p?q=1 HTTP/1.1\r\nHost: ignored\r\n\r\n"_ba
        << "GET"_ba << u"http://api.example:81/p?q=1"_s << HeaderList { { "Host", "ignored" } }
        << QByteArray() << true;
    QTest::newRow("an IPv6 host") << "GET /v6 HTTP/1.1\r\nHost: [::1]:8780\r\n\r\n"_ba
                                  << "GET"_ba << u"http://[::1]:8780/v6"_s
                                  << HeaderList { { "Host", "[::1]:8780" } } << QByteArray() << true;
    QTest::newRow("obs-text in a value is data, not an error")
        << "GET / HTTP/1.1\r\nHost: h\r\nX-Name: caf\xc3\xa9\r\n\r\n"_ba
        << "GET"_ba << u"http://h/"_s << HeaderList { { "Host", "h" }, { "X-Name", "caf\xc3\xa9" } }
        << QByteArray() << true;
}

void tst_HttpRequestParser::accepted()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, method);
    QFETCH(QString, url);
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, body);
    QFETCH(bool, keepAlive);

    HttpRequestParser parser({}, "127.0.0.1:8780");
    parser.append(bytes);
    QCOMPARE(parser.parse(), HttpRequestParser::Status::Complete);
    const HttpRequest request = parser.takeRequest();
    QCOMPARE(request.method, method);
    QCOMPARE(request.url, QUrl(url));
    QCOMPARE(request.headers.fields(), headers);
    QCOMPARE(request.body, body);
    QCOMPARE(parser.keepAlive(), keepAlive);
    QVERIFY(!parser.hasPartialRequest());
    QCOMPARE(parser.parse(), HttpRequestParser::Status::Incomplete);
}

void tst_HttpRequestParser::refused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reason");

    QTest::newRow("garbage") << "garbage\r\n\r\n"_ba << 400 << u"not \"method target version\""_s;
    QTest::newRow("no version") << "GET /\r\nHost: h\r\n\r\n"_ba << 400 << u"not \"method target version\""_s;
    QTest::newRow("two spaces") << "GET  / HTTP/1.1\r\nHost: h\r\n\r\n"_ba << 400 << u"request target"_s;
    QTest::newRow("not HTTP") << "GET / SPDY/3\r\nHost: h\r\n\r\n"_ba << 400 << u"HTTP version"_s;
    QTest::newRow("HTTP/2 preface") << "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"_ba << 505
                                    << u"2.0 is not supported"_s;
    QTest::newRow("a method that is not a token")
        << "G(T / HTTP/1.1\r\nHost: h\r\n\r\n"_ba << 400 << u"not a token"_s;
    QTest::newRow("a target with a control character")
        << "GET /a\x01 HTTP/1.1\r\nHost: h\r\n\r\n"_ba << 400 << u"request target"_s;
    QTest::newRow("asterisk-form") << "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n"_ba << 400
                                   << u"must be a path"_s;
    QTest::newRow("no Host") << "GET / HTTP/1.1\r\nX: y\r\n\r\n"_ba << 400 << u"no Host"_s;
    QTest::newRow("two Hosts") << "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"_ba << 400
                               << u"more than one Host"_s;
    QTest::newRow("a Host that is not an authority")
        << "GET / HTTP/1.1\r\nHost: evil/x?\r\n\r\n"_ba << 400 << u"not a host"_s;
    QTest::newRow("whitespace before the colon (RFC 9112 §5.1)")
        << "GET / HTTP/1.1\r\nHost: h\r\nOrigin : x\r\n\r\n"_ba << 400 << u"no whitespace before the colon"_s;
    QTest::newRow("a line without a colon")
        << "GET / HTTP/1.1\r\nHost: h\r\nnonsense\r\n\r\n"_ba << 400 << u"not \"name: value\""_s;
    QTest::newRow("obs-fold") << "GET / HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n 2\r\n\r\n"_ba << 400
                              << u"line folding"_s;
    QTest::newRow("NUL in a value") << "GET / HTTP/1.1\r\nHost: h\r\nX-A: a\0b\r\n\r\n"_ba << 400
                                    << u"control characters"_s;
    QTest::newRow("CR inside a value")
        << "GET / HTTP/1.1\r\nHost: h\r\nX-A: a\rb\r\n\r\n"_ba << 400 << u"control characters"_s;
    QTest::newRow("Content-Length not a number")
        << "PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 1e3\r\n\r\n"_ba << 400 << u"not a number"_s;
    QTest::newRow("negative Content-Length")
        << "PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n"_ba << 400 << u"not a number"_s;
    QTest::newRow("conflicting Content-Length (request smuggling)")
        << "PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab"_ba << 400
        << u"conflicting"_s;
    QTest::newRow("Transfer-Encoding")
        << "PUT / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"_ba << 501
        << u"Transfer-Encoding"_s;
    QTest::newRow("a body over the limit, refused from its Content-Length")
        << "PUT / HTTP/1.1\r\nHost: h\r\nContent-Length: 999999999999\r\n\r\n"_ba << 413
        << u"body is larger"_s;
    QTest::newRow("an Expect other than 100-continue")
        << "PUT / HTTP/1.1\r\nHost: h\r\nExpect: magic\r\n\r\n"_ba << 417 << u"100-continue"_s;
    QTest::newRow("more header fields than allowed")
        << QByteArray("GET / HTTP/1.1\r\nHost: h\r\n" + QByteArray("X: 1\r\n").repeated(200) + "\r\n") << 431
        << u"more than 128"_s;
    QTest::newRow("header fields larger than allowed")
        << QByteArray("GET / HTTP/1.1\r\nHost: h\r\nX: " + QByteArray(70000, 'a') + "\r\n\r\n") << 431
        << u"larger than"_s;
    QTest::newRow("a request line longer than allowed")
        << QByteArray("GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\nHost: h\r\n\r\n") << 414
        << u"request line"_s;
}

void tst_HttpRequestParser::refused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(QString, reason);

    HttpRequestParser parser;
    parser.append(bytes);
    QCOMPARE(parser.parse(), HttpRequestParser::Status::Failed);
    QCOMPARE(parser.failureStatus(), status);
    QVERIFY2(parser.failureReason().contains(reason), qPrintable(parser.failureReason()));
    // A failed connection stays failed: nothing after it is read as a request.
    parser.append("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    QCOMPARE(parser.parse(), HttpRequestParser::Status::Failed);
}

void tst_HttpRequestParser::byteByByte()
{
    const QByteArray bytes = "PUT /x HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nContent-Length: 3\r\n\r\nabc"_ba;
    HttpRequestParser parser;
    for (qsizetype i = 0; i + 1 < bytes.size(); ++i) {
        parser.append(bytes.sliced(i, 1));
        QCOMPARE(parser.parse(), HttpRequestParser::Status::Incomplete);
        QVERIFY(parser.hasPartialRequest());
    }
    parser.append(bytes.last(1));
    QCOMPARE(parser.parse(), HttpRequestParser::Status::Complete);
    const HttpRequest request = parser.takeRequest();
    QCOMPARE(request.body, "abc"_ba);
    QCOMPARE(request.headers.value("X-A"), "1"_ba);
}

void tst_HttpRequestParser::pipelined()
{
    HttpRequestParser parser;
    parser.append(
        "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nPOST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhiGET /3"_ba);
    QCOMPARE(parser.parse(), HttpRequestParser::Status::Complete);
    QCOMPARE(parser.takeRequest().url.path(), u"/1"_s);
    QCOMPARE(parser.parse(), HttpRequestParser::Status::Complete);
    const HttpRequest second = parser.takeRequest();
    QCOMPARE(second.url.path(), u"/2"_s);
    QCOMPARE(second.body, "hi"_ba);
    QCOMPARE(parser.parse(), HttpRequestParser::Status::Incomplete);
    QVERIFY(parser.hasPartialRequest());
    parser.append(" HTTP/1.1\r\nHost: h\r\n\r\n");
    QCOMPARE(parser.parse(), HttpRequestParser::Status::Complete);
    QCOMPARE(parser.takeRequest().url.path(), u"/3"_s);
}

void tst_HttpRequestParser::expectContinue()
{
    HttpRequestParser parser;
    parser.append("PUT /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"_ba);
    QCOMPARE(parser.parse(), HttpRequestParser::Status::Incomplete);
    QVERIFY(parser.awaitsContinue());
    parser.setContinueSent();
    QVERIFY(!parser.awaitsContinue());
    parser.append("ok");
    QCOMPARE(parser.parse(), HttpRequestParser::Status::Complete);
    QCOMPARE(parser.takeRequest().body, "ok"_ba);
}

void tst_HttpRequestParser::requestLineTooLongBeforeItEnds()
{
    // Refused as soon as the limit is passed, not when (if ever) the line ends.
    HttpRequestParser parser;
    parser.append(QByteArray("GET /" + QByteArray(9000, 'a')));
    QCOMPARE(parser.parse(), HttpRequestParser::Status::Failed);
    QCOMPARE(parser.failureStatus(), 414);
}

void tst_HttpRequestParser::headersTooLargeBeforeTheyEnd()
{
    HttpRequestParser parser;
    parser.append("GET / HTTP/1.1\r\nHost: h\r\n");
    for (int i = 0; i < 100; ++i) {
        parser.append(QByteArray("X-Filler: " + QByteArray(1000, 'x') + "\r\n"));
        if (parser.parse() == HttpRequestParser::Status::Failed)
            break;
    }
    QCOMPARE(parser.failureStatus(), 431);
}

void tst_HttpRequestParser::mutatedRequests()
{
    // A small fuzzer with a fixed seed: valid requests with bytes changed, dropped and repeated,
    // fed in random pieces. Whatever comes in, the parser ends in a request, a refusal with a 4xx
    // or 5xx, or a wait for more, never past its limits (run it under the asan preset).
    const QList<QByteArray> seeds = {
        "OPTIONS /items?tenant=acme HTTP/1.1\r\nHost: localhost:8780\r\nOrigin: http://localhost:3780\r\n"
        "Access-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: content-type\r\n\r\n"_ba,
        "PUT /x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello"_ba,
        "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n"_ba,
    };
    HttpLimits limits;
    limits.maxRequestLine = 256;
    limits.maxHeaderBytes = 512;
    limits.maxHeaderFields = 8;
    limits.maxBodyBytes = 64;
    static const char kSeparators[] = { '\r', '\n', ':', '\0', ' ', '\t', ',' };
    QRandomGenerator random(20261125);
    int requests = 0;
    int refusals = 0;
    for (int round = 0; round < 20000; ++round) {
        QByteArray bytes = seeds[random.bounded(int(seeds.size()))];
        const int edits = 1 + random.bounded(6);
        for (int e = 0; e < edits && !bytes.isEmpty(); ++e) {
            const int at = random.bounded(int(bytes.size()));
            switch (random.bounded(4)) {
            case 0:
                bytes[at] = char(random.bounded(256));
                break;
            case 1:
                bytes.remove(at, 1 + random.bounded(8));
                break;
            case 2:
                bytes.insert(at, bytes.mid(at, random.bounded(64)).repeated(1 + random.bounded(20)));
                break;
            case 3:
                bytes.insert(at, kSeparators[random.bounded(int(sizeof kSeparators))]);
                break;
            }
        }
        HttpRequestParser parser(limits);
        qsizetype fed = 0;
        bool failed = false;
        while (fed < bytes.size() && !failed) {
            const qsizetype piece = 1 + random.bounded(int(std::min<qsizetype>(bytes.size() - fed, 40)));
            parser.append(QByteArrayView(bytes).sliced(fed, piece));
            fed += piece;
            for (;;) {
                const auto status = parser.parse();
                if (status == HttpRequestParser::Status::Complete) {
                    const HttpRequest request = parser.takeRequest();
                    QVERIFY(HttpHeaders::isToken(request.method));
                    QVERIFY(request.url.isValid());
                    QVERIFY(request.body.size() <= limits.maxBodyBytes);
                    QVERIFY(request.headers.size() <= limits.maxHeaderFields);
                    ++requests;
                    continue;
                }
                if (status == HttpRequestParser::Status::Failed) {
                    QVERIFY2(parser.failureStatus() >= 400 && parser.failureStatus() <= 505,
                             qPrintable(QString::number(parser.failureStatus())));
                    QVERIFY(!parser.failureReason().isEmpty());
                    failed = true;
                    ++refusals;
                }
                break;
            }
            // Never holding more than one request's worth of bytes, and what the caller fed.
            QVERIFY(parser.buffered() <= fed);
        }
    }
    qInfo("%d requests parsed, %d refused", requests, refusals);
    QVERIFY(requests > 0 && refusals > 0);
}

QTEST_APPLESS_MAIN(tst_HttpRequestParser)
#include "tst_httprequestparser.moc"
