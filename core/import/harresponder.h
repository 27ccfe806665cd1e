#pragma once

#include "browser/recordedresponder.h"
#include "harfetch.h"
#include "harlog.h"

#include <QList>
#include <QSet>
#include <QString>

namespace cors {

// The responses a HAR recorded for one fetch, answering the browser model's requests: per URL,
// the hop's preflight (or the one its preflight cache held) and its actual response (several, in
// turn, when a redirect loop comes back to a URL). Two answers are read between the lines:
//  - a request answered 304 Not Modified is answered with the cached copy the browser checked:
//    the stored 2xx, with the 304's headers over it (RFC 9111 §4.3.4);
//  - a request that went out although the HAR has no preflight for it passed one — the browser
//    sends a request that needs a preflight only after its preflight succeeded (Fetch §4.7 step
//    4.1) — so a preflight answer allowing exactly that request stands in, and says so.
// What the HAR does not hold (status 0) is not answered: the browser model then sees a network
// error, and misses() says what was asked.
class HarResponder : public Responder
{
public:
    HarResponder(const HarLog &log, const HarFetch &fetch);

    std::optional<HttpResponse> respond(const HttpRequest &request, Trace &trace) override;

    const QList<RecordedResponder::Miss> &misses() const { return m_recorded.misses(); }
    // URLs (FetchRequest::serializeUrl) whose preflight answer was inferred.
    const QStringList &inferredPreflights() const { return m_inferred; }

private:
    RecordedResponder m_recorded;
    QSet<QString> m_sentWithoutPreflight;
    QStringList m_inferred;
};

} // namespace cors
