#include "bundle/bundlereader.h"
#include "bundle/bundlewriter.h"

#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

class tst_BundleReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void demoBundle();
    void problems_data();
    void problems();
    void everyProblemAtOnce();
    void normalizesDomains();
    void defaults();
};

#ifndef Q_MOC_RUN

namespace {
QByteArray bundleWith(const QByteArray &rules)
{
    return R"({"format": "cors-studio-bundle", "version": 1, "tenants": [{"name": "t", "rules": [)" + rules
        + "]}]}";
}
} // namespace

void tst_BundleReader::demoBundle()
{
    QFile file(u":/cors/demo/demo.corsbundle.json"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    JsonProblems problems;
    const auto bundle = BundleReader::read(file.readAll(), &problems);
    QVERIFY2(bundle, qPrintable(problems.value(0).toString()));
    QCOMPARE(bundle->tenantNames(),
             (QStringList { u"acme-storefront"_s, u"boomi-atom-cloud"_s, u"partner-gateway"_s,
                            u"apig-open-data"_s }));
    // One tenant per profile.
    QSet<Profile> profiles;
    for (const Tenant &tenant : bundle->tenants)
        profiles.insert(tenant.profile);
    QCOMPARE(profiles.size(), 4);
}

void tst_BundleReader::problems_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("problem");

    QTest::newRow("the issue's example")
        << bundleWith(R"({"domain": "a.example"}, {"domain": "b.example"}, {"domain": "c.example"},
        {"domain": "d.example", "ports": [8080, "80a"]})")
        << u"tenants[0].rules[3].ports[1]: \"80a\" is not a port or range (1–65535, or first-last such as 3000-3999)"_s;
    QTest::newRow("syntax error with line and column")
        << QByteArray("{\n  \"format\": \"cors-studio-bundle\",\n  \"version\": 1\n  \"tenants\": []\n}")
        << u"line 4, column 4: invalid JSON: unterminated object"_s;
    QTest::newRow("not a bundle")
        << QByteArray(R"({"tenants": []})")
        << u"format: is missing: this is not a CORS Studio bundle (expected \"format\": \"cors-studio-bundle\")"_s;
    QTest::newRow("other format")
        << QByteArray(R"({"format": "har", "version": 1})")
        << u"format: \"har\" is not \"cors-studio-bundle\": this is not a CORS Studio bundle"_s;
    QTest::newRow("newer version")
        << QByteArray(R"({"format": "cors-studio-bundle", "version": 2, "tenants": []})")
        << u"version: 2 is newer than this CORS Studio understands (it reads version 1); open it with a newer CORS Studio"_s;
    QTest::newRow("version as string")
        << QByteArray(R"({"format": "cors-studio-bundle", "version": "1", "tenants": []})")
        << u"version: a string is not a bundle version this CORS Studio reads (it reads version 1)"_s;
    QTest::newRow("top level array") << QByteArray(
        "[]") << u"expected a bundle object {\"format\": \"cors-studio-bundle\", ...}, found an array"_s;
    QTest::newRow("tenants missing") << QByteArray(R"({"format": "cors-studio-bundle", "version": 1})")
                                     << u"tenants: is required"_s;
    QTest::newRow("unknown field")
        << bundleWith(R"({"domain": "a.example", "allowCredential": true})")
        << u"tenants[0].rules[0].allowCredential: unknown field (expected one of: domain, protocols, ports, methods, allowHeaders, exposeHeaders, allowCredentials, cachePreflight, maxAge, enabled, note)"_s;
    QTest::newRow("wrong type") << bundleWith(R"({"domain": "a.example", "methods": "GET"})")
                                << u"tenants[0].rules[0].methods: expected an array, found a string"_s;
    QTest::newRow("wrong item type")
        << bundleWith(R"({"domain": "a.example", "methods": ["GET", 7]})")
        << u"tenants[0].rules[0].methods[1]: expected a string, found a number"_s;
    QTest::newRow("bad domain")
        << bundleWith(R"({"domain": "api.*.example"})")
        << u"tenants[0].rules[0].domain: 'api.*.example': '*' is only allowed alone or as a leading '*.' (as in *.example.com); use regex: for other patterns"_s;
    QTest::newRow("domain missing") << bundleWith(R"({"methods": ["GET"]})")
                                    << u"tenants[0].rules[0].domain: is required"_s;
    QTest::newRow("bad protocol")
        << bundleWith(R"({"domain": "a.example", "protocols": ["https", "ftp"]})")
        << u"tenants[0].rules[0].protocols[1]: \"ftp\" is not a protocol (use \"http\" or \"https\")"_s;
    QTest::newRow("fractional port") << bundleWith(R"({"domain": "a.example", "ports": [80.5]})")
                                     << u"tenants[0].rules[0].ports[0]: 80.5 is not a port (1–65535)"_s;
    QTest::newRow("port of another type")
        << bundleWith(R"({"domain": "a.example", "ports": [true]})")
        << u"tenants[0].rules[0].ports[0]: expected a port number or a \"first-last\" range, found a boolean"_s;
    QTest::newRow("negative max age")
        << bundleWith(R"({"domain": "a.example", "maxAge": -1})")
        << u"tenants[0].rules[0].maxAge: -1 is not a whole number from 0 to 2147483647"_s;
    QTest::newRow("bad method")
        << bundleWith(R"({"domain": "a.example", "methods": ["GET", "PO ST"]})")
        << u"tenants[0].rules[0].methods[1]: \"PO ST\" is not a valid method (letters, digits and !#$%&'*+-.^_`|~ only)"_s;
    QTest::newRow("bad profile")
        << QByteArray(
               R"({"format": "cors-studio-bundle", "version": 1, "tenants": [{"name": "t", "profile": "nginx"}]})")
        << u"tenants[0].profile: \"nginx\" is not one of \"strict\", \"boomi\", \"webmethods\", \"apig\""_s;
    QTest::newRow("duplicate tenant") << QByteArray(
        R"({"format": "cors-studio-bundle", "version": 1, "tenants": [{"name": "t"}, {"name": "t"}]})")
                                      << u"tenants[1].name: another tenant is already called \"t\""_s;
    QTest::newRow("application origin")
        << QByteArray(
               R"({"format": "cors-studio-bundle", "version": 1, "tenants": [{"name": "t", "applications": [{"name": "a", "origins": ["https://a.example/app"]}]}]})")
        << u"tenants[0].applications[0].origins[0]: 'https://a.example/app' has a path ('/app'); an origin is only scheme, host and port, like https://a.example"_s;
    QTest::newRow("application rule reference")
        << QByteArray(
               R"({"format": "cors-studio-bundle", "version": 1, "tenants": [{"name": "t", "applications": [{"name": "a", "rule": "missing.example"}]}]})")
        << u"tenants[0].applications[0]: application \"a\" refers to the rule \"missing.example\", which does not exist or is disabled"_s;
    QTest::newRow("domain scheme against protocols")
        << bundleWith(R"({"domain": "https://a.example", "protocols": ["http"]})")
        << u"tenants[0].rules[0].protocols: the domain \"https://a.example\" says https:// but the rule does not allow HTTPS"_s;
}

void tst_BundleReader::problems()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, problem);
    JsonProblems problems;
    QVERIFY(!BundleReader::read(json, &problems));
    QVERIFY(!problems.isEmpty());
    QCOMPARE(problems.first().toString(), problem);
}

void tst_BundleReader::everyProblemAtOnce()
{
    JsonProblems problems;
    QVERIFY(!BundleReader::read(
        bundleWith(
            R"({"domain": "a b"}, {"domain": "ok.example", "ports": ["x"]}, {"domain": "c.example", "maxAge": "10"})"),
        &problems));
    QCOMPARE(problems.size(), 3);
    QCOMPARE(problems[0].path, u"tenants[0].rules[0].domain"_s);
    QCOMPARE(problems[1].path, u"tenants[0].rules[1].ports[0]"_s);
    QCOMPARE(problems[2].path, u"tenants[0].rules[2].maxAge"_s);
}

void tst_BundleReader::normalizesDomains()
{
    JsonProblems problems;
    const auto bundle = BundleReader::read(bundleWith(R"({"domain": "http://LocalHost:3000"})"), &problems);
    QVERIFY(bundle);
    const Rule &rule = bundle->tenants.first().rules.first();
    QCOMPARE(rule.domain, u"localhost"_s);
    QCOMPARE(rule.protocols, Protocols(Protocol::Http));
    QCOMPARE(rule.ports.toStringList(), QStringList { u"3000"_s });
}

void tst_BundleReader::defaults()
{
    JsonProblems problems;
    const auto bundle = BundleReader::read(bundleWith(R"({"domain": "a.example"})"), &problems);
    QVERIFY(bundle);
    const Tenant &tenant = bundle->tenants.first();
    QCOMPARE(tenant.apiType, ApiType::Advanced);
    QCOMPARE(tenant.profile, Profile::Strict);
    QCOMPARE(tenant.backendMerge, BackendMerge::GatewayWins);
    const Rule &rule = tenant.rules.first();
    QCOMPARE(rule.protocols, Protocol::Http | Protocol::Https);
    QVERIFY(rule.ports.isDefault());
    QVERIFY(rule.enabled);
    QVERIFY(!rule.allowCredentials);
}

#endif // Q_MOC_RUN

QTEST_APPLESS_MAIN(tst_BundleReader)
#include "tst_bundlereader.moc"
