#pragma once

#include "lint/effectiveorigin.h"

#include <QAbstractTableModel>

namespace cors {

class LintController;

// Every origin pattern the tenant trusts and where it comes from (a rule, a registered
// application, or the profile itself).
class EffectiveOriginModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { PatternColumn, FromColumn, CredentialsColumn, ColumnCount };
    enum Role { RuleRole = Qt::UserRole + 1, ApplicationRole };

    explicit EffectiveOriginModel(LintController *lint, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    LintController *m_lint;
    QList<EffectiveOrigin> m_origins;
};

} // namespace cors
