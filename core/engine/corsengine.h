#pragma once

#include "corsdecision.h"
#include "model/httpmessage.h"
#include "model/tenant.h"
#include "ruleindex.h"

#include <memory>
#include <optional>

namespace cors {

// The server side of CORS (DESIGN.md, "The two engines of the core"): what a server configured
// with one tenant's rules answers to a request, under the tenant's profile.
//
// Construction compiles the tenant's rules into a RuleIndex once; evaluate() is then cheap and
// thread-safe (it does not modify the engine). The GUI's simulator, corsctl, the live server
// and the exporters' conformance tests all call this same function.
class CorsEngine
{
public:
    CorsEngine() = default;
    explicit CorsEngine(Tenant tenant);

    const Tenant &tenant() const { return m_tenant; }
    const RuleIndex &index() const { return m_index; }
    // Whether the tenant answers different origins differently, so that caches must key
    // responses by Origin (Vary: Origin).
    bool variesByOrigin() const { return m_variesByOrigin; }

    // `backend` is the backend's own response; without it the mock backend of the source
    // documents answers 200 {"status":"200"}.
    CorsDecision evaluate(const HttpRequest &request,
                          const std::optional<HttpResponse> &backend = std::nullopt) const;

private:
    struct Context;
    struct CompiledRule;

    void evaluatePreflight(Context &context) const;
    void evaluateActual(Context &context) const;
    void evaluateWithoutCors(Context &context) const;
    bool authenticate(Context &context) const;
    void matchOrigin(Context &context) const;
    bool methodAllowed(Context &context, const QByteArray &method, bool preflight) const;
    bool headersAllowed(Context &context) const;
    HttpHeaders preflightAcceptedHeaders(const Context &context, const QByteArray &method) const;
    HttpHeaders actualAcceptedHeaders(const Context &context) const;
    void rejectPreflight(Context &context, int status, const QByteArray &reason) const;
    void respondWithBackend(Context &context, const HttpHeaders &corsHeaders) const;
    void passThrough(Context &context) const;
    void addVary(Context &context, bool preflight) const;
    QByteArray requestId(const HttpRequest &request) const;

    Tenant m_tenant;
    RuleIndex m_index;
    // Per rule, what evaluate() would otherwise recompute on every request (parallel to
    // m_tenant.rules; shared so that copying an engine stays cheap).
    std::shared_ptr<const QList<CompiledRule>> m_compiled;
    bool m_variesByOrigin = false;
};

// Compiles the tenant and evaluates one request; for many requests keep a CorsEngine.
CorsDecision evaluate(const Tenant &tenant, const HttpRequest &request,
                      const std::optional<HttpResponse> &backend = std::nullopt);

} // namespace cors
