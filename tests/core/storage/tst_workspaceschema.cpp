#include "storage/sqltransaction.h"
#include "storage/workspaceschema.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

using Kind = WorkspaceSchema::FileState::Kind;

class tst_WorkspaceSchema : public QObject
{
    Q_OBJECT

private:
    QSqlDatabase database() const { return QSqlDatabase::database(u"schema"_s); }
    QVariant value(const QString &statement)
    {
        QSqlQuery query(database());
        if (!query.exec(statement) || !query.next())
            return {};
        return query.value(0);
    }
    std::unique_ptr<QTemporaryDir> m_dir;

private Q_SLOTS:
    void init();
    void cleanup();
    void inspectsEmptyDatabase();
    void createsVersionedSchema();
    void inspectsForeignDatabase();
    void failedMigrationLeavesDatabaseAsItWas();
    void constraintsGuardTheData();
    void readsTheFileHeader();
};

void tst_WorkspaceSchema::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"schema"_s);
    db.setDatabaseName(m_dir->filePath(u"schema.sqlite"_s));
    QVERIFY(db.open());
    QVERIFY(QSqlQuery(db).exec(u"PRAGMA foreign_keys = ON"_s));
}

void tst_WorkspaceSchema::cleanup()
{
    {
        QSqlDatabase db = database();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"schema"_s);
    m_dir.reset();
}

void tst_WorkspaceSchema::inspectsEmptyDatabase()
{
    QSqlError error;
    const auto state = WorkspaceSchema::inspect(database(), &error);
    QVERIFY(state);
    QCOMPARE(state->kind, Kind::Empty);
    QCOMPARE(state->version, 0);
}

void tst_WorkspaceSchema::createsVersionedSchema()
{
    QSqlError error;
    {
        SqlTransaction transaction(database());
        QVERIFY2(WorkspaceSchema::migrate(database(), 0, &error), qPrintable(error.text()));
        QVERIFY(transaction.commit());
    }
    const auto state = WorkspaceSchema::inspect(database(), &error);
    QCOMPARE(state->kind, Kind::Workspace);
    QCOMPARE(state->version, WorkspaceSchema::kVersion);
    QCOMPARE(value(u"PRAGMA application_id"_s).toInt(), WorkspaceSchema::kApplicationId);
    for (const QString &table :
         { u"tenants"_s, u"rules"_s, u"applications"_s, u"test_cases"_s, u"edits"_s, u"changes"_s })
        QCOMPARE(
            value(u"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%1'"_s.arg(table))
                .toInt(),
            1);
    // Migrating a current workspace changes nothing.
    SqlTransaction transaction(database());
    QVERIFY(WorkspaceSchema::migrate(database(), WorkspaceSchema::kVersion, &error));
    QVERIFY(transaction.commit());
}

void tst_WorkspaceSchema::inspectsForeignDatabase()
{
    QVERIFY(QSqlQuery(database()).exec(u"CREATE TABLE mine (x)"_s));
    QSqlError error;
    QCOMPARE(WorkspaceSchema::inspect(database(), &error)->kind, Kind::Foreign);
    QVERIFY(QSqlQuery(database()).exec(u"DROP TABLE mine"_s));
    QVERIFY(QSqlQuery(database()).exec(u"PRAGMA application_id = 42"_s));
    QCOMPARE(WorkspaceSchema::inspect(database(), &error)->kind, Kind::Foreign);
}

void tst_WorkspaceSchema::failedMigrationLeavesDatabaseAsItWas()
{
    // A table in the way makes version 1's CREATE TABLE fail halfway through the migration.
    QVERIFY(QSqlQuery(database()).exec(u"CREATE TABLE applications (x)"_s));
    QSqlError error;
    {
        SqlTransaction transaction(database());
        QVERIFY(!WorkspaceSchema::migrate(database(), 0, &error));
        QVERIFY(error.isValid());
    }
    QCOMPARE(value(u"SELECT count(*) FROM sqlite_master WHERE name = 'tenants'"_s).toInt(), 0);
    QCOMPARE(value(u"PRAGMA user_version"_s).toInt(), 0);
    QCOMPARE(value(u"PRAGMA application_id"_s).toInt(), 0);
}

void tst_WorkspaceSchema::constraintsGuardTheData()
{
    QSqlError error;
    {
        SqlTransaction transaction(database());
        QVERIFY(WorkspaceSchema::migrate(database(), 0, &error));
        QVERIFY(transaction.commit());
    }
    QSqlQuery query(database());
    QVERIFY(query.exec(u"INSERT INTO tenants (position, name, api_type, profile, backend_merge, auth_type) "
                       "VALUES (0, 't', 'advanced', 'strict', 'gateway-wins', 'none')"_s));
    // Enumerations, unique names and positions, and rules that belong to a tenant.
    QVERIFY(!query.exec(u"INSERT INTO tenants (position, name, api_type, profile, backend_merge, auth_type) "
                        "VALUES (1, 'u', 'advanced', 'nginx', 'gateway-wins', 'none')"_s));
    QVERIFY(!query.exec(u"INSERT INTO tenants (position, name, api_type, profile, backend_merge, auth_type) "
                        "VALUES (1, 't', 'advanced', 'strict', 'gateway-wins', 'none')"_s));
    QVERIFY(!query.exec(u"INSERT INTO tenants (position, name, api_type, profile, backend_merge, auth_type) "
                        "VALUES (0, 'v', 'advanced', 'strict', 'gateway-wins', 'none')"_s));
    const QString rule =
        u"INSERT INTO rules (tenant_id, position, domain, protocols, ports, methods, allow_headers, "
        "expose_headers, allow_credentials, cache_preflight, max_age, enabled) "
        "VALUES (%1, %2, 'a', '[]', '[]', '[]', '[]', '[]', 0, 0, %3, 1)"_s;
    QVERIFY(query.exec(rule.arg(1).arg(0).arg(0)));
    QVERIFY(!query.exec(rule.arg(1).arg(0).arg(0))); // position taken
    QVERIFY(!query.exec(rule.arg(99).arg(1).arg(0))); // no such tenant
    QVERIFY(!query.exec(rule.arg(1).arg(1).arg(-5))); // negative max-age
    QVERIFY(query.exec(u"DELETE FROM tenants"_s));
    QCOMPARE(value(u"SELECT count(*) FROM rules"_s).toInt(), 0); // cascaded
}

void tst_WorkspaceSchema::readsTheFileHeader()
{
    QSqlError error;
    QVERIFY(QSqlQuery(database()).exec(u"PRAGMA journal_mode = WAL"_s));
    {
        SqlTransaction transaction(database());
        QVERIFY(WorkspaceSchema::migrate(database(), 0, &error));
        QVERIFY(transaction.commit());
    }
    QVERIFY(QSqlQuery(database()).exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s));
    QFile file(database().databaseName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.read(100);
    const auto header = WorkspaceSchema::readHeader(bytes, file.size());
    QVERIFY(header);
    QVERIFY(header->wal);
    QCOMPARE(header->applicationId, WorkspaceSchema::kApplicationId);
    QCOMPARE(header->userVersion, WorkspaceSchema::kVersion);
    QVERIFY(header->pageCount > 1);
    QCOMPARE(WorkspaceSchema::classify(*header).kind, Kind::Workspace);

    QCOMPARE(WorkspaceSchema::readHeader(QByteArray(100, 'x'), 4096), std::nullopt);
    QCOMPARE(WorkspaceSchema::readHeader(bytes.left(50), 4096), std::nullopt);
    // One page, no application id: an SQLite file without tables.
    WorkspaceSchema::FileHeader empty;
    empty.pageCount = 1;
    QCOMPARE(WorkspaceSchema::classify(empty).kind, Kind::Empty);
    empty.pageCount = 2;
    QCOMPARE(WorkspaceSchema::classify(empty).kind, Kind::Foreign);
}

QTEST_GUILESS_MAIN(tst_WorkspaceSchema)
#include "tst_workspaceschema.moc"
