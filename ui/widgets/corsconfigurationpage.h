#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QToolButton;

namespace cors {

class DocumentEdits;
class LintController;
class RuleFilterProxyModel;
class RuleForm;
class RuleTableModel;
class WorkspaceDocument;

// The CORS Configuration tab (seeds/000): the tenant's rules at a glance — sortable, filterable,
// reorderable, enabled and disabled with a click — and the selected rule's form beside them.
class CorsConfigurationPage : public QWidget
{
    Q_OBJECT

public:
    CorsConfigurationPage(WorkspaceDocument *document, DocumentEdits *edits, LintController *lint,
                          QWidget *parent = nullptr);

    void setTenant(int tenant);
    // Selects rule `row` (of the tenant's list), scrolls to it and, with a field name, focuses it.
    void selectRule(int row, const QString &field = QString());
    int selectedRule() const;

    QTableView *table() const { return m_table; }
    RuleForm *form() const { return m_form; }
    QLineEdit *filterField() const { return m_filter; }
    RuleFilterProxyModel *proxy() const { return m_proxy; }
    QSplitter *splitter() const { return m_splitter; }
    QToolButton *addButton() const { return m_addButton; }

    void addRule();
    void duplicateRule();
    void removeSelectedRules();
    void moveSelectedRule(int delta);

Q_SIGNALS:
    void selectedRuleChanged(int row);

private:
    void updateActions();
    void updateCount();
    void updateFindings();

    WorkspaceDocument *m_document;
    DocumentEdits *m_edits;
    LintController *m_lint;
    int m_tenant = -1;
    RuleTableModel *m_model;
    RuleFilterProxyModel *m_proxy;
    QTableView *m_table;
    RuleForm *m_form;
    QLineEdit *m_filter;
    QLabel *m_count;
    QSplitter *m_splitter;
    QToolButton *m_addButton;
    QToolButton *m_duplicateButton;
    QToolButton *m_removeButton;
    QToolButton *m_upButton;
    QToolButton *m_downButton;
};

} // namespace cors
