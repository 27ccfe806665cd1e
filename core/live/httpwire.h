#pragma once

#include "model/httpmessage.h"

#include <QByteArray>
#include <QString>

namespace cors {

// How the live server puts a response on the wire: the status line, then the response's header
// fields exactly in their order and spelling (repeated names kept), then the body. The only
// fields it adds are those HTTP/1.1 framing needs, so that what a browser receives is the
// engine's decision byte for byte.
class HttpWire
{
public:
    // The standard reason phrase, or an empty one for a status without one (299, 599, ...).
    static QByteArray reasonPhrase(int status);
    // Whether a response to `method` with `status` carries a body on the wire (RFC 9110 §6.4.1:
    // never for HEAD, 1xx, 204 and 304).
    static bool hasBody(QByteArrayView method, int status);
    // The response as the connection sends it: Content-Length set to the body's size wherever
    // the status allows a body (one field, where the response had one, else last), no
    // Transfer-Encoding. The browser model is given the same, since a browser lets script read
    // Content-Length (a CORS-safelisted response header).
    static HttpResponse framed(const HttpResponse &response);
    // Status line, header lines and, when `withBody`, the body.
    static QByteArray serialize(const HttpResponse &framed, bool withBody);
    // A status of three digits, field names that are tokens, values without CR, LF or NUL: what
    // can be written without making a different message. Otherwise says why in `problem`.
    static bool isSendable(const HttpResponse &response, QString *problem);
};

} // namespace cors
