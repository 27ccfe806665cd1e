#pragma once

#include "httplimits.h"
#include "model/httpmessage.h"

#include <QByteArray>
#include <QString>

namespace cors {

// Reads HTTP/1.1 requests (RFC 9112) out of the bytes a connection receives, one after another
// (keep-alive and pipelining), into the core's HttpRequest — exactly as sent: the method's case
// and any extension method, every header field in order with repeated names kept, the body.
//
// The live server parses requests itself rather than through QHttpServer because Qt 6.4's parser
// turns every method it does not know (a lower-case "patch", "PROPFIND", any token a page passes
// to fetch()) into Method::Unknown without its text, and silently drops every header of a request
// whose header block is too large instead of refusing it. The browser model and the engine need
// the method as the browser wrote it.
//
// Strict where leniency would let a request mean two things (RFC 9112 §2.2, §3, §5, §6.3): a
// request line that is not exactly "method SP target SP version", whitespace before a header's
// colon, obs-fold, control characters in values, a missing or repeated Host, conflicting
// Content-Length values and Transfer-Encoding (not supported) are refused. Lenient where the
// RFC says a server may be: empty lines before a request, LF without CR.
class HttpRequestParser
{
public:
    enum class Status { Incomplete, Complete, Failed };

    // `defaultAuthority` ("localhost:8780") makes the URL of an HTTP/1.0 request without Host.
    explicit HttpRequestParser(const HttpLimits &limits = {},
                               QByteArray defaultAuthority = QByteArrayLiteral("localhost"));

    void append(QByteArrayView bytes);
    qsizetype buffered() const { return m_buffer.size(); }
    // Whether any byte of a request that is not complete yet has arrived.
    bool hasPartialRequest() const { return m_headersDone || !m_buffer.isEmpty(); }

    // Parses the next request out of what was appended: Complete when one is ready (takeRequest()),
    // Failed when the bytes are not an acceptable request (failureStatus(), failureReason(); the
    // connection cannot be used any further), Incomplete when more bytes are needed.
    Status parse();

    // After Complete. The URL is "http://" + Host + target (or the absolute-form target).
    HttpRequest takeRequest();
    // Whether the connection stays open after the response (HTTP/1.1 without "Connection: close").
    bool keepAlive() const { return m_keepAlive; }

    // The headers of a request that sent "Expect: 100-continue" are in and its body is not: the
    // client waits for an interim "100 Continue" before sending it.
    bool awaitsContinue() const { return m_headersDone && m_expectsContinue && !m_continueSent; }
    void setContinueSent() { m_continueSent = true; }

    int failureStatus() const { return m_failureStatus; }
    const QString &failureReason() const { return m_failureReason; }

private:
    Status fail(int status, const QString &reason);
    Status parseHead(qsizetype requestLineEnd, qsizetype headEnd);
    void reset();

    HttpLimits m_limits;
    QByteArray m_defaultAuthority;
    QByteArray m_buffer;
    // How far the search for the end of the header block has got: the start of the first line
    // not yet seen whole, and where the request line ended (-1: not yet).
    qsizetype m_lineStart = 0;
    qsizetype m_requestLineEnd = -1;
    bool m_headersDone = false;
    bool m_expectsContinue = false;
    bool m_continueSent = false;
    bool m_keepAlive = true;
    qsizetype m_bodyLength = 0;
    HttpRequest m_request;
    int m_failureStatus = 0;
    QString m_failureReason;
};

} // namespace cors
