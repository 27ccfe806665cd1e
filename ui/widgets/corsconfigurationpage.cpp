#include "corsconfigurationpage.h"

#include "commands/documentedits.h"
#include "document/lintcontroller.h"
#include "document/workspacedocument.h"
#include "models/rulefilterproxymodel.h"
#include "models/ruletablemodel.h"
#include "ruleform.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cors {

namespace {
QToolButton *toolButton(const QString &icon, const QString &text, const QString &tip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setIcon(QIcon(u":/cors/icons/actions/"_s + icon + u".svg"_s));
    button->setText(text);
    button->setToolTip(tip);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAutoRaise(true);
    return button;
}
} // namespace

CorsConfigurationPage::CorsConfigurationPage(WorkspaceDocument *document, DocumentEdits *edits,
                                             LintController *lint, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_edits(edits)
    , m_lint(lint)
    , m_model(new RuleTableModel(document, edits, this))
    , m_proxy(new RuleFilterProxyModel(this))
{
    m_model->setLintController(lint);
    m_proxy->setSourceModel(m_model);

    m_addButton =
        toolButton(u"add"_s, tr("Add Rule"), tr("Add a rule for another origin (Ctrl+Shift+N)"), this);
    m_duplicateButton = toolButton(u"duplicate"_s, tr("Duplicate"), tr("Duplicate the selected rule"), this);
    m_removeButton = toolButton(u"remove"_s, tr("Delete"), tr("Delete the selected rules (Del)"), this);
    m_upButton =
        toolButton(u"up"_s, tr("Up"),
                   tr("Move the rule up: among rules of the same kind, the first one wins (Alt+Up)"), this);
    m_downButton = toolButton(u"down"_s, tr("Down"), tr("Move the rule down (Alt+Down)"), this);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter rules (domain, method, header, note…)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(QIcon(u":/cors/icons/actions/filter.svg"_s), QLineEdit::LeadingPosition);
    m_count = new QLabel(this);
    m_count->setForegroundRole(QPalette::PlaceholderText);

    auto *toolbar = new QHBoxLayout;
    toolbar->setSpacing(2);
    for (QToolButton *button : { m_addButton, m_duplicateButton, m_removeButton, m_upButton, m_downButton })
        toolbar->addWidget(button);
    toolbar->addSpacing(12);
    toolbar->addWidget(m_filter, 1);
    toolbar->addWidget(m_count);

    m_table = new QTableView(this);
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // list order until a header is clicked
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setDragDropMode(QAbstractItemView::InternalMove);
    m_table->setDragEnabled(true);
    m_table->setAcceptDrops(true);
    m_table->setDropIndicatorShown(true);
    m_table->setDefaultDropAction(Qt::MoveAction);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->setSortIndicatorShown(true);
    header->setSectionsClickable(true);
    const int em = m_table->fontMetrics().horizontalAdvance(u'M');
    m_table->setColumnWidth(RuleTableModel::EnabledColumn, em * 3);
    m_table->setColumnWidth(RuleTableModel::DomainColumn, em * 14);
    m_table->setColumnWidth(RuleTableModel::ProtocolsColumn, em * 7);
    m_table->setColumnWidth(RuleTableModel::PortsColumn, em * 6);
    m_table->setColumnWidth(RuleTableModel::MethodsColumn, em * 13);
    m_table->setColumnWidth(RuleTableModel::CredentialsColumn, em * 7);
    m_table->setColumnWidth(RuleTableModel::MaxAgeColumn, em * 6);

    m_form = new RuleForm(document, edits, this);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumHeight(m_table->fontMetrics().height() * 12);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(toolbar);
    leftLayout->addWidget(m_table);

    // The table above at full width (8 columns), the selected rule's form below.
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(left);
    m_splitter->addWidget(scroll);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({ 1, 2 }); // proportions, applied when shown
    m_splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterWords(text);
        updateCount();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        const int row = selectedRule();
        m_form->setRule(m_tenant, row);
        updateFindings();
        updateActions();
        Q_EMIT selectedRuleChanged(row);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CorsConfigurationPage::updateActions);
    connect(header, &QHeaderView::sortIndicatorChanged, this, &CorsConfigurationPage::updateActions);
    connect(m_addButton, &QToolButton::clicked, this, &CorsConfigurationPage::addRule);
    connect(m_duplicateButton, &QToolButton::clicked, this, &CorsConfigurationPage::duplicateRule);
    connect(m_removeButton, &QToolButton::clicked, this, &CorsConfigurationPage::removeSelectedRules);
    connect(m_upButton, &QToolButton::clicked, this, [this] { moveSelectedRule(-1); });
    connect(m_downButton, &QToolButton::clicked, this, [this] { moveSelectedRule(+1); });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &CorsConfigurationPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &CorsConfigurationPage::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &CorsConfigurationPage::updateCount);
    connect(lint, &LintController::findingsChanged, this, &CorsConfigurationPage::updateFindings);
    connect(document, &WorkspaceDocument::ruleMoved, this, [this](int tenant, int, int to) {
        if (tenant == m_tenant)
            selectRule(to);
    });
    updateActions();
}

void CorsConfigurationPage::setTenant(int tenant)
{
    m_tenant = tenant;
    m_model->setTenant(tenant);
    m_form->setRule(tenant, -1);
    if (m_model->rowCount() > 0)
        selectRule(0);
    updateCount();
    updateActions();
}

int CorsConfigurationPage::selectedRule() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_proxy->mapToSource(current).row() : -1;
}

void CorsConfigurationPage::selectRule(int row, const QString &field)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    QModelIndex index = m_proxy->mapFromSource(m_model->index(row, RuleTableModel::DomainColumn));
    if (!index.isValid()) {
        // Hidden by the filter: clear it rather than edit a rule the user cannot see.
        m_filter->clear();
        index = m_proxy->mapFromSource(m_model->index(row, RuleTableModel::DomainColumn));
    }
    m_table->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    if (!field.isEmpty()) {
        if (QWidget *widget = m_form->fieldWidget(field))
            widget->setFocus(Qt::OtherFocusReason);
    }
}

void CorsConfigurationPage::addRule()
{
    if (m_tenant < 0)
        return;
    Rule rule;
    const QString base = u"new-origin.example"_s;
    rule.domain = base;
    for (int n = 2;
         std::any_of(m_document->tenant(m_tenant).rules.cbegin(), m_document->tenant(m_tenant).rules.cend(),
                     [&](const Rule &r) { return r.domain == rule.domain; });
         ++n)
        rule.domain = u"new-origin-%1.example"_s.arg(n);
    rule.protocols = Protocol::Https;
    rule.methods = { u"GET"_s, u"POST"_s };
    const int row = selectedRule() >= 0 ? selectedRule() + 1 : m_model->rowCount();
    m_edits->insertRule(m_tenant, row, rule, tr("Add Rule"));
    selectRule(row, u"domain"_s);
    m_form->domainField()->selectAll();
}

void CorsConfigurationPage::duplicateRule()
{
    const int row = selectedRule();
    if (m_tenant < 0 || row < 0)
        return;
    const Rule rule = m_document->tenant(m_tenant).rules.at(row);
    m_edits->insertRule(m_tenant, row + 1, rule, tr("Duplicate Rule \"%1\"").arg(rule.domain));
    selectRule(row + 1, u"domain"_s);
}

void CorsConfigurationPage::removeSelectedRules()
{
    if (m_tenant < 0)
        return;
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows.append(m_proxy->mapToSource(index).row());
    if (rows.isEmpty())
        return;
    const int first = *std::min_element(rows.cbegin(), rows.cend());
    m_edits->removeRules(m_tenant, rows);
    if (m_model->rowCount() > 0)
        selectRule(std::min(first, m_model->rowCount() - 1));
}

void CorsConfigurationPage::moveSelectedRule(int delta)
{
    const int row = selectedRule();
    const int to = row + delta;
    if (m_tenant < 0 || row < 0 || to < 0 || to >= m_model->rowCount())
        return;
    m_edits->moveRule(m_tenant, row, to);
}

void CorsConfigurationPage::updateActions()
{
    const bool hasTenant = m_tenant >= 0;
    const int row = selectedRule();
    // Reordering means the list order, which a sorted view does not show.
    const bool listOrder = m_table->horizontalHeader()->sortIndicatorSection() < 0
        || !m_table->isSortingEnabled() || m_proxy->sortColumn() < 0;
    m_addButton->setEnabled(hasTenant);
    m_duplicateButton->setEnabled(row >= 0);
    m_removeButton->setEnabled(m_table->selectionModel()->hasSelection());
    m_upButton->setEnabled(row > 0 && listOrder);
    m_downButton->setEnabled(row >= 0 && row + 1 < m_model->rowCount() && listOrder);
    m_table->setDragEnabled(listOrder);
}

void CorsConfigurationPage::updateCount()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_count->setText(shown == total ? tr("%n rule(s)", nullptr, total)
                                    : tr("%1 of %2 rules").arg(shown).arg(total));
}

void CorsConfigurationPage::updateFindings()
{
    const int row = selectedRule();
    QList<LintFinding> findings;
    if (m_lint->tenant() == m_tenant && row >= 0) {
        for (const LintFinding &finding : m_lint->findings()) {
            if (finding.rule == row)
                findings.append(finding);
        }
    }
    m_form->showFindings(findings);
}

} // namespace cors
