#include "httpmessage.h"

namespace cors {

HttpResponse HttpResponse::defaultBackend()
{
    HttpResponse response;
    response.status = 200;
    response.headers.append(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    response.body = QByteArrayLiteral("{\"status\":\"200\"}");
    return response;
}

} // namespace cors
