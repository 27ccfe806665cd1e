#pragma once

#include <QSortFilterProxyModel>

namespace cors {

// Filters the rule table by words typed into the filter box: a rule shows when every word occurs
// somewhere in it (domain, protocols, ports, methods, headers, note). Sorts numbers as numbers.
class RuleFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit RuleFilterProxyModel(QObject *parent = nullptr);
    void setFilterWords(const QString &text);
    const QStringList &filterWords() const { return m_words; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QStringList m_words;
};

} // namespace cors
