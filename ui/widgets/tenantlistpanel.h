#pragma once

#include <QWidget>

class QListView;
class QToolButton;

namespace cors {

class DocumentEdits;
class TenantListModel;
class WorkspaceDocument;

// The tenants on the left: add, rename (in place, F2), duplicate, delete with confirmation.
class TenantListPanel : public QWidget
{
    Q_OBJECT

public:
    TenantListPanel(WorkspaceDocument *document, DocumentEdits *edits, QWidget *parent = nullptr);

    int currentTenant() const;
    void setCurrentTenant(int tenant);
    QListView *view() const { return m_view; }

    void addTenant();
    void renameTenant();
    void duplicateTenant();
    // Asks first (unless `confirm` is false); returns whether it deleted.
    bool deleteTenant(bool confirm = true);

Q_SIGNALS:
    void currentTenantChanged(int tenant);

private:
    void updateButtons();

    WorkspaceDocument *m_document;
    DocumentEdits *m_edits;
    TenantListModel *m_model;
    QListView *m_view;
    QToolButton *m_add;
    QToolButton *m_duplicate;
    QToolButton *m_remove;
};

} // namespace cors
