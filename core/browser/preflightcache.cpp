#include "preflightcache.h"

#include "corssafelist.h"
#include "model/httpheaders.h"

using namespace Qt::StringLiterals;

namespace cors {

PreflightCache::PreflightCache(BrowserProfile browser, Clock clock)
    : m_browser(std::move(browser))
    , m_clock(std::move(clock))
{ }

QString PreflightCache::keyText(const Key &key)
{
    return key.origin + u' ' + key.url + (key.credentials ? u" include"_s : u" no-credentials"_s);
}

bool PreflightCache::allows(const Key &key, QByteArrayView method, const QByteArrayList &unsafeNames,
                            Trace &trace)
{
    const QString id = keyText(key);
    auto it = m_entries.find(id);
    if (it == m_entries.end()) {
        trace.append({ u"preflight-cache"_s, true,
                       u"No cached preflight for %1 from %2%3."_s.arg(
                           key.url, key.origin, key.credentials ? u" with credentials"_s : QString()) });
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
    const Entry &entry = *it;
    const bool wildcards = m_browser.cacheHonoursWildcards && !key.credentials;
    const auto has = [](const QList<Token> &tokens, QByteArrayView value, Qt::CaseSensitivity cs) {
        return std::any_of(tokens.begin(), tokens.end(), [&](const Token &token) {
            return token.value.size() == value.size() && QByteArrayView(token.value).compare(value, cs) == 0;
        });
    };

    // Chromium skips the method check for every CORS-safelisted method; Firefox only for GET and
    // POST (CORSCacheEntry::CheckRequest), so a cached entry never covers HEAD there.
    const bool methodExempt = m_browser.cacheExemptsHead ? CorsSafelist::isSafelistedMethod(method)
                                                         : (method == "GET" || method == "POST");
    if (!methodExempt && !has(entry.methods, method, Qt::CaseSensitive)) {
        const bool star = has(entry.methods, "*", Qt::CaseSensitive);
        if (!(wildcards && star)) {
            trace.append(
                { u"preflight-cache"_s, true,
                  star && !m_browser.cacheHonoursWildcards
                      ? u"The cached preflight allowed \"*\", which Firefox's cache compares literally: %1 needs a new preflight."_s
                            .arg(QString::fromLatin1(method))
                      : u"The cached preflight does not cover %1: a new preflight is needed."_s.arg(
                          QString::fromLatin1(method)) });
            return false;
        }
    }
    const bool headerStar = wildcards && has(entry.headerNames, "*", Qt::CaseSensitive);
    for (const QByteArray &name : unsafeNames) {
        if (headerStar || has(entry.headerNames, name, Qt::CaseInsensitive))
            continue;
        trace.append(
            { u"preflight-cache"_s, true,
              !m_browser.cacheHonoursWildcards && has(entry.headerNames, "*", Qt::CaseSensitive)
                  ? u"The cached preflight allowed headers \"*\", which Firefox's cache compares literally: %1 needs a new preflight."_s
                        .arg(QString::fromLatin1(name))
                  : u"The cached preflight does not cover the header %1: a new preflight is needed."_s.arg(
                      QString::fromLatin1(name)) });
        return false;
    }
    trace.append({ u"preflight-cache"_s, true,
                   u"A cached preflight for %1 still allows %2%3: no preflight is sent (Fetch §4.9)."_s.arg(
                       key.url, QString::fromLatin1(method),
                       unsafeNames.isEmpty() ? QString()
                                             : u" with "_s + QString::fromLatin1(unsafeNames.join(", "))) });
    return true;
}

void PreflightCache::store(const Key &key, const PreflightResult &result)
{
    if (!result.maxAge)
        return; // Firefox: a Max-Age it does not accept leaves the cache as it is
    const std::chrono::milliseconds expiry = m_clock() + *result.maxAge;
    const QString id = keyText(key);
    if (!m_browser.mergesCacheEntries) {
        // Chromium replaces the entry, even with one that expires at once (Max-Age 0).
        Entry entry;
        for (const QByteArray &method : result.methods)
            entry.methods.append({ method, expiry });
        for (const QByteArray &name : result.headerNames)
            entry.headerNames.append({ name, expiry });
        if (entry.methods.isEmpty() && entry.headerNames.isEmpty())
            entry.methods.append({ QByteArray(), expiry }); // an entry that allows only what is safelisted
        m_entries.insert(id, entry);
        return;
    }
    if (result.maxAge->count() <= 0)
        return;
    // Firefox adds each token, or renews its expiry (nsCORSPreflightListener::AddResultToCache).
    Entry &entry = m_entries[id];
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

void PreflightCache::evict(const QString &origin, const QString &url)
{
    m_entries.remove(keyText({ origin, url, true }));
    m_entries.remove(keyText({ origin, url, false }));
}

} // namespace cors
