#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace cors {

// A web origin (HTML §7.1.1 "origin"; Fetch §3.2.5 "Origin header"): a tuple of scheme, host
// and port, or the opaque origin that browsers serialize as "null".
//
// Parsing accepts what a browser would put in an Origin header, and what an administrator types
// when they mean one: scheme and host are lower-cased, IDNs become punycode, IPv4 shorthand
// (127.1, 0x7f.0.0.1) and IPv6 are written in their canonical form, default ports are elided.
// Anything that is not an origin — a path, a query, user info — is refused with a message that
// says what was wrong.
class Origin
{
public:
    Origin() = default; // the opaque origin
    static Origin opaque() { return {}; }
    static std::optional<Origin> parse(QStringView text, QString *errorMessage = nullptr);
    static std::optional<Origin> parse(QByteArrayView headerValue, QString *errorMessage = nullptr);
    // The origin of a URL (HTML "obtain the origin of a URL"): opaque for file:, data: and
    // other non-special schemes.
    static Origin ofUrl(const QUrl &url);

    // The default port of a special scheme (WHATWG URL §4.1), or -1.
    static int defaultPort(QStringView scheme);
    // Canonical host as the WHATWG URL parser produces it for a special scheme, or nullopt
    // with a message. IPv6 addresses are returned with their brackets.
    static std::optional<QString> canonicalHost(QStringView host, QString *errorMessage = nullptr);
    // Whether a canonical host is an IPv4 or IPv6 address rather than a domain name.
    static bool isIpAddressHost(QStringView canonicalHost);

    bool isOpaque() const { return m_scheme.isEmpty(); }
    const QString &scheme() const { return m_scheme; }
    const QString &host() const { return m_host; }
    // The port the origin uses: explicit, or the scheme's default; -1 if there is none.
    int port() const { return m_port; }
    bool usesDefaultPort() const { return m_port == defaultPort(m_scheme); }
    bool isIpAddress() const;
    // localhost, *.localhost, 127.0.0.0/8 and [::1] (Secure Contexts §3.1).
    bool isLoopback() const;

    // The ASCII serialization ("https://example.com:8443", or "null").
    QString serialize() const;
    QByteArray toHeaderValue() const { return serialize().toLatin1(); }
    // Whether serialize() would produce exactly these bytes (compared without building it).
    bool serializesTo(QByteArrayView bytes) const;

    friend bool operator==(const Origin &, const Origin &) = default;

private:
    Origin(QString scheme, QString host, int port);

    QString m_scheme;
    QString m_host;
    int m_port = -1;
};

size_t qHash(const Origin &origin, size_t seed = 0) noexcept;

} // namespace cors
