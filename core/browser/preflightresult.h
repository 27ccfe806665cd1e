#pragma once

#include "browserprofile.h"
#include "corsfailure.h"
#include "engine/tracestep.h"
#include "model/httpheaders.h"

#include <QByteArrayList>

#include <chrono>
#include <optional>

namespace cors {

// What a successful preflight response grants (Fetch §4.8 "CORS-preflight fetch", steps 7.3-7.9):
// the methods and header names it lists and how long the browser may remember them.
struct PreflightResult
{
    QByteArrayList methods; // Access-Control-Allow-Methods, as listed (methods compare case-sensitively)
    QByteArrayList headerNames; // Access-Control-Allow-Headers, as listed (names compare case-insensitively)
    // How long to cache it; nullopt when the browser will not cache it at all (Firefox, for a
    // Max-Age it does not understand — an entry it already has is then left as it is).
    std::optional<std::chrono::milliseconds> maxAge;

    // Parses the two lists and Max-Age. A list that is not all tokens fails the preflight:
    // Chromium reports the header, Firefox the first bad token (`failure`). Firefox parses
    // Access-Control-Allow-Headers only after it has checked the method, which
    // parseAllowHeaders() lets BrowserSession reproduce.
    static bool parseAllowMethods(const HttpHeaders &response, PreflightResult *result, CorsFailure *failure);
    static bool parseAllowHeaders(const HttpHeaders &response, PreflightResult *result, CorsFailure *failure);
    // Access-Control-Max-Age as the browser reads it; `explanation` says what it made of it.
    static std::optional<std::chrono::milliseconds>
    parseMaxAge(const HttpHeaders &response, const BrowserProfile &browser, QString *explanation);

    bool allowsMethodWildcard(bool includeCredentials) const;
    bool allowsHeaderWildcard(bool includeCredentials) const;
    bool listsMethod(QByteArrayView method) const;
    bool listsHeader(QByteArrayView name) const;

    friend bool operator==(const PreflightResult &, const PreflightResult &) = default;
};

} // namespace cors
