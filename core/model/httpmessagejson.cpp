#include "httpmessagejson.h"

#include "jsonobjectreader.h"

using namespace Qt::StringLiterals;

namespace cors {

namespace {
QString text(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes);
}
} // namespace

std::optional<HttpHeaders> HttpMessageJson::readHeaders(const QJsonValue &value, const QString &path,
                                                        JsonProblems *problems)
{
    if (value.isUndefined())
        return HttpHeaders();
    const qsizetype before = problems->size();
    if (!value.isArray()) {
        problems->append({ path,
                           u"expected an array of [name, value] pairs, found %1"_s.arg(
                               JsonObjectReader::typeName(value)) });
        return std::nullopt;
    }
    HttpHeaders headers;
    const QJsonArray fields = value.toArray();
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const QString fieldPath = JsonObjectReader::indexPath(path, i);
        const QJsonArray pair = fields[i].toArray();
        if (!fields[i].isArray() || pair.size() != 2 || !pair[0].isString() || !pair[1].isString()) {
            problems->append({ fieldPath, u"expected a [name, value] pair of two strings"_s });
            continue;
        }
        const QByteArray name = pair[0].toString().toUtf8();
        if (!HttpHeaders::isToken(name)) {
            problems->append({ JsonObjectReader::indexPath(fieldPath, 0),
                               u"\"%1\" is not a valid header name"_s.arg(pair[0].toString()) });
            continue;
        }
        const QByteArray fieldValue = pair[1].toString().toUtf8();
        if (fieldValue.contains('\r') || fieldValue.contains('\n') || fieldValue.contains('\0')) {
            problems->append({ JsonObjectReader::indexPath(fieldPath, 1),
                               u"a header value cannot contain CR, LF or NUL"_s });
            continue;
        }
        headers.append(name, fieldValue);
    }
    if (problems->size() != before)
        return std::nullopt;
    return headers;
}

std::optional<HttpRequest> HttpMessageJson::readRequest(const QJsonValue &value, const QString &path,
                                                        JsonProblems *problems)
{
    const qsizetype before = problems->size();
    JsonObjectReader reader(value, path, problems, u"a request object"_s);
    if (!reader.isValid())
        return std::nullopt;
    reader.rejectUnknownKeys({ u"method", u"url", u"headers", u"body" });
    HttpRequest request;
    const QString method = reader.string(u"method", u"GET"_s);
    if (!HttpHeaders::isToken(method.toUtf8()))
        reader.addProblem(reader.pathOf(u"method"), u"\"%1\" is not a valid HTTP method"_s.arg(method));
    request.method = method.toUtf8();
    if (const auto url = reader.requiredString(u"url")) {
        request.url = QUrl(*url, QUrl::StrictMode);
        if (!request.url.isValid() || request.url.isRelative() || request.url.host().isEmpty())
            reader.addProblem(reader.pathOf(u"url"), u"\"%1\" is not an absolute http(s) URL"_s.arg(*url));
    }
    if (const auto headers = readHeaders(reader.value(u"headers"), reader.pathOf(u"headers"), problems))
        request.headers = *headers;
    request.body = reader.string(u"body").toUtf8();
    if (problems->size() != before)
        return std::nullopt;
    return request;
}

std::optional<HttpResponse> HttpMessageJson::readResponse(const QJsonValue &value, const QString &path,
                                                          JsonProblems *problems)
{
    const qsizetype before = problems->size();
    JsonObjectReader reader(value, path, problems, u"a response object"_s);
    if (!reader.isValid())
        return std::nullopt;
    reader.rejectUnknownKeys({ u"status", u"headers", u"body" });
    HttpResponse response;
    response.status = int(reader.integer(u"status", 100, 999).value_or(200));
    if (const auto headers = readHeaders(reader.value(u"headers"), reader.pathOf(u"headers"), problems))
        response.headers = *headers;
    response.body = reader.string(u"body").toUtf8();
    if (problems->size() != before)
        return std::nullopt;
    return response;
}

QJsonArray HttpMessageJson::toJson(const HttpHeaders &headers)
{
    QJsonArray array;
    for (const auto &[name, value] : headers)
        array.append(QJsonArray { text(name), text(value) });
    return array;
}

QJsonObject HttpMessageJson::toJson(const HttpRequest &request)
{
    QJsonObject object { { u"method"_s, text(request.method) },
                         { u"url"_s, request.url.toString(QUrl::FullyEncoded) },
                         { u"headers"_s, toJson(request.headers) } };
    if (!request.body.isEmpty())
        object.insert(u"body"_s, text(request.body));
    return object;
}

QJsonObject HttpMessageJson::toJson(const HttpResponse &response)
{
    QJsonObject object { { u"status"_s, response.status }, { u"headers"_s, toJson(response.headers) } };
    if (!response.body.isEmpty())
        object.insert(u"body"_s, text(response.body));
    return object;
}

} // namespace cors
