#include "harreport.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace cors {

qsizetype HarReport::skippedCount(HarFetchFinder::SkipReason reason) const
{
    return std::count_if(skipped.begin(), skipped.end(),
                         [reason](const HarFetchFinder::Skipped &s) { return s.reason == reason; });
}

qsizetype HarReport::blockedCount() const
{
    return std::count_if(requests.begin(), requests.end(), [](const HarRequestResult &r) {
        return r.replayVerdict() == HarRequestResult::Replay::Blocked;
    });
}

QJsonObject HarReport::toJson() const
{
    QJsonObject object;
    object.insert(u"entryCount"_s, entryCount);
    object.insert(u"creator"_s, creator);
    object.insert(u"browser"_s, browser.name());
    object.insert(u"browserEvidence"_s, browserEvidence);
    object.insert(u"tenant"_s, tenant.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(tenant));
    QJsonArray list;
    for (const HarRequestResult &request : requests)
        list.append(request.toJson());
    object.insert(u"requests"_s, list);
    QJsonObject counts;
    for (auto reason : { HarFetchFinder::SkipReason::SameOrigin, HarFetchFinder::SkipReason::NotCors,
                         HarFetchFinder::SkipReason::NotHttp, HarFetchFinder::SkipReason::UnknownPageOrigin })
        counts.insert(HarFetchFinder::skipReasonName(reason), skippedCount(reason));
    object.insert(u"skipped"_s, counts);
    object.insert(u"notes"_s, QJsonArray::fromStringList(notes));
    return object;
}

} // namespace cors
