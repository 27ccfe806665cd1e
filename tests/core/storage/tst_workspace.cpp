#include "bundle/bundlereader.h"
#include "bundle/bundlewriter.h"
#include "sampletenants.h"
#include "storage/workspace.h"
#include "storage/workspaceschema.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#ifdef Q_OS_UNIX
#include <sys/file.h>
#endif

using namespace Qt::StringLiterals;
using namespace cors;
using namespace cors::test;

using Code = WorkspaceError::Code;
using OpenMode = Workspace::OpenMode;

namespace {

QByteArray bytesOf(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

void writeFile(const QString &fileName, const QByteArray &bytes)
{
    QFile file(fileName);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

// A connection of the test's own, beside the workspace's: what another program sees.
class RawDatabase
{
public:
    explicit RawDatabase(const QString &fileName)
        : m_name(u"raw-%1"_s.arg(++s_serial))
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        database.setDatabaseName(fileName);
        database.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=100"_s);
        m_open = database.open();
    }
    ~RawDatabase()
    {
        {
            QSqlDatabase database = QSqlDatabase::database(m_name, false);
            database.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    Q_DISABLE_COPY_MOVE(RawDatabase)

    bool isOpen() const { return m_open; }
    bool exec(const QString &statement)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        const bool ok = query.exec(statement);
        if (!ok)
            qWarning() << statement << query.lastError().text();
        return ok;
    }
    QVariant value(const QString &statement)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(statement) || !query.next())
            return {};
        return query.value(0);
    }

private:
    static inline int s_serial = 0;
    QString m_name;
    bool m_open = false;
};

// A helper process (workspace_writer) that holds a workspace or a lock until its input closes.
class Holder
{
public:
    Holder(const QString &mode, const QString &fileName)
    {
        m_process.start(QStringLiteral(CORS_WORKSPACE_WRITER), { mode, fileName });
        m_ready = m_process.waitForStarted() && m_process.waitForReadyRead(10000)
            && m_process.readLine().trimmed() == "ready";
        if (!m_ready)
            qWarning() << "holder:" << m_process.readAllStandardError();
    }
    ~Holder() { release(); }
    Q_DISABLE_COPY_MOVE(Holder)

    bool isReady() const { return m_ready; }
    qint64 processId() const { return m_process.processId(); }
    void release()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.closeWriteChannel();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
        m_process.waitForFinished();
    }
    void kill()
    {
        m_process.kill();
        m_process.waitForFinished();
    }

private:
    QProcess m_process;
    bool m_ready = false;
};

std::unique_ptr<Workspace> openOrFail(const QString &fileName, OpenMode mode = OpenMode::EditOrCreate)
{
    auto result = Workspace::open(fileName, mode);
    if (!result) {
        qWarning() << result.errorMessage();
        return nullptr;
    }
    return std::move(*result);
}

Tenant plainTenant(const QString &name, QStringList domains = {})
{
    Tenant tenant;
    tenant.name = name;
    for (const QString &domain : domains)
        tenant.rules.append(sampleRule(domain));
    return tenant;
}

QStringList domainsOf(const Tenant &tenant)
{
    QStringList domains;
    for (const Rule &rule : tenant.rules)
        domains.append(rule.domain);
    return domains;
}

QStringList namesOf(const QList<Tenant> &tenants)
{
    QStringList names;
    for (const Tenant &tenant : tenants)
        names.append(tenant.name);
    return names;
}

} // namespace

class tst_Workspace : public QObject
{
    Q_OBJECT

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    // Positions of each list are exactly 0..n-1 — no gaps, no negatives left behind.
    void verifyPositions(const QString &fileName);

    std::unique_ptr<QTemporaryDir> m_dir;

private Q_SLOTS:
    void init();
    void cleanup();

    // Opening
    void createsWorkspace();
    void openRequiresExistingFile_data();
    void openRequiresExistingFile();
    void refusesFileThatIsNotAWorkspace_data();
    void refusesFileThatIsNotAWorkspace();
    void refusesNewerSchema();
    void upgradesOlderSchema();
    void refusesReadOnlyFileForEditing();
    void refusesFileLockedByAnotherProgram();
    void refusesWorkspaceOpenInAnotherCorsStudio();
    void takesOverLockOfKilledProcess();
    void takesOverLockFileLeftEmpty();
    void firstRunSeedsDemoTenants();

    // Tenants
    void addsAndLoadsTenantsLosslessly();
    void refusesInvalidOrDuplicateTenant();
    void renamesTenant();
    void duplicatesTenant();
    void removesTenantAndUndoRestoresIt();
    void movesTenant();
    void updatesSettings();

    // Rules, applications, test cases
    void insertsRules();
    void movesRule_data();
    void movesRule();
    void updatesAndRemovesRule();
    void refusesInvalidRule_data();
    void refusesInvalidRule();
    void keepsApplicationsPointingAtRules();
    void editsApplications();
    void editsTestCases();
    void refusesInvalidTestCase();

    // Transactions and history
    void refusedEditChangesNothing();
    void editWaitsForThenReportsLockedWorkspace();
    void readOnlyWorkspaceRefusesEdits();
    void recordsHistory();
    void eachThreadUsesItsOwnConnection();

    // Bundles
    void exportThenImportIsLossless();
    void importMergeReportsAndWrites();
    void importReplaceReportsAndWrites();
    void importOfInvalidBundleImportsNothing();
    void importRefusedByWorkspaceStateImportsNothing();
    void importOfUnchangedBundleWritesNothing();
    void exportsNamedTenants();
};

void tst_Workspace::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_Workspace::cleanup()
{
    // Make everything removable again after the read-only tests.
    for (const QString &name : filesIn(m_dir->path()))
        QFile::setPermissions(path(name), QFile::ReadOwner | QFile::WriteOwner);
    m_dir.reset();
}

void tst_Workspace::verifyPositions(const QString &fileName)
{
    RawDatabase raw(fileName);
    QVERIFY(raw.isOpen());
    for (const QString &table : { u"rules"_s, u"applications"_s, u"test_cases"_s }) {
        const QVariant bad =
            raw.value(u"SELECT count(*) FROM (SELECT tenant_id FROM %1 GROUP BY tenant_id "
                      "HAVING min(position) <> 0 OR max(position) <> count(*) - 1)"_s.arg(table));
        QCOMPARE(bad.toInt(), 0);
    }
    QCOMPARE(
        raw.value(
               u"SELECT count(*) FROM tenants WHERE position < 0 OR position >= (SELECT count(*) FROM tenants)"_s)
            .toInt(),
        0);
}

// ---------------------------------------------------------------------------------------------

void tst_Workspace::createsWorkspace()
{
    const QString fileName = path(u"nested/folder/new.corsworkspace"_s);
    {
        auto workspace = Workspace::open(fileName, OpenMode::EditOrCreate);
        QVERIFY2(workspace, qPrintable(workspace.errorMessage()));
        QVERIFY((*workspace)->wasCreated());
        QVERIFY(!(*workspace)->isReadOnly());
        QCOMPARE((*workspace)->tenants()->size(), 0);
        QCOMPARE(*(*workspace)->integrityCheck(), QStringList { u"ok"_s });
        // The edit lock is held while the workspace is open, and only then.
        QVERIFY(QFile::exists(fileName + u".lock"_s));
    }
    QVERIFY(!QFile::exists(fileName + u".lock"_s));

    RawDatabase raw(fileName);
    QCOMPARE(raw.value(u"PRAGMA user_version"_s).toInt(), WorkspaceSchema::kVersion);
    QCOMPARE(raw.value(u"PRAGMA application_id"_s).toInt(), WorkspaceSchema::kApplicationId);
    QCOMPARE(raw.value(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);

    // Opened again, it is the same workspace, not created anew.
    auto again = Workspace::open(fileName, OpenMode::EditOrCreate);
    QVERIFY(again);
    QVERIFY(!(*again)->wasCreated());
}

void tst_Workspace::openRequiresExistingFile_data()
{
    QTest::addColumn<OpenMode>("mode");
    QTest::newRow("edit") << OpenMode::Edit;
    QTest::newRow("read-only") << OpenMode::ReadOnly;
}

void tst_Workspace::openRequiresExistingFile()
{
    QFETCH(OpenMode, mode);
    const QString fileName = path(u"missing.corsworkspace"_s);
    const auto workspace = Workspace::open(fileName, mode);
    QVERIFY(!workspace);
    QCOMPARE(workspace.errorCode(), Code::NotFound);
    QVERIFY2(workspace.errorMessage().contains(u"does not exist"), qPrintable(workspace.errorMessage()));
    QCOMPARE(filesIn(m_dir->path()), QStringList());
}

void tst_Workspace::refusesFileThatIsNotAWorkspace_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<OpenMode>("mode");
    QTest::addColumn<QString>("expectedMessage");

    for (const auto &[modeName, mode] :
         { std::pair { "edit", OpenMode::Edit }, std::pair { "create", OpenMode::EditOrCreate },
           std::pair { "read-only", OpenMode::ReadOnly } }) {
        QTest::addRow("text file, %s", modeName) << u"text"_s << mode << u"not an SQLite database"_s;
        QTest::addRow("binary file, %s", modeName) << u"binary"_s << mode << u"not an SQLite database"_s;
        QTest::addRow("another program's database, %s", modeName)
            << u"foreign"_s << mode << u"another program"_s;
        QTest::addRow("database with a schema version, %s", modeName)
            << u"versioned"_s << mode << u"another program"_s;
    }
    // An empty file is only turned into a workspace when asked to create one.
    QTest::newRow("empty file, edit") << u"empty"_s << OpenMode::Edit << u"is empty"_s;
    QTest::newRow("empty file, read-only") << u"empty"_s << OpenMode::ReadOnly << u"is empty"_s;
}

void tst_Workspace::refusesFileThatIsNotAWorkspace()
{
    QFETCH(QString, kind);
    QFETCH(OpenMode, mode);
    QFETCH(QString, expectedMessage);

    const QString fileName = path(u"file.corsworkspace"_s);
    if (kind == u"text") {
        writeFile(fileName, "These are my notes, not a workspace.\n");
    } else if (kind == u"binary") {
        QByteArray bytes("\x89PNG\r\n\x1a\n", 8);
        for (int i = 0; i < 4096; ++i)
            bytes.append(char(i * 7));
        writeFile(fileName, bytes);
    } else if (kind == u"empty") {
        writeFile(fileName, QByteArray());
    } else {
        RawDatabase raw(fileName);
        QVERIFY(raw.exec(u"CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)"_s));
        QVERIFY(raw.exec(u"INSERT INTO notes (text) VALUES ('keep me')"_s));
        if (kind == u"versioned")
            QVERIFY(raw.exec(u"PRAGMA user_version = 1"_s));
    }
    const QByteArray before = bytesOf(fileName);

    const auto workspace = Workspace::open(fileName, mode, std::chrono::milliseconds(200));
    QVERIFY(!workspace);
    QCOMPARE(workspace.errorCode(), Code::NotAWorkspace);
    QVERIFY2(workspace.errorMessage().contains(expectedMessage), qPrintable(workspace.errorMessage()));
    QVERIFY2(workspace.errorMessage().contains(u"file.corsworkspace"), qPrintable(workspace.errorMessage()));
    QVERIFY2(workspace.errorMessage().contains(u"left untouched"), qPrintable(workspace.errorMessage()));

    QCOMPARE(bytesOf(fileName), before);
    // No journal, no lock file left behind either.
    QCOMPARE(filesIn(m_dir->path()), QStringList { u"file.corsworkspace"_s });
}

void tst_Workspace::refusesNewerSchema()
{
    const QString fileName = path(u"newer.corsworkspace"_s);
    {
        auto workspace = openOrFail(fileName);
        QVERIFY(workspace);
        QVERIFY(workspace->addTenant(plainTenant(u"kept"_s, { u"kept.example"_s })));
    }
    {
        RawDatabase raw(fileName);
        QVERIFY(raw.exec(u"PRAGMA user_version = 99"_s));
    }
    const QByteArray before = bytesOf(fileName);
    const QStringList filesBefore = filesIn(m_dir->path());

    for (const OpenMode mode : { OpenMode::Edit, OpenMode::EditOrCreate, OpenMode::ReadOnly }) {
        const auto workspace = Workspace::open(fileName, mode);
        QVERIFY(!workspace);
        QCOMPARE(workspace.errorCode(), Code::NewerVersion);
        QVERIFY2(workspace.errorMessage().contains(u"newer CORS Studio"),
                 qPrintable(workspace.errorMessage()));
        QVERIFY2(workspace.errorMessage().contains(u"version 99"), qPrintable(workspace.errorMessage()));
        QCOMPARE(bytesOf(fileName), before);
        QCOMPARE(filesIn(m_dir->path()), filesBefore);
    }
}

void tst_Workspace::upgradesOlderSchema()
{
    // The oldest workspace there is: marked as CORS Studio's, schema version 0 (no tables). It
    // takes the whole migration path, which a future version extends.
    const QString fileName = path(u"old.corsworkspace"_s);
    {
        RawDatabase raw(fileName);
        QVERIFY(raw.exec(u"PRAGMA application_id = %1"_s.arg(WorkspaceSchema::kApplicationId)));
    }
    const QByteArray before = bytesOf(fileName);

    // Read-only cannot upgrade, and says so without touching the file.
    const auto readOnly = Workspace::open(fileName, OpenMode::ReadOnly);
    QVERIFY(!readOnly);
    QCOMPARE(readOnly.errorCode(), Code::NeedsUpgrade);
    QCOMPARE(bytesOf(fileName), before);

    {
        auto workspace = Workspace::open(fileName, OpenMode::Edit);
        QVERIFY2(workspace, qPrintable(workspace.errorMessage()));
        QVERIFY((*workspace)->addTenant(plainTenant(u"after-upgrade"_s, { u"a.example"_s })));
        QCOMPARE(*(*workspace)->tenantNames(), QStringList { u"after-upgrade"_s });
    }
    RawDatabase raw(fileName);
    QCOMPARE(raw.value(u"PRAGMA user_version"_s).toInt(), WorkspaceSchema::kVersion);
}

void tst_Workspace::refusesReadOnlyFileForEditing()
{
    const QString fileName = path(u"readonly.corsworkspace"_s);
    const Tenant tenant = richTenant();
    {
        auto workspace = openOrFail(fileName);
        QVERIFY(workspace);
        QVERIFY(workspace->addTenant(tenant));
    }
    QVERIFY(QFile::setPermissions(fileName, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    const QByteArray before = bytesOf(fileName);

    for (const OpenMode mode : { OpenMode::Edit, OpenMode::EditOrCreate }) {
        const auto workspace = Workspace::open(fileName, mode);
        QVERIFY(!workspace);
        QCOMPARE(workspace.errorCode(), Code::ReadOnly);
        QVERIFY2(workspace.errorMessage().contains(u"read-only"), qPrintable(workspace.errorMessage()));
        QCOMPARE(bytesOf(fileName), before);
        QCOMPARE(filesIn(m_dir->path()), QStringList { u"readonly.corsworkspace"_s });
    }

    // Read-only, it can still be read (exported), and then refuses edits.
    {
        auto workspace = Workspace::open(fileName, OpenMode::ReadOnly);
        QVERIFY2(workspace, qPrintable(workspace.errorMessage()));
        QVERIFY((*workspace)->isReadOnly());
        QCOMPARE(*(*workspace)->tenants(), QList<Tenant> { tenant });
        const auto edit = (*workspace)->removeTenant(tenant.name);
        QVERIFY(!edit);
        QCOMPARE(edit.errorCode(), Code::ReadOnly);
    }
    QCOMPARE(bytesOf(fileName), before);
}

void tst_Workspace::refusesFileLockedByAnotherProgram()
{
    const QString fileName = path(u"locked.corsworkspace"_s);
    {
        auto workspace = openOrFail(fileName);
        QVERIFY(workspace);
        QVERIFY(workspace->addTenant(plainTenant(u"t"_s, { u"a.example"_s })));
    }
    const QByteArray before = bytesOf(fileName);
    {
        Holder locker(u"sqlite-lock"_s, fileName);
        QVERIFY(locker.isReady());
        for (const OpenMode mode : { OpenMode::Edit, OpenMode::ReadOnly }) {
            const auto workspace = Workspace::open(fileName, mode, std::chrono::milliseconds(200));
            QVERIFY(!workspace);
            QCOMPARE(workspace.errorCode(), Code::Locked);
            QVERIFY2(workspace.errorMessage().contains(u"locked by another program"),
                     qPrintable(workspace.errorMessage()));
        }
    }
    QCOMPARE(bytesOf(fileName), before);
    // Once the other program has finished, it opens.
    QVERIFY(openOrFail(fileName, OpenMode::Edit));
}

void tst_Workspace::refusesWorkspaceOpenInAnotherCorsStudio()
{
    const QString fileName = path(u"inuse.corsworkspace"_s);
    {
        auto workspace = openOrFail(fileName);
        QVERIFY(workspace);
        QVERIFY(workspace->addTenant(plainTenant(u"t"_s, { u"a.example"_s })));
    }
    const QByteArray before = bytesOf(fileName);
    Holder holder(u"hold"_s, fileName);
    QVERIFY(holder.isReady());

    const auto workspace = Workspace::open(fileName, OpenMode::Edit);
    QVERIFY(!workspace);
    QCOMPARE(workspace.errorCode(), Code::InUse);
    QVERIFY2(workspace.errorMessage().contains(QString::number(holder.processId())),
             qPrintable(workspace.errorMessage()));
    QCOMPARE(bytesOf(fileName), before);

    // Reading while another CORS Studio edits is fine: corsctl export does that.
    auto reader = Workspace::open(fileName, OpenMode::ReadOnly);
    QVERIFY2(reader, qPrintable(reader.errorMessage()));
    QCOMPARE(*(*reader)->tenantNames(), QStringList { u"t"_s });
}

void tst_Workspace::takesOverLockOfKilledProcess()
{
    const QString fileName = path(u"stale.corsworkspace"_s);
    QVERIFY(openOrFail(fileName));
    {
        Holder holder(u"hold"_s, fileName);
        QVERIFY(holder.isReady());
        holder.kill();
    }
    QVERIFY(QFile::exists(fileName + u".lock"_s)); // left behind by the killed process
    QVERIFY(openOrFail(fileName, OpenMode::Edit));
}

void tst_Workspace::takesOverLockFileLeftEmpty()
{
    // A process killed between creating its lock file and writing its id into it.
    const QString fileName = path(u"empty-lock.corsworkspace"_s);
    QVERIFY(openOrFail(fileName));
    writeFile(fileName + u".lock"_s, QByteArray());
    auto workspace = Workspace::open(fileName, OpenMode::Edit);
    QVERIFY2(workspace, qPrintable(workspace.errorMessage()));
    workspace = WorkspaceError {};

#ifdef Q_OS_UNIX
    // But a lock file that a living process holds (QLockFile flocks it before writing its id
    // into it) is respected even while it is still empty.
    writeFile(fileName + u".lock"_s, QByteArray());
    QFile held(fileName + u".lock"_s);
    QVERIFY(held.open(QIODevice::ReadWrite));
    QCOMPARE(::flock(held.handle(), LOCK_EX | LOCK_NB), 0);
    const auto refused = Workspace::open(fileName, OpenMode::Edit);
    QCOMPARE(refused.errorCode(), Code::InUse);
    ::flock(held.handle(), LOCK_UN);
#endif
}

void tst_Workspace::firstRunSeedsDemoTenants()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"CORS Studio Tests"_s);
    QCoreApplication::setApplicationName(u"tst_workspace-%1"_s.arg(QCoreApplication::applicationPid()));
    const QString fileName = Workspace::defaultFileName();
    QVERIFY2(fileName.contains(u".qttest"), qPrintable(fileName)); // never the user's own
    const QString folder = QFileInfo(fileName).absolutePath();
    const auto removeFolder = qScopeGuard([&] { QDir(folder).removeRecursively(); });
    QVERIFY(!QFile::exists(fileName));

    const auto demo = Workspace::demoBundle();
    QVERIFY2(demo, qPrintable(demo.errorMessage()));
    QSet<QString> profiles;
    for (const Tenant &tenant : demo->tenants)
        profiles.insert(profileName(tenant.profile));
    QCOMPARE(profiles.size(), 4); // one tenant per profile

    {
        auto workspace = Workspace::openDefault();
        QVERIFY2(workspace, qPrintable(workspace.errorMessage()));
        QVERIFY((*workspace)->wasCreated());
        QCOMPARE((*workspace)->fileName(), QFileInfo(fileName).absoluteFilePath());
        QCOMPARE(*(*workspace)->tenants(), demo->tenants);
        const auto history = (*workspace)->history();
        QCOMPARE(history->size(), demo->tenants.size());
        QCOMPARE(history->first().summary, u"Created the workspace with the demo tenants"_s);
        QVERIFY((*workspace)->removeTenant(demo->tenants.first().name));
    }
    // Not the first run any more: what the user did stays.
    auto workspace = Workspace::openDefault();
    QVERIFY2(workspace, qPrintable(workspace.errorMessage()));
    QVERIFY(!(*workspace)->wasCreated());
    QCOMPARE((*workspace)->tenants()->size(), demo->tenants.size() - 1);
}

// ---------------------------------------------------------------------------------------------

void tst_Workspace::addsAndLoadsTenantsLosslessly()
{
    const QString fileName = path(u"w.corsworkspace"_s);
    const Tenant rich = richTenant();
    const QList<TestCase> testCases = { sampleTestCase(u"cached preflight"_s), sampleTestCase(u"second"_s) };
    {
        auto workspace = openOrFail(fileName);
        QVERIFY(workspace);
        const auto first = workspace->addTenant(rich, Workspace::kAtEnd, testCases);
        QVERIFY2(first, qPrintable(first.errorMessage()));
        QVERIFY(*first > 0);
        QVERIFY(workspace->addTenant(plainTenant(u"before"_s), 0));
        QVERIFY(workspace->addTenant(plainTenant(u"last"_s)));
    }
    auto workspace = openOrFail(fileName, OpenMode::ReadOnly);
    QVERIFY(workspace);
    const QList<Tenant> tenants = *workspace->tenants();
    QCOMPARE(namesOf(tenants), (QStringList { u"before"_s, u"rich"_s, u"last"_s }));
    QCOMPARE(tenants[1], rich);
    QCOMPARE(*workspace->tenant(u"rich"_s), rich);
    QCOMPARE(*workspace->testCases(u"rich"_s), testCases);
    QCOMPARE(workspace->tenant(u"nobody"_s).errorCode(), Code::NotFound);
    verifyPositions(fileName);
}

void tst_Workspace::refusesInvalidOrDuplicateTenant()
{
    auto workspace = openOrFail(path(u"w.corsworkspace"_s));
    QVERIFY(workspace);
    QVERIFY(workspace->addTenant(plainTenant(u"acme"_s)));

    const auto duplicate = workspace->addTenant(plainTenant(u"acme"_s));
    QCOMPARE(duplicate.errorCode(), Code::Conflict);
    QVERIFY(duplicate.errorMessage().contains(u"already a tenant called \"acme\""));

    Tenant invalid = plainTenant(u"broken"_s, { u"ok.example"_s });
    invalid.rules.append(sampleRule(u"bad.example"_s, { u"GE T"_s }));
    invalid.applications.append({ u"app"_s, { u"https://x.example/path"_s }, QString() });
    const auto refused = workspace->addTenant(invalid);
    QCOMPARE(refused.errorCode(), Code::Invalid);
    QVERIFY2(refused.errorMessage().contains(u"rules[1].methods[0]"), qPrintable(refused.errorMessage()));
    QVERIFY2(refused.errorMessage().contains(u"applications[0].origins[0]"),
             qPrintable(refused.errorMessage()));

    const auto badPosition = workspace->addTenant(plainTenant(u"far"_s), 5);
    QCOMPARE(badPosition.errorCode(), Code::NotFound);

    QList<TestCase> sameNames = { sampleTestCase(u"x"_s), sampleTestCase(u"x"_s) };
    const auto duplicateCases = workspace->addTenant(plainTenant(u"cases"_s), Workspace::kAtEnd, sameNames);
    QCOMPARE(duplicateCases.errorCode(), Code::Invalid);
    QVERIFY2(duplicateCases.errorMessage().contains(u"testCases[1].name"),
             qPrintable(duplicateCases.errorMessage()));

    QCOMPARE(*workspace->tenantNames(), QStringList { u"acme"_s });
}

void tst_Workspace::renamesTenant()
{
    auto workspace = openOrFail(path(u"w.corsworkspace"_s));
    QVERIFY(workspace);
    QVERIFY(workspace->addTenant(richTenant(u"a"_s), Workspace::kAtEnd, { sampleTestCase(u"t"_s) }));
    QVERIFY(workspace->addTenant(plainTenant(u"b"_s)));

    QVERIFY(workspace->renameTenant(u"a"_s, u"alpha"_s));
    QCOMPARE(*workspace->tenantNames(), (QStringList { u"alpha"_s, u"b"_s }));
    QCOMPARE(workspace->testCases(u"alpha"_s)->size(), 1);
    QCOMPARE(workspace->tenant(u"alpha"_s)->rules, richTenant().rules);

    QCOMPARE(workspace->renameTenant(u"alpha"_s, u"b"_s).errorCode(), Code::Conflict);
    QCOMPARE(workspace->renameTenant(u"nobody"_s, u"c"_s).errorCode(), Code::NotFound);
    QCOMPARE(workspace->renameTenant(u"alpha"_s, u" padded "_s).errorCode(), Code::Invalid);
    QCOMPARE(workspace->renameTenant(u"alpha"_s, QString()).errorCode(), Code::Invalid);
    QCOMPARE(*workspace->renameTenant(u"alpha"_s, u"alpha"_s), EditId(0));
    QCOMPARE(*workspace->tenantNames(), (QStringList { u"alpha"_s, u"b"_s }));
}

void tst_Workspace::duplicatesTenant()
{
    const QString fileName = path(u"w.corsworkspace"_s);
    auto workspace = openOrFail(fileName);
    QVERIFY(workspace);
    QVERIFY(workspace->addTenant(richTenant(u"a"_s), Workspace::kAtEnd, { sampleTestCase(u"t"_s) }));
    QVERIFY(workspace->addTenant(plainTenant(u"z"_s)));

    QVERIFY(workspace->duplicateTenant(u"a"_s, u"a copy"_s));
    QCOMPARE(*workspace->tenantNames(), (QStringList { u"a"_s, u"a copy"_s, u"z"_s }));
    Tenant expected = richTenant(u"a copy"_s);
    QCOMPARE(*workspace->tenant(u"a copy"_s), expected);
    QCOMPARE(*workspace->testCases(u"a copy"_s), QList<TestCase> { sampleTestCase(u"t"_s) });
    // A copy, not a second view of the same rows.
    QVERIFY(workspace->removeRule(u"a copy"_s, 1));
    QCOMPARE(workspace->tenant(u"a"_s)->rules.size(), richTenant().rules.size());

    QCOMPARE(workspace->duplicateTenant(u"a"_s, u"z"_s).errorCode(), Code::Conflict);
    QCOMPARE(workspace->duplicateTenant(u"nobody"_s, u"y"_s).errorCode(), Code::NotFound);
    verifyPositions(fileName);
}

void tst_Workspace::removesTenantAndUndoRestoresIt()
{
    const QString fileName = path(u"w.corsworkspace"_s);
    auto workspace = openOrFail(fileName);
    QVERIFY(workspace);
    const Tenant rich = richTenant(u"middle"_s);
    const QList<TestCase> testCases = { sampleTestCase(u"t1"_s), sampleTestCase(u"t2"_s) };
    QVERIFY(workspace->addTenant(plainTenant(u"first"_s, { u"f.example"_s })));
    QVERIFY(workspace->addTenant(rich, Workspace::kAtEnd, testCases));
    QVERIFY(workspace->addTenant(plainTenant(u"last"_s, { u"l.example"_s })));
    const QList<Tenant> before = *workspace->tenants();

    const auto removed = workspace->removeTenant(u"middle"_s);
    QVERIFY2(removed, qPrintable(removed.errorMessage()));
    QCOMPARE(*workspace->tenantNames(), (QStringList { u"first"_s, u"last"_s }));
    {
        // Its rules, applications and test cases went with it.
        RawDatabase raw(fileName);
        QCOMPARE(raw.value(u"SELECT count(*) FROM rules"_s).toInt(), 2);
        QCOMPARE(raw.value(u"SELECT count(*) FROM applications"_s).toInt(), 0);
        QCOMPARE(raw.value(u"SELECT count(*) FROM test_cases"_s).toInt(), 0);
    }
    // The history keeps everything, so that nothing the user had is lost.
    const HistoryEntry entry = workspace->history(1)->first();
    QCOMPARE(entry.edit, *removed);
    QCOMPARE(entry.entity, HistoryEntry::Entity::Tenant);
    QCOMPARE(entry.newValue, QJsonValue());
    QJsonObject old = entry.oldValue.toObject();
    QCOMPARE(old.take(u"testCases"_s).toArray().size(), 2);
    JsonProblems problems;
    QCOMPARE(BundleReader::readTenant(old, QString(), &problems), std::optional<Tenant>(rich));

    // The undo of a removal: the same tenant at the same position with its test cases.
    QVERIFY(workspace->addTenant(rich, 1, testCases));
    QCOMPARE(*workspace->tenants(), before);
    QCOMPARE(*workspace->testCases(u"middle"_s), testCases);
    QCOMPARE(workspace->removeTenant(u"nobody"_s).errorCode(), Code::NotFound);
    verifyPositions(fileName);
}

void tst_Workspace::movesTenant()
{
    const QString fileName = path(u"w.corsworkspace"_s);
    auto workspace = openOrFail(fileName);
    QVERIFY(workspace);
    for (const QString &name : { u"a"_s, u"b"_s, u"c"_s, u"d"_s })
        QVERIFY(workspace->addTenant(plainTenant(name)));
    QVERIFY(workspace->moveTenant(u"a"_s, 3));
    QCOMPARE(*workspace->tenantNames(), (QStringList { u"b"_s, u"c"_s, u"d"_s, u"a"_s }));
    QVERIFY(workspace->moveTenant(u"d"_s, 0));
    QCOMPARE(*workspace->tenantNames(), (QStringList { u"d"_s, u"b"_s, u"c"_s, u"a"_s }));
    QCOMPARE(*workspace->moveTenant(u"b"_s, 1), EditId(0));
    QCOMPARE(workspace->moveTenant(u"b"_s, 4).errorCode(), Code::NotFound);
    QCOMPARE(workspace->moveTenant(u"b"_s, -1).errorCode(), Code::NotFound);
    verifyPositions(fileName);
}

void tst_Workspace::updatesSettings()
{
    auto workspace = openOrFail(path(u"w.corsworkspace"_s));
    QVERIFY(workspace);
    const Tenant rich = richTenant();
    QVERIFY(workspace->addTenant(rich));

    TenantSettings settings = TenantSettings::of(rich);
    settings.profile = Profile::Boomi;
    settings.description = u"changed"_s;
    settings.authentication = { Authentication::Type::Basic, u"user"_s, u"pass:word"_s, QString(),
                                QString() };
    const auto edit = workspace->updateTenantSettings(rich.name, settings);
    QVERIFY2(edit, qPrintable(edit.errorMessage()));
    Tenant expected = rich;
    settings.applyTo(expected);
    QCOMPARE(*workspace->tenant(rich.name), expected);

    const HistoryEntry entry = workspace->history(1)->first();
    QCOMPARE(entry.entity, HistoryEntry::Entity::Settings);
    QCOMPARE(entry.oldValue.toObject(), TenantSettings::of(rich).toJson());
    QCOMPARE(entry.newValue.toObject(), settings.toJson());
    QVERIFY2(entry.summary.contains(u"description, profile, authentication"), qPrintable(entry.summary));

    // The same settings again change nothing and write nothing.
    QCOMPARE(*workspace->updateTenantSettings(rich.name, settings), EditId(0));
    QCOMPARE(workspace->history(1)->first().edit, *edit);

    TenantSettings invalid = settings;
    invalid.authentication.user = u"a:b"_s;
    const auto refused = workspace->updateTenantSettings(rich.name, invalid);
    QCOMPARE(refused.errorCode(), Code::Invalid);
    QVERIFY2(refused.errorMessage().contains(u"authentication.user"), qPrintable(refused.errorMessage()));
    QCOMPARE(workspace->updateTenantSettings(u"nobody"_s, settings).errorCode(), Code::NotFound);
}

// ---------------------------------------------------------------------------------------------

void tst_Workspace::insertsRules()
{
    const QString fileName = path(u"w.corsworkspace"_s);
    auto workspace = openOrFail(fileName);
    QVERIFY(workspace);
    QVERIFY(workspace->addTenant(plainTenant(u"t"_s)));
    QVERIFY(workspace->insertRule(u"t"_s, Workspace::kAtEnd, sampleRule(u"b.example"_s)));
    QVERIFY(workspace->insertRule(u"t"_s, 0, sampleRule(u"a.example"_s)));
    QVERIFY(workspace->insertRule(u"t"_s, 2, sampleRule(u"d.example"_s)));
    QVERIFY(workspace->insertRule(u"t"_s, 2, sampleRule(u"c.example"_s)));
    QCOMPARE(domainsOf(*workspace->tenant(u"t"_s)),
             (QStringList { u"a.example"_s, u"b.example"_s, u"c.example"_s, u"d.example"_s }));
    QCOMPARE(workspace->tenant(u"t"_s)->rules[2], sampleRule(u"c.example"_s));

    const auto outOfRange = workspace->insertRule(u"t"_s, 5, sampleRule(u"e.example"_s));
    QCOMPARE(outOfRange.errorCode(), Code::NotFound);
    QVERIFY2(outOfRange.errorMessage().contains(u"has 4 rules"), qPrintable(outOfRange.errorMessage()));
    QCOMPARE(workspace->insertRule(u"nobody"_s, 0, sampleRule(u"e.example"_s)).errorCode(), Code::NotFound);
    verifyPositions(fileName);
}

void tst_Workspace::movesRule_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::addColumn<QString>("expected");
    QTest::newRow("first to last") << 0 << 4 << u"bcdea"_s;
    QTest::newRow("last to first") << 4 << 0 << u"eabcd"_s;
    QTest::newRow("down one") << 1 << 2 << u"acbde"_s;
    QTest::newRow("up one") << 3 << 2 << u"abdce"_s;
    QTest::newRow("inner down") << 1 << 3 << u"acdbe"_s;
    QTest::newRow("inner up") << 3 << 1 << u"adbce"_s;
    QTest::newRow("in place") << 2 << 2 << u"abcde"_s;
}

void tst_Workspace::movesRule()
{
    QFETCH(int, from);
    QFETCH(int, to);
    QFETCH(QString, expected);

    const QString fileName = path(u"w.corsworkspace"_s);
    auto workspace = openOrFail(fileName);
    QVERIFY(workspace);
    QVERIFY(workspace->addTenant(plainTenant(u"t"_s, { u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s })));
    const auto moved = workspace->moveRule(u"t"_s, from, to);
    QVERIFY2(moved, qPrintable(moved.errorMessage()));
    QCOMPARE(*moved == 0, from == to);
    QCOMPARE(domainsOf(*workspace->tenant(u"t"_s)).join(QString()), expected);
    // And back, as an undo does.
    QVERIFY(workspace->moveRule(u"t"_s, to, from));
    QCOMPARE(domainsOf(*workspace->tenant(u"t"_s)).join(QString()), u"abcde"_s);
    QCOMPARE(workspace->moveRule(u"t"_s, 0, 5).errorCode(), Code::NotFound);
    verifyPositions(fileName);
}

void tst_Workspace::updatesAndRemovesRule()
{
    const QString fileName = path(u"w.corsworkspace"_s);
    auto workspace = openOrFail(fileName);
    QVERIFY(workspace);
    QVERIFY(workspace->addTenant(plainTenant(u"t"_s, { u"a.example"_s, u"b.example"_s, u"c.example"_s })));

    Rule changed = sampleRule(u"b2.example"_s, { u"DELETE"_s });
    changed.ports = *PortSet::parse({ u"8080"_s });
    const auto updated = workspace->updateRule(u"t"_s, 1, changed);
    QVERIFY2(updated, qPrintable(updated.errorMessage()));
    QCOMPARE(workspace->tenant(u"t"_s)->rules[1], changed);
    QCOMPARE(*workspace->updateRule(u"t"_s, 1, changed), EditId(0));
    QCOMPARE(workspace->updateRule(u"t"_s, 3, changed).errorCode(), Code::NotFound);

    QVERIFY(workspace->removeRule(u"t"_s, 0));
    QCOMPARE(domainsOf(*workspace->tenant(u"t"_s)), (QStringList { u"b2.example"_s, u"c.example"_s }));
    const HistoryEntry entry = workspace->history(1)->first();
    QCOMPARE(entry.entity, HistoryEntry::Entity::Rule);
    QCOMPARE(entry.item, u"a.example"_s);
    QCOMPARE(entry.position, 0);
    QCOMPARE(entry.oldValue.toObject(), BundleWriter::toJson(sampleRule(u"a.example"_s)));
    QCOMPARE(workspace->removeRule(u"t"_s, 2).errorCode(), Code::NotFound);
    verifyPositions(fileName);
}

void tst_Workspace::refusesInvalidRule_data()
{
    QTest::addColumn<Rule>("rule");
    QTest::addColumn<QString>("expectedMessage");

    QTest::newRow("bad method") << sampleRule(u"a.example"_s, { u"GE T"_s }) << u"methods[0]"_s;
    Rule noProtocols = sampleRule(u"a.example"_s);
    noProtocols.protocols = {};
    QTest::newRow("no protocol") << noProtocols << u"protocols"_s;
    QTest::newRow("bad domain") << sampleRule(u"exa mple.com"_s) << u"domain"_s;
    Rule negative = sampleRule(u"a.example"_s);
    negative.maxAge = -1;
    QTest::newRow("negative max age") << negative << u"maxAge"_s;
    // Not canonical: the GUI normalizes before storing, so that a reload shows what it showed.
    Rule withScheme = sampleRule(u"http://localhost:3000"_s);
    withScheme.protocols = Protocol::Http;
    QTest::newRow("scheme in domain") << withScheme << u"write \"localhost\" with ports [3000]"_s;
    QTest::newRow("upper case") << sampleRule(u"Shop.Example.COM"_s) << u"write \"shop.example.com\""_s;
}

void tst_Workspace::refusesInvalidRule()
{
    QFETCH(Rule, rule);
    QFETCH(QString, expectedMessage);
    const QString fileName = path(u"w.corsworkspace"_s);
    auto workspace = openOrFail(fileName);
    QVERIFY(workspace);
    QVERIFY(workspace->addTenant(plainTenant(u"t"_s, { u"kept.example"_s })));

    for (const auto &result :
         { workspace->insertRule(u"t"_s, 0, rule), workspace->updateRule(u"t"_s, 0, rule) }) {
        QCOMPARE(result.errorCode(), Code::Invalid);
        QVERIFY2(result.errorMessage().contains(expectedMessage), qPrintable(result.errorMessage()));
    }
    QCOMPARE(domainsOf(*workspace->tenant(u"t"_s)), QStringList { u"kept.example"_s });
}

void tst_Workspace::keepsApplicationsPointingAtRules()
{
    auto workspace = openOrFail(path(u"w.corsworkspace"_s));
    QVERIFY(workspace);
    const Tenant rich = richTenant(); // "Partner portal" uses the rule "shop.example.com" (index 0)
    QVERIFY(workspace->addTenant(rich));

    const auto removed = workspace->removeRule(rich.name, 0);
    QCOMPARE(removed.errorCode(), Code::Invalid);
    QVERIFY2(removed.errorMessage().contains(u"application \"Partner portal\""),
             qPrintable(removed.errorMessage()));

    Rule disabled = rich.rules[0];
    disabled.enabled = false;
    QCOMPARE(workspace->updateRule(rich.name, 0, disabled).errorCode(), Code::Invalid);
    Rule renamed = rich.rules[0];
    renamed.domain = u"elsewhere.example"_s;
    QCOMPARE(workspace->updateRule(rich.name, 0, renamed).errorCode(), Code::Invalid);
    QCOMPARE(*workspace->tenant(rich.name), rich);

    // With a second enabled rule for the same domain, the first may go.
    QVERIFY(workspace->insertRule(rich.name, Workspace::kAtEnd, rich.rules[0]));
    QVERIFY(workspace->removeRule(rich.name, 0));
}

void tst_Workspace::editsApplications()
{
    const QString fileName = path(u"w.corsworkspace"_s);
    auto workspace = openOrFail(fileName);
    QVERIFY(workspace);
    QVERIFY(workspace->addTenant(plainTenant(u"t"_s, { u"a.example"_s })));
    const Application one { u"one"_s, { u"https://one.example"_s }, u"a.example"_s };
    const Application two { u"two"_s, { u"https://two.example"_s, u"http://localhost:3000"_s }, QString() };
    QVERIFY(workspace->insertApplication(u"t"_s, Workspace::kAtEnd, one));
    QVERIFY(workspace->insertApplication(u"t"_s, 0, two));
    QCOMPARE(workspace->tenant(u"t"_s)->applications, (QList<Application> { two, one }));
    QVERIFY(workspace->moveApplication(u"t"_s, 0, 1));
    QCOMPARE(workspace->tenant(u"t"_s)->applications, (QList<Application> { one, two }));
    Application changed = two;
    changed.origins.append(u"https://three.example"_s);
    QVERIFY(workspace->updateApplication(u"t"_s, 1, changed));
    QCOMPARE(workspace->tenant(u"t"_s)->applications, (QList<Application> { one, changed }));

    const auto dangling = workspace->insertApplication(u"t"_s, 0, { u"bad"_s, {}, u"missing.example"_s });
    QCOMPARE(dangling.errorCode(), Code::Invalid);
    const auto badOrigin =
        workspace->insertApplication(u"t"_s, 0, { u"bad"_s, { u"HTTPS://One.Example"_s }, QString() });
    QCOMPARE(badOrigin.errorCode(), Code::Invalid);
    QVERIFY2(badOrigin.errorMessage().contains(u"origins[0]"), qPrintable(badOrigin.errorMessage()));

    QVERIFY(workspace->removeApplication(u"t"_s, 0));
    QCOMPARE(workspace->tenant(u"t"_s)->applications, QList<Application> { changed });
    QCOMPARE(workspace->removeApplication(u"t"_s, 1).errorCode(), Code::NotFound);
    verifyPositions(fileName);
}

void tst_Workspace::editsTestCases()
{
    const QString fileName = path(u"w.corsworkspace"_s);
    auto workspace = openOrFail(fileName);
    QVERIFY(workspace);
    QVERIFY(workspace->addTenant(plainTenant(u"t"_s)));
    const TestCase a = sampleTestCase(u"a"_s);
    TestCase b = sampleTestCase(u"b"_s);
    b.firefox.reset();
    b.chromium = TestCase::Verdict::Opaque;
    b.fetches = { QJsonObject { { u"pageOrigin"_s, u"null"_s },
                                { u"url"_s, u"https://api.example.com/"_s } } };
    QVERIFY(workspace->insertTestCase(u"t"_s, Workspace::kAtEnd, a));
    QVERIFY(workspace->insertTestCase(u"t"_s, Workspace::kAtEnd, b));
    QCOMPARE(*workspace->testCases(u"t"_s), (QList<TestCase> { a, b }));

    QCOMPARE(workspace->insertTestCase(u"t"_s, 0, a).errorCode(), Code::Conflict);
    TestCase renamed = b;
    renamed.name = u"a"_s;
    QCOMPARE(workspace->updateTestCase(u"t"_s, 1, renamed).errorCode(), Code::Conflict);
    renamed.name = u"b renamed"_s;
    QVERIFY(workspace->updateTestCase(u"t"_s, 1, renamed));
    // Keeping its own name is not a conflict.
    TestCase described = a;
    described.description = u"new description"_s;
    QVERIFY(workspace->updateTestCase(u"t"_s, 0, described));
    QVERIFY(workspace->moveTestCase(u"t"_s, 1, 0));
    QCOMPARE(*workspace->testCases(u"t"_s), (QList<TestCase> { renamed, described }));
    QVERIFY(workspace->removeTestCase(u"t"_s, 0));
    QCOMPARE(*workspace->testCases(u"t"_s), QList<TestCase> { described });
    QCOMPARE(workspace->testCases(u"nobody"_s).errorCode(), Code::NotFound);
    verifyPositions(fileName);
}

void tst_Workspace::refusesInvalidTestCase()
{
    auto workspace = openOrFail(path(u"w.corsworkspace"_s));
    QVERIFY(workspace);
    QVERIFY(workspace->addTenant(plainTenant(u"t"_s)));
    TestCase testCase = sampleTestCase(u"bad"_s);
    QJsonObject badFetch = fetch(u"https://a.example"_s, u"/relative"_s);
    badFetch.insert(u"credential"_s, u"include"_s);
    testCase.fetches.append(badFetch);
    const auto refused = workspace->insertTestCase(u"t"_s, 0, testCase);
    QCOMPARE(refused.errorCode(), Code::Invalid);
    QVERIFY2(refused.errorMessage().contains(u"fetches[2].url"), qPrintable(refused.errorMessage()));
    QVERIFY2(refused.errorMessage().contains(u"fetches[2].credential"), qPrintable(refused.errorMessage()));
    QCOMPARE(workspace->testCases(u"t"_s)->size(), 0);
}

// ---------------------------------------------------------------------------------------------

void tst_Workspace::refusedEditChangesNothing()
{
    const QString fileName = path(u"w.corsworkspace"_s);
    auto workspace = openOrFail(fileName);
    QVERIFY(workspace);
    QVERIFY(workspace->addTenant(richTenant()));
    const QList<Tenant> tenants = *workspace->tenants();
    const qsizetype historySize = workspace->history()->size();

    // Refused after some of its statements ran: removing rule 0 shifts the others before the
    // application check refuses it. The transaction takes all of it back.
    QCOMPARE(workspace->removeRule(u"rich"_s, 0).errorCode(), Code::Invalid);
    QCOMPARE(*workspace->tenants(), tenants);
    QCOMPARE(workspace->history()->size(), historySize);
    verifyPositions(fileName);
}

void tst_Workspace::editWaitsForThenReportsLockedWorkspace()
{
    const QString fileName = path(u"w.corsworkspace"_s);
    auto opened = Workspace::open(fileName, OpenMode::EditOrCreate, std::chrono::milliseconds(200));
    QVERIFY(opened);
    Workspace &workspace = **opened;
    QVERIFY(workspace.addTenant(plainTenant(u"t"_s, { u"a.example"_s })));

    RawDatabase other(fileName);
    QVERIFY(other.exec(u"BEGIN IMMEDIATE"_s));
    const auto edit = workspace.insertRule(u"t"_s, Workspace::kAtEnd, sampleRule(u"b.example"_s));
    QCOMPARE(edit.errorCode(), Code::Locked);
    QVERIFY2(edit.errorMessage().contains(u"nothing was changed"), qPrintable(edit.errorMessage()));
    // Reading is not blocked by a writer.
    QCOMPARE(domainsOf(*workspace.tenant(u"t"_s)), QStringList { u"a.example"_s });
    QVERIFY(other.exec(u"ROLLBACK"_s));
    QVERIFY(workspace.insertRule(u"t"_s, Workspace::kAtEnd, sampleRule(u"b.example"_s)));
}

void tst_Workspace::readOnlyWorkspaceRefusesEdits()
{
    const QString fileName = path(u"w.corsworkspace"_s);
    QVERIFY(openOrFail(fileName));
    auto workspace = openOrFail(fileName, OpenMode::ReadOnly);
    QVERIFY(workspace);
    QVERIFY(!QFile::exists(fileName + u".lock"_s)); // read-only opens take no edit lock
    QCOMPARE(workspace->addTenant(plainTenant(u"t"_s)).errorCode(), Code::ReadOnly);
    Bundle bundle;
    bundle.tenants.append(plainTenant(u"t"_s));
    QCOMPARE(workspace->importBundle(bundle, ImportMode::Merge).errorCode(), Code::ReadOnly);
}

void tst_Workspace::recordsHistory()
{
    auto workspace = openOrFail(path(u"w.corsworkspace"_s));
    QVERIFY(workspace);
    QDateTime now(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
    workspace->setClock([&] { return now; });

    const auto added = workspace->addTenant(plainTenant(u"t"_s, { u"a.example"_s }));
    now = now.addSecs(60);
    const auto inserted = workspace->insertRule(u"t"_s, 1, sampleRule(u"b.example"_s));
    now = now.addSecs(60);
    const auto moved = workspace->moveRule(u"t"_s, 1, 0);
    now = now.addSecs(60);
    QVERIFY(workspace->addTenant(plainTenant(u"other"_s)));
    QVERIFY(added && inserted && moved);
    QVERIFY(*added < *inserted && *inserted < *moved);

    const QList<HistoryEntry> all = *workspace->history();
    QCOMPARE(all.size(), 4);
    QCOMPARE(all[0].tenant, u"other"_s);
    const QList<HistoryEntry> ofT = *workspace->history(-1, u"t"_s);
    QCOMPARE(ofT.size(), 3);
    QCOMPARE(ofT[0].edit, *moved);
    QCOMPARE(ofT[0].at, QDateTime(QDate(2024, 5, 1), QTime(12, 2), Qt::UTC));
    QCOMPARE(ofT[0].summary, u"Moved rule \"b.example\" of tenant \"t\" from position 2 to 1"_s);
    QCOMPARE(ofT[0].oldValue, QJsonValue(QJsonObject { { u"position"_s, 1 } }));
    QCOMPARE(ofT[0].newValue, QJsonValue(QJsonObject { { u"position"_s, 0 } }));
    QCOMPARE(ofT[1].edit, *inserted);
    QCOMPARE(ofT[1].summary, u"Added rule \"b.example\" to tenant \"t\""_s);
    QCOMPARE(ofT[1].oldValue, QJsonValue());
    QCOMPARE(ofT[1].newValue, QJsonValue(BundleWriter::toJson(sampleRule(u"b.example"_s))));
    QCOMPARE(ofT[1].position, 1);
    QCOMPARE(ofT[2].entity, HistoryEntry::Entity::Tenant);
    QCOMPARE(ofT[2].at, QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC));
    QCOMPARE(workspace->history(2)->size(), 2);
    QCOMPARE(workspace->history(-1, u"nobody"_s).errorCode(), Code::NotFound);
}

void tst_Workspace::eachThreadUsesItsOwnConnection()
{
    // QtSql connections cannot change threads: a worker opens a Workspace of its own (with its
    // own named connection) and reads while this thread edits the same file.
    const QString fileName = path(u"w.corsworkspace"_s);
    auto editor = openOrFail(fileName);
    QVERIFY(editor);
    QVERIFY(editor->addTenant(plainTenant(u"t"_s, { u"a.example"_s })));

    std::atomic<int> reads { 0 };
    std::atomic<bool> stop { false };
    QStringList workerErrors;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        auto reader = Workspace::open(fileName, OpenMode::ReadOnly);
        if (!reader) {
            workerErrors.append(reader.errorMessage());
            return;
        }
        while (!stop) {
            const auto tenants = (*reader)->tenants();
            if (!tenants || tenants->size() != 1) {
                workerErrors.append(tenants ? u"wrong tenants"_s : tenants.errorMessage());
                return;
            }
            ++reads;
        }
    }));
    worker->start();
    for (int i = 0; i < 20; ++i)
        QVERIFY(editor->insertRule(u"t"_s, Workspace::kAtEnd, sampleRule(u"r%1.example"_s.arg(i))));
    QTRY_VERIFY(reads > 0);
    stop = true;
    QVERIFY(worker->wait(10000));
    QVERIFY2(workerErrors.isEmpty(), qPrintable(workerErrors.join(u"; ")));
    QCOMPARE(editor->tenant(u"t"_s)->rules.size(), 21);
}

// ---------------------------------------------------------------------------------------------

void tst_Workspace::exportThenImportIsLossless()
{
    const auto demo = Workspace::demoBundle();
    QVERIFY(demo);
    Bundle bundle = *demo;
    bundle.tenants.append(richTenant());

    auto first = openOrFail(path(u"first.corsworkspace"_s));
    QVERIFY(first);
    const auto imported = first->importBundle(bundle, ImportMode::Replace);
    QVERIFY2(imported, qPrintable(imported.errorMessage()));
    const auto exported = first->exportBundle();
    QVERIFY(exported);
    QCOMPARE(*exported, bundle);
    const QByteArray text = BundleWriter::write(*exported);
    QCOMPARE(text, BundleWriter::write(bundle));

    // Through the bundle's text into a second workspace, and out again: the same bytes.
    JsonProblems problems;
    const auto reread = BundleReader::read(text, &problems);
    QVERIFY2(reread, qPrintable(problems.value(0).toString()));
    auto second = openOrFail(path(u"second.corsworkspace"_s));
    QVERIFY(second);
    QVERIFY(second->importBundle(*reread, ImportMode::Merge));
    QCOMPARE(BundleWriter::write(*second->exportBundle()), text);
    QCOMPARE(*second->tenants(), *first->tenants());
}

void tst_Workspace::importMergeReportsAndWrites()
{
    const QString fileName = path(u"w.corsworkspace"_s);
    auto workspace = openOrFail(fileName);
    QVERIFY(workspace);
    Tenant existing = plainTenant(u"t"_s, { u"a.example"_s, u"b.example"_s, u"c.example"_s });
    QVERIFY(workspace->addTenant(existing, Workspace::kAtEnd, { sampleTestCase(u"kept"_s) }));

    Tenant incoming = plainTenant(u"t"_s, { u"c.example"_s, u"new.example"_s, u"a.example"_s });
    incoming.rules[0].methods = { u"DELETE"_s }; // c changes
    incoming.profile = Profile::Apig; // a setting the merge keeps
    Bundle bundle;
    bundle.tenants = { incoming, plainTenant(u"fresh"_s, { u"f.example"_s }) };

    const auto report = workspace->importBundle(bundle, ImportMode::Merge);
    QVERIFY2(report, qPrintable(report.errorMessage()));
    QCOMPARE(report->tenants.size(), 2);
    const ImportReport::TenantReport &merged = report->tenants[0];
    QCOMPARE(merged.action, ImportReport::TenantReport::Action::Merged);
    QCOMPARE(merged.rules.added, QStringList { u"new.example"_s });
    QCOMPARE(merged.rules.changed, QStringList { u"c.example"_s });
    QCOMPARE(merged.rules.unchanged, QStringList { u"a.example"_s });
    QCOMPARE(merged.settingsKept, QStringList { u"profile"_s });
    QCOMPARE(report->tenants[1].action, ImportReport::TenantReport::Action::Added);
    QVERIFY(report->edit > 0);

    const Tenant after = *workspace->tenant(u"t"_s);
    QCOMPARE(domainsOf(after),
             (QStringList { u"a.example"_s, u"b.example"_s, u"c.example"_s, u"new.example"_s }));
    QCOMPARE(after.rules[2], incoming.rules[0]);
    QCOMPARE(after.profile, existing.profile);
    QCOMPARE(*workspace->testCases(u"t"_s), QList<TestCase> { sampleTestCase(u"kept"_s) });
    QCOMPARE(*workspace->tenantNames(), (QStringList { u"t"_s, u"fresh"_s }));

    // One edit, one history entry per change.
    const QList<HistoryEntry> entries = *workspace->history();
    QStringList changes;
    for (const HistoryEntry &entry : entries) {
        if (entry.edit == report->edit)
            changes.append(HistoryEntry::entityName(entry.entity) + u':' + entry.item + u':'
                           + (entry.oldValue.isNull() ? u"added"_s : u"changed"_s));
    }
    QCOMPARE(changes,
             (QStringList { u"rule:c.example:changed"_s, u"rule:new.example:added"_s, u"tenant::added"_s }));
    QVERIFY2(entries.first().summary.startsWith(u"Imported a bundle (merge)"),
             qPrintable(entries.first().summary));
    verifyPositions(fileName);
}

void tst_Workspace::importReplaceReportsAndWrites()
{
    const QString fileName = path(u"w.corsworkspace"_s);
    auto workspace = openOrFail(fileName);
    QVERIFY(workspace);
    QVERIFY(workspace->addTenant(plainTenant(u"t"_s, { u"a.example"_s, u"b.example"_s, u"c.example"_s }),
                                 Workspace::kAtEnd, { sampleTestCase(u"kept"_s) }));

    Tenant incoming = plainTenant(u"t"_s, { u"c.example"_s, u"new.example"_s, u"a.example"_s });
    incoming.rules[2].note = u"changed note"_s;
    incoming.profile = Profile::Apig;
    Bundle bundle;
    bundle.tenants = { incoming };
    const auto report = workspace->importBundle(bundle, ImportMode::Replace);
    QVERIFY2(report, qPrintable(report.errorMessage()));
    const ImportReport::TenantReport &replaced = report->tenants[0];
    QCOMPARE(replaced.action, ImportReport::TenantReport::Action::Replaced);
    QCOMPARE(replaced.rules.added, QStringList { u"new.example"_s });
    QCOMPARE(replaced.rules.changed, QStringList { u"a.example"_s });
    QCOMPARE(replaced.rules.unchanged, QStringList { u"c.example"_s });
    QCOMPARE(replaced.rules.removed, QStringList { u"b.example"_s });
    QVERIFY(replaced.rulesReordered);
    QCOMPARE(replaced.settingsChanged, QStringList { u"profile"_s });

    QCOMPARE(*workspace->tenant(u"t"_s), incoming);
    QCOMPARE(*workspace->testCases(u"t"_s), QList<TestCase> { sampleTestCase(u"kept"_s) });
    verifyPositions(fileName);
}

void tst_Workspace::importOfInvalidBundleImportsNothing()
{
    const QString fileName = path(u"w.corsworkspace"_s);
    auto workspace = openOrFail(fileName);
    QVERIFY(workspace);
    QVERIFY(workspace->addTenant(plainTenant(u"t"_s, { u"a.example"_s })));
    const QList<Tenant> before = *workspace->tenants();
    const qsizetype historySize = workspace->history()->size();

    Bundle bundle;
    bundle.tenants = { plainTenant(u"good"_s, { u"g.example"_s }), plainTenant(u"t"_s, { u"b.example"_s }),
                       plainTenant(u"bad"_s, { u"ok.example"_s }) };
    bundle.tenants[2].rules.append(sampleRule(u"x.example"_s, { u"B@D"_s }));
    bundle.tenants.append(plainTenant(u"good"_s)); // a second "good"

    for (const ImportMode mode : { ImportMode::Replace, ImportMode::Merge }) {
        const auto report = workspace->importBundle(bundle, mode);
        QCOMPARE(report.errorCode(), Code::Invalid);
        QVERIFY2(report.errorMessage().contains(u"tenants[2].rules[1].methods[0]"),
                 qPrintable(report.errorMessage()));
        QVERIFY2(report.errorMessage().contains(u"tenants[3].name"), qPrintable(report.errorMessage()));
        QCOMPARE(*workspace->tenants(), before);
        QCOMPARE(workspace->history()->size(), historySize);
    }
}

void tst_Workspace::importRefusedByWorkspaceStateImportsNothing()
{
    auto workspace = openOrFail(path(u"w.corsworkspace"_s));
    QVERIFY(workspace);
    const Tenant rich = richTenant();
    QVERIFY(workspace->addTenant(rich));
    const QList<Tenant> before = *workspace->tenants();

    // Valid on its own, but merged it disables the rule the workspace's application needs.
    Tenant incoming = plainTenant(rich.name, { rich.rules[0].domain });
    incoming.rules[0] = rich.rules[0];
    incoming.rules[0].enabled = false;
    Bundle bundle;
    bundle.tenants = { plainTenant(u"new tenant"_s, { u"n.example"_s }), incoming };
    const auto report = workspace->importBundle(bundle, ImportMode::Merge);
    QCOMPARE(report.errorCode(), Code::Invalid);
    QVERIFY2(report.errorMessage().contains(u"tenants[1].applications[0]"),
             qPrintable(report.errorMessage()));
    QCOMPARE(*workspace->tenants(), before); // "new tenant" was not added either
}

void tst_Workspace::importOfUnchangedBundleWritesNothing()
{
    auto workspace = openOrFail(path(u"w.corsworkspace"_s));
    QVERIFY(workspace);
    Bundle bundle;
    bundle.tenants = { richTenant(), plainTenant(u"p"_s, { u"p.example"_s }) };
    QVERIFY(workspace->importBundle(bundle, ImportMode::Replace));
    const qsizetype historySize = workspace->history()->size();
    for (const ImportMode mode : { ImportMode::Replace, ImportMode::Merge }) {
        const auto report = workspace->importBundle(bundle, mode);
        QVERIFY(report);
        QCOMPARE(report->edit, EditId(0));
        QVERIFY(!report->changesAnything());
        QCOMPARE(report->tenants[0].rules.unchanged.size(), richTenant().rules.size());
        QCOMPARE(workspace->history()->size(), historySize);
    }
}

void tst_Workspace::exportsNamedTenants()
{
    auto workspace = openOrFail(path(u"w.corsworkspace"_s));
    QVERIFY(workspace);
    for (const QString &name : { u"a"_s, u"b"_s, u"c"_s })
        QVERIFY(workspace->addTenant(plainTenant(name, { name + u".example" })));
    const auto two = workspace->exportBundle({ u"c"_s, u"a"_s });
    QVERIFY(two);
    QCOMPARE(two->tenantNames(), (QStringList { u"c"_s, u"a"_s }));
    const auto missing = workspace->exportBundle({ u"a"_s, u"zz"_s });
    QCOMPARE(missing.errorCode(), Code::NotFound);
    QVERIFY2(missing.errorMessage().contains(u"it has: a, b, c"), qPrintable(missing.errorMessage()));
}

QTEST_GUILESS_MAIN(tst_Workspace)
#include "tst_workspace.moc"
