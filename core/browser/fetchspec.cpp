#include "fetchspec.h"

using namespace Qt::StringLiterals;

namespace cors {

QUrl FetchSpec::effectivePageUrl() const
{
    if (pageUrl.isValid() || pageOrigin.isOpaque())
        return pageUrl;
    return QUrl(pageOrigin.serialize() + u'/');
}

QString requestModeName(RequestMode mode)
{
    switch (mode) {
    case RequestMode::Cors:
        return u"cors"_s;
    case RequestMode::NoCors:
        return u"no-cors"_s;
    case RequestMode::SameOrigin:
        return u"same-origin"_s;
    }
    return {};
}

std::optional<RequestMode> requestModeFromName(QStringView name)
{
    for (RequestMode mode : { RequestMode::Cors, RequestMode::NoCors, RequestMode::SameOrigin }) {
        if (name == requestModeName(mode))
            return mode;
    }
    return std::nullopt;
}

QString credentialsModeName(CredentialsMode mode)
{
    switch (mode) {
    case CredentialsMode::Omit:
        return u"omit"_s;
    case CredentialsMode::SameOrigin:
        return u"same-origin"_s;
    case CredentialsMode::Include:
        return u"include"_s;
    }
    return {};
}

std::optional<CredentialsMode> credentialsModeFromName(QStringView name)
{
    for (CredentialsMode mode :
         { CredentialsMode::Omit, CredentialsMode::SameOrigin, CredentialsMode::Include }) {
        if (name == credentialsModeName(mode))
            return mode;
    }
    return std::nullopt;
}

} // namespace cors
