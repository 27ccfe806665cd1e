#include "origin.h"

#include <QHashFunctions>

#include <array>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

bool isSchemeChar(QChar c, bool first)
{
    const char16_t u = c.unicode();
    const bool alpha = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
    if (first)
        return alpha;
    return alpha || (u >= '0' && u <= '9') || u == '+' || u == '-' || u == '.';
}

bool isSpecialScheme(QStringView scheme)
{
    return scheme == u"http" || scheme == u"https" || scheme == u"ws" || scheme == u"wss" || scheme == u"ftp";
}

// WHATWG URL "forbidden domain code point".
bool isForbiddenDomainCodePoint(char16_t u)
{
    if (u <= 0x20 || u == 0x7f)
        return true;
    switch (u) {
    case '#':
    case '%':
    case '/':
    case ':':
    case '<':
    case '>':
    case '?':
    case '@':
    case '[':
    case '\\':
    case ']':
    case '^':
    case '|':
        return true;
    default:
        return false;
    }
}

bool fail(QString *errorMessage, const QString &message)
{
    if (errorMessage)
        *errorMessage = message;
    return false;
}

// WHATWG URL "IPv4 number parser": decimal, 0x-hex or 0-octal.
std::optional<quint64> parseIpv4Number(QStringView part)
{
    if (part.isEmpty())
        return std::nullopt;
    int base = 10;
    if (part.size() >= 2 && part[0] == u'0' && (part[1] == u'x' || part[1] == u'X')) {
        part = part.sliced(2);
        base = 16;
    } else if (part.size() >= 2 && part[0] == u'0') {
        part = part.sliced(1);
        base = 8;
    }
    if (part.isEmpty())
        return 0;
    if (part.size() > 12)
        return std::nullopt;
    bool ok = false;
    const quint64 value = part.toULongLong(&ok, base);
    if (!ok)
        return std::nullopt;
    return value;
}

// WHATWG URL "ends in a number checker". Runs on every Origin header, so it looks at the last
// label in place rather than splitting the host.
bool endsInANumber(QStringView host)
{
    if (host.endsWith(u'.'))
        host.chop(1);
    if (host.isEmpty())
        return false;
    const qsizetype dot = host.lastIndexOf(u'.');
    const QStringView last = dot < 0 ? host : host.sliced(dot + 1);
    if (last.isEmpty())
        return false;
    bool allDigits = true;
    for (QChar c : last)
        allDigits = allDigits && c.unicode() >= '0' && c.unicode() <= '9';
    if (allDigits)
        return true;
    return parseIpv4Number(last).has_value();
}

std::optional<QString> parseIpv4(QStringView host, QString *errorMessage)
{
    QList<QStringView> parts = host.split(u'.');
    if (parts.last().isEmpty() && parts.size() > 1)
        parts.removeLast();
    const auto invalid = [&] {
        fail(errorMessage, u"'%1' is not a valid IPv4 address"_s.arg(host));
        return std::nullopt;
    };
    if (parts.size() > 4)
        return invalid();
    QList<quint64> numbers;
    for (QStringView part : parts) {
        const auto number = parseIpv4Number(part);
        if (!number)
            return invalid();
        numbers.append(*number);
    }
    for (qsizetype i = 0; i + 1 < numbers.size(); ++i) {
        if (numbers[i] > 255)
            return invalid();
    }
    quint64 limit = 1;
    for (qsizetype i = 0; i < 5 - numbers.size(); ++i)
        limit *= 256;
    if (numbers.last() >= limit)
        return invalid();
    quint64 address = numbers.last();
    for (qsizetype i = 0; i + 1 < numbers.size(); ++i) {
        quint64 factor = 1;
        for (qsizetype k = 0; k < 3 - i; ++k)
            factor *= 256;
        address += numbers[i] * factor;
    }
    return u"%1.%2.%3.%4"_s.arg((address >> 24) & 0xff)
        .arg((address >> 16) & 0xff)
        .arg((address >> 8) & 0xff)
        .arg(address & 0xff);
}

// WHATWG URL "IPv6 parser" and "IPv6 serializer".
std::optional<QString> parseIpv6(QStringView input, QString *errorMessage)
{
    std::array<quint16, 8> address {};
    int pieceIndex = 0;
    int compress = -1;
    qsizetype pointer = 0;
    const qsizetype size = input.size();
    const auto invalid = [&] {
        fail(errorMessage, u"'[%1]' is not a valid IPv6 address"_s.arg(input));
        return std::nullopt;
    };
    const auto at = [&](qsizetype i) -> char16_t {
        return i < size ? input[i].unicode() : 0;
    };
    const auto hexValue = [](char16_t c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };

    if (at(0) == ':') {
        if (at(1) != ':')
            return invalid();
        pointer += 2;
        ++pieceIndex;
        compress = pieceIndex;
    }
    while (pointer < size) {
        if (pieceIndex == 8)
            return invalid();
        if (at(pointer) == ':') {
            if (compress != -1)
                return invalid();
            ++pointer;
            ++pieceIndex;
            compress = pieceIndex;
            continue;
        }
        int value = 0;
        int length = 0;
        while (length < 4 && hexValue(at(pointer)) >= 0) {
            value = value * 0x10 + hexValue(at(pointer));
            ++pointer;
            ++length;
        }
        if (at(pointer) == '.') {
            if (length == 0)
                return invalid();
            pointer -= length;
            if (pieceIndex > 6)
                return invalid();
            int numbersSeen = 0;
            while (pointer < size) {
                int ipv4Piece = -1;
                if (numbersSeen > 0) {
                    if (at(pointer) == '.' && numbersSeen < 4)
                        ++pointer;
                    else
                        return invalid();
                }
                if (!(at(pointer) >= '0' && at(pointer) <= '9'))
                    return invalid();
                while (at(pointer) >= '0' && at(pointer) <= '9') {
                    const int number = at(pointer) - '0';
                    if (ipv4Piece == -1)
                        ipv4Piece = number;
                    else if (ipv4Piece == 0)
                        return invalid();
                    else
                        ipv4Piece = ipv4Piece * 10 + number;
                    if (ipv4Piece > 255)
                        return invalid();
                    ++pointer;
                }
                address[pieceIndex] = static_cast<quint16>(address[pieceIndex] * 0x100 + ipv4Piece);
                ++numbersSeen;
                if (numbersSeen == 2 || numbersSeen == 4)
                    ++pieceIndex;
            }
            if (numbersSeen != 4)
                return invalid();
            break;
        }
        if (at(pointer) == ':') {
            ++pointer;
            if (pointer >= size)
                return invalid();
        } else if (pointer < size) {
            return invalid();
        }
        address[pieceIndex] = static_cast<quint16>(value);
        ++pieceIndex;
    }
    if (compress != -1) {
        int swaps = pieceIndex - compress;
        pieceIndex = 7;
        while (pieceIndex != 0 && swaps > 0) {
            std::swap(address[pieceIndex], address[compress + swaps - 1]);
            --pieceIndex;
            --swaps;
        }
    } else if (pieceIndex != 8) {
        return invalid();
    }

    // Serializer: compress the first longest run of two or more zero pieces.
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8;) {
        if (address[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && address[j] == 0)
            ++j;
        if (j - i > bestLength) {
            bestStart = i;
            bestLength = j - i;
        }
        i = j;
    }
    QString output = u"["_s;
    bool ignore0 = false;
    for (int i = 0; i < 8; ++i) {
        if (ignore0 && address[i] == 0)
            continue;
        ignore0 = false;
        if (bestStart == i) {
            output += i == 0 ? u"::"_s : u":"_s;
            ignore0 = true;
            continue;
        }
        output += QString::number(address[i], 16);
        if (i != 7)
            output += u':';
    }
    output += u']';
    return output;
}

bool isFastPathHost(QStringView host)
{
    // Lower-case LDH labels that do not end in a number: already canonical.
    if (host.isEmpty())
        return false;
    for (QChar c : host) {
        const char16_t u = c.unicode();
        if (!((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' || u == '.' || u == '_'))
            return false;
    }
    return !endsInANumber(host);
}

} // namespace

int Origin::defaultPort(QStringView scheme)
{
    if (scheme == u"http" || scheme == u"ws")
        return 80;
    if (scheme == u"https" || scheme == u"wss")
        return 443;
    if (scheme == u"ftp")
        return 21;
    return -1;
}

Origin::Origin(QString scheme, QString host, int port)
    : m_scheme(std::move(scheme))
    , m_host(std::move(host))
    , m_port(port)
{ }

std::optional<QString> Origin::canonicalHost(QStringView host, QString *errorMessage)
{
    if (host.isEmpty()) {
        fail(errorMessage, u"the host is empty"_s);
        return std::nullopt;
    }
    if (isFastPathHost(host))
        return host.toString();
    if (host.startsWith(u'[')) {
        if (!host.endsWith(u']') || host.size() < 3) {
            fail(errorMessage, u"'%1' is missing the closing ']' of an IPv6 address"_s.arg(host));
            return std::nullopt;
        }
        return parseIpv6(host.sliced(1, host.size() - 2), errorMessage);
    }
    for (QChar c : host) {
        if (c.unicode() == '%') {
            fail(errorMessage,
                 u"'%1' contains percent-encoding, which an origin's host never has"_s.arg(host));
            return std::nullopt;
        }
        if (isForbiddenDomainCodePoint(c.unicode())) {
            fail(errorMessage,
                 u"'%1' contains '%2', which is not allowed in a host name"_s.arg(host, QString(c)));
            return std::nullopt;
        }
    }
    QString ascii;
    bool isAscii = true;
    for (QChar c : host)
        isAscii = isAscii && c.unicode() < 128;
    if (isAscii) {
        ascii = host.toString().toLower();
    } else {
        ascii = QString::fromLatin1(QUrl::toAce(host.toString(), QUrl::AceTransitionalProcessing));
        if (ascii.isEmpty()) {
            fail(errorMessage, u"'%1' is not a valid internationalized domain name"_s.arg(host));
            return std::nullopt;
        }
    }
    if (endsInANumber(ascii))
        return parseIpv4(ascii, errorMessage);
    return ascii;
}

std::optional<Origin> Origin::parse(QByteArrayView headerValue, QString *errorMessage)
{
    // Fast path for what browsers send: "http(s)://" + a lower-case LDH host + an optional
    // non-default port, already canonical. Anything else takes the full parser.
    const bool https = headerValue.startsWith("https://");
    if (https || headerValue.startsWith("http://")) {
        const QByteArrayView rest = headerValue.sliced(https ? 8 : 7);
        qsizetype hostEnd = 0;
        bool canonical = !rest.isEmpty();
        while (hostEnd < rest.size() && rest[hostEnd] != ':') {
            const char ch = rest[hostEnd];
            canonical = canonical
                && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '.'
                    || ch == '_');
            ++hostEnd;
        }
        int port = https ? 443 : 80;
        if (canonical && hostEnd < rest.size()) {
            const QByteArrayView portText = rest.sliced(hostEnd + 1);
            canonical = !portText.isEmpty() && portText.size() <= 5 && portText[0] != '0';
            int value = 0;
            for (const char ch : portText) {
                canonical = canonical && ch >= '0' && ch <= '9';
                value = value * 10 + (ch - '0');
            }
            canonical = canonical && value <= 65535 && value != port;
            port = value;
        }
        if (canonical && hostEnd > 0) {
            const QString host = QString::fromLatin1(rest.first(hostEnd));
            if (isFastPathHost(host))
                return Origin(https ? u"https"_s : u"http"_s, host, port);
        }
    }
    return parse(QString::fromLatin1(headerValue), errorMessage);
}

std::optional<Origin> Origin::parse(QStringView input, QString *errorMessage)
{
    const QStringView text = input.trimmed();
    if (text == u"null")
        return Origin();
    if (text.isEmpty()) {
        fail(errorMessage, u"the origin is empty"_s);
        return std::nullopt;
    }
    const qsizetype separator = text.indexOf(u"://");
    if (separator <= 0) {
        fail(errorMessage,
             u"'%1' has no scheme; an origin is written like https://example.com or http://localhost:3000"_s
                 .arg(text));
        return std::nullopt;
    }
    const QStringView schemeText = text.first(separator);
    for (qsizetype i = 0; i < schemeText.size(); ++i) {
        if (!isSchemeChar(schemeText[i], i == 0)) {
            fail(errorMessage, u"'%1' is not a valid URL scheme"_s.arg(schemeText));
            return std::nullopt;
        }
    }
    const QString scheme = schemeText.toString().toLower();
    if (scheme == u"file") {
        fail(errorMessage, u"a file: URL has an opaque origin, which browsers send as 'null'"_s);
        return std::nullopt;
    }

    QStringView rest = text.sliced(separator + 3);
    qsizetype pathAt = -1;
    for (qsizetype i = 0; i < rest.size() && pathAt < 0; ++i) {
        const char16_t u = rest[i].unicode();
        if (u == '/' || u == '?' || u == '#' || u == '\\')
            pathAt = i;
    }
    const QStringView authority = pathAt >= 0 ? rest.first(pathAt) : rest;
    if (authority.contains(u'@')) {
        fail(errorMessage,
             u"'%1' contains user info ('…@'); an origin is only scheme, host and port"_s.arg(text));
        return std::nullopt;
    }
    if (pathAt >= 0) {
        const char16_t u = rest[pathAt].unicode();
        const QString what = u == '?' ? u"a query"_s : u == '#' ? u"a fragment"_s : u"a path"_s;
        fail(errorMessage,
             u"'%1' has %2 ('%3'); an origin is only scheme, host and port, like %4://%5"_s.arg(
                 text, what, rest.sliced(pathAt), scheme, authority));
        return std::nullopt;
    }

    QStringView hostText = rest;
    QStringView portText;
    bool hasPort = false;
    if (rest.startsWith(u'[')) {
        const qsizetype close = rest.indexOf(u']');
        if (close < 0) {
            fail(errorMessage, u"'%1' is missing the closing ']' of an IPv6 address"_s.arg(text));
            return std::nullopt;
        }
        hostText = rest.first(close + 1);
        const QStringView after = rest.sliced(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(u':')) {
                fail(errorMessage, u"unexpected '%1' after the IPv6 address in '%2'"_s.arg(after, text));
                return std::nullopt;
            }
            portText = after.sliced(1);
            hasPort = true;
        }
    } else if (const qsizetype colon = rest.lastIndexOf(u':'); colon >= 0) {
        hostText = rest.first(colon);
        portText = rest.sliced(colon + 1);
        hasPort = true;
    }

    int port = defaultPort(scheme);
    if (hasPort) {
        bool digits = !portText.isEmpty() && portText.size() <= 5;
        for (QChar c : portText)
            digits = digits && c.unicode() >= '0' && c.unicode() <= '9';
        const int value = digits ? portText.toInt() : -1;
        if (!digits || value > 65535) {
            fail(errorMessage,
                 portText.isEmpty() ? u"'%1' ends in ':' without a port number"_s.arg(text)
                                    : u"'%1' is not a port number (0–65535) in '%2'"_s.arg(portText, text));
            return std::nullopt;
        }
        port = value;
    }

    QString host;
    if (isSpecialScheme(scheme)) {
        QString hostError;
        const auto canonical = canonicalHost(hostText, &hostError);
        if (!canonical) {
            fail(errorMessage, u"invalid host in '%1': %2"_s.arg(text, hostError));
            return std::nullopt;
        }
        host = *canonical;
    } else {
        if (hostText.isEmpty()) {
            fail(errorMessage, u"'%1' has no host"_s.arg(text));
            return std::nullopt;
        }
        for (QChar c : hostText) {
            if (isForbiddenDomainCodePoint(c.unicode()) && c.unicode() != '[' && c.unicode() != ']') {
                fail(errorMessage,
                     u"'%1' contains '%2', which is not allowed in a host"_s.arg(hostText, QString(c)));
                return std::nullopt;
            }
        }
        host = hostText.toString().toLower();
    }
    return Origin(scheme, host, port);
}

Origin Origin::ofUrl(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if (!isSpecialScheme(scheme) || url.host().isEmpty())
        return Origin();
    QString host = url.host(QUrl::FullyEncoded);
    if (host.contains(u':'))
        host = u'[' + host + u']';
    const auto canonical = canonicalHost(host);
    if (!canonical)
        return Origin();
    return Origin(scheme, *canonical, url.port(defaultPort(scheme)));
}

bool Origin::isIpAddressHost(QStringView canonicalHost)
{
    return canonicalHost.startsWith(u'[') || (!canonicalHost.isEmpty() && endsInANumber(canonicalHost));
}

bool Origin::isIpAddress() const
{
    return !isOpaque() && isIpAddressHost(m_host);
}

bool Origin::isLoopback() const
{
    if (isOpaque())
        return false;
    if (m_host == u"localhost" || m_host.endsWith(u".localhost") || m_host == u"[::1]")
        return true;
    return endsInANumber(m_host) && m_host.startsWith(u"127.");
}

QString Origin::serialize() const
{
    if (isOpaque())
        return u"null"_s;
    if (m_port == defaultPort(m_scheme) || m_port < 0)
        return m_scheme + u"://" + m_host;
    return m_scheme + u"://" + m_host + u':' + QString::number(m_port);
}

bool Origin::serializesTo(QByteArrayView bytes) const
{
    if (isOpaque())
        return bytes == "null";
    const auto matchesLatin1 = [](QByteArrayView a, const QString &b) {
        if (a.size() != b.size())
            return false;
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (static_cast<unsigned char>(a[i]) != b[i].unicode())
                return false;
        }
        return true;
    };
    const qsizetype schemeEnd = m_scheme.size();
    if (bytes.size() < schemeEnd + 3 || !matchesLatin1(bytes.first(schemeEnd), m_scheme)
        || bytes.sliced(schemeEnd, 3) != "://")
        return false;
    const QByteArrayView rest = bytes.sliced(schemeEnd + 3);
    if (m_port == defaultPort(m_scheme) || m_port < 0)
        return matchesLatin1(rest, m_host);
    const qsizetype colon = rest.lastIndexOf(':');
    return colon >= 0 && matchesLatin1(rest.first(colon), m_host)
        && rest.sliced(colon + 1) == QByteArray::number(m_port);
}

size_t qHash(const Origin &origin, size_t seed) noexcept
{
    return qHashMulti(seed, origin.scheme(), origin.host(), origin.port());
}

} // namespace cors
