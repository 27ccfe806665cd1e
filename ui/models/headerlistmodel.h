#pragma once

#include <QAbstractListModel>
#include <QStringList>

namespace cors {

// A list of header names as the rule form shows it: first the names every rule gets anyway
// (CORS-safelisted request headers, or the safelisted response headers), greyed and read-only,
// then the rule's own names, which the user edits. Edits are checked (a header name is an
// RFC 9110 token) and reported with entriesEdited(); the form turns them into an undo command.
class HeaderListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { IsDefaultRole = Qt::UserRole + 1 };

    explicit HeaderListModel(QStringList defaults, QString defaultsNote, QObject *parent = nullptr);

    void setEntries(const QStringList &entries);
    const QStringList &entries() const { return m_entries; }
    int defaultCount() const { return int(m_defaults.size()); }
    // Row of entry `entry` in the model.
    int rowOfEntry(int entry) const { return defaultCount() + entry; }

    // Why `name` cannot be added or set, or an empty string when it can.
    QString problemWith(const QString &name, int exceptEntry = -1) const;
    bool appendEntry(const QString &name);
    bool removeEntry(int entry);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    void entriesEdited(const QStringList &entries);

private:
    QStringList m_defaults;
    QString m_defaultsNote;
    QStringList m_entries;
};

} // namespace cors
