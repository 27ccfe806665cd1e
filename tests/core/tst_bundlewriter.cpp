#include "bundle/bundlereader.h"
#include "bundle/bundlewriter.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

class tst_BundleWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripDemo();
    void roundTripEveryField();
    void readableKeyOrder();
};

void tst_BundleWriter::roundTripDemo()
{
    QFile file(u":/cors/demo/demo.corsbundle.json"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    JsonProblems problems;
    const auto bundle = BundleReader::read(file.readAll(), &problems);
    QVERIFY(bundle);
    const QByteArray written = BundleWriter::write(*bundle);
    const auto again = BundleReader::read(written, &problems);
    QVERIFY2(again, qPrintable(problems.value(0).toString()));
    QCOMPARE(*again, *bundle);
    QCOMPARE(BundleWriter::write(*again), written);
}

void tst_BundleWriter::roundTripEveryField()
{
    Tenant tenant;
    tenant.name = u"Ünïcode tenant"_s;
    tenant.description = u"quotes \" and \\ backslashes\nand lines"_s;
    tenant.production = true;
    tenant.apiType = ApiType::Intermediate;
    tenant.profile = Profile::WebMethods;
    tenant.backendMerge = BackendMerge::PassthroughIfNoRule;
    tenant.authentication = { Authentication::Type::Token, {}, {}, u"X-API-Key"_s, u"k=1;2"_s };
    Rule rule;
    rule.domain = u"regex:https://(a|b)\\.example\\.com(:\\d+)?"_s;
    rule.protocols = Protocol::Https;
    rule.ports = *PortSet::parse({ u"443"_s, u"8000-8999"_s });
    rule.methods = { u"GET"_s, u"patch"_s, u"*"_s };
    rule.allowHeaders = { u"*"_s, u"Authorization"_s };
    rule.exposeHeaders = { u"X-Total"_s };
    rule.allowCredentials = true;
    rule.cachePreflight = true;
    rule.maxAge = 7200;
    rule.enabled = false;
    rule.note = u"disabled while the console migrates"_s;
    Rule any;
    any.domain = u"*"_s;
    any.ports = PortSet::any();
    Rule opaque;
    opaque.domain = u"null"_s;
    tenant.rules = { rule, any, opaque };
    tenant.applications = {
        { u"Portal"_s, { u"https://portal.example"_s, u"http://localhost:3000"_s }, u"*"_s }
    };
    Bundle bundle;
    bundle.tenants = { tenant };

    JsonProblems problems;
    const auto read = BundleReader::read(BundleWriter::write(bundle), &problems);
    QVERIFY2(read, qPrintable(problems.value(0).toString()));
    QCOMPARE(*read, bundle);
}

void tst_BundleWriter::readableKeyOrder()
{
    Tenant tenant;
    tenant.name = u"t"_s;
    Rule rule;
    rule.domain = u"a.example"_s;
    tenant.rules = { rule };
    Bundle bundle;
    bundle.tenants = { tenant };
    const QByteArray text = BundleWriter::write(bundle);
    QVERIFY(text.startsWith("{\n  \"format\": \"cors-studio-bundle\",\n  \"version\": 1,\n  \"tenants\": ["));
    QVERIFY(text.indexOf("\"name\"") < text.indexOf("\"profile\""));
    QVERIFY(text.indexOf("\"domain\"") < text.indexOf("\"protocols\""));
    QVERIFY(text.contains("\"protocols\": [\"http\", \"https\"]"));
    // Still JSON any parser reads.
    QVERIFY(!QJsonDocument::fromJson(text).isNull());
}

QTEST_APPLESS_MAIN(tst_BundleWriter)
#include "tst_bundlewriter.moc"
