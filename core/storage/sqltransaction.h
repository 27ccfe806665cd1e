#pragma once

#include <QSqlDatabase>
#include <QSqlError>

namespace cors {

// One SQLite transaction as a scope: BEGIN on construction, ROLLBACK on destruction unless
// commit() succeeded. Every return path of an edit, including the error paths, therefore leaves
// the database as it was before the edit began.
//
// A write transaction is BEGIN IMMEDIATE: it takes SQLite's write lock at once, so that a
// workspace busy with another writer fails (after the busy timeout) before anything is done,
// instead of midway with a lock upgrade that SQLite cannot retry in WAL mode.
class SqlTransaction
{
public:
    enum class Kind {
        Read, // BEGIN (deferred): one consistent snapshot for several SELECTs
        Write, // BEGIN IMMEDIATE
    };

    explicit SqlTransaction(const QSqlDatabase &database, Kind kind = Kind::Write);
    ~SqlTransaction();
    Q_DISABLE_COPY_MOVE(SqlTransaction)

    // Begun, and neither committed nor rolled back yet.
    bool isActive() const { return m_active; }
    // Why BEGIN or COMMIT failed.
    const QSqlError &error() const { return m_error; }

    bool commit();
    void rollback();

private:
    bool execute(const QString &statement);

    QSqlDatabase m_database;
    QSqlError m_error;
    bool m_active = false;
};

} // namespace cors
