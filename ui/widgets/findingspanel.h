#pragma once

#include "lint/lintfinding.h"

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QTabWidget;

namespace cors {

class EffectiveOriginModel;
class FindingTableModel;
class LintController;
class WorkspaceDocument;

// The linter's findings for the tenant being edited (click one to go to the rule and field it is
// about), and the tenant's effective origins: every origin pattern it trusts, and from where.
class FindingsPanel : public QWidget
{
    Q_OBJECT

public:
    FindingsPanel(WorkspaceDocument *document, LintController *lint, QWidget *parent = nullptr);
    QTableView *findingsView() const { return m_findings; }
    QTableView *originsView() const { return m_origins; }
    QString summary() const;

Q_SIGNALS:
    void findingActivated(const LintFinding &finding);

private:
    void updateSummary();

    LintController *m_lint;
    FindingTableModel *m_findingModel;
    QSortFilterProxyModel *m_findingProxy;
    EffectiveOriginModel *m_originModel;
    QTabWidget *m_tabs;
    QTableView *m_findings;
    QTableView *m_origins;
    QLabel *m_summary;
};

} // namespace cors
