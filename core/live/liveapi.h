#pragma once

#include "engine/corsdecision.h"
#include "engine/corsengine.h"
#include "model/httpmessage.h"
#include "model/tenant.h"

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace cors {

// What the live server's API origin answers (DESIGN.md, "Live testing"): the tenant a request is
// for (TenantSelection: ?tenant=, boomi_auth, else the active tenant), that tenant's
// CorsEngine::evaluate() in front of the mock backend set for the request's path. Nothing else
// decides: the answer is the engine's decision, status, headers and body, unchanged.
//
// A plain value. The server keeps one and swaps in a changed copy on every edit, so that an edit
// applies from the next request on and a prediction reads one consistent configuration; copies
// are cheap (compiled engines and lists are shared).
class LiveApi
{
public:
    struct Answer
    {
        int tenantIndex = -1;
        QString tenant; // the chosen tenant's name, or empty when none was found
        QString tenantDetail; // TenantSelection's sentence: how it was chosen, or why none was
        std::optional<CorsDecision> decision; // none when no tenant was found
        HttpResponse response; // the decision's status, headers and body (before HTTP framing)
    };

    LiveApi();

    // Tenants, in order. setTenants() compiles only tenants that changed (a designer edit
    // recompiles one tenant, not all).
    void setTenants(const QList<Tenant> &tenants);
    QList<Tenant> tenants() const;
    const QList<CorsEngine> &engines() const { return m_engines; }
    // Replaces the tenant of the same name, or adds it at the end.
    void setTenant(const Tenant &tenant);
    bool removeTenant(const QString &name);
    // The tenant for requests that name none; empty: the only tenant, if there is one.
    void setActiveTenant(const QString &name) { m_activeTenant = name; }
    const QString &activeTenant() const { return m_activeTenant; }

    // The mock backend. A path is "/items" (that path only) or "/items/*" (every path below
    // /items/, and /items itself); the longest match wins, then the default backend, which is
    // the source documents' 200 {"status":"200"} until set. A response must be sendable as it
    // is (HttpWire::isSendable), leave HTTP framing to the server (no Content-Length,
    // Transfer-Encoding or Connection) and have no body where its status allows none.
    static bool isValidBackendPath(const QString &path, QString *problem);
    static bool isValidBackend(const HttpResponse &response, QString *problem);
    bool setBackend(const QString &path, const HttpResponse &response, QString *problem = nullptr);
    bool removeBackend(const QString &path);
    const QMap<QString, HttpResponse> &backends() const { return m_backends; }
    bool setDefaultBackend(const HttpResponse &response, QString *problem = nullptr);
    const HttpResponse &defaultBackend() const { return m_defaultBackend; }
    HttpResponse backendFor(const QString &path) const;

    Answer answer(const HttpRequest &request) const;

private:
    QList<CorsEngine> m_engines;
    QList<Tenant> m_tenants; // parallel to m_engines, for TenantSelection
    QString m_activeTenant;
    QMap<QString, HttpResponse> m_backends;
    HttpResponse m_defaultBackend;
};

} // namespace cors
