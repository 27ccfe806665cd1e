#pragma once

#include "origin.h"

#include <QRegularExpression>
#include <QString>

#include <optional>

namespace cors {

// The `domain` field of a CORS rule: which origins (by host) a rule is about.
//
//   example.com        exactly that host
//   *.example.com      any subdomain, at any depth, and never example.com itself
//   regex:<pattern>    a regular expression matched against the whole serialized origin
//   *                  any origin with a host (not the opaque origin)
//   null               the opaque origin that sandboxed frames, file: pages and
//                      cross-origin redirects send as "Origin: null"
//
// A domain written with a scheme and/or port ("http://localhost:3000", as users paste it) is
// accepted: the scheme and port are reported separately so that the rule's protocols and ports
// can take them (seeds/000: "use localhost instead of http://localhost").
class OriginPattern
{
public:
    enum class Kind { Host, Subdomains, Regex, Any, Null };

    OriginPattern() = default;
    static std::optional<OriginPattern> parse(QStringView domain, QString *errorMessage = nullptr);

    Kind kind() const { return m_kind; }
    // Host: the canonical host; Subdomains: the parent domain (without "*.").
    const QString &host() const { return m_host; }
    // Regex: the pattern as written after "regex:".
    const QString &regexPattern() const { return m_regexText; }
    // Regex: the compiled expression, anchored on both ends.
    const QRegularExpression &regex() const { return m_regex; }
    // The canonical text of the domain field (without any scheme or port that was written).
    QString toString() const;

    // Scheme and port written inside the domain, if any.
    const QString &impliedScheme() const { return m_impliedScheme; }
    int impliedPort() const { return m_impliedPort; }

    // Whether the pattern covers `origin`, leaving protocols and ports aside (a regex sees the
    // whole serialized origin, so it decides about scheme and port itself).
    bool matches(const Origin &origin) const;
    bool matchesHost(QStringView host) const;

    friend bool operator==(const OriginPattern &a, const OriginPattern &b)
    {
        return a.m_kind == b.m_kind && a.m_host == b.m_host && a.m_regexText == b.m_regexText
            && a.m_impliedScheme == b.m_impliedScheme && a.m_impliedPort == b.m_impliedPort;
    }

private:
    Kind m_kind = Kind::Any;
    QString m_host;
    QString m_regexText;
    QRegularExpression m_regex;
    QString m_impliedScheme;
    int m_impliedPort = -1;
};

} // namespace cors
