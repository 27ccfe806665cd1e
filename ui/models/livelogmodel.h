#pragma once

#include "boundedtablemodel.h"
#include "live/liveexchange.h"

namespace cors {

// The live server's request log: one row per request the API origin answered, newest last, at
// most `capacity` rows (the oldest go first, so a browser left polling cannot fill memory).
class LiveLogModel : public BoundedTableModel<LiveExchange>
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        MethodColumn,
        PathColumn,
        OriginColumn,
        KindColumn,
        StatusColumn,
        RuleColumn,
        ColumnCount
    };

    explicit LiveLogModel(int capacity = 5000, QObject *parent = nullptr);
    const LiveExchange &exchange(int row) const { return rowAt(row); }
    // Headers in and out and the engine's trace, for the details pane.
    static QString details(const LiveExchange &exchange);

    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
};

} // namespace cors
