#include "httprequestparser.h"

using namespace Qt::StringLiterals;

namespace cors {

namespace {

// Field values may hold visible characters, obs-text, spaces and tabs (RFC 9110 §5.5); CR, LF
// and NUL never (a value with them would be read differently by different parsers).
bool isValidFieldValue(QByteArrayView value)
{
    for (const char ch : value) {
        const auto byte = static_cast<unsigned char>(ch);
        if ((byte < 0x20 && byte != '\t') || byte == 0x7f)
            return false;
    }
    return true;
}

// The request-target's characters: visible ASCII (a browser percent-encodes everything else).
bool isValidTarget(QByteArrayView target)
{
    for (const char ch : target) {
        const auto byte = static_cast<unsigned char>(ch);
        if (byte <= 0x20 || byte >= 0x7f)
            return false;
    }
    return true;
}

// Host = uri-host [ ":" port ] (RFC 9110 §7.2): reg-name or IP-literal characters only, so that
// "http://" + Host + target cannot mean another URL (no "/", "?", "#", "@", no spaces).
bool isValidAuthority(QByteArrayView host)
{
    if (host.isEmpty())
        return false;
    for (const char ch : host) {
        const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
            || QByteArrayView("-._~!$&'()*+,;=:[]%").contains(ch);
        if (!ok)
            return false;
    }
    return true;
}

QByteArrayView trimmedOws(QByteArrayView value)
{
    while (!value.isEmpty() && (value.front() == ' ' || value.front() == '\t'))
        value = value.sliced(1);
    while (!value.isEmpty() && (value.back() == ' ' || value.back() == '\t'))
        value.chop(1);
    return value;
}

bool hasToken(QByteArrayView list, QByteArrayView token)
{
    for (const QByteArray &item : list.toByteArray().split(',')) {
        if (trimmedOws(item).compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

HttpRequestParser::HttpRequestParser(const HttpLimits &limits, QByteArray defaultAuthority)
    : m_limits(limits)
    , m_defaultAuthority(std::move(defaultAuthority))
{ }

void HttpRequestParser::append(QByteArrayView bytes)
{
    m_buffer.append(bytes);
}

HttpRequestParser::Status HttpRequestParser::fail(int status, const QString &reason)
{
    m_failureStatus = status;
    m_failureReason = reason;
    return Status::Failed;
}

void HttpRequestParser::reset()
{
    m_lineStart = 0;
    m_requestLineEnd = -1;
    m_headersDone = false;
    m_expectsContinue = false;
    m_continueSent = false;
    m_keepAlive = true;
    m_bodyLength = 0;
    m_request = HttpRequest();
}

HttpRequestParser::Status HttpRequestParser::parse()
{
    if (m_failureStatus != 0)
        return Status::Failed;
    if (!m_headersDone) {
        if (m_requestLineEnd < 0) {
            // RFC 9112 §2.2: a server SHOULD ignore empty lines received before the request line.
            qsizetype skip = 0;
            while (
                skip < m_buffer.size()
                && (m_buffer[skip] == '\n'
                    || (m_buffer[skip] == '\r' && skip + 1 < m_buffer.size() && m_buffer[skip + 1] == '\n')))
                skip += m_buffer[skip] == '\r' ? 2 : 1;
            if (skip > 0) {
                m_buffer.remove(0, skip);
                m_lineStart = 0;
            }
        }
        // Find the empty line that ends the header block, looking at each line only once however
        // slowly the bytes arrive.
        qsizetype headEnd = -1;
        for (;;) {
            const qsizetype newline = m_buffer.indexOf('\n', m_lineStart);
            if (newline < 0)
                break;
            qsizetype length = newline - m_lineStart;
            if (length > 0 && m_buffer[newline - 1] == '\r')
                --length;
            if (m_requestLineEnd < 0) {
                if (length > m_limits.maxRequestLine)
                    return fail(414,
                                u"The request line is longer than %1 bytes."_s.arg(m_limits.maxRequestLine));
                m_requestLineEnd = newline + 1;
            } else if (length == 0) {
                headEnd = newline + 1;
                break;
            }
            m_lineStart = newline + 1;
        }
        if (headEnd < 0) {
            if (m_requestLineEnd < 0 && m_buffer.size() > m_limits.maxRequestLine)
                return fail(414, u"The request line is longer than %1 bytes."_s.arg(m_limits.maxRequestLine));
            if (m_requestLineEnd >= 0 && m_buffer.size() - m_requestLineEnd > m_limits.maxHeaderBytes)
                return fail(431,
                            u"The header fields are larger than %1 bytes."_s.arg(m_limits.maxHeaderBytes));
            return Status::Incomplete;
        }
        if (headEnd - m_requestLineEnd > m_limits.maxHeaderBytes + 2)
            return fail(431, u"The header fields are larger than %1 bytes."_s.arg(m_limits.maxHeaderBytes));
        if (const Status status = parseHead(m_requestLineEnd, headEnd); status == Status::Failed)
            return status;
        m_buffer.remove(0, headEnd);
        m_headersDone = true;
    }
    if (m_buffer.size() < m_bodyLength)
        return Status::Incomplete;
    m_request.body = m_buffer.left(m_bodyLength);
    m_buffer.remove(0, m_bodyLength);
    return Status::Complete;
}

HttpRequestParser::Status HttpRequestParser::parseHead(qsizetype requestLineEnd, qsizetype headEnd)
{
    // The request line: method SP request-target SP HTTP-version (RFC 9112 §3), nothing else.
    QByteArrayView line = QByteArrayView(m_buffer).first(requestLineEnd - 1);
    if (line.endsWith('\r'))
        line.chop(1);
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace == firstSpace)
        return fail(400, u"The request line is not \"method target version\"."_s);
    const QByteArrayView method = line.first(firstSpace);
    const QByteArrayView target = line.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(lastSpace + 1);
    if (!HttpHeaders::isToken(method))
        return fail(400, u"The method is not a token."_s);
    if (target.isEmpty() || !isValidTarget(target))
        return fail(400, u"The request target is empty or has characters a URL cannot have."_s);
    int minorVersion = 0;
    if (version == "HTTP/1.1") {
        minorVersion = 1;
    } else if (version == "HTTP/1.0") {
        minorVersion = 0;
    } else if (version.size() == 8 && version.startsWith("HTTP/") && version[6] == '.') {
        return fail(505,
                    u"HTTP version %1 is not supported; this server speaks HTTP/1.1."_s.arg(
                        QString::fromLatin1(version.sliced(5))));
    } else {
        return fail(400, u"The request line does not end in an HTTP version."_s);
    }

    HttpRequest &request = m_request;
    request.method = method.toByteArray();
    qsizetype start = requestLineEnd;
    QByteArray host;
    int hosts = 0;
    std::optional<qint64> contentLength;
    bool close = minorVersion == 0;
    while (start < headEnd) {
        const qsizetype newline = m_buffer.indexOf('\n', start);
        QByteArrayView field = QByteArrayView(m_buffer).sliced(start, newline - start);
        start = newline + 1;
        if (field.endsWith('\r'))
            field.chop(1);
        if (field.isEmpty())
            break;
        if (field.front() == ' ' || field.front() == '\t')
            return fail(400, u"A header line starts with whitespace (obsolete line folding)."_s);
        const qsizetype colon = field.indexOf(':');
        const QByteArrayView name = colon < 0 ? field : field.first(colon);
        if (colon <= 0 || !HttpHeaders::isToken(name))
            return fail(400, u"A header line is not \"name: value\" (no whitespace before the colon)."_s);
        const QByteArrayView value = trimmedOws(field.sliced(colon + 1));
        if (!isValidFieldValue(value))
            return fail(
                400, u"The value of header %1 contains control characters."_s.arg(QString::fromLatin1(name)));
        if (request.headers.size() >= m_limits.maxHeaderFields)
            return fail(431, u"The request has more than %1 header fields."_s.arg(m_limits.maxHeaderFields));
        request.headers.append(name.toByteArray(), value.toByteArray());

        if (HttpHeaders::nameEquals(name, "Host")) {
            ++hosts;
            host = value.toByteArray();
        } else if (HttpHeaders::nameEquals(name, "Content-Length")) {
            // RFC 9112 §6.3: a list of identical values may be taken as one; anything else is an
            // invalid message.
            for (const QByteArray &item : value.toByteArray().split(',')) {
                const QByteArrayView digits = trimmedOws(item);
                bool ok = !digits.isEmpty() && digits.size() <= 15;
                for (const char ch : digits)
                    ok = ok && ch >= '0' && ch <= '9';
                if (!ok)
                    return fail(400, u"Content-Length is not a number."_s);
                const qint64 length = digits.toLongLong();
                if (contentLength && *contentLength != length)
                    return fail(400, u"The request has conflicting Content-Length values."_s);
                contentLength = length;
            }
        } else if (HttpHeaders::nameEquals(name, "Transfer-Encoding")) {
            return fail(501, u"Transfer-Encoding is not supported: send the body with Content-Length."_s);
        } else if (HttpHeaders::nameEquals(name, "Connection")) {
            if (hasToken(value, "close"))
                close = true;
            else if (hasToken(value, "keep-alive") && minorVersion == 0)
                close = false;
        } else if (HttpHeaders::nameEquals(name, "Expect")) {
            if (value.compare("100-continue", Qt::CaseInsensitive) != 0)
                return fail(417, u"Only \"Expect: 100-continue\" is supported."_s);
            m_expectsContinue = minorVersion == 1;
        }
    }
    // RFC 9112 §3.2: a request without Host (HTTP/1.1) or with more than one gets 400.
    if (hosts > 1 || (hosts == 0 && minorVersion == 1))
        return fail(400,
                    hosts > 1 ? u"The request has more than one Host header."_s
                              : u"The request has no Host header."_s);
    if (hosts == 0)
        host = m_defaultAuthority;
    if (contentLength && *contentLength > m_limits.maxBodyBytes)
        return fail(413, u"The body is larger than %1 bytes."_s.arg(m_limits.maxBodyBytes));
    m_bodyLength = contentLength.value_or(0);
    // HTTP/1.0 keeps a connection only when asked to, and then this server still closes it: its
    // responses carry no "Connection: keep-alive".
    m_keepAlive = !close && minorVersion == 1;

    QUrl url;
    if (target.front() == '/') {
        if (!isValidAuthority(host))
            return fail(400, u"The Host header is not a host and port."_s);
        url = QUrl::fromEncoded(QByteArray("http://" + host + target), QUrl::StrictMode);
    } else if (target.startsWith("http://") || target.startsWith("https://")) {
        url = QUrl::fromEncoded(target.toByteArray(), QUrl::StrictMode);
    } else {
        return fail(400, u"The request target must be a path (\"/items\") or an absolute URL."_s);
    }
    if (!url.isValid() || url.host().isEmpty())
        return fail(400, u"The Host header and request target do not make a valid URL."_s);
    request.url = url;
    return Status::Incomplete;
}

HttpRequest HttpRequestParser::takeRequest()
{
    HttpRequest request = std::move(m_request);
    const bool keepAlive = m_keepAlive;
    reset();
    m_keepAlive = keepAlive; // still readable for the response to the request just taken
    return request;
}

} // namespace cors
