#include "liveapi.h"

#include "engine/tenantselection.h"
#include "httpwire.h"

using namespace Qt::StringLiterals;

namespace cors {

LiveApi::LiveApi()
    : m_defaultBackend(HttpResponse::defaultBackend())
{ }

void LiveApi::setTenants(const QList<Tenant> &tenants)
{
    QList<CorsEngine> engines;
    engines.reserve(tenants.size());
    for (const Tenant &tenant : tenants) {
        // Reuse the compiled engine of a tenant that did not change.
        const auto same = std::find_if(m_engines.cbegin(), m_engines.cend(),
                                       [&](const CorsEngine &engine) { return engine.tenant() == tenant; });
        engines.append(same != m_engines.cend() ? *same : CorsEngine(tenant));
    }
    m_engines = std::move(engines);
    m_tenants = tenants;
}

QList<Tenant> LiveApi::tenants() const
{
    return m_tenants;
}

void LiveApi::setTenant(const Tenant &tenant)
{
    for (qsizetype i = 0; i < m_tenants.size(); ++i) {
        if (m_tenants[i].name == tenant.name) {
            if (!(m_tenants[i] == tenant)) {
                m_tenants[i] = tenant;
                m_engines[i] = CorsEngine(tenant);
            }
            return;
        }
    }
    m_tenants.append(tenant);
    m_engines.append(CorsEngine(tenant));
}

bool LiveApi::removeTenant(const QString &name)
{
    for (qsizetype i = 0; i < m_tenants.size(); ++i) {
        if (m_tenants[i].name == name) {
            m_tenants.removeAt(i);
            m_engines.removeAt(i);
            return true;
        }
    }
    return false;
}

bool LiveApi::isValidBackendPath(const QString &path, QString *problem)
{
    if (!path.startsWith(u'/') || path.contains(u'?') || path.contains(u'#')
        || (path.contains(u'*') && !(path.endsWith(u"/*") && path.count(u'*') == 1))) {
        if (problem)
            *problem = u"\"%1\" is not a path (\"/items\") or a path prefix (\"/items/*\")."_s.arg(path);
        return false;
    }
    return true;
}

bool LiveApi::isValidBackend(const HttpResponse &response, QString *problem)
{
    QString why;
    if (response.status < 200 || response.status > 599) {
        why = u"The backend's status must be from 200 to 599, not %1."_s.arg(response.status);
    } else if (!HttpWire::isSendable(response, &why)) {
        // why is set
    } else if (response.headers.contains("Content-Length") || response.headers.contains("Transfer-Encoding")
               || response.headers.contains("Connection")) {
        why = u"Content-Length, Transfer-Encoding and Connection are the server's to set (HTTP framing)."_s;
    } else if ((response.status == 204 || response.status == 304) && !response.body.isEmpty()) {
        why = u"A %1 response has no body."_s.arg(response.status);
    }
    if (why.isEmpty())
        return true;
    if (problem)
        *problem = why;
    return false;
}

bool LiveApi::setBackend(const QString &path, const HttpResponse &response, QString *problem)
{
    if (!isValidBackendPath(path, problem) || !isValidBackend(response, problem))
        return false;
    m_backends.insert(path, response);
    return true;
}

bool LiveApi::removeBackend(const QString &path)
{
    return m_backends.remove(path) > 0;
}

bool LiveApi::setDefaultBackend(const HttpResponse &response, QString *problem)
{
    if (!isValidBackend(response, problem))
        return false;
    m_defaultBackend = response;
    return true;
}

HttpResponse LiveApi::backendFor(const QString &path) const
{
    if (const auto exact = m_backends.constFind(path); exact != m_backends.cend())
        return *exact;
    // The longest "/prefix/*" that covers the path ("/items/*" covers /items and /items/1).
    qsizetype best = -1;
    HttpResponse found = m_defaultBackend;
    for (auto it = m_backends.cbegin(); it != m_backends.cend(); ++it) {
        const QString &key = it.key();
        if (!key.endsWith(u"/*"))
            continue;
        const QStringView prefix = QStringView(key).chopped(1); // "/items/"
        const bool covers = path.startsWith(prefix) || path == prefix.chopped(1);
        if (covers && prefix.size() > best) {
            best = prefix.size();
            found = it.value();
        }
    }
    return found;
}

LiveApi::Answer LiveApi::answer(const HttpRequest &request) const
{
    Answer answer;
    const TenantSelection selection = TenantSelection::select(m_tenants, request, m_activeTenant);
    answer.tenantIndex = selection.index;
    answer.tenantDetail = selection.detail;
    if (!selection.isValid()) {
        // No tenant, so no rules to answer with: say so, as plain text without CORS headers.
        answer.response.status = 404;
        answer.response.headers.append(QByteArrayLiteral("Content-Type"),
                                       QByteArrayLiteral("text/plain; charset=utf-8"));
        answer.response.body = (u"404 Not Found: "_s + selection.detail + u'\n').toUtf8();
        return answer;
    }
    const CorsEngine &engine = m_engines[selection.index];
    answer.tenant = engine.tenant().name;
    CorsDecision decision = engine.evaluate(request, backendFor(request.url.path()));
    answer.response = { decision.status, decision.headers, decision.body };
    answer.decision = std::move(decision);
    return answer;
}

} // namespace cors
