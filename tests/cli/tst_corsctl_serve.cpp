// corsctl serve, run as a process: it prints where it listens, answers with the tenants' rules and
// the mock backend it was given, logs every request, takes a workspace's edits without a restart,
// refuses bad usage and bad input with exit status 2 and 1, and stops cleanly on SIGTERM and SIGINT.

#include "corsctlprocess.h"
#include "httptestclient.h"
#include "serveprocess.h"
#include "storage/workspace.h"

#include <QFile>
#include <QJsonArray>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using namespace cors::test;

namespace {

std::optional<RawResponse> request(const QUrl &api, const QByteArray &method, const QString &pathAndQuery,
                                   const HttpHeaders &headers)
{
    HttpRequest request;
    request.method = method;
    request.url = QUrl(api.adjusted(QUrl::RemovePath).toString() + pathAndQuery);
    request.headers = headers;
    HttpTestClient client(quint16(api.port()));
    client.send(HttpTestClient::serialize(request));
    return client.readResponse();
}

// The preflight of a DELETE from a front-end dev server, which the demo's acme-storefront allows.
std::optional<RawResponse> devServerPreflight(const QUrl &api)
{
    return request(api, "OPTIONS", u"/items?tenant=acme-storefront"_s,
                   { { "Origin", "http://localhost:3000" }, { "Access-Control-Request-Method", "DELETE" } });
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(content);
    return file.fileName();
}

} // namespace

class tst_CorsctlServe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servesLogsAndStops();
    void textLogAndSigint();
    void mockBackendAndActiveTenant();
    void workspaceEditsApplyWithoutRestart();
    void usageErrors_data();
    void usageErrors();
    void badInput();
    void portInUse();
};

void tst_CorsctlServe::servesLogsAndStops()
{
    ServeProcess serve;
    QString error;
    QVERIFY2(serve.start({ u"--bundle"_s, demoBundleFile() }, &error), qPrintable(error));
    const QJsonObject listening = serve.events(u"listening"_s).first();
    QCOMPARE(serve.api().host(), u"localhost"_s);
    QCOMPARE(listening.value(u"loopback"_s).toBool(), true);
    QCOMPARE(listening.value(u"tenants"_s).toArray().size(), 4);
    QCOMPARE(listening.value(u"pageOrigin"_s).toString(), serve.page().adjusted(QUrl::RemovePath).toString());

    const auto response = devServerPreflight(serve.api());
    QVERIFY(response);
    QCOMPARE(response->status, 204);
    QCOMPARE(response->headers.value("Access-Control-Allow-Origin"), "http://localhost:3000"_ba);
    QVERIFY(serve.waitForEvent(u"request"_s, 1, 5000));
    const QJsonObject logged = serve.events(u"request"_s).first();
    QCOMPARE(logged.value(u"kind"_s).toString(), u"preflight"_s);
    QCOMPARE(logged.value(u"status"_s).toInt(), 204);
    QCOMPARE(logged.value(u"rule"_s).toString(), u"localhost"_s);
    QCOMPARE(logged.value(u"tenant"_s).toString(), u"acme-storefront"_s);
    QVERIFY(!logged.value(u"trace"_s).toArray().isEmpty());

    // The test page is there too.
    HttpTestClient page(quint16(serve.page().port()));
    page.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    QVERIFY(page.readResponse()->body.contains("Live test console"));

    QCOMPARE(serve.stop(SIGTERM), 0);
    const QList<QJsonObject> stopped = serve.events(u"stopped"_s);
    QCOMPARE(stopped.size(), 1);
    QCOMPARE(stopped.first().value(u"signal"_s).toInt(), SIGTERM);
    QCOMPARE(stopped.first().value(u"requests"_s).toInt(), 1);
}

void tst_CorsctlServe::textLogAndSigint()
{
    QProcess process;
    process.start(QStringLiteral(CORSCTL),
                  { u"serve"_s, u"--bundle"_s, demoBundleFile(), u"--port"_s, u"0"_s, u"--page-port"_s,
                    u"0"_s, u"--address"_s, u"127.0.0.1"_s });
    QByteArray out;
    QVERIFY(QTest::qWaitFor(
        [&] { return (out += process.readAllStandardOutput()).contains("Stop with Ctrl+C"); }, 15000));
    QVERIFY2(out.contains("  API        http://localhost:"), out.constData());
    QVERIFY(out.contains("  Test page  http://localhost:"));
    ::kill(pid_t(process.processId()), SIGINT);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    out += process.readAllStandardOutput();
    QVERIFY2(out.contains("Stopped: 0 requests answered"), out.constData());
    QVERIFY(process.readAllStandardError().isEmpty());
}

void tst_CorsctlServe::mockBackendAndActiveTenant()
{
    QTemporaryDir dir;
    const QString orders = writeFile(dir, u"orders.json"_s,
                                     R"({"status": 201, "headers": [["Content-Type", "application/json"],
                                        ["X-Request-Id", "abc"]], "body": "{\"id\": 7}"})");
    const QString fallback = writeFile(dir, u"fallback.json"_s, R"({"status": 404, "body": "nothing"})");
    ServeProcess serve;
    QString error;
    QVERIFY2(serve.start({ u"--bundle"_s, demoBundleFile(), u"--tenant"_s, u"acme-storefront"_s,
                           u"--backend"_s, u"/orders/*="_s + orders, u"--default-backend"_s, fallback },
                         &error),
             qPrintable(error));
    QCOMPARE(serve.events(u"listening"_s).first().value(u"activeTenant"_s).toString(), u"acme-storefront"_s);
    const auto order = request(serve.api(), "GET", u"/orders/7"_s, { { "Origin", "http://localhost:3000" } });
    QCOMPARE(order->status, 201);
    QCOMPARE(order->headers.value("X-Request-Id"), "abc"_ba);
    QCOMPARE(order->headers.value("Access-Control-Allow-Origin"), "http://localhost:3000"_ba);
    QCOMPARE(order->body, "{\"id\": 7}"_ba);
    QCOMPARE(request(serve.api(), "GET", u"/else"_s, {})->status, 404);
    QCOMPARE(serve.stop(), 0);
}

void tst_CorsctlServe::workspaceEditsApplyWithoutRestart()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"w.corsworkspace"_s);
    QCOMPARE(corsctl({ u"import"_s, u"--workspace"_s, file, demoBundleFile() }).exitCode, 0);
    ServeProcess serve;
    QString error;
    QVERIFY2(serve.start({ u"--workspace"_s, file }, &error), qPrintable(error));
    QCOMPARE(devServerPreflight(serve.api())->status, 204);

    // CORS Studio removes the "localhost" rule while the server runs.
    {
        auto editor = Workspace::open(file, Workspace::OpenMode::Edit);
        QVERIFY(editor);
        const auto tenant = (*editor)->tenant(u"acme-storefront"_s);
        QVERIFY(tenant);
        const auto local = std::find_if(tenant->rules.cbegin(), tenant->rules.cend(),
                                        [](const Rule &rule) { return rule.domain == u"localhost"; });
        QVERIFY(local != tenant->rules.cend());
        QVERIFY((*editor)->removeRule(u"acme-storefront"_s, int(local - tenant->rules.cbegin())));
    }
    QVERIFY(serve.waitForEvent(u"reloaded"_s, 1, 5000));
    QCOMPARE(devServerPreflight(serve.api())->status, 403);
    QCOMPARE(serve.stop(), 0);
}

void tst_CorsctlServe::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");

    const QString demo = demoBundleFile();
    QTest::newRow("no tenants") << QStringList {} << u"--bundle or --workspace is required"_s;
    QTest::newRow("a log format") << QStringList { u"--bundle"_s, demo, u"--log"_s, u"xml"_s }
                                  << u"--log must be text, json or none"_s;
    QTest::newRow("a port") << QStringList { u"--bundle"_s, demo, u"--port"_s, u"http"_s }
                            << u"take a port number"_s;
    QTest::newRow("an address") << QStringList { u"--bundle"_s, demo, u"--address"_s, u"my-laptop"_s }
                                << u"is not an IP address"_s;
    QTest::newRow("a backend without a path")
        << QStringList { u"--bundle"_s, demo, u"--backend"_s, u"r.json"_s } << u"PATH=RESP.json"_s;
    QTest::newRow("a backend path") << QStringList { u"--bundle"_s, demo, u"--backend"_s, u"items=r.json"_s }
                                    << u"is not a path"_s;
    QTest::newRow("positional") << QStringList { u"--bundle"_s, demo, u"extra"_s } << u"no positional"_s;
}

void tst_CorsctlServe::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    arguments.prepend(u"serve"_s);
    const CorsctlRun run = corsctl(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.errorText().contains(message), run.err.constData());
}

void tst_CorsctlServe::badInput()
{
    QTemporaryDir dir;
    const QString framed = writeFile(
        dir, u"framed.json"_s, R"({"status": 200, "headers": [["Content-Length", "2"]], "body": "ok"})");
    const QString broken = writeFile(dir, u"broken.json"_s, R"({"status": "two hundred"})");
    CorsctlRun run = corsctl({ u"serve"_s, u"--bundle"_s, demoBundleFile(), u"--tenant"_s, u"nobody"_s });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.errorText().contains(u"there is no tenant \"nobody\""_s), run.err.constData());
    run = corsctl({ u"serve"_s, u"--bundle"_s, demoBundleFile(), u"--backend"_s, u"/x="_s + framed });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.errorText().contains(u"framed.json: Content-Length"_s), run.err.constData());
    run = corsctl({ u"serve"_s, u"--bundle"_s, demoBundleFile(), u"--default-backend"_s, broken });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.errorText().contains(u"broken.json: status"_s), run.err.constData());
    run = corsctl({ u"serve"_s, u"--bundle"_s, dir.filePath(u"missing.json"_s) });
    QCOMPARE(run.exitCode, 1);
}

void tst_CorsctlServe::portInUse()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress(QHostAddress::LocalHost), 0));
    const CorsctlRun run = corsctl({ u"serve"_s, u"--bundle"_s, demoBundleFile(), u"--port"_s,
                                     QString::number(taken.serverPort()), u"--page-port"_s, u"0"_s });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.errorText().contains(QString::number(taken.serverPort())), run.err.constData());
}

QTEST_GUILESS_MAIN(tst_CorsctlServe)
#include "tst_corsctl_serve.moc"
