// ConfigExporter and ExportPlan: what every target refuses or states, the checksum, and the
// precedence order of the origin expressions. The real servers are held to the configurations
// in tst_nginxexport, tst_apacheexport and tst_expressexport.

#include "bundle/bundlewriter.h"
#include "export/configexporter.h"
#include "export/exportplan.h"
#include "export/tenantchecksum.h"

#include <QCryptographicHash>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

namespace {

Rule makeRule(const QString &domain, const QStringList &methods = { u"GET"_s })
{
    Rule rule;
    rule.domain = domain;
    rule.methods = methods;
    return rule;
}

Tenant strictTenant()
{
    Tenant tenant;
    tenant.name = u"shop"_s;
    tenant.rules = { makeRule(u"app.example.com"_s), makeRule(u"*.example.com"_s) };
    return tenant;
}

const QList<ExportFormat> kServerFormats = { ExportFormat::Nginx, ExportFormat::Apache,
                                             ExportFormat::Express };

bool hasIssue(const ExportResult &result, ExportIssue::Kind kind, int rule, const QString &text)
{
    for (const ExportIssue &issue : result.issues) {
        if (issue.kind == kind && issue.rule == rule && issue.message.contains(text))
            return true;
    }
    return false;
}

} // namespace

class tst_ConfigExporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusedTenants_data();
    void refusedTenants();
    void statedDifferences_data();
    void statedDifferences();
    void refusedRules_data();
    void refusedRules();
    void checksum();
    void headerComment_data();
    void headerComment();
    void precedence();
    void envoyIsNotOffered();
    void formatNames();
};

void tst_ConfigExporter::refusedTenants_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<Tenant>("tenant");
    QTest::addColumn<QString>("reason");
    for (const ExportFormat format : kServerFormats) {
        const QString name = exportFormatName(format);
        for (const Profile profile : { Profile::Boomi, Profile::WebMethods, Profile::Apig }) {
            Tenant tenant = strictTenant();
            tenant.profile = profile;
            QTest::addRow("%s: %s profile", qPrintable(name), qPrintable(profileName(profile)))
                << int(format) << tenant << u"uses the %1 profile"_s.arg(profileName(profile));
        }
        Tenant basic = strictTenant();
        basic.apiType = ApiType::Basic;
        QTest::addRow("%s: basic API", qPrintable(name)) << int(format) << basic << u"API Type basic"_s;
    }
}

void tst_ConfigExporter::refusedTenants()
{
    QFETCH(int, format);
    QFETCH(Tenant, tenant);
    QFETCH(QString, reason);
    const ExportResult result = ConfigExporter::exportTenant(tenant, ExportFormat(format));
    QVERIFY(!result.isExported());
    QVERIFY(hasIssue(result, ExportIssue::Kind::Refused, -1, reason));
    QCOMPARE(result.tenant, tenant.name);
}

void tst_ConfigExporter::statedDifferences_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<Tenant>("tenant");
    QTest::addColumn<QString>("statement");
    for (const ExportFormat format : kServerFormats) {
        const QString name = exportFormatName(format);
        Tenant token = strictTenant();
        token.authentication.type = Authentication::Type::Token;
        token.authentication.header = u"X-API-Key"_s;
        token.authentication.value = u"secret"_s;
        QTest::addRow("%s: token authentication", qPrintable(name))
            << int(format) << token << u"authentication is not exported"_s;
        Tenant merge = strictTenant();
        merge.backendMerge = BackendMerge::BackendWins;
        QTest::addRow("%s: backend-wins", qPrintable(name))
            << int(format) << merge << u"backend-wins is exported as gateway-wins"_s;
        Tenant passthrough = strictTenant();
        passthrough.backendMerge = BackendMerge::PassthroughIfNoRule;
        QTest::addRow("%s: passthrough", qPrintable(name))
            << int(format) << passthrough << u"where the engine passes it to the backend"_s;
        QTest::addRow("%s: canonical origins", qPrintable(name))
            << int(format) << strictTenant() << u"not a canonical serialized origin"_s;
        QTest::addRow("%s: rejection body", qPrintable(name))
            << int(format) << strictTenant() << u"without the engine's reason"_s;
    }
    QTest::newRow("nginx: method grammar")
        << int(ExportFormat::Nginx) << strictTenant() << u"400 Bad Request"_s;
    QTest::newRow("nginx: header case")
        << int(ExportFormat::Nginx) << strictTenant() << u"cannot change their case"_s;
    QTest::newRow("express: Node methods")
        << int(ExportFormat::Express) << strictTenant() << u"http.METHODS"_s;
    QTest::newRow("apache: fix_vary") << int(ExportFormat::Apache) << strictTenant() << u"fix_vary"_s;
}

void tst_ConfigExporter::statedDifferences()
{
    QFETCH(int, format);
    QFETCH(Tenant, tenant);
    QFETCH(QString, statement);
    const ExportResult result = ConfigExporter::exportTenant(tenant, ExportFormat(format));
    QVERIFY(result.isExported());
    QVERIFY2(hasIssue(result, ExportIssue::Kind::Differs, -1, statement), qPrintable(statement));
    // Every statement is in the configuration's header comment too.
    for (const ExportIssue &issue : result.issues)
        QVERIFY2(QString::fromUtf8(result.text).contains(issue.message), qPrintable(issue.message));
}

void tst_ConfigExporter::refusedRules_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("domain");
    QTest::addColumn<bool>("refused");
    QTest::addColumn<QString>("reason");
    const QString named = u"regex:https://(?<env>dev|qa)\\.example\\.com"_s;
    const QString atomic = u"regex:https://(?>dev|qa)\\.example\\.com"_s;
    const QString spaced = u"regex:https://(dev|qa)\\.example\\.com(?# a comment)"_s;
    const QString unicode = u"regex:https://bücher\\.example"_s;
    QTest::newRow("nginx: named group") << int(ExportFormat::Nginx) << named << true << u"named group"_s;
    QTest::newRow("apache: named group") << int(ExportFormat::Apache) << named << false << QString();
    QTest::newRow("express: named group") << int(ExportFormat::Express) << named << false << QString();
    QTest::newRow("nginx: atomic group") << int(ExportFormat::Nginx) << atomic << false << QString();
    QTest::newRow("apache: atomic group") << int(ExportFormat::Apache) << atomic << false << QString();
    QTest::newRow("express: atomic group") << int(ExportFormat::Express) << atomic << true << u"JavaScript"_s;
    QTest::newRow("apache: space") << int(ExportFormat::Apache) << spaced << true << u"a space or a quote"_s;
    QTest::newRow("express: comment") << int(ExportFormat::Express) << spaced << true << u"JavaScript"_s;
    for (const ExportFormat format : kServerFormats)
        QTest::addRow("%s: non-ASCII", qPrintable(exportFormatName(format)))
            << int(format) << unicode << true << u"ASCII"_s;
}

void tst_ConfigExporter::refusedRules()
{
    QFETCH(int, format);
    QFETCH(QString, domain);
    QFETCH(bool, refused);
    QFETCH(QString, reason);
    Tenant tenant = strictTenant();
    tenant.rules.insert(1, makeRule(domain));
    const ExportResult result = ConfigExporter::exportTenant(tenant, ExportFormat(format));
    QVERIFY(result.isExported());
    QCOMPARE(result.refusedRules(), refused ? QList<int> { 1 } : QList<int> {});
    if (refused) {
        QVERIFY(hasIssue(result, ExportIssue::Kind::Refused, 1, reason));
        QVERIFY(hasIssue(result, ExportIssue::Kind::Refused, 1, u"as if the rule were disabled"_s));
    }
}

void tst_ConfigExporter::checksum()
{
    const Tenant tenant = strictTenant();
    const QString checksum = TenantChecksum::of(tenant);
    // The definition: SHA-256 of BundleWriter's bytes for a bundle of this one tenant.
    Bundle bundle;
    bundle.tenants = { tenant };
    QCOMPARE(
        checksum,
        u"sha256:"_s
            + QString::fromLatin1(
                QCryptographicHash::hash(BundleWriter::write(bundle), QCryptographicHash::Sha256).toHex()));
    QCOMPARE(TenantChecksum::canonicalJson(tenant), BundleWriter::write(bundle));
    // Independent of the tenants beside it; changed by any change of its rules.
    Tenant other = strictTenant();
    other.name = u"other"_s;
    bundle.tenants.append(other);
    QCOMPARE(TenantChecksum::of(bundle.tenants.first()), checksum);
    Tenant changed = tenant;
    changed.rules[0].maxAge = 1;
    QVERIFY(TenantChecksum::of(changed) != checksum);
    for (const ExportFormat format : kServerFormats) {
        const ExportResult result = ConfigExporter::exportTenant(tenant, format);
        QCOMPARE(result.checksum, checksum);
        QVERIFY(result.text.contains(checksum.toLatin1()));
    }
}

void tst_ConfigExporter::headerComment_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QByteArray>("comment");
    QTest::newRow("nginx") << int(ExportFormat::Nginx) << QByteArray("# ");
    QTest::newRow("apache") << int(ExportFormat::Apache) << QByteArray("# ");
    QTest::newRow("express") << int(ExportFormat::Express) << QByteArray("// ");
}

void tst_ConfigExporter::headerComment()
{
    QFETCH(int, format);
    QFETCH(QByteArray, comment);
    const ExportResult result = ConfigExporter::exportTenant(strictTenant(), ExportFormat(format));
    QVERIFY(result.text.startsWith(QByteArray(comment + "Generated by CORS Studio")));
    QVERIFY(result.text.contains(QByteArray(comment + "tenant:   shop\n")));
    QVERIFY(result.text.contains(QByteArray(comment + "profile:  strict\n")));
    QVERIFY(result.text.contains(QByteArray(comment + "checksum: sha256:")));
}

void tst_ConfigExporter::precedence()
{
    // RuleIndex's order, whatever the list order: exact hosts, wildcards (most specific parent
    // first), regexes, applications' origins, "*"; "null" for the opaque origin.
    Tenant tenant;
    tenant.name = u"order"_s;
    tenant.rules = { makeRule(u"*"_s),
                     makeRule(u"regex:https://.*"_s),
                     makeRule(u"*.example.com"_s),
                     makeRule(u"*.api.example.com"_s),
                     makeRule(u"app.example.com"_s),
                     makeRule(u"null"_s),
                     makeRule(u"b.example.com"_s) };
    tenant.rules[6].enabled = false;
    tenant.applications = { { u"dashboard"_s, { u"https://dash.test"_s }, u"app.example.com"_s } };
    const ExportPlan plan(tenant, {});
    QList<int> rules;
    QList<int> applications;
    for (const ExportPlan::Entry &entry : plan.entries()) {
        rules.append(entry.rule);
        applications.append(entry.application);
    }
    QCOMPARE(rules, (QList<int> { 5, 4, 3, 2, 1, 4, 0 }));
    QCOMPARE(applications, (QList<int> { -1, -1, -1, -1, -1, 0, -1 }));
    QCOMPARE(plan.exportedRules(), (QList<int> { 0, 1, 2, 3, 4, 5 }));
    QVERIFY(plan.variesByOrigin());

    // A refused rule is left out as if disabled.
    const ExportPlan refusing(tenant, [](const Rule &rule, int) {
        return rule.domain.startsWith(u"regex:") ? u"no"_s : QString();
    });
    QVERIFY(!refusing.effectiveTenant().rules[1].enabled);
    QCOMPARE(refusing.exportedRules(), (QList<int> { 0, 2, 3, 4, 5 }));
}

void tst_ConfigExporter::envoyIsNotOffered()
{
    const ExportResult result = ConfigExporter::exportTenant(strictTenant(), ExportFormat::Envoy);
    QVERIFY(!result.isExported());
    QVERIFY(hasIssue(result, ExportIssue::Kind::Refused, -1, u"Envoy"_s));
}

void tst_ConfigExporter::formatNames()
{
    for (const QString &name : exportFormatNames())
        QCOMPARE(exportFormatName(*exportFormatFromName(name)), name);
    QVERIFY(!exportFormatNames().contains(u"envoy"_s));
    QCOMPARE(exportFormatFromName(u"envoy"), ExportFormat::Envoy);
    QVERIFY(!exportFormatFromName(u"bundle"));
    QVERIFY(!exportFormatFromName(u"Nginx"));
}

QTEST_GUILESS_MAIN(tst_ConfigExporter)
#include "tst_configexporter.moc"
