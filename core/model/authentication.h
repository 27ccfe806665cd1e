#pragma once

#include <QString>

#include <optional>

namespace cors {

// How a tenant authenticates normal (non-preflight) requests. Preflights are never
// authenticated (seeds/000: "Preflight requests are not authenticated").
struct Authentication
{
    enum class Type { None, Basic, Token };

    Type type = Type::None;
    QString user; // Basic
    QString password; // Basic
    QString header; // Token: the header that carries it, e.g. X-API-Key
    QString value; // Token

    static QString typeName(Type type);
    static std::optional<Type> typeFromName(QStringView name);

    friend bool operator==(const Authentication &, const Authentication &) = default;
};

} // namespace cors
