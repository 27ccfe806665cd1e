#pragma once

#include "settings.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;

namespace cors {

class DocumentEdits;
class FindingsPanel;
class LiveTestPanel;
class LintController;
class SimulatorPanel;
class TenantEditor;
class TenantListPanel;
class WorkspaceDocument;
struct LintFinding;

// The CORS Studio main window: tenants on the left, the selected tenant's tabs in the middle, the
// simulator on the right and the linter's findings below. Every edit is saved to the workspace
// at once and can be undone (Ctrl+Z / Ctrl+Shift+Z).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(std::unique_ptr<WorkspaceDocument> document, QWidget *parent = nullptr);
    ~MainWindow() override;

    WorkspaceDocument *document() const { return m_document.get(); }
    TenantListPanel *tenantList() const { return m_tenantList; }
    TenantEditor *editor() const { return m_editor; }
    SimulatorPanel *simulator() const { return m_simulator; }
    FindingsPanel *findings() const { return m_findingsPanel; }
    LiveTestPanel *liveTest() const { return m_liveTest; }
    LintController *lint() const { return m_lint; }
    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }

    // Opens another workspace in this window's place (File > Open, Open Recent).
    void openWorkspace(const QString &fileName, bool create = false);
    void importBundleFile(const QString &fileName);
    // File > Open HAR…: returns the dialog (not yet shown) or nullptr when the file is refused.
    class HarDialog *openHarFile(const QString &fileName);
    bool exportBundleFile(const QString &fileName, bool currentTenantOnly);
    void goToFinding(const LintFinding &finding);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createActions();
    void createDocks();
    void updateRecentMenu();
    void updateTitle();
    void tenantSelected(int tenant);
    void saveTestCase();
    void showAbout();

    std::unique_ptr<WorkspaceDocument> m_document;
    std::unique_ptr<DocumentEdits> m_edits;
    Settings m_settings;
    LintController *m_lint;
    TenantListPanel *m_tenantList;
    TenantEditor *m_editor;
    SimulatorPanel *m_simulator;
    FindingsPanel *m_findingsPanel;
    LiveTestPanel *m_liveTest;
    QDockWidget *m_liveDock;
    QDockWidget *m_tenantDock;
    QDockWidget *m_simulatorDock;
    QDockWidget *m_findingsDock;
    QMenu *m_recentMenu;
    QAction *m_undo;
    QAction *m_redo;
    QLabel *m_workspaceLabel;
    QList<QAction *> m_tenantActions;
    bool m_restoredLayout = false;
};

} // namespace cors
