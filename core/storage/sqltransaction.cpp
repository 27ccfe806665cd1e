#include "sqltransaction.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cors {

SqlTransaction::SqlTransaction(const QSqlDatabase &database, Kind kind)
    : m_database(database)
{
    m_active = execute(kind == Kind::Write ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s);
}

SqlTransaction::~SqlTransaction()
{
    rollback();
}

bool SqlTransaction::commit()
{
    if (!m_active)
        return false;
    // A failed COMMIT (disk full, I/O error) leaves the transaction open; the destructor, or an
    // explicit rollback(), then undoes it.
    if (!execute(u"COMMIT"_s))
        return false;
    m_active = false;
    return true;
}

void SqlTransaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    // SQLite may already have rolled the transaction back by itself (after SQLITE_FULL, IOERR,
    // NOMEM); ROLLBACK then fails harmlessly with "no transaction is active".
    QSqlQuery query(m_database);
    query.exec(u"ROLLBACK"_s);
}

bool SqlTransaction::execute(const QString &statement)
{
    QSqlQuery query(m_database);
    if (query.exec(statement))
        return true;
    m_error = query.lastError();
    return false;
}

} // namespace cors
