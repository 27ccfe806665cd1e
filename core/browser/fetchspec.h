#pragma once

#include "model/httpheaders.h"
#include "model/origin.h"

#include <QUrl>

#include <chrono>
#include <optional>

namespace cors {

// RequestInit's "mode" (Fetch §5.3 "Request class"). "navigate" and "websocket" cannot be
// chosen by fetch().
enum class RequestMode { Cors, NoCors, SameOrigin };
// RequestInit's "credentials".
enum class CredentialsMode { Omit, SameOrigin, Include };

QString requestModeName(RequestMode mode);
std::optional<RequestMode> requestModeFromName(QStringView name);
QString credentialsModeName(CredentialsMode mode);
std::optional<CredentialsMode> credentialsModeFromName(QStringView name);

// One fetch() call as a page makes it (DESIGN.md, "Fetch JSON"):
//   fetch(url, {method, headers, credentials, mode})  from a page whose origin is pageOrigin.
// Everything is kept exactly as the page passes it — a lower-case method, a header name that is
// not a token, a header the browser forbids — because what the browser does with it is what
// CORS Studio models.
struct FetchSpec
{
    Origin pageOrigin;
    // The page's own URL (its document's). Only the messages that quote it use it — Firefox's
    // "Content at <page> may not load data from …", Chromium's "Unsafe attempt to load URL …" —
    // and when it is not given the origin's root stands in for it.
    QUrl pageUrl;
    QUrl url;
    QByteArray method = QByteArrayLiteral("GET");
    HttpHeaders headers; // in the order the page passes them; a name may repeat
    CredentialsMode credentials = CredentialsMode::SameOrigin; // fetch()'s default
    RequestMode mode = RequestMode::Cors; // fetch()'s default
    // How long the page waits after the previous fetch of a sequence before making this one
    // (what moves the preflight cache's clock).
    std::chrono::milliseconds delay { 0 };

    QUrl effectivePageUrl() const;

    friend bool operator==(const FetchSpec &, const FetchSpec &) = default;
};

} // namespace cors
