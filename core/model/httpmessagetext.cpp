#include "httpmessagetext.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

bool fail(QString *errorMessage, int line, const QString &message)
{
    if (errorMessage)
        *errorMessage = u"line %1: %2"_s.arg(line).arg(message);
    return false;
}

// One header line; returns false (and says why) when it is not one.
bool parseHeaderLine(const QString &raw, int lineNumber, HttpHeaders &headers, QString *errorMessage)
{
    const qsizetype colon = raw.indexOf(u':');
    if (colon < 0)
        return fail(errorMessage, lineNumber,
                    u"\"%1\" is not a header line (Name: value)"_s.arg(raw.trimmed().left(80)));
    // HTTP/2 pseudo-headers (":status: 204") say nothing a header line would not.
    if (colon == 0)
        return true;
    const QString name = raw.left(colon).trimmed();
    const QByteArray nameBytes = name.toUtf8();
    if (!HttpHeaders::isToken(nameBytes))
        return fail(errorMessage, lineNumber, u"\"%1\" is not a header name"_s.arg(name.left(80)));
    const QString value = raw.mid(colon + 1).trimmed();
    headers.append(nameBytes, value.toUtf8());
    return true;
}

} // namespace

std::optional<HttpHeaders> HttpMessageText::parseHeaders(const QString &text, QString *errorMessage)
{
    HttpHeaders headers;
    const QStringList lines = text.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        line.remove(u'\r');
        if (line.trimmed().isEmpty())
            continue;
        if (!parseHeaderLine(line, i + 1, headers, errorMessage))
            return std::nullopt;
    }
    return headers;
}

std::optional<HttpResponse> HttpMessageText::parseResponse(const QString &text, QString *errorMessage)
{
    HttpResponse response;
    response.status = 200;
    const QStringList lines = text.split(u'\n');
    int i = 0;
    while (i < lines.size() && lines[i].trimmed().isEmpty())
        ++i;
    static const QRegularExpression statusLine(u"^(?:HTTP/[0-9.]+\\s+)?([0-9]{3})(?:\\s+.*)?$"_s);
    if (i < lines.size()) {
        const QString first = lines[i].trimmed();
        const QRegularExpressionMatch match = statusLine.match(first);
        if (match.hasMatch()) {
            response.status = match.captured(1).toInt();
            if (response.status < 100 || response.status > 599) {
                fail(errorMessage, i + 1, u"%1 is not an HTTP status (100-599)"_s.arg(response.status));
                return std::nullopt;
            }
            ++i;
        } else if (first.startsWith(u"HTTP/"_s)) {
            fail(errorMessage, i + 1,
                 u"\"%1\" is not a status line such as HTTP/1.1 204 No Content"_s.arg(first.left(80)));
            return std::nullopt;
        }
    }
    for (; i < lines.size(); ++i) {
        QString line = lines[i];
        line.remove(u'\r');
        if (line.trimmed().isEmpty()) {
            // The body follows the first blank line after the headers.
            if (!response.headers.isEmpty()) {
                response.body = lines.mid(i + 1).join(u'\n').trimmed().toUtf8();
                break;
            }
            continue;
        }
        if (!parseHeaderLine(line, i + 1, response.headers, errorMessage))
            return std::nullopt;
    }
    return response;
}

QString HttpMessageText::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return u"OK"_s;
    case 201:
        return u"Created"_s;
    case 204:
        return u"No Content"_s;
    case 301:
        return u"Moved Permanently"_s;
    case 302:
        return u"Found"_s;
    case 303:
        return u"See Other"_s;
    case 307:
        return u"Temporary Redirect"_s;
    case 308:
        return u"Permanent Redirect"_s;
    case 400:
        return u"Bad Request"_s;
    case 401:
        return u"Unauthorized"_s;
    case 403:
        return u"Forbidden"_s;
    case 404:
        return u"Not Found"_s;
    case 405:
        return u"Method Not Allowed"_s;
    case 500:
        return u"Internal Server Error"_s;
    case 502:
        return u"Bad Gateway"_s;
    case 503:
        return u"Service Unavailable"_s;
    default:
        return {};
    }
}

QString HttpMessageText::formatResponse(const HttpResponse &response)
{
    QString text = u"HTTP/1.1 %1 %2\n"_s.arg(response.status).arg(reasonPhrase(response.status));
    for (const auto &[name, value] : response.headers)
        text += QString::fromUtf8(name) + u": "_s + QString::fromUtf8(value) + u'\n';
    if (!response.body.isEmpty())
        text += u'\n' + QString::fromUtf8(response.body) + u'\n';
    return text;
}

QString HttpMessageText::formatRequest(const HttpRequest &request)
{
    QString target = request.url.path(QUrl::FullyEncoded);
    if (target.isEmpty())
        target = u"/"_s;
    if (request.url.hasQuery())
        target += u'?' + request.url.query(QUrl::FullyEncoded);
    QString text = QString::fromUtf8(request.method) + u' ' + target + u" HTTP/1.1\n"_s;
    // A request as received already carries its Host; one built from a URL gets it from there.
    if (!request.headers.contains("Host"))
        text += u"Host: "_s + request.url.authority() + u'\n';
    for (const auto &[name, value] : request.headers)
        text += QString::fromUtf8(name) + u": "_s + QString::fromUtf8(value) + u'\n';
    return text;
}

} // namespace cors
