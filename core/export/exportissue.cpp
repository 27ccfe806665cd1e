#include "exportissue.h"

using namespace Qt::StringLiterals;

namespace cors {

QString ExportIssue::kindName(Kind kind)
{
    return kind == Kind::Refused ? u"refused"_s : u"differs"_s;
}

QString ExportIssue::toString(const QString &ruleDomain) const
{
    QString where = u"tenant"_s;
    if (rule >= 0)
        where = ruleDomain.isEmpty() ? u"rule %1"_s.arg(rule) : u"rule %1 (%2)"_s.arg(rule).arg(ruleDomain);
    return u"%1 %2: %3"_s.arg(where, kindName(kind), message);
}

QJsonObject ExportIssue::toJson() const
{
    return { { u"kind"_s, kindName(kind) }, { u"rule"_s, rule }, { u"message"_s, message } };
}

} // namespace cors
