#include "model/rule.h"
#include "model/tenant.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

class tst_Rule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validRule();
    void problems_data();
    void problems();
    void normalize_data();
    void normalize();
    void normalizeConflicts();
    void tenantValidation();
    void applicationRuleReference();
};

void tst_Rule::validRule()
{
    Rule rule;
    rule.domain = u"*.example.com"_s;
    rule.methods = { u"GET"_s, u"PATCH"_s };
    rule.allowHeaders = { u"Content-Type"_s, u"*"_s };
    QVERIFY(rule.validate().isEmpty());
}

void tst_Rule::problems_data()
{
    QTest::addColumn<Rule>("rule");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("messageContains");

    Rule base;
    base.domain = u"example.com"_s;

    Rule r = base;
    r.domain = u"api.*.example.com"_s;
    QTest::newRow("bad domain") << r << u"domain"_s << -1 << u"'*' is only allowed"_s;
    r = base;
    r.protocols = {};
    QTest::newRow("no protocol") << r << u"protocols"_s << -1 << u"no protocol is allowed"_s;
    r = base;
    r.methods = { u"GET"_s, u"GE T"_s };
    QTest::newRow("bad method") << r << u"methods"_s << 1 << u"\"GE T\" is not a valid method"_s;
    r = base;
    r.allowHeaders = { u"X-Ok"_s, u""_s };
    QTest::newRow("empty header") << r << u"allowHeaders"_s << 1 << u"empty"_s;
    r = base;
    r.exposeHeaders = { u"X:Bad"_s };
    QTest::newRow("bad exposed header") << r << u"exposeHeaders"_s << 0 << u"not a valid header name"_s;
    r = base;
    r.exposeHeaders = { u"X-Ünicode"_s };
    QTest::newRow("non-ascii header") << r << u"exposeHeaders"_s << 0 << u"not a valid header name"_s;
    r = base;
    r.maxAge = -5;
    QTest::newRow("negative max age") << r << u"maxAge"_s << -1 << u"cannot be negative"_s;
    r = base;
    r.domain = u"https://example.com"_s;
    r.protocols = Protocol::Http;
    QTest::newRow("scheme contradicts protocols") << r << u"protocols"_s << -1 << u"does not allow HTTPS"_s;
}

void tst_Rule::problems()
{
    QFETCH(Rule, rule);
    QFETCH(QString, field);
    QFETCH(int, index);
    QFETCH(QString, messageContains);
    const QList<FieldProblem> problems = rule.validate();
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().field, field);
    QCOMPARE(problems.first().index, index);
    QVERIFY2(problems.first().message.contains(messageContains), qPrintable(problems.first().message));
}

void tst_Rule::normalize_data()
{
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("normalizedDomain");
    QTest::addColumn<QStringList>("protocols");
    QTest::addColumn<QStringList>("ports");

    QTest::newRow("plain") << u"Example.com"_s << u"example.com"_s << QStringList { u"http"_s, u"https"_s }
                           << QStringList();
    QTest::newRow("seeds/000 localhost")
        << u"http://localhost"_s << u"localhost"_s << QStringList { u"http"_s } << QStringList();
    QTest::newRow("scheme and port") << u"http://localhost:3000"_s << u"localhost"_s
                                     << QStringList { u"http"_s } << QStringList { u"3000"_s };
    QTest::newRow("default port stays default")
        << u"https://example.com:443"_s << u"example.com"_s << QStringList { u"https"_s } << QStringList();
    QTest::newRow("wildcard with scheme")
        << u"https://*.example.com"_s << u"*.example.com"_s << QStringList { u"https"_s } << QStringList();
}

void tst_Rule::normalize()
{
    QFETCH(QString, domain);
    QFETCH(QString, normalizedDomain);
    QFETCH(QStringList, protocols);
    QFETCH(QStringList, ports);
    Rule rule;
    rule.domain = domain;
    QVERIFY(!rule.normalize());
    QCOMPARE(rule.domain, normalizedDomain);
    QCOMPARE(protocolNames(rule.protocols), protocols);
    QCOMPARE(rule.ports.toStringList(), ports);
    // Normalizing twice changes nothing.
    const Rule once = rule;
    QVERIFY(!rule.normalize());
    QCOMPARE(rule, once);
}

void tst_Rule::normalizeConflicts()
{
    Rule rule;
    rule.domain = u"http://localhost:3000"_s;
    rule.ports = *PortSet::parse({ u"8080"_s });
    const auto problem = rule.normalize();
    QVERIFY(problem);
    QCOMPARE(problem->field, u"ports"_s);
    QVERIFY2(problem->message.contains(u"port 3000"_s), qPrintable(problem->message));
    QCOMPARE(rule.domain, u"http://localhost:3000"_s); // unchanged on failure
}

void tst_Rule::tenantValidation()
{
    Tenant tenant;
    QCOMPARE(tenant.validate().size(), 1);
    tenant.name = u"shop"_s;
    QVERIFY(tenant.validate().isEmpty());
    tenant.authentication.type = Authentication::Type::Token;
    tenant.authentication.header = u"X Key"_s;
    const auto problems = tenant.validate();
    QCOMPARE(problems.size(), 2);
    QCOMPARE(problems[0].field, u"authentication.header"_s);
    QCOMPARE(problems[1].field, u"authentication.value"_s);
}

void tst_Rule::applicationRuleReference()
{
    Tenant tenant;
    tenant.name = u"gw"_s;
    Rule disabled;
    disabled.domain = u"a.example"_s;
    disabled.enabled = false;
    Rule enabled;
    enabled.domain = u"b.example"_s;
    tenant.rules = { disabled, enabled };
    Application app { u"Portal"_s, { u"https://portal.example"_s }, QString() };
    QCOMPARE(tenant.applicationRuleIndex(app), 1); // the first *enabled* rule
    app.rule = u"a.example"_s;
    tenant.applications = { app };
    QCOMPARE(tenant.applicationRuleIndex(app), -1);
    const auto problems = tenant.validate();
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().field, u"applications"_s);
    QCOMPARE(problems.first().index, 0);
}

QTEST_APPLESS_MAIN(tst_Rule)
#include "tst_rule.moc"
