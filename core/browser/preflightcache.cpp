#include "preflightcache.h"

#include "corssafelist.h"
#include "model/httpheaders.h"

using namespace Qt::StringLiterals;

namespace cors {

namespace {

bool has(const auto &tokens, QByteArrayView value, Qt::CaseSensitivity cs)
{
    return std::any_of(tokens.begin(), tokens.end(), [&](const auto &token) {
        return token.value.size() == value.size() && QByteArrayView(token.value).compare(value, cs) == 0;
    });
}

QString text(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes);
}

} // namespace

PreflightCache::PreflightCache(BrowserProfile browser, Clock clock)
    : m_browser(std::move(browser))
    , m_clock(std::move(clock))
{ }

QString PreflightCache::id(const QString &origin, const QString &url, bool credentials) const
{
    QString key = origin + u' ' + url;
    if (m_browser.separatesCacheByCredentials)
        key += credentials ? u" include"_s : u" no-credentials"_s;
    return key;
}

bool PreflightCache::covers(const Entry &entry, const Key &key, QByteArrayView method,
                            const QByteArrayList &unsafeNames, QString *why) const
{
    // Chromium: an entry made without credentials does not serve a request with them
    // (PreflightResult::EnsureAllowedRequest).
    if (!m_browser.separatesCacheByCredentials && key.credentials && !entry.credentials) {
        *why = u"the cached preflight was for a request without credentials, this one includes them"_s;
        return false;
    }
    // "*" counts for requests without credentials, and only in Chromium's cache.
    const bool wildcards = m_browser.cacheHonoursWildcards && !entry.credentials;

    // Chromium skips the method check for every CORS-safelisted method; Firefox only for GET and
    // POST (CORSCacheEntry::CheckRequest), so a cached entry never covers HEAD there.
    const bool methodExempt = m_browser.cacheExemptsHead ? CorsSafelist::isSafelistedMethod(method)
                                                         : (method == "GET" || method == "POST");
    if (!methodExempt && !has(entry.methods, method, Qt::CaseSensitive)
        && !(wildcards && has(entry.methods, "*", Qt::CaseSensitive))) {
        *why = !m_browser.cacheHonoursWildcards && has(entry.methods, "*", Qt::CaseSensitive)
            ? u"the cached preflight allowed methods \"*\", which Firefox's cache compares literally, so %1 needs a new preflight"_s
                  .arg(text(method))
            : method == "HEAD" && !m_browser.cacheExemptsHead
            ? u"Firefox's cache lets only GET and POST through without a listed method, so HEAD needs a new preflight"_s
            : u"the cached preflight does not cover %1"_s.arg(text(method));
        return false;
    }
    const bool headerStar = wildcards && has(entry.headerNames, "*", Qt::CaseSensitive);
    for (const QByteArray &name : unsafeNames) {
        if (headerStar || has(entry.headerNames, name, Qt::CaseInsensitive))
            continue;
        *why = !m_browser.cacheHonoursWildcards && has(entry.headerNames, "*", Qt::CaseSensitive)
            ? u"the cached preflight allowed headers \"*\", which Firefox's cache compares literally, so %1 needs a new preflight"_s
                  .arg(text(name))
            : u"the cached preflight does not cover the header %1"_s.arg(text(name));
        return false;
    }
    return true;
}

bool PreflightCache::allows(const Key &key, QByteArrayView method, const QByteArrayList &unsafeNames,
                            Trace &trace)
{
    const QString entryId = id(key.origin, key.url, key.credentials);
    auto it = m_entries.find(entryId);
    if (it == m_entries.end()) {
        trace.append({ u"preflight-cache"_s, true,
                       u"No cached preflight for %1 from %2%3."_s.arg(
                           key.url, key.origin,
                           m_browser.separatesCacheByCredentials && key.credentials ? u" with credentials"_s
                                                                                    : QString()) });
        return false;
    }
    const auto now = m_clock();
    const auto expired = [&](const Token &token) {
        return token.expiry <= now;
    };
    it->methods.removeIf(expired);
    it->headerNames.removeIf(expired);
    if (it->methods.isEmpty() && it->headerNames.isEmpty()) {
        m_entries.erase(it);
        trace.append(
            { u"preflight-cache"_s, true, u"The cached preflight for %1 has expired."_s.arg(key.url) });
        return false;
    }
    QString why;
    if (!covers(*it, key, method, unsafeNames, &why)) {
        if (m_browser.dropsEntryThatFailsToCover) {
            m_entries.erase(it);
            why += u"; Chromium drops the entry"_s;
        }
        trace.append({ u"preflight-cache"_s, true,
                       why.left(1).toUpper() + why.mid(1) + u": a new preflight is needed."_s });
        return false;
    }
    QString detail = u"A cached preflight for %1 still allows %2%3: no preflight is sent (Fetch §4.9)."_s.arg(
        key.url, text(method),
        unsafeNames.isEmpty() ? QString() : u" with "_s + text(unsafeNames.join(", ")));
    if (m_browser.isFirefox()) {
        // CORSCacheEntry::CheckDNSCache: what no simulation can see.
        detail +=
            u" (Firefox also drops a cached preflight whose host was looked up in DNS again after the preflight.)"_s;
    }
    trace.append({ u"preflight-cache"_s, true, detail });
    return true;
}

void PreflightCache::store(const Key &key, const PreflightResult &result)
{
    if (!result.maxAge)
        return; // Firefox: a Max-Age it does not accept leaves the cache as it is
    const std::chrono::milliseconds expiry = m_clock() + *result.maxAge;
    const QString entryId = id(key.origin, key.url, key.credentials);
    if (!m_browser.mergesCacheEntries) {
        // Chromium replaces the entry, even with one that expires at once (Max-Age 0).
        Entry entry;
        entry.credentials = key.credentials;
        for (const QByteArray &method : result.methods)
            entry.methods.append({ method, expiry });
        for (const QByteArray &name : result.headerNames)
            entry.headerNames.append({ name, expiry });
        if (entry.methods.isEmpty() && entry.headerNames.isEmpty())
            entry.methods.append(
                { QByteArray(), expiry }); // allows only what is safelisted, until it expires
        m_entries.insert(entryId, entry);
        return;
    }
    if (result.maxAge->count() <= 0)
        return;
    // Firefox adds each token, or renews its expiry (nsCORSPreflightListener::AddResultToCache).
    Entry &entry = m_entries[entryId];
    entry.credentials = key.credentials;
    const auto merge = [&](QList<Token> &tokens, const QByteArrayList &values) {
        for (const QByteArray &value : values) {
            auto found = std::find_if(tokens.begin(), tokens.end(),
                                      [&](const Token &token) { return token.value == value; });
            if (found != tokens.end())
                found->expiry = expiry;
            else
                tokens.append({ value, expiry });
        }
    };
    merge(entry.methods, result.methods);
    merge(entry.headerNames, result.headerNames);
    if (entry.methods.isEmpty() && entry.headerNames.isEmpty())
        entry.methods.append({ QByteArray(), expiry });
}

void PreflightCache::forget(const QString &origin, const QString &url, Trace &trace)
{
    if (!m_browser.forgetsUrlAfterFailedCheck)
        return;
    const qsizetype removed =
        m_entries.remove(id(origin, url, true)) + m_entries.remove(id(origin, url, false));
    if (removed > 0) {
        trace.append(
            { u"preflight-cache"_s, true,
              u"Firefox forgets what earlier preflights allowed for %1 after this failed CORS check."_s.arg(
                  url) });
    }
}

} // namespace cors
