#pragma once

#include "httpheaders.h"

#include <QByteArray>
#include <QUrl>

namespace cors {

// A request as it reaches the server (seeds: "OPTIONS /cors HTTP/1.1" plus header lines).
struct HttpRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    HttpHeaders headers;
    QByteArray body;

    friend bool operator==(const HttpRequest &, const HttpRequest &) = default;
};

// A response: the backend's, or the one CORS Studio's engine sends.
struct HttpResponse
{
    int status = 200;
    HttpHeaders headers;
    QByteArray body;

    // The mock backend of the source documents (seeds/002, seeds/004): 200 {"status":"200"}.
    static HttpResponse defaultBackend();

    friend bool operator==(const HttpResponse &, const HttpResponse &) = default;
};

} // namespace cors
