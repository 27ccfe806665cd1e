#pragma once

#include "browser/browserprofile.h"
#include "model/httpmessage.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace cors {

// A HAR 1.2 file as Chromium's and Firefox's DevTools save it (W3C Web Performance WG, "HTTP
// Archive (HAR) format", version 1.2), reduced to what CORS depends on: requests and responses
// with their headers, pages, timing order, and the browsers' own extensions that tell what
// happened — Chromium's "_error" (net::ERR_FAILED for a CORS failure), "_resourceType",
// "_initiator" (a preflight names the request it was for) and "_fromCache".
//
// Bodies are not kept: CORS does not depend on them.
struct HarLog
{
    // "pages": Chromium and Firefox write the page's URL into "title".
    struct Page
    {
        QString id;
        QString title;
        QDateTime started;

        friend bool operator==(const Page &, const Page &) = default;
    };

    struct Entry
    {
        int index = 0; // position in log.entries
        QString pageref;
        QDateTime started;
        // method, url and headers as recorded; HTTP/2 pseudo-headers (":authority", …) stay in, as
        // recorded, for AuthorHeaders to tell apart. No body.
        HttpRequest request;
        bool requestCookies = false; // request.cookies is not empty
        QString httpVersion;
        // The response: status 0 (or none recorded) means the browser got none — blocked before
        // it was sent, or a network error.
        int status = 0;
        QString statusText;
        HttpHeaders responseHeaders;
        QString redirectUrl; // response.redirectURL
        QString error; // Chromium's response._error ("net::ERR_FAILED"); empty when none
        QString resourceType; // Chromium's _resourceType ("fetch", "xhr", "preflight", "document", …)
        QString initiatorType; // Chromium's _initiator.type ("script", "parser", "preflight", …)
        QString initiatorUrl; // Chromium's _initiator.url: for a preflight, the request it precedes
        QString fromCache; // Chromium's _fromCache ("memory", "disk")

        // "log.entries[3]", for messages.
        QString path() const;
        // A CORS preflight: OPTIONS with Access-Control-Request-Method (Fetch §3.2.2), or what
        // Chromium marks as one.
        bool isPreflight() const;
        // What the browser received, or nullopt when nothing was (status 0). HTTP/2 pseudo-headers
        // are left out, and a redirect whose Location the HAR only gives as redirectURL gets it.
        std::optional<HttpResponse> response() const;
        // Cookies went with the request: a Cookie header or request.cookies.
        bool carriesCookies() const;

        friend bool operator==(const Entry &, const Entry &) = default;
    };

    QString version; // "1.2"
    QString creatorName; // "WebInspector" (Chromium and every browser built on it), "Firefox"
    QString creatorVersion;
    QString browserName; // log.browser, which Firefox writes and Chromium does not
    QString browserVersion;
    QList<Page> pages;
    QList<Entry> entries;

    const Page *page(const QString &id) const;
    // Which browser saved the file, from creator.name or browser.name; nullopt when neither says.
    std::optional<Browser> savedBy(QString *evidence = nullptr) const;
    // Whether any request carries cookies; a HAR that has none at all was probably saved
    // "sanitized" (Chromium's "Export HAR (sanitized)" leaves out Cookie, Set-Cookie and
    // Authorization).
    bool anyCookies() const;

    friend bool operator==(const HarLog &, const HarLog &) = default;
};

} // namespace cors
