#pragma once

#include <QWidget>

class QLabel;
class QStackedWidget;
class QTabWidget;

namespace cors {

class ApplicationsPage;
class CorsConfigurationPage;
class DocumentEdits;
class GeneralPage;
class LintController;
class TestCasesPage;
class WorkspaceDocument;

// One tenant in tabs, as in the source document's Shared Web Server panel: General, CORS
// Configuration — present only when the API Type is Advanced (seeds/000) — Applications and
// Test cases.
class TenantEditor : public QWidget
{
    Q_OBJECT

public:
    TenantEditor(WorkspaceDocument *document, DocumentEdits *edits, LintController *lint,
                 QWidget *parent = nullptr);

    void setTenant(int tenant);
    int tenant() const { return m_tenant; }
    bool hasCorsTab() const;
    void showCorsTab();
    void showGeneralTab();
    void showApplicationsTab();
    void showTestCasesTab();

    QTabWidget *tabs() const { return m_tabs; }
    GeneralPage *generalPage() const { return m_general; }
    CorsConfigurationPage *corsPage() const { return m_cors; }
    ApplicationsPage *applicationsPage() const { return m_applications; }
    TestCasesPage *testCasesPage() const { return m_testCases; }

private:
    void updateTabs();

    WorkspaceDocument *m_document;
    int m_tenant = -1;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QTabWidget *m_tabs;
    GeneralPage *m_general;
    CorsConfigurationPage *m_cors;
    ApplicationsPage *m_applications;
    TestCasesPage *m_testCases;
};

} // namespace cors
