#pragma once

#include "browser/responder.h"
#include "liveapi.h"

#include <memory>

namespace cors {

// The live server's API origin as the browser model sees it: the same LiveApi answer, framed
// as the server puts it on the wire (HttpWire::framed: Content-Length, no body for 204 and 304),
// for requests to the API's port. What the model predicts for a fetch through this responder is
// what the server answers a real browser, so a difference between the two is the browser
// model's, never the plumbing's.
class LiveResponder : public Responder
{
public:
    LiveResponder(std::shared_ptr<const LiveApi> api, int apiPort);

    std::optional<HttpResponse> respond(const HttpRequest &request, Trace &trace) override;

private:
    std::shared_ptr<const LiveApi> m_api;
    int m_apiPort;
};

} // namespace cors
