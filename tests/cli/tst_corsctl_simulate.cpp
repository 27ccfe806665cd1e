// `corsctl simulate`, run as a user runs it: a real process, real files, JSON out, exit codes.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QString err;
    QJsonValue json() const
    {
        const QJsonDocument document = QJsonDocument::fromJson(out);
        return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    }
};

} // namespace

class tst_CorsctlSimulate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void recordedResponses();
    void browsersDiffer();
    void sequenceSharesTheCache();
    void redirectsWithUrls();
    void bundleAnswers();
    void workspaceAnswersLikeTheBundle();
    void badInput_data();
    void badInput();
    void usageErrors_data();
    void usageErrors();
    void help();

private:
    QString write(const QString &name, const QByteArray &content);
    Run corsctl(const QStringList &arguments);

    QTemporaryDir m_dir;
};

void tst_CorsctlSimulate::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

// (After the class: moc loses its way in multi-line raw strings that come before it.)
namespace {

const QByteArray kFetchPut =
    R"({"pageOrigin": "https://app.example.com", "url": "https://api.example.com/items/1",
    "method": "PUT", "headers": [["Content-Type", "application/json"], ["X-Token", "t"]]})";
const QByteArray kResponsesOk = R"({
    "preflight": {"status": 204, "headers": [["Access-Control-Allow-Origin", "https://app.example.com"],
                                             ["Access-Control-Allow-Methods", "PUT"],
                                             ["Access-Control-Allow-Headers", "content-type, x-token"]]},
    "actual": {"status": 200, "headers": [["Access-Control-Allow-Origin", "https://app.example.com"], ["X-Total", "1"],
                                          ["Content-Type", "application/json"]]}})";

} // namespace

QString tst_CorsctlSimulate::write(const QString &name, const QByteArray &content)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(file.fileName()));
    file.write(content);
    return file.fileName();
}

Run tst_CorsctlSimulate::corsctl(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(CORSCTL), QStringList { u"simulate"_s } + arguments);
    Run run;
    if (!process.waitForFinished(30000))
        return run;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void tst_CorsctlSimulate::workspaceAnswersLikeTheBundle()
{
    const QString workspace = m_dir.filePath(u"w.corsworkspace"_s);
    QProcess import;
    import.start(QStringLiteral(CORSCTL),
                 { u"import"_s, u"--workspace"_s, workspace, QStringLiteral(CORS_DEMO_BUNDLE) });
    QVERIFY(import.waitForFinished(30000));
    QCOMPARE(import.exitCode(), 0);
    const QString fetch = write(
        u"shop.json"_s, R"({"pageOrigin": "https://shop.acme.example", "url": "https://api.acme.example/cart",
        "method": "PUT", "headers": [["Content-Type", "application/json"]], "credentials": "include"})");
    const Run fromWorkspace =
        corsctl({ u"--workspace"_s, workspace, u"--tenant"_s, u"acme-storefront"_s, u"--fetch"_s, fetch });
    const Run fromBundle = corsctl({ u"--bundle"_s, QStringLiteral(CORS_DEMO_BUNDLE), u"--tenant"_s,
                                     u"acme-storefront"_s, u"--fetch"_s, fetch });
    QVERIFY2(fromWorkspace.exitCode == 0, qPrintable(fromWorkspace.err));
    QCOMPARE(fromWorkspace.json().toObject().value(u"verdict").toString(), u"allowed"_s);
    QCOMPARE(fromWorkspace.out, fromBundle.out);
    // Not both.
    const Run both = corsctl({ u"--workspace"_s, workspace, u"--bundle"_s, QStringLiteral(CORS_DEMO_BUNDLE),
                               u"--fetch"_s, fetch });
    QCOMPARE(both.exitCode, 2);
}

void tst_CorsctlSimulate::recordedResponses()
{
    const Run run = corsctl(
        { u"--responses"_s, write(u"r.json"_s, kResponsesOk), u"--fetch"_s, write(u"f.json"_s, kFetchPut) });
    QCOMPARE(run.exitCode, 0);
    const QJsonObject out = run.json().toObject();
    QCOMPARE(out.value(u"verdict").toString(), u"allowed"_s);
    const QJsonObject preflight = out.value(u"preflight").toObject();
    QCOMPARE(preflight.value(u"request").toObject().value(u"method").toString(), u"OPTIONS"_s);
    QVERIFY(preflight.value(u"request")
                .toObject()
                .value(u"headers")
                .toArray()
                .contains(QJsonArray { u"Access-Control-Request-Headers"_s, u"content-type,x-token"_s }));
    QCOMPARE(preflight.value(u"response").toObject().value(u"status").toInt(), 204);
    QCOMPARE(out.value(u"actual").toObject().value(u"request").toObject().value(u"method").toString(),
             u"PUT"_s);
    // X-Total is not exposed without Access-Control-Expose-Headers; Content-Type is safelisted.
    QCOMPARE(out.value(u"exposedHeaders").toArray(), QJsonArray { u"content-type"_s });
    QVERIFY(out.value(u"error").isNull());
    QVERIFY(out.value(u"trace").toArray().size() > 3);
    // Keys in the contract's order.
    QVERIFY(run.out.indexOf("\"verdict\"") < run.out.indexOf("\"preflight\""));
    QVERIFY(run.out.indexOf("\"exposedHeaders\"") < run.out.indexOf("\"error\""));
    QVERIFY(run.out.indexOf("\"error\"") < run.out.lastIndexOf("\"trace\""));
}

void tst_CorsctlSimulate::browsersDiffer()
{
    // One Access-Control-Allow-Origin listing the origin twice.
    const QString responses =
        write(u"double.json"_s, R"({"actual": {"status": 200, "headers": [["Access-Control-Allow-Origin",
        "https://app.example.com, https://app.example.com"]]}})");
    const QString fetch = write(
        u"get.json"_s, R"({"pageOrigin": "https://app.example.com", "url": "https://api.example.com/"})");
    const Run chromium = corsctl({ u"--responses"_s, responses, u"--fetch"_s, fetch });
    QCOMPARE(chromium.exitCode, 0); // a blocked verdict is a result
    QCOMPARE(chromium.json()[u"verdict"].toString(), u"blocked"_s);
    QCOMPARE(chromium.json()[u"error"][u"code"].toString(), u"MultipleAllowOriginValues"_s);
    QVERIFY(chromium.json()[u"error"][u"message"].toString().startsWith(
        u"Access to fetch at 'https://api.example.com/' from origin 'https://app.example.com' has been "
        u"blocked by CORS policy: "));
    const Run firefox =
        corsctl({ u"--responses"_s, responses, u"--fetch"_s, fetch, u"--browser"_s, u"firefox"_s });
    QCOMPARE(firefox.exitCode, 0);
    QCOMPARE(firefox.json()[u"error"][u"code"].toString(), u"CORSAllowOriginNotMatchingOrigin"_s);
    QVERIFY(firefox.json()[u"error"][u"message"].toString().startsWith(u"Cross-Origin Request Blocked: "));
}

void tst_CorsctlSimulate::sequenceSharesTheCache()
{
    const QString fetch = write(u"seq.json"_s, R"([
        {"pageOrigin": "https://app.example.com", "url": "https://api.example.com/x", "method": "PUT"},
        {"pageOrigin": "https://app.example.com", "url": "https://api.example.com/x", "method": "PUT"},
        {"pageOrigin": "https://app.example.com", "url": "https://api.example.com/x", "method": "PUT", "delay": 6}])");
    const QString responses = write(u"seq-r.json"_s, R"({"preflight": {"status": 204, "headers": [
        ["Access-Control-Allow-Origin", "https://app.example.com"], ["Access-Control-Allow-Methods", "PUT"]]},
        "actual": {"status": 200, "headers": [["Access-Control-Allow-Origin", "https://app.example.com"]]}})");
    const Run run = corsctl({ u"--responses"_s, responses, u"--fetch"_s, fetch });
    QCOMPARE(run.exitCode, 0);
    const QJsonArray outcomes = run.json().toArray();
    QCOMPARE(outcomes.size(), 3);
    QVERIFY(outcomes[0][u"preflight"].isObject());
    QVERIFY(outcomes[1][u"preflight"].isNull()); // the 5-second default cache
    QVERIFY(outcomes[2][u"preflight"].isObject()); // 6 s later it has expired
}

void tst_CorsctlSimulate::redirectsWithUrls()
{
    const QString responses = write(u"redirect.json"_s, R"({"urls": {
        "https://api.example.com/old": {"actual": {"status": 301, "headers": [["Location", "https://cdn.example.net/new"],
                                                                             ["Access-Control-Allow-Origin", "*"]]}},
        "https://cdn.example.net/new": {"actual": {"status": 200, "headers": [["Access-Control-Allow-Origin", "https://app.example.com"]]}}}})");
    const QString fetch =
        write(u"redirect-f.json"_s,
              R"({"pageOrigin": "https://app.example.com", "url": "https://api.example.com/old"})");
    const Run run = corsctl({ u"--responses"_s, responses, u"--fetch"_s, fetch });
    QCOMPARE(run.exitCode, 0);
    const QJsonObject out = run.json().toObject();
    QCOMPARE(out[u"verdict"].toString(), u"blocked"_s); // the origin is "null" after the cross-origin hop
    QCOMPARE(out[u"redirects"].toArray().size(), 1);
    QCOMPARE(out[u"redirects"][0][u"url"].toString(), u"https://api.example.com/old"_s);
    QVERIFY(out[u"actual"][u"request"][u"headers"].toArray().contains(QJsonArray { u"Origin"_s, u"null"_s }));
    QVERIFY(
        out[u"error"][u"message"].toString().contains(u"(redirected from 'https://api.example.com/old')"));
}

void tst_CorsctlSimulate::bundleAnswers()
{
    const QString bundle = QStringLiteral(CORS_SOURCE_DIR "/resources/demo/demo.corsbundle.json");
    const QString fetch = write(
        u"shop.json"_s, R"({"pageOrigin": "https://shop.acme.example", "url": "https://api.acme.example/cart",
        "method": "PUT", "headers": [["Content-Type", "application/json"]], "credentials": "include"})");
    const Run allowed =
        corsctl({ u"--bundle"_s, bundle, u"--tenant"_s, u"acme-storefront"_s, u"--fetch"_s, fetch });
    QCOMPARE(allowed.exitCode, 0);
    QCOMPARE(allowed.json()[u"verdict"].toString(), u"allowed"_s);
    QVERIFY(allowed.json()[u"preflight"][u"response"].isObject());

    const QString evil = write(
        u"evil.json"_s, R"({"pageOrigin": "https://evil.example", "url": "https://api.acme.example/cart",
        "method": "PUT", "credentials": "include"})");
    const Run blocked = corsctl({ u"--bundle"_s, bundle, u"--tenant"_s, u"acme-storefront"_s, u"--fetch"_s,
                                  evil, u"--browser"_s, u"firefox"_s });
    QCOMPARE(blocked.exitCode, 0);
    QCOMPARE(blocked.json()[u"verdict"].toString(), u"blocked"_s);
    QCOMPARE(blocked.json()[u"error"][u"code"].toString(), u"CORSMissingAllowOrigin"_s);
}

void tst_CorsctlSimulate::badInput_data()
{
    QTest::addColumn<QByteArray>("fetch");
    QTest::addColumn<QByteArray>("responses");
    QTest::addColumn<QString>("expected"); // part of the message on stderr
    QTest::newRow("fetch is not JSON")
        << QByteArray("{") << kResponsesOk << u"f-bad.json: line 1, column 2: invalid JSON"_s;
    QTest::newRow("fetch without url") << QByteArray(R"({"pageOrigin": "https://a.example"})") << kResponsesOk
                                       << u"f-bad.json: url: is required"_s;
    QTest::newRow("second fetch of a sequence") << QByteArray(
        R"([{"pageOrigin": "https://a.example", "url": "https://b.example/"}, {"pageOrigin": "https://a.example", "url": "https://b.example/", "mode": "dance"}])")
                                                << kResponsesOk
                                                << u"f-bad.json: [1].mode: \"dance\" is not one of"_s;
    QTest::newRow("responses with a bad status") << kFetchPut << QByteArray(R"({"actual": {"status": "ok"}})")
                                                 << u"r-bad.json: actual.status: expected a whole number"_s;
    QTest::newRow("no preflight recorded")
        << kFetchPut << QByteArray(R"({"actual": {"status": 200}})")
        << u"r-bad.json: preflight: no response recorded for a CORS preflight (OPTIONS)"_s;
    QTest::newRow("a redirect's target not recorded")
        << QByteArray(R"({"pageOrigin": "https://a.example", "url": "https://b.example/x"})")
        << QByteArray(
               R"({"urls": {"https://b.example/x": {"actual": {"status": 302, "headers": [["Location", "/y"], ["Access-Control-Allow-Origin", "*"]]}}}})")
        << u"r-bad.json: urls[\"https://b.example/y\"]: no response recorded for the GET request"_s;
}

void tst_CorsctlSimulate::badInput()
{
    QFETCH(QByteArray, fetch);
    QFETCH(QByteArray, responses);
    QFETCH(QString, expected);
    const Run run = corsctl(
        { u"--responses"_s, write(u"r-bad.json"_s, responses), u"--fetch"_s, write(u"f-bad.json"_s, fetch) });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

void tst_CorsctlSimulate::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no --fetch") << QStringList { u"--responses"_s, u"r.json"_s } << u"--fetch is required"_s;
    QTest::newRow("neither source") << QStringList { u"--fetch"_s, u"f.json"_s } << u"give either --bundle"_s;
    QTest::newRow("both sources") << QStringList { u"--fetch"_s, u"f.json"_s,   u"--responses"_s,
                                                   u"r.json"_s,  u"--bundle"_s, u"b.json"_s }
                                  << u"give either --bundle"_s;
    QTest::newRow("unknown browser") << QStringList { u"--fetch"_s, u"f.json"_s,    u"--responses"_s,
                                                      u"r.json"_s,  u"--browser"_s, u"safari"_s }
                                     << u"--browser must be one of chromium, firefox"_s;
    QTest::newRow("--tenant without --bundle")
        << QStringList { u"--fetch"_s, u"f.json"_s, u"--responses"_s, u"r.json"_s, u"--tenant"_s, u"t"_s }
        << u"--tenant and --backend go with --bundle"_s;
    QTest::newRow("several tenants, no --tenant")
        << QStringList { u"--fetch"_s, u"f.json"_s, u"--bundle"_s,
                         QStringLiteral(CORS_SOURCE_DIR "/resources/demo/demo.corsbundle.json") }
        << u"--tenant is required"_s;
    QTest::newRow("unknown option") << QStringList { u"--fetch"_s, u"f.json"_s, u"--frobnicate"_s }
                                    << u"Unknown option"_s;
}

void tst_CorsctlSimulate::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    // Real files, so that only the usage can be wrong.
    for (QString &argument : arguments) {
        if (argument == u"f.json")
            argument = write(u"f.json"_s, kFetchPut);
        else if (argument == u"r.json")
            argument = write(u"r.json"_s, kResponsesOk);
    }
    const Run run = corsctl(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(expected), qPrintable(run.err));
}

void tst_CorsctlSimulate::help()
{
    const Run run = corsctl({ u"--help"_s });
    QCOMPARE(run.exitCode, 0);
    const QString help = QString::fromUtf8(run.out);
    for (const char *option : { "--fetch", "--browser", "--bundle", "--tenant", "--backend", "--responses" })
        QVERIFY2(help.contains(QLatin1StringView(option)), option);
    QVERIFY(help.contains(u"\"urls\""));
    QVERIFY(help.contains(u"Exit status"));
}

QTEST_GUILESS_MAIN(tst_CorsctlSimulate)
#include "tst_corsctl_simulate.moc"
