#pragma once

#include "browser/fetchspec.h"

#include <QWidget>

class QLabel;
class QTableView;
class QToolButton;

namespace cors {

class DocumentEdits;
class TestCaseTableModel;
class WorkspaceDocument;

// The Test cases tab: a tenant's saved requests with the verdict each browser is expected to
// reach, run against the tenant's current rules in both browser models, with pass or fail.
class TestCasesPage : public QWidget
{
    Q_OBJECT

public:
    TestCasesPage(WorkspaceDocument *document, DocumentEdits *edits, QWidget *parent = nullptr);
    void setTenant(int tenant);
    // Runs every test case; returns how many passed and failed.
    std::pair<int, int> runAll();
    TestCaseTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

Q_SIGNALS:
    // "Open in Simulator": the last fetch of the case, with the ones before it.
    void openInSimulatorRequested(const FetchSpec &spec);

private:
    void updateButtons();

    WorkspaceDocument *m_document;
    DocumentEdits *m_edits;
    int m_tenant = -1;
    TestCaseTableModel *m_model;
    QTableView *m_table;
    QToolButton *m_run;
    QToolButton *m_open;
    QToolButton *m_remove;
    QLabel *m_summary;
};

} // namespace cors
