#include "harfetch.h"

#include "browser/fetchrequest.h"

using namespace Qt::StringLiterals;

namespace cors {

QString HarFetch::Recorded::stateName(State state)
{
    switch (state) {
    case State::Completed:
        return u"completed"_s;
    case State::Failed:
        return u"failed"_s;
    case State::NoResponse:
        return u"no-response"_s;
    case State::NotRecorded:
        return u"not-recorded"_s;
    }
    return {};
}

QString HarFetch::Recorded::describe() const
{
    switch (state) {
    case State::Completed:
        return u"status %1"_s.arg(status);
    case State::Failed:
        return u"status %1, %2"_s.arg(status).arg(error);
    case State::NoResponse:
        return u"status 0: no response"_s;
    case State::NotRecorded:
        return u"only its preflight is in the HAR"_s;
    }
    return {};
}

int HarFetch::firstEntry() const
{
    const Hop &first = hops.first();
    return first.entry >= 0 ? first.entry : first.preflight;
}

QList<int> HarFetch::entries() const
{
    QList<int> all;
    for (const Hop &hop : hops) {
        if (hop.preflight >= 0)
            all.append(hop.preflight);
        if (hop.entry >= 0)
            all.append(hop.entry);
    }
    return all;
}

QHash<QString, HttpResponse> HarFetch::redirects(const HarLog &log) const
{
    QHash<QString, HttpResponse> backend;
    for (const Hop &hop : hops) {
        if (hop.entry < 0)
            continue;
        auto response = log.entries[hop.entry].response();
        if (!response || response->status < 300 || response->status > 399
            || !response->headers.contains("Location"))
            continue;
        HttpHeaders withoutCors;
        for (const auto &[name, value] : response->headers) {
            if (!name.toLower().startsWith("access-control-"))
                withoutCors.append(name, value);
        }
        response->headers = withoutCors;
        backend.insert(FetchRequest::serializeUrl(hop.url), *response);
    }
    return backend;
}

} // namespace cors
