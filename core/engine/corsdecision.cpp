#include "corsdecision.h"

#include "model/httpmessagejson.h"

using namespace Qt::StringLiterals;

namespace cors {

QString requestKindName(RequestKind kind)
{
    switch (kind) {
    case RequestKind::Preflight:
        return u"preflight"_s;
    case RequestKind::Actual:
        return u"actual"_s;
    case RequestKind::NotCors:
        return u"not-cors"_s;
    }
    return {};
}

QJsonObject CorsDecision::toJson() const
{
    QJsonObject object;
    object.insert(u"kind"_s, requestKindName(kind));
    object.insert(u"allowed"_s, allowed);
    object.insert(u"status"_s, status);
    object.insert(u"headers"_s, HttpMessageJson::toJson(headers));
    object.insert(u"body"_s, QString::fromUtf8(body));
    object.insert(u"rule"_s, rule.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(rule));
    if (!application.isEmpty())
        object.insert(u"application"_s, application);
    object.insert(u"trace"_s, traceToJson(trace));
    return object;
}

} // namespace cors
