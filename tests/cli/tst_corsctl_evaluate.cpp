#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// corsctl evaluate, run as a process the way scripts and CI run it (DESIGN.md, "Command line").
class tst_CorsctlEvaluate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyProfileAnswers_data();
    void everyProfileAnswers();
    void outputContract();
    void backendResponse();
    void tenantFromUrl();
    void badInput_data();
    void badInput();
    void usageErrors_data();
    void usageErrors();
    void help();
    void workspaceAnswersAsItsBundle_data();
    void workspaceAnswersAsItsBundle();
    void tenantSourceErrors_data();
    void tenantSourceErrors();

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QString err;
    };
    Run corsctl(const QStringList &arguments);
    QString write(const QString &name, const QByteArray &content);

    QTemporaryDir m_dir;
    const QString m_demo = QStringLiteral(CORS_DEMO_BUNDLE);
};

#ifndef Q_MOC_RUN

tst_CorsctlEvaluate::Run tst_CorsctlEvaluate::corsctl(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(CORSCTL), arguments);
    if (!process.waitForFinished(30000))
        qFatal("corsctl did not finish");
    return { process.exitCode(), process.readAllStandardOutput(),
             QString::fromUtf8(process.readAllStandardError()) };
}

QString tst_CorsctlEvaluate::write(const QString &name, const QByteArray &content)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(name));
    file.write(content);
    return file.fileName();
}

void tst_CorsctlEvaluate::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void tst_CorsctlEvaluate::everyProfileAnswers_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("allowOrigin");

    const QByteArray preflightFrom =
        R"({"method": "OPTIONS", "url": "https://api.example.net/x", "headers": [["Origin", "%1"], ["Access-Control-Request-Method", "PUT"]]})";
    QTest::newRow("strict accepts") << u"acme-storefront"_s
                                    << QByteArray(preflightFrom).replace("%1", "https://shop.acme.example")
                                    << true << 204 << u"https://shop.acme.example"_s;
    QTest::newRow("strict refuses") << u"acme-storefront"_s
                                    << QByteArray(preflightFrom).replace("%1", "https://evil.example")
                                    << false << 403 << QString();
    QTest::newRow("boomi accepts") << u"boomi-atom-cloud"_s
                                   << QByteArray(preflightFrom).replace("%1", "https://mydomain.com") << true
                                   << 200 << u"https://mydomain.com"_s;
    QTest::newRow("boomi refuses with 200")
        << u"boomi-atom-cloud"_s << QByteArray(preflightFrom).replace("%1", "https://evil.example") << false
        << 200 << QString();
    QTest::newRow("webmethods accepts")
        << u"partner-gateway"_s << QByteArray(preflightFrom).replace("%1", "https://partners.acme.example")
        << true << 200 << u"https://partners.acme.example"_s;
    QTest::newRow("webmethods refuses with 403")
        << u"partner-gateway"_s << QByteArray(preflightFrom).replace("%1", "https://evil.example") << false
        << 403 << QString();
    QTest::newRow("apig answers *") << u"apig-open-data"_s
                                    << QByteArray(preflightFrom).replace("%1", "https://anyone.example")
                                    << true << 200 << u"*"_s;
}

void tst_CorsctlEvaluate::everyProfileAnswers()
{
    QFETCH(QString, tenant);
    QFETCH(QByteArray, request);
    QFETCH(bool, allowed);
    QFETCH(int, status);
    QFETCH(QString, allowOrigin);
    const Run run = corsctl({ u"evaluate"_s, u"--bundle"_s, m_demo, u"--tenant"_s, tenant, u"--request"_s,
                              write(u"req.json"_s, request) });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err)); // a refusal is a result, not an error
    const QJsonObject output = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(output.value(u"kind"_s).toString(), u"preflight"_s);
    QCOMPARE(output.value(u"allowed"_s).toBool(), allowed);
    QCOMPARE(output.value(u"status"_s).toInt(), status);
    QString acao;
    for (const QJsonValue &field : output.value(u"headers"_s).toArray()) {
        if (field.toArray().at(0).toString() == u"Access-Control-Allow-Origin")
            acao = field.toArray().at(1).toString();
    }
    QCOMPARE(acao, allowOrigin);
}

void tst_CorsctlEvaluate::outputContract()
{
    const Run run =
        corsctl({ u"evaluate"_s, u"--bundle"_s, m_demo, u"--tenant"_s, u"boomi-atom-cloud"_s, u"--request"_s,
                  write(u"req.json"_s, R"({"method": "OPTIONS", "url": "https://api.example.net/cors",
        "headers": [["Origin", "https://mydomain.com"], ["Access-Control-Request-Method", "PUT"], ["Access-Control-Request-Headers", "X-Custom-Header"]]})") });
    QCOMPARE(run.exitCode, 0);
    const QJsonObject output = QJsonDocument::fromJson(run.out).object();
    for (const QString &key :
         { u"kind"_s, u"allowed"_s, u"status"_s, u"headers"_s, u"body"_s, u"rule"_s, u"trace"_s })
        QVERIFY2(output.contains(key), qPrintable(key));
    QCOMPARE(output.value(u"rule"_s).toString(), u"mydomain.com"_s);
    const QJsonArray headers = output.value(u"headers"_s).toArray();
    QCOMPARE(headers.at(0).toArray(),
             (QJsonArray { u"Access-Control-Allow-Origin"_s, u"https://mydomain.com"_s }));
    QCOMPARE(headers.at(1).toArray(),
             (QJsonArray { u"Access-Control-Allow-Methods"_s, u"GET, POST, PUT, DELETE"_s }));
    QCOMPARE(headers.at(2).toArray(),
             (QJsonArray { u"Access-Control-Allow-Headers"_s, u"X-Custom-Header, Some-Other-Header"_s }));
    const QJsonArray trace = output.value(u"trace"_s).toArray();
    QVERIFY(trace.size() >= 5);
    for (const QJsonValue &step : trace) {
        QVERIFY(step.toObject().value(u"step"_s).isString());
        QVERIFY(step.toObject().value(u"ok"_s).isBool());
        QVERIFY(!step.toObject().value(u"detail"_s).toString().isEmpty());
    }
    // The keys come in the contract's order, for people reading the output.
    QVERIFY(run.out.indexOf("\"kind\"") < run.out.indexOf("\"allowed\""));
    QVERIFY(run.out.indexOf("\"headers\"") < run.out.indexOf("\"trace\""));
    // A rejected request has "rule": null.
    const Run refused = corsctl(
        { u"evaluate"_s, u"--bundle"_s, m_demo, u"--tenant"_s, u"boomi-atom-cloud"_s, u"--request"_s,
          write(
              u"req.json"_s,
              R"({"url": "https://api.example.net/cors", "headers": [["Origin", "https://evil.example"]]})") });
    QVERIFY(QJsonDocument::fromJson(refused.out).object().value(u"rule"_s).isNull());
}

void tst_CorsctlEvaluate::backendResponse()
{
    const Run run = corsctl(
        { u"evaluate"_s, u"--bundle"_s, m_demo, u"--tenant"_s, u"apig-open-data"_s, u"--request"_s,
          write(u"req.json"_s,
                R"({"url": "http://www.test.com/simple", "headers": [["Origin", "http://www.cors.com"]]})"),
          u"--backend"_s,
          write(
              u"backend.json"_s,
              R"({"status": 200, "headers": [["Content-Type", "application/json"], ["Access-Control-Allow-Origin", "http://www.cors.com"]], "body": "{\"status\":\"200\"}"})") });
    QCOMPARE(run.exitCode, 0);
    const QJsonObject output = QJsonDocument::fromJson(run.out).object();
    const QJsonArray headers = output.value(u"headers"_s).toArray();
    QCOMPARE(headers.last().toArray(),
             (QJsonArray { u"Access-Control-Allow-Origin"_s, u"http://www.cors.com"_s }));
    QCOMPARE(output.value(u"body"_s).toString(), u"{\"status\":\"200\"}"_s);
}

void tst_CorsctlEvaluate::tenantFromUrl()
{
    const Run run = corsctl(
        { u"evaluate"_s, u"--bundle"_s, m_demo, u"--request"_s,
          write(
              u"req.json"_s,
              R"({"url": "https://api.example.net/x?tenant=partner-gateway", "headers": [["Origin", "https://partners.acme.example"], ["X-API-Key", "demo-key-2f9c"]]})") });
    QCOMPARE(run.exitCode, 0);
    const QJsonObject output = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(output.value(u"tenant"_s).toString(), u"partner-gateway"_s);
    QCOMPARE(output.value(u"status"_s).toInt(), 200);
}

void tst_CorsctlEvaluate::badInput_data()
{
    QTest::addColumn<QString>("requestFile");
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("bundle");
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("message");

    const QByteArray good =
        R"({"url": "https://api.example.net/x", "headers": [["Origin", "https://a.example"]]})";
    QTest::newRow("header pair") << u"req.json"_s
                                 << QByteArray(
                                        R"({"url": "https://api.example.net/x", "headers": [["Origin"]]})")
                                 << QString() << u"acme-storefront"_s
                                 << u"req.json: headers[0]: expected a [name, value] pair of two strings"_s;
    QTest::newRow("relative url") << u"req.json"_s << QByteArray(R"({"url": "/x"})") << QString()
                                  << u"acme-storefront"_s
                                  << u"req.json: url: \"/x\" is not an absolute http(s) URL"_s;
    QTest::newRow("broken json") << u"req.json"_s << QByteArray("{\"url\": ") << QString()
                                 << u"acme-storefront"_s << u"req.json: line 1, column 9: invalid JSON"_s;
    QTest::newRow("header injection")
        << u"req.json"_s << QByteArray(R"({"url": "https://a.example/", "headers": [["X", "a\r\nB: c"]]})")
        << QString() << u"acme-storefront"_s
        << u"req.json: headers[0][1]: a header value cannot contain CR, LF or NUL"_s;
    QTest::newRow("missing request file")
        << u"nope.json"_s << QByteArray() << QString() << u"acme-storefront"_s << u"nope.json: cannot read"_s;
    QTest::newRow("unknown tenant") << u"req.json"_s << good << QString() << u"nobody"_s
                                    << u"There is no tenant \"nobody\""_s;
    QTest::newRow("invalid bundle")
        << u"req.json"_s << good << u"bad.corsbundle.json"_s << u"t"_s
        << u"bad.corsbundle.json: tenants[0].rules[0].ports[0]: \"80a\" is not a port or range"_s;
}

void tst_CorsctlEvaluate::badInput()
{
    QFETCH(QString, requestFile);
    QFETCH(QByteArray, request);
    QFETCH(QString, bundle);
    QFETCH(QString, tenant);
    QFETCH(QString, message);
    const QString requestPath = request.isEmpty() ? m_dir.filePath(requestFile) : write(requestFile, request);
    const QString bundlePath = bundle.isEmpty()
        ? m_demo
        : write(
            bundle,
            R"({"format": "cors-studio-bundle", "version": 1, "tenants": [{"name": "t", "rules": [{"domain": "a.example", "ports": ["80a"]}]}]})");
    const Run run = corsctl(
        { u"evaluate"_s, u"--bundle"_s, bundlePath, u"--tenant"_s, tenant, u"--request"_s, requestPath });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

void tst_CorsctlEvaluate::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no request") << QStringList { u"evaluate"_s, u"--bundle"_s, u"b.json"_s }
                                << u"--request is required"_s;
    QTest::newRow("no tenants") << QStringList { u"evaluate"_s, u"--request"_s, u"r.json"_s }
                                << u"--bundle or --workspace is required"_s;
    QTest::newRow("two tenant sources")
        << QStringList { u"evaluate"_s, u"--bundle"_s,  u"b.json"_s, u"--workspace"_s,
                         u"w"_s,        u"--request"_s, u"r"_s }
        << u"give either --bundle or --workspace, not both"_s;
    QTest::newRow("unknown option") << QStringList { u"evaluate"_s, u"--bundel"_s, u"b.json"_s }
                                    << u"Unknown option 'bundel'"_s;
    QTest::newRow("stray argument") << QStringList { u"evaluate"_s,  u"--bundle"_s, u"b"_s,
                                                     u"--request"_s, u"r"_s,        u"extra"_s }
                                    << u"no positional arguments"_s;
    QTest::newRow("unknown command") << QStringList { u"evalute"_s } << u"unknown command 'evalute'"_s;
    QTest::newRow("no command") << QStringList() << u"Usage: corsctl <command>"_s;
}

void tst_CorsctlEvaluate::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run run = corsctl(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
}

void tst_CorsctlEvaluate::help()
{
    const Run top = corsctl({ u"--help"_s });
    QCOMPARE(top.exitCode, 0);
    QVERIFY(top.out.contains("evaluate"));
    QVERIFY(top.out.contains("Exit status"));
    const Run command = corsctl({ u"evaluate"_s, u"--help"_s });
    QCOMPARE(command.exitCode, 0);
    for (const char *option : { "--bundle", "--workspace", "--tenant", "--request", "--backend" })
        QVERIFY2(command.out.contains(option), option);
    QVERIFY(command.out.contains("corsctl evaluate"));
    QCOMPARE(corsctl({ u"help"_s, u"evaluate"_s }).out, command.out);
    const Run version = corsctl({ u"--version"_s });
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith("corsctl "));
}

// --workspace W wherever --bundle B: a workspace that imported the demo bundle answers exactly as
// the bundle does.
void tst_CorsctlEvaluate::workspaceAnswersAsItsBundle_data()
{
    QTest::addColumn<QString>("tenant");
    for (const char *tenant : { "acme-storefront", "boomi-atom-cloud", "partner-gateway", "apig-open-data" })
        QTest::newRow(tenant) << QString::fromLatin1(tenant);
}

void tst_CorsctlEvaluate::workspaceAnswersAsItsBundle()
{
    QFETCH(QString, tenant);
    const QString workspace = m_dir.filePath(u"demo.corsworkspace"_s);
    if (!QFile::exists(workspace))
        QCOMPARE(corsctl({ u"import"_s, u"--workspace"_s, workspace, m_demo }).exitCode, 0);
    const QString request =
        write(u"seed-preflight.json"_s, R"({"method": "OPTIONS", "url": "https://api.example.com/cors",
        "headers": [["Origin", "https://mydomain.com"], ["Access-Control-Request-Method", "PUT"],
                    ["Access-Control-Request-Headers", "X-Custom-Header"]]})");
    const Run fromBundle =
        corsctl({ u"evaluate"_s, u"--bundle"_s, m_demo, u"--tenant"_s, tenant, u"--request"_s, request });
    const Run fromWorkspace = corsctl(
        { u"evaluate"_s, u"--workspace"_s, workspace, u"--tenant"_s, tenant, u"--request"_s, request });
    QVERIFY2(fromBundle.exitCode == 0, qPrintable(fromBundle.err));
    QVERIFY2(fromWorkspace.exitCode == 0, qPrintable(fromWorkspace.err));
    QCOMPARE(fromWorkspace.out, fromBundle.out);
    QCOMPARE(QJsonDocument::fromJson(fromWorkspace.out).object().value(u"tenant"), tenant);
}

void tst_CorsctlEvaluate::tenantSourceErrors_data()
{
    QTest::addColumn<QString>("workspace");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing") << u"missing.corsworkspace"_s << u"missing.corsworkspace\" does not exist"_s;
    QTest::newRow("a bundle given as a workspace")
        << QStringLiteral(CORS_DEMO_BUNDLE)
        << u"is not a CORS Studio workspace (it is not an SQLite database)"_s;
}

void tst_CorsctlEvaluate::tenantSourceErrors()
{
    QFETCH(QString, workspace);
    QFETCH(QString, message);
    const QString request = write(u"get.json"_s, R"({"url": "https://api.example.com/x"})");
    const Run run = corsctl({ u"evaluate"_s, u"--workspace"_s,
                              QDir::isAbsolutePath(workspace) ? workspace : m_dir.filePath(workspace),
                              u"--request"_s, request });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(tst_CorsctlEvaluate)
#include "tst_corsctl_evaluate.moc"
