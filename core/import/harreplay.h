#pragma once

#include "browser/browserprofile.h"
#include "engine/corsengine.h"
#include "harlog.h"
#include "harreport.h"
#include "model/tenant.h"

#include <optional>

namespace cors {

// Checks every cross-origin fetch of a HAR (DESIGN.md, "Imports for support"): finds them
// (HarFetchFinder), replays each through the browser model against the responses the HAR
// recorded, and again against a tenant's current rules (CorsEngine, through HarRulesResponder).
//
// Each fetch is replayed from a fresh page, so that one fetch's result never depends on how far
// the browser model's preflight cache agrees with the browser's: where the recording shows no
// preflight because the browser answered from its cache, the preflight it had cached stands in
// (HarFetch::Hop::cachedPreflight).
class HarReplay
{
public:
    // The browser that saved the HAR (creator.name "WebInspector" is Chromium's DevTools, "Firefox"
    // Firefox's), else Chromium; `evidence` says which.
    static BrowserProfile detectBrowser(const HarLog &log, QString *evidence);

    static HarReport run(const HarLog &log, const BrowserProfile &browser, const QString &browserEvidence,
                         const std::optional<Tenant> &tenant);

    // One fetch; `engine` null: the rules are not checked. For the simulator, which checks a row
    // again after a rule changed.
    static HarRequestResult check(const HarLog &log, const HarFetch &fetch, const BrowserProfile &browser,
                                  const CorsEngine *engine);
};

} // namespace cors
