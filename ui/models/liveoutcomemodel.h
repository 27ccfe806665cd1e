#pragma once

#include "boundedtablemodel.h"
#include "live/liveoutcome.h"

namespace cors {

// What the test page reported, one row per fetch: what the real browser did, what the browser
// model predicted for the same request and browser, and a clear mark when they differ.
class LiveOutcomeModel : public BoundedTableModel<LiveOutcome>
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
    const LiveOutcome &outcome(int row) const { return rowAt(row); }
    static QString details(const LiveOutcome &outcome);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
};

} // namespace cors
