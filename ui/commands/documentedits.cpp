#include "documentedits.h"

#include "addtenantcommand.h"
#include "changevaluecommand.h"
#include "document/workspacedocument.h"
#include "importbundlecommand.h"
#include "insertitemcommand.h"
#include "moverulecommand.h"
#include "removeitemcommand.h"
#include "removetenantcommand.h"
#include "renametenantcommand.h"
#include "undocommandids.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace cors {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Undo", text);
}
} // namespace

DocumentEdits::DocumentEdits(WorkspaceDocument *document)
    : m_document(document)
{ }

void DocumentEdits::addTenant(const Tenant &tenant)
{
    m_document->undoStack()->push(new AddTenantCommand(m_document, m_document->tenantCount(), tenant, {},
                                                       tr("Add Tenant \"%1\"").arg(tenant.name)));
}

void DocumentEdits::duplicateTenant(int index)
{
    Tenant copy = m_document->tenant(index);
    const QString original = copy.name;
    copy.name = m_document->uniqueTenantName(original + u" (copy)"_s);
    m_document->undoStack()->push(new AddTenantCommand(m_document, index + 1, copy,
                                                       m_document->testCases(index),
                                                       tr("Duplicate Tenant \"%1\"").arg(original)));
}

void DocumentEdits::removeTenant(int index)
{
    m_document->undoStack()->push(new RemoveTenantCommand(m_document, index));
}

void DocumentEdits::renameTenant(int index, const QString &name)
{
    if (m_document->tenant(index).name == name)
        return;
    m_document->undoStack()->push(new RenameTenantCommand(m_document, index, name));
}

void DocumentEdits::changeTenantSettings(int index, const TenantSettings &settings, const QString &field)
{
    const TenantSettings before = TenantSettings::of(m_document->tenant(index));
    if (before == settings)
        return;
    WorkspaceDocument *document = m_document;
    m_document->undoStack()->push(new ChangeValueCommand<TenantSettings>(
        ChangeTenantSettingsCommandId, u"%1/%2"_s.arg(index).arg(field), before, settings,
        [document, index](const TenantSettings &value) { return document->setTenantSettings(index, value); },
        tr("Change %1 of Tenant \"%2\"").arg(field, m_document->tenant(index).name)));
}

void DocumentEdits::insertRule(int tenant, int row, const Rule &rule, const QString &text)
{
    WorkspaceDocument *document = m_document;
    m_document->undoStack()->push(new InsertItemCommand<Rule>(
        text, row, rule,
        [document, tenant](int r, const Rule &item) { return document->insertRule(tenant, r, item); },
        [document, tenant](int r) { return document->removeRule(tenant, r); }));
}

void DocumentEdits::removeRules(int tenant, QList<int> rows)
{
    if (rows.isEmpty())
        return;
    // Highest row first, so that the rows still to remove keep their index.
    std::sort(rows.begin(), rows.end(), std::greater<>());
    WorkspaceDocument *document = m_document;
    const auto insert = [document, tenant](int r, const Rule &item) {
        return document->insertRule(tenant, r, item);
    };
    const auto remove = [document, tenant](int r) {
        return document->removeRule(tenant, r);
    };
    const QList<Rule> &rules = m_document->tenant(tenant).rules;
    if (rows.size() == 1) {
        m_document->undoStack()->push(
            new RemoveItemCommand<Rule>(tr("Delete Rule \"%1\"").arg(rules.at(rows.first()).domain),
                                        rows.first(), rules.at(rows.first()), insert, remove));
        return;
    }
    auto *macro = new QUndoCommand(tr("Delete %1 Rules").arg(rows.size()));
    for (const int row : std::as_const(rows))
        new RemoveItemCommand<Rule>(QString(), row, rules.at(row), insert, remove, macro);
    m_document->undoStack()->push(macro);
}

void DocumentEdits::moveRule(int tenant, int from, int to)
{
    if (from != to)
        m_document->undoStack()->push(new MoveRuleCommand(m_document, tenant, from, to));
}

void DocumentEdits::changeRule(int tenant, int row, const Rule &rule, const QString &field)
{
    const Rule before = m_document->tenant(tenant).rules.at(row);
    if (before == rule)
        return;
    WorkspaceDocument *document = m_document;
    m_document->undoStack()->push(new ChangeValueCommand<Rule>(
        ChangeRuleCommandId, u"%1/%2/%3"_s.arg(tenant).arg(row).arg(field), before, rule,
        [document, tenant, row](const Rule &value) { return document->setRule(tenant, row, value); },
        tr("Change %1 of Rule \"%2\"").arg(field, before.domain.isEmpty() ? rule.domain : before.domain)));
}

void DocumentEdits::insertApplication(int tenant, int row, const Application &application)
{
    WorkspaceDocument *document = m_document;
    m_document->undoStack()->push(new InsertItemCommand<Application>(
        tr("Add Application \"%1\"").arg(application.name), row, application,
        [document, tenant](int r, const Application &item) {
            return document->insertApplication(tenant, r, item);
        },
        [document, tenant](int r) { return document->removeApplication(tenant, r); }));
}

void DocumentEdits::removeApplication(int tenant, int row)
{
    WorkspaceDocument *document = m_document;
    const Application application = m_document->tenant(tenant).applications.at(row);
    m_document->undoStack()->push(new RemoveItemCommand<Application>(
        tr("Delete Application \"%1\"").arg(application.name), row, application,
        [document, tenant](int r, const Application &item) {
            return document->insertApplication(tenant, r, item);
        },
        [document, tenant](int r) { return document->removeApplication(tenant, r); }));
}

void DocumentEdits::changeApplication(int tenant, int row, const Application &application,
                                      const QString &field)
{
    const Application before = m_document->tenant(tenant).applications.at(row);
    if (before == application)
        return;
    WorkspaceDocument *document = m_document;
    m_document->undoStack()->push(new ChangeValueCommand<Application>(
        ChangeApplicationCommandId, u"%1/%2/%3"_s.arg(tenant).arg(row).arg(field), before, application,
        [document, tenant, row](const Application &value) {
            return document->setApplication(tenant, row, value);
        },
        tr("Change %1 of Application \"%2\"").arg(field, before.name)));
}

void DocumentEdits::insertTestCase(int tenant, int row, const TestCase &testCase)
{
    WorkspaceDocument *document = m_document;
    m_document->undoStack()->push(new InsertItemCommand<TestCase>(
        tr("Save Test Case \"%1\"").arg(testCase.name), row, testCase,
        [document, tenant](int r, const TestCase &item) { return document->insertTestCase(tenant, r, item); },
        [document, tenant](int r) { return document->removeTestCase(tenant, r); }));
}

void DocumentEdits::removeTestCase(int tenant, int row)
{
    WorkspaceDocument *document = m_document;
    const TestCase testCase = m_document->testCases(tenant).at(row);
    m_document->undoStack()->push(new RemoveItemCommand<TestCase>(
        tr("Delete Test Case \"%1\"").arg(testCase.name), row, testCase,
        [document, tenant](int r, const TestCase &item) { return document->insertTestCase(tenant, r, item); },
        [document, tenant](int r) { return document->removeTestCase(tenant, r); }));
}

std::optional<ImportReport> DocumentEdits::importBundle(const Bundle &bundle, ImportMode mode,
                                                        const QString &source)
{
    std::optional<ImportReport> report;
    m_document->undoStack()->push(new ImportBundleCommand(m_document, bundle, mode, source, &report));
    return report;
}

} // namespace cors
