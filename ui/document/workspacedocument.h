#pragma once

#include "model/tenant.h"
#include "storage/tenantsettings.h"
#include "storage/testcase.h"
#include "storage/workspace.h"

#include <QList>
#include <QObject>
#include <QUndoStack>

#include <functional>
#include <memory>

namespace cors {

// The open workspace as the designer edits it (Tiled's "document"): the tenants in memory, the
// Workspace that stores them, and the undo stack.
//
// Every edit goes through this class — undo commands call it, widgets never change data
// themselves. An edit is written to the workspace first, as one transaction; only when that
// succeeded does the in-memory state change, between an "about to" and a "done" signal so that
// item models can follow. Edits are therefore saved at once: there is never unsaved work to lose,
// and the undo stack's clean state is not needed for windowModified.
class WorkspaceDocument : public QObject
{
    Q_OBJECT

public:
    // Takes the opened workspace and loads it; nullptr (and `errorMessage`) when it cannot be read.
    static std::unique_ptr<WorkspaceDocument> load(std::unique_ptr<Workspace> workspace,
                                                   QString *errorMessage);
    ~WorkspaceDocument() override;

    QString fileName() const;
    Workspace &workspace() { return *m_workspace; }
    QUndoStack *undoStack() { return &m_undoStack; }

    const QList<Tenant> &tenants() const { return m_tenants; }
    int tenantCount() const { return int(m_tenants.size()); }
    const Tenant &tenant(int index) const { return m_tenants.at(index); }
    int indexOfTenant(const QString &name) const;
    const QList<TestCase> &testCases(int tenant) const { return m_testCases.at(tenant); }
    // A name like `base` that no tenant has yet ("acme (copy)", "acme (copy 2)", …).
    QString uniqueTenantName(const QString &base) const;

    // The edits. Each writes to the workspace first; on failure it changes nothing, emits
    // errorOccurred() with the workspace's message and returns false.
    bool insertTenant(int index, const Tenant &tenant, const QList<TestCase> &testCases);
    bool removeTenant(int index);
    bool renameTenant(int index, const QString &name);
    bool setTenantSettings(int index, const TenantSettings &settings);
    bool insertRule(int tenant, int row, const Rule &rule);
    bool removeRule(int tenant, int row);
    bool setRule(int tenant, int row, const Rule &rule);
    bool moveRule(int tenant, int from, int to);
    bool insertApplication(int tenant, int row, const Application &application);
    bool removeApplication(int tenant, int row);
    bool setApplication(int tenant, int row, const Application &application);
    bool insertTestCase(int tenant, int row, const TestCase &testCase);
    bool removeTestCase(int tenant, int row);
    bool setTestCase(int tenant, int row, const TestCase &testCase);
    // Imports a bundle as one edit and reloads the tenants it touched; returns the report.
    std::optional<ImportReport> importBundle(const Bundle &bundle, ImportMode mode);
    // Puts back a whole earlier state of the workspace's tenants (undo of an import).
    bool restoreTenants(const QList<Tenant> &tenants, const QList<QList<TestCase>> &testCases);

    // Keeps `*tenant`, an index into the tenants that `receiver` holds (-1: none), on the same
    // tenant while tenants before it are inserted or removed; `removed` runs when that tenant is
    // about to be removed. Resets are the receiver's own business (tenantsReset).
    void followTenantIndex(QObject *receiver, int *tenant, const std::function<void()> &removed);

Q_SIGNALS:
    void tenantAboutToBeInserted(int index);
    void tenantInserted(int index);
    void tenantAboutToBeRemoved(int index);
    void tenantRemoved(int index);
    void tenantChanged(int index); // name or General settings
    void tenantsAboutToBeReset();
    void tenantsReset();

    void ruleAboutToBeInserted(int tenant, int row);
    void ruleInserted(int tenant, int row);
    void ruleAboutToBeRemoved(int tenant, int row);
    void ruleRemoved(int tenant, int row);
    void ruleAboutToBeMoved(int tenant, int from, int to);
    void ruleMoved(int tenant, int from, int to);
    void ruleChanged(int tenant, int row);

    void applicationsAboutToBeReset(int tenant);
    void applicationsReset(int tenant);
    void testCasesAboutToBeReset(int tenant);
    void testCasesReset(int tenant);

    // Any change to a tenant's rules, applications or settings (what the simulator and the
    // linter re-run on).
    void tenantContentChanged(int tenant);
    void saved(const QString &what);
    void errorOccurred(const QString &message);

private:
    WorkspaceDocument(std::unique_ptr<Workspace> workspace, QList<Tenant> tenants,
                      QList<QList<TestCase>> testCases);
    template<typename Result> bool check(const Result &result, const QString &what);

    std::unique_ptr<Workspace> m_workspace;
    QList<Tenant> m_tenants;
    QList<QList<TestCase>> m_testCases; // parallel to m_tenants
    QUndoStack m_undoStack;
};

} // namespace cors
