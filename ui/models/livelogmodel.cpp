#include "livelogmodel.h"

#include "model/httpmessagetext.h"

#include <QBrush>
#include <QColor>

using namespace Qt::StringLiterals;

namespace cors {

LiveLogModel::LiveLogModel(int capacity, QObject *parent)
    : BoundedTableModel(capacity, parent)
{ }

QString LiveLogModel::details(const LiveExchange &exchange)
{
    QString text = HttpMessageText::formatRequest(exchange.request);
    if (!exchange.request.body.isEmpty())
        text += u'\n' + QString::fromUtf8(exchange.request.body.left(2048)) + u'\n';
    text += u"\n"_s + HttpMessageText::formatResponse(exchange.response);
    text += u"\nTenant: "_s + (exchange.tenant.isEmpty() ? u"none"_s : exchange.tenant) + u" — "_s
        + exchange.tenantDetail + u'\n';
    if (exchange.decision) {
        text += u"\nWhat the server checked:\n"_s;
        for (const TraceStep &step : exchange.decision->trace)
            text += (step.ok ? u"  ✓ "_s : u"  ✗ "_s) + step.step + u": "_s + step.detail + u'\n';
    }
    return text;
}

int LiveLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LiveLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const LiveExchange &e = rowAt(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TimeColumn:
            return e.time.toLocalTime().toString(u"HH:mm:ss.zzz"_s);
        case MethodColumn:
            return e.method();
        case PathColumn:
            return e.path();
        case OriginColumn:
            return e.origin();
        case KindColumn:
            return e.kindName();
        case StatusColumn:
            return e.response.status;
        case RuleColumn:
            return e.rule();
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == StatusColumn && e.decision && !e.decision->allowed
        && e.decision->kind != RequestKind::NotCors)
        return QBrush(QColor(0xd9, 0x3a, 0x3a));
    if (role == Qt::ToolTipRole)
        return e.summary();
    return {};
}

QVariant LiveLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return u"Time"_s;
    case MethodColumn:
        return u"Method"_s;
    case PathColumn:
        return u"Path"_s;
    case OriginColumn:
        return u"Origin"_s;
    case KindColumn:
        return u"Kind"_s;
    case StatusColumn:
        return u"Status"_s;
    case RuleColumn:
        return u"Rule"_s;
    default:
        return {};
    }
}

} // namespace cors
