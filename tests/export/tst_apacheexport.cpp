// The Apache httpd export on the real apache2 (Debian's package), run in the foreground with its
// own configuration, pid and log in a temporary directory: every request of the conformance
// matrix gets the status and CORS headers CorsEngine::evaluate() gives under the strict profile.

#include "conformancematrix.h"
#include "export/configexporter.h"
#include "fixedbackend.h"
#include "serverprocess.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using namespace cors::test;

class tst_ApacheExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void conformance_data();
    void conformance();

private:
    QString m_apache;
    QString m_modules;
    Bundle m_bundle;
};

void tst_ApacheExport::initTestCase()
{
    m_apache = ServerProcess::findProgram(u"apache2"_s);
    QVERIFY2(!m_apache.isEmpty(), "apache2 is not installed: run scripts/setup.sh deps test");
    m_modules = u"/usr/lib/apache2/modules"_s;
    QVERIFY2(QFile::exists(m_modules + u"/mod_rewrite.so"_s), "Debian's apache2 modules are missing");
    QString problem;
    const auto bundle = ConformanceMatrix::bundle(&problem);
    QVERIFY2(bundle, qPrintable(problem));
    m_bundle = *bundle;
}

void tst_ApacheExport::conformance_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QList<int>>("refused");
    // httpd's PCRE2 takes every rule of the fixture.
    QTest::newRow("every rule feature") << u"features"_s << QList<int> {};
    QTest::newRow("catch-all and same origin") << u"catch-all"_s << QList<int> {};
    QTest::newRow("no enabled rule") << u"no-rules"_s << QList<int> {};
}

void tst_ApacheExport::conformance()
{
    QFETCH(QString, tenant);
    QFETCH(QList<int>, refused);
    const Tenant *source = m_bundle.tenant(tenant);
    QVERIFY(source);

    const quint16 apiPort = ServerProcess::freePort();
    const quint16 backendPort = ServerProcess::freePort();
    QVERIFY(apiPort && backendPort && apiPort != backendPort);
    FixedBackend backend(backendPort);
    backend.start();
    QVERIFY(backend.waitUntilListening());

    ExportOptions options;
    options.listen = u"127.0.0.1:%1"_s.arg(apiPort);
    options.serverName = u"localhost"_s;
    options.backend = u"http://127.0.0.1:%1"_s.arg(backendPort);
    const ExportResult result = ConfigExporter::exportTenant(*source, ExportFormat::Apache, options);
    QVERIFY(result.isExported());
    QCOMPARE(result.refusedRules(), refused);
    QVERIFY(result.text.contains(result.checksum.toLatin1()));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile cors(dir.filePath(u"cors.conf"_s));
    QVERIFY(cors.open(QIODevice::WriteOnly));
    cors.write(result.text);
    cors.close();
    const QString root = dir.path();
    QFile conf(dir.filePath(u"httpd.conf"_s));
    QVERIFY(conf.open(QIODevice::WriteOnly));
    QString modules;
    for (const QString &module :
         { u"mpm_prefork"_s, u"authz_core"_s, u"rewrite"_s, u"headers"_s, u"proxy"_s, u"proxy_http"_s })
        modules += u"LoadModule %1_module %2/mod_%1.so\n"_s.arg(module, m_modules);
    conf.write(u"ServerRoot %1\nPidFile %1/httpd.pid\nErrorLog %1/error.log\nLogLevel warn\n%2"
               "ServerName localhost\nTimeout 10\n"
               "Include %1/cors.conf\n"_s.arg(root, modules)
                   .toUtf8());
    conf.close();

    // -X: one process in the foreground, stopped by its PID.
    ServerProcess apache;
    QString error;
    QVERIFY2(apache.start(m_apache, { u"-X"_s, u"-f"_s, conf.fileName() }, root, { apiPort }, &error),
             qPrintable(error));

    // Stated in the export: httpd joins a multi-name Vary with "," (fix_vary).
    QVERIFY(std::any_of(result.issues.cbegin(), result.issues.cend(), [](const ExportIssue &issue) {
        return issue.kind == ExportIssue::Kind::Differs && issue.message.contains(u"fix_vary");
    }));
    const auto targetDisclosure = [](const HttpRequest &, const HttpResponse &server,
                                     const HttpResponse &engine) -> std::optional<QString> {
        HttpHeaders expected = ConformanceMatrix::corsView(engine.headers);
        const QByteArray vary = expected.value("Vary");
        if (!vary.contains(", "))
            return std::nullopt;
        expected.set("Vary", QByteArray(vary).replace(", ", ","));
        if (server.status != engine.status || ConformanceMatrix::corsView(server.headers) != expected)
            return u"expected the engine's answer with Vary: %1, got status %2"_s
                .arg(QString::fromLatin1(expected.value("Vary")))
                .arg(server.status);
        return QString();
    };
    const QUrl api(u"http://127.0.0.1:%1/orders/42?page=2"_s.arg(apiPort));
    const Tenant reference = ConformanceMatrix::reference(*source, refused);
    const auto disclosure = ConformanceMatrix::either(
        ConformanceMatrix::nonCanonicalOriginsMatchNoRule(reference, true), targetDisclosure);
    const ConformanceMatrix::Report report =
        ConformanceMatrix::run(apiPort, reference, ConformanceMatrix::build(api), disclosure);
    apache.stop();
    qInfo().noquote() << report.summary(u"apache"_s, tenant);
    QVERIFY(report.total > 1000);
    if (tenant != u"no-rules")
        QVERIFY(report.preflightsAccepted > 50 && report.actualAccepted > 50
                && report.preflightsRejected > 100);
    QFile log(dir.filePath(u"error.log"_s));
    log.open(QIODevice::ReadOnly);
    QVERIFY2(report.mismatches.isEmpty(),
             qPrintable(QStringList(report.mismatches.mid(0, 8)).join(u'\n') + u"\n(showing at most 8)\n"_s
                        + QString::fromUtf8(log.readAll().right(3000))));
}

QTEST_GUILESS_MAIN(tst_ApacheExport)
#include "tst_apacheexport.moc"
