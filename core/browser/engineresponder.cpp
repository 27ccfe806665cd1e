#include "engineresponder.h"

using namespace Qt::StringLiterals;

namespace cors {

EngineResponder::EngineResponder(CorsEngine engine, std::optional<HttpResponse> backend)
    : m_engine(std::move(engine))
    , m_backend(std::move(backend))
{ }

std::optional<HttpResponse> EngineResponder::respond(const HttpRequest &request, Trace &trace)
{
    CorsDecision decision = m_engine.evaluate(request, m_backend);
    const Tenant &tenant = m_engine.tenant();
    QString detail = u"Tenant \"%1\" (profile %2) answers the %3 %4 with %5"_s
                         .arg(tenant.name, profileName(tenant.profile), requestKindName(decision.kind),
                              QString::fromLatin1(request.method))
                         .arg(decision.status);
    if (!decision.rule.isEmpty())
        detail += u" under rule \"%1\""_s.arg(decision.rule);
    if (!decision.trace.isEmpty())
        detail += u": "_s + decision.trace.last().detail;
    trace.append({ u"server"_s, decision.allowed, detail });
    HttpResponse response { decision.status, decision.headers, decision.body };
    m_decisions.append(std::move(decision));
    return response;
}

} // namespace cors
