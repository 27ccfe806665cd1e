#include "httpwire.h"

using namespace Qt::StringLiterals;

namespace cors {

QByteArray HttpWire::reasonPhrase(int status)
{
    // RFC 9110 §15; the reason phrase means nothing to a client, but people read it in logs.
    switch (status) {
    case 100:
        return QByteArrayLiteral("Continue");
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 202:
        return QByteArrayLiteral("Accepted");
    case 203:
        return QByteArrayLiteral("Non-Authoritative Information");
    case 204:
        return QByteArrayLiteral("No Content");
    case 205:
        return QByteArrayLiteral("Reset Content");
    case 206:
        return QByteArrayLiteral("Partial Content");
    case 300:
        return QByteArrayLiteral("Multiple Choices");
    case 301:
        return QByteArrayLiteral("Moved Permanently");
    case 302:
        return QByteArrayLiteral("Found");
    case 303:
        return QByteArrayLiteral("See Other");
    case 304:
        return QByteArrayLiteral("Not Modified");
    case 307:
        return QByteArrayLiteral("Temporary Redirect");
    case 308:
        return QByteArrayLiteral("Permanent Redirect");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 406:
        return QByteArrayLiteral("Not Acceptable");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 410:
        return QByteArrayLiteral("Gone");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 412:
        return QByteArrayLiteral("Precondition Failed");
    case 413:
        return QByteArrayLiteral("Content Too Large");
    case 414:
        return QByteArrayLiteral("URI Too Long");
    case 415:
        return QByteArrayLiteral("Unsupported Media Type");
    case 417:
        return QByteArrayLiteral("Expectation Failed");
    case 418:
        return QByteArrayLiteral("I'm a teapot");
    case 421:
        return QByteArrayLiteral("Misdirected Request");
    case 422:
        return QByteArrayLiteral("Unprocessable Content");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        return QByteArray();
    }
}

bool HttpWire::hasBody(QByteArrayView method, int status)
{
    return method != "HEAD" && status >= 200 && status != 204 && status != 304;
}

HttpResponse HttpWire::framed(const HttpResponse &response)
{
    HttpResponse wire = response;
    wire.headers.remove("Transfer-Encoding");
    if (wire.status < 200 || wire.status == 204 || wire.status == 304) {
        wire.headers.remove("Content-Length");
        wire.body.clear();
    } else {
        const QByteArray length = QByteArray::number(wire.body.size());
        if (wire.headers.contains("Content-Length"))
            wire.headers.set(QByteArrayLiteral("Content-Length"), length);
        else
            wire.headers.append(QByteArrayLiteral("Content-Length"), length);
    }
    return wire;
}

QByteArray HttpWire::serialize(const HttpResponse &framed, bool withBody)
{
    qsizetype size = 32 + (withBody ? framed.body.size() : 0);
    for (const auto &[name, value] : framed.headers)
        size += name.size() + value.size() + 4;
    QByteArray bytes;
    bytes.reserve(size);
    // "HTTP-version SP status-code SP [reason-phrase]" (RFC 9112 §4): the space stays when the
    // reason is empty.
    bytes += "HTTP/1.1 ";
    bytes += QByteArray::number(framed.status);
    bytes += ' ';
    bytes += reasonPhrase(framed.status);
    bytes += "\r\n";
    for (const auto &[name, value] : framed.headers) {
        bytes += name;
        bytes += ": ";
        bytes += value;
        bytes += "\r\n";
    }
    bytes += "\r\n";
    if (withBody)
        bytes += framed.body;
    return bytes;
}

bool HttpWire::isSendable(const HttpResponse &response, QString *problem)
{
    if (response.status < 100 || response.status > 999) {
        *problem = u"Status %1 is not a three-digit HTTP status."_s.arg(response.status);
        return false;
    }
    for (const auto &[name, value] : response.headers) {
        if (!HttpHeaders::isToken(name)) {
            *problem = u"Header name \"%1\" is not a token."_s.arg(QString::fromLatin1(name));
            return false;
        }
        for (const char ch : value) {
            if (ch == '\r' || ch == '\n' || ch == '\0') {
                *problem = u"The value of header %1 contains CR, LF or NUL."_s.arg(QString::fromLatin1(name));
                return false;
            }
        }
    }
    return true;
}

} // namespace cors
