#include "bundle/bundlereader.h"
#include "bundle/bundlewriter.h"
#include "corsctlprocess.h"
#include "storage/workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using namespace cors::test;

namespace {

Bundle demoBundle()
{
    QFile file(demoBundleFile());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    JsonProblems problems;
    return BundleReader::read(file.readAll(), &problems).value_or(Bundle());
}

std::optional<Bundle> bundleOf(const QByteArray &json)
{
    JsonProblems problems;
    return BundleReader::read(json, &problems);
}

} // namespace

class tst_CorsctlExport : public QObject
{
    Q_OBJECT

private:
    QString m_workspace;
    std::unique_ptr<QTemporaryDir> m_dir;

private Q_SLOTS:
    void init();
    void cleanup() { m_dir.reset(); }

    void exportsEveryTenant();
    void exportsNamedTenantsInOrder();
    void exportsFromBundle();
    void exportThenImportIsLossless();
    void serverConfigurationFromWorkspace();
    void readsWhileAnotherCorsStudioEdits();
    void errors_data();
    void errors();
};

void tst_CorsctlExport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_workspace = m_dir->filePath(u"w.corsworkspace"_s);
    const CorsctlRun run = corsctl({ u"import"_s, u"--workspace"_s, m_workspace, demoBundleFile() });
    QVERIFY2(run.exitCode == 0, run.err.constData());
}

void tst_CorsctlExport::exportsEveryTenant()
{
    const CorsctlRun run =
        corsctl({ u"export"_s, u"--workspace"_s, m_workspace, u"--format"_s, u"bundle"_s });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.err.isEmpty());
    QCOMPARE(bundleOf(run.out), std::optional<Bundle>(demoBundle()));
    QCOMPARE(run.out, BundleWriter::write(demoBundle()));
}

void tst_CorsctlExport::exportsNamedTenantsInOrder()
{
    const Bundle demo = demoBundle();
    const CorsctlRun run =
        corsctl({ u"export"_s, u"--workspace"_s, m_workspace, u"--tenant"_s, demo.tenants[2].name,
                  u"--tenant"_s, demo.tenants[0].name, u"--format"_s, u"bundle"_s });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const auto bundle = bundleOf(run.out);
    QVERIFY(bundle);
    QCOMPARE(bundle->tenants, (QList<Tenant> { demo.tenants[2], demo.tenants[0] }));
}

void tst_CorsctlExport::exportsFromBundle()
{
    const CorsctlRun run = corsctl({ u"export"_s, u"--bundle"_s, demoBundleFile(), u"--tenant"_s,
                                     demoBundle().tenants[1].name, u"--format"_s, u"bundle"_s });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(bundleOf(run.out)->tenants, QList<Tenant> { demoBundle().tenants[1] });
}

void tst_CorsctlExport::exportThenImportIsLossless()
{
    const CorsctlRun exported =
        corsctl({ u"export"_s, u"--workspace"_s, m_workspace, u"--format"_s, u"bundle"_s });
    QCOMPARE(exported.exitCode, 0);
    const QString bundleFile = m_dir->filePath(u"exported.corsbundle.json"_s);
    {
        QFile file(bundleFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(exported.out);
    }
    const QString second = m_dir->filePath(u"second.corsworkspace"_s);
    QCOMPARE(
        corsctl({ u"import"_s, u"--workspace"_s, second, u"--mode"_s, u"replace"_s, bundleFile }).exitCode,
        0);
    const CorsctlRun again = corsctl({ u"export"_s, u"--workspace"_s, second, u"--format"_s, u"bundle"_s });
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.out, exported.out);
}

void tst_CorsctlExport::serverConfigurationFromWorkspace()
{
    // The strict demo tenant exports; the header comment names it and carries the checksum.
    const CorsctlRun nginx = corsctl({ u"export"_s, u"--workspace"_s, m_workspace, u"--tenant"_s,
                                       u"acme-storefront"_s, u"--format"_s, u"nginx"_s });
    QCOMPARE(nginx.exitCode, 0);
    QVERIFY(nginx.out.contains("acme-storefront"));
    QVERIFY(nginx.out.contains("sha256:"));
    QVERIFY(nginx.out.contains("map $http_origin"));
    // A Boomi tenant cannot be exported as a strict server configuration: exit 1, and why.
    const CorsctlRun boomi = corsctl({ u"export"_s, u"--workspace"_s, m_workspace, u"--tenant"_s,
                                       u"boomi-atom-cloud"_s, u"--format"_s, u"express"_s });
    QCOMPARE(boomi.exitCode, 1);
    QVERIFY2(boomi.err.contains("boomi"), boomi.err.constData());
    QVERIFY(boomi.out.isEmpty());
}

void tst_CorsctlExport::readsWhileAnotherCorsStudioEdits()
{
    auto editor = Workspace::open(m_workspace, Workspace::OpenMode::Edit);
    QVERIFY(editor);
    QVERIFY((*editor)->removeTenant(demoBundle().tenants[0].name));
    const CorsctlRun run =
        corsctl({ u"export"_s, u"--workspace"_s, m_workspace, u"--format"_s, u"bundle"_s });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(bundleOf(run.out)->tenants.size(), demoBundle().tenants.size() - 1); // the committed edit
}

void tst_CorsctlExport::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    const QString w = u"$W"_s;
    QTest::newRow("unknown format") << QStringList {
        u"--workspace"_s, w, u"--format"_s, u"yaml"_s
    } << 2 << u"unknown --format \"yaml\" (expected bundle, nginx, apache, express"_s;
    QTest::newRow("server format needs one tenant")
        << QStringList { u"--workspace"_s, w, u"--format"_s, u"nginx"_s } << 1
        << u"choose one with --tenant"_s;
    QTest::newRow("server format takes one tenant")
        << QStringList { u"--workspace"_s, w,      u"--format"_s, u"nginx"_s,
                         u"--tenant"_s,    u"a"_s, u"--tenant"_s, u"b"_s }
        << 2 << u"--format nginx writes one tenant"_s;
    QTest::newRow("no format") << QStringList { u"--workspace"_s, w } << 2 << u"--format is required"_s;
    QTest::newRow("no source") << QStringList { u"--format"_s, u"bundle"_s } << 2
                               << u"--bundle or --workspace is required"_s;
    QTest::newRow("two sources") << QStringList { u"--workspace"_s, w,          u"--bundle"_s, u"b.json"_s,
                                                  u"--format"_s,    u"bundle"_s }
                                 << 2 << u"either --bundle or --workspace, not both"_s;
    QTest::newRow("unknown tenant") << QStringList { u"--workspace"_s, w,          u"--tenant"_s, u"nobody"_s,
                                                     u"--format"_s,    u"bundle"_s }
                                    << 1 << u"there is no tenant \"nobody\" (it has: acme-storefront"_s;
    QTest::newRow("missing workspace")
        << QStringList { u"--workspace"_s, u"/nonexistent/w.corsworkspace"_s, u"--format"_s, u"bundle"_s }
        << 1 << u"\"/nonexistent/w.corsworkspace\" does not exist"_s;
}

void tst_CorsctlExport::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    arguments.replaceInStrings(u"$W"_s, m_workspace);
    arguments.prepend(u"export"_s);
    const CorsctlRun run = corsctl(arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.errorText().contains(message), run.err.constData());
    QVERIFY(run.out.isEmpty());
}

QTEST_GUILESS_MAIN(tst_CorsctlExport)
#include "tst_corsctl_export.moc"
