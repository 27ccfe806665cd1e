#include "bundle/bundle.h"
#include "bundle/bundlereader.h"
#include "bundle/bundlewriter.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

// The JSON Schema shipped in resources/ must accept every bundle CORS Studio writes and reject
// what the reader rejects for structural reasons. Checked with a real validator: Debian's
// python3-jsonschema (installed by scripts/setup.sh).
class tst_BundleSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void acceptsWhatCorsStudioWrites_data();
    void acceptsWhatCorsStudioWrites();
    void rejectsMalformedBundles_data();
    void rejectsMalformedBundles();

private:
    // Returns the validator's error message, or an empty string when `json` is valid.
    QString validate(const QByteArray &json);

    QTemporaryDir m_dir;
    QString m_schema;
};

void tst_BundleSchema::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QFile schema(u":/cors/cors-studio-bundle.schema.json"_s);
    QVERIFY(schema.open(QIODevice::ReadOnly));
    m_schema = m_dir.filePath(u"schema.json"_s);
    QFile copy(m_schema);
    QVERIFY(copy.open(QIODevice::WriteOnly));
    copy.write(schema.readAll());
    copy.close();
    QProcess probe;
    probe.start(u"/usr/bin/python3"_s, { u"-c"_s, u"import jsonschema"_s });
    QVERIFY2(probe.waitForFinished(30000) && probe.exitCode() == 0,
             "python3-jsonschema is missing: run scripts/setup.sh deps test");
}

QString tst_BundleSchema::validate(const QByteArray &json)
{
    const QString document = m_dir.filePath(u"bundle.json"_s);
    QFile file(document);
    if (!file.open(QIODevice::WriteOnly))
        return u"cannot write"_s;
    file.write(json);
    file.close();
    QProcess python;
    python.start(
        u"/usr/bin/python3"_s,
        { u"-c"_s,
          u"import json, sys, jsonschema\n"
          "schema = json.load(open(sys.argv[1]))\n"
          "jsonschema.Draft202012Validator.check_schema(schema)\n"
          "errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))\n"
          "print('; '.join(e.message for e in errors))\n"_s,
          m_schema, document });
    if (!python.waitForFinished(30000) || python.exitCode() != 0)
        return u"validator failed: "_s + QString::fromUtf8(python.readAllStandardError());
    return QString::fromUtf8(python.readAllStandardOutput()).trimmed();
}

void tst_BundleSchema::acceptsWhatCorsStudioWrites_data()
{
    QTest::addColumn<QByteArray>("json");
    QFile demo(u":/cors/demo/demo.corsbundle.json"_s);
    QVERIFY(demo.open(QIODevice::ReadOnly));
    const QByteArray demoJson = demo.readAll();
    QTest::newRow("the demo bundle as shipped") << demoJson;
    JsonProblems problems;
    QTest::newRow("the demo bundle as written")
        << BundleWriter::write(*BundleReader::read(demoJson, &problems));

    Tenant tenant;
    tenant.name = u"every field"_s;
    tenant.authentication = { Authentication::Type::Basic, u"u"_s, u"p"_s, {}, {} };
    Rule rule;
    rule.domain = u"regex:https://.*"_s;
    rule.ports = *PortSet::parse({ u"80"_s, u"3000-3999"_s });
    rule.methods = { u"*"_s };
    Rule any;
    any.domain = u"*"_s;
    any.ports = PortSet::any();
    tenant.rules = { rule, any };
    tenant.applications = { { u"a"_s, { u"https://a.example"_s }, QString() } };
    QTest::newRow("every kind of field") << BundleWriter::write(Bundle { { tenant } });
    QTest::newRow("minimal, defaults left out") << QByteArray(
        R"({"format": "cors-studio-bundle", "version": 1, "tenants": [{"name": "t", "rules": [{"domain": "a.example"}]}]})");
}

void tst_BundleSchema::acceptsWhatCorsStudioWrites()
{
    QFETCH(QByteArray, json);
    JsonProblems problems;
    QVERIFY(BundleReader::read(json, &problems)); // the reader agrees
    const QString errors = validate(json);
    QVERIFY2(errors.isEmpty(), qPrintable(errors));
}

void tst_BundleSchema::rejectsMalformedBundles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("other format") << QByteArray(R"({"format": "x", "version": 1, "tenants": []})")
                                  << u"'cors-studio-bundle' was expected"_s;
    QTest::newRow("version 2") << QByteArray(
        R"({"format": "cors-studio-bundle", "version": 2, "tenants": []})")
                               << u"1 was expected"_s;
    QTest::newRow("unknown field") << QByteArray(
        R"({"format": "cors-studio-bundle", "version": 1, "tenants": [{"name": "t", "rules": [{"domain": "a", "allowCredential": true}]}]})")
                                   << u"Additional properties are not allowed"_s;
    QTest::newRow("port out of range") << QByteArray(
        R"({"format": "cors-studio-bundle", "version": 1, "tenants": [{"name": "t", "rules": [{"domain": "a", "ports": [70000]}]}]})")
                                       << u"is not valid under any of the given schemas"_s;
    QTest::newRow("bad port text") << QByteArray(
        R"({"format": "cors-studio-bundle", "version": 1, "tenants": [{"name": "t", "rules": [{"domain": "a", "ports": ["80a"]}]}]})")
                                   << u"is not valid under any of the given schemas"_s;
    QTest::newRow("bad protocol") << QByteArray(
        R"({"format": "cors-studio-bundle", "version": 1, "tenants": [{"name": "t", "rules": [{"domain": "a", "protocols": ["ftp"]}]}]})")
                                  << u"is not one of"_s;
    QTest::newRow("method with a space") << QByteArray(
        R"({"format": "cors-studio-bundle", "version": 1, "tenants": [{"name": "t", "rules": [{"domain": "a", "methods": ["PO ST"]}]}]})")
                                         << u"does not match"_s;
    QTest::newRow("tenant without a name")
        << QByteArray(R"({"format": "cors-studio-bundle", "version": 1, "tenants": [{}]})")
        << u"'name' is a required property"_s;
}

void tst_BundleSchema::rejectsMalformedBundles()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, errorContains);
    JsonProblems problems;
    QVERIFY(!BundleReader::read(json, &problems)); // the reader agrees
    const QString errors = validate(json);
    QVERIFY2(errors.contains(errorContains), qPrintable(errors));
}

QTEST_GUILESS_MAIN(tst_BundleSchema)
#include "tst_bundleschema.moc"
