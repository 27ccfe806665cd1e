#include "fetchhop.h"

#include "model/httpmessagejson.h"

#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace cors {

QJsonObject Exchange::toJson() const
{
    QJsonObject requestJson = HttpMessageJson::toJson(request);
    return { { u"request"_s, requestJson },
             { u"response"_s,
               response ? QJsonValue(HttpMessageJson::toJson(*response)) : QJsonValue(QJsonValue::Null) } };
}

} // namespace cors
