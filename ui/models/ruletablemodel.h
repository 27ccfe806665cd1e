#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

namespace cors {

class DocumentEdits;
class LintController;
class WorkspaceDocument;
struct Rule;

// One tenant's CORS rules at a glance: a row per rule, in the order that decides between rules
// of the same kind. The On column's check box enables and disables a rule; rows can be dragged to
// a new position. Each edit is an undo command.
class RuleTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        EnabledColumn,
        DomainColumn,
        ProtocolsColumn,
        PortsColumn,
        MethodsColumn,
        CredentialsColumn,
        MaxAgeColumn,
        NoteColumn,
        ColumnCount
    };
    enum Role {
        // Everything a filter looks through, lower-cased, in one string (kept up to date per row,
        // so that filtering 10,000 rules touches each row once).
        SearchTextRole = Qt::UserRole + 1,
        // The row's position in the tenant's list, whatever a proxy does to it.
        RuleIndexRole,
        // Sorting keys (numbers sort as numbers).
        SortRole,
        // The worst finding's severity (int(Severity)), or -1.
        FindingSeverityRole,
    };

    RuleTableModel(WorkspaceDocument *document, DocumentEdits *edits, QObject *parent = nullptr);

    // Which tenant's rules to show (-1: none).
    void setTenant(int tenant);
    // Marks rows with the linter's findings (the worst one's icon on the domain, all in its tooltip).
    void setLintController(LintController *lint);
    int tenant() const { return m_tenant; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

    static QString displayText(const Rule &rule, int column);

private:
    const Rule &rule(int row) const;
    void rebuildSearchText();
    static QString searchText(const Rule &rule);

    WorkspaceDocument *m_document;
    DocumentEdits *m_edits;
    int m_tenant = -1;
    void updateFindings();

    QStringList m_searchText; // parallel to the tenant's rules
    LintController *m_lint = nullptr;
    QHash<int, int> m_worstSeverity; // rule row -> int(Severity)
    QHash<int, QStringList> m_findingTexts; // rule row -> "warning: message"
};

} // namespace cors
