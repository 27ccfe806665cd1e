#include "corssafelist.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

bool nameIs(QByteArrayView name, QByteArrayView expected)
{
    return HttpHeaders::nameEquals(name, expected);
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHttpWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool fail(QString *reason, const QString &text)
{
    if (reason)
        *reason = text;
    return false;
}

// 1*DIGIT [ "." 1*DIGIT ] — DPR and Device-Memory (cors.cc, IsSimilarToDoubleABNF).
bool isDecimalNumber(QByteArrayView value)
{
    const qsizetype dot = value.indexOf('.');
    const QByteArrayView whole = dot < 0 ? value : value.first(dot);
    const QByteArrayView fraction = dot < 0 ? QByteArrayView() : value.sliced(dot + 1);
    if (whole.isEmpty() || !std::all_of(whole.begin(), whole.end(), isDigit))
        return false;
    if (dot < 0)
        return true;
    return !fraction.isEmpty() && std::all_of(fraction.begin(), fraction.end(), isDigit);
}

bool isInteger(QByteArrayView value)
{
    return !value.isEmpty() && std::all_of(value.begin(), value.end(), isDigit);
}

QString quoted(QByteArrayView value)
{
    return u'"' + QString::fromLatin1(value) + u'"';
}

} // namespace

bool CorsSafelist::isSafelistedMethod(QByteArrayView method)
{
    return method == "GET" || method == "HEAD" || method == "POST";
}

bool CorsSafelist::isUnsafeRequestHeaderByte(char c)
{
    const auto u = static_cast<unsigned char>(c);
    switch (u) {
    case 0x22:
    case 0x28:
    case 0x29:
    case 0x3a:
    case 0x3c:
    case 0x3e:
    case 0x3f:
    case 0x40:
    case 0x5b:
    case 0x5c:
    case 0x5d:
    case 0x7b:
    case 0x7d:
    case 0x7f:
        return true;
    default:
        return u < 0x20 && u != 0x09;
    }
}

std::optional<QByteArray> CorsSafelist::mimeTypeEssence(QByteArrayView value)
{
    qsizetype begin = 0;
    qsizetype end = value.size();
    while (begin < end && isHttpWhitespace(value[begin]))
        ++begin;
    while (end > begin && isHttpWhitespace(value[end - 1]))
        --end;
    const QByteArrayView input = value.sliced(begin, end - begin);
    const qsizetype slash = input.indexOf('/');
    if (slash <= 0)
        return std::nullopt;
    const QByteArrayView type = input.first(slash);
    QByteArrayView subtype = input.sliced(slash + 1);
    if (const qsizetype semicolon = subtype.indexOf(';'); semicolon >= 0)
        subtype = subtype.first(semicolon);
    while (!subtype.isEmpty() && isHttpWhitespace(subtype.back()))
        subtype.chop(1);
    if (!HttpHeaders::isToken(type) || !HttpHeaders::isToken(subtype))
        return std::nullopt;
    return (type.toByteArray() + '/' + subtype.toByteArray()).toLower();
}

bool CorsSafelist::isSafelistedRangeValue(QByteArrayView value)
{
    // Fetch §2.2.2 "parse a single range header value" with allowWhitespace false, then
    // "If rangeValue[0] is null, then return false": suffix ranges (bytes=-500) need a preflight.
    if (!value.startsWith("bytes="))
        return false;
    qsizetype position = 6;
    const qsizetype startBegin = position;
    while (position < value.size() && isDigit(value[position]))
        ++position;
    const QByteArrayView start = value.sliced(startBegin, position - startBegin);
    if (position >= value.size() || value[position] != '-')
        return false;
    ++position;
    const qsizetype endBegin = position;
    while (position < value.size() && isDigit(value[position]))
        ++position;
    const QByteArrayView end = value.sliced(endBegin, position - endBegin);
    if (position != value.size() || start.isEmpty())
        return false;
    if (end.isEmpty())
        return true;
    // Compare as numbers without overflowing: strip leading zeros, then length, then digits.
    const auto trimmed = [](QByteArrayView digits) {
        while (digits.size() > 1 && digits.front() == '0')
            digits = digits.sliced(1);
        return digits;
    };
    const QByteArrayView a = trimmed(start);
    const QByteArrayView b = trimmed(end);
    return a.size() != b.size() ? a.size() < b.size() : a.compare(b) <= 0;
}

bool CorsSafelist::isSafelistedRequestHeader(QByteArrayView name, QByteArrayView value,
                                             const BrowserProfile &browser, QString *reason)
{
    const QString label = QString::fromLatin1(name);
    // Fetch §2.2.2 "CORS-safelisted request-header", step 1.
    if (value.size() > 128)
        return fail(
            reason,
            u"its value is %1 bytes long, over the 128-byte limit of the safelist"_s.arg(value.size()));

    if (nameIs(name, "Accept")) {
        if (std::any_of(value.begin(), value.end(), isUnsafeRequestHeaderByte))
            return fail(reason, u"its value %1 contains a CORS-unsafe byte"_s.arg(quoted(value)));
        return true;
    }
    if (nameIs(name, "Accept-Language") || nameIs(name, "Content-Language")) {
        const auto allowed = [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' '
                || c == '*' || c == ',' || c == '-' || c == '.' || c == ';' || c == '=';
        };
        if (!std::all_of(value.begin(), value.end(), allowed))
            return fail(
                reason,
                u"its value %1 has a byte other than 0-9, A-Z, a-z, space and *,-.;="_s.arg(quoted(value)));
        return true;
    }
    if (nameIs(name, "Content-Type")) {
        if (std::any_of(value.begin(), value.end(), isUnsafeRequestHeaderByte))
            return fail(reason, u"its value %1 contains a CORS-unsafe byte"_s.arg(quoted(value)));
        const auto essence = mimeTypeEssence(value);
        if (!essence)
            return fail(reason, u"its value %1 is not a MIME type"_s.arg(quoted(value)));
        if (*essence != "application/x-www-form-urlencoded" && *essence != "multipart/form-data"
            && *essence != "text/plain") {
            return fail(
                reason,
                u"its type %1 is not application/x-www-form-urlencoded, multipart/form-data or text/plain"_s
                    .arg(QString::fromLatin1(*essence)));
        }
        return true;
    }
    if (nameIs(name, "Range")) {
        if (!isSafelistedRangeValue(value))
            return fail(reason,
                        u"its value %1 is not a single range bytes=N- or bytes=N-M"_s.arg(quoted(value)));
        return true;
    }
    if (browser.safelistsClientHints) {
        // services/network/public/cpp/cors/cors.cc, IsCorsSafelistedHeader.
        if (nameIs(name, "Intervention"))
            return true;
        if (nameIs(name, "Save-Data")) {
            if (value.compare("on", Qt::CaseInsensitive) != 0)
                return fail(reason, u"Chromium safelists Save-Data only with the value \"on\""_s);
            return true;
        }
        if (nameIs(name, "DPR") || nameIs(name, "Device-Memory")) {
            if (!isDecimalNumber(value))
                return fail(reason,
                            u"Chromium safelists %1 only when its value is a decimal number"_s.arg(label));
            return true;
        }
        if (nameIs(name, "Width") || nameIs(name, "Viewport-Width")) {
            if (!isInteger(value))
                return fail(reason,
                            u"Chromium safelists %1 only when its value is a whole number"_s.arg(label));
            return true;
        }
    }
    return fail(reason, u"not a CORS-safelisted request header"_s);
}

bool CorsSafelist::isNoCorsSafelistedRequestHeader(QByteArrayView name, QByteArrayView value)
{
    if (!nameIs(name, "Accept") && !nameIs(name, "Accept-Language") && !nameIs(name, "Content-Language")
        && !nameIs(name, "Content-Type")) {
        return false;
    }
    // All four are standard names, so no browser's additions to the safelist come into play.
    return isSafelistedRequestHeader(name, value, BrowserProfile());
}

bool CorsSafelist::isPrivilegedNoCorsRequestHeaderName(QByteArrayView name)
{
    return nameIs(name, "Range");
}

QByteArrayList CorsSafelist::unsafeRequestHeaderNames(const HttpHeaders &headers,
                                                      const BrowserProfile &browser)
{
    // Fetch §2.2.2 "CORS-unsafe request-header names".
    QByteArrayList unsafeNames;
    QByteArrayList potentiallyUnsafeNames;
    qsizetype safelistValueSize = 0;
    for (const auto &[name, value] : headers) {
        if (!isSafelistedRequestHeader(name, value, browser)) {
            unsafeNames.append(name.toLower());
        } else {
            potentiallyUnsafeNames.append(name.toLower());
            safelistValueSize += value.size();
        }
    }
    if (browser.limitsSafelistedTotal && safelistValueSize > 1024)
        unsafeNames += potentiallyUnsafeNames;
    std::sort(unsafeNames.begin(), unsafeNames.end());
    if (browser.joinsRepeatedHeaders)
        unsafeNames.erase(std::unique(unsafeNames.begin(), unsafeNames.end()), unsafeNames.end());
    return unsafeNames;
}

bool CorsSafelist::isSafelistedResponseHeaderName(QByteArrayView name)
{
    return nameIs(name, "Cache-Control") || nameIs(name, "Content-Language") || nameIs(name, "Content-Length")
        || nameIs(name, "Content-Type") || nameIs(name, "Expires") || nameIs(name, "Last-Modified")
        || nameIs(name, "Pragma");
}

} // namespace cors
