#include "commands/documentedits.h"
#include "documentfixture.h"
#include "models/applicationtablemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using cors::test::DocumentFixture;

class tst_ApplicationTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsTheDocument();
};

void tst_ApplicationTableModel::followsTheDocument()
{
    DocumentFixture f;
    DocumentEdits edits(f.document.get());
    ApplicationTableModel model(f.document.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Tenant tenant;
    tenant.name = u"gw"_s;
    tenant.rules = { DocumentFixture::rule(u"partners.example"_s) };
    edits.addTenant(tenant);
    model.setTenant(0);
    edits.insertApplication(
        0, 0, { u"Portal"_s, { u"https://portal.example"_s, u"https://portal2.example"_s }, QString() });
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, ApplicationTableModel::OriginsColumn).data().toString(),
             u"https://portal.example, https://portal2.example"_s);
    QCOMPARE(model.index(0, ApplicationTableModel::RuleColumn).data().toString(),
             u"partners.example (first enabled rule)"_s);
    Rule disabled = f.document->tenant(0).rules.at(0);
    disabled.enabled = false;
    edits.changeRule(0, 0, disabled, u"Enabled"_s);
    QCOMPARE(model.index(0, ApplicationTableModel::RuleColumn).data().toString(), u"(no enabled rule)"_s);
    edits.removeApplication(0, 0);
    QCOMPARE(model.rowCount(), 0);
    f.document->undoStack()->undo();
    QCOMPARE(model.rowCount(), 1);
}

QTEST_MAIN(tst_ApplicationTableModel)
#include "tst_applicationtablemodel.moc"
