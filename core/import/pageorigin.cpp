#include "pageorigin.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

std::optional<Origin> httpOriginOf(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
        return std::nullopt;
    return Origin::ofUrl(url);
}

} // namespace

QString PageOrigin::sourceName(Source source)
{
    switch (source) {
    case Source::OriginHeader:
        return u"origin-header"_s;
    case Source::PreflightOriginHeader:
        return u"preflight-origin-header"_s;
    case Source::Referer:
        return u"referer"_s;
    case Source::PageUrl:
        return u"page-url"_s;
    }
    return {};
}

QString PageOrigin::sourceDescription(Source source)
{
    switch (source) {
    case Source::OriginHeader:
        return u"the Origin header"_s;
    case Source::PreflightOriginHeader:
        return u"the Origin header of its preflight"_s;
    case Source::Referer:
        return u"the Referer"_s;
    case Source::PageUrl:
        return u"the page's URL"_s;
    }
    return {};
}

std::optional<PageOrigin> PageOrigin::fromOriginHeader(const HttpHeaders &headers, Source source)
{
    const QByteArray value = headers.value("Origin").trimmed();
    if (value.isEmpty())
        return std::nullopt;
    if (value == "null")
        return PageOrigin { Origin::opaque(), source, u"null"_s };
    const auto origin = Origin::parse(QByteArrayView(value));
    if (!origin)
        return std::nullopt;
    return PageOrigin { *origin, source, QString::fromLatin1(value) };
}

std::optional<PageOrigin> PageOrigin::fromReferer(const HttpHeaders &headers)
{
    const QString referer = QString::fromUtf8(headers.value("Referer").trimmed());
    if (referer.isEmpty())
        return std::nullopt;
    const auto origin = httpOriginOf(referer);
    if (!origin)
        return std::nullopt;
    return PageOrigin { *origin, Source::Referer, referer };
}

std::optional<PageOrigin> PageOrigin::fromHeaders(const HttpHeaders &headers, Source originSource)
{
    if (auto fromOrigin = fromOriginHeader(headers, originSource))
        return fromOrigin;
    return fromReferer(headers);
}

std::optional<PageOrigin> PageOrigin::fromPageUrl(const QString &url)
{
    const auto origin = httpOriginOf(url);
    if (!origin)
        return std::nullopt;
    return PageOrigin { *origin, Source::PageUrl, url };
}

} // namespace cors
