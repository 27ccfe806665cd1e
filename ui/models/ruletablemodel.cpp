#include "ruletablemodel.h"

#include "commands/documentedits.h"
#include "document/lintcontroller.h"
#include "document/workspacedocument.h"
#include "findingtablemodel.h"

#include <QGuiApplication>
#include <QIcon>
#include <QMimeData>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace cors {

namespace {
const QString kRowMimeType = u"application/x-cors-studio-rule-row"_s;
} // namespace

RuleTableModel::RuleTableModel(WorkspaceDocument *document, DocumentEdits *edits, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
    , m_edits(edits)
{
    connect(document, &WorkspaceDocument::ruleAboutToBeInserted, this, [this](int tenant, int row) {
        if (tenant == m_tenant)
            beginInsertRows({}, row, row);
    });
    connect(document, &WorkspaceDocument::ruleInserted, this, [this](int tenant, int row) {
        if (tenant != m_tenant)
            return;
        m_searchText.insert(row, searchText(rule(row)));
        endInsertRows();
    });
    connect(document, &WorkspaceDocument::ruleAboutToBeRemoved, this, [this](int tenant, int row) {
        if (tenant == m_tenant)
            beginRemoveRows({}, row, row);
    });
    connect(document, &WorkspaceDocument::ruleRemoved, this, [this](int tenant, int row) {
        if (tenant != m_tenant)
            return;
        m_searchText.removeAt(row);
        endRemoveRows();
    });
    connect(document, &WorkspaceDocument::ruleAboutToBeMoved, this, [this](int tenant, int from, int to) {
        if (tenant == m_tenant)
            beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
    });
    connect(document, &WorkspaceDocument::ruleMoved, this, [this](int tenant, int from, int to) {
        if (tenant != m_tenant)
            return;
        m_searchText.move(from, to);
        endMoveRows();
    });
    connect(document, &WorkspaceDocument::ruleChanged, this, [this](int tenant, int row) {
        if (tenant != m_tenant)
            return;
        m_searchText[row] = searchText(rule(row));
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    });
    // A tenant inserted or removed before ours shifts its index.
    document->followTenantIndex(this, &m_tenant, [this] { setTenant(-1); });
    connect(document, &WorkspaceDocument::tenantsAboutToBeReset, this, [this] { beginResetModel(); });
    connect(document, &WorkspaceDocument::tenantsReset, this, [this] {
        if (m_tenant >= m_document->tenantCount())
            m_tenant = -1;
        rebuildSearchText();
        endResetModel();
    });
}

void RuleTableModel::setTenant(int tenant)
{
    if (tenant == m_tenant)
        return;
    beginResetModel();
    m_tenant = tenant;
    rebuildSearchText();
    endResetModel();
}

void RuleTableModel::setLintController(LintController *lint)
{
    m_lint = lint;
    connect(lint, &LintController::findingsChanged, this, &RuleTableModel::updateFindings);
    updateFindings();
}

void RuleTableModel::updateFindings()
{
    QHash<int, int> worst;
    QHash<int, QStringList> texts;
    if (m_lint && m_lint->tenant() == m_tenant) {
        for (const LintFinding &finding : m_lint->findings()) {
            if (finding.rule < 0 || finding.rule >= rowCount())
                continue;
            worst[finding.rule] = std::max(worst.value(finding.rule, -1), int(finding.severity));
            texts[finding.rule].append(severityName(finding.severity) + u": "_s + finding.message);
        }
    }
    if (worst == m_worstSeverity && texts == m_findingTexts)
        return;
    m_worstSeverity = worst;
    m_findingTexts = texts;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, DomainColumn), index(rowCount() - 1, DomainColumn),
                           { Qt::DecorationRole, Qt::ToolTipRole, FindingSeverityRole });
}

void RuleTableModel::rebuildSearchText()
{
    m_searchText.clear();
    if (m_tenant < 0)
        return;
    const QList<Rule> &rules = m_document->tenant(m_tenant).rules;
    m_searchText.reserve(rules.size());
    for (const Rule &r : rules)
        m_searchText.append(searchText(r));
}

QString RuleTableModel::searchText(const Rule &rule)
{
    QString text;
    for (int column = DomainColumn; column < ColumnCount; ++column)
        text += displayText(rule, column) + u'\n';
    text += rule.allowHeaders.join(u' ') + u'\n' + rule.exposeHeaders.join(u' ');
    return text.toLower();
}

const Rule &RuleTableModel::rule(int row) const
{
    return m_document->tenant(m_tenant).rules.at(row);
}

int RuleTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || m_tenant < 0 ? 0 : int(m_document->tenant(m_tenant).rules.size());
}

int RuleTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RuleTableModel::displayText(const Rule &rule, int column)
{
    switch (column) {
    case DomainColumn:
        return rule.domain;
    case ProtocolsColumn:
        return protocolNames(rule.protocols).join(u", ").toUpper();
    case PortsColumn:
        return rule.ports.displayText();
    case MethodsColumn:
        return rule.methods.isEmpty() ? u"—"_s : rule.methods.join(u", ");
    case CredentialsColumn:
        return rule.allowCredentials ? u"Allowed"_s : u"—"_s;
    case MaxAgeColumn:
        return rule.cachePreflight ? u"%1 s"_s.arg(rule.maxAge) : u"No caching"_s;
    case NoteColumn:
        return rule.note;
    default:
        return {};
    }
}

QVariant RuleTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Rule &r = rule(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == EnabledColumn ? QVariant() : QVariant(displayText(r, index.column()));
    case Qt::CheckStateRole:
        return index.column() == EnabledColumn ? QVariant(r.enabled ? Qt::Checked : Qt::Unchecked)
                                               : QVariant();
    case Qt::DecorationRole:
        if (index.column() == DomainColumn && m_worstSeverity.contains(index.row()))
            return FindingTableModel::severityIcon(Severity(m_worstSeverity.value(index.row())));
        return {};
    case FindingSeverityRole:
        return m_worstSeverity.value(index.row(), -1);
    case Qt::ForegroundRole:
        // A disabled rule is shown, but greyed like text that does not apply.
        return r.enabled ? QVariant()
                         : QVariant(QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text));
    case Qt::ToolTipRole:
        if (index.column() == EnabledColumn)
            return r.enabled ? u"Enabled: this rule applies"_s : u"Disabled: this rule never matches"_s;
        if (index.column() == DomainColumn && m_findingTexts.contains(index.row()))
            return m_findingTexts.value(index.row()).join(u'\n');
        if (index.column() == NoteColumn || index.column() == DomainColumn)
            return r.note.isEmpty() ? QVariant() : QVariant(r.note);
        return {};
    case Qt::AccessibleTextRole:
        return index.column() == EnabledColumn ? (r.enabled ? u"enabled"_s : u"disabled"_s)
                                               : displayText(r, index.column());
    case SearchTextRole:
        return m_searchText.value(index.row());
    case RuleIndexRole:
        return index.row();
    case SortRole:
        switch (index.column()) {
        case EnabledColumn:
            return r.enabled;
        case MaxAgeColumn:
            return r.cachePreflight ? r.maxAge : -1;
        case CredentialsColumn:
            return r.allowCredentials;
        default:
            return displayText(r, index.column()).toLower();
        }
    default:
        return {};
    }
}

bool RuleTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() != EnabledColumn
        || role != Qt::CheckStateRole)
        return false;
    Rule changed = rule(index.row());
    changed.enabled = value.value<Qt::CheckState>() == Qt::Checked;
    m_edits->changeRule(m_tenant, index.row(), changed, u"Enabled"_s);
    return true;
}

QVariant RuleTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    if (role == Qt::ToolTipRole && section == EnabledColumn)
        return u"Whether the rule applies"_s;
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EnabledColumn:
        return u"On"_s;
    case DomainColumn:
        return u"Domain"_s;
    case ProtocolsColumn:
        return u"Protocols"_s;
    case PortsColumn:
        return u"Ports"_s;
    case MethodsColumn:
        return u"Methods"_s;
    case CredentialsColumn:
        return u"Credentials"_s;
    case MaxAgeColumn:
        return u"Max age"_s;
    case NoteColumn:
        return u"Note"_s;
    default:
        return {};
    }
}

Qt::ItemFlags RuleTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (!index.isValid())
        return flags | Qt::ItemIsDropEnabled;
    flags |= Qt::ItemIsDragEnabled;
    if (index.column() == EnabledColumn)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

Qt::DropActions RuleTableModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QStringList RuleTableModel::mimeTypes() const
{
    return { kRowMimeType };
}

QMimeData *RuleTableModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(kRowMimeType, QByteArray::number(indexes.first().row()));
    return data;
}

bool RuleTableModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                     const QModelIndex &) const
{
    return action == Qt::MoveAction && data && data->hasFormat(kRowMimeType) && m_tenant >= 0;
}

bool RuleTableModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                                  const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    bool ok = false;
    const int from = data->data(kRowMimeType).toInt(&ok);
    if (!ok || from < 0 || from >= rowCount())
        return false;
    int to = row >= 0 ? row : (parent.isValid() ? parent.row() : rowCount());
    if (to > from)
        --to; // the dragged row leaves its place first
    to = std::clamp(to, 0, rowCount() - 1);
    m_edits->moveRule(m_tenant, from, to);
    // The move is done through the undo stack; the view must not remove the source row itself.
    return false;
}

} // namespace cors
