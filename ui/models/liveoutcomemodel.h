#pragma once

#include "live/liveoutcome.h"

#include <QAbstractTableModel>

#include <deque>

namespace cors {

// What the test page reported, one row per fetch: what the real browser did, what the browser
// model predicted for the same request and browser, and a clear mark when they differ.
class LiveOutcomeModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        BrowserColumn,
        RequestColumn,
        ObservedColumn,
        PredictedColumn,
        AgreementColumn,
        ColumnCount
    };
    enum Role { AgreesRole = Qt::UserRole + 1 };

    explicit LiveOutcomeModel(int capacity = 2000, QObject *parent = nullptr);
    void append(const LiveOutcome &outcome);
    void clear();
    const LiveOutcome &outcome(int row) const { return m_rows.at(size_t(row)); }
    static QString details(const LiveOutcome &outcome);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    int m_capacity;
    std::deque<LiveOutcome> m_rows;
};

} // namespace cors
