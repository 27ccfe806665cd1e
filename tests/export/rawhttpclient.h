#pragma once

#include "model/httpmessage.h"

#include <optional>

namespace cors::test {

// Sends one request over a real loopback socket, byte for byte as given (header lines in order,
// repeated names kept, any method token), with "Connection: close", and reads the whole answer.
// The conformance tests need this control: QNetworkAccessManager rewrites and merges headers.
class RawHttpClient
{
public:
    static std::optional<HttpResponse> exchange(quint16 port, const HttpRequest &request, QString *error);
};

} // namespace cors::test
