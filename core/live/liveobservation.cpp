#include "liveobservation.h"

#include "model/httpmessagejson.h"
#include "model/jsonobjectreader.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cors {

Verdict LiveObservation::verdict() const
{
    if (!resolved)
        return Verdict::Blocked;
    return type == u"opaque" ? Verdict::Opaque : Verdict::Allowed;
}

QByteArrayList LiveObservation::readableHeaderNames() const
{
    QByteArrayList names;
    for (const auto &[name, value] : headers) {
        const QByteArray lower = name.toLower();
        if (!names.contains(lower))
            names.append(lower);
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::optional<LiveObservation> LiveObservation::fromJson(const QJsonValue &value, const QString &path,
                                                         JsonProblems *problems)
{
    const qsizetype before = problems->size();
    JsonObjectReader reader(value, path, problems, u"a fetch result"_s);
    if (!reader.isValid())
        return std::nullopt;
    LiveObservation observation;
    observation.resolved = reader.boolean(u"resolved", false);
    if (observation.resolved) {
        observation.type = reader.string(u"type", u"basic"_s);
        observation.status = int(reader.integer(u"status", 0, 999).value_or(0));
        if (reader.has(u"headers")) {
            if (const auto headers = HttpMessageJson::readHeaders(reader.value(u"headers"),
                                                                  reader.pathOf(u"headers"), problems))
                observation.headers = *headers;
        }
        observation.body = reader.string(u"body").left(1024).toUtf8();
    } else {
        observation.errorName = reader.string(u"name", u"Error"_s);
        observation.errorMessage = reader.string(u"message");
    }
    if (problems->size() > before)
        return std::nullopt;
    return observation;
}

QJsonObject LiveObservation::toJson() const
{
    QJsonObject object;
    object.insert(u"verdict"_s, verdictName(verdict()));
    object.insert(u"resolved"_s, resolved);
    if (resolved) {
        object.insert(u"type"_s, type);
        object.insert(u"status"_s, status);
        object.insert(u"headers"_s, HttpMessageJson::toJson(headers));
        object.insert(u"body"_s, QString::fromUtf8(body));
    } else {
        object.insert(u"name"_s, errorName);
        object.insert(u"message"_s, errorMessage);
    }
    return object;
}

} // namespace cors
