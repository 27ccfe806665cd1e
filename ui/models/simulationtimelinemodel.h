#pragma once

#include "browser/outcome.h"
#include "engine/corsdecision.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace cors {

// What happened in one simulated fetch(), in order, as a tree: each request the browser sent
// (the preflight, the actual request, redirect hops) with its headers and the answer it got — and,
// when the tenant's rules answered, every check the server made — interleaved with the checks
// the browser made, each passed or failed with its sentence, and the verdict last.
class SimulationTimelineModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { StepColumn, DetailColumn, ColumnCount };
    enum Role { StateRole = Qt::UserRole + 1 }; // "ok", "failed", "info", "exchange"

    explicit SimulationTimelineModel(QObject *parent = nullptr);
    ~SimulationTimelineModel() override;

    // `decisions`: the engine's decisions, one per request it answered (empty for pasted responses).
    void setOutcome(const Outcome &outcome, const QList<CorsDecision> &decisions, const QString &browserName);
    void clear();

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;

    std::unique_ptr<Node> m_root;
};

} // namespace cors
