#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringList>

namespace cors {

// Indented JSON text whose object keys follow a given order (keys not in the order come after,
// alphabetically) — QJsonDocument always sorts keys, which makes bundles and corsctl output
// harder to read and to diff. Arrays of scalars stay on one line.
class JsonText
{
public:
    static QByteArray serialize(const QJsonValue &value, const QStringList &keyOrder);
};

} // namespace cors
