#pragma once

#include "bundle.h"

#include <QJsonObject>

namespace cors {

// Writes bundles. Every field is written, so that a bundle says exactly what it means without
// relying on defaults; keys come in a fixed, readable order (not QJsonDocument's alphabetical
// one) so that bundles diff well in version control.
class BundleWriter
{
public:
    static QByteArray write(const Bundle &bundle);
    static QJsonObject toJson(const Bundle &bundle);
    static QJsonObject toJson(const Tenant &tenant);
    static QJsonObject toJson(const Rule &rule);
    static QJsonObject toJson(const Application &application);
    // Indented JSON text with keys in CORS Studio's order.
    static QByteArray serialize(const QJsonValue &value);
};

} // namespace cors
