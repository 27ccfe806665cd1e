#include "harresponder.h"

#include "browser/fetchrequest.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

// The cached copy a 304 revalidated, with the 304's header fields replacing its own.
HttpResponse revalidated(const HttpResponse &stored, const HttpResponse &notModified)
{
    HttpResponse merged = stored;
    for (const auto &[name, value] : notModified.headers) {
        if (HttpHeaders::nameEquals(name, "Content-Length"))
            continue;
        merged.headers.remove(name);
    }
    for (const auto &[name, value] : notModified.headers) {
        if (!HttpHeaders::nameEquals(name, "Content-Length"))
            merged.headers.append(name, value);
    }
    return merged;
}

} // namespace

HarResponder::HarResponder(const HarLog &log, const HarFetch &fetch)
{
    QHash<QString, RecordedResponder::Answers> answers;
    QStringList order;
    for (const HarFetch::Hop &hop : fetch.hops) {
        const QString url = FetchRequest::serializeUrl(hop.url);
        if (!answers.contains(url)) {
            order.append(url);
            answers[url].path = log.entries[hop.entry >= 0 ? hop.entry : hop.preflight].path();
        }
        RecordedResponder::Answers &forUrl = answers[url];
        const int preflight = hop.preflight >= 0 ? hop.preflight : hop.cachedPreflight;
        if (preflight >= 0) {
            if (const auto response = log.entries[preflight].response())
                forUrl.preflight.append(*response);
        }
        if (hop.entry < 0)
            continue;
        auto response = log.entries[hop.entry].response();
        if (response && response->status == 304) {
            const auto stored =
                hop.storedResponse >= 0 ? log.entries[hop.storedResponse].response() : std::nullopt;
            response = stored ? std::optional(revalidated(*stored, *response)) : std::nullopt;
        }
        if (response) {
            forUrl.actual.append(*response);
            if (preflight < 0)
                m_sentWithoutPreflight.insert(url);
        }
    }
    for (const QString &url : std::as_const(order))
        m_recorded.setAnswers(QUrl(url), answers.value(url));
}

std::optional<HttpResponse> HarResponder::respond(const HttpRequest &request, Trace &trace)
{
    const QString url = FetchRequest::serializeUrl(request.url);
    if (!isPreflight(request) || !m_sentWithoutPreflight.contains(url))
        return m_recorded.respond(request, trace);

    HttpResponse allow;
    allow.status = 204;
    allow.headers.append(QByteArrayLiteral("Access-Control-Allow-Origin"), request.headers.value("Origin"));
    allow.headers.append(QByteArrayLiteral("Access-Control-Allow-Methods"),
                         request.headers.value("Access-Control-Request-Method"));
    if (request.headers.contains("Access-Control-Request-Headers")) {
        allow.headers.append(QByteArrayLiteral("Access-Control-Allow-Headers"),
                             request.headers.value("Access-Control-Request-Headers"));
    }
    allow.headers.append(QByteArrayLiteral("Access-Control-Allow-Credentials"), QByteArrayLiteral("true"));
    if (!m_inferred.contains(url))
        m_inferred.append(url);
    trace.append(
        { u"server"_s, true,
          u"The HAR has no preflight for %1, yet the request itself went out, which the browser does "
          "only after a preflight passed: an answer allowing exactly this request stands in."_s.arg(url) });
    return allow;
}

} // namespace cors
