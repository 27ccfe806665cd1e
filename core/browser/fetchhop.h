#pragma once

#include "model/httpmessage.h"

#include <QJsonObject>
#include <QUrl>

#include <optional>

namespace cors {

// One request on the wire and what came back; no response when the server could not be reached.
struct Exchange
{
    HttpRequest request;
    std::optional<HttpResponse> response;

    QJsonObject toJson() const;

    friend bool operator==(const Exchange &, const Exchange &) = default;
};

// What a fetch sent to one URL: its preflight (unless none was needed, or the preflight cache
// answered) and its actual request. A fetch that is redirected has one hop per URL.
struct FetchHop
{
    QUrl url;
    std::optional<Exchange> preflight;
    bool preflightFromCache = false;
    std::optional<Exchange> actual;

    friend bool operator==(const FetchHop &, const FetchHop &) = default;
};

} // namespace cors
