#include "commands/documentedits.h"
#include "documentfixture.h"
#include "models/tenantlistmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using cors::test::DocumentFixture;

class tst_TenantListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsTheDocument();
    void renameInPlace();
};

void tst_TenantListModel::followsTheDocument()
{
    DocumentFixture f;
    DocumentEdits edits(f.document.get());
    TenantListModel model(f.document.get(), &edits);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    edits.importBundle(DocumentFixture::demoBundle(), ImportMode::Replace, u"demo"_s);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(1).data().toString(), u"boomi-atom-cloud"_s);
    QCOMPARE(model.index(1).data(TenantListModel::ProfileRole).toString(), u"boomi"_s);
    edits.duplicateTenant(1);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.index(2).data().toString(), u"boomi-atom-cloud (copy)"_s);
    edits.duplicateTenant(1);
    QCOMPARE(model.index(2).data().toString(), u"boomi-atom-cloud (copy) 2"_s);
    edits.removeTenant(0);
    QCOMPARE(model.rowCount(), 5);
    f.document->undoStack()->undo();
    QCOMPARE(model.index(0).data().toString(), u"acme-storefront"_s);
}

void tst_TenantListModel::renameInPlace()
{
    DocumentFixture f;
    DocumentEdits edits(f.document.get());
    TenantListModel model(f.document.get(), &edits);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    edits.importBundle(DocumentFixture::demoBundle(), ImportMode::Replace, u"demo"_s);
    QVERIFY(model.flags(model.index(0)).testFlag(Qt::ItemIsEditable));
    QVERIFY(model.setData(model.index(0), u"  acme  "_s, Qt::EditRole));
    QCOMPARE(model.index(0).data().toString(), u"acme"_s);
    QCOMPARE(f.tenantsOnDisk().first().name, u"acme"_s);
    // A name another tenant has, or an empty one, is refused.
    QVERIFY(!model.setData(model.index(0), u"boomi-atom-cloud"_s, Qt::EditRole));
    QVERIFY(!model.setData(model.index(0), u"  "_s, Qt::EditRole));
    QCOMPARE(model.index(0).data().toString(), u"acme"_s);
}

QTEST_MAIN(tst_TenantListModel)
#include "tst_tenantlistmodel.moc"
