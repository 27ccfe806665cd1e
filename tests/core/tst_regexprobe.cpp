#include "lint/publicsuffixlist.h"
#include "lint/regexprobe.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

// What a regex rule really accepts, proven through RuleIndex: each row names every result kind
// the probe must report for an expression, and nothing else.
class tst_RegexProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void results_data();
    void results();
    void intendedDomainsAndSamples();
    void protocolsAndPortsOfTheRuleCount();
};

#ifndef Q_MOC_RUN

namespace {

using K = RegexProbe::Kind;

QString kindName(K kind)
{
    switch (kind) {
    case K::AnyOrigin:
        return u"any"_s;
    case K::PrefixMatch:
        return u"prefix"_s;
    case K::SuffixMatch:
        return u"suffix"_s;
    case K::SubstringMatch:
        return u"substring"_s;
    case K::UnescapedDot:
        return u"dot"_s;
    case K::UnescapedDotUnproven:
        return u"dot?"_s;
    case K::BroadClass:
        return u"class"_s;
    case K::PublicSuffixWildcard:
        return u"public-suffix"_s;
    case K::UserContentWildcard:
        return u"user-content"_s;
    case K::AnySubdomain:
        return u"subdomain"_s;
    case K::PortBleed:
        return u"port"_s;
    case K::HttpOrigin:
        return u"http"_s;
    case K::NonCanonical:
        return u"non-canonical"_s;
    case K::NeverMatches:
        return u"never"_s;
    case K::NotAnalysed:
        return u"not-analysed"_s;
    }
    return {};
}

RegexProbe::Analysis analyse(const QString &expression,
                             Protocols protocols = Protocol::Http | Protocol::Https)
{
    Tenant tenant;
    Rule rule;
    rule.domain = u"regex:"_s + expression;
    rule.protocols = protocols;
    tenant.rules = { rule };
    const RuleIndex index(tenant);
    return RegexProbe::analyse(index, 0, expression, PublicSuffixList::system());
}

QStringList kinds(const RegexProbe::Analysis &analysis)
{
    QStringList names;
    for (const RegexProbe::Result &result : analysis.results)
        names.append(kindName(result.kind) + (result.proof.isEmpty() ? QString() : u" "_s + result.proof));
    return names;
}

} // namespace

void tst_RegexProbe::results_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("exact") << uR"(https://app\.example\.com)"_s << QStringList();
    QTest::newRow("alternatives") << uR"(https://(www|app)\.example\.com(:8443)?)"_s << QStringList();
    QTest::newRow("subdomains done right") << uR"(https://([a-z0-9-]+\.)*example\.com)"_s
                                           << QStringList { u"subdomain https://evil.example.com"_s };
    QTest::newRow("class with dots and dashes")
        << uR"(https://[\w.-]+\.example\.com)"_s << QStringList { u"subdomain https://evil.example.com"_s };
    QTest::newRow("catch-all") << uR"(.*)"_s << QStringList { u"any https://evil.invalid"_s };
    QTest::newRow("prefix and port") << uR"(https://example\.com.*)"_s
                                     << QStringList { u"prefix https://example.com.evil.invalid"_s,
                                                      u"port https://example.com:4430"_s };
    QTest::newRow("suffix") << uR"(https://.*example\.com)"_s
                            << QStringList { u"suffix https://evilexample.com"_s,
                                             u"subdomain https://evil.example.com"_s };
    QTest::newRow("scheme optional") << uR"(https?://app\.example\.com)"_s
                                     << QStringList { u"http http://app.example.com"_s };
    QTest::newRow("unescaped dot, proven")
        << uR"(https://www.example\.com)"_s << QStringList { u"dot https://wwwxexample.com"_s };
    QTest::newRow("unescaped dot before the TLD")
        << uR"(https://www\.example.com)"_s << QStringList { u"dot?"_s };
    QTest::newRow("appended port digit")
        << uR"(https://example\.com:443\d*)"_s << QStringList { u"port https://example.com:4430"_s };
    QTest::newRow("user content") << uR"(https://[a-z]+\.github\.io)"_s
                                  << QStringList { u"user-content https://evil.github.io"_s };
    QTest::newRow("default port spelled out")
        << uR"(https://example\.com:443)"_s << QStringList { u"non-canonical"_s };
    QTest::newRow("no scheme") << uR"(example\.com)"_s << QStringList { u"never"_s };
    QTest::newRow("lookahead") << uR"(https://(?=a)app\.example\.com)"_s << QStringList { u"not-analysed"_s };
}

void tst_RegexProbe::results()
{
    QFETCH(QString, expression);
    QFETCH(QStringList, expected);
    const RegexProbe::Analysis analysis = analyse(expression);
    QCOMPARE(kinds(analysis), expected);
}

void tst_RegexProbe::intendedDomainsAndSamples()
{
    const RegexProbe::Analysis analysis =
        analyse(uR"(https://(www\.)?(acme\.example|acme\.co\.uk)(:8443)?)"_s);
    QCOMPARE(analysis.intendedDomains, (QStringList { u"acme.co.uk"_s, u"acme.example"_s }));
    QStringList samples;
    for (const Origin &origin : analysis.samples)
        samples.append(origin.serialize());
    QVERIFY(samples.contains(u"https://acme.example"_s));
    QVERIFY(samples.contains(u"https://www.acme.co.uk:8443"_s));
    QCOMPARE(analysis.literalSamples.size(), analysis.samples.size());
    QVERIFY(analysis.results.isEmpty());
}

void tst_RegexProbe::protocolsAndPortsOfTheRuleCount()
{
    // The index, not the expression alone, decides: an https-only rule never accepts http://.
    QCOMPARE(kinds(analyse(uR"(https?://app\.example\.com)"_s, Protocol::Https)), QStringList());
    QCOMPARE(kinds(analyse(uR"(https://app\.example\.com)"_s, Protocol::Http)), QStringList { u"never"_s });
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(tst_RegexProbe)
#include "tst_regexprobe.moc"
