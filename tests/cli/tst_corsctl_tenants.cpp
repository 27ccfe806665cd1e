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

class tst_CorsctlTenants : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsWorkspaceTenants();
    void listsBundleTenants();
    void refusesWhatIsNotAWorkspace();
};

void tst_CorsctlTenants::listsWorkspaceTenants()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(u"w.corsworkspace"_s);
    QCOMPARE(corsctl({ u"import"_s, u"--workspace"_s, workspace, demoBundleFile() }).exitCode, 0);
    {
        auto editor = Workspace::open(workspace);
        QVERIFY(editor);
        TestCase testCase;
        testCase.name = u"preflight of the source document"_s;
        testCase.fetches = { QJsonObject { { u"pageOrigin"_s, u"https://mydomain.com"_s },
                                           { u"url"_s, u"https://api.example.com/cors"_s },
                                           { u"method"_s, u"PUT"_s } } };
        testCase.chromium = TestCase::Verdict::Allowed;
        QVERIFY((*editor)->insertTestCase(u"boomi-atom-cloud"_s, Workspace::kAtEnd, testCase));
        QVERIFY((*editor)->moveTenant(u"boomi-atom-cloud"_s, 0));
    }

    const CorsctlRun run = corsctl({ u"tenants"_s, u"--workspace"_s, workspace });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonArray tenants = run.json().toArray();
    QCOMPARE(tenants.size(), 4);
    const QJsonObject first = tenants.first().toObject();
    QCOMPARE(first.value(u"name"), u"boomi-atom-cloud"_s);
    QCOMPARE(first.value(u"profile"), u"boomi"_s);
    QCOMPARE(first.value(u"apiType"), u"advanced"_s);
    QCOMPARE(first.value(u"production").toBool(), true);
    QCOMPARE(first.value(u"rules").toInt(), 1);
    QCOMPARE(first.value(u"testCases").toInt(), 1);
    QCOMPARE(tenants[1].toObject().value(u"name"), u"acme-storefront"_s);
    QCOMPARE(tenants[1].toObject().value(u"rules").toInt(), 3);
    QCOMPARE(tenants[1].toObject().value(u"testCases").toInt(), 0);
}

void tst_CorsctlTenants::listsBundleTenants()
{
    const CorsctlRun run = corsctl({ u"tenants"_s, u"--bundle"_s, demoBundleFile() });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonArray tenants = run.json().toArray();
    QCOMPARE(tenants.size(), 4);
    QCOMPARE(tenants[2].toObject().value(u"applications").toInt(), 1);
    QVERIFY(!tenants[2].toObject().contains(u"testCases")); // bundles carry none
}

void tst_CorsctlTenants::refusesWhatIsNotAWorkspace()
{
    QTemporaryDir dir;
    CorsctlRun run = corsctl({ u"tenants"_s, u"--workspace"_s, demoBundleFile() });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.errorText().contains(u"is not a CORS Studio workspace (it is not an SQLite database)"),
             run.err.constData());

    const QString newer = dir.filePath(u"newer.corsworkspace"_s);
    QCOMPARE(corsctl({ u"import"_s, u"--workspace"_s, newer, demoBundleFile() }).exitCode, 0);
    {
        // What a future CORS Studio writes: the same file with a higher schema version.
        QFile file(newer);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(60));
        const quint32 version = Workspace::schemaVersion() + 1;
        const char bytes[4] = { char(version >> 24), char(version >> 16), char(version >> 8), char(version) };
        QCOMPARE(file.write(bytes, 4), 4);
    }
    run = corsctl({ u"tenants"_s, u"--workspace"_s, newer });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.errorText().contains(u"newer CORS Studio"), run.err.constData());

    run = corsctl({ u"tenants"_s });
    QCOMPARE(run.exitCode, 2);
}

QTEST_GUILESS_MAIN(tst_CorsctlTenants)
#include "tst_corsctl_tenants.moc"
