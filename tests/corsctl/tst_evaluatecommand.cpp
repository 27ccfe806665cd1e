#include "corsctlprocess.h"

#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors::test;

// The tenant sources of `corsctl evaluate`: a bundle or a workspace give the same answers.
class tst_EvaluateCommand : public QObject
{
    Q_OBJECT

private:
    QString m_workspace;
    QString m_request;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase();
    void sameDecisionFromBundleAndWorkspace_data();
    void sameDecisionFromBundleAndWorkspace();
    void sourceErrors_data();
    void sourceErrors();
};

void tst_EvaluateCommand::initTestCase()
{
    m_workspace = m_dir.filePath(u"w.corsworkspace"_s);
    const CorsctlRun run = corsctl({ u"import"_s, u"--workspace"_s, m_workspace, demoBundleFile() });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    m_request = m_dir.filePath(u"preflight.json"_s);
    QFile file(m_request);
    QVERIFY(file.open(QIODevice::WriteOnly));
    // The preflight of seeds/000, as in the README.
    file.write(R"({"method": "OPTIONS", "url": "https://api.example.com/cors",
        "headers": [["Origin", "https://mydomain.com"], ["Access-Control-Request-Method", "PUT"],
                    ["Access-Control-Request-Headers", "X-Custom-Header"]]})");
}

void tst_EvaluateCommand::sameDecisionFromBundleAndWorkspace_data()
{
    QTest::addColumn<QString>("tenant");
    for (const char *tenant : { "acme-storefront", "boomi-atom-cloud", "partner-gateway", "apig-open-data" })
        QTest::newRow(tenant) << QString::fromLatin1(tenant);
}

void tst_EvaluateCommand::sameDecisionFromBundleAndWorkspace()
{
    QFETCH(QString, tenant);
    const CorsctlRun fromBundle = corsctl(
        { u"evaluate"_s, u"--bundle"_s, demoBundleFile(), u"--tenant"_s, tenant, u"--request"_s, m_request });
    const CorsctlRun fromWorkspace = corsctl(
        { u"evaluate"_s, u"--workspace"_s, m_workspace, u"--tenant"_s, tenant, u"--request"_s, m_request });
    QVERIFY2(fromBundle.exitCode == 0, fromBundle.err.constData());
    QVERIFY2(fromWorkspace.exitCode == 0, fromWorkspace.err.constData());
    QCOMPARE(fromWorkspace.out, fromBundle.out);
    QCOMPARE(fromWorkspace.json().toObject().value(u"tenant"), tenant);
}

void tst_EvaluateCommand::sourceErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("no source") << QStringList { u"--request"_s, u"$R"_s } << 2
                               << u"--bundle or --workspace is required"_s;
    QTest::newRow("both sources") << QStringList { u"--bundle"_s, demoBundleFile(), u"--workspace"_s,
                                                   u"$W"_s,       u"--request"_s,   u"$R"_s }
                                  << 2 << u"not both"_s;
    QTest::newRow("no request") << QStringList { u"--workspace"_s, u"$W"_s } << 2
                                << u"--request is required"_s;
    QTest::newRow("unknown tenant") << QStringList { u"--workspace"_s, u"$W"_s,        u"--tenant"_s,
                                                     u"nobody"_s,      u"--request"_s, u"$R"_s }
                                    << 1 << u"w.corsworkspace: "_s;
    QTest::newRow("bundle given as workspace")
        << QStringList { u"--workspace"_s, demoBundleFile(), u"--request"_s, u"$R"_s } << 1
        << u"is not a CORS Studio workspace"_s;
}

void tst_EvaluateCommand::sourceErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    arguments.replaceInStrings(u"$W"_s, m_workspace);
    arguments.replaceInStrings(u"$R"_s, m_request);
    arguments.prepend(u"evaluate"_s);
    const CorsctlRun run = corsctl(arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.errorText().contains(message), run.err.constData());
}

QTEST_GUILESS_MAIN(tst_EvaluateCommand)
#include "tst_evaluatecommand.moc"
