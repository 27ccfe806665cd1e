#pragma once

#include "browserprofile.h"
#include "clock.h"
#include "engine/tracestep.h"
#include "preflightresult.h"

#include <QHash>
#include <QList>
#include <QString>

namespace cors {

// The browser's CORS-preflight cache (Fetch §4.9): what earlier preflights allowed, so that a
// later request to the same URL can skip its own. Both browsers key entries by the page's origin,
// the request URL and whether the request includes credentials; they differ in what a new
// preflight does to an entry, in whether "*" and HEAD get through a cached entry, and in how they
// read Max-Age (see BrowserProfile).
class PreflightCache
{
public:
    struct Key
    {
        QString origin; // the page's origin, serialized
        QString url; // FetchRequest::serializeUrl()
        bool credentials = false;

        friend bool operator==(const Key &, const Key &) = default;
    };

    PreflightCache(BrowserProfile browser, Clock clock);

    // Whether an entry allows `method` with these CORS-unsafe header names, so that no preflight is
    // sent (Fetch §4.9 "method cache entry match" / "header-name cache entry match"). Expired
    // entries and tokens are dropped on the way.
    bool allows(const Key &key, QByteArrayView method, const QByteArrayList &unsafeNames, Trace &trace);
    // Records a successful preflight.
    void store(const Key &key, const PreflightResult &result);
    // Drops the entries for a URL (with and without credentials): both browsers do after a CORS
    // check on that URL failed.
    void evict(const QString &origin, const QString &url);

    bool isEmpty() const { return m_entries.isEmpty(); }

private:
    struct Token
    {
        QByteArray value;
        std::chrono::milliseconds expiry;
    };
    struct Entry
    {
        QList<Token> methods;
        QList<Token> headerNames;
    };

    static QString keyText(const Key &key);

    BrowserProfile m_browser;
    Clock m_clock;
    QHash<QString, Entry> m_entries;
};

} // namespace cors
