#include "sampletenants.h"
#include "storage/tenantsettings.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using namespace cors::test;

class tst_TenantSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripThroughTenant();
    void differences();
    void json();
};

void tst_TenantSettings::roundTripThroughTenant()
{
    const Tenant rich = richTenant();
    const TenantSettings settings = TenantSettings::of(rich);
    Tenant other;
    other.name = u"other"_s;
    other.rules = { sampleRule(u"x.example"_s) };
    settings.applyTo(other);
    QCOMPARE(TenantSettings::of(other), settings);
    // Only the settings: name, rules and applications stay.
    QCOMPARE(other.name, u"other"_s);
    QCOMPARE(other.rules.size(), 1);
    QVERIFY(other.applications.isEmpty());
    QCOMPARE(other.profile, Profile::WebMethods);
}

void tst_TenantSettings::differences()
{
    const TenantSettings a = TenantSettings::of(richTenant());
    QVERIFY(TenantSettings::differences(a, a).isEmpty());
    TenantSettings b = a;
    b.backendMerge = BackendMerge::BackendWins;
    b.description = u"x"_s;
    b.authentication.value = u"other"_s;
    QCOMPARE(TenantSettings::differences(a, b),
             (QStringList { u"description"_s, u"authentication"_s, u"backendMerge"_s }));
    b = a;
    b.apiType = ApiType::Basic;
    b.production = false;
    QCOMPARE(TenantSettings::differences(a, b), (QStringList { u"production"_s, u"apiType"_s }));
}

void tst_TenantSettings::json()
{
    const QJsonObject json = TenantSettings::of(richTenant()).toJson();
    QCOMPARE(json.keys(),
             (QStringList { u"apiType"_s, u"authentication"_s, u"backendMerge"_s, u"description"_s,
                            u"production"_s, u"profile"_s }));
    QCOMPARE(json.value(u"profile"), u"webmethods"_s);
    QCOMPARE(json.value(u"authentication").toObject().value(u"header"), u"X-API-Key"_s);
}

QTEST_GUILESS_MAIN(tst_TenantSettings)
#include "tst_tenantsettings.moc"
