#pragma once

#include <QAbstractListModel>

namespace cors {

class DocumentEdits;
class WorkspaceDocument;

// The tenants of the open workspace, for the list on the left. Renaming in place pushes an undo
// command; the rows follow the document's signals.
class TenantListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { ProfileRole = Qt::UserRole + 1, RuleCountRole };

    TenantListModel(WorkspaceDocument *document, DocumentEdits *edits, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    WorkspaceDocument *m_document;
    DocumentEdits *m_edits;
};

} // namespace cors
