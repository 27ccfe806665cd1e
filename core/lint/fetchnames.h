#pragma once

#include <QString>

namespace cors {

// Name tables of the Fetch standard (https://fetch.spec.whatwg.org/) and of the shipping browsers
// that the linter compares rule fields with. Names compare case-insensitively except methods,
// which are case-sensitive tokens (Fetch §2.2.1, "method").
class FetchNames
{
public:
    // Fetch §2.2.1 "forbidden method": CONNECT, TRACE, TRACK — fetch() throws a TypeError.
    static bool isForbiddenMethod(QStringView method);
    // Fetch §2.2.1 "CORS-safelisted method": GET, HEAD, POST.
    static bool isSafelistedMethod(QStringView method);
    // Fetch §2.2.1 "normalize a method": the names browsers upper-case (DELETE, GET, HEAD,
    // OPTIONS, POST, PUT), compared case-insensitively; every other method is sent as written.
    static bool isNormalizedMethod(QStringView method);
    // Fetch §2.2.2 "forbidden request-header name" (including the Proxy- and Sec- prefixes):
    // script cannot set these, so a preflight never asks for them.
    static bool isForbiddenRequestHeader(QStringView name);
    // Request headers whose safelisted values never need permission (Fetch §2.2.2
    // "CORS-safelisted request-header", the ones every rule allows in the engine).
    static bool isSafelistedRequestHeader(QStringView name);
    // Fetch §2.2.2 "forbidden response-header name": Set-Cookie, Set-Cookie2 — never exposed.
    static bool isForbiddenResponseHeader(QStringView name);
    // Fetch §2.2.2 "CORS-safelisted response-header name": always readable by script.
    static bool isSafelistedResponseHeader(QStringView name);
    // Response headers that carry credentials or anti-forgery tokens: exposing them to every
    // trusted origin's script hands those secrets out.
    static bool isSensitiveResponseHeader(QStringView name);
};

} // namespace cors
