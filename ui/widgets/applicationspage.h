#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableView;
class QToolButton;

namespace cors {

class ApplicationTableModel;
class DocumentEdits;
class WorkspaceDocument;

// The Applications tab: registered client applications and their JavaScript origins, which are
// trusted as if the chosen rule matched them (seeds/003).
class ApplicationsPage : public QWidget
{
    Q_OBJECT

public:
    ApplicationsPage(WorkspaceDocument *document, DocumentEdits *edits, QWidget *parent = nullptr);
    void setTenant(int tenant);
    void selectApplication(int row, const QString &field = QString());
    QTableView *table() const { return m_table; }
    QPlainTextEdit *originsField() const { return m_origins; }

private:
    int selectedRow() const;
    void refreshForm();
    void commitName();
    void commitOrigins();
    void commitRule();

    WorkspaceDocument *m_document;
    DocumentEdits *m_edits;
    int m_tenant = -1;
    ApplicationTableModel *m_model;
    QTableView *m_table;
    QToolButton *m_add;
    QToolButton *m_remove;
    QWidget *m_form;
    QLineEdit *m_name;
    QLabel *m_nameProblem;
    QPlainTextEdit *m_origins;
    QLabel *m_originsProblem;
    QComboBox *m_rule;
};

} // namespace cors
