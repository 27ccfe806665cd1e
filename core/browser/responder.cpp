#include "responder.h"

namespace cors {

Responder::~Responder() = default;

bool Responder::isPreflight(const HttpRequest &request)
{
    return request.method == "OPTIONS" && request.headers.contains("Access-Control-Request-Method");
}

} // namespace cors
