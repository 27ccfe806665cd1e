#include "harfetchfinder.h"

#include "browser/fetchrequest.h"

#include <QHash>

#include <algorithm>
#include <numeric>
#include <set>

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

// Every lookup is a search in start order, so that a HAR of one endpoint polled for hours (the
// usual reason a HAR is enormous) is put together in O(n log n), not O(n²).
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
    // Start order: by start time, then by position in the file.
    using Position = std::pair<qint64, int>;
    struct Facts
    {
        QString url; // FetchRequest::serializeUrl
        QByteArray origin; // the Origin header, trimmed
        qint64 started = 0;
    };

    const HarLog::Entry &entry(int index) const { return m_log.entries[index]; }
    Position position(int index) const { return { m_facts[index].started, index }; }
    bool before(int a, int b) const { return position(a) < position(b); }
    // The entries of `list` (in start order) that start before `index`, as an end iterator.
    QList<int>::const_iterator startingBefore(const QList<int> &list, int index) const
    {
        return std::lower_bound(list.cbegin(), list.cend(), index,
                                [this](int a, int b) { return before(a, b); });
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
    QList<Facts> m_facts; // per entry
    QList<int> m_order; // every entry, in start order
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
    m_facts.resize(m_log.entries.size());
    for (qsizetype i = 0; i < m_log.entries.size(); ++i) {
        const HarLog::Entry &e = m_log.entries[i];
        m_facts[i] = { isHttp(e.request.url) ? key(e.request.url) : QString(),
                       e.request.headers.value("Origin").trimmed(), millis(e) };
    }
    m_order.resize(m_log.entries.size());
    std::iota(m_order.begin(), m_order.end(), 0);
    std::sort(m_order.begin(), m_order.end(), [this](int a, int b) { return before(a, b); });
    for (int index : std::as_const(m_order)) {
        if (m_facts[index].url.isEmpty())
            continue;
        (entry(index).isPreflight() ? m_preflightsByUrl : m_requestsByUrl)[m_facts[index].url].append(index);
    }
}

void Finder::followRedirects()
{
    // Per URL, the requests not yet taken as the next hop of a redirect.
    QHash<QString, std::set<Position>> untaken;
    for (auto it = m_requestsByUrl.cbegin(); it != m_requestsByUrl.cend(); ++it) {
        std::set<Position> &set = untaken[it.key()];
        for (int index : it.value())
            set.insert(position(index));
    }
    for (int index : std::as_const(m_order)) {
        const HarLog::Entry &e = entry(index);
        if (m_facts[index].url.isEmpty() || e.isPreflight() || !isRedirectStatus(e.status))
            continue;
        QString location = e.redirectUrl;
        if (location.isEmpty())
            location = QString::fromUtf8(e.responseHeaders.value("Location"));
        if (location.isEmpty())
            continue;
        const auto candidates = untaken.find(key(e.request.url.resolved(QUrl(location))));
        if (candidates == untaken.end())
            continue;
        // The entry that requested the target next, from the same page.
        for (auto it = candidates->upper_bound(position(index)); it != candidates->end(); ++it) {
            if (!samePage(e, entry(it->second)))
                continue;
            m_next[index] = it->second;
            m_previous[it->second] = index;
            candidates->erase(it);
            break;
        }
    }
}

void Finder::pairPreflights()
{
    // Per URL and method, the requests that have no preflight yet.
    QHash<QString, std::set<Position>> unpaired;
    for (auto it = m_requestsByUrl.cbegin(); it != m_requestsByUrl.cend(); ++it) {
        for (int index : it.value())
            unpaired[it.key() + u'\n' + QString::fromLatin1(entry(index).request.method)].insert(
                position(index));
    }
    for (int index : std::as_const(m_order)) {
        const HarLog::Entry &p = entry(index);
        if (m_facts[index].url.isEmpty() || !p.isPreflight())
            continue;
        const QByteArray method = p.request.headers.value(kRequestMethod).trimmed();
        const auto candidates = unpaired.find(m_facts[index].url + u'\n' + QString::fromLatin1(method));
        if (candidates == unpaired.end())
            continue;
        const QByteArray &origin = m_facts[index].origin;
        const auto fits = [&](int candidate) {
            const QByteArray &requestOrigin = m_facts[candidate].origin;
            return samePage(p, entry(candidate))
                && (requestOrigin.isEmpty() || origin.isEmpty() || requestOrigin == origin);
        };
        // The nearest in time, looking both ways from the preflight (the earlier one on a tie).
        auto later = candidates->lower_bound(position(index));
        auto earlier = later;
        const qint64 started = m_facts[index].started;
        std::set<Position>::iterator best = candidates->end();
        for (;;) {
            const bool hasEarlier = earlier != candidates->begin();
            const bool hasLater = later != candidates->end();
            if (!hasEarlier && !hasLater)
                break;
            const bool takeEarlier =
                hasEarlier && (!hasLater || started - std::prev(earlier)->first <= later->first - started);
            auto it = takeEarlier ? std::prev(earlier) : later;
            if (fits(it->second)) {
                best = it;
                break;
            }
            if (takeEarlier)
                --earlier;
            else
                ++later;
        }
        if (best != candidates->end()) {
            m_preflightOf[best->second] = index;
            m_requestOf[index] = best->second;
            candidates->erase(best);
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
    const auto preflights = m_preflightsByUrl.constFind(m_facts[hop.entry].url);
    if (preflights == m_preflightsByUrl.cend())
        return -1;
    // The latest earlier one.
    const QByteArray &method = entry(hop.entry).request.method;
    for (auto it = startingBefore(*preflights, hop.entry); it != preflights->cbegin();) {
        --it;
        const HarLog::Entry &p = entry(*it);
        if (p.status > 0 && origin.origin.serializesTo(m_facts[*it].origin)
            && p.request.headers.value(kRequestMethod).trimmed() == method)
            return *it;
    }
    return -1;
}

int Finder::storedResponseFor(const HarFetch::Hop &hop) const
{
    const QList<int> &requests = m_requestsByUrl[m_facts[hop.entry].url];
    const QByteArray &method = entry(hop.entry).request.method;
    for (auto it = startingBefore(requests, hop.entry); it != requests.cbegin();) {
        --it;
        const HarLog::Entry &stored = entry(*it);
        if (stored.status >= 200 && stored.status <= 299 && stored.request.method == method)
            return *it;
    }
    return -1;
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
        if (e.isPreflight() && !m_facts[index].url.isEmpty())
            continue;
        if (m_facts[index].url.isEmpty()) {
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
