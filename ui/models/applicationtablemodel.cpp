#include "applicationtablemodel.h"

#include "document/workspacedocument.h"

using namespace Qt::StringLiterals;

namespace cors {

ApplicationTableModel::ApplicationTableModel(WorkspaceDocument *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connect(document, &WorkspaceDocument::applicationsAboutToBeReset, this, [this](int tenant) {
        if (tenant == m_tenant)
            beginResetModel();
    });
    connect(document, &WorkspaceDocument::applicationsReset, this, [this](int tenant) {
        if (tenant == m_tenant)
            endResetModel();
    });
    // Rule renames and enable/disable change which rule an application gets.
    connect(document, &WorkspaceDocument::tenantContentChanged, this, [this](int tenant) {
        if (tenant == m_tenant && rowCount() > 0)
            Q_EMIT dataChanged(index(0, RuleColumn), index(rowCount() - 1, RuleColumn));
    });
    document->followTenantIndex(this, &m_tenant, [this] { setTenant(-1); });
    connect(document, &WorkspaceDocument::tenantsAboutToBeReset, this, [this] { beginResetModel(); });
    connect(document, &WorkspaceDocument::tenantsReset, this, [this] {
        if (m_tenant >= m_document->tenantCount())
            m_tenant = -1;
        endResetModel();
    });
}

void ApplicationTableModel::setTenant(int tenant)
{
    beginResetModel();
    m_tenant = tenant;
    endResetModel();
}

int ApplicationTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || m_tenant < 0 ? 0 : int(m_document->tenant(m_tenant).applications.size());
}

int ApplicationTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ApplicationTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)
        || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    const Tenant &tenant = m_document->tenant(m_tenant);
    const Application &application = tenant.applications.at(index.row());
    switch (index.column()) {
    case NameColumn:
        return application.name;
    case OriginsColumn:
        return application.origins.join(role == Qt::ToolTipRole ? u"\n"_s : u", "_s);
    case RuleColumn: {
        const int rule = tenant.applicationRuleIndex(application);
        if (rule < 0)
            return u"(no enabled rule)"_s;
        return application.rule.isEmpty() ? u"%1 (first enabled rule)"_s.arg(tenant.rules.at(rule).domain)
                                          : tenant.rules.at(rule).domain;
    }
    default:
        return {};
    }
}

QVariant ApplicationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return u"Application"_s;
    case OriginsColumn:
        return u"JavaScript origins"_s;
    case RuleColumn:
        return u"Gets the settings of rule"_s;
    default:
        return {};
    }
}

} // namespace cors
