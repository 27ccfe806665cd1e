#pragma once

#include "lint/lintfinding.h"

#include <QAbstractTableModel>

namespace cors {

class LintController;
class WorkspaceDocument;

// The linter's findings for the tenant being edited: severity, where (rule and field), what an
// attacker or a browser does with it, and the fix.
class FindingTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SeverityColumn, WhereColumn, MessageColumn, FixColumn, ColumnCount };
    enum Role { FindingIndexRole = Qt::UserRole + 1, SeverityRole };

    FindingTableModel(WorkspaceDocument *document, LintController *lint, QObject *parent = nullptr);
    const LintFinding &finding(int row) const { return m_findings.at(row); }
    static QIcon severityIcon(Severity severity);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString where(const LintFinding &finding) const;

    WorkspaceDocument *m_document;
    LintController *m_lint;
    QList<LintFinding> m_findings;
};

} // namespace cors
