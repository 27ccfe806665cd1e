#include "harrequestresult.h"

#include "model/httpmessagejson.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

HarRequestResult::Replay fromVerdict(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Allowed:
        return HarRequestResult::Replay::Allowed;
    case Verdict::Blocked:
        return HarRequestResult::Replay::Blocked;
    case Verdict::Opaque:
        return HarRequestResult::Replay::Opaque;
    }
    return HarRequestResult::Replay::Unknown;
}

QString errorCode(const std::optional<Outcome> &outcome)
{
    return outcome && outcome->error ? outcome->error->code : QString();
}

} // namespace

HarRequestResult::Replay HarRequestResult::replayVerdict() const
{
    return replayComplete ? fromVerdict(replay.verdict) : Replay::Unknown;
}

std::optional<BrowserError> HarRequestResult::error() const
{
    return replayComplete ? replay.error : std::nullopt;
}

std::optional<bool> HarRequestResult::rulesAllow() const
{
    if (!rules)
        return std::nullopt;
    return rules->verdict != Verdict::Blocked;
}

HarRequestResult::Finding HarRequestResult::finding() const
{
    const auto allow = rulesAllow();
    if (!allow)
        return Finding::NotChecked;
    switch (replayVerdict()) {
    case Replay::Unknown:
        return *allow ? Finding::PredictedAllowed : Finding::PredictedBlocked;
    case Replay::Blocked:
        return *allow ? Finding::Fixed : Finding::StillBlocked;
    case Replay::Allowed:
    case Replay::Opaque:
        return *allow ? Finding::Works : Finding::WouldBreak;
    }
    return Finding::NotChecked;
}

QString HarRequestResult::summary() const
{
    switch (finding()) {
    case Finding::Works:
        return u"Allowed with the recorded responses, and under the tenant's current rules."_s;
    case Finding::Fixed:
        return u"Blocked with the recorded responses (%1); the tenant's current rules let it through."_s.arg(
            errorCode(replay));
    case Finding::StillBlocked:
        return u"Blocked with the recorded responses (%1), and the tenant's current rules block it too (%2)."_s
            .arg(errorCode(replay), errorCode(rules));
    case Finding::WouldBreak:
        return u"Allowed with the recorded responses, but the tenant's current rules would block it (%1)."_s
            .arg(errorCode(rules));
    case Finding::PredictedAllowed:
        return u"The HAR lacks a response the browser needed; the tenant's current rules let it through."_s;
    case Finding::PredictedBlocked:
        return u"The HAR lacks a response the browser needed; the tenant's current rules block it (%1)."_s
            .arg(errorCode(rules));
    case Finding::NotChecked:
        break;
    }
    switch (replayVerdict()) {
    case Replay::Allowed:
        return u"Allowed with the recorded responses."_s;
    case Replay::Opaque:
        return u"Opaque with the recorded responses."_s;
    case Replay::Blocked:
        return u"Blocked with the recorded responses (%1)."_s.arg(errorCode(replay));
    case Replay::Unknown:
        break;
    }
    return u"The HAR lacks a response the browser needed."_s;
}

QString HarRequestResult::replayName(Replay replay)
{
    switch (replay) {
    case Replay::Allowed:
        return u"allowed"_s;
    case Replay::Blocked:
        return u"blocked"_s;
    case Replay::Opaque:
        return u"opaque"_s;
    case Replay::Unknown:
        return u"unknown"_s;
    }
    return {};
}

QString HarRequestResult::findingName(Finding finding)
{
    switch (finding) {
    case Finding::Works:
        return u"works"_s;
    case Finding::Fixed:
        return u"fixed"_s;
    case Finding::StillBlocked:
        return u"still-blocked"_s;
    case Finding::WouldBreak:
        return u"would-break"_s;
    case Finding::PredictedAllowed:
        return u"predicted-allowed"_s;
    case Finding::PredictedBlocked:
        return u"predicted-blocked"_s;
    case Finding::NotChecked:
        return u"not-checked"_s;
    }
    return {};
}

QJsonObject HarRequestResult::toJson() const
{
    QJsonObject object;
    object.insert(u"entry"_s, fetch.firstEntry());
    QJsonArray entries;
    for (int entry : fetch.entries())
        entries.append(entry);
    object.insert(u"entries"_s, entries);
    object.insert(u"method"_s, QString::fromLatin1(method()));
    object.insert(u"url"_s, url().toString(QUrl::FullyEncoded));
    object.insert(u"page"_s, fetch.pageref);
    object.insert(u"pageOrigin"_s, pageOrigin().serialize());
    object.insert(u"pageOriginSource"_s, PageOrigin::sourceName(fetch.pageOrigin.source));
    object.insert(u"pageOriginEvidence"_s, fetch.pageOrigin.evidence);
    object.insert(u"credentials"_s, credentialsModeName(fetch.spec.credentials));
    object.insert(u"credentialsSource"_s,
                  fetch.cookies ? u"cookies"_s : (credentialsInferred ? u"inferred"_s : u"default"_s));
    object.insert(u"headers"_s, HttpMessageJson::toJson(fetch.spec.headers));
    QJsonArray dropped;
    for (const AuthorHeaders::Dropped &header : fetch.headers.dropped) {
        dropped.append(
            QJsonObject { { u"name"_s, QString::fromLatin1(header.name) }, { u"reason"_s, header.reason } });
    }
    object.insert(u"droppedHeaders"_s, dropped);
    QJsonArray restored;
    for (const QByteArray &name : fetch.headers.restored)
        restored.append(QString::fromLatin1(name));
    object.insert(u"restoredHeaders"_s, restored);
    QJsonObject recorded { { u"state"_s, HarFetch::Recorded::stateName(fetch.recorded.state) },
                           { u"status"_s, fetch.recorded.status } };
    recorded.insert(u"error"_s,
                    fetch.recorded.error.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                   : QJsonValue(fetch.recorded.error));
    object.insert(u"recorded"_s, recorded);
    QJsonObject replayed = replay.toJson();
    replayed.insert(u"verdict"_s, replayName(replayVerdict()));
    if (!replayComplete) {
        replayed.insert(u"error"_s, QJsonValue::Null);
        replayed.insert(u"missing"_s, missing);
    }
    object.insert(u"replay"_s, replayed);
    object.insert(u"rules"_s, rules ? QJsonValue(rules->toJson()) : QJsonValue(QJsonValue::Null));
    object.insert(u"finding"_s, findingName(finding()));
    object.insert(u"summary"_s, summary());
    object.insert(u"notes"_s, QJsonArray::fromStringList(notes));
    return object;
}

} // namespace cors
