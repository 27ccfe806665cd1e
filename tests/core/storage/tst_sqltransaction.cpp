#include "storage/sqltransaction.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

class tst_SqlTransaction : public QObject
{
    Q_OBJECT

private:
    int rows();
    QSqlDatabase database() const { return QSqlDatabase::database(u"tx"_s); }
    std::unique_ptr<QTemporaryDir> m_dir;

private Q_SLOTS:
    void init();
    void cleanup();
    void commitKeepsChanges();
    void scopeExitRollsBack();
    void explicitRollback();
    void writeTransactionTakesTheWriteLockAtOnce();
    void failedBeginIsReported();
};

void tst_SqlTransaction::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tx"_s);
    db.setDatabaseName(m_dir->filePath(u"tx.sqlite"_s));
    QVERIFY(db.open());
    QVERIFY(QSqlQuery(db).exec(u"CREATE TABLE t (v INTEGER)"_s));
}

void tst_SqlTransaction::cleanup()
{
    {
        QSqlDatabase db = database();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"tx"_s);
    QSqlDatabase::removeDatabase(u"other"_s);
    m_dir.reset();
}

int tst_SqlTransaction::rows()
{
    QSqlQuery query(database());
    query.exec(u"SELECT count(*) FROM t"_s);
    query.next();
    return query.value(0).toInt();
}

void tst_SqlTransaction::commitKeepsChanges()
{
    {
        SqlTransaction transaction(database());
        QVERIFY(transaction.isActive());
        QVERIFY(QSqlQuery(database()).exec(u"INSERT INTO t VALUES (1)"_s));
        QVERIFY(transaction.commit());
        QVERIFY(!transaction.isActive());
        QVERIFY(!transaction.commit()); // only once
    }
    QCOMPARE(rows(), 1);
}

void tst_SqlTransaction::scopeExitRollsBack()
{
    {
        SqlTransaction transaction(database());
        QVERIFY(QSqlQuery(database()).exec(u"INSERT INTO t VALUES (1)"_s));
        QVERIFY(QSqlQuery(database()).exec(u"INSERT INTO t VALUES (2)"_s));
        QCOMPARE(rows(), 2);
    }
    QCOMPARE(rows(), 0);
    // And the connection is usable: no transaction was left open.
    SqlTransaction next(database());
    QVERIFY(next.isActive());
}

void tst_SqlTransaction::explicitRollback()
{
    SqlTransaction transaction(database());
    QVERIFY(QSqlQuery(database()).exec(u"INSERT INTO t VALUES (1)"_s));
    transaction.rollback();
    QVERIFY(!transaction.isActive());
    QVERIFY(!transaction.commit());
    QCOMPARE(rows(), 0);
}

void tst_SqlTransaction::writeTransactionTakesTheWriteLockAtOnce()
{
    QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other"_s);
    other.setDatabaseName(database().databaseName());
    other.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=50"_s);
    QVERIFY(other.open());
    {
        SqlTransaction first(database());
        QVERIFY(first.isActive());
        // BEGIN IMMEDIATE: the second writer is refused when it begins, not at its first write.
        SqlTransaction second(other);
        QVERIFY(!second.isActive());
        QVERIFY(second.error().isValid());
        // A reader is not.
        SqlTransaction reader(other, SqlTransaction::Kind::Read);
        QVERIFY(reader.isActive());
    }
    other.close();
}

void tst_SqlTransaction::failedBeginIsReported()
{
    SqlTransaction outer(database());
    QVERIFY(outer.isActive());
    SqlTransaction nested(database()); // SQLite has no nested BEGIN
    QVERIFY(!nested.isActive());
    QVERIFY(nested.error().text().contains(u"within a transaction"_s));
    QVERIFY(!nested.commit());
    QVERIFY(outer.isActive()); // the failed one did not end the outer transaction
}

QTEST_GUILESS_MAIN(tst_SqlTransaction)
#include "tst_sqltransaction.moc"
