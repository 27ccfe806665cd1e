#include "authentication.h"

using namespace Qt::StringLiterals;

namespace cors {

QString Authentication::typeName(Type type)
{
    switch (type) {
    case Type::None:
        return u"none"_s;
    case Type::Basic:
        return u"basic"_s;
    case Type::Token:
        return u"token"_s;
    }
    return {};
}

std::optional<Authentication::Type> Authentication::typeFromName(QStringView name)
{
    for (const Type type : { Type::None, Type::Basic, Type::Token }) {
        if (name == typeName(type))
            return type;
    }
    return std::nullopt;
}

} // namespace cors
