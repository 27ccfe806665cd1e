// OriginRegex: the expressions the exporters put into server configurations, checked against the
// engine's own model of origins (Origin, OriginPattern, RuleIndex) rather than against fixed
// strings, so that a change on either side shows up here.

#include "engine/ruleindex.h"
#include "export/originregex.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

class tst_OriginRegex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void portRange_data();
    void portRange();
    void canonicalOrigin_data();
    void canonicalOrigin();
    void forRule_data();
    void forRule();
    void toJavaScript_data();
    void toJavaScript();
    void problems_data();
    void problems();
};

void tst_OriginRegex::portRange_data()
{
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("last");
    QTest::newRow("one port") << 8080 << 8080;
    QTest::newRow("single digits") << 1 << 9;
    QTest::newRow("across widths") << 9 << 101;
    QTest::newRow("dev servers") << 3000 << 3999;
    QTest::newRow("ragged ends") << 1234 << 5678;
    QTest::newRow("top of the range") << 65000 << 65535;
    QTest::newRow("everything") << 1 << 65535;
    QTest::newRow("a hundred") << 8000 << 8099;
}

void tst_OriginRegex::portRange()
{
    QFETCH(int, first);
    QFETCH(int, last);
    const QRegularExpression regex(u"^(?:"_s + OriginRegex::portRange(first, last) + u")$"_s);
    QVERIFY2(regex.isValid(), qPrintable(regex.errorString()));
    // Every port, exhaustively, and never a number with a leading zero.
    for (int port = 0; port <= 70000; ++port) {
        const bool expected = port >= first && port <= last;
        if (regex.match(QString::number(port)).hasMatch() != expected)
            QFAIL(qPrintable(u"port %1: regex %2 says %3"_s.arg(port).arg(regex.pattern()).arg(!expected)));
    }
    QVERIFY(!regex.match(u"0"_s + QString::number(first)).hasMatch());
}

void tst_OriginRegex::canonicalOrigin_data()
{
    QTest::addColumn<QString>("text");
    for (const char *text : { "https://a.com",
                              "HTTPS://a.com",
                              "https://A.com",
                              "https://a.com:443",
                              "http://a.com:80",
                              "http://a.com:8080",
                              "http://a.com:08080",
                              "http://a.com:65535",
                              "http://a.com:65536",
                              "http://a.com:0",
                              "http://127.0.0.1",
                              "http://127.1",
                              "http://0x7f.0.0.1",
                              "http://010.0.0.1",
                              "http://[::1]",
                              "http://[::1]:8080",
                              "http://a.1",
                              "http://a.0x1f",
                              "http://a.0xg",
                              "http://a,b.com",
                              "http://a!b.com",
                              "https://xn--bcher-kva.de",
                              "https://bücher.de",
                              "null",
                              "NULL",
                              "ws://a.com",
                              "http://a.com/",
                              "http://example.com.",
                              "http://a.b..c",
                              "http://a_b.example",
                              "http://a.com:",
                              "http://",
                              "https://a.com ",
                              "http://1.2.3.4.5",
                              "http://256.1.1.1" })
        QTest::newRow(text) << QString::fromUtf8(text);
}

void tst_OriginRegex::canonicalOrigin()
{
    QFETCH(QString, text);
    const QRegularExpression guard(OriginRegex::canonicalOrigin());
    QVERIFY(guard.isValid());
    // Canonical: what Origin::parse() accepts and serializes back to the same text, for the
    // schemes a rule can allow (http, https) and the opaque origin.
    const auto origin = Origin::parse(text);
    const bool canonical = origin && origin->serialize() == text
        && (origin->isOpaque() || origin->scheme() == u"http" || origin->scheme() == u"https");
    QCOMPARE(guard.match(text).hasMatch(), canonical);
}

void tst_OriginRegex::forRule_data()
{
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QStringList>("protocols");
    QTest::addColumn<QStringList>("ports");

    QTest::newRow("host, default ports")
        << u"app.example.com"_s << QStringList { u"http"_s, u"https"_s } << QStringList {};
    QTest::newRow("host, https") << u"app.example.com"_s << QStringList { u"https"_s } << QStringList {};
    QTest::newRow("host, list with a default")
        << u"localhost"_s << QStringList { u"http"_s } << QStringList { u"80"_s, u"3000-3999"_s };
    QTest::newRow("host, any port") << u"localhost"_s << QStringList { u"http"_s, u"https"_s }
                                    << QStringList { u"*"_s };
    QTest::newRow("IPv4 host") << u"127.0.0.1"_s << QStringList { u"http"_s } << QStringList { u"5000"_s };
    QTest::newRow("IPv6 host") << u"[::1]"_s << QStringList { u"http"_s } << QStringList { u"8080"_s };
    QTest::newRow("subdomains") << u"*.example.com"_s << QStringList { u"https"_s } << QStringList {};
    QTest::newRow("subdomains, ports")
        << u"*.example.com"_s << QStringList { u"http"_s, u"https"_s } << QStringList { u"443"_s, u"8443"_s };
    QTest::newRow("any") << u"*"_s << QStringList { u"https"_s } << QStringList {};
    QTest::newRow("any, ports") << u"*"_s << QStringList { u"http"_s } << QStringList { u"8000-8099"_s };
    QTest::newRow("null") << u"null"_s << QStringList { u"http"_s, u"https"_s } << QStringList {};
    QTest::newRow("regex") << u"regex:https://(dev|qa)-[0-9]+\\.example\\.net"_s
                           << QStringList { u"http"_s, u"https"_s } << QStringList {};
    QTest::newRow("regex, protocol and port")
        << u"regex:.*\\.example\\.net(:[0-9]+)?"_s << QStringList { u"http"_s } << QStringList { u"8080"_s };
    QTest::newRow("regex with its own case")
        << u"regex:https://App\\.Example\\.com"_s << QStringList { u"https"_s } << QStringList {};
}

void tst_OriginRegex::forRule()
{
    QFETCH(QString, domain);
    QFETCH(QStringList, protocols);
    QFETCH(QStringList, ports);
    Rule rule;
    rule.domain = domain;
    rule.protocols = {};
    for (const QString &name : std::as_const(protocols))
        rule.protocols |= *protocolFromName(name);
    rule.ports = *PortSet::parse(ports);
    QVERIFY(rule.validate().isEmpty());
    Tenant tenant;
    tenant.rules = { rule };
    const RuleIndex index(tenant);

    const QString pattern =
        rule.pattern().kind() == OriginPattern::Kind::Regex ? rule.pattern().regexPattern() : QString();
    const QRegularExpression regex(OriginRegex::forRule(rule, pattern),
                                   QRegularExpression::CaseInsensitiveOption);
    QVERIFY2(regex.isValid(), qPrintable(regex.errorString()));
    const QStringList origins = { u"https://app.example.com"_s,
                                  u"http://app.example.com"_s,
                                  u"https://app.example.com:8443"_s,
                                  u"http://app.example.com:443"_s,
                                  u"https://example.com"_s,
                                  u"https://a.b.example.com"_s,
                                  u"http://eu.example.com:8443"_s,
                                  u"https://eu.example.com:443"_s,
                                  u"https://evil-example.com"_s,
                                  u"http://localhost"_s,
                                  u"http://localhost:3000"_s,
                                  u"http://localhost:3999"_s,
                                  u"http://localhost:4000"_s,
                                  u"https://localhost:3000"_s,
                                  u"http://127.0.0.1:5000"_s,
                                  u"http://127.0.0.1"_s,
                                  u"http://[::1]:8080"_s,
                                  u"http://[::1]"_s,
                                  u"https://dev-1.example.net"_s,
                                  u"https://prod-1.example.net"_s,
                                  u"http://dev-1.example.net"_s,
                                  u"http://x.example.net:8080"_s,
                                  u"http://x.example.net:8081"_s,
                                  u"https://x.example.net:8080"_s,
                                  u"http://x.example.net:8050"_s,
                                  u"null"_s,
                                  u"https://app.example.com.evil.net"_s };
    for (const QString &text : origins) {
        const Origin origin = *Origin::parse(text);
        const bool engine = index.match(origin).isValid();
        if (regex.match(origin.serialize()).hasMatch() != engine)
            QFAIL(
                qPrintable(u"%1: the engine says %2, the regex %3 says otherwise"_s.arg(text).arg(engine).arg(
                    regex.pattern())));
    }
}

void tst_OriginRegex::toJavaScript_data()
{
    QTest::addColumn<QString>("pcre");
    QTest::addColumn<QString>("javaScript"); // empty when refused
    QTest::addColumn<QString>("reason"); // part of the refusal

    QTest::newRow("literal") << u"https://a\\.example\\.com"_s << u"https:\\/\\/a\\.example\\.com"_s
                             << QString();
    QTest::newRow("plain group does not capture")
        << u"https://(dev|qa)\\.x"_s << u"https:\\/\\/(?:dev|qa)\\.x"_s << QString();
    QTest::newRow("class and quantifiers")
        << u"[a-z0-9-]{1,63}\\.x+?y*"_s << u"[a-z0-9-]{1,63}\\.x+?y*"_s << QString();
    QTest::newRow("negated class") << u"[^./]+"_s << u"[^./]+"_s << QString();
    QTest::newRow("lookarounds") << u"(?=https)(?!http:)(?<!x)(?<=)a"_s << u"(?=https)(?!http:)(?<!x)(?<=)a"_s
                                 << QString();
    QTest::newRow("named group") << u"(?<env>dev|qa)"_s << u"(?<env>dev|qa)"_s << QString();
    QTest::newRow("atomic group") << u"(?>a|b)"_s << QString() << u"no exact JavaScript equivalent"_s;
    QTest::newRow("inline option") << u"(?i)a"_s << QString() << u"inline options"_s;
    QTest::newRow("possessive") << u"a++"_s << QString() << u"possessive"_s;
    QTest::newRow("anchor escape") << u"\\Aa\\z"_s << QString() << u"'\\A'"_s;
    QTest::newRow("backreference") << u"(a)\\1"_s << QString() << u"'\\1'"_s;
    QTest::newRow("POSIX class") << u"[[:alpha:]]"_s << QString() << u"POSIX"_s;
    QTest::newRow("bracket first in class") << u"[]a]"_s << QString() << u"']' first"_s;
    QTest::newRow("literal brace") << u"a{x"_s << QString() << u"quantifier"_s;
    QTest::newRow("non-ASCII") << u"https://bücher\\.de"_s << QString() << u"ASCII"_s;
    QTest::newRow("vertical space") << u"a\\v"_s << QString() << u"'\\v'"_s;
}

void tst_OriginRegex::toJavaScript()
{
    QFETCH(QString, pcre);
    QFETCH(QString, javaScript);
    QFETCH(QString, reason);
    QString why;
    const auto translated = OriginRegex::toJavaScript(pcre, &why);
    if (javaScript.isEmpty()) {
        QVERIFY2(!translated, qPrintable(translated.value_or(QString())));
        QVERIFY2(why.contains(reason), qPrintable(why));
    } else {
        QVERIFY2(translated, qPrintable(why));
        QCOMPARE(*translated, javaScript);
    }
}

void tst_OriginRegex::problems_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("nginx");
    QTest::addColumn<bool>("common");
    QTest::newRow("plain") << u"https://a\\.b"_s << false << false;
    QTest::newRow("named group") << u"(?<n>a)"_s << true << false;
    QTest::newRow("python named group") << u"(?P<n>a)"_s << true << false;
    QTest::newRow("lookbehind is not a name") << u"(?<=a)(?<!b)c"_s << false << false;
    QTest::newRow("non-ASCII") << u"é"_s << false << true;
}

void tst_OriginRegex::problems()
{
    QFETCH(QString, pattern);
    QFETCH(bool, nginx);
    QFETCH(bool, common);
    QCOMPARE(!OriginRegex::nginxProblem(pattern).isEmpty(), nginx);
    QCOMPARE(!OriginRegex::commonProblem(pattern).isEmpty(), common);
}

QTEST_GUILESS_MAIN(tst_OriginRegex)
#include "tst_originregex.moc"
