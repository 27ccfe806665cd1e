#include "outcome.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

QJsonValue exchangeJson(const std::optional<Exchange> &exchange)
{
    return exchange ? QJsonValue(exchange->toJson()) : QJsonValue(QJsonValue::Null);
}

} // namespace

bool Outcome::preflightSent() const
{
    return std::any_of(hops.begin(), hops.end(),
                       [](const FetchHop &hop) { return hop.preflight.has_value(); });
}

QJsonObject Outcome::toJson() const
{
    QJsonObject object;
    object.insert(u"verdict"_s, verdictName(verdict));
    object.insert(u"preflight"_s,
                  hops.isEmpty() ? QJsonValue(QJsonValue::Null) : exchangeJson(hops.last().preflight));
    object.insert(u"actual"_s,
                  hops.isEmpty() ? QJsonValue(QJsonValue::Null) : exchangeJson(hops.last().actual));
    if (hops.size() > 1) {
        QJsonArray redirects;
        for (qsizetype i = 0; i + 1 < hops.size(); ++i) {
            redirects.append(QJsonObject { { u"url"_s, hops[i].url.toString(QUrl::FullyEncoded) },
                                           { u"preflight"_s, exchangeJson(hops[i].preflight) },
                                           { u"actual"_s, exchangeJson(hops[i].actual) } });
        }
        object.insert(u"redirects"_s, redirects);
    }
    QJsonArray exposed;
    for (const QByteArray &name : exposedHeaders)
        exposed.append(QString::fromLatin1(name));
    object.insert(u"exposedHeaders"_s, exposed);
    object.insert(u"error"_s, error ? QJsonValue(error->toJson()) : QJsonValue(QJsonValue::Null));
    object.insert(u"trace"_s, traceToJson(trace));
    return object;
}

} // namespace cors
