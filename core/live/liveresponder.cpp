#include "liveresponder.h"

#include "httpwire.h"

using namespace Qt::StringLiterals;

namespace cors {

LiveResponder::LiveResponder(std::shared_ptr<const LiveApi> api, int apiPort)
    : m_api(std::move(api))
    , m_apiPort(apiPort)
{ }

std::optional<HttpResponse> LiveResponder::respond(const HttpRequest &request, Trace &trace)
{
    if (request.url.port(80) != m_apiPort || request.url.scheme() != u"http") {
        trace.append(
            { u"server"_s, false,
              u"%1 is not on the live server's API origin (port %2): nothing answers there in the prediction."_s
                  .arg(request.url.toDisplayString())
                  .arg(m_apiPort) });
        return std::nullopt;
    }
    const LiveApi::Answer answer = m_api->answer(request);
    QString detail;
    if (!answer.decision) {
        detail = u"The live server finds no tenant for %1 %2 and answers 404: %3"_s.arg(
            QString::fromLatin1(request.method), request.url.path(), answer.tenantDetail);
    } else {
        const CorsDecision &decision = *answer.decision;
        detail = u"The live server answers the %1 %2 with %3, tenant \"%4\""_s
                     .arg(requestKindName(decision.kind), QString::fromLatin1(request.method))
                     .arg(decision.status)
                     .arg(answer.tenant);
        if (!decision.rule.isEmpty())
            detail += u", rule \"%1\""_s.arg(decision.rule);
        if (!decision.trace.isEmpty())
            detail += u": "_s + decision.trace.last().detail;
    }
    trace.append({ u"server"_s, answer.decision && answer.decision->allowed, detail });
    return HttpWire::framed(answer.response);
}

} // namespace cors
