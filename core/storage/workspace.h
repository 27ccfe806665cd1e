#pragma once

#include "bundle/bundle.h"
#include "historyentry.h"
#include "importreport.h"
#include "model/tenant.h"
#include "tenantsettings.h"
#include "testcase.h"
#include "workspaceresult.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>

class QThread;

namespace cors {

class WorkspaceConnection; // workspace.cpp: the QtSql connection, kept out of this header

// A workspace: one SQLite file holding tenants with their General settings, ordered rules and
// applications, saved test cases, and the history of every edit (DESIGN.md, "Workspace").
//
// Every edit is one transaction, committed with SQLite's WAL journal and synchronous=FULL
// before the edit returns: an edit that reported success survives a crash of the application or
// of the machine, and one that did not report success left nothing behind. Each returns the
// number of its history entry, or 0 when it would change nothing (and then writes nothing).
//
// Edits address what they change as the GUI shows it: tenants by name, rules, applications and
// test cases by their index in their tenant's list. An undo command keeps the index (and the
// value) that an edit had, and undoes it with the inverse edit: insertRule(t, i, r) with
// removeRule(t, i), moveRule(t, a, b) with moveRule(t, b, a), removeTenant(n) with
// addTenant(tenant, position, testCases).
//
// Values are stored exactly as given and must be canonical (see TenantValidation): normalize a
// rule (Rule::normalize()) before storing it, so that what the GUI shows is what a reload shows.
//
// A workspace opened for editing is locked for other CORS Studio processes (a lock file beside
// it, "<file>.lock"): the GUI holds its tenants in memory and addresses rules by index, which
// another writer would invalidate. Read-only opens (corsctl export, evaluate) need no lock and
// read a consistent snapshot while the GUI writes.
//
// A Workspace uses one QtSql connection of its own and must be used on the thread that opened
// it (QtSql connections cannot change threads).
class Workspace
{
public:
    enum class OpenMode {
        // Takes no lock and writes nothing (it may only complete, on closing, a commit that a
        // crashed writer left in the WAL). Fails for a workspace that needs an upgrade.
        ReadOnly,
        Edit, // an existing workspace, upgraded to this version's schema if needed
        EditOrCreate, // Edit, or a new empty workspace when the file is missing or empty
    };

    // How long an open or an edit waits for another process's write to finish.
    static constexpr std::chrono::milliseconds kDefaultBusyTimeout { 3000 };
    // For the index arguments of insert*(): after the last item.
    static constexpr int kAtEnd = -1;

    // Opens `fileName`. Opening a file that is not a workspace, a workspace of a newer CORS
    // Studio, a read-only or a locked file fails with a message that says so, and leaves the
    // file exactly as it was.
    static WorkspaceResult<std::unique_ptr<Workspace>>
    open(const QString &fileName, OpenMode mode = OpenMode::Edit,
         std::chrono::milliseconds busyTimeout = kDefaultBusyTimeout);
    // The workspace the app opens when not told otherwise: "default.corsworkspace" in the
    // platform's application data folder (QStandardPaths::AppDataLocation).
    static QString defaultFileName();
    // Opens the default workspace for editing; on first run creates it with the demo tenants
    // (one per profile), in the same transaction that creates its tables.
    static WorkspaceResult<std::unique_ptr<Workspace>>
    openDefault(std::chrono::milliseconds busyTimeout = kDefaultBusyTimeout);
    // The demo tenants (resources/demo/demo.corsbundle.json).
    static WorkspaceResult<Bundle> demoBundle();
    // The schema version this CORS Studio writes (PRAGMA user_version); it opens workspaces of
    // this version or older, upgrading them when opened for editing.
    static int schemaVersion();

    ~Workspace();
    Q_DISABLE_COPY_MOVE(Workspace)

    const QString &fileName() const { return m_fileName; }
    bool isReadOnly() const { return m_readOnly; }
    // Whether this open created the workspace's tables (and seeded it, for openDefault()).
    bool wasCreated() const { return m_created; }
    // The clock that stamps history entries (tests inject one).
    void setClock(std::function<QDateTime()> clock);

    // Reading. Each read is one snapshot, consistent even while another process writes.
    WorkspaceResult<QList<Tenant>> tenants() const;
    WorkspaceResult<Tenant> tenant(const QString &name) const;
    WorkspaceResult<QStringList> tenantNames() const;
    WorkspaceResult<QList<TestCase>> testCases(const QString &tenant) const;
    // Newest first; at most `limit` entries (all when negative); only one tenant's when named.
    WorkspaceResult<QList<HistoryEntry>> history(int limit = -1, const QString &tenant = QString()) const;
    // SQLite's PRAGMA integrity_check: {"ok"} for a sound file, otherwise what is damaged.
    WorkspaceResult<QStringList> integrityCheck() const;

    // Tenants. `position` is an index in the tenant list (kAtEnd: last).
    WorkspaceResult<EditId> addTenant(const Tenant &tenant, int position = kAtEnd,
                                      const QList<TestCase> &testCases = {});
    WorkspaceResult<EditId> renameTenant(const QString &name, const QString &newName);
    // A copy with its settings, rules, applications and test cases, right after the original.
    WorkspaceResult<EditId> duplicateTenant(const QString &name, const QString &copyName);
    // Removes the tenant with its rules, applications and test cases (the history keeps them).
    WorkspaceResult<EditId> removeTenant(const QString &name);
    WorkspaceResult<EditId> moveTenant(const QString &name, int position);
    WorkspaceResult<EditId> updateTenantSettings(const QString &name, const TenantSettings &settings);

    // Rules of a tenant, by index.
    WorkspaceResult<EditId> insertRule(const QString &tenant, int index, const Rule &rule);
    WorkspaceResult<EditId> updateRule(const QString &tenant, int index, const Rule &rule);
    WorkspaceResult<EditId> moveRule(const QString &tenant, int from, int to);
    WorkspaceResult<EditId> removeRule(const QString &tenant, int index);

    // Applications of a tenant, by index.
    WorkspaceResult<EditId> insertApplication(const QString &tenant, int index,
                                              const Application &application);
    WorkspaceResult<EditId> updateApplication(const QString &tenant, int index,
                                              const Application &application);
    WorkspaceResult<EditId> moveApplication(const QString &tenant, int from, int to);
    WorkspaceResult<EditId> removeApplication(const QString &tenant, int index);

    // Saved test cases of a tenant, by index; names are unique within a tenant.
    WorkspaceResult<EditId> insertTestCase(const QString &tenant, int index, const TestCase &testCase);
    WorkspaceResult<EditId> updateTestCase(const QString &tenant, int index, const TestCase &testCase);
    WorkspaceResult<EditId> moveTestCase(const QString &tenant, int from, int to);
    WorkspaceResult<EditId> removeTestCase(const QString &tenant, int index);

    // Bundles. An import is one edit: every tenant of the bundle or none. A bundle with any
    // problem (reported with its JSON path, "tenants[0].rules[3].ports[1]") imports nothing.
    WorkspaceResult<ImportReport> importBundle(const Bundle &bundle, ImportMode mode);
    // The named tenants (all, in workspace order, when none are named).
    WorkspaceResult<Bundle> exportBundle(const QStringList &tenantNames = {}) const;

private:
    Workspace(QString fileName, bool readOnly);

    static WorkspaceResult<std::unique_ptr<Workspace>> openFile(const QString &fileName, OpenMode mode,
                                                                std::chrono::milliseconds busyTimeout,
                                                                const Bundle *seed);

    // Runs `body` in one write transaction and records its history with it.
    template<typename Body> WorkspaceResult<EditId> edit(Body body);
    template<typename Item>
    WorkspaceResult<EditId> insertItem(const QString &tenant, int index, const Item &item);
    template<typename Item>
    WorkspaceResult<EditId> updateItem(const QString &tenant, int index, const Item &item);
    template<typename Item> WorkspaceResult<EditId> moveItem(const QString &tenant, int from, int to);
    template<typename Item> WorkspaceResult<EditId> removeItem(const QString &tenant, int index);

    std::unique_ptr<WorkspaceConnection> m_connection;
    QString m_fileName;
    bool m_readOnly = false;
    bool m_created = false;
    std::function<QDateTime()> m_clock;
    QThread *m_thread = nullptr;
};

} // namespace cors
