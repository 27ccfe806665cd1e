#include "commands/documentedits.h"
#include "documentfixture.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using cors::test::DocumentFixture;

// The document and its undo stack, over a real workspace file: every edit is saved at once, and
// undo/redo are saved too.
class tst_WorkspaceDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void editsAreSavedAtOnce();
    void undoAndRedoEveryKindOfEdit();
    void typingMergesIntoOneUndoStep();
    void refusedEditChangesNothing();
    void importIsOneUndoableStep();
    void undoTexts();
    void followTenantIndex();
};

void tst_WorkspaceDocument::editsAreSavedAtOnce()
{
    DocumentFixture f;
    DocumentEdits edits(f.document.get());
    Tenant tenant;
    tenant.name = u"shop"_s;
    edits.addTenant(tenant);
    edits.insertRule(0, 0, DocumentFixture::rule(u"app.example.com"_s), u"Add Rule"_s);
    QCOMPARE(f.tenantsOnDisk().size(), 1);
    QCOMPARE(f.tenantsOnDisk().first().rules.first().domain, u"app.example.com"_s);
    QCOMPARE(f.document->tenants(), f.tenantsOnDisk());
}

void tst_WorkspaceDocument::undoAndRedoEveryKindOfEdit()
{
    DocumentFixture f;
    DocumentEdits edits(f.document.get());
    QUndoStack *stack = f.document->undoStack();
    Tenant tenant;
    tenant.name = u"shop"_s;
    edits.addTenant(tenant);
    edits.insertRule(0, 0, DocumentFixture::rule(u"a.example"_s), u"Add Rule"_s);
    edits.insertRule(0, 1, DocumentFixture::rule(u"b.example"_s), u"Add Rule"_s);
    edits.moveRule(0, 1, 0);
    Rule changed = f.document->tenant(0).rules.at(0);
    changed.allowCredentials = true;
    edits.changeRule(0, 0, changed, u"Credentials"_s);
    TenantSettings settings = TenantSettings::of(f.document->tenant(0));
    settings.profile = Profile::Boomi;
    edits.changeTenantSettings(0, settings, u"Profile"_s);
    edits.insertApplication(0, 0, { u"Portal"_s, { u"https://portal.example"_s }, QString() });
    edits.renameTenant(0, u"store"_s);
    edits.duplicateTenant(0);
    edits.removeRules(0, { 0, 1 });
    edits.removeTenant(1);

    const QList<Tenant> finalState = f.document->tenants();
    QCOMPARE(f.tenantsOnDisk(), finalState);
    QCOMPARE(finalState.size(), 1);
    QCOMPARE(finalState.first().name, u"store"_s);
    QVERIFY(finalState.first().rules.isEmpty());

    // Undo everything, step by step: the disk follows each step, and ends empty.
    QList<QList<Tenant>> states;
    while (stack->canUndo()) {
        stack->undo();
        QCOMPARE(f.tenantsOnDisk(), f.document->tenants());
        states.prepend(f.document->tenants());
    }
    QVERIFY(f.document->tenants().isEmpty());
    // Redo everything: the same states again, and the same end.
    for (const QList<Tenant> &state : std::as_const(states)) {
        QCOMPARE(f.document->tenants(), state);
        stack->redo();
    }
    QCOMPARE(f.document->tenants(), finalState);
    QCOMPARE(f.tenantsOnDisk(), finalState);
}

void tst_WorkspaceDocument::typingMergesIntoOneUndoStep()
{
    DocumentFixture f;
    DocumentEdits edits(f.document.get());
    Tenant tenant;
    tenant.name = u"shop"_s;
    tenant.rules = { DocumentFixture::rule(u"a.example"_s) };
    edits.addTenant(tenant);
    const int before = f.document->undoStack()->count();
    for (const QString &domain : { u"b"_s, u"b.e"_s, u"b.ex"_s, u"b.example"_s }) {
        Rule r = f.document->tenant(0).rules.at(0);
        r.domain = domain;
        edits.changeRule(0, 0, r, u"Domain"_s);
    }
    QCOMPARE(f.document->undoStack()->count(), before + 1);
    QCOMPARE(f.document->undoStack()->undoText(), u"Change Domain of Rule \"a.example\""_s);
    f.document->undoStack()->undo();
    QCOMPARE(f.document->tenant(0).rules.at(0).domain, u"a.example"_s);
    // A different field is a new step.
    f.document->undoStack()->redo();
    Rule r = f.document->tenant(0).rules.at(0);
    r.maxAge = 60;
    edits.changeRule(0, 0, r, u"Max Age"_s);
    QCOMPARE(f.document->undoStack()->count(), before + 2);
    // Typing back to the original value leaves no step behind.
    for (const QString &domain : { u"c.example"_s, u"b.example"_s }) {
        Rule again = f.document->tenant(0).rules.at(0);
        again.domain = domain;
        edits.changeRule(0, 0, again, u"Note"_s);
    }
    QCOMPARE(f.document->undoStack()->count(), before + 2);
}

void tst_WorkspaceDocument::refusedEditChangesNothing()
{
    DocumentFixture f;
    DocumentEdits edits(f.document.get());
    Tenant a;
    a.name = u"a"_s;
    Tenant b;
    b.name = u"b"_s;
    edits.addTenant(a);
    edits.addTenant(b);
    QSignalSpy errors(f.document.get(), &WorkspaceDocument::errorOccurred);
    const int steps = f.document->undoStack()->count();
    // The workspace refuses a second tenant called "a"; the command leaves the stack.
    edits.renameTenant(1, u"a"_s);
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors.first().first().toString().contains(u"not saved"_s),
             qPrintable(errors.first().first().toString()));
    QCOMPARE(f.document->tenant(1).name, u"b"_s);
    QCOMPARE(f.document->undoStack()->count(), steps);
    QCOMPARE(f.tenantsOnDisk(), f.document->tenants());
}

void tst_WorkspaceDocument::importIsOneUndoableStep()
{
    DocumentFixture f;
    DocumentEdits edits(f.document.get());
    Tenant mine;
    mine.name = u"acme-storefront"_s;
    mine.rules = { DocumentFixture::rule(u"old.example"_s) };
    edits.addTenant(mine);
    const QList<Tenant> before = f.document->tenants();
    const auto report =
        edits.importBundle(DocumentFixture::demoBundle(), ImportMode::Replace, u"demo.corsbundle.json"_s);
    QVERIFY(report);
    QCOMPARE(f.document->tenantCount(), 4);
    QCOMPARE(f.document->undoStack()->undoText(), u"Import \"demo.corsbundle.json\""_s);
    QCOMPARE(f.tenantsOnDisk(), f.document->tenants());
    f.document->undoStack()->undo();
    QCOMPARE(f.document->tenants(), before);
    QCOMPARE(f.tenantsOnDisk(), before);
    f.document->undoStack()->redo();
    QCOMPARE(f.document->tenantCount(), 4);
}

void tst_WorkspaceDocument::undoTexts()
{
    DocumentFixture f;
    DocumentEdits edits(f.document.get());
    Tenant tenant;
    tenant.name = u"shop"_s;
    edits.addTenant(tenant);
    QCOMPARE(f.document->undoStack()->undoText(), u"Add Tenant \"shop\""_s);
    edits.insertRule(0, 0, DocumentFixture::rule(u"localhost"_s), u"Add Rule \"localhost\""_s);
    Rule r = f.document->tenant(0).rules.at(0);
    r.ports = *PortSet::parse({ u"3000"_s });
    edits.changeRule(0, 0, r, u"Ports"_s);
    QCOMPARE(f.document->undoStack()->undoText(), u"Change Ports of Rule \"localhost\""_s);
    edits.removeRules(0, { 0 });
    QCOMPARE(f.document->undoStack()->undoText(), u"Delete Rule \"localhost\""_s);
    edits.removeTenant(0);
    QCOMPARE(f.document->undoStack()->undoText(), u"Delete Tenant \"shop\""_s);
}

// Views hold the index of the tenant they show; it must stay on that tenant while others come
// and go before it, and the view must learn when its tenant is removed.
void tst_WorkspaceDocument::followTenantIndex()
{
    DocumentFixture f;
    const auto tenantNamed = [](const QString &name) {
        Tenant tenant;
        tenant.name = name;
        return tenant;
    };
    for (const QString &name : { u"a"_s, u"b"_s, u"c"_s })
        QVERIFY(f.document->insertTenant(f.document->tenantCount(), tenantNamed(name), {}));

    auto receiver = std::make_unique<QObject>();
    int tenant = 1; // "b"
    int removedCalls = 0;
    f.document->followTenantIndex(receiver.get(), &tenant, [&] { ++removedCalls; });
    QVERIFY(f.document->insertTenant(0, tenantNamed(u"before"_s), {}));
    QCOMPARE(tenant, 2);
    QVERIFY(f.document->insertTenant(3, tenantNamed(u"after"_s), {}));
    QCOMPARE(tenant, 2);
    QVERIFY(f.document->removeTenant(0));
    QCOMPARE(tenant, 1);
    QVERIFY(f.document->removeTenant(2));
    QCOMPARE(tenant, 1);
    QCOMPARE(f.document->tenant(tenant).name, u"b"_s);
    QCOMPARE(removedCalls, 0);
    QVERIFY(f.document->removeTenant(1));
    QCOMPARE(removedCalls, 1);

    // No tenant: nothing shifts it.
    tenant = -1;
    QVERIFY(f.document->insertTenant(0, tenantNamed(u"first"_s), {}));
    QCOMPARE(tenant, -1);
    // The receiver gone, so is the following (its index is gone with it).
    tenant = 0;
    receiver.reset();
    QVERIFY(f.document->insertTenant(0, tenantNamed(u"later"_s), {}));
    QCOMPARE(tenant, 0);
}

QTEST_GUILESS_MAIN(tst_WorkspaceDocument)
#include "tst_workspacedocument.moc"
