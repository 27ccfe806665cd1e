#pragma once

#include "originpattern.h"
#include "portset.h"

#include <QFlags>
#include <QList>
#include <QString>
#include <QStringList>

namespace cors {

enum class Protocol : quint8 { Http = 0x1, Https = 0x2 };
Q_DECLARE_FLAGS(Protocols, Protocol)
Q_DECLARE_OPERATORS_FOR_FLAGS(Protocols)

QStringList protocolNames(Protocols protocols);
std::optional<Protocol> protocolFromName(QStringView name);

// One problem with one field of a rule, tenant or application, as the bundle reader reports it
// (with a JSON path) and the designer marks it (at the field).
struct FieldProblem
{
    QString field; // JSON field name: "domain", "ports", ...
    int index = -1; // the list item the problem is about, or -1
    QString message;

    friend bool operator==(const FieldProblem &, const FieldProblem &) = default;
};

// A CORS rule for the origins one `domain` covers — the fields of the "CORS Configuration"
// panel (seeds/000): allowed protocols and originating ports, allowed methods, request headers
// allowed in addition to the defaults, exposed response headers in addition to the defaults,
// credentials, and caching of the preflight result.
struct Rule
{
    QString domain;
    Protocols protocols = Protocol::Http | Protocol::Https;
    PortSet ports;
    QStringList methods;
    QStringList allowHeaders;
    QStringList exposeHeaders;
    bool allowCredentials = false;
    bool cachePreflight = false;
    int maxAge = 0; // seconds; sent only when cachePreflight is on
    bool enabled = true;
    QString note;

    // Every problem with the rule's fields; empty when the rule can be used.
    QList<FieldProblem> validate() const;
    // Canonicalizes `domain` and moves a scheme or port written into it ("http://localhost:3000")
    // into protocols and ports. Fails with a problem when they contradict each other.
    std::optional<FieldProblem> normalize();
    // The parsed domain; only meaningful for a rule that validates.
    OriginPattern pattern() const;

    friend bool operator==(const Rule &, const Rule &) = default;
};

} // namespace cors
