#include "originregex.h"

using namespace Qt::StringLiterals;

namespace cors {

namespace {

// A canonical host: a dotted-decimal IPv4 address, a bracketed IPv6 address, or a name made of
// the characters the WHATWG host parser keeps (no upper case, no forbidden domain code point)
// whose last label is not a number (the URL parser would have read it as IPv4).
const QString kOctet = u"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"_s;
const QString kNameChar = u"[a-z0-9!\"$&'()*+,;=_`{}~.-]"_s;
const QString kPort =
    u"(?:0|[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"_s;

QString canonicalHost()
{
    const QString ipv4 = u"(?:%1\\.){3}%1"_s.arg(kOctet);
    const QString ipv6 = u"\\[[0-9a-f:.]+\\]"_s;
    const QString name = u"(?!(?:%1*\\.)?(?:[0-9]+|0x[0-9a-f]{0,12})\\.?(?::|$))%1+"_s.arg(kNameChar);
    return u"(?:%1|%2|%3)"_s.arg(ipv4, ipv6, name);
}

// Any host of a canonical origin (which canonicalOrigin() has already checked).
const QString kAnyHost = u"(?:\\[[0-9a-f:.]+\\]|[^/:\\[\\]]+)"_s;

// All fixed-width digit strings from `low` to `high` (same length), leading zeros allowed.
QString fixedWidth(const QString &low, const QString &high)
{
    if (low.isEmpty())
        return {};
    if (low == high)
        return low;
    if (low[0] == high[0])
        return low[0] + fixedWidth(low.sliced(1), high.sliced(1));
    const qsizetype rest = low.size() - 1;
    const QString nines(rest, u'9');
    const QString zeros(rest, u'0');
    const auto tail = [&] {
        return rest == 0 ? QString() : (rest == 1 ? u"[0-9]"_s : u"[0-9]{%1}"_s.arg(rest));
    };
    const auto digits = [](QChar a, QChar b) {
        return a == b ? QString(a) : u"[%1-%2]"_s.arg(a).arg(b);
    };
    QStringList parts;
    QChar from = low[0];
    QChar to = high[0];
    if (low.sliced(1) != zeros) {
        parts.append(low[0] + fixedWidth(low.sliced(1), nines));
        from = QChar(from.unicode() + 1);
    }
    const bool highIsPartial = high.sliced(1) != nines;
    if (highIsPartial)
        to = QChar(to.unicode() - 1);
    if (from <= to)
        parts.append(digits(from, to) + tail());
    if (highIsPartial)
        parts.append(high[0] + fixedWidth(zeros, high.sliced(1)));
    return parts.size() == 1 ? parts.first() : u"(?:"_s + parts.join(u'|') + u')';
}

// ":port" for the ports a host rule names; the default port of `scheme` is written without it.
QString portSuffix(const PortSet &ports, const QString &scheme, bool defaultMeansAny)
{
    if (ports.isAny() || (ports.isDefault() && defaultMeansAny))
        return u"(?::[0-9]+)?"_s;
    if (ports.isDefault())
        return {};
    QStringList alternatives;
    for (const PortSet::Range &range : ports.ranges())
        alternatives.append(OriginRegex::portRange(range.first, range.last));
    const QString explicitPort = u"(?::(?:"_s + alternatives.join(u'|') + u"))"_s;
    return ports.contains(Origin::defaultPort(scheme)) ? explicitPort + u'?' : explicitPort;
}

QString hostAlternatives(const Rule &rule, const QString &host, bool defaultMeansAny)
{
    QStringList alternatives;
    for (const QString &scheme : protocolNames(rule.protocols))
        alternatives.append(scheme + u"://" + host + portSuffix(rule.ports, scheme, defaultMeansAny));
    return alternatives.size() == 1 ? alternatives.first() : u"(?:"_s + alternatives.join(u'|') + u')';
}

bool isAsciiLetterOrDigit(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
}

} // namespace

QString OriginRegex::canonicalOrigin()
{
    const QString host = canonicalHost();
    return u"^(?:null|http://%1(?::(?!80$)%2)?|https://%1(?::(?!443$)%2)?)$"_s.arg(host, kPort);
}

QString OriginRegex::portRange(int first, int last)
{
    QStringList alternatives;
    for (int width = 1; width <= 5; ++width) {
        int low = 1;
        for (int i = 1; i < width; ++i)
            low *= 10;
        const int high = low * 10 - 1;
        const int from = qMax(first, width == 1 ? 0 : low);
        const int to = qMin(last, high);
        if (from > to)
            continue;
        alternatives.append(fixedWidth(QString::number(from), QString::number(to)));
    }
    return alternatives.join(u'|');
}

QString OriginRegex::escape(QStringView literal)
{
    QString result;
    for (const QChar c : literal) {
        if (!isAsciiLetterOrDigit(c))
            result += u'\\';
        result += c;
    }
    return result;
}

QString OriginRegex::forRule(const Rule &rule, const QString &userPattern)
{
    const OriginPattern pattern = rule.pattern();
    switch (pattern.kind()) {
    case OriginPattern::Kind::Host:
        return u'^' + hostAlternatives(rule, escape(pattern.host()), false) + u'$';
    case OriginPattern::Kind::Subdomains:
        // One or more labels in front of the parent, never the parent itself.
        return u'^' + hostAlternatives(rule, u"[^/:\\[\\]]+\\."_s + escape(pattern.host()), false) + u'$';
    case OriginPattern::Kind::Any:
        return u'^' + hostAlternatives(rule, kAnyHost, true) + u'$';
    case OriginPattern::Kind::Null:
        return u"^null$"_s;
    case OriginPattern::Kind::Regex:
        // RuleIndex::accepts() checks protocol and port before the pattern sees the origin;
        // QRegularExpression::anchoredPattern() wraps the pattern as \A(?:...)\z.
        return u"^(?="_s + hostAlternatives(rule, kAnyHost, true) + u"$)(?:"_s + userPattern + u")$"_s;
    }
    return {};
}

QString OriginRegex::forOrigin(const QString &serializedOrigin)
{
    return u'^' + escape(serializedOrigin) + u'$';
}

QString OriginRegex::commonProblem(const QString &pcrePattern)
{
    for (const QChar c : pcrePattern) {
        if (c.unicode() >= 0x80 || c.unicode() < 0x20) {
            return u"the pattern contains '%1' (U+%2); the servers match bytes where QRegularExpression "
                   "matches Unicode code points, so only printable ASCII patterns are exported (an origin a "
                   "browser sends is ASCII: write an internationalized host in its xn-- form)"_s.arg(c)
                       .arg(int(c.unicode()), 4, 16, QChar(u'0'));
        }
    }
    return {};
}

QString OriginRegex::nginxProblem(const QString &pcrePattern)
{
    if (pcrePattern.contains(u"(?<") && !pcrePattern.contains(u"(?<=") && !pcrePattern.contains(u"(?<!"))
        return u"the pattern has a named group '(?<name>...)', which nginx turns into a variable $name; write (?:...) instead"_s;
    if (pcrePattern.contains(u"(?P<") || pcrePattern.contains(u"(?'"))
        return u"the pattern has a named group, which nginx turns into a variable; write (?:...) instead"_s;
    return {};
}

std::optional<QString> OriginRegex::toJavaScript(const QString &pattern, QString *why)
{
    const auto refuse = [&](const QString &reason) -> std::optional<QString> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    if (const QString problem = commonProblem(pattern); !problem.isEmpty())
        return refuse(problem);

    // Escapes that PCRE2 and JavaScript (without the u flag) read the same way on ASCII text.
    const QString sameEscapes = u"dDwWsSbBntrf.\\/[](){}*+?^$|-"_s;
    QString out;
    bool inClass = false;
    const qsizetype n = pattern.size();
    bool quantifiable = false; // whether the previous item may take a quantifier
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = pattern[i];
        if (c == u'\\') {
            if (i + 1 >= n)
                return refuse(u"the pattern ends in a lone backslash"_s);
            const QChar e = pattern[i + 1];
            if (inClass && (e == u'b' || e == u'B'))
                return refuse(
                    u"'\\%1' inside a character class means different things in PCRE and JavaScript"_s.arg(
                        e));
            if (!sameEscapes.contains(e) && !(!isAsciiLetterOrDigit(e) && e != u' '))
                return refuse(u"'\\%1' has no JavaScript equivalent that matches the same origins"_s.arg(e));
            out += c;
            out += e;
            ++i;
            quantifiable = true;
            continue;
        }
        if (inClass) {
            if (c == u'[' && i + 1 < n
                && (pattern[i + 1] == u':' || pattern[i + 1] == u'.' || pattern[i + 1] == u'='))
                return refuse(u"POSIX character classes such as [[:alpha:]] do not exist in JavaScript"_s);
            if (c == u']')
                inClass = false;
            out += c;
            continue;
        }
        switch (c.unicode()) {
        case '[': {
            qsizetype j = i + 1;
            if (j < n && pattern[j] == u'^')
                ++j;
            if (j < n && pattern[j] == u']')
                return refuse(
                    u"a ']' first in a character class is a literal in PCRE but ends the class in JavaScript; escape it as \\]"_s);
            inClass = true;
            out += c;
            if (j > i + 1) {
                out += u'^';
                i = j - 1;
            }
            quantifiable = true;
            continue;
        }
        case '(': {
            if (i + 1 < n && pattern[i + 1] == u'?') {
                const QStringView rest = QStringView(pattern).sliced(i);
                bool known = false;
                for (const QStringView prefix : { u"(?:", u"(?=", u"(?!", u"(?<=", u"(?<!" }) {
                    if (rest.startsWith(prefix)) {
                        out += prefix;
                        i += prefix.size() - 1;
                        known = true;
                        break;
                    }
                }
                if (!known && rest.startsWith(u"(?<")) {
                    // A named group: the same syntax and the same matching in both (the name
                    // only labels the capture, which nothing here reads).
                    qsizetype k = 3;
                    while (k < rest.size() && (isAsciiLetterOrDigit(rest[k]) || rest[k] == u'_'))
                        ++k;
                    if (k > 3 && k < rest.size() && rest[k] == u'>' && !rest[3].isDigit()) {
                        out += rest.first(k + 1);
                        i += k;
                        known = true;
                    }
                }
                if (!known)
                    return refuse(u"the group '%1' (inline options, atomic or named groups, comments, "
                                  "conditions, recursion) has no exact JavaScript equivalent"_s.arg(
                                      rest.first(qMin<qsizetype>(4, rest.size()))));
            } else {
                // QRegularExpression::DontCaptureOption: a plain group does not capture, so a
                // non-capturing group in JavaScript is the same.
                out += u"(?:"_s;
            }
            quantifiable = false;
            continue;
        }
        case ')':
            out += c;
            quantifiable = true;
            continue;
        case '*':
        case '+':
        case '?':
            if (!quantifiable && c != u'?')
                return refuse(u"'%1' at offset %2 has nothing to repeat"_s.arg(c).arg(i));
            out += c;
            if (i + 1 < n && pattern[i + 1] == u'+')
                return refuse(u"possessive quantifiers ('%1+') do not exist in JavaScript"_s.arg(c));
            if (i + 1 < n && pattern[i + 1] == u'?') {
                out += u'?';
                ++i;
            }
            quantifiable = false;
            continue;
        case '{': {
            const qsizetype close = pattern.indexOf(u'}', i);
            const QStringView body =
                close > i ? QStringView(pattern).sliced(i + 1, close - i - 1) : QStringView();
            bool valid = close > i && !body.isEmpty() && quantifiable;
            bool seenComma = false;
            for (qsizetype k = 0; valid && k < body.size(); ++k) {
                if (body[k] == u',') {
                    valid = !seenComma && k > 0;
                    seenComma = true;
                } else {
                    valid = body[k].isDigit() && body[k].unicode() < 0x80;
                }
            }
            if (!valid)
                return refuse(
                    u"'{' at offset %1 is not a {n}, {n,} or {n,m} quantifier; escape a literal brace as \\{"_s
                        .arg(i));
            out += QStringView(pattern).sliced(i, close - i + 1);
            i = close;
            if (i + 1 < n && pattern[i + 1] == u'+')
                return refuse(u"possessive quantifiers ('}+') do not exist in JavaScript"_s);
            if (i + 1 < n && pattern[i + 1] == u'?') {
                out += u'?';
                ++i;
            }
            quantifiable = false;
            continue;
        }
        case '/':
            out += u"\\/"_s;
            quantifiable = true;
            continue;
        case '^':
        case '$':
        case '|':
            out += c;
            quantifiable = false;
            continue;
        default:
            out += c;
            quantifiable = true;
            continue;
        }
    }
    if (inClass)
        return refuse(u"the character class is not closed"_s);
    return out;
}

} // namespace cors
