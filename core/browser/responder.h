#pragma once

#include "engine/tracestep.h"
#include "model/httpmessage.h"

#include <optional>

namespace cors {

// Whatever answers the requests a simulated browser sends: the server-side engine
// (EngineResponder), responses a customer recorded (RecordedResponder), a HAR file's entries, or
// a live server. The browser model only ever talks to this interface, so every source of
// responses gets the same browser behaviour.
class Responder
{
public:
    virtual ~Responder();

    // The response to `request` (a preflight or an actual request, as the browser sent it), or
    // nullopt when nothing answers — the browser then sees a network error. A responder may add
    // steps to `trace` saying where its answer came from.
    virtual std::optional<HttpResponse> respond(const HttpRequest &request, Trace &trace) = 0;

    // A CORS preflight: OPTIONS with Access-Control-Request-Method (Fetch §3.2.2).
    static bool isPreflight(const HttpRequest &request);
};

} // namespace cors
