#pragma once

#include "httpmessage.h"
#include "jsonproblem.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace cors {

// The JSON forms of requests and responses used by corsctl and test cases (DESIGN.md,
// "Command line"): headers are ordered [name, value] pairs and a name may repeat.
//   request:  {"method": "OPTIONS", "url": "https://api.example.com/x", "headers": [[...]], "body": "..."}
//   response: {"status": 200, "headers": [[...]], "body": "..."}
class HttpMessageJson
{
public:
    static std::optional<HttpRequest> readRequest(const QJsonValue &value, const QString &path,
                                                  JsonProblems *problems);
    static std::optional<HttpResponse> readResponse(const QJsonValue &value, const QString &path,
                                                    JsonProblems *problems);
    static std::optional<HttpHeaders> readHeaders(const QJsonValue &value, const QString &path,
                                                  JsonProblems *problems);

    static QJsonObject toJson(const HttpRequest &request);
    static QJsonObject toJson(const HttpResponse &response);
    static QJsonArray toJson(const HttpHeaders &headers);
};

} // namespace cors
