#pragma once

#include <QtGlobal>

#include <chrono>

namespace cors {

// What one HTTP endpoint of the live server accepts before it answers with an error or drops the
// connection, so that garbage, oversized and slow clients cannot make it grow without bound or
// hang (the server runs inside the GUI). The defaults are generous for anything a browser's
// fetch() sends and small enough that 128 connections at their limits stay in tens of MiB.
struct HttpLimits
{
    // The request line ("PUT /items?tenant=acme HTTP/1.1"): 414 URI Too Long beyond it.
    qsizetype maxRequestLine = 8 * 1024;
    // All header lines of one request together, and how many there may be: 431 beyond either.
    qsizetype maxHeaderBytes = 64 * 1024;
    int maxHeaderFields = 128;
    // A request body (Content-Length): 413 Content Too Large beyond it.
    qsizetype maxBodyBytes = 256 * 1024;
    // From the first byte of a request to its last: 408 Request Timeout after it. Counted from the
    // first byte, not the latest, so that a client trickling a header a byte at a time (slowloris)
    // is cut off all the same.
    std::chrono::milliseconds requestTimeout { 10000 };
    // How long a kept-alive connection may sit without starting a request, and how long a client
    // may leave a response unread, before the connection is closed.
    std::chrono::milliseconds idleTimeout { 30000 };
    // Open connections per endpoint; more are closed as soon as they are accepted.
    int maxConnections = 128;
    // Responses written but not yet taken by the client: past this, the endpoint stops reading the
    // connection's pipelined requests until the client catches up.
    qsizetype maxPendingOutput = 1024 * 1024;

    friend bool operator==(const HttpLimits &, const HttpLimits &) = default;
};

} // namespace cors
