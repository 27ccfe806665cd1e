#include "liveexchange.h"

#include "model/httpmessagejson.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

// Bodies are logged for reading, not archiving: the first 4 KiB.
constexpr qsizetype kLoggedBody = 4096;

QString bodyText(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(kLoggedBody));
    if (body.size() > kLoggedBody)
        text += u"… (%1 bytes)"_s.arg(body.size());
    return text;
}

} // namespace

QString LiveExchange::path() const
{
    return QString::fromLatin1(request.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority));
}

QString LiveExchange::origin() const
{
    return QString::fromLatin1(request.headers.value("Origin"));
}

QString LiveExchange::kindName() const
{
    return decision ? requestKindName(decision->kind) : u"no-tenant"_s;
}

QJsonObject LiveExchange::toJson() const
{
    QJsonObject object;
    object.insert(u"id"_s, qint64(id));
    object.insert(u"time"_s, time.toString(Qt::ISODateWithMs));
    object.insert(u"peer"_s, peer);
    object.insert(u"method"_s, method());
    object.insert(u"url"_s, QString::fromLatin1(request.url.toEncoded()));
    object.insert(u"origin"_s, request.headers.contains("Origin") ? QJsonValue(origin()) : QJsonValue());
    object.insert(u"kind"_s, kindName());
    object.insert(u"tenant"_s, tenant.isEmpty() ? QJsonValue() : QJsonValue(tenant));
    object.insert(u"tenantDetail"_s, tenantDetail);
    object.insert(u"status"_s, response.status);
    object.insert(u"allowed"_s, decision ? QJsonValue(decision->allowed) : QJsonValue());
    object.insert(u"rule"_s, rule().isEmpty() ? QJsonValue() : QJsonValue(rule()));
    if (decision && !decision->application.isEmpty())
        object.insert(u"application"_s, decision->application);
    object.insert(u"requestHeaders"_s, HttpMessageJson::toJson(request.headers));
    object.insert(u"responseHeaders"_s, HttpMessageJson::toJson(response.headers));
    object.insert(u"requestBody"_s, bodyText(request.body));
    object.insert(u"responseBody"_s, bodyText(response.body));
    object.insert(u"trace"_s, decision ? traceToJson(decision->trace) : QJsonArray());
    object.insert(u"durationMicroseconds"_s, durationMicroseconds);
    return object;
}

QString LiveExchange::summary() const
{
    QString line = time.toString(u"HH:mm:ss.zzz"_s) + u' ' + method() + u' ' + path() + u' ' + kindName()
        + u' ' + QString::number(response.status);
    if (!tenant.isEmpty())
        line += u" tenant="_s + tenant;
    if (!rule().isEmpty())
        line += u" rule="_s + rule();
    if (request.headers.contains("Origin"))
        line += u" origin="_s + origin();
    if (decision && !decision->trace.isEmpty() && !decision->allowed) {
        // The step that decided, for a refusal.
        for (const TraceStep &step : decision->trace) {
            if (!step.ok) {
                line += u" — "_s + step.detail;
                break;
            }
        }
    } else if (!decision) {
        line += u" — "_s + tenantDetail;
    }
    return line;
}

} // namespace cors
