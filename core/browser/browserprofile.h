#pragma once

#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace cors {

enum class Browser { Chromium, Firefox };

// Where a shipping browser departs from the Fetch standard, or from the other browser, in what
// CORS Studio models. Each field names one behaviour; the fetch algorithm (BrowserSession) reads
// these instead of asking "is this Chromium?", and the comment beside each field says where the
// browser does it. Every field is exercised by the real-browser conformance suite
// (tests/browser/scenarios.json), which is how the values below were established: Chromium 156
// and Firefox ESR 153 on Debian 12.
struct BrowserProfile
{
    Browser browser = Browser::Chromium;

    // --- Request construction ---

    // Blink's HTTPHeaderMap keeps one field per name and joins repeated values with ", "; the
    // safelist then judges the joined value (a 64-byte Accept appended twice is 130 bytes, not
    // safelisted). Firefox keeps every appended entry (dom/fetch/InternalHeaders.cpp) and judges
    // each, as the Fetch standard's header list does.
    bool joinsRepeatedHeaders = true;
    // Chromium still treats User-Agent as a forbidden request header and drops it
    // (services/network/public/cpp/cors/cors.cc, IsForbiddenHeader); the Fetch standard and Firefox
    // allow scripts to set it, and then it is CORS-unsafe.
    bool forbidsUserAgent = true;
    // Chromium safelists more request headers than the standard: Intervention, Save-Data: on, and
    // the client hints DPR, Device-Memory, Width and Viewport-Width when their values are numbers
    // (cors.cc, IsCorsSafelistedHeader).
    bool safelistsClientHints = true;
    // "If safelistValueSize is greater than 1024, then for each name of potentiallyUnsafeNames..."
    // (Fetch §2.2.2 "CORS-unsafe request-header names"). Firefox has no such total.
    bool limitsSafelistedTotal = true;
    // The order in which the request's author headers go on the wire: Chromium sorts them by
    // name, Firefox keeps the order the page appended them in.
    bool sortsRequestHeaders = true;

    // --- Redirects ---

    // After a cross-origin redirect the request's origin is tainted and serializes as "null"
    // (Fetch §4.4 "HTTP-redirect fetch", step 13). Chromium also sends Origin: null in the
    // preflight of the next hop and checks its Access-Control-Allow-Origin against "null";
    // Firefox preflights with the page's origin (nsCORSListenerProxy::StartCORSPreflight uses the
    // loading principal) and only the actual request carries "null".
    bool taintsPreflightOrigin = true;
    // Once a request needed a preflight, Firefox preflights every later redirect hop too, even
    // when a 303 (or 301/302 for POST) turned it into a plain GET (nsHttpChannel keeps its CORS
    // preflight parameters across redirects). Chromium, like the standard, decides afresh per hop.
    bool preflightsEveryRedirectHop = false;
    // A preflight answered with a redirect: Chromium fails it at once (PreflightDisallowedRedirect,
    // preflight_controller.cc); Firefox first runs the CORS check on the 3xx response and only then
    // refuses the redirect (nsCORSListenerProxy::AsyncOnChannelRedirect).
    bool checksRedirectedPreflightOrigin = false;

    // --- The preflight cache (Fetch §4.9 "CORS-preflight cache") ---

    // "Access-Control-Max-Age" is capped: 2 hours in Chromium (preflight_result.cc, kMaxTimeout),
    // 24 hours in Firefox (nsCORSListenerProxy.cpp, AddResultToCache).
    std::chrono::seconds maxAgeCap { 7200 };
    // A new preflight for the same key replaces Chromium's entry (PreflightCache::AppendEntry);
    // Firefox adds the new methods and headers to the entry, each with its own expiry.
    bool mergesCacheEntries = false;
    // Firefox keeps entries for requests with and without credentials apart (the key includes
    // withCredentials). Chromium keeps one entry per origin and URL that remembers whether it was
    // made with credentials: it serves later requests without credentials too, never the reverse.
    bool separatesCacheByCredentials = false;
    // Chromium erases an entry that is stale or does not cover the request at hand
    // (PreflightCache::CheckIfRequestCanSkipPreflight), so a preflight that then fails leaves
    // nothing cached; Firefox keeps it.
    bool dropsEntryThatFailsToCover = true;
    // Firefox forgets every entry for a URL whose preflight fails, or whose response fails the
    // CORS check (nsCORSListenerProxy::OnStartRequest, RemoveEntries); Chromium does not.
    bool forgetsUrlAfterFailedCheck = false;
    // Chromium's cache honours "*" in the cached method and header lists (for requests without
    // credentials); Firefox's CORSCacheEntry::CheckRequest compares tokens literally, so a cached
    // "*" never matches and the next request preflights again.
    bool cacheHonoursWildcards = true;
    // Chromium lets any CORS-safelisted method (GET, HEAD, POST) through a cached entry; Firefox
    // exempts only GET and POST, so a HEAD with a custom header preflights every time.
    bool cacheExemptsHead = true;
    // Chromium parses Max-Age as an integer (base::StringToInt64); anything else means the
    // 5-second default and negatives mean "do not cache". Firefox accepts digits only: any other
    // character means "do not cache" at all; an empty value is the default.
    bool maxAgeDigitsOnly = false;

    static BrowserProfile chromium();
    static BrowserProfile firefox();
    static std::optional<BrowserProfile> fromName(QStringView name);
    static QStringList names();

    QString name() const; // "chromium", "firefox"
    QString displayName() const; // "Chromium", "Firefox"
    bool isChromium() const { return browser == Browser::Chromium; }
    bool isFirefox() const { return browser == Browser::Firefox; }

    friend bool operator==(const BrowserProfile &, const BrowserProfile &) = default;
};

} // namespace cors
