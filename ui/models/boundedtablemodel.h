#pragma once

#include <QAbstractTableModel>

#include <algorithm>
#include <deque>

namespace cors {

// A table over the newest `capacity` rows of a log that only grows: append() lets the oldest row
// go first, so a source that never stops (a browser left polling) cannot fill memory. Subclasses
// give the columns.
template<typename Row> class BoundedTableModel : public QAbstractTableModel
{
public:
    explicit BoundedTableModel(int capacity, QObject *parent)
        : QAbstractTableModel(parent)
        , m_capacity(std::max(1, capacity))
    { }

    void append(const Row &row)
    {
        if (int(m_rows.size()) >= m_capacity) {
            beginRemoveRows({}, 0, 0);
            m_rows.pop_front();
            endRemoveRows();
        }
        const int last = int(m_rows.size());
        beginInsertRows({}, last, last);
        m_rows.push_back(row);
        endInsertRows();
    }

    void clear()
    {
        beginResetModel();
        m_rows.clear();
        endResetModel();
    }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

protected:
    const Row &rowAt(int row) const { return m_rows.at(size_t(row)); }

private:
    int m_capacity;
    std::deque<Row> m_rows;
};

} // namespace cors
