#include "tenantlistmodel.h"

#include "commands/documentedits.h"
#include "document/workspacedocument.h"

using namespace Qt::StringLiterals;

namespace cors {

TenantListModel::TenantListModel(WorkspaceDocument *document, DocumentEdits *edits, QObject *parent)
    : QAbstractListModel(parent)
    , m_document(document)
    , m_edits(edits)
{
    connect(document, &WorkspaceDocument::tenantAboutToBeInserted, this,
            [this](int row) { beginInsertRows({}, row, row); });
    connect(document, &WorkspaceDocument::tenantInserted, this, [this] { endInsertRows(); });
    connect(document, &WorkspaceDocument::tenantAboutToBeRemoved, this,
            [this](int row) { beginRemoveRows({}, row, row); });
    connect(document, &WorkspaceDocument::tenantRemoved, this, [this] { endRemoveRows(); });
    connect(document, &WorkspaceDocument::tenantsAboutToBeReset, this, [this] { beginResetModel(); });
    connect(document, &WorkspaceDocument::tenantsReset, this, [this] { endResetModel(); });
    connect(document, &WorkspaceDocument::tenantChanged, this,
            [this](int row) { Q_EMIT dataChanged(index(row), index(row)); });
    connect(document, &WorkspaceDocument::tenantContentChanged, this, [this](int row) {
        Q_EMIT dataChanged(index(row), index(row), { Qt::ToolTipRole, RuleCountRole });
    });
}

int TenantListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_document->tenantCount();
}

QVariant TenantListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Tenant &tenant = m_document->tenant(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return tenant.name;
    case Qt::ToolTipRole: {
        QString tip =
            u"<b>%1</b><br>%2 profile, API Type %3, %4 rule(s)"_s
                .arg(tenant.name.toHtmlEscaped(), profileName(tenant.profile), apiTypeName(tenant.apiType))
                .arg(tenant.rules.size());
        if (tenant.production)
            tip += u"<br>Production"_s;
        if (!tenant.description.isEmpty())
            tip += u"<br>"_s + tenant.description.toHtmlEscaped();
        return tip;
    }
    case ProfileRole:
        return profileName(tenant.profile);
    case RuleCountRole:
        return int(tenant.rules.size());
    default:
        return {};
    }
}

bool TenantListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    const QString name = value.toString().trimmed();
    if (name.isEmpty() || name == m_document->tenant(index.row()).name)
        return false;
    if (m_document->indexOfTenant(name) >= 0)
        return false;
    m_edits->renameTenant(index.row(), name);
    return true;
}

Qt::ItemFlags TenantListModel::flags(const QModelIndex &index) const
{
    return QAbstractListModel::flags(index) | (index.isValid() ? Qt::ItemIsEditable : Qt::NoItemFlags);
}

} // namespace cors
