#pragma once

#include "browserprofile.h"
#include "clock.h"
#include "fetchrequest.h"
#include "fetchspec.h"
#include "outcome.h"
#include "preflightcache.h"
#include "responder.h"

#include <QList>

namespace cors {

// One browser — Chromium or Firefox — with its own preflight cache, running fetch() calls the way
// that browser does (Fetch §4 "Fetching", with each browser's departures from it):
// request construction, the preflight and its cache, the CORS check on every response,
// redirects, and what script may read; when it blocks, the browser's own error.
//
// A session is the unit a page lives in: fetches made through one session share its preflight
// cache, as fetches from one page do.
class BrowserSession
{
public:
    explicit BrowserSession(BrowserProfile browser, Clock clock = steadyClock());

    const BrowserProfile &browser() const { return m_browser; }

    Outcome fetch(const FetchSpec &spec, Responder &responder);

private:
    struct Run;

    bool runPreflight(Run &run, const QByteArrayList &unsafeNames);
    void fail(Run &run, const CorsFailure &failure);
    QByteArray serializedOrigin(const Run &run) const;

    BrowserProfile m_browser;
    PreflightCache m_cache;
};

// One fetch from a fresh page: DESIGN.md's fetch(fetchSpec, responder, browser) -> Outcome.
Outcome fetch(const FetchSpec &spec, Responder &responder, const BrowserProfile &browser);

// A sequence of fetches from one page, sharing one preflight cache. Time only passes as the
// specs' "delay" says, so the result does not depend on how fast the machine is.
QList<Outcome> fetchSequence(const QList<FetchSpec> &specs, Responder &responder,
                             const BrowserProfile &browser);

} // namespace cors
