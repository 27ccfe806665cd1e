#include "browsererror.h"

using namespace Qt::StringLiterals;

namespace cors {

QJsonObject BrowserError::toJson() const
{
    return { { u"code"_s, code }, { u"message"_s, message } };
}

} // namespace cors
