#include "findingtablemodel.h"

#include "document/lintcontroller.h"
#include "document/workspacedocument.h"

#include <QIcon>

using namespace Qt::StringLiterals;

namespace cors {

FindingTableModel::FindingTableModel(WorkspaceDocument *document, LintController *lint, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
    , m_lint(lint)
{
    connect(lint, &LintController::findingsChanged, this, [this] {
        beginResetModel();
        m_findings = m_lint->findings();
        endResetModel();
    });
}

QIcon FindingTableModel::severityIcon(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return QIcon(u":/cors/icons/actions/fail.svg"_s);
    case Severity::Warning:
        return QIcon(u":/cors/icons/actions/warning.svg"_s);
    case Severity::Info:
        return QIcon(u":/cors/icons/actions/info.svg"_s);
    }
    return {};
}

int FindingTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int FindingTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FindingTableModel::where(const LintFinding &finding) const
{
    const int tenant = m_lint->tenant();
    if (tenant < 0 || tenant >= m_document->tenantCount())
        return finding.path();
    const Tenant &t = m_document->tenant(tenant);
    QString text;
    if (finding.rule >= 0 && finding.rule < t.rules.size())
        text = u"Rule %1 \"%2\""_s.arg(finding.rule + 1).arg(t.rules.at(finding.rule).domain);
    else if (finding.application >= 0 && finding.application < t.applications.size())
        text = u"Application \"%1\""_s.arg(t.applications.at(finding.application).name);
    else
        text = u"Tenant"_s;
    if (!finding.field.isEmpty())
        text += u" · "_s + finding.field;
    return text;
}

QVariant FindingTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const LintFinding &f = m_findings.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            return severityName(f.severity);
        case WhereColumn:
            return where(f);
        case MessageColumn:
            return f.message;
        case FixColumn:
            return f.fix;
        default:
            return {};
        }
    case Qt::DecorationRole:
        return index.column() == SeverityColumn ? QVariant(severityIcon(f.severity)) : QVariant();
    case Qt::ToolTipRole: {
        QString tip = u"<b>%1</b> (%2)<p>%3</p><p><i>Fix:</i> %4</p>"_s.arg(
            f.id, severityName(f.severity), f.message.toHtmlEscaped(), f.fix.toHtmlEscaped());
        if (!f.proof.isEmpty())
            tip += u"<p><i>Proof:</i> the rules accept <code>%1</code></p>"_s.arg(f.proof.toHtmlEscaped());
        return tip;
    }
    case FindingIndexRole:
        return index.row();
    case SeverityRole:
        return int(f.severity);
    default:
        return {};
    }
}

QVariant FindingTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return u"Severity"_s;
    case WhereColumn:
        return u"Where"_s;
    case MessageColumn:
        return u"What happens"_s;
    case FixColumn:
        return u"Fix"_s;
    default:
        return {};
    }
}

} // namespace cors
