#include "browsersession.h"

#include "corscheck.h"
#include "corssafelist.h"
#include "forbiddennames.h"
#include "manualclock.h"

using namespace Qt::StringLiterals;

namespace cors {

namespace {

const QByteArray kOrigin = QByteArrayLiteral("Origin");
const QByteArray kAccept = QByteArrayLiteral("Accept");
const QByteArray kLocation = QByteArrayLiteral("Location");
const QByteArray kRequestMethod = QByteArrayLiteral("Access-Control-Request-Method");
const QByteArray kRequestHeaders = QByteArrayLiteral("Access-Control-Request-Headers");

// "A redirect status is a status that is 301, 302, 303, 307, or 308" (Fetch §2.2.3); it only
// redirects with a Location header (§4.4 step 3).
bool isRedirect(const HttpResponse &response)
{
    const int s = response.status;
    return (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) && response.headers.contains(kLocation);
}

bool isOkStatus(int status)
{
    return status >= 200 && status <= 299;
}

QString text(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes);
}

bool sameOrigin(const Origin &a, const Origin &b)
{
    return !a.isOpaque() && a == b;
}

// What the browser's HTTP parser makes of a response: a field value does not include the
// whitespace around it (RFC 9110 §5.5), so "  *  " arrives as "*".
std::optional<HttpResponse> received(std::optional<HttpResponse> response)
{
    if (!response)
        return response;
    HttpHeaders trimmed;
    for (const auto &[name, value] : response->headers)
        trimmed.append(name, value.trimmed());
    response->headers = trimmed;
    return response;
}

// "response tainting" (Fetch §2.2.5): how the response is filtered for script. Once a hop is
// "cors" or "opaque" it stays so across redirects.
enum class Tainting { Basic, Cors, Opaque };

} // namespace

struct BrowserSession::Run
{
    Responder &responder;
    Outcome outcome;
    FetchRequest request;
    QUrl initialUrl;
    QUrl pageUrl;
    QUrl url; // request's current URL
    Tainting tainting = Tainting::Basic;
    bool taintedOrigin = false; // "tainted origin flag" (§4.4 step 13)
    bool preflighted = false; // an earlier hop needed a preflight
    int redirects = 0;

    Trace &trace() { return outcome.trace; }
    FetchHop &hop() { return outcome.hops.last(); }
    bool includeCredentials() const { return request.credentials == CredentialsMode::Include; }
    void step(const QString &name, bool ok, const QString &detail)
    {
        outcome.trace.append({ name, ok, detail });
    }
};

BrowserSession::BrowserSession(BrowserProfile browser, Clock clock)
    : m_browser(std::move(browser))
    , m_cache(m_browser, std::move(clock))
{ }

QByteArray BrowserSession::serializedOrigin(const Run &run) const
{
    // "serializing a request origin" (Fetch §3.1): "null" once the origin is tainted.
    return run.taintedOrigin ? QByteArrayLiteral("null") : run.request.origin.toHeaderValue();
}

void BrowserSession::fail(Run &run, const CorsFailure &failure)
{
    run.outcome.verdict = Verdict::Blocked;
    run.outcome.exposedHeaders.clear();
    run.outcome.status = 0;
    const CorsFailure::Place place { run.initialUrl, run.url, run.request.origin, run.pageUrl,
                                     run.outcome.hops.size() <= 1 };
    run.outcome.error = failure.toError(m_browser, place);
    run.step(u"verdict"_s, false,
             u"%1 blocks the fetch: %2 (%3)."_s.arg(m_browser.displayName(), run.outcome.error->code,
                                                    run.outcome.error->message));
    if (m_browser.isFirefox() && failure.preflight && failure.kind != CorsFailure::Kind::PreflightRedirect) {
        // After a failed preflight Firefox's console shows a second line for the request itself.
        const BrowserError followUp =
            CorsFailure { CorsFailure::Kind::NoResponse, false, {}, 0 }.toError(m_browser, place);
        run.step(u"console"_s, true, u"Firefox's console then also shows: %1"_s.arg(followUp.message));
    }
}

Outcome BrowserSession::fetch(const FetchSpec &spec, Responder &responder)
{
    Run run { responder, {}, {}, spec.url, spec.effectivePageUrl(), FetchRequest::normalizeUrl(spec.url) };
    run.step(
        u"fetch"_s, true,
        u"fetch(\"%1\", {method: \"%2\", mode: \"%3\", credentials: \"%4\"}) from a page of %5, in %6."_s.arg(
            FetchRequest::serializeUrl(spec.url), text(spec.method), requestModeName(spec.mode),
            credentialsModeName(spec.credentials), spec.pageOrigin.serialize(), m_browser.displayName()));

    CorsFailure failure;
    const auto request = FetchRequest::construct(spec, m_browser, run.trace(), &failure);
    if (!request) {
        fail(run, failure);
        return run.outcome;
    }
    run.request = *request;

    for (;;) {
        run.outcome.hops.append(FetchHop { run.url, {}, false, {} });
        const Origin urlOrigin = Origin::ofUrl(run.url);
        const QString urlText = FetchRequest::serializeUrl(run.url);

        // Fetch §4.1 "main fetch", step 12: which kind of fetch this hop is.
        if (sameOrigin(urlOrigin, run.request.origin) && run.tainting == Tainting::Basic) {
            run.step(
                u"mode"_s, true,
                u"%1 is same-origin with the page: no CORS, script sees the whole response."_s.arg(urlText));
        } else if (run.request.mode == RequestMode::SameOrigin) {
            run.step(
                u"mode"_s, false,
                u"Mode \"same-origin\" and %1 is not on the page's origin %2 (Fetch §4.1 step 12)."_s.arg(
                    urlText, run.request.origin.serialize()));
            fail(run, CorsFailure { CorsFailure::Kind::DisallowedByMode, false, {}, 0 });
            return run.outcome;
        } else if (run.request.mode == RequestMode::NoCors) {
            if (run.tainting != Tainting::Opaque) {
                run.step(u"mode"_s, true,
                         u"Mode \"no-cors\" to %1: no preflight and no CORS check; the response is opaque — "
                         "script sees neither its status nor its headers nor its body."_s.arg(urlText));
            }
            run.tainting = Tainting::Opaque;
        } else {
            if (run.tainting != Tainting::Cors) {
                run.step(u"mode"_s, true,
                         u"%1 is cross-origin to the page (%2): a CORS request."_s.arg(
                             urlText, run.request.origin.serialize()));
            }
            run.tainting = Tainting::Cors;
        }

        // The preflight (Fetch §4.7 "HTTP fetch", step 4.1), for CORS hops.
        const bool cors = run.tainting == Tainting::Cors;
        const QByteArrayList unsafeNames =
            CorsSafelist::unsafeRequestHeaderNames(run.request.headers, m_browser);
        if (cors && !runPreflight(run, unsafeNames))
            return run.outcome;

        // The actual request.
        HttpRequest actual;
        actual.method = run.request.method;
        actual.url = run.url;
        HttpHeaders authorHeaders = run.request.headers;
        if (m_browser.sortsRequestHeaders) {
            QList<HttpHeaders::Field> fields = authorHeaders.fields();
            std::stable_sort(fields.begin(), fields.end(),
                             [](const HttpHeaders::Field &a, const HttpHeaders::Field &b) {
                                 return a.first.toLower() < b.first.toLower();
                             });
            authorHeaders = HttpHeaders();
            for (const auto &[name, value] : fields)
                authorHeaders.append(name, value);
        }
        // Fetch §4.1 "fetch", step 12: Accept: */* unless the page set one.
        if (!authorHeaders.contains(kAccept) && m_browser.isFirefox())
            actual.headers.append(kAccept, QByteArrayLiteral("*/*"));
        for (const auto &[name, value] : authorHeaders)
            actual.headers.append(name, value);
        if (!authorHeaders.contains(kAccept) && m_browser.isChromium())
            actual.headers.append(kAccept, QByteArrayLiteral("*/*"));
        // Fetch §3.1 "append a request Origin header": always for CORS, otherwise for methods
        // other than GET and HEAD.
        const bool safeMethod = run.request.method == "GET" || run.request.method == "HEAD";
        if (cors || !safeMethod)
            actual.headers.append(kOrigin, serializedOrigin(run));

        const auto response = received(run.responder.respond(actual, run.trace()));
        run.hop().actual = Exchange { actual, response };
        if (!response) {
            run.step(u"actual"_s, false,
                     u"Nothing answers the %1 request to %2: a network error."_s.arg(text(actual.method),
                                                                                     urlText));
            fail(run, CorsFailure { CorsFailure::Kind::NoResponse, false, {}, 0 });
            return run.outcome;
        }
        const bool redirect = isRedirect(*response);
        run.step(
            u"actual"_s, true,
            u"%1 %2 (Origin: %3) is answered %4%5."_s
                .arg(text(actual.method), urlText,
                     actual.headers.contains(kOrigin) ? text(actual.headers.value(kOrigin)) : u"not sent"_s)
                .arg(response->status)
                .arg(redirect ? u", a redirect to "_s + text(response->headers.value(kLocation))
                              : QString()));

        // Fetch §4.4 "HTTP-redirect fetch", step 5: at most 20 redirects. The network stacks of
        // both browsers count before anything looks at the redirect's headers.
        if (redirect && run.redirects >= 20) {
            run.step(u"redirect"_s, false,
                     u"This would be redirect number 21; a fetch follows at most 20 (Fetch §4.4)."_s);
            fail(run, CorsFailure { CorsFailure::Kind::TooManyRedirects, false, {}, 0 });
            return run.outcome;
        }

        // Fetch §4.7 "HTTP fetch", step 4.3: the CORS check, on redirects too.
        if (cors) {
            if (const auto check =
                    CorsCheck::checkAccess(*response, serializedOrigin(run), run.includeCredentials(), false,
                                           m_browser, run.trace())) {
                m_cache.forget(run.request.origin.serialize(), urlText, run.trace());
                fail(run, *check);
                return run.outcome;
            }
        }

        if (!redirect) {
            switch (run.tainting) {
            case Tainting::Basic:
                run.outcome.exposedHeaders = CorsCheck::basicHeaderNames(*response);
                run.outcome.status = response->status;
                run.outcome.verdict = Verdict::Allowed;
                run.step(
                    u"verdict"_s, true,
                    u"Allowed: a same-origin response, script reads status %1 and every header but Set-Cookie."_s
                        .arg(response->status));
                break;
            case Tainting::Cors:
                run.outcome.exposedHeaders =
                    CorsCheck::exposedHeaderNames(*response, run.includeCredentials(), run.trace());
                run.outcome.status = response->status;
                run.outcome.verdict = Verdict::Allowed;
                run.step(u"verdict"_s, true,
                         u"Allowed: fetch() resolves with status %1."_s.arg(response->status));
                break;
            case Tainting::Opaque:
                run.outcome.verdict = Verdict::Opaque;
                run.step(
                    u"verdict"_s, true,
                    u"Opaque: fetch() resolves, but with status 0, no headers and no body for script."_s);
                break;
            }
            return run.outcome;
        }

        // Fetch §4.4 "HTTP-redirect fetch".
        const QByteArray locationText = response->headers.value(kLocation);
        const QUrl location = FetchRequest::normalizeUrl(run.url.resolved(QUrl(text(locationText))));
        if (!location.isValid() || (location.scheme() != u"http" && location.scheme() != u"https")
            || location.host().isEmpty()) {
            run.step(u"redirect"_s, false,
                     u"Location \"%1\" is not an http(s) URL: a network error (Fetch §4.4 step 3)."_s.arg(
                         text(locationText)));
            fail(run, CorsFailure { CorsFailure::Kind::NoResponse, false, {}, 0 });
            return run.outcome;
        }
        ++run.redirects;
        const Origin locationOrigin = Origin::ofUrl(location);
        // Step 9 and 10: credentials in the new URL.
        const bool hasCredentials = !location.userInfo().isEmpty();
        if (hasCredentials && run.request.mode == RequestMode::Cors
            && (cors || run.taintedOrigin || !sameOrigin(run.request.origin, locationOrigin))) {
            run.step(u"redirect"_s, false,
                     u"The redirect goes to %1, a URL with a user name or password, which a cross-origin "
                     "request may not follow (Fetch §4.4 steps "
                     "9-10)."_s.arg(FetchRequest::serializeUrl(location)));
            fail(run, CorsFailure { CorsFailure::Kind::RedirectWithCredentials, false, {}, 0 });
            return run.outcome;
        }
        // Step 12: 301/302 turn POST into GET, 303 turns everything but GET and HEAD into GET,
        // and the request-body headers go with the body.
        const int status = response->status;
        if (((status == 301 || status == 302) && run.request.method == "POST")
            || (status == 303 && run.request.method != "GET" && run.request.method != "HEAD")) {
            QByteArrayList removed;
            for (const auto &field : run.request.headers) {
                if (ForbiddenNames::isRequestBodyHeader(field.first) && !removed.contains(field.first))
                    removed.append(field.first);
            }
            for (const QByteArray &name : std::as_const(removed))
                run.request.headers.remove(name);
            run.step(u"redirect"_s, true,
                     u"A %1 turns %2 into GET%3 (Fetch §4.4 step 12)."_s.arg(status).arg(
                         text(run.request.method),
                         removed.isEmpty() ? QString() : u" and drops "_s + text(removed.join(", "))));
            run.request.method = QByteArrayLiteral("GET");
        }
        // Step 13: a cross-origin hop from a URL that was already cross-origin taints the origin.
        if (!sameOrigin(urlOrigin, locationOrigin) && !sameOrigin(run.request.origin, urlOrigin)
            && !run.taintedOrigin) {
            run.taintedOrigin = true;
            run.step(
                u"redirect"_s, true,
                u"A cross-origin redirect from a cross-origin URL: the request's origin is tainted and goes "
                "out as \"null\" from now on (Fetch §4.4 step 13), so Access-Control-Allow-Origin must then "
                "be \"null\" or \"*\"."_s);
        }
        run.url = location;
    }
}

bool BrowserSession::runPreflight(Run &run, const QByteArrayList &unsafeNames)
{
    const QByteArray &method = run.request.method;
    const QString urlText = FetchRequest::serializeUrl(run.url);

    // Fetch §4.7 step 4.1: a preflight for a method that is not CORS-safelisted or a header that
    // is not, each explained.
    QStringList reasons;
    if (!CorsSafelist::isSafelistedMethod(method))
        reasons.append(u"%1 is not a CORS-safelisted method (GET, HEAD, POST)"_s.arg(text(method)));
    qsizetype safelistedTotal = 0;
    for (const auto &[name, value] : run.request.headers) {
        QString why;
        if (CorsSafelist::isSafelistedRequestHeader(name, value, m_browser, &why)) {
            safelistedTotal += value.size();
            continue;
        }
        reasons.append(u"%1: %2"_s.arg(text(name), why));
    }
    if (m_browser.limitsSafelistedTotal && safelistedTotal > 1024) {
        reasons.append(u"the safelisted headers' values add up to %1 bytes, over the 1024-byte limit (Fetch "
                       "§2.2.2), so they all count as unsafe"_s.arg(safelistedTotal));
    }
    const bool sticky = m_browser.preflightsEveryRedirectHop && run.preflighted;
    if (reasons.isEmpty() && !sticky) {
        run.step(
            u"preflight"_s, true,
            u"No preflight: %1 with only CORS-safelisted headers is a simple request."_s.arg(text(method)));
        return true;
    }
    if (reasons.isEmpty()) {
        reasons.append(
            u"Firefox preflights every redirect hop of a request that needed a preflight before, although "
            "the Fetch standard would send this one without"_s);
    }
    run.step(u"preflight"_s, true, u"A preflight is needed: %1."_s.arg(reasons.join(u"; ")));

    const PreflightCache::Key key { run.request.origin.serialize(), urlText, run.includeCredentials() };
    if (m_cache.allows(key, method, unsafeNames, run.trace())) {
        run.hop().preflightFromCache = true;
        run.preflighted = true;
        return true;
    }

    // Fetch §4.8 "CORS-preflight fetch", steps 1-3.
    HttpRequest preflight;
    preflight.method = QByteArrayLiteral("OPTIONS");
    preflight.url = run.url;
    preflight.headers.append(kAccept, QByteArrayLiteral("*/*"));
    preflight.headers.append(kRequestMethod, method);
    const QByteArray requestHeaders = unsafeNames.join(',');
    if (!requestHeaders.isEmpty())
        preflight.headers.append(kRequestHeaders, requestHeaders);
    const QByteArray origin = run.taintedOrigin && m_browser.taintsPreflightOrigin
        ? QByteArrayLiteral("null")
        : run.request.origin.toHeaderValue();
    preflight.headers.append(kOrigin, origin);
    if (run.taintedOrigin && !m_browser.taintsPreflightOrigin) {
        run.step(u"preflight"_s, true,
                 u"Firefox sends this preflight with the page's origin %1, although the request's origin is "
                 "tainted (\"null\") after the cross-origin redirect; the actual request will carry "
                 "\"null\"."_s.arg(text(origin)));
    }
    if (!m_browser.joinsRepeatedHeaders && unsafeNames.size() > 1) {
        for (qsizetype i = 1; i < unsafeNames.size(); ++i) {
            if (unsafeNames[i] == unsafeNames[i - 1]) {
                run.step(
                    u"preflight"_s, true,
                    u"Firefox names %1 more than once in Access-Control-Request-Headers because the page "
                    "appended it more than once; the Fetch standard sends each name "
                    "once."_s.arg(text(unsafeNames[i])));
                break;
            }
        }
    }

    const auto response = received(run.responder.respond(preflight, run.trace()));
    run.hop().preflight = Exchange { preflight, response };
    if (!response) {
        run.step(u"preflight"_s, false,
                 u"Nothing answers the preflight to %1: a network error."_s.arg(urlText));
        fail(run, CorsFailure { CorsFailure::Kind::NoResponse, true, {}, 0 });
        return false;
    }
    run.step(u"preflight"_s, true,
             u"OPTIONS %1 (Access-Control-Request-Method: %2%3, Origin: %4) is answered %5."_s
                 .arg(urlText, text(method),
                      requestHeaders.isEmpty()
                          ? QString()
                          : u", Access-Control-Request-Headers: "_s + text(requestHeaders),
                      text(origin))
                 .arg(response->status));

    const auto failPreflight = [&](CorsFailure failure) {
        failure.preflight = true;
        if (failure.status == 0)
            failure.status = response->status;
        // Firefox forgets what earlier preflights allowed for the URL whichever check failed.
        m_cache.forget(run.request.origin.serialize(), urlText, run.trace());
        fail(run, failure);
        return false;
    };

    // Fetch §4.8 step 6: a preflight does not follow redirects.
    const bool redirected = isRedirect(*response);
    if (redirected && !m_browser.checksRedirectedPreflightOrigin) {
        run.step(u"preflight-status"_s, false,
                 u"The preflight is answered with a redirect, which a preflight may not follow."_s);
        return failPreflight(CorsFailure { CorsFailure::Kind::PreflightRedirect, true, {}, 0 });
    }
    // Step 7: the CORS check and an ok status.
    if (const auto check = CorsCheck::checkAccess(*response, origin, run.includeCredentials(), true,
                                                  m_browser, run.trace())) {
        return failPreflight(*check);
    }
    if (redirected) {
        run.step(
            u"preflight-status"_s, false,
            u"The preflight is answered with a redirect, which a preflight may not follow (Firefox checks "
            "Access-Control-Allow-Origin on it first)."_s);
        return failPreflight(CorsFailure { CorsFailure::Kind::PreflightRedirect, true, {}, 0 });
    }
    if (!isOkStatus(response->status)) {
        run.step(u"preflight-status"_s, false,
                 u"The preflight's status %1 is not an ok status (200-299, Fetch §4.8 step 7)."_s.arg(
                     response->status));
        return failPreflight(CorsFailure { CorsFailure::Kind::PreflightStatus, true, {}, 0 });
    }
    run.step(u"preflight-status"_s, true, u"Status %1 is an ok status."_s.arg(response->status));

    // Steps 7.1-7.6. Chromium parses both lists before it checks either
    // (PreflightResult::Parse); Firefox checks the method before it reads the headers
    // (nsCORSPreflightListener::CheckPreflightRequestApproved).
    PreflightResult result;
    CorsFailure failure;
    const bool include = run.includeCredentials();
    if (!PreflightResult::parseAllowMethods(response->headers, &result, &failure)) {
        run.step(u"allow-methods"_s, false,
                 u"Access-Control-Allow-Methods has \"%1\", which is not a method (a token)."_s.arg(
                     text(failure.detail)));
        return failPreflight(failure);
    }
    if (m_browser.isChromium() && !PreflightResult::parseAllowHeaders(response->headers, &result, &failure)) {
        run.step(u"allow-headers"_s, false,
                 u"Access-Control-Allow-Headers has \"%1\", which is not a header name (a token)."_s.arg(
                     text(failure.detail)));
        return failPreflight(failure);
    }
    if (const auto methodFailure = CorsCheck::checkMethod(result, method, include, run.trace()))
        return failPreflight(*methodFailure);
    if (m_browser.isFirefox() && !PreflightResult::parseAllowHeaders(response->headers, &result, &failure)) {
        run.step(u"allow-headers"_s, false,
                 u"Access-Control-Allow-Headers has \"%1\", which is not a header name (a token)."_s.arg(
                     text(failure.detail)));
        return failPreflight(failure);
    }
    if (const auto headerFailure =
            CorsCheck::checkHeaders(result, unsafeNames, include, m_browser, run.trace()))
        return failPreflight(*headerFailure);

    // Steps 7.7-7.9: cache what was allowed.
    QString maxAge;
    result.maxAge = PreflightResult::parseMaxAge(response->headers, m_browser, &maxAge);
    run.step(u"preflight-cache"_s, true, maxAge.left(1).toUpper() + maxAge.mid(1) + u'.');
    m_cache.store(key, result);
    run.preflighted = true;
    return true;
}

Outcome fetch(const FetchSpec &spec, Responder &responder, const BrowserProfile &browser)
{
    BrowserSession session(browser, ManualClock().clock());
    return session.fetch(spec, responder);
}

QList<Outcome> fetchSequence(const QList<FetchSpec> &specs, Responder &responder,
                             const BrowserProfile &browser)
{
    ManualClock clock;
    BrowserSession session(browser, clock.clock());
    QList<Outcome> outcomes;
    for (const FetchSpec &spec : specs) {
        clock.advance(spec.delay);
        outcomes.append(session.fetch(spec, responder));
    }
    return outcomes;
}

} // namespace cors
