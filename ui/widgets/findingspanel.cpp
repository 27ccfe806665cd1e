#include "findingspanel.h"

#include "document/lintcontroller.h"
#include "models/effectiveoriginmodel.h"
#include "models/findingtablemodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cors {

FindingsPanel::FindingsPanel(WorkspaceDocument *document, LintController *lint, QWidget *parent)
    : QWidget(parent)
    , m_lint(lint)
    , m_findingModel(new FindingTableModel(document, lint, this))
    , m_findingProxy(new QSortFilterProxyModel(this))
    , m_originModel(new EffectiveOriginModel(lint, this))
{
    m_findingProxy->setSourceModel(m_findingModel);
    m_findingProxy->setSortRole(FindingTableModel::SeverityRole);
    m_findings = new QTableView(this);
    m_findings->setModel(m_findingProxy);
    m_findings->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_findings->setSelectionMode(QAbstractItemView::SingleSelection);
    m_findings->setSortingEnabled(true);
    m_findings->sortByColumn(-1, Qt::AscendingOrder);
    m_findings->setWordWrap(true);
    m_findings->verticalHeader()->hide();
    m_findings->setAlternatingRowColors(true);
    QHeaderView *header = m_findings->horizontalHeader();
    header->setSectionResizeMode(FindingTableModel::SeverityColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(FindingTableModel::WhereColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(FindingTableModel::MessageColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(FindingTableModel::FixColumn, QHeaderView::Stretch);
    m_findings->setColumnWidth(FindingTableModel::WhereColumn,
                               m_findings->fontMetrics().horizontalAdvance(u'M') * 16);

    m_origins = new QTableView(this);
    m_origins->setModel(m_originModel);
    m_origins->verticalHeader()->hide();
    m_origins->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_origins->horizontalHeader()->setSectionResizeMode(EffectiveOriginModel::PatternColumn,
                                                        QHeaderView::ResizeToContents);
    m_origins->horizontalHeader()->setSectionResizeMode(EffectiveOriginModel::FromColumn,
                                                        QHeaderView::Stretch);
    m_origins->horizontalHeader()->setSectionResizeMode(EffectiveOriginModel::CredentialsColumn,
                                                        QHeaderView::ResizeToContents);

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_findings, tr("Findings"));
    m_tabs->addTab(m_origins, tr("Effective Origins"));
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::RichText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs);

    connect(m_findings, &QTableView::activated, this, [this](const QModelIndex &index) {
        const int row = m_findingProxy->mapToSource(index).row();
        Q_EMIT findingActivated(m_findingModel->finding(row));
    });
    connect(m_findings, &QTableView::clicked, this, [this](const QModelIndex &index) {
        const int row = m_findingProxy->mapToSource(index).row();
        Q_EMIT findingActivated(m_findingModel->finding(row));
    });
    connect(lint, &LintController::findingsChanged, this, &FindingsPanel::updateSummary);
    updateSummary();
}

QString FindingsPanel::summary() const
{
    return m_summary->text();
}

void FindingsPanel::updateSummary()
{
    int errors = 0;
    int warnings = 0;
    int infos = 0;
    for (const LintFinding &finding : m_lint->findings()) {
        switch (finding.severity) {
        case Severity::Error:
            ++errors;
            break;
        case Severity::Warning:
            ++warnings;
            break;
        case Severity::Info:
            ++infos;
            break;
        }
    }
    if (m_lint->tenant() < 0) {
        m_summary->clear();
        return;
    }
    m_summary->setText(tr("<b style='color:%1'>%2 error(s)</b>, <b style='color:%3'>%4 warning(s)</b>, %5 "
                          "note(s); %6 trusted origin pattern(s)")
                           .arg(errors ? u"#d93a3a"_s : u"#2e9d4f"_s)
                           .arg(errors)
                           .arg(warnings ? u"#c77800"_s : u"#2e9d4f"_s)
                           .arg(warnings)
                           .arg(infos)
                           .arg(m_lint->effectiveOrigins().size()));
}

} // namespace cors
