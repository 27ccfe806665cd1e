#include "harreplay.h"

#include "browser/browsersession.h"
#include "browser/fetchrequest.h"
#include "harfetchfinder.h"
#include "harresponder.h"
#include "harrulesresponder.h"

using namespace Qt::StringLiterals;

namespace cors {

namespace {

const QString kCorsFailure = u"net::ERR_FAILED"_s;

QString key(const QUrl &url)
{
    return FetchRequest::serializeUrl(url);
}

const HarFetch::Hop *hopAt(const HarFetch &fetch, const QUrl &url)
{
    for (const HarFetch::Hop &hop : fetch.hops) {
        if (key(hop.url) == key(url))
            return &hop;
    }
    return nullptr;
}

QString statusAndError(const HarLog::Entry &entry)
{
    return entry.error.isEmpty() ? u"status %1"_s.arg(entry.status)
                                 : u"status %1, %2"_s.arg(entry.status).arg(entry.error);
}

// Which response the browser asked for that the HAR does not hold. A responder that has nothing
// makes the browser model fail at once, so it is the last exchange of the last hop.
QString describeMissing(const HarLog &log, const HarFetch &fetch, const Outcome &outcome)
{
    if (outcome.hops.isEmpty())
        return {};
    const FetchHop &last = outcome.hops.last();
    const QString url = key(last.url);
    const HarFetch::Hop *hop = hopAt(fetch, last.url);
    if (!hop)
        return u"A redirect leads to %1, and the HAR has no request to it."_s.arg(url);
    const bool preflight = last.preflight && !last.preflight->response && !last.actual;
    if (preflight) {
        if (hop->preflight >= 0) {
            const HarLog::Entry &entry = log.entries[hop->preflight];
            return u"The preflight to %1 (%2) got no response (%3): the HAR does not say what the server "
                   "would have answered."_s.arg(url, entry.path(), statusAndError(entry));
        }
        return u"The browser needs a preflight for the request to %1, and the HAR has none for it — not "
               "even an earlier one that the browser's preflight cache could have held."_s.arg(url);
    }
    if (hop->entry < 0)
        return u"Only the preflight is in the HAR; the request to %1 itself is not."_s.arg(url);
    const HarLog::Entry &entry = log.entries[hop->entry];
    if (entry.status == 304) {
        return u"The request to %1 (%2) was answered 304 Not Modified: the browser checked the headers of "
               "its cached copy, which the HAR does not hold."_s.arg(url, entry.path());
    }
    return u"The request to %1 (%2) got no response (%3): the browser blocked it before it was sent, or "
           "the network failed; the HAR does not say which."_s.arg(url, entry.path(), statusAndError(entry));
}

Outcome replayAgainstHar(const HarLog &log, const HarFetch &fetch, const FetchSpec &spec,
                         const BrowserProfile &browser, bool *complete, QString *missing,
                         QStringList *inferredPreflights = nullptr)
{
    HarResponder responder(log, fetch);
    Outcome outcome = cors::fetch(spec, responder, browser);
    *complete = responder.misses().isEmpty();
    *missing = *complete ? QString() : describeMissing(log, fetch, outcome);
    if (inferredPreflights)
        *inferredPreflights = responder.inferredPreflights();
    return outcome;
}

} // namespace

BrowserProfile HarReplay::detectBrowser(const HarLog &log, QString *evidence)
{
    QString found;
    if (const auto browser = log.savedBy(&found)) {
        if (evidence)
            *evidence = found;
        return *browser == Browser::Firefox ? BrowserProfile::firefox() : BrowserProfile::chromium();
    }
    if (evidence) {
        *evidence = log.creatorName.isEmpty()
            ? u"the HAR does not name its browser: Chromium assumed"_s
            : u"creator \"%1\" is neither Chromium nor Firefox: Chromium assumed"_s.arg(log.creatorName);
    }
    return BrowserProfile::chromium();
}

HarRequestResult HarReplay::check(const HarLog &log, const HarFetch &fetch, const BrowserProfile &browser,
                                  const CorsEngine *engine)
{
    HarRequestResult result;
    result.fetch = fetch;
    QStringList inferredPreflights;
    result.replay = replayAgainstHar(log, fetch, fetch.spec, browser, &result.replayComplete, &result.missing,
                                     &inferredPreflights);
    const HarFetch::Recorded &recorded = fetch.recorded;
    const bool chromiumFailure =
        recorded.state == HarFetch::Recorded::State::Failed && recorded.error == kCorsFailure;

    // Credentials the HAR does not show: Chromium's sanitized HARs leave cookies out, and a request
    // that never left (blocked at its preflight) is recorded without them. When only credentials
    // "include" reproduces the failure Chromium recorded, that is what the page asked for.
    if (!fetch.cookies && chromiumFailure && result.replayComplete
        && result.replay.verdict == Verdict::Allowed) {
        FetchSpec withCredentials = fetch.spec;
        withCredentials.credentials = CredentialsMode::Include;
        bool complete = false;
        QString missing;
        Outcome outcome = replayAgainstHar(log, fetch, withCredentials, browser, &complete, &missing);
        if (complete && outcome.verdict == Verdict::Blocked) {
            result.fetch.spec = withCredentials;
            result.replay = outcome;
            result.credentialsInferred = true;
            result.notes.append(
                u"The HAR shows no cookies for this request, yet only credentials \"include\" reproduces the "
                "failure Chromium recorded: the replay assumes the page sent credentials (a sanitized HAR "
                "leaves cookies out)."_s);
        }
    }

    if (fetch.pageOrigin.source != PageOrigin::Source::OriginHeader) {
        result.notes.append(u"The page's origin %1 comes from %2 (%3)."_s.arg(
            fetch.pageOrigin.origin.serialize(), PageOrigin::sourceDescription(fetch.pageOrigin.source),
            fetch.pageOrigin.evidence));
    }
    if (!fetch.headers.restored.isEmpty()) {
        result.notes.append(
            u"Its preflight's Access-Control-Request-Headers names %1, which the recorded request lacks (a "
            "sanitized HAR leaves out Authorization and Cookie; Chromium records a request that never left "
            "with the headers the page knew of only): replayed with a placeholder value."_s.arg(
                QString::fromLatin1(fetch.headers.restored.join(", "))));
    }
    for (const QString &url : std::as_const(inferredPreflights)) {
        result.notes.append(
            u"The HAR has no preflight for the request to %1, yet the request went out, which "
            "the browser does only after a preflight passed: the replay takes it as passed."_s.arg(url));
    }
    for (const HarFetch::Hop &hop : fetch.hops) {
        if (hop.entry >= 0 && log.entries[hop.entry].status == 304 && hop.storedResponse >= 0) {
            result.notes.append(
                u"The request to %1 was answered 304 Not Modified: the browser checked its cached "
                "copy, recorded at %2, with the 304's headers over it."_s.arg(
                    key(hop.url), log.entries[hop.storedResponse].path()));
        }
    }
    for (const FetchHop &hop : result.replay.hops) {
        const HarFetch::Hop *recordedHop = hopAt(fetch, hop.url);
        if (recordedHop && hop.preflight && recordedHop->preflight < 0 && recordedHop->cachedPreflight >= 0) {
            result.notes.append(
                u"No preflight was recorded for the request to %1: the browser answered it from its "
                "preflight cache, filled by the preflight at %2, whose response stands in."_s.arg(
                    key(hop.url), log.entries[recordedHop->cachedPreflight].path()));
        }
    }
    if (recorded.state == HarFetch::Recorded::State::Failed && recorded.error != kCorsFailure) {
        result.notes.append(u"Chromium recorded %1, not the net::ERR_FAILED of a CORS failure: the request "
                            "failed for another reason."_s.arg(recorded.error));
    } else if (chromiumFailure && result.replayComplete && result.replay.verdict == Verdict::Allowed) {
        result.notes.append(
            u"Chromium recorded net::ERR_FAILED, yet the recorded responses pass every CORS check: the "
            "failure was not a CORS error (a request cancelled, or blocked by an extension, mixed content or "
            "Private Network Access), or the page's request differed from what the HAR shows."_s);
    } else if (recorded.state == HarFetch::Recorded::State::Completed && result.replayComplete
               && result.replay.verdict == Verdict::Blocked && log.savedBy() == Browser::Chromium) {
        result.notes.append(
            u"Chromium recorded no error for it, yet the replay blocks it: the page's request differed from "
            "what the HAR shows (its credentials mode, or headers the HAR leaves out)."_s);
    }

    if (engine) {
        HarRulesResponder rules(*engine, fetch.redirects(log));
        result.rules = cors::fetch(result.fetch.spec, rules, browser);
        // A tenant has no host names: its rules answer whatever URL the fetch reaches.
        QStringList elsewhere;
        const Origin first = Origin::ofUrl(result.fetch.spec.url);
        for (const FetchHop &hop : result.rules->hops) {
            const QString origin = Origin::ofUrl(hop.url).serialize();
            if (Origin::ofUrl(hop.url) != first && !elsewhere.contains(origin))
                elsewhere.append(origin);
        }
        if (!elsewhere.isEmpty()) {
            result.notes.append(
                u"The tenant's rules are taken to answer every URL of this fetch, %1 included; if the "
                "tenant does not serve it, that server's own headers decide there."_s.arg(
                    elsewhere.join(u", ")));
        }
    }
    return result;
}

HarReport HarReplay::run(const HarLog &log, const BrowserProfile &browser, const QString &browserEvidence,
                         const std::optional<Tenant> &tenant)
{
    HarReport report;
    report.browser = browser;
    report.browserEvidence = browserEvidence;
    report.creator = QString(log.creatorName + u' ' + log.creatorVersion).trimmed();
    report.entryCount = int(log.entries.size());
    std::optional<CorsEngine> engine;
    if (tenant) {
        report.tenant = tenant->name;
        engine.emplace(*tenant);
    }
    const HarFetchFinder::Result found = HarFetchFinder::find(log, browser);
    report.requests.reserve(found.fetches.size());
    for (const HarFetch &fetch : found.fetches)
        report.requests.append(check(log, fetch, browser, engine ? &*engine : nullptr));
    report.skipped = found.skipped;
    if (!report.requests.isEmpty() && !log.anyCookies()) {
        report.notes.append(
            u"No request in this HAR carries a cookie: it may have been saved sanitized (Chromium's \"Export "
            "HAR (sanitized)\" leaves out Cookie, Set-Cookie and Authorization). Where a preflight names a "
            "header the request lacks, it is restored with a placeholder; credentials are taken as fetch()'s "
            "default unless only \"include\" reproduces a recorded failure."_s);
    }
    return report;
}

} // namespace cors
