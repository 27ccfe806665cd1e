#include "harrulesresponder.h"

#include "browser/engineresponder.h"
#include "browser/fetchrequest.h"

using namespace Qt::StringLiterals;

namespace cors {

HarRulesResponder::HarRulesResponder(CorsEngine engine, QHash<QString, HttpResponse> redirects)
    : m_engine(std::move(engine))
    , m_redirects(std::move(redirects))
{ }

std::optional<HttpResponse> HarRulesResponder::respond(const HttpRequest &request, Trace &trace)
{
    const auto redirect = m_redirects.constFind(FetchRequest::serializeUrl(request.url));
    if (redirect != m_redirects.constEnd() && !isPreflight(request)) {
        trace.append({ u"server"_s, true,
                       u"The backend redirects as the HAR recorded: %1 to %2."_s.arg(redirect->status)
                           .arg(QString::fromUtf8(redirect->headers.value("Location"))) });
        EngineResponder responder(m_engine, *redirect);
        return responder.respond(request, trace);
    }
    EngineResponder responder(m_engine);
    return responder.respond(request, trace);
}

} // namespace cors
