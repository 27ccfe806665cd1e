#include "bundle/bundlereader.h"
#include "lint/effectiveorigin.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

// The tenant-level "effective origins" view: every origin pattern trusted, and where from.
class tst_EffectiveOrigin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rulesApplicationsAndProfile();
    void apigAnswersEveryOtherOrigin();
    void nothingIsTrustedWithoutAdvancedApiType();
    void json();
};

#ifndef Q_MOC_RUN

namespace {
Tenant tenantFrom(const QString &json)
{
    JsonProblems problems;
    const auto tenant =
        BundleReader::readTenant(QJsonDocument::fromJson(json.toUtf8()).object(), u"tenant"_s, &problems);
    if (!tenant)
        qFatal("bad test tenant");
    return *tenant;
}

QStringList patterns(const QList<EffectiveOrigin> &origins)
{
    QStringList result;
    for (const EffectiveOrigin &origin : origins)
        result.append(origin.pattern);
    return result;
}
} // namespace

void tst_EffectiveOrigin::rulesApplicationsAndProfile()
{
    const Tenant tenant = tenantFrom(uR"({"name": "t", "profile": "webmethods", "rules": [
        {"domain": "shop.acme.example", "protocols": ["https"], "allowCredentials": true},
        {"domain": "*.admin.acme.example", "protocols": ["http", "https"]},
        {"domain": "localhost", "protocols": ["http"], "ports": ["3000-3999", "8080"]},
        {"domain": "old.acme.example", "enabled": false},
        {"domain": "regex:https://(eu|us)\\.acme\\.example"},
        {"domain": "*", "protocols": ["https"]},
        {"domain": "null"}],
      "applications": [{"name": "Portal", "origins": ["https://portal.acme.example"], "rule": "shop.acme.example"},
                       {"name": "Kiosk", "origins": ["https://kiosk.acme.example"]}]})"_s);
    const QList<EffectiveOrigin> origins = EffectiveOrigin::of(tenant);
    QCOMPARE(patterns(origins),
             (QStringList { u"https://shop.acme.example"_s, u"http://*.admin.acme.example"_s,
                            u"https://*.admin.acme.example"_s, u"http://localhost:3000-3999,8080"_s,
                            u"regex:https://(eu|us)\\.acme\\.example"_s, u"https://*:*"_s, u"null"_s,
                            u"https://portal.acme.example"_s, u"https://kiosk.acme.example"_s }));
    QCOMPARE(origins[0].source, EffectiveOrigin::Source::Rule);
    QCOMPARE(origins[0].rule, 0);
    QVERIFY(origins[0].credentials);
    QCOMPARE(origins[0].from, u"rules[0] \"shop.acme.example\""_s);
    QCOMPARE(origins[4].rule, 4); // the disabled rule is not trusted
    const EffectiveOrigin &portal = origins[7];
    QCOMPARE(portal.source, EffectiveOrigin::Source::Application);
    QCOMPARE(portal.application, 0);
    QCOMPARE(portal.rule, 0);
    QVERIFY(portal.credentials); // it gets the rule's credentials
    QCOMPARE(portal.from, u"application \"Portal\" (settings of rules[0] \"shop.acme.example\")"_s);
    // An application without a rule gets the first enabled rule (seeds/003).
    QCOMPARE(origins[8].rule, 0);
}

void tst_EffectiveOrigin::apigAnswersEveryOtherOrigin()
{
    const Tenant tenant = tenantFrom(
        uR"({"name": "t", "profile": "apig", "rules": [{"domain": "app.acme.example", "protocols": ["https"]}]})"_s);
    const QList<EffectiveOrigin> origins = EffectiveOrigin::of(tenant);
    QCOMPARE(patterns(origins), (QStringList { u"https://app.acme.example"_s, u"*"_s }));
    QCOMPARE(origins.last().source, EffectiveOrigin::Source::Profile);
    QCOMPARE(origins.last().rule, -1);
    QVERIFY(!origins.last().credentials);

    Tenant passthrough = tenant;
    passthrough.backendMerge = BackendMerge::PassthroughIfNoRule; // the backend answers the others
    QCOMPARE(patterns(EffectiveOrigin::of(passthrough)), QStringList { u"https://app.acme.example"_s });
}

void tst_EffectiveOrigin::nothingIsTrustedWithoutAdvancedApiType()
{
    const Tenant tenant = tenantFrom(
        uR"({"name": "t", "apiType": "intermediate", "rules": [{"domain": "app.acme.example"}]})"_s);
    QVERIFY(EffectiveOrigin::of(tenant).isEmpty());
}

void tst_EffectiveOrigin::json()
{
    EffectiveOrigin origin;
    origin.pattern = u"https://a.example"_s;
    origin.source = EffectiveOrigin::Source::Application;
    origin.rule = 2;
    origin.application = 1;
    origin.from = u"application \"A\""_s;
    origin.credentials = true;
    const QJsonObject json = origin.toJson();
    QCOMPARE(json.value(u"pattern"_s).toString(), u"https://a.example"_s);
    QCOMPARE(json.value(u"source"_s).toString(), u"application"_s);
    QCOMPARE(json.value(u"rule"_s).toInt(), 2);
    QCOMPARE(json.value(u"application"_s).toInt(), 1);
    QCOMPARE(json.value(u"credentials"_s).toBool(), true);
    origin.source = EffectiveOrigin::Source::Profile;
    origin.rule = -1;
    QVERIFY(origin.toJson().value(u"rule"_s).isNull());
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(tst_EffectiveOrigin)
#include "tst_effectiveorigin.moc"
