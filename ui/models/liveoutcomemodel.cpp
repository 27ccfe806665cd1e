#include "liveoutcomemodel.h"

#include <QBrush>
#include <QColor>
#include <QIcon>

using namespace Qt::StringLiterals;

namespace cors {

LiveOutcomeModel::LiveOutcomeModel(int capacity, QObject *parent)
    : BoundedTableModel(capacity, parent)
{ }

QString LiveOutcomeModel::details(const LiveOutcome &o)
{
    QString text = u"fetch(\"%1\", {method: \"%2\", credentials: \"%3\", mode: \"%4\"}) from %5\n"_s.arg(
        o.fetch.url.toString(), QString::fromLatin1(o.fetch.method), credentialsModeName(o.fetch.credentials),
        requestModeName(o.fetch.mode), o.fetch.pageOrigin.serialize());
    text += u"Browser: %1\n\n"_s.arg(o.userAgent);
    text += u"The browser: %1"_s.arg(verdictName(o.observed.verdict()));
    if (o.observed.resolved)
        text += u", status %1, readable headers: %2\n"_s.arg(o.observed.status)
                    .arg(QString::fromLatin1(o.observed.readableHeaderNames().join(", ")));
    else
        text += u" — %1: %2\n"_s.arg(o.observed.errorName, o.observed.errorMessage);
    if (o.prediction) {
        text += u"The model:   %1"_s.arg(verdictName(o.prediction->verdict));
        if (o.prediction->error)
            text += u"\n  console: %1"_s.arg(o.prediction->error->message);
        text += u'\n';
    } else {
        text += u"No prediction: %1\n"_s.arg(o.predictionNote);
    }
    if (!o.differences.isEmpty()) {
        text += u"\nDifferences:\n"_s;
        for (const QString &difference : o.differences)
            text += u"  ✗ "_s + difference + u'\n';
    }
    if (!o.exchanges.isEmpty()) {
        text += u"\nRequests the API received for it:\n"_s;
        for (const LiveExchange &exchange : o.exchanges)
            text += u"  "_s + exchange.summary() + u'\n';
    }
    return text;
}

int LiveOutcomeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LiveOutcomeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const LiveOutcome &o = rowAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return o.time.toLocalTime().toString(u"HH:mm:ss"_s);
        case BrowserColumn:
            return o.browser.isEmpty() ? u"other"_s : o.browser;
        case RequestColumn:
            return QString(QString::fromLatin1(o.fetch.method) + u' ' + o.fetch.url.path());
        case ObservedColumn:
            return verdictName(o.observed.verdict());
        case PredictedColumn:
            return o.prediction ? verdictName(o.prediction->verdict) : u"—"_s;
        case AgreementColumn:
            return !o.prediction ? u"no model"_s : o.agrees() ? u"agree"_s : u"DIFFER"_s;
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (index.column() == AgreementColumn && o.prediction)
            return QIcon(o.agrees() ? u":/cors/icons/actions/pass.svg"_s
                                    : u":/cors/icons/actions/fail.svg"_s);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == AgreementColumn && o.prediction && !o.agrees())
            return QBrush(QColor(0xd9, 0x3a, 0x3a));
        return {};
    case Qt::ToolTipRole:
        return o.differences.isEmpty() ? QVariant() : QVariant(o.differences.join(u'\n'));
    case AgreesRole:
        return o.agrees();
    default:
        return {};
    }
}

QVariant LiveOutcomeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return u"Time"_s;
    case BrowserColumn:
        return u"Browser"_s;
    case RequestColumn:
        return u"Request"_s;
    case ObservedColumn:
        return u"Browser did"_s;
    case PredictedColumn:
        return u"Model predicted"_s;
    case AgreementColumn:
        return u""_s;
    default:
        return {};
    }
}

} // namespace cors
