#include "harlog.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace cors {

QString HarLog::Entry::path() const
{
    return u"log.entries[%1]"_s.arg(index);
}

bool HarLog::Entry::isPreflight() const
{
    if (request.method != "OPTIONS")
        return false;
    return request.headers.contains("Access-Control-Request-Method") || resourceType == u"preflight"
        || initiatorType == u"preflight";
}

std::optional<HttpResponse> HarLog::Entry::response() const
{
    if (status <= 0)
        return std::nullopt;
    HttpResponse response;
    response.status = status;
    for (const auto &[name, value] : responseHeaders) {
        if (!name.startsWith(':'))
            response.headers.append(name, value);
    }
    if (!redirectUrl.isEmpty() && !response.headers.contains("Location"))
        response.headers.append(QByteArrayLiteral("Location"), redirectUrl.toUtf8());
    return response;
}

bool HarLog::Entry::carriesCookies() const
{
    return requestCookies || request.headers.contains("Cookie");
}

const HarLog::Page *HarLog::page(const QString &id) const
{
    for (const Page &page : pages) {
        if (page.id == id)
            return &page;
    }
    return nullptr;
}

std::optional<Browser> HarLog::savedBy(QString *evidence) const
{
    const auto says = [](const QString &name) -> std::optional<Browser> {
        // Chromium's DevTools (and those of Chrome, Edge, Opera, Brave) call themselves
        // "WebInspector"; Firefox writes "Firefox".
        if (name.compare(u"WebInspector", Qt::CaseInsensitive) == 0
            || name.contains(u"Chrom", Qt::CaseInsensitive) || name.contains(u"Edge", Qt::CaseInsensitive))
            return Browser::Chromium;
        if (name.contains(u"Firefox", Qt::CaseInsensitive))
            return Browser::Firefox;
        return std::nullopt;
    };
    if (const auto browser = says(creatorName)) {
        if (evidence)
            *evidence = u"creator \"%1\""_s.arg(creatorName);
        return browser;
    }
    if (const auto browser = says(browserName)) {
        if (evidence)
            *evidence = u"browser \"%1\""_s.arg(browserName);
        return browser;
    }
    return std::nullopt;
}

bool HarLog::anyCookies() const
{
    return std::any_of(entries.begin(), entries.end(), [](const Entry &entry) {
        return entry.carriesCookies() || entry.responseHeaders.contains("Set-Cookie");
    });
}

} // namespace cors
