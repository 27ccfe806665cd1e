#pragma once

#include "engine/corsengine.h"
#include "responder.h"

#include <QList>

namespace cors {

// The server side answers: every request goes through CorsEngine::evaluate() for one tenant, in
// front of the tenant's backend (`backend`, or the mock backend of the source documents).
class EngineResponder : public Responder
{
public:
    explicit EngineResponder(CorsEngine engine, std::optional<HttpResponse> backend = std::nullopt);

    std::optional<HttpResponse> respond(const HttpRequest &request, Trace &trace) override;

    // Every decision the engine made, in order, with its own trace.
    const QList<CorsDecision> &decisions() const { return m_decisions; }

private:
    CorsEngine m_engine;
    std::optional<HttpResponse> m_backend;
    QList<CorsDecision> m_decisions;
};

} // namespace cors
