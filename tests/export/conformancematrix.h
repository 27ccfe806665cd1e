#pragma once

#include "bundle/bundle.h"
#include "model/httpmessage.h"
#include "model/tenant.h"

#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>

namespace cors::test {

// The requests every exported configuration is held to, and the comparison with the engine.
//
// The matrix crosses origins that exercise every rule feature of tests/export/conformance
// .corsbundle.json (exact, wildcard and regex domains, protocols, port lists, ranges and "*",
// null, an application's origin, disabled and refused rules, near misses, the API's own origin,
// no Origin at all) with preflights (methods, requested header lists in the shapes browsers and
// people send) and actual requests (safelisted, listed, custom and unlisted methods).
class ConformanceMatrix
{
public:
    struct Report
    {
        int total = 0;
        int agreeing = 0;
        int disclosed = 0; // answered differently, exactly as the export's issues state
        QStringList mismatches; // one paragraph per request answered otherwise
        // What the engine said, so that a matrix of only rejections cannot pass unnoticed.
        int preflightsAccepted = 0;
        int preflightsRejected = 0;
        int actualAccepted = 0;
        int actualRejected = 0;
        int notCors = 0;

        QString summary(const QString &target, const QString &tenant) const;
    };

    // The tenants the matrix is written for (conformance.corsbundle.json beside this file), or
    // nullopt with the reader's first problem.
    static std::optional<Bundle> bundle(QString *problem);
    static QStringList origins(const QUrl &api);
    // Origins no browser sends (upper case, an explicit default port): every export states that
    // they match no rule.
    static QStringList nonCanonicalOrigins();
    static QList<HttpRequest> build(const QUrl &api);
    // What the comparison looks at: Access-Control-* and Vary fields, in order.
    static HttpHeaders corsView(const HttpHeaders &headers);
    // The tenant the exported configuration promises to answer like: `tenant` with the refused
    // rules disabled (ExportIssue::Kind::Refused, "as if the rule were disabled").
    static Tenant reference(const Tenant &tenant, const QList<int> &refusedRules);
    // For a request an export's issues say it answers differently: nullopt when the request is
    // not such a case, an empty string when the answer is the stated difference, else what is
    // wrong with it.
    using Disclosure = std::function<std::optional<QString>(const HttpRequest &, const HttpResponse &server,
                                                            const HttpResponse &engine)>;
    // Sends every request to the server on `port` and compares status and corsView() with
    // CorsEngine::evaluate() of the same request.
    static Report run(quint16 port, const Tenant &reference, const QList<HttpRequest> &requests,
                      const Disclosure &disclosure = {});
    static QString describe(const HttpRequest &request);

    // The difference every export states: a non-canonical Origin matches no rule. The server
    // must answer like the engine does for an origin no rule accepts.
    // `compactVary`: the server writes a multi-name Vary without spaces (httpd).
    static Disclosure nonCanonicalOriginsMatchNoRule(const Tenant &reference, bool compactVary = false);
    // The first disclosure that recognizes a request decides.
    static Disclosure either(const Disclosure &first, const Disclosure &second);
};

} // namespace cors::test
