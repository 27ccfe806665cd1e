// The nginx export on the real nginx (Debian's package): every request of the conformance matrix
// gets the status and CORS headers CorsEngine::evaluate() gives under the strict profile.

#include "conformancematrix.h"
#include "export/configexporter.h"
#include "export/nginxexporter.h"
#include "model/tokenlist.h"
#include "serverprocess.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using namespace cors::test;

class tst_NginxExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void conformance_data();
    void conformance();

private:
    QString m_nginx;
    Bundle m_bundle;
};

void tst_NginxExport::initTestCase()
{
    m_nginx = ServerProcess::findProgram(u"nginx"_s);
    QVERIFY2(!m_nginx.isEmpty(), "nginx is not installed: run scripts/setup.sh deps test");
    QString problem;
    const auto bundle = ConformanceMatrix::bundle(&problem);
    QVERIFY2(bundle, qPrintable(problem));
    m_bundle = *bundle;
}

void tst_NginxExport::conformance_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QList<int>>("refused");
    // Rule 11 has a named group, which nginx would turn into a variable.
    QTest::newRow("every rule feature") << u"features"_s << QList<int> { 11 };
    QTest::newRow("catch-all and same origin") << u"catch-all"_s << QList<int> {};
    QTest::newRow("no enabled rule") << u"no-rules"_s << QList<int> {};
}

void tst_NginxExport::conformance()
{
    QFETCH(QString, tenant);
    QFETCH(QList<int>, refused);
    const Tenant *source = m_bundle.tenant(tenant);
    QVERIFY(source);

    const quint16 apiPort = ServerProcess::freePort();
    const quint16 backendPort = ServerProcess::freePort();
    QVERIFY(apiPort && backendPort && apiPort != backendPort);
    ExportOptions options;
    options.listen = u"127.0.0.1:%1"_s.arg(apiPort);
    options.serverName = u"localhost"_s;
    options.backend = u"http://127.0.0.1:%1"_s.arg(backendPort);
    const ExportResult result = ConfigExporter::exportTenant(*source, ExportFormat::Nginx, options);
    QVERIFY(result.isExported());
    QCOMPARE(result.refusedRules(), refused);
    QVERIFY(result.text.contains(result.checksum.toLatin1()));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile cors(dir.filePath(u"cors.conf"_s));
    QVERIFY(cors.open(QIODevice::WriteOnly));
    cors.write(result.text);
    cors.close();
    // The backend is the engine's default backend: 200 {"status":"200"} as application/json,
    // for every method, without CORS headers of its own.
    const QString root = dir.path();
    QFile conf(dir.filePath(u"nginx.conf"_s));
    QVERIFY(conf.open(QIODevice::WriteOnly));
    conf.write(u"daemon off;\nmaster_process off;\nworker_processes 1;\npid %1/nginx.pid;\nerror_log "
               u"%1/error.log warn;\n"
               "events { worker_connections 128; }\n"
               "http {\n"
               "    access_log off;\n"
               "    client_body_temp_path %1/body; proxy_temp_path %1/proxy; fastcgi_temp_path %1/fastcgi;\n"
               "    uwsgi_temp_path %1/uwsgi; scgi_temp_path %1/scgi;\n"
               "    server {\n"
               "        listen 127.0.0.1:%2;\n"
               "        location / { default_type application/json; return 200 '{\"status\":\"200\"}'; }\n"
               "    }\n"
               "    include %1/cors.conf;\n"
               "}\n"_s.arg(root)
                   .arg(backendPort)
                   .toUtf8());
    conf.close();

    ServerProcess nginx;
    QString error;
    QVERIFY2(nginx.start(m_nginx, { u"-p"_s, root + u'/', u"-c"_s, conf.fileName() }, root,
                         { apiPort, backendPort }, &error),
             qPrintable(error));

    const QUrl api(u"http://127.0.0.1:%1/orders/42?page=2"_s.arg(apiPort));
    const QList<HttpRequest> requests = ConformanceMatrix::build(api);
    // Stated in the export: nginx answers 400 without CORS headers to methods other than A-Z _ -.
    QVERIFY(std::any_of(result.issues.cbegin(), result.issues.cend(), [](const ExportIssue &issue) {
        return issue.kind == ExportIssue::Kind::Differs && issue.rule == -1
            && issue.message.contains(u"400 Bad Request");
    }));
    const auto methods = [](const HttpRequest &request, const HttpResponse &server,
                            const HttpResponse &) -> std::optional<QString> {
        if (NginxExporter::isNginxMethod(QString::fromLatin1(request.method)))
            return std::nullopt;
        if (server.status != 400 || !ConformanceMatrix::corsView(server.headers).isEmpty())
            return u"expected 400 without CORS headers, got %1"_s.arg(server.status);
        return QString();
    };
    // Stated: requested header names are repeated as sent (case and repeats kept), joined by ",".
    const auto headerNames = [](const HttpRequest &request, const HttpResponse &server,
                                const HttpResponse &engine) -> std::optional<QString> {
        const TokenList requested =
            TokenList::parse(request.headers.values("Access-Control-Request-Headers"));
        if (requested.items() == requested.lowerCasedUnique()
            || !engine.headers.contains("Access-Control-Allow-Headers"))
            return std::nullopt;
        HttpHeaders expected = ConformanceMatrix::corsView(engine.headers);
        expected.set("Access-Control-Allow-Headers", requested.items().join(","));
        if (server.status != engine.status || ConformanceMatrix::corsView(server.headers) != expected)
            return u"expected the engine's answer with the names as sent"_s;
        return QString();
    };
    const Tenant reference = ConformanceMatrix::reference(*source, refused);
    const auto disclosure = ConformanceMatrix::either(
        ConformanceMatrix::either(methods, ConformanceMatrix::nonCanonicalOriginsMatchNoRule(reference)),
        headerNames);
    const ConformanceMatrix::Report report =
        ConformanceMatrix::run(apiPort, ConformanceMatrix::reference(*source, refused), requests, disclosure);
    nginx.stop();
    qInfo().noquote() << report.summary(u"nginx"_s, tenant);
    QVERIFY(report.total > 1000);
    if (tenant != u"no-rules")
        QVERIFY(report.preflightsAccepted > 50 && report.actualAccepted > 50
                && report.preflightsRejected > 100);
    QVERIFY2(report.mismatches.isEmpty(),
             qPrintable(QStringList(report.mismatches.mid(0, 8)).join(u'\n') + u"\n(showing at most 8)\n"_s
                        + nginx.output()));
}

QTEST_GUILESS_MAIN(tst_NginxExport)
#include "tst_nginxexport.moc"
