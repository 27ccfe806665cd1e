#include "fetchnames.h"

#include <QSet>

#include <initializer_list>

namespace cors {

namespace {
// Header names compare case-insensitively; the linter asks about every item of every rule, so the
// tables are hashed once, lower-cased.
class NameSet
{
public:
    NameSet(std::initializer_list<QStringView> names)
    {
        for (const QStringView name : names) {
            m_names.insert(name.toString().toLower());
            m_longest = qMax(m_longest, name.size());
        }
    }
    bool contains(QStringView name) const
    {
        if (name.size() > m_longest)
            return false;
        return m_names.contains(name.toString().toLower());
    }

private:
    QSet<QString> m_names;
    qsizetype m_longest = 0;
};

bool equalsAny(QStringView name, std::initializer_list<QStringView> names)
{
    for (const QStringView candidate : names) {
        if (name.compare(candidate, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}
} // namespace

bool FetchNames::isForbiddenMethod(QStringView method)
{
    return equalsAny(method.trimmed(), { u"CONNECT", u"TRACE", u"TRACK" });
}

bool FetchNames::isSafelistedMethod(QStringView method)
{
    const QStringView m = method.trimmed();
    return m == u"GET" || m == u"HEAD" || m == u"POST";
}

bool FetchNames::isNormalizedMethod(QStringView method)
{
    return equalsAny(method.trimmed(), { u"DELETE", u"GET", u"HEAD", u"OPTIONS", u"POST", u"PUT" });
}

bool FetchNames::isForbiddenRequestHeader(QStringView name)
{
    const QStringView n = name.trimmed();
    if (n.startsWith(u"proxy-", Qt::CaseInsensitive) || n.startsWith(u"sec-", Qt::CaseInsensitive))
        return true;
    return equalsAny(n,
                     { u"Accept-Charset",
                       u"Accept-Encoding",
                       u"Access-Control-Request-Headers",
                       u"Access-Control-Request-Method",
                       u"Connection",
                       u"Content-Length",
                       u"Cookie",
                       u"Cookie2",
                       u"Date",
                       u"DNT",
                       u"Expect",
                       u"Host",
                       u"Keep-Alive",
                       u"Origin",
                       u"Referer",
                       u"Set-Cookie",
                       u"TE",
                       u"Trailer",
                       u"Transfer-Encoding",
                       u"Upgrade",
                       u"Via" });
}

bool FetchNames::isSafelistedRequestHeader(QStringView name)
{
    // Content-Type is safelisted only for three form encodings; a JSON body needs it allowed by
    // name, so it is not in this list (see the engine's isDefaultRequestHeader()).
    return equalsAny(name.trimmed(), { u"Accept", u"Accept-Language", u"Content-Language" });
}

bool FetchNames::isForbiddenResponseHeader(QStringView name)
{
    return equalsAny(name.trimmed(), { u"Set-Cookie", u"Set-Cookie2" });
}

bool FetchNames::isSafelistedResponseHeader(QStringView name)
{
    return equalsAny(name.trimmed(),
                     { u"Cache-Control", u"Content-Language", u"Content-Length", u"Content-Type", u"Expires",
                       u"Last-Modified", u"Pragma" });
}

bool FetchNames::isSensitiveResponseHeader(QStringView name)
{
    return equalsAny(name.trimmed(),
                     { u"Authorization", u"Proxy-Authorization", u"WWW-Authenticate", u"Proxy-Authenticate",
                       u"X-CSRF-Token", u"X-XSRF-Token", u"CSRF-Token", u"X-API-Key", u"X-Auth-Token",
                       u"X-Access-Token", u"X-Refresh-Token", u"X-Session-Id", u"X-Session-Token",
                       u"X-Amz-Security-Token" });
}

} // namespace cors
