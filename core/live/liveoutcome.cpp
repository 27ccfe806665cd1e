#include "liveoutcome.h"

#include "browser/fetchrequest.h"
#include "browser/fetchspecjson.h"
#include "browser/responder.h"
#include "model/jsonobjectreader.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

// One request as the comparison sees it: what the browser chose to send.
QString wireText(const HttpRequest &request)
{
    const auto value = [&](QByteArrayView name) {
        return request.headers.contains(name) ? QString::fromLatin1(request.headers.combinedValue(name))
                                              : u"-"_s;
    };
    QString text = QString::fromLatin1(request.method) + u' ' + FetchRequest::serializeUrl(request.url)
        + u" Origin="_s + value("Origin");
    if (Responder::isPreflight(request))
        text += u" ACRM="_s + value("Access-Control-Request-Method") + u" ACRH="_s
            + value("Access-Control-Request-Headers");
    return text;
}

QString namesText(const QByteArrayList &names)
{
    return names.isEmpty() ? u"none"_s : QString::fromLatin1(names.join(", "));
}

} // namespace

std::optional<LiveOutcome> LiveOutcome::fromReport(const QJsonValue &report, JsonProblems *problems)
{
    const qsizetype before = problems->size();
    JsonObjectReader reader(report, QString(), problems, u"an outcome report"_s);
    if (!reader.isValid())
        return std::nullopt;
    LiveOutcome outcome;
    outcome.pageSession = reader.string(u"session").left(64);
    outcome.sequence = int(reader.integer(u"sequence", 0, 1 << 30).value_or(0));
    if (const auto spec = FetchSpecJson::read(reader.value(u"fetch"), reader.pathOf(u"fetch"), problems))
        outcome.fetch = *spec;
    // null: fetch() was called without a body.
    if (!reader.value(u"body").isNull())
        outcome.requestBody = reader.string(u"body").toUtf8();
    if (const auto observed =
            LiveObservation::fromJson(reader.value(u"result"), reader.pathOf(u"result"), problems))
        outcome.observed = *observed;
    if (problems->size() > before)
        return std::nullopt;
    return outcome;
}

std::optional<BrowserProfile> LiveOutcome::browserOf(QStringView userAgent)
{
    // Order matters: Chromium-based browsers also say "Safari/", and Firefox on iOS says "FxiOS"
    // (WebKit underneath, which has no model).
    if (userAgent.contains(u"Firefox/"))
        return BrowserProfile::firefox();
    if (userAgent.contains(u"Chrome/") || userAgent.contains(u"Chromium/"))
        return BrowserProfile::chromium();
    return std::nullopt;
}

QStringList LiveOutcome::compare(const LiveObservation &observed, const QList<HttpRequest> *wire,
                                 const Outcome &predicted)
{
    QStringList differences;
    const Verdict verdict = observed.verdict();
    if (verdict != predicted.verdict)
        differences.append(u"Verdict: the browser says %1, the model %2."_s.arg(
            verdictName(verdict), verdictName(predicted.verdict)));
    if (verdict == Verdict::Allowed && predicted.verdict == Verdict::Allowed) {
        if (observed.status != predicted.status)
            differences.append(
                u"Status: the browser got %1, the model %2."_s.arg(observed.status).arg(predicted.status));
        QByteArrayList expected = predicted.exposedHeaders;
        std::sort(expected.begin(), expected.end());
        const QByteArrayList readable = observed.readableHeaderNames();
        if (readable != expected)
            differences.append(u"Readable headers: the browser lets script read %1, the model %2."_s.arg(
                namesText(readable), namesText(expected)));
    }
    // fetch() threw before sending anything: the exception is all the browser says, and the model
    // knows its text.
    if (predicted.error && predicted.error->code == u"TypeError" && verdict == Verdict::Blocked
        && (observed.errorMessage != predicted.error->message))
        differences.append(u"Exception: the browser threw \"%1\", the model \"%2\"."_s.arg(
            observed.errorMessage, predicted.error->message));
    if (wire) {
        QStringList sent;
        for (const HttpRequest &request : *wire)
            sent.append(wireText(request));
        QStringList expected;
        for (const FetchHop &hop : predicted.hops) {
            if (hop.preflight)
                expected.append(wireText(hop.preflight->request));
            if (hop.actual)
                expected.append(wireText(hop.actual->request));
        }
        if (sent != expected) {
            differences.append(u"Requests: the server received [%1], the model predicts [%2]."_s.arg(
                sent.isEmpty() ? u"none"_s : sent.join(u"; "),
                expected.isEmpty() ? u"none"_s : expected.join(u"; ")));
        }
    }
    return differences;
}

QJsonObject LiveOutcome::toJson() const
{
    QJsonObject object;
    object.insert(u"id"_s, qint64(id));
    object.insert(u"time"_s, time.toString(Qt::ISODateWithMs));
    object.insert(u"session"_s, pageSession);
    object.insert(u"sequence"_s, sequence);
    object.insert(u"userAgent"_s, userAgent);
    object.insert(u"browser"_s, browser.isEmpty() ? QJsonValue() : QJsonValue(browser));
    object.insert(u"fetch"_s, FetchSpecJson::toJson(fetch));
    object.insert(u"body"_s,
                  requestBody.isNull() ? QJsonValue() : QJsonValue(QString::fromUtf8(requestBody)));
    object.insert(u"observed"_s, observed.toJson());
    if (wireObserved) {
        QJsonArray array;
        for (const LiveExchange &exchange : exchanges)
            array.append(exchange.toJson());
        object.insert(u"exchanges"_s, array);
    } else {
        object.insert(u"exchanges"_s, QJsonValue());
    }
    if (prediction) {
        QJsonObject predicted = prediction->toJson();
        predicted.insert(u"status"_s, prediction->status);
        object.insert(u"prediction"_s, predicted);
    } else {
        object.insert(u"prediction"_s, QJsonValue());
    }
    object.insert(u"predictionNote"_s, predictionNote);
    object.insert(u"agrees"_s, agrees());
    object.insert(u"differences"_s, QJsonArray::fromStringList(differences));
    return object;
}

} // namespace cors
