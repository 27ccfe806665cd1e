#include "sampletenants.h"
#include "storage/tenantsettings.h"
#include "storage/tenantvalidation.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using namespace cors::test;

namespace {
QStringList pathsOf(const JsonProblems &problems)
{
    QStringList paths;
    for (const JsonProblem &problem : problems)
        paths.append(problem.path);
    return paths;
}
} // namespace

class tst_TenantValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsCanonicalTenant();
    void rule_data();
    void rule();
    void tenantPaths();
    void settingsAndName();
    void describe();
};

void tst_TenantValidation::acceptsCanonicalTenant()
{
    QCOMPARE(TenantValidation::checkTenant(richTenant()), JsonProblems());
}

void tst_TenantValidation::rule_data()
{
    QTest::addColumn<Rule>("rule");
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<QString>("message");

    QTest::newRow("canonical") << sampleRule(u"a.example"_s) << QStringList() << QString();
    QTest::newRow("bad header") <<
        [] {
            Rule r = sampleRule(u"a.example"_s);
            r.allowHeaders = { u"ok"_s, u"not ok"_s };
            return r;
        }() << QStringList { u"allowHeaders[1]"_s }
                                << u"not a valid header name"_s;
    QTest::newRow("scheme and port written into the domain") << [] {
        Rule r = sampleRule(u"http://localhost:3000"_s);
        r.protocols = Protocol::Http | Protocol::Https;
        return r;
    }() << QStringList { u"domain"_s } << u"write \"localhost\" with protocols [http] with ports [3000]"_s;
    QTest::newRow("contradiction") << sampleRule(u"http://localhost"_s) << QStringList { u"protocols"_s }
                                   << u"does not allow HTTP"_s;
    QTest::newRow("idn") << sampleRule(u"bücher.example"_s) << QStringList { u"domain"_s }
                         << u"write \"xn--bcher-kva.example\""_s;
}

void tst_TenantValidation::rule()
{
    QFETCH(Rule, rule);
    QFETCH(QStringList, paths);
    QFETCH(QString, message);
    const JsonProblems problems = TenantValidation::checkRule(rule);
    QCOMPARE(pathsOf(problems), paths);
    if (!message.isEmpty())
        QVERIFY2(problems.first().message.contains(message), qPrintable(problems.first().message));
}

void tst_TenantValidation::tenantPaths()
{
    Tenant tenant = richTenant();
    tenant.rules[1].methods.append(u"B AD"_s);
    tenant.applications[1].origins = { u"https://x.example/"_s };
    tenant.applications[0].rule = u"gone.example"_s;
    tenant.authentication.value.clear();
    QCOMPARE(pathsOf(TenantValidation::checkTenant(tenant, u"tenants[2]"_s)),
             (QStringList { u"tenants[2].rules[1].methods[3]"_s, u"tenants[2].applications[1].origins[0]"_s,
                            u"tenants[2].authentication.value"_s, u"tenants[2].applications[0]"_s }));
}

void tst_TenantValidation::settingsAndName()
{
    TenantSettings settings;
    settings.authentication.type = Authentication::Type::Basic;
    QCOMPARE(pathsOf(TenantValidation::checkSettings(settings)), QStringList { u"authentication.user"_s });
    QCOMPARE(pathsOf(TenantValidation::checkName(u" x"_s)), QStringList { u"name"_s });
    QCOMPARE(pathsOf(TenantValidation::checkName(u"x"_s)), QStringList());
}

void tst_TenantValidation::describe()
{
    QCOMPARE(TenantValidation::describe({ { u"a"_s, u"one"_s }, { QString(), u"two"_s } }), u"a: one; two"_s);
}

QTEST_GUILESS_MAIN(tst_TenantValidation)
#include "tst_tenantvalidation.moc"
