#pragma once

#include "httpmessage.h"

#include <QString>

#include <optional>

namespace cors {

// HTTP messages as people paste them: from a DevTools "Response Headers" view, curl -i, or a
// customer's email. Forgiving where browsers' copies differ (an optional status line
// "HTTP/1.1 204 No Content" or just "204", HTTP/2 lower-case names, "Name : value" with spaces,
// CRLF or LF), strict where a header could not be meant (no name, a name that is not a token).
class HttpMessageText
{
public:
    // A response: an optional status line (default 200), header lines, then after a blank line an
    // optional body. On failure `errorMessage` says which line and why.
    static std::optional<HttpResponse> parseResponse(const QString &text, QString *errorMessage = nullptr);
    // Only header lines ("Name: value"), one per line; blank lines are skipped.
    static std::optional<HttpHeaders> parseHeaders(const QString &text, QString *errorMessage = nullptr);
    // The inverse, for showing a response: "HTTP/1.1 204 No Content" and the header lines.
    static QString formatResponse(const HttpResponse &response);
    static QString formatRequest(const HttpRequest &request);
    static QString reasonPhrase(int status);
};

} // namespace cors
