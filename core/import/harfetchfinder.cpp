#include "harfetchfinder.h"

#include "browser/fetchrequest.h"

#include <QHash>

#include <algorithm>
#include <numeric>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

const QByteArray kRequestMethod = QByteArrayLiteral("Access-Control-Request-Method");
const QByteArray kRequestHeaders = QByteArrayLiteral("Access-Control-Request-Headers");

QString key(const QUrl &url)
{
    return FetchRequest::serializeUrl(url);
}

bool isHttp(const QUrl &url)
{
    return (url.scheme() == u"http" || url.scheme() == u"https") && !url.host().isEmpty();
}

bool isRedirectStatus(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

qint64 millis(const HarLog::Entry &entry)
{
    return entry.started.isValid() ? entry.started.toMSecsSinceEpoch() : 0;
}

bool samePage(const HarLog::Entry &a, const HarLog::Entry &b)
{
    return a.pageref.isEmpty() || b.pageref.isEmpty() || a.pageref == b.pageref;
}

class Finder
{
public:
    Finder(const HarLog &log, const BrowserProfile &browser)
        : m_log(log)
        , m_browser(browser)
        , m_preflightOf(log.entries.size(), -1)
        , m_requestOf(log.entries.size(), -1)
        , m_next(log.entries.size(), -1)
        , m_previous(log.entries.size(), -1)
    { }

    HarFetchFinder::Result run();

private:
    const HarLog::Entry &entry(int index) const { return m_log.entries[index]; }
    bool before(int a, int b) const
    {
        const qint64 ta = millis(entry(a));
        const qint64 tb = millis(entry(b));
        return ta != tb ? ta < tb : a < b;
    }
    void indexEntries();
    void followRedirects();
    void pairPreflights();
    bool isCors(const HarLog::Entry &request, bool preflighted) const;
    std::optional<PageOrigin> pageOriginOf(int request, int preflight) const;
    int cachedPreflightFor(const HarFetch::Hop &hop, const PageOrigin &origin) const;
    int storedResponseFor(const HarFetch::Hop &hop) const;
    void complete(HarFetch &fetch, int request, int preflight) const;

    const HarLog &m_log;
    const BrowserProfile &m_browser;
    QList<int> m_order; // every entry, by start time
    QHash<QString, QList<int>> m_requestsByUrl; // in start order
    QHash<QString, QList<int>> m_preflightsByUrl; // in start order
    QList<int> m_preflightOf; // per request: its preflight
    QList<int> m_requestOf; // per preflight: its request
    QList<int> m_next; // per request: the request that followed its redirect
    QList<int> m_previous;
    HarFetchFinder::Result m_result;
};

void Finder::indexEntries()
{
    m_order.resize(m_log.entries.size());
    std::iota(m_order.begin(), m_order.end(), 0);
    std::stable_sort(m_order.begin(), m_order.end(), [this](int a, int b) { return before(a, b); });
    for (int index : std::as_const(m_order)) {
        const HarLog::Entry &e = entry(index);
        if (!isHttp(e.request.url))
            continue;
        (e.isPreflight() ? m_preflightsByUrl : m_requestsByUrl)[key(e.request.url)].append(index);
    }
}

void Finder::followRedirects()
{
    for (int index : std::as_const(m_order)) {
        const HarLog::Entry &e = entry(index);
        if (e.isPreflight() || !isRedirectStatus(e.status) || !isHttp(e.request.url))
            continue;
        QString location = e.redirectUrl;
        if (location.isEmpty())
            location = QString::fromUtf8(e.responseHeaders.value("Location"));
        if (location.isEmpty())
            continue;
        const QUrl target = e.request.url.resolved(QUrl(location));
        // The entry that requested the target next, from the same page, not already the next hop
        // of another redirect.
        for (int candidate : m_requestsByUrl.value(key(target))) {
            if (candidate == index || m_previous[candidate] >= 0 || before(candidate, index)
                || !samePage(e, entry(candidate)))
                continue;
            m_next[index] = candidate;
            m_previous[candidate] = index;
            break;
        }
    }
}

void Finder::pairPreflights()
{
    for (int index : std::as_const(m_order)) {
        const HarLog::Entry &p = entry(index);
        if (!p.isPreflight() || !isHttp(p.request.url))
            continue;
        const QByteArray method = p.request.headers.value(kRequestMethod).trimmed();
        const QByteArray origin = p.request.headers.value("Origin").trimmed();
        int best = -1;
        qint64 bestDistance = 0;
        for (int candidate : m_requestsByUrl.value(key(p.request.url))) {
            const HarLog::Entry &r = entry(candidate);
            if (m_preflightOf[candidate] >= 0 || r.request.method != method || !samePage(p, r))
                continue;
            const QByteArray requestOrigin = r.request.headers.value("Origin").trimmed();
            if (!requestOrigin.isEmpty() && !origin.isEmpty() && requestOrigin != origin)
                continue;
            const qint64 distance = std::abs(millis(r) - millis(p));
            if (best < 0 || distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best >= 0) {
            m_preflightOf[best] = index;
            m_requestOf[index] = best;
        }
    }
}

bool Finder::isCors(const HarLog::Entry &request, bool preflighted) const
{
    if (preflighted)
        return true;
    const HttpHeaders &headers = request.request.headers;
    // Fetch Metadata (Sec-Fetch-Mode) is the request's mode itself; both browsers send it to
    // potentially trustworthy URLs.
    if (headers.contains("Sec-Fetch-Mode"))
        return headers.value("Sec-Fetch-Mode").trimmed().compare("cors", Qt::CaseInsensitive) == 0;
    if (!request.resourceType.isEmpty()) {
        static const QStringList corsTypes = { u"fetch"_s, u"xhr"_s, u"eventsource"_s, u"font"_s };
        return corsTypes.contains(request.resourceType, Qt::CaseInsensitive);
    }
    if (!headers.contains("Origin"))
        return false;
    const QByteArray &method = request.request.method;
    return method == "GET" || method == "HEAD"
        || !headers.value("Accept").trimmed().toLower().startsWith("text/html");
}

std::optional<PageOrigin> Finder::pageOriginOf(int request, int preflight) const
{
    const HarLog::Entry *r = request >= 0 ? &entry(request) : nullptr;
    const HarLog::Entry *p = preflight >= 0 ? &entry(preflight) : nullptr;
    if (r) {
        if (auto origin = PageOrigin::fromOriginHeader(r->request.headers, PageOrigin::Source::OriginHeader))
            return origin;
    }
    if (p) {
        const auto source = r ? PageOrigin::Source::PreflightOriginHeader : PageOrigin::Source::OriginHeader;
        if (auto origin = PageOrigin::fromOriginHeader(p->request.headers, source))
            return origin;
    }
    for (const HarLog::Entry *e : { r, p }) {
        if (!e)
            continue;
        if (auto origin = PageOrigin::fromReferer(e->request.headers))
            return origin;
    }
    const HarLog::Entry &any = r ? *r : *p;
    if (const HarLog::Page *page = m_log.page(any.pageref))
        return PageOrigin::fromPageUrl(page->title);
    return std::nullopt;
}

int Finder::cachedPreflightFor(const HarFetch::Hop &hop, const PageOrigin &origin) const
{
    if (hop.entry < 0 || origin.origin.isOpaque())
        return -1;
    int found = -1;
    for (int candidate : m_preflightsByUrl.value(key(hop.url))) {
        const HarLog::Entry &p = entry(candidate);
        if (before(hop.entry, candidate))
            break;
        if (p.status > 0 && origin.origin.serializesTo(p.request.headers.value("Origin").trimmed())
            && p.request.headers.value(kRequestMethod).trimmed() == entry(hop.entry).request.method)
            found = candidate;
    }
    return found;
}

int Finder::storedResponseFor(const HarFetch::Hop &hop) const
{
    int found = -1;
    for (int candidate : m_requestsByUrl.value(key(hop.url))) {
        const HarLog::Entry &stored = entry(candidate);
        if (!before(candidate, hop.entry))
            break;
        if (stored.status >= 200 && stored.status <= 299
            && stored.request.method == entry(hop.entry).request.method)
            found = candidate;
    }
    return found;
}

void Finder::complete(HarFetch &fetch, int request, int preflight) const
{
    const HarLog::Entry *r = request >= 0 ? &entry(request) : nullptr;
    const HarLog::Entry &first = r ? *r : entry(preflight);
    fetch.pageref = first.pageref;

    FetchSpec &spec = fetch.spec;
    spec.pageOrigin = fetch.pageOrigin.origin;
    // The page's URL, which a few browser messages quote: the page's own, or a Referer that
    // carries more than the origin.
    if (const HarLog::Page *page = m_log.page(first.pageref); page && !spec.pageOrigin.isOpaque()) {
        const QUrl pageUrl(page->title);
        if (isHttp(pageUrl) && Origin::ofUrl(pageUrl) == spec.pageOrigin)
            spec.pageUrl = pageUrl;
    }
    spec.url = fetch.hops.first().url;
    spec.mode = RequestMode::Cors;

    std::optional<QByteArrayList> preflightNames;
    if (preflight >= 0) {
        preflightNames = AuthorHeaders::parseRequestHeaderNames(
            entry(preflight).request.headers.combinedValue(kRequestHeaders));
    }
    if (r) {
        spec.method = r->request.method;
        fetch.headers = AuthorHeaders::fromRecorded(r->request.headers, m_browser, preflightNames);
        fetch.cookies = r->carriesCookies();
    } else {
        spec.method = entry(preflight).request.headers.value(kRequestMethod).trimmed();
        fetch.headers = AuthorHeaders::fromRecorded(HttpHeaders(), m_browser, preflightNames);
    }
    spec.headers = fetch.headers.headers;
    // A cross-origin request carries cookies only with credentials "include" (Fetch §4.6 step
    // 8.11 via "credentials mode"); without cookies, fetch()'s default.
    spec.credentials = fetch.cookies ? CredentialsMode::Include : CredentialsMode::SameOrigin;

    const HarFetch::Hop &last = fetch.hops.last();
    HarFetch::Recorded &recorded = fetch.recorded;
    if (last.entry < 0) {
        recorded.state = HarFetch::Recorded::State::NotRecorded;
        recorded.status = entry(last.preflight).status;
    } else {
        const HarLog::Entry &e = entry(last.entry);
        recorded.status = e.status;
        recorded.error = e.error;
        if (!e.error.isEmpty())
            recorded.state = HarFetch::Recorded::State::Failed;
        else if (e.status <= 0)
            recorded.state = HarFetch::Recorded::State::NoResponse;
        else
            recorded.state = HarFetch::Recorded::State::Completed;
    }
}

HarFetchFinder::Result Finder::run()
{
    indexEntries();
    followRedirects();
    pairPreflights();

    QList<std::pair<int, HarFetch>> found; // keyed by the entry that starts the fetch
    for (int index : std::as_const(m_order)) {
        const HarLog::Entry &e = entry(index);
        if (e.isPreflight() && isHttp(e.request.url))
            continue;
        if (!isHttp(e.request.url)) {
            m_result.skipped.append({ index, e.request.url, HarFetchFinder::SkipReason::NotHttp });
            continue;
        }
        if (m_previous[index] >= 0)
            continue; // a later hop of a redirected fetch

        HarFetch fetch;
        bool preflighted = false;
        for (int hop = index; hop >= 0 && fetch.hops.size() <= 20; hop = m_next[hop]) {
            fetch.hops.append({ entry(hop).request.url, hop, m_preflightOf[hop], -1 });
            preflighted = preflighted || m_preflightOf[hop] >= 0;
        }
        if (!isCors(e, preflighted)) {
            m_result.skipped.append({ index, e.request.url, HarFetchFinder::SkipReason::NotCors });
            continue;
        }
        const int preflight = fetch.hops.first().preflight;
        const auto origin = pageOriginOf(index, preflight);
        if (!origin) {
            m_result.skipped.append({ index, e.request.url, HarFetchFinder::SkipReason::UnknownPageOrigin });
            continue;
        }
        const bool crossOrigin =
            std::any_of(fetch.hops.begin(), fetch.hops.end(), [&](const HarFetch::Hop &hop) {
                return origin->origin.isOpaque() || Origin::ofUrl(hop.url) != origin->origin;
            });
        if (!crossOrigin) {
            m_result.skipped.append({ index, e.request.url, HarFetchFinder::SkipReason::SameOrigin });
            continue;
        }
        fetch.pageOrigin = *origin;
        for (HarFetch::Hop &hop : fetch.hops) {
            if (hop.preflight < 0)
                hop.cachedPreflight = cachedPreflightFor(hop, *origin);
            if (entry(hop.entry).status == 304)
                hop.storedResponse = storedResponseFor(hop);
        }
        complete(fetch, index, preflight);
        found.append({ index, fetch });
    }

    // Preflights whose request is not in the HAR.
    for (int index : std::as_const(m_order)) {
        const HarLog::Entry &p = entry(index);
        if (!p.isPreflight() || !isHttp(p.request.url) || m_requestOf[index] >= 0)
            continue;
        const auto origin = pageOriginOf(-1, index);
        if (!origin) {
            m_result.skipped.append({ index, p.request.url, HarFetchFinder::SkipReason::UnknownPageOrigin });
            continue;
        }
        HarFetch fetch;
        fetch.hops.append({ p.request.url, -1, index, -1 });
        fetch.pageOrigin = *origin;
        complete(fetch, -1, index);
        found.append({ index, fetch });
    }

    std::stable_sort(found.begin(), found.end(),
                     [this](const auto &a, const auto &b) { return before(a.first, b.first); });
    for (auto &[index, fetch] : found)
        m_result.fetches.append(std::move(fetch));
    std::stable_sort(
        m_result.skipped.begin(), m_result.skipped.end(),
        [](const HarFetchFinder::Skipped &a, const HarFetchFinder::Skipped &b) { return a.entry < b.entry; });
    return m_result;
}

} // namespace

HarFetchFinder::Result HarFetchFinder::find(const HarLog &log, const BrowserProfile &browser)
{
    return Finder(log, browser).run();
}

QString HarFetchFinder::skipReasonName(SkipReason reason)
{
    switch (reason) {
    case SkipReason::NotHttp:
        return u"not-http"_s;
    case SkipReason::NotCors:
        return u"not-cors"_s;
    case SkipReason::SameOrigin:
        return u"same-origin"_s;
    case SkipReason::UnknownPageOrigin:
        return u"unknown-page-origin"_s;
    }
    return {};
}

QString HarFetchFinder::skipReasonDescription(SkipReason reason)
{
    switch (reason) {
    case SkipReason::NotHttp:
        return u"not http(s) (data:, blob:, WebSocket, extension URLs)"_s;
    case SkipReason::NotCors:
        return u"navigations and no-cors loads (images, scripts, style sheets): no CORS checks"_s;
    case SkipReason::SameOrigin:
        return u"same-origin requests: no CORS checks"_s;
    case SkipReason::UnknownPageOrigin:
        return u"no Origin, no Referer and no page URL: the page's origin is unknown"_s;
    }
    return {};
}

} // namespace cors
