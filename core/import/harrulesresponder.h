#pragma once

#include "browser/responder.h"
#include "engine/corsengine.h"

#include <QHash>

namespace cors {

// A tenant's rules answering the requests of a fetch from a HAR: the server-side engine
// (EngineResponder) in front of a backend that redirects where the HAR's server redirected —
// so that a redirected fetch takes the same path under the rules — and otherwise answers like the
// mock backend of the source documents. The recorded responses themselves do not stand in for the
// backend: their CORS headers, status and body came from the rules in force when the HAR was saved.
class HarRulesResponder : public Responder
{
public:
    // `redirects`: per URL (FetchRequest::serializeUrl), the backend's redirect (HarFetch::redirects).
    HarRulesResponder(CorsEngine engine, QHash<QString, HttpResponse> redirects);

    std::optional<HttpResponse> respond(const HttpRequest &request, Trace &trace) override;

private:
    CorsEngine m_engine;
    QHash<QString, HttpResponse> m_redirects;
};

} // namespace cors
