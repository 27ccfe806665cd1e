#include "exportresult.h"

namespace cors {

QList<ExportIssue> ExportResult::issuesOfKind(ExportIssue::Kind kind) const
{
    QList<ExportIssue> result;
    for (const ExportIssue &issue : issues) {
        if (issue.kind == kind)
            result.append(issue);
    }
    return result;
}

QList<int> ExportResult::refusedRules() const
{
    QList<int> result;
    for (const ExportIssue &issue : issues) {
        if (issue.kind == ExportIssue::Kind::Refused && issue.rule >= 0 && !result.contains(issue.rule))
            result.append(issue.rule);
    }
    return result;
}

} // namespace cors
