#include "model/origin.h"

#include <QTest>

using namespace Qt::StringLiterals;
using cors::Origin;

class tst_Origin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void rejects_data();
    void rejects();
    void ofUrl_data();
    void ofUrl();
    void loopback_data();
    void loopback();
    void equalityAndHash();
};

void tst_Origin::parse_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("serialized");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");

    QTest::newRow("https default port elided")
        << u"https://example.com"_s << u"https://example.com"_s << u"https"_s << u"example.com"_s << 443;
    QTest::newRow("explicit default port elided")
        << u"https://example.com:443"_s << u"https://example.com"_s << u"https"_s << u"example.com"_s << 443;
    QTest::newRow("http explicit 80 elided")
        << u"http://localhost:80"_s << u"http://localhost"_s << u"http"_s << u"localhost"_s << 80;
    QTest::newRow("non-default port kept")
        << u"http://localhost:3000"_s << u"http://localhost:3000"_s << u"http"_s << u"localhost"_s << 3000;
    QTest::newRow("https on 80 kept")
        << u"https://example.com:80"_s << u"https://example.com:80"_s << u"https"_s << u"example.com"_s << 80;
    QTest::newRow("host lower-cased") << u"https://API.Example.COM"_s << u"https://api.example.com"_s
                                      << u"https"_s << u"api.example.com"_s << 443;
    QTest::newRow("scheme lower-cased")
        << u"HTTPS://example.com"_s << u"https://example.com"_s << u"https"_s << u"example.com"_s << 443;
    QTest::newRow("IDN to punycode") << u"https://bücher.example"_s << u"https://xn--bcher-kva.example"_s
                                     << u"https"_s << u"xn--bcher-kva.example"_s << 443;
    QTest::newRow("IPv4") << u"http://127.0.0.1:8080"_s << u"http://127.0.0.1:8080"_s << u"http"_s
                          << u"127.0.0.1"_s << 8080;
    QTest::newRow("IPv4 shorthand") << u"http://127.1"_s << u"http://127.0.0.1"_s << u"http"_s
                                    << u"127.0.0.1"_s << 80;
    QTest::newRow("IPv4 hex") << u"http://0x7f.0.0.1"_s << u"http://127.0.0.1"_s << u"http"_s
                              << u"127.0.0.1"_s << 80;
    QTest::newRow("IPv4 single number")
        << u"http://2130706433"_s << u"http://127.0.0.1"_s << u"http"_s << u"127.0.0.1"_s << 80;
    QTest::newRow("IPv6 loopback") << u"http://[::1]:8080"_s << u"http://[::1]:8080"_s << u"http"_s
                                   << u"[::1]"_s << 8080;
    QTest::newRow("IPv6 compressed") << u"http://[0:0:0:0:0:0:0:1]"_s << u"http://[::1]"_s << u"http"_s
                                     << u"[::1]"_s << 80;
    QTest::newRow("IPv6 upper hex") << u"https://[2001:DB8::A]"_s << u"https://[2001:db8::a]"_s << u"https"_s
                                    << u"[2001:db8::a]"_s << 443;
    QTest::newRow("IPv6 embedded IPv4 as browsers write it")
        << u"http://[::ffff:1.2.3.4]"_s << u"http://[::ffff:102:304]"_s << u"http"_s << u"[::ffff:102:304]"_s
        << 80;
    QTest::newRow("IPv6 longest zero run")
        << u"http://[1:0:0:2:0:0:0:3]"_s << u"http://[1:0:0:2::3]"_s << u"http"_s << u"[1:0:0:2::3]"_s << 80;
    QTest::newRow("surrounding whitespace")
        << u"  https://example.com "_s << u"https://example.com"_s << u"https"_s << u"example.com"_s << 443;
    QTest::newRow("trailing dot is another host")
        << u"https://example.com."_s << u"https://example.com."_s << u"https"_s << u"example.com."_s << 443;
    QTest::newRow("extension origin")
        << u"chrome-extension://abcdefghijklmnop"_s << u"chrome-extension://abcdefghijklmnop"_s
        << u"chrome-extension"_s << u"abcdefghijklmnop"_s << -1;
    QTest::newRow("underscore host") << u"https://my_host.example"_s << u"https://my_host.example"_s
                                     << u"https"_s << u"my_host.example"_s << 443;
}

void tst_Origin::parse()
{
    QFETCH(QString, input);
    QFETCH(QString, serialized);
    QFETCH(QString, scheme);
    QFETCH(QString, host);
    QFETCH(int, port);

    QString error;
    const auto origin = Origin::parse(input, &error);
    QVERIFY2(origin, qPrintable(error));
    QCOMPARE(origin->serialize(), serialized);
    QCOMPARE(origin->scheme(), scheme);
    QCOMPARE(origin->host(), host);
    QCOMPARE(origin->port(), port);
    QVERIFY(!origin->isOpaque());
    // Serializing and parsing again is the identity.
    QCOMPARE(Origin::parse(serialized)->serialize(), serialized);
    // The header-bytes overload agrees with the text overload.
    QCOMPARE(Origin::parse(QByteArrayView(serialized.toLatin1()))->serialize(), serialized);
}

void tst_Origin::rejects_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("messageContains");

    QTest::newRow("empty") << QString() << u"empty"_s;
    QTest::newRow("no scheme") << u"example.com"_s << u"has no scheme"_s;
    QTest::newRow("path") << u"https://example.com/app"_s << u"a path ('/app')"_s;
    QTest::newRow("trailing slash is a path") << u"https://example.com/"_s << u"a path ('/')"_s;
    QTest::newRow("query") << u"https://example.com?x=1"_s << u"a query"_s;
    QTest::newRow("fragment") << u"https://example.com#top"_s << u"a fragment"_s;
    QTest::newRow("userinfo") << u"https://user:pw@example.com"_s << u"user info"_s;
    QTest::newRow("port too large") << u"http://localhost:65536"_s << u"not a port number"_s;
    QTest::newRow("port not numeric") << u"http://localhost:80a"_s << u"not a port number"_s;
    QTest::newRow("empty port") << u"http://localhost:"_s << u"without a port number"_s;
    QTest::newRow("space in host") << u"https://exa mple.com"_s << u"not allowed in a host name"_s;
    QTest::newRow("bad IPv4") << u"http://1.2.3.256"_s << u"not a valid IPv4 address"_s;
    QTest::newRow("bad IPv6") << u"http://[1::2::3]"_s << u"not a valid IPv6 address"_s;
    QTest::newRow("unclosed IPv6") << u"http://[::1"_s << u"closing ']'"_s;
    QTest::newRow("file scheme") << u"file:///tmp/x.html"_s << u"opaque origin"_s;
    QTest::newRow("bad scheme") << u"1http://example.com"_s << u"not a valid URL scheme"_s;
    QTest::newRow("percent in host") << u"https://ex%41mple.com"_s << u"percent-encoding"_s;
    QTest::newRow("Null is case-sensitive") << u"NULL"_s << u"has no scheme"_s;
}

void tst_Origin::rejects()
{
    QFETCH(QString, input);
    QFETCH(QString, messageContains);
    QString error;
    QVERIFY(!Origin::parse(input, &error));
    QVERIFY2(error.contains(messageContains), qPrintable(error));
}

void tst_Origin::ofUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("origin");

    QTest::newRow("path dropped") << u"https://api.example.com/v1/items?x=1#f"_s
                                  << u"https://api.example.com"_s;
    QTest::newRow("port kept") << u"http://localhost:8080/x"_s << u"http://localhost:8080"_s;
    QTest::newRow("default port elided") << u"https://api.example.com:443/"_s << u"https://api.example.com"_s;
    QTest::newRow("IPv6") << u"http://[::1]:9000/"_s << u"http://[::1]:9000"_s;
    QTest::newRow("file is opaque") << u"file:///tmp/page.html"_s << u"null"_s;
    QTest::newRow("data is opaque") << u"data:text/html,hi"_s << u"null"_s;
}

void tst_Origin::ofUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, origin);
    QCOMPARE(Origin::ofUrl(QUrl(url)).serialize(), origin);
}

void tst_Origin::loopback_data()
{
    QTest::addColumn<QString>("origin");
    QTest::addColumn<bool>("loopback");
    QTest::newRow("localhost") << u"http://localhost:3000"_s << true;
    QTest::newRow("sub.localhost") << u"http://app.localhost"_s << true;
    QTest::newRow("127.x") << u"http://127.0.0.2"_s << true;
    QTest::newRow("::1") << u"http://[::1]"_s << true;
    QTest::newRow("public") << u"https://example.com"_s << false;
    QTest::newRow("localhost lookalike") << u"https://localhost.example.com"_s << false;
    QTest::newRow("private is not loopback") << u"http://10.0.0.1"_s << false;
}

void tst_Origin::loopback()
{
    QFETCH(QString, origin);
    QFETCH(bool, loopback);
    QCOMPARE(Origin::parse(origin)->isLoopback(), loopback);
}

void tst_Origin::equalityAndHash()
{
    const Origin a = *Origin::parse(u"https://Example.com:443"_s);
    const Origin b = *Origin::parse(u"https://example.com"_s);
    const Origin c = *Origin::parse(u"http://example.com"_s);
    QCOMPARE(a, b);
    QCOMPARE(qHash(a), qHash(b));
    QVERIFY(a != c);
    QVERIFY(Origin::parse(u"null"_s)->isOpaque());
    QCOMPARE(Origin::opaque().serialize(), u"null"_s);
    QVERIFY(Origin::opaque() != a);
}

QTEST_APPLESS_MAIN(tst_Origin)
#include "tst_origin.moc"
