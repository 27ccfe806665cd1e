#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// corsctl lint, run as a process the way CI runs it: text for people, JSON for machines, and
// exit status 3 with --fail-on when a finding at or above the threshold exists.
class tst_CorsctlLint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exitStatus_data();
    void exitStatus();
    void jsonShape();
    void demoBundle();
    void textFormat();
    void oneTenant();
    void effectiveOrigins();
    void apiUrl();
    void listChecks();
    void workspaceLintsAsItsBundle();
    void badInput_data();
    void badInput();
    void usageErrors_data();
    void usageErrors();
    void help();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QString err;
    };
    Run corsctl(const QStringList &arguments);
    QString write(const QString &name, const QByteArray &content);
    QString bundle(const QString &name, const QByteArray &tenants);

    QTemporaryDir m_dir;
    const QString m_demo = QStringLiteral(CORS_DEMO_BUNDLE);
};

#ifndef Q_MOC_RUN

namespace {
// One tenant of each kind: an error (* with credentials), only a warning (an http origin
// without credentials), only info (a wildcard without credentials), and nothing at all.
const QByteArray kError =
    R"({"name": "open", "rules": [{"domain": "*", "protocols": ["https"], "methods": ["PUT"],
    "allowHeaders": ["Content-Type"], "allowCredentials": true, "cachePreflight": true, "maxAge": 600}]})";
const QByteArray kWarning =
    R"({"name": "plain-http", "rules": [{"domain": "app.acme.example", "protocols": ["http", "https"],
    "methods": ["PUT"], "allowHeaders": ["Content-Type"], "cachePreflight": true, "maxAge": 600}]})";
const QByteArray kInfo = R"({"name": "regions", "rules": [{"domain": "*.acme.example", "protocols": ["https"],
    "methods": ["PUT"], "allowHeaders": ["Content-Type"], "cachePreflight": true, "maxAge": 600}]})";
const QByteArray kClean =
    R"({"name": "clean", "rules": [{"domain": "app.acme.example", "protocols": ["https"],
    "methods": ["PUT"], "allowHeaders": ["Content-Type"], "cachePreflight": true, "maxAge": 600}]})";
} // namespace

tst_CorsctlLint::Run tst_CorsctlLint::corsctl(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(CORSCTL), arguments);
    if (!process.waitForFinished(30000))
        qFatal("corsctl did not finish");
    return { process.exitCode(), process.readAllStandardOutput(),
             QString::fromUtf8(process.readAllStandardError()) };
}

QString tst_CorsctlLint::write(const QString &name, const QByteArray &content)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(name));
    file.write(content);
    return file.fileName();
}

QString tst_CorsctlLint::bundle(const QString &name, const QByteArray &tenants)
{
    return write(name, R"({"format": "cors-studio-bundle", "version": 1, "tenants": [)" + tenants + "]}");
}

void tst_CorsctlLint::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_CorsctlLint::exitStatus_data()
{
    QTest::addColumn<QByteArray>("tenant");
    QTest::addColumn<QString>("failOn");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("error, no threshold: a result") << kError << QString() << 0;
    QTest::newRow("error, fail on error") << kError << u"error"_s << 3;
    QTest::newRow("error, fail on warning") << kError << u"warning"_s << 3;
    QTest::newRow("warning, fail on error") << kWarning << u"error"_s << 0;
    QTest::newRow("warning, fail on warning") << kWarning << u"warning"_s << 3;
    QTest::newRow("info, fail on warning") << kInfo << u"warning"_s << 0;
    QTest::newRow("info, fail on info") << kInfo << u"info"_s << 3;
    QTest::newRow("clean, fail on info") << kClean << u"info"_s << 0;
}

void tst_CorsctlLint::exitStatus()
{
    QFETCH(QByteArray, tenant);
    QFETCH(QString, failOn);
    QFETCH(int, exitCode);
    QStringList arguments = { u"lint"_s, u"--bundle"_s, bundle(u"b.corsbundle.json"_s, tenant) };
    if (!failOn.isEmpty())
        arguments += { u"--fail-on"_s, failOn };
    const Run run = corsctl(arguments);
    QVERIFY2(run.exitCode == exitCode, qPrintable(run.err + QString::fromUtf8(run.out)));
    QVERIFY(run.err.isEmpty());
}

void tst_CorsctlLint::jsonShape()
{
    const Run run = corsctl({ u"lint"_s, u"--bundle"_s,
                              bundle(u"b.corsbundle.json"_s, kError + ',' + kWarning + ',' + kClean),
                              u"--format"_s, u"json"_s });
    QCOMPARE(run.exitCode, 0);
    QJsonParseError error;
    const QJsonObject output = QJsonDocument::fromJson(run.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonArray tenants = output.value(u"tenants"_s).toArray();
    QCOMPARE(tenants.size(), 3);
    int errors = 0;
    int warnings = 0;
    int infos = 0;
    for (const QJsonValue &value : tenants) {
        const QJsonObject tenant = value.toObject();
        QVERIFY(tenant.value(u"tenant"_s).isString());
        QVERIFY(tenant.value(u"profile"_s).isString());
        QVERIFY(tenant.value(u"production"_s).isBool());
        QVERIFY(!tenant.contains(u"effectiveOrigins"_s));
        const QJsonArray findings = tenant.value(u"findings"_s).toArray();
        QMap<QString, int> counted;
        for (const QJsonValue &f : findings) {
            const QJsonObject finding = f.toObject();
            for (const QString &key :
                 { u"id"_s, u"severity"_s, u"field"_s, u"path"_s, u"message"_s, u"fix"_s })
                QVERIFY2(finding.value(key).isString(), qPrintable(key));
            for (const QString &key : { u"rule"_s, u"application"_s, u"item"_s, u"proof"_s })
                QVERIFY2(finding.contains(key), qPrintable(key)); // null when it does not apply
            ++counted[finding.value(u"severity"_s).toString()];
        }
        const QJsonObject counts = tenant.value(u"counts"_s).toObject();
        for (const QString &severity : { u"error"_s, u"warning"_s, u"info"_s })
            QCOMPARE(counts.value(severity).toInt(), counted.value(severity));
        errors += counted.value(u"error"_s);
        warnings += counted.value(u"warning"_s);
        infos += counted.value(u"info"_s);
    }
    const QJsonObject total = output.value(u"counts"_s).toObject();
    QCOMPARE(total.value(u"error"_s).toInt(), errors);
    QCOMPARE(total.value(u"warning"_s).toInt(), warnings);
    QCOMPARE(total.value(u"info"_s).toInt(), infos);

    const QJsonObject open = tenants.at(0).toObject();
    QCOMPARE(open.value(u"tenant"_s).toString(), u"open"_s);
    const QJsonObject first = open.value(u"findings"_s).toArray().at(0).toObject();
    QCOMPARE(first.value(u"id"_s).toString(), u"credentials-with-wildcard"_s);
    QCOMPARE(first.value(u"severity"_s).toString(), u"error"_s);
    QCOMPARE(first.value(u"rule"_s).toInt(), 0);
    QCOMPARE(first.value(u"path"_s).toString(), u"rules[0].allowCredentials"_s);
    QCOMPARE(first.value(u"proof"_s).toString(), u"https://evil.invalid"_s);
    QVERIFY(first.value(u"application"_s).isNull());
    QVERIFY(tenants.at(2).toObject().value(u"findings"_s).toArray().isEmpty());
    // Keys in reading order.
    QVERIFY(run.out.indexOf("\"tenant\"") < run.out.indexOf("\"findings\""));
    QVERIFY(run.out.indexOf("\"id\"") < run.out.indexOf("\"message\""));
}

void tst_CorsctlLint::demoBundle()
{
    // The demo workspace ships without errors.
    const Run run =
        corsctl({ u"lint"_s, u"--bundle"_s, m_demo, u"--format"_s, u"json"_s, u"--fail-on"_s, u"error"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(QString::fromUtf8(run.out)));
    const QJsonObject output = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(output.value(u"tenants"_s).toArray().size(), 4);
    QCOMPARE(output.value(u"counts"_s).toObject().value(u"error"_s).toInt(), 0);
}

void tst_CorsctlLint::textFormat()
{
    const Run run =
        corsctl({ u"lint"_s, u"--bundle"_s, bundle(u"b.corsbundle.json"_s, kError + ',' + kClean) });
    QCOMPARE(run.exitCode, 0);
    const QString text = QString::fromUtf8(run.out);
    QVERIFY2(text.contains(u"open (strict profile): 1 error, 0 warnings"_s), qPrintable(text));
    QVERIFY(text.contains(u"error   rules[0].allowCredentials \"*\"  credentials-with-wildcard"_s));
    QVERIFY(text.contains(u"https://evil.invalid"_s));
    QVERIFY(text.contains(u"fix: "_s));
    QVERIFY(text.contains(u"clean (strict profile): 0 errors, 0 warnings, 0 info"_s));
    QVERIFY(text.contains(u"2 tenants: 1 error, 0 warnings"_s));
}

void tst_CorsctlLint::oneTenant()
{
    const Run run =
        corsctl({ u"lint"_s, u"--bundle"_s, bundle(u"b.corsbundle.json"_s, kError + ',' + kWarning),
                  u"--tenant"_s, u"plain-http"_s, u"--format"_s, u"json"_s, u"--fail-on"_s, u"error"_s });
    QCOMPARE(run.exitCode, 0); // the erroneous tenant was not linted
    const QJsonArray tenants = QJsonDocument::fromJson(run.out).object().value(u"tenants"_s).toArray();
    QCOMPARE(tenants.size(), 1);
    QCOMPARE(tenants.at(0).toObject().value(u"tenant"_s).toString(), u"plain-http"_s);
    QCOMPARE(
        tenants.at(0).toObject().value(u"findings"_s).toArray().at(0).toObject().value(u"id"_s).toString(),
        u"http-origin"_s);
}

void tst_CorsctlLint::effectiveOrigins()
{
    const Run json = corsctl({ u"lint"_s, u"--bundle"_s, m_demo, u"--tenant"_s, u"partner-gateway"_s,
                               u"--format"_s, u"json"_s, u"--effective-origins"_s });
    QCOMPARE(json.exitCode, 0);
    const QJsonArray origins = QJsonDocument::fromJson(json.out)
                                   .object()
                                   .value(u"tenants"_s)
                                   .toArray()
                                   .at(0)
                                   .toObject()
                                   .value(u"effectiveOrigins"_s)
                                   .toArray();
    QCOMPARE(origins.size(), 2);
    QCOMPARE(origins.at(0).toObject().value(u"pattern"_s).toString(), u"https://partners.acme.example"_s);
    QCOMPARE(origins.at(0).toObject().value(u"source"_s).toString(), u"rule"_s);
    QCOMPARE(origins.at(1).toObject().value(u"pattern"_s).toString(),
             u"https://dashboard.reseller.example"_s);
    QCOMPARE(origins.at(1).toObject().value(u"source"_s).toString(), u"application"_s);
    QCOMPARE(origins.at(1).toObject().value(u"application"_s).toInt(), 0);
    QVERIFY(origins.at(1).toObject().value(u"credentials"_s).toBool());

    const Run text = corsctl(
        { u"lint"_s, u"--bundle"_s, m_demo, u"--tenant"_s, u"apig-open-data"_s, u"--effective-origins"_s });
    QVERIFY(text.out.contains("effective origins:"));
    QVERIFY(text.out.contains("profile apig: every other origin gets Access-Control-Allow-Origin: *"));
}

void tst_CorsctlLint::apiUrl()
{
    const QString file = bundle(u"b.corsbundle.json"_s, kWarning);
    QCOMPARE(corsctl({ u"lint"_s, u"--bundle"_s, file, u"--fail-on"_s, u"warning"_s }).exitCode, 3);
    QCOMPARE(corsctl({ u"lint"_s, u"--bundle"_s, file, u"--fail-on"_s, u"warning"_s, u"--api-url"_s,
                       u"https://api.acme.example/v1"_s })
                 .exitCode,
             3);
    // An HTTP-only API is no stronger than an http:// page.
    QCOMPARE(corsctl({ u"lint"_s, u"--bundle"_s, file, u"--fail-on"_s, u"warning"_s, u"--api-url"_s,
                       u"http://api.acme.example/v1"_s })
                 .exitCode,
             0);
}

void tst_CorsctlLint::listChecks()
{
    const Run run = corsctl({ u"lint"_s, u"--list-checks"_s });
    QCOMPARE(run.exitCode, 0);
    for (const char *id : { "credentials-with-wildcard", "regex-prefix-match", "wildcard-public-suffix",
                            "method-case", "apig-answers-any-origin", "shadowed-rule" })
        QVERIFY2(run.out.contains(id), id);
}

void tst_CorsctlLint::workspaceLintsAsItsBundle()
{
    // --workspace W wherever --bundle B: a workspace that imported a bundle lints exactly like it.
    const QString file = bundle(u"ws.corsbundle.json"_s, kError + ',' + kWarning + ',' + kInfo);
    const QString workspace = m_dir.filePath(u"lint.corsworkspace"_s);
    const Run import = corsctl({ u"import"_s, u"--workspace"_s, workspace, file });
    QVERIFY2(import.exitCode == 0, qPrintable(import.err));
    const Run fromBundle = corsctl({ u"lint"_s, u"--bundle"_s, file, u"--format"_s, u"json"_s });
    const Run fromWorkspace = corsctl(
        { u"lint"_s, u"--workspace"_s, workspace, u"--format"_s, u"json"_s, u"--fail-on"_s, u"error"_s });
    QCOMPARE(fromWorkspace.exitCode, 3);
    QVERIFY(!fromBundle.out.isEmpty());
    QCOMPARE(fromWorkspace.out, fromBundle.out);
}

void tst_CorsctlLint::badInput_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing bundle") << QByteArray() << QStringList()
                                    << u"nope.corsbundle.json: cannot read"_s;
    QTest::newRow("broken json") << QByteArray("{\"format\": ") << QStringList()
                                 << u"b.corsbundle.json: line 1, column 12: invalid JSON"_s;
    QTest::newRow("invalid rule")
        << QByteArray(
               R"({"format": "cors-studio-bundle", "version": 1, "tenants": [{"name": "t", "rules": [{"domain": "a.example", "ports": ["80a"]}]}]})")
        << QStringList()
        << u"b.corsbundle.json: tenants[0].rules[0].ports[0]: \"80a\" is not a port or range"_s;
    QTest::newRow("unknown tenant") << QByteArray(
        R"({"format": "cors-studio-bundle", "version": 1, "tenants": [{"name": "t", "rules": []}]})")
                                    << QStringList { u"--tenant"_s, u"nobody"_s }
                                    << u"There is no tenant \"nobody\" (tenants: t)"_s;
}

void tst_CorsctlLint::badInput()
{
    QFETCH(QByteArray, content);
    QFETCH(QStringList, extra);
    QFETCH(QString, message);
    const QString file = content.isEmpty() ? m_dir.filePath(u"nope.corsbundle.json"_s)
                                           : write(u"b.corsbundle.json"_s, content);
    const Run run =
        corsctl(QStringList { u"lint"_s, u"--bundle"_s, file, u"--fail-on"_s, u"error"_s } + extra);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

void tst_CorsctlLint::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no source") << QStringList { u"lint"_s } << u"--bundle or --workspace is required"_s;
    QTest::newRow("both sources") << QStringList { u"lint"_s, u"--bundle"_s, u"b"_s, u"--workspace"_s,
                                                   u"w"_s }
                                  << u"give either --bundle or --workspace, not both"_s;
    QTest::newRow("bad format") << QStringList { u"lint"_s, u"--bundle"_s, u"b"_s, u"--format"_s, u"xml"_s }
                                << u"--format must be text or json"_s;
    QTest::newRow("bad threshold") << QStringList { u"lint"_s, u"--bundle"_s, u"b"_s, u"--fail-on"_s,
                                                    u"fatal"_s }
                                   << u"--fail-on must be error, warning or info"_s;
    QTest::newRow("bad api url") << QStringList { u"lint"_s, u"--bundle"_s, u"b"_s, u"--api-url"_s,
                                                  u"ftp://x"_s }
                                 << u"--api-url must be an http:// or https:// URL"_s;
    QTest::newRow("stray argument") << QStringList { u"lint"_s, u"--bundle"_s, u"b"_s, u"extra"_s }
                                    << u"no positional arguments"_s;
    QTest::newRow("unknown option") << QStringList { u"lint"_s, u"--bundel"_s, u"b"_s }
                                    << u"Unknown option 'bundel'"_s;
}

void tst_CorsctlLint::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run run = corsctl(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

void tst_CorsctlLint::help()
{
    const Run run = corsctl({ u"lint"_s, u"--help"_s });
    QCOMPARE(run.exitCode, 0);
    for (const char *option : { "--bundle", "--workspace", "--tenant", "--format", "--fail-on", "--api-url",
                                "--effective-origins", "--list-checks" })
        QVERIFY2(run.out.contains(option), option);
    QVERIFY(run.out.contains("corsctl lint"));
    const Run overview = corsctl({ u"--help"_s });
    QVERIFY(overview.out.contains("  lint "));
    QVERIFY(overview.out.contains("3 when 'lint --fail-on"));
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(tst_CorsctlLint)
#include "tst_corsctl_lint.moc"
