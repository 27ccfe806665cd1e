#include "commands/documentedits.h"
#include "documentfixture.h"
#include "models/rulefilterproxymodel.h"
#include "models/ruletablemodel.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using cors::test::DocumentFixture;

class tst_RuleTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsTheDocument();
    void display_data();
    void display();
    void checkBoxTogglesEnabled();
    void dragAndDropMovesThroughUndo();
    void proxyFiltersAndSorts();
    void tenantRemovedBeforeOurs();
};

void tst_RuleTableModel::followsTheDocument()
{
    DocumentFixture f;
    DocumentEdits edits(f.document.get());
    RuleTableModel model(f.document.get(), &edits);
    // The tester comes first, so that it sees every change from empty on.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Tenant tenant;
    tenant.name = u"shop"_s;
    edits.addTenant(tenant);
    model.setTenant(0);
    QCOMPARE(model.rowCount(), 0);
    edits.insertRule(0, 0, DocumentFixture::rule(u"a.example"_s), u"Add Rule"_s);
    edits.insertRule(0, 1, DocumentFixture::rule(u"b.example"_s), u"Add Rule"_s);
    edits.insertRule(0, 0, DocumentFixture::rule(u"c.example"_s), u"Add Rule"_s);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, RuleTableModel::DomainColumn).data().toString(), u"c.example"_s);
    edits.moveRule(0, 0, 2);
    QCOMPARE(model.index(2, RuleTableModel::DomainColumn).data().toString(), u"c.example"_s);
    edits.moveRule(0, 2, 1);
    QCOMPARE(model.index(1, RuleTableModel::DomainColumn).data().toString(), u"c.example"_s);
    edits.removeRules(0, { 0, 2 });
    QCOMPARE(model.rowCount(), 1);
    f.document->undoStack()->undo();
    QCOMPARE(model.rowCount(), 3);
    edits.importBundle(DocumentFixture::demoBundle(), ImportMode::Merge, u"demo"_s);
    model.setTenant(-1);
    QCOMPARE(model.rowCount(), 0);
}

void tst_RuleTableModel::display_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    QTest::newRow("domain") << int(RuleTableModel::DomainColumn) << u"localhost"_s;
    QTest::newRow("protocols") << int(RuleTableModel::ProtocolsColumn) << u"HTTP"_s;
    QTest::newRow("ports") << int(RuleTableModel::PortsColumn) << u"3000-3999"_s;
    QTest::newRow("methods") << int(RuleTableModel::MethodsColumn) << u"GET, POST, PUT, PATCH, DELETE"_s;
    QTest::newRow("credentials") << int(RuleTableModel::CredentialsColumn) << u"—"_s;
    QTest::newRow("max age") << int(RuleTableModel::MaxAgeColumn) << u"No caching"_s;
    QTest::newRow("note") << int(RuleTableModel::NoteColumn) << u"Front-end developers' dev servers."_s;
}

void tst_RuleTableModel::display()
{
    QFETCH(int, column);
    QFETCH(QString, text);
    DocumentFixture f;
    DocumentEdits edits(f.document.get());
    edits.importBundle(DocumentFixture::demoBundle(), ImportMode::Replace, u"demo"_s);
    RuleTableModel model(f.document.get(), &edits);
    model.setTenant(f.document->indexOfTenant(u"acme-storefront"_s));
    QCOMPARE(model.index(2, column).data().toString(), text);
}

void tst_RuleTableModel::checkBoxTogglesEnabled()
{
    DocumentFixture f;
    DocumentEdits edits(f.document.get());
    Tenant tenant;
    tenant.name = u"shop"_s;
    tenant.rules = { DocumentFixture::rule(u"a.example"_s) };
    edits.addTenant(tenant);
    RuleTableModel model(f.document.get(), &edits);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTenant(0);
    const QModelIndex on = model.index(0, RuleTableModel::EnabledColumn);
    QCOMPARE(on.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
    QVERIFY(model.setData(on, Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(on.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
    QVERIFY(!f.tenantsOnDisk().first().rules.first().enabled);
    QCOMPARE(f.document->undoStack()->undoText(), u"Change Enabled of Rule \"a.example\""_s);
    f.document->undoStack()->undo();
    QCOMPARE(on.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
}

void tst_RuleTableModel::dragAndDropMovesThroughUndo()
{
    DocumentFixture f;
    DocumentEdits edits(f.document.get());
    Tenant tenant;
    tenant.name = u"shop"_s;
    tenant.rules = { DocumentFixture::rule(u"a.example"_s), DocumentFixture::rule(u"b.example"_s),
                     DocumentFixture::rule(u"c.example"_s) };
    edits.addTenant(tenant);
    RuleTableModel model(f.document.get(), &edits);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTenant(0);
    std::unique_ptr<QMimeData> data(model.mimeData({ model.index(0, 1) }));
    // Dropped before row 3 (after c): a goes last.
    model.dropMimeData(data.get(), Qt::MoveAction, 3, 0, {});
    QCOMPARE(model.index(2, RuleTableModel::DomainColumn).data().toString(), u"a.example"_s);
    QCOMPARE(f.tenantsOnDisk().first().rules.at(2).domain, u"a.example"_s);
    QCOMPARE(f.document->undoStack()->undoText(), u"Move Rule \"a.example\" to Position 3"_s);
    f.document->undoStack()->undo();
    QCOMPARE(model.index(0, RuleTableModel::DomainColumn).data().toString(), u"a.example"_s);
}

void tst_RuleTableModel::proxyFiltersAndSorts()
{
    DocumentFixture f;
    DocumentEdits edits(f.document.get());
    edits.importBundle(DocumentFixture::demoBundle(), ImportMode::Replace, u"demo"_s);
    RuleTableModel model(f.document.get(), &edits);
    RuleFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    model.setTenant(f.document->indexOfTenant(u"acme-storefront"_s));
    QCOMPARE(proxy.rowCount(), 3);
    proxy.setFilterWords(u"PATCH"_s);
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setFilterWords(u"patch localhost"_s); // every word must occur
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, RuleTableModel::DomainColumn).data().toString(), u"localhost"_s);
    proxy.setFilterWords(u"x-ratelimit-remaining"_s); // exposed headers are searched too
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setFilterWords(QString());
    proxy.sort(RuleTableModel::MaxAgeColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, RuleTableModel::MaxAgeColumn).data().toString(), u"3600 s"_s);
    QCOMPARE(proxy.index(1, RuleTableModel::MaxAgeColumn).data().toString(), u"600 s"_s);
    // The filter follows edits.
    proxy.setFilterWords(u"beta"_s);
    QCOMPARE(proxy.rowCount(), 0);
    Rule r = f.document->tenant(model.tenant()).rules.at(0);
    r.note = u"Beta shop"_s;
    edits.changeRule(model.tenant(), 0, r, u"Note"_s);
    QCOMPARE(proxy.rowCount(), 1);
}

void tst_RuleTableModel::tenantRemovedBeforeOurs()
{
    DocumentFixture f;
    DocumentEdits edits(f.document.get());
    edits.importBundle(DocumentFixture::demoBundle(), ImportMode::Replace, u"demo"_s);
    RuleTableModel model(f.document.get(), &edits);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTenant(1);
    const QString domain = model.index(0, RuleTableModel::DomainColumn).data().toString();
    edits.removeTenant(0);
    QCOMPARE(model.tenant(), 0);
    QCOMPARE(model.index(0, RuleTableModel::DomainColumn).data().toString(), domain);
    edits.removeTenant(0);
    QCOMPARE(model.tenant(), -1);
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(tst_RuleTableModel)
#include "tst_ruletablemodel.moc"
