#include "bundle/bundlereader.h"
#include "bundle/bundlewriter.h"
#include "corsctlprocess.h"
#include "storage/workspace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
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

QByteArray bytesOf(const QString &fileName)
{
    QFile file(fileName);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList strings(const QJsonValue &array)
{
    QStringList list;
    for (const QJsonValue &value : array.toArray())
        list.append(value.toString());
    return list;
}

} // namespace

class tst_CorsctlImport : public QObject
{
    Q_OBJECT

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    QString writeBundle(const QString &name, const Bundle &bundle)
    {
        QFile file(path(name));
        if (file.open(QIODevice::WriteOnly))
            file.write(BundleWriter::write(bundle));
        return file.fileName();
    }
    std::unique_ptr<QTemporaryDir> m_dir;

private Q_SLOTS:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void cleanup() { m_dir.reset(); }

    void importsIntoNewWorkspace();
    void mergesAndReplaces();
    void invalidBundleImportsNothing();
    void refusedByWorkspaceImportsNothing();
    void workspaceOpenElsewhereIsNotTouched();
    void fileThatIsNotAWorkspaceIsNotTouched();
    void usageErrors_data();
    void usageErrors();
};

void tst_CorsctlImport::importsIntoNewWorkspace()
{
    const QString workspace = path(u"new/w.corsworkspace"_s);
    const CorsctlRun run = corsctl({ u"import"_s, u"--workspace"_s, workspace, demoBundleFile() });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject report = run.json().toObject();
    QCOMPARE(report.value(u"workspace"), workspace);
    QCOMPARE(report.value(u"mode"), u"merge"_s);
    QVERIFY(report.value(u"edit").toInteger() > 0);
    QCOMPARE(report.value(u"changed").toBool(), true);
    const QJsonArray tenants = report.value(u"tenants").toArray();
    QCOMPARE(tenants.size(), demoBundle().tenants.size());
    for (const QJsonValue &tenant : tenants)
        QCOMPARE(tenant.toObject().value(u"action"), u"added"_s);

    auto opened = Workspace::open(workspace, Workspace::OpenMode::ReadOnly);
    QVERIFY2(opened, qPrintable(opened.errorMessage()));
    QCOMPARE(*(*opened)->tenants(), demoBundle().tenants);
}

void tst_CorsctlImport::mergesAndReplaces()
{
    const QString workspace = path(u"w.corsworkspace"_s);
    QCOMPARE(corsctl({ u"import"_s, u"--workspace"_s, workspace, demoBundleFile() }).exitCode, 0);

    Bundle changed;
    changed.tenants = { demoBundle().tenants.first() };
    Tenant &acme = changed.tenants.first();
    acme.rules.removeAt(1); // *.admin.acme.example
    acme.rules[0].maxAge = 60; // shop.acme.example
    Rule added = acme.rules[0];
    added.domain = u"beta.acme.example"_s;
    acme.rules.append(added);
    acme.profile = Profile::Apig;
    const QString bundleFile = writeBundle(u"changed.corsbundle.json"_s, changed);

    const CorsctlRun merged =
        corsctl({ u"import"_s, u"--workspace"_s, workspace, u"--mode"_s, u"merge"_s, bundleFile });
    QVERIFY2(merged.exitCode == 0, merged.err.constData());
    const QJsonObject mergedTenant = merged.json().toObject().value(u"tenants").toArray().first().toObject();
    QCOMPARE(mergedTenant.value(u"action"), u"merged"_s);
    QCOMPARE(strings(mergedTenant.value(u"rules")[u"added"]), QStringList { u"beta.acme.example"_s });
    QCOMPARE(strings(mergedTenant.value(u"rules")[u"changed"]), QStringList { u"shop.acme.example"_s });
    QCOMPARE(strings(mergedTenant.value(u"rules")[u"unchanged"]), QStringList { u"localhost"_s });
    QCOMPARE(strings(mergedTenant.value(u"settingsKept")), QStringList { u"profile"_s });
    {
        auto opened = Workspace::open(workspace, Workspace::OpenMode::ReadOnly);
        QVERIFY(opened);
        QCOMPARE((*opened)->tenant(acme.name)->rules.size(), 4); // nothing removed by a merge
    }

    const CorsctlRun replaced =
        corsctl({ u"import"_s, u"--workspace"_s, workspace, u"--mode"_s, u"replace"_s, bundleFile });
    QVERIFY2(replaced.exitCode == 0, replaced.err.constData());
    const QJsonObject replacedTenant =
        replaced.json().toObject().value(u"tenants").toArray().first().toObject();
    QCOMPARE(replacedTenant.value(u"action"), u"replaced"_s);
    QCOMPARE(strings(replacedTenant.value(u"rules")[u"removed"]), QStringList { u"*.admin.acme.example"_s });
    QCOMPARE(strings(replacedTenant.value(u"settingsChanged")), QStringList { u"profile"_s });
    auto opened = Workspace::open(workspace, Workspace::OpenMode::ReadOnly);
    QVERIFY(opened);
    QCOMPARE(*(*opened)->tenant(acme.name), acme);

    // The same bundle again: nothing to do, and no edit.
    const CorsctlRun again =
        corsctl({ u"import"_s, u"--workspace"_s, workspace, u"--mode"_s, u"replace"_s, bundleFile });
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.json().toObject().value(u"changed").toBool(), false);
    QVERIFY(again.json().toObject().value(u"edit").isNull());
}

void tst_CorsctlImport::invalidBundleImportsNothing()
{
    const QString bundleFile = path(u"bad.corsbundle.json"_s);
    {
        QFile file(bundleFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"format": "cors-studio-bundle", "version": 1, "tenants": [
            {"name": "good", "rules": [{"domain": "ok.example"}]},
            {"name": "bad", "rules": [{"domain": "ok.example", "ports": ["80a"]},
                                      {"domain": "b.example", "methods": ["GE T"]}]}]})");
    }
    // Into a workspace that does not exist: it is not created.
    const QString missing = path(u"missing.corsworkspace"_s);
    CorsctlRun run = corsctl({ u"import"_s, u"--workspace"_s, missing, bundleFile });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.errorText().contains(u"bad.corsbundle.json: tenants[1].rules[0].ports[0]"),
             run.err.constData());
    QVERIFY2(run.errorText().contains(u"tenants[1].rules[1].methods[0]"), run.err.constData());
    QVERIFY(run.out.isEmpty());
    QVERIFY(!QFile::exists(missing));

    // Into one that does: nothing changes.
    const QString workspace = path(u"w.corsworkspace"_s);
    QCOMPARE(corsctl({ u"import"_s, u"--workspace"_s, workspace, demoBundleFile() }).exitCode, 0);
    const QByteArray before = bytesOf(workspace);
    run = corsctl({ u"import"_s, u"--workspace"_s, workspace, bundleFile });
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(bytesOf(workspace), before);
}

void tst_CorsctlImport::refusedByWorkspaceImportsNothing()
{
    const QString workspace = path(u"w.corsworkspace"_s);
    QCOMPARE(corsctl({ u"import"_s, u"--workspace"_s, workspace, demoBundleFile() }).exitCode, 0);
    // partner-gateway's application uses its rule; a merge that disables it is refused whole.
    Bundle bundle = demoBundle();
    Tenant *partner = nullptr;
    for (Tenant &tenant : bundle.tenants) {
        if (!tenant.applications.isEmpty())
            partner = &tenant;
        tenant.description += u" (changed)"_s;
    }
    QVERIFY(partner);
    partner->applications.clear();
    partner->rules.first().enabled = false;
    const QString bundleFile = writeBundle(u"b.corsbundle.json"_s, bundle);
    const QByteArray before = bytesOf(workspace);

    const CorsctlRun run = corsctl({ u"import"_s, u"--workspace"_s, workspace, bundleFile });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.errorText().contains(u"applications[0]"), run.err.constData());
    QVERIFY2(run.errorText().contains(u"b.corsbundle.json"), run.err.constData());
    QCOMPARE(bytesOf(workspace), before);
}

void tst_CorsctlImport::workspaceOpenElsewhereIsNotTouched()
{
    const QString workspace = path(u"w.corsworkspace"_s);
    auto editor = Workspace::open(workspace, Workspace::OpenMode::EditOrCreate);
    QVERIFY(editor);
    const QByteArray before = bytesOf(workspace);
    const CorsctlRun run = corsctl({ u"import"_s, u"--workspace"_s, workspace, demoBundleFile() });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.errorText().contains(u"open for editing in another CORS Studio"), run.err.constData());
    QCOMPARE(bytesOf(workspace), before);
}

void tst_CorsctlImport::fileThatIsNotAWorkspaceIsNotTouched()
{
    const QString notes = path(u"notes.txt"_s);
    {
        QFile file(notes);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("my notes\n");
    }
    const CorsctlRun run = corsctl({ u"import"_s, u"--workspace"_s, notes, demoBundleFile() });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.errorText().contains(u"notes.txt\" is not a CORS Studio workspace"), run.err.constData());
    QCOMPARE(bytesOf(notes), QByteArray("my notes\n"));
}

void tst_CorsctlImport::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no workspace") << QStringList { u"import"_s, u"b.json"_s } << u"--workspace is required"_s;
    QTest::newRow("no bundle") << QStringList { u"import"_s, u"--workspace"_s, u"w"_s }
                               << u"expected one bundle file"_s;
    QTest::newRow("two bundles") << QStringList { u"import"_s, u"--workspace"_s, u"w"_s, u"a.json"_s,
                                                  u"b.json"_s }
                                 << u"expected one bundle file"_s;
    QTest::newRow("bad mode") << QStringList { u"import"_s, u"--workspace"_s, u"w"_s,
                                               u"--mode"_s, u"overwrite"_s,   u"b.json"_s }
                              << u"unknown --mode \"overwrite\""_s;
    QTest::newRow("unknown option") << QStringList { u"import"_s, u"--bundle"_s, u"b.json"_s }
                                    << u"Unknown option"_s;
}

void tst_CorsctlImport::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CorsctlRun run = corsctl(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.errorText().contains(message), run.err.constData());
    QVERIFY2(run.errorText().contains(u"corsctl import --help"), run.err.constData());
}

QTEST_GUILESS_MAIN(tst_CorsctlImport)
#include "tst_corsctl_import.moc"
