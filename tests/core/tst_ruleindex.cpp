#include "engine/ruleindex.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

class tst_RuleIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchingRulesInPrecedenceOrder();
    void applicationsAndDisabledRules();
    void rulesCoveringHost();
    void manyRules();

private:
    static Rule rule(const QString &domain, Protocols protocols = Protocol::Http | Protocol::Https)
    {
        Rule r;
        r.domain = domain;
        r.protocols = protocols;
        return r;
    }
};

void tst_RuleIndex::matchingRulesInPrecedenceOrder()
{
    Tenant tenant;
    tenant.rules = { rule(u"*"_s),
                     rule(u"regex:https://.*"_s),
                     rule(u"*.example.com"_s),
                     rule(u"*.b.example.com"_s),
                     rule(u"a.b.example.com"_s),
                     rule(u"a.b.example.com"_s, Protocol::Http) };
    const RuleIndex index(tenant);
    const Origin origin = *Origin::parse(u"https://a.b.example.com"_s);
    QCOMPARE(index.matchingRules(origin), (QList<int> { 4, 3, 2, 1, 0 }));
    QCOMPARE(index.match(origin).rule, 4);
    const Origin http = *Origin::parse(u"http://a.b.example.com"_s);
    QCOMPARE(index.matchingRules(http), (QList<int> { 4, 5, 3, 2, 0 }));
}

void tst_RuleIndex::applicationsAndDisabledRules()
{
    Tenant tenant;
    Rule off = rule(u"app.example"_s);
    off.enabled = false;
    tenant.rules = { off, rule(u"partner.example"_s) };
    tenant.applications = { { u"Portal"_s, { u"https://portal.example"_s }, QString() } };
    const RuleIndex index(tenant);
    QVERIFY(!index.match(*Origin::parse(u"https://app.example"_s)).isValid());
    const RuleIndex::Match viaApp = index.match(*Origin::parse(u"https://portal.example"_s));
    QCOMPARE(viaApp.rule, 1); // first enabled rule
    QCOMPARE(viaApp.application, 0);
    QVERIFY(!index.match(*Origin::parse(u"http://portal.example"_s)).isValid());
}

void tst_RuleIndex::rulesCoveringHost()
{
    Tenant tenant;
    tenant.rules = { rule(u"app.example.com"_s, Protocol::Https), rule(u"*.example.com"_s, Protocol::Https),
                     rule(u"other.example"_s) };
    const RuleIndex index(tenant);
    const Origin origin = *Origin::parse(u"http://app.example.com:8080"_s);
    QVERIFY(!index.match(origin).isValid());
    QCOMPARE(index.rulesCoveringHost(origin), (QList<int> { 0, 1 }));
}

void tst_RuleIndex::manyRules()
{
    Tenant tenant;
    for (int i = 0; i < 10000; ++i)
        tenant.rules.append(rule(u"app%1.example.com"_s.arg(i)));
    tenant.rules.append(rule(u"*.example.com"_s));
    const RuleIndex index(tenant);
    QCOMPARE(index.match(*Origin::parse(u"https://app9999.example.com"_s)).rule, 9999);
    QCOMPARE(index.match(*Origin::parse(u"https://app10000.example.com"_s)).rule, 10000);
    QVERIFY(!index.match(*Origin::parse(u"https://example.com"_s)).isValid());
}

QTEST_APPLESS_MAIN(tst_RuleIndex)
#include "tst_ruleindex.moc"
