#include "originpattern.h"

using namespace Qt::StringLiterals;

namespace cors {

namespace {
constexpr QStringView regexPrefix = u"regex:";

bool fail(QString *errorMessage, const QString &message)
{
    if (errorMessage)
        *errorMessage = message;
    return false;
}
} // namespace

std::optional<OriginPattern> OriginPattern::parse(QStringView input, QString *errorMessage)
{
    OriginPattern pattern;
    const QStringView text = input.trimmed();
    if (text.isEmpty()) {
        fail(errorMessage,
             u"the domain is empty; enter a host such as example.com, *.example.com, regex:…, * or null"_s);
        return std::nullopt;
    }
    if (text.startsWith(regexPrefix)) {
        const QString expression = text.sliced(regexPrefix.size()).toString();
        if (expression.isEmpty()) {
            fail(
                errorMessage,
                u"'regex:' needs a pattern after it, for example regex:https://(app|admin)\\.example\\.com"_s);
            return std::nullopt;
        }
        pattern.m_kind = Kind::Regex;
        pattern.m_regexText = expression;
        // Anchored on the whole serialized origin; hosts compare case-insensitively.
        const QString anchored = QRegularExpression::anchoredPattern(expression);
        const qsizetype anchorPrefix = anchored.indexOf(expression);
        pattern.m_regex = QRegularExpression(
            anchored, QRegularExpression::CaseInsensitiveOption | QRegularExpression::DontCaptureOption);
        if (!pattern.m_regex.isValid()) {
            const qsizetype offset = qMax<qsizetype>(0, pattern.m_regex.patternErrorOffset() - anchorPrefix);
            fail(errorMessage,
                 u"the regular expression is invalid at offset %1: %2"_s.arg(offset).arg(
                     pattern.m_regex.errorString()));
            return std::nullopt;
        }
        pattern.m_regex.optimize();
        return pattern;
    }
    if (text == u"null") {
        pattern.m_kind = Kind::Null;
        return pattern;
    }

    QStringView rest = text;
    if (const qsizetype separator = rest.indexOf(u"://"); separator >= 0) {
        const QString scheme = rest.first(separator).toString().toLower();
        if (scheme != u"http" && scheme != u"https") {
            fail(
                errorMessage,
                u"'%1' uses the scheme '%2'; a domain may only be written with http:// or https:// (use regex: for other schemes)"_s
                    .arg(text, scheme));
            return std::nullopt;
        }
        pattern.m_impliedScheme = scheme;
        rest = rest.sliced(separator + 3);
        if (rest.endsWith(u'/'))
            rest.chop(1); // pasted from an address bar
    }
    for (const char16_t forbidden : { u'/', u'?', u'#', u'@', u'\\' }) {
        if (rest.contains(QChar(forbidden))) {
            fail(errorMessage,
                 u"'%1' contains '%2'; a domain is a host name, without path, query or user name"_s.arg(
                     text, QString(QChar(forbidden))));
            return std::nullopt;
        }
    }

    // An explicit port ("localhost:3000", "[::1]:8080").
    const qsizetype bracket = rest.lastIndexOf(u']');
    const qsizetype colon = rest.lastIndexOf(u':');
    if (colon >= 0 && colon > bracket && !(bracket < 0 && rest.count(u':') > 1)) {
        const QStringView portText = rest.sliced(colon + 1);
        bool ok = false;
        const int port = portText.toInt(&ok);
        bool digits = !portText.isEmpty();
        for (QChar c : portText)
            digits = digits && c.unicode() >= '0' && c.unicode() <= '9';
        if (!digits || !ok || port > 65535) {
            fail(errorMessage, u"'%1' is not a port number (0–65535) in '%2'"_s.arg(portText, text));
            return std::nullopt;
        }
        pattern.m_impliedPort = port;
        rest = rest.first(colon);
    }

    if (rest == u"*") {
        pattern.m_kind = Kind::Any;
        return pattern;
    }
    if (rest.startsWith(u"*.")) {
        const QStringView parent = rest.sliced(2);
        if (parent.contains(u'*')) {
            fail(errorMessage,
                 u"'%1': only one leading '*.' is supported; use regex: for other patterns"_s.arg(text));
            return std::nullopt;
        }
        QString hostError;
        const auto canonical = Origin::canonicalHost(parent, &hostError);
        if (!canonical) {
            fail(errorMessage, u"invalid domain after '*.' in '%1': %2"_s.arg(text, hostError));
            return std::nullopt;
        }
        if (Origin::isIpAddressHost(*canonical)) {
            fail(errorMessage,
                 u"'%1': an IP address has no subdomains; write the address itself"_s.arg(text));
            return std::nullopt;
        }
        pattern.m_kind = Kind::Subdomains;
        pattern.m_host = *canonical;
        return pattern;
    }
    if (rest.contains(u'*')) {
        fail(
            errorMessage,
            u"'%1': '*' is only allowed alone or as a leading '*.' (as in *.example.com); use regex: for other patterns"_s
                .arg(text));
        return std::nullopt;
    }
    QString hostError;
    const auto canonical = Origin::canonicalHost(rest, &hostError);
    if (!canonical) {
        fail(errorMessage, u"invalid domain '%1': %2"_s.arg(text, hostError));
        return std::nullopt;
    }
    pattern.m_kind = Kind::Host;
    pattern.m_host = *canonical;
    return pattern;
}

QString OriginPattern::toString() const
{
    switch (m_kind) {
    case Kind::Host:
        return m_host;
    case Kind::Subdomains:
        return u"*."_s + m_host;
    case Kind::Regex:
        return regexPrefix.toString() + m_regexText;
    case Kind::Any:
        return u"*"_s;
    case Kind::Null:
        return u"null"_s;
    }
    return {};
}

bool OriginPattern::matchesHost(QStringView host) const
{
    switch (m_kind) {
    case Kind::Host:
        return host.compare(m_host, Qt::CaseInsensitive) == 0;
    case Kind::Subdomains:
        // One or more labels in front of the parent domain; the parent itself never matches.
        return host.size() > m_host.size() + 1 && host.endsWith(m_host, Qt::CaseInsensitive)
            && host[host.size() - m_host.size() - 1] == u'.';
    case Kind::Any:
        return true;
    case Kind::Regex:
    case Kind::Null:
        return false;
    }
    return false;
}

bool OriginPattern::matches(const Origin &origin) const
{
    switch (m_kind) {
    case Kind::Null:
        return origin.isOpaque();
    case Kind::Regex:
        return m_regex.match(origin.serialize()).hasMatch();
    default:
        return !origin.isOpaque() && matchesHost(origin.host());
    }
}

} // namespace cors
