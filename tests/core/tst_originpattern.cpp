#include "model/originpattern.h"

#include <QTest>

using namespace Qt::StringLiterals;
using cors::Origin;
using cors::OriginPattern;

Q_DECLARE_METATYPE(OriginPattern::Kind)

class tst_OriginPattern : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void rejects_data();
    void rejects();
    void matches_data();
    void matches();
};

void tst_OriginPattern::parse_data()
{
    QTest::addColumn<QString>("domain");
    QTest::addColumn<OriginPattern::Kind>("kind");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("impliedScheme");
    QTest::addColumn<int>("impliedPort");

    QTest::newRow("host") << u"example.com"_s << OriginPattern::Kind::Host << u"example.com"_s << QString()
                          << -1;
    QTest::newRow("host case") << u"Example.COM"_s << OriginPattern::Kind::Host << u"example.com"_s
                               << QString() << -1;
    QTest::newRow("localhost") << u"localhost"_s << OriginPattern::Kind::Host << u"localhost"_s << QString()
                               << -1;
    QTest::newRow("localhost with scheme (seeds/000)")
        << u"http://localhost"_s << OriginPattern::Kind::Host << u"localhost"_s << u"http"_s << -1;
    QTest::newRow("scheme and port") << u"http://localhost:3000"_s << OriginPattern::Kind::Host
                                     << u"localhost"_s << u"http"_s << 3000;
    QTest::newRow("pasted with slash") << u"https://app.example.com/"_s << OriginPattern::Kind::Host
                                       << u"app.example.com"_s << u"https"_s << -1;
    QTest::newRow("port without scheme")
        << u"localhost:8080"_s << OriginPattern::Kind::Host << u"localhost"_s << QString() << 8080;
    QTest::newRow("IPv6 with port") << u"[::1]:8080"_s << OriginPattern::Kind::Host << u"[::1]"_s << QString()
                                    << 8080;
    QTest::newRow("IPv4 shorthand") << u"127.1"_s << OriginPattern::Kind::Host << u"127.0.0.1"_s << QString()
                                    << -1;
    QTest::newRow("wildcard") << u"*.example.com"_s << OriginPattern::Kind::Subdomains << u"*.example.com"_s
                              << QString() << -1;
    QTest::newRow("wildcard with scheme") << u"https://*.Example.com"_s << OriginPattern::Kind::Subdomains
                                          << u"*.example.com"_s << u"https"_s << -1;
    QTest::newRow("any") << u"*"_s << OriginPattern::Kind::Any << u"*"_s << QString() << -1;
    QTest::newRow("null") << u"null"_s << OriginPattern::Kind::Null << u"null"_s << QString() << -1;
    QTest::newRow("regex") << u"regex:https://(a|b)\\.example\\.com"_s << OriginPattern::Kind::Regex
                           << u"regex:https://(a|b)\\.example\\.com"_s << QString() << -1;
}

void tst_OriginPattern::parse()
{
    QFETCH(QString, domain);
    QFETCH(OriginPattern::Kind, kind);
    QFETCH(QString, canonical);
    QFETCH(QString, impliedScheme);
    QFETCH(int, impliedPort);
    QString error;
    const auto pattern = OriginPattern::parse(domain, &error);
    QVERIFY2(pattern, qPrintable(error));
    QCOMPARE(pattern->kind(), kind);
    QCOMPARE(pattern->toString(), canonical);
    QCOMPARE(pattern->impliedScheme(), impliedScheme);
    QCOMPARE(pattern->impliedPort(), impliedPort);
}

void tst_OriginPattern::rejects_data()
{
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("messageContains");
    QTest::newRow("empty") << u""_s << u"empty"_s;
    QTest::newRow("inner star") << u"api.*.example.com"_s << u"only allowed alone or as a leading"_s;
    QTest::newRow("star without dot") << u"*example.com"_s << u"only allowed alone or as a leading"_s;
    QTest::newRow("two stars") << u"*.*.example.com"_s << u"only one leading"_s;
    QTest::newRow("wildcard IP") << u"*.10.0.0.1"_s << u"IP address has no subdomains"_s;
    QTest::newRow("path") << u"example.com/app"_s << u"contains '/'"_s;
    QTest::newRow("user") << u"user@example.com"_s << u"contains '@'"_s;
    QTest::newRow("ftp scheme") << u"ftp://example.com"_s << u"only be written with http:// or https://"_s;
    QTest::newRow("bad port") << u"localhost:99999"_s << u"not a port number"_s;
    QTest::newRow("bad regex") << u"regex:https://(a"_s << u"regular expression is invalid"_s;
    QTest::newRow("empty regex") << u"regex:"_s << u"needs a pattern"_s;
    QTest::newRow("bad host") << u"exa mple.com"_s << u"invalid domain"_s;
}

void tst_OriginPattern::rejects()
{
    QFETCH(QString, domain);
    QFETCH(QString, messageContains);
    QString error;
    QVERIFY(!OriginPattern::parse(domain, &error));
    QVERIFY2(error.contains(messageContains), qPrintable(error));
}

void tst_OriginPattern::matches_data()
{
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("origin");
    QTest::addColumn<bool>("matches");

    QTest::newRow("exact") << u"example.com"_s << u"https://example.com"_s << true;
    QTest::newRow("exact ignores scheme and port")
        << u"example.com"_s << u"http://example.com:8080"_s << true;
    QTest::newRow("exact is not a subdomain") << u"example.com"_s << u"https://www.example.com"_s << false;
    QTest::newRow("exact suffix attack") << u"example.com"_s << u"https://evilexample.com"_s << false;
    QTest::newRow("wildcard one label") << u"*.example.com"_s << u"https://app.example.com"_s << true;
    QTest::newRow("wildcard deep") << u"*.example.com"_s << u"https://a.b.c.example.com"_s << true;
    QTest::newRow("wildcard never apex") << u"*.example.com"_s << u"https://example.com"_s << false;
    QTest::newRow("wildcard suffix attack") << u"*.example.com"_s << u"https://evilexample.com"_s << false;
    QTest::newRow("wildcard appended domain")
        << u"*.example.com"_s << u"https://app.example.com.evil.invalid"_s << false;
    QTest::newRow("any") << u"*"_s << u"https://anything.example"_s << true;
    QTest::newRow("any is not null") << u"*"_s << u"null"_s << false;
    QTest::newRow("null") << u"null"_s << u"null"_s << true;
    QTest::newRow("null is only null") << u"null"_s << u"https://null"_s << false;
    QTest::newRow("regex whole origin")
        << u"regex:https://(app|admin)\\.example\\.com"_s << u"https://admin.example.com"_s << true;
    QTest::newRow("regex anchored at end") << u"regex:https://(app|admin)\\.example\\.com"_s
                                           << u"https://admin.example.com.evil.invalid"_s << false;
    QTest::newRow("regex anchored at start")
        << u"regex:app\\.example\\.com"_s << u"https://app.example.com"_s << false;
    QTest::newRow("regex sees the port")
        << u"regex:https://app\\.example\\.com"_s << u"https://app.example.com:8443"_s << false;
    QTest::newRow("regex case-insensitive host")
        << u"regex:https://APP\\.example\\.com"_s << u"https://app.example.com"_s << true;
    QTest::newRow("regex unescaped dot is literal-any")
        << u"regex:https://app.example.com"_s << u"https://appxexample.com"_s << true;
}

void tst_OriginPattern::matches()
{
    QFETCH(QString, domain);
    QFETCH(QString, origin);
    QFETCH(bool, matches);
    const auto pattern = OriginPattern::parse(domain);
    QVERIFY(pattern);
    const auto parsed = Origin::parse(origin);
    QVERIFY(parsed);
    QCOMPARE(pattern->matches(*parsed), matches);
}

QTEST_APPLESS_MAIN(tst_OriginPattern)
#include "tst_originpattern.moc"
