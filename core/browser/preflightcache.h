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
// later request to the same URL can skip its own. Entries belong to the page's origin and the
// request URL; how the browsers treat credentials, new preflights, "*", HEAD, Max-Age and
// failures differs (BrowserProfile).
class PreflightCache
{
public:
    struct Key
    {
        QString origin; // the page's origin, serialized
        QString url; // FetchRequest::serializeUrl()
        bool credentials = false; // the request includes credentials

        friend bool operator==(const Key &, const Key &) = default;
    };

    PreflightCache(BrowserProfile browser, Clock clock);

    // Whether an entry allows `method` with these CORS-unsafe header names, so that no preflight is
    // sent (Fetch §4.9 "method cache entry match" / "header-name cache entry match"). Expired
    // entries and tokens are dropped on the way, and so, in Chromium, is an entry that does not
    // cover the request.
    bool allows(const Key &key, QByteArrayView method, const QByteArrayList &unsafeNames, Trace &trace);
    // Records a successful preflight.
    void store(const Key &key, const PreflightResult &result);
    // After a failed CORS check on `url`: Firefox forgets its entries for the URL, with and
    // without credentials.
    void forget(const QString &origin, const QString &url, Trace &trace);

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
        bool credentials = false; // made for a request with credentials
    };

    QString id(const QString &origin, const QString &url, bool credentials) const;
    bool covers(const Entry &entry, const Key &key, QByteArrayView method, const QByteArrayList &unsafeNames,
                QString *why) const;

    BrowserProfile m_browser;
    Clock m_clock;
    QHash<QString, Entry> m_entries;
};

} // namespace cors
