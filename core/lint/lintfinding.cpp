#include "lintfinding.h"

using namespace Qt::StringLiterals;

namespace cors {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return u"info"_s;
    case Severity::Warning:
        return u"warning"_s;
    case Severity::Error:
        return u"error"_s;
    }
    return {};
}

std::optional<Severity> severityFromName(QStringView name)
{
    for (const Severity severity : { Severity::Info, Severity::Warning, Severity::Error }) {
        if (name == severityName(severity))
            return severity;
    }
    return std::nullopt;
}

QString LintFinding::path() const
{
    QString path;
    if (rule >= 0)
        path = u"rules[%1]"_s.arg(rule);
    else if (application >= 0)
        path = u"applications[%1]"_s.arg(application);
    if (!field.isEmpty())
        path += (path.isEmpty() ? QString() : u"."_s) + field;
    if (item >= 0)
        path += u"[%1]"_s.arg(item);
    return path;
}

QJsonObject LintFinding::toJson() const
{
    QJsonObject object;
    object.insert(u"id"_s, id);
    object.insert(u"severity"_s, severityName(severity));
    object.insert(u"rule"_s, rule >= 0 ? QJsonValue(rule) : QJsonValue(QJsonValue::Null));
    object.insert(u"application"_s,
                  application >= 0 ? QJsonValue(application) : QJsonValue(QJsonValue::Null));
    object.insert(u"field"_s, field);
    object.insert(u"item"_s, item >= 0 ? QJsonValue(item) : QJsonValue(QJsonValue::Null));
    object.insert(u"path"_s, path());
    object.insert(u"message"_s, message);
    object.insert(u"fix"_s, fix);
    object.insert(u"proof"_s, proof.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(proof));
    return object;
}

} // namespace cors
