#include "effectiveoriginmodel.h"

#include "document/lintcontroller.h"

using namespace Qt::StringLiterals;

namespace cors {

EffectiveOriginModel::EffectiveOriginModel(LintController *lint, QObject *parent)
    : QAbstractTableModel(parent)
    , m_lint(lint)
{
    connect(lint, &LintController::findingsChanged, this, [this] {
        beginResetModel();
        m_origins = m_lint->effectiveOrigins();
        endResetModel();
    });
}

int EffectiveOriginModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_origins.size());
}

int EffectiveOriginModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EffectiveOriginModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const EffectiveOrigin &origin = m_origins.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PatternColumn:
            return origin.pattern;
        case FromColumn:
            return origin.from;
        case CredentialsColumn:
            return origin.credentials ? u"with credentials"_s : u"—"_s;
        default:
            return {};
        }
    case RuleRole:
        return origin.rule;
    case ApplicationRole:
        return origin.application;
    default:
        return {};
    }
}

QVariant EffectiveOriginModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PatternColumn:
        return u"Trusted origins"_s;
    case FromColumn:
        return u"From"_s;
    case CredentialsColumn:
        return u"Credentials"_s;
    default:
        return {};
    }
}

} // namespace cors
