#pragma once

#include "authorheaders.h"
#include "browser/browserprofile.h"
#include "browser/fetchspec.h"
#include "model/httpheaders.h"
#include "pageorigin.h"

#include <QByteArray>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace cors {

// A request pasted as the browsers' DevTools copy it: "Copy as cURL (bash)" in Chromium
// (front_end/panels/network/NetworkLogView.ts, generateCurlCommand) and Firefox
// (devtools/client/shared/curl.js). Chromium writes one option per line, each line but the last
// ending in " \" (a line continuation):
//   curl 'https://api.example.com/x'
//     -H 'accept: */*'
//     -H 'content-type: application/json'
//     -b 'session=…'
//     -H 'origin: https://app.example.com'
//     --data-raw $'{"note":"it\'s"}'
// with every argument quoted, -X only when the method is not the one curl infers,
// "$'…'" for a value with control characters, "!" or "'", and "-H 'name;'" for an empty value;
// Firefox writes one line, with "-X PUT" unquoted, --compressed, and "$'…'" with \xHH escapes for
// anything outside printable ASCII.
//
// What comes out is what the simulator's composer needs: method, URL, the page's origin (from the
// Origin header, else the Referer), the headers a page can set — the browser's own are dropped and
// listed, each with the reason — the body, and whether the request carried credentials.
struct CurlCommand
{
    // Where a command went wrong, for a message that points into the pasted text.
    struct Error
    {
        qsizetype offset = 0;
        int line = 1;
        int column = 1;
        QString message;

        QString toString() const; // "line 3, column 7: message"

        friend bool operator==(const Error &, const Error &) = default;
    };

    // Commands longer than this (in characters) are refused: DevTools writes the body inline, and
    // a pasted request body of megabytes says nothing more about CORS than its first bytes.
    static constexpr qsizetype kMaxLength = qsizetype(16) * 1024 * 1024;

    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    std::optional<PageOrigin> pageOrigin; // nullopt: neither Origin nor Referer says
    HttpHeaders sentHeaders; // every header the command sends (-H, -b, -A, -e, -u), in order
    HttpHeaders headers; // those a page can set: what fetch() is given
    QList<AuthorHeaders::Dropped> droppedHeaders; // sentHeaders \ headers, each with its reason
    std::optional<QByteArray> body; // --data, --data-raw, --data-binary … joined with "&" as curl does
    // A Cookie header or -b: a cross-origin fetch sends cookies only with credentials "include".
    bool credentials = false;
    QString credentialsEvidence; // "-b" or "a Cookie header"; empty without credentials
    QStringList notes; // options that make no difference to a browser, and other remarks
    // The command was a preflight someone copied: method and headers are those of the request it
    // was sent for (from Access-Control-Request-Method and -Headers), with placeholder values.
    bool preflightFor = false;

    // The fetch() call the page made: credentials "include" when the command carried cookies,
    // fetch()'s default "same-origin" otherwise; the opaque origin when no page origin is known.
    FetchSpec toFetchSpec() const;

    // `browser` decides what is forbidden (Chromium still forbids User-Agent).
    static std::optional<CurlCommand> parse(QStringView text, const BrowserProfile &browser, Error *error);

    friend bool operator==(const CurlCommand &, const CurlCommand &) = default;
};

} // namespace cors
