#include "conformancematrix.h"

#include "bundle/bundlereader.h"
#include "engine/corsengine.h"
#include "rawhttpclient.h"

#include <QFile>

#include <memory>

using namespace Qt::StringLiterals;

namespace cors::test {

namespace {

QString headersText(int status, const HttpHeaders &headers)
{
    QString text = u"      status %1\n"_s.arg(status);
    for (const auto &[name, value] : headers)
        text += u"      %1: %2\n"_s.arg(QString::fromLatin1(name), QString::fromLatin1(value));
    return text;
}

} // namespace

QString ConformanceMatrix::Report::summary(const QString &target, const QString &tenant) const
{
    return u"%1 export of tenant \"%2\": %3 requests, %4 agree with CorsEngine::evaluate (strict), %5 differ "
           "as the export states, %6 differ otherwise (engine: %7 preflights accepted, %8 rejected; %9 "
           "actual requests accepted, %10 refused; %11 not CORS)"_s.arg(target, tenant)
               .arg(total)
               .arg(agreeing)
               .arg(disclosed)
               .arg(total - agreeing - disclosed)
               .arg(preflightsAccepted)
               .arg(preflightsRejected)
               .arg(actualAccepted)
               .arg(actualRejected)
               .arg(notCors);
}

QStringList ConformanceMatrix::origins(const QUrl &api)
{
    const QString self = Origin::ofUrl(api).serialize();
    return { // exact host: credentials and max-age; other protocol and port
             u"https://app.example.com"_s, u"http://app.example.com"_s, u"https://app.example.com:8443"_s,
             // wildcards: any depth, never the apex, the more specific parent first, look-alikes
             u"https://eu.example.com"_s, u"https://a.b.example.com"_s, u"http://eu.example.com"_s,
             u"https://example.com"_s, u"https://x.api.example.com"_s, u"https://evil-example.com"_s,
             u"https://example.com.evil.net"_s,
             // port ranges and lists
             u"http://localhost:3000"_s, u"http://localhost:3999"_s, u"http://localhost:4000"_s,
             u"http://localhost:8080"_s, u"http://localhost"_s, u"https://localhost:3000"_s,
             // regexes, with and without a port restriction
             u"https://dev-12.preview.example.net"_s, u"https://qa-1.preview.example.net"_s,
             u"https://prod-1.preview.example.net"_s, u"http://dev-1.preview.example.net"_s,
             u"http://10.0.0.7:8050"_s, u"http://10.0.0.7:9000"_s, u"http://10.0.0.7"_s,
             // the opaque origin, any port, an application's origin, IP hosts
             u"null"_s, u"http://partner.example.org:1234"_s, u"https://partner.example.org"_s,
             u"https://dashboard.partner.test"_s, u"http://127.0.0.1:5000"_s, u"http://127.0.0.1:5001"_s,
             u"http://[::1]:8080"_s,
             // disabled and (per target) refused rules, another scheme, the API's own origin
             u"https://disabled.example.com"_s, u"https://stage.example.io"_s, u"https://edge.example.io"_s,
             u"ws://app.example.com"_s, self
    };
}

QStringList ConformanceMatrix::nonCanonicalOrigins()
{
    return { u"HTTPS://APP.EXAMPLE.COM"_s, u"https://app.example.com:443"_s, u"http://LOCALHOST:3000"_s };
}

ConformanceMatrix::Disclosure ConformanceMatrix::nonCanonicalOriginsMatchNoRule(const Tenant &reference,
                                                                                bool compactVary)
{
    const auto engine = std::make_shared<CorsEngine>(reference);
    return [engine, compactVary](const HttpRequest &request, const HttpResponse &server,
                                 const HttpResponse &) -> std::optional<QString> {
        if (!nonCanonicalOrigins().contains(QString::fromLatin1(request.headers.value("Origin"))))
            return std::nullopt;
        // A scheme no rule can allow: the engine's answer to an origin that matches no rule.
        HttpRequest unmatched = request;
        unmatched.headers.set("Origin", "ws://no-rule.invalid");
        CorsDecision expected = engine->evaluate(unmatched);
        if (compactVary && expected.headers.contains("Vary"))
            expected.headers.set("Vary", expected.headers.value("Vary").replace(", ", ","));
        if (server.status != expected.status || corsView(server.headers) != corsView(expected.headers)) {
            return u"expected the answer to an origin no rule matches (status %1%2), got status %3%4"_s
                .arg(expected.status)
                .arg(headersText(0, corsView(expected.headers)))
                .arg(server.status)
                .arg(headersText(0, corsView(server.headers)));
        }
        return QString();
    };
}

ConformanceMatrix::Disclosure ConformanceMatrix::either(const Disclosure &first, const Disclosure &second)
{
    return [first, second](const HttpRequest &request, const HttpResponse &server,
                           const HttpResponse &engine) -> std::optional<QString> {
        if (auto verdict = first(request, server, engine))
            return verdict;
        return second(request, server, engine);
    };
}

QList<HttpRequest> ConformanceMatrix::build(const QUrl &api)
{
    // Requested header lists: browsers send them lower-case, sorted, comma-separated; people
    // and other clients add spaces and empty items.
    const QList<QByteArray> requestedHeaders = { QByteArray(), "content-type", "content-type,x-request-id",
                                                 "authorization", "x-partner-key", "x-preview",
                                                 "accept-language", "x-unknown",
                                                 " content-type , x-partner-key ", ",,x-request-id,", "x y",
                                                 // not as browsers send them: upper case, repeats
                                                 "Content-Type,X-Request-Id",
                                                 "content-type,Content-Type,x-request-id,content-type" };
    const QList<QByteArray> preflightMethods = { "GET", "PUT", "PATCH", "X-Custom", "OPTIONS", "put" };
    const QList<QByteArray> actualMethods = { "GET",   "HEAD",   "POST",    "PUT",
                                              "PATCH", "DELETE", "OPTIONS", "X-Custom" };

    QList<HttpRequest> requests;
    const auto make = [&](const QByteArray &method, const QString &origin) {
        HttpRequest request;
        request.method = method;
        request.url = api;
        if (!origin.isNull())
            request.headers.append("Origin", origin.toLatin1());
        return request;
    };
    QStringList all = origins(api);
    all.append(nonCanonicalOrigins());
    all.append(QString()); // no Origin header
    for (const QString &origin : std::as_const(all)) {
        for (const QByteArray &method : preflightMethods) {
            for (const QByteArray &headers : requestedHeaders) {
                HttpRequest request = make("OPTIONS", origin);
                request.headers.append("Access-Control-Request-Method", method);
                if (!headers.isNull())
                    request.headers.append("Access-Control-Request-Headers", headers);
                requests.append(request);
            }
        }
        for (const QByteArray &method : actualMethods)
            requests.append(make(method, origin));
    }
    // A malformed requested method.
    HttpRequest bad = make("OPTIONS", u"https://app.example.com"_s);
    bad.headers.append("Access-Control-Request-Method", "GE T");
    requests.append(bad);
    return requests;
}

std::optional<Bundle> ConformanceMatrix::bundle(QString *problem)
{
    QFile file(QStringLiteral(CORS_EXPORT_TEST_DATA "/conformance.corsbundle.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = file.fileName() + u": "_s + file.errorString();
        return std::nullopt;
    }
    JsonProblems problems;
    std::optional<Bundle> read = BundleReader::read(file.readAll(), &problems);
    if (!read)
        *problem = file.fileName() + u": "_s + problems.value(0).toString();
    return read;
}

HttpHeaders ConformanceMatrix::corsView(const HttpHeaders &headers)
{
    HttpHeaders view;
    for (const auto &[name, value] : headers) {
        if (name.toLower().startsWith("access-control-") || name.compare("vary", Qt::CaseInsensitive) == 0)
            view.append(name, value);
    }
    return view;
}

Tenant ConformanceMatrix::reference(const Tenant &tenant, const QList<int> &refusedRules)
{
    Tenant copy = tenant;
    for (const int i : refusedRules)
        copy.rules[i].enabled = false;
    return copy;
}

QString ConformanceMatrix::describe(const HttpRequest &request)
{
    QString text = QString::fromLatin1(request.method) + u' ' + request.url.toString();
    for (const auto &[name, value] : request.headers)
        text += u" [%1: %2]"_s.arg(QString::fromLatin1(name), QString::fromLatin1(value));
    return text;
}

ConformanceMatrix::Report ConformanceMatrix::run(quint16 port, const Tenant &reference,
                                                 const QList<HttpRequest> &requests,
                                                 const Disclosure &disclosure)
{
    Report report;
    const CorsEngine engine(reference);
    for (const HttpRequest &request : requests) {
        ++report.total;
        const CorsDecision expected = engine.evaluate(request);
        switch (expected.kind) {
        case RequestKind::Preflight:
            ++(expected.allowed ? report.preflightsAccepted : report.preflightsRejected);
            break;
        case RequestKind::Actual:
            ++(expected.allowed ? report.actualAccepted : report.actualRejected);
            break;
        case RequestKind::NotCors:
            ++report.notCors;
            break;
        }
        QString error;
        const auto actual = RawHttpClient::exchange(port, request, &error);
        if (!actual) {
            report.mismatches.append(describe(request) + u"\n    exchange failed: "_s + error);
            continue;
        }
        if (disclosure) {
            const HttpResponse engineResponse { expected.status, expected.headers, expected.body };
            if (const auto verdict = disclosure(request, *actual, engineResponse)) {
                if (verdict->isEmpty())
                    ++report.disclosed;
                else
                    report.mismatches.append(describe(request) + u"\n    not the stated difference: "_s
                                             + *verdict);
                continue;
            }
        }
        const HttpHeaders expectedView = corsView(expected.headers);
        const HttpHeaders actualView = corsView(actual->headers);
        if (expected.status == actual->status && expectedView == actualView) {
            ++report.agreeing;
            continue;
        }
        report.mismatches.append(describe(request) + u"\n    engine:\n"_s
                                 + headersText(expected.status, expectedView) + u"    server:\n"_s
                                 + headersText(actual->status, actualView));
    }
    return report;
}

} // namespace cors::test
