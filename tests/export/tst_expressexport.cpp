// The Express export on real Node with express and the cors package (pinned in node/package.json,
// installed by the export_node_modules fixture): every request of the conformance matrix gets the
// status and CORS headers CorsEngine::evaluate() gives under the strict profile.

#include "conformancematrix.h"
#include "export/configexporter.h"
#include "export/expressexporter.h"
#include "serverprocess.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using namespace cors::test;

class tst_ExpressExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void conformance_data();
    void conformance();

private:
    QString m_node;
    QString m_nodeModules;
    Bundle m_bundle;
};

void tst_ExpressExport::initTestCase()
{
    m_node = ServerProcess::findProgram(u"node"_s);
    QVERIFY2(!m_node.isEmpty(), "node is not installed: run scripts/setup.sh deps test");
    m_nodeModules = QStringLiteral(CORS_EXPORT_NODE_MODULES);
    QVERIFY2(
        QFile::exists(m_nodeModules + u"/express/package.json"_s)
            && QFile::exists(m_nodeModules + u"/cors/package.json"_s),
        qPrintable(u"express and cors are not installed in %1: run ctest, whose export_node_modules fixture "
                   "installs them with npm ci"_s.arg(m_nodeModules)));
    QString problem;
    const auto bundle = ConformanceMatrix::bundle(&problem);
    QVERIFY2(bundle, qPrintable(problem));
    m_bundle = *bundle;
}

void tst_ExpressExport::conformance_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QList<int>>("refused");
    // Rule 12 has an atomic group, which JavaScript does not have.
    QTest::newRow("every rule feature") << u"features"_s << QList<int> { 12 };
    QTest::newRow("catch-all and same origin") << u"catch-all"_s << QList<int> {};
    QTest::newRow("no enabled rule") << u"no-rules"_s << QList<int> {};
}

void tst_ExpressExport::conformance()
{
    QFETCH(QString, tenant);
    QFETCH(QList<int>, refused);
    const Tenant *source = m_bundle.tenant(tenant);
    QVERIFY(source);

    const ExportResult result = ConfigExporter::exportTenant(*source, ExportFormat::Express);
    QVERIFY(result.isExported());
    QCOMPARE(result.refusedRules(), refused);
    QVERIFY(result.text.contains(result.checksum.toLatin1()));
    QVERIFY(!result.text.contains("origin: true"));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile module(dir.filePath(u"cors-studio.js"_s));
    QVERIFY(module.open(QIODevice::WriteOnly));
    module.write(result.text);
    module.close();

    const quint16 port = ServerProcess::freePort();
    QVERIFY(port);
    ServerProcess node;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"NODE_PATH"_s, m_nodeModules);
    node.setEnvironment(environment);
    QString error;
    QVERIFY2(node.start(m_node,
                        { QStringLiteral(CORS_EXPORT_TEST_DATA "/node/server.js"), module.fileName(),
                          QString::number(port) },
                        dir.path(), { port }, &error),
             qPrintable(error));

    // Stated in the export: Node answers 400 without CORS headers to methods it does not know.
    QVERIFY(std::any_of(result.issues.cbegin(), result.issues.cend(), [](const ExportIssue &issue) {
        return issue.kind == ExportIssue::Kind::Differs && issue.rule == -1
            && issue.message.contains(u"400 Bad Request");
    }));
    const auto targetDisclosure = [](const HttpRequest &request, const HttpResponse &server,
                                     const HttpResponse &) -> std::optional<QString> {
        if (ExpressExporter::isNodeMethod(QString::fromLatin1(request.method)))
            return std::nullopt;
        if (server.status != 400 || !ConformanceMatrix::corsView(server.headers).isEmpty())
            return u"expected 400 without CORS headers, got %1"_s.arg(server.status);
        return QString();
    };
    const QUrl api(u"http://127.0.0.1:%1/orders/42?page=2"_s.arg(port));
    const Tenant reference = ConformanceMatrix::reference(*source, refused);
    const auto disclosure = ConformanceMatrix::either(
        targetDisclosure, ConformanceMatrix::nonCanonicalOriginsMatchNoRule(reference));
    const ConformanceMatrix::Report report =
        ConformanceMatrix::run(port, reference, ConformanceMatrix::build(api), disclosure);
    node.stop();
    qInfo().noquote() << report.summary(u"express"_s, tenant);
    QVERIFY(report.total > 1000);
    if (tenant != u"no-rules")
        QVERIFY(report.preflightsAccepted > 50 && report.actualAccepted > 50
                && report.preflightsRejected > 100);
    QVERIFY2(report.mismatches.isEmpty(),
             qPrintable(QStringList(report.mismatches.mid(0, 8)).join(u'\n') + u"\n(showing at most 8)\n"_s
                        + node.output()));
}

QTEST_GUILESS_MAIN(tst_ExpressExport)
#include "tst_expressexport.moc"
