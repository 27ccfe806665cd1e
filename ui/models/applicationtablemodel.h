#pragma once

#include <QAbstractTableModel>

namespace cors {

class WorkspaceDocument;

// A tenant's registered applications and their JavaScript origins (seeds/003).
class ApplicationTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, OriginsColumn, RuleColumn, ColumnCount };

    explicit ApplicationTableModel(WorkspaceDocument *document, QObject *parent = nullptr);
    void setTenant(int tenant);
    int tenant() const { return m_tenant; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    WorkspaceDocument *m_document;
    int m_tenant = -1;
};

} // namespace cors
