#include "headerlistmodel.h"

#include "model/httpheaders.h"

#include <QGuiApplication>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace cors {

HeaderListModel::HeaderListModel(QStringList defaults, QString defaultsNote, QObject *parent)
    : QAbstractListModel(parent)
    , m_defaults(std::move(defaults))
    , m_defaultsNote(std::move(defaultsNote))
{ }

void HeaderListModel::setEntries(const QStringList &entries)
{
    if (entries == m_entries)
        return;
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

QString HeaderListModel::problemWith(const QString &name, int exceptEntry) const
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return u"A header name cannot be empty."_s;
    if (!HttpHeaders::isToken(trimmed.toUtf8()) || trimmed.toUtf8() != trimmed.toLatin1())
        return u"\"%1\" is not a header name: use letters, digits and !#$%&'*+-.^_`|~ only."_s.arg(trimmed);
    for (int i = 0; i < m_entries.size(); ++i) {
        if (i != exceptEntry && m_entries[i].compare(trimmed, Qt::CaseInsensitive) == 0)
            return u"%1 is already in the list."_s.arg(m_entries[i]);
    }
    return {};
}

bool HeaderListModel::appendEntry(const QString &name)
{
    if (!problemWith(name).isEmpty())
        return false;
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_entries.append(name.trimmed());
    endInsertRows();
    Q_EMIT entriesEdited(m_entries);
    return true;
}

bool HeaderListModel::removeEntry(int entry)
{
    if (entry < 0 || entry >= m_entries.size())
        return false;
    beginRemoveRows({}, rowOfEntry(entry), rowOfEntry(entry));
    m_entries.removeAt(entry);
    endRemoveRows();
    Q_EMIT entriesEdited(m_entries);
    return true;
}

int HeaderListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_defaults.size() + m_entries.size());
}

QVariant HeaderListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const bool isDefault = index.row() < m_defaults.size();
    const QString name =
        isDefault ? m_defaults.at(index.row()) : m_entries.at(index.row() - m_defaults.size());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return name;
    case Qt::ForegroundRole:
        return isDefault ? QVariant(QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text))
                         : QVariant();
    case Qt::ToolTipRole:
        return isDefault ? QVariant(m_defaultsNote) : QVariant();
    case Qt::AccessibleTextRole:
        return isDefault ? name + u" (always, by default)"_s : name;
    case IsDefaultRole:
        return isDefault;
    default:
        return {};
    }
}

bool HeaderListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid)
        || index.row() < m_defaults.size())
        return false;
    const int entry = index.row() - int(m_defaults.size());
    const QString name = value.toString().trimmed();
    if (name == m_entries.at(entry) || !problemWith(name, entry).isEmpty())
        return false;
    m_entries[entry] = name;
    Q_EMIT dataChanged(index, index);
    Q_EMIT entriesEdited(m_entries);
    return true;
}

Qt::ItemFlags HeaderListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.row() < m_defaults.size())
        return Qt::ItemIsEnabled; // shown, not selectable, not editable
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

} // namespace cors
