#pragma once

#include "httplimits.h"

#include <QHostAddress>
#include <QString>

namespace cors {

// Where the live server listens. Loopback unless asked otherwise: the server answers with the
// tenants' rules and shows their names to anyone who can reach it, so binding any other address
// takes an explicit allowNonLoopback (and the GUI shows a warning: LiveServer::bindsBeyondLoopback).
struct LiveServerOptions
{
    // Fixed defaults, so that the test page's origin stays the same from one run to the next
    // (rules name its port). The page's port is in 3000-3999, which the demo tenant's
    // "localhost" rule for front-end dev servers allows.
    static constexpr quint16 kDefaultApiPort = 8780;
    static constexpr quint16 kDefaultPagePort = 3780;

    // QHostAddress::LocalHost (the default) also listens on ::1, since "localhost" in the URLs may
    // resolve to either.
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    bool allowNonLoopback = false;
    quint16 apiPort = kDefaultApiPort; // 0: any free port
    quint16 pagePort = kDefaultPagePort; // 0: any free port
    // The host name in the two URLs; empty: "localhost" on loopback, the address otherwise (for
    // "any address", this machine's first non-loopback IPv4 address).
    QString hostName;
    HttpLimits limits;

    bool isLoopback() const { return address.isLoopback(); }

    friend bool operator==(const LiveServerOptions &, const LiveServerOptions &) = default;
};

} // namespace cors
