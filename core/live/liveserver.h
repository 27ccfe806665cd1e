#pragma once

#include "browser/browserprofile.h"
#include "browser/fetchspec.h"
#include "browser/outcome.h"
#include "browser/responder.h"
#include "httprejection.h"
#include "liveapi.h"
#include "liveexchange.h"
#include "liveoutcome.h"
#include "livepredictor.h"
#include "liveserveroptions.h"
#include "model/origin.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>

namespace cors {

class HttpEndpoint;

// The live tester's server (DESIGN.md, "Live testing"): two origins that a real browser uses.
//
//   API origin (apiUrl())   every path and method is answered by CorsEngine::evaluate() for the
//                           tenant the request names (?tenant=, boomi_auth) or the active tenant,
//                           in front of the mock backend set for its path (LiveApi). Every request
//                           is logged: requestLogged().
//   test page (pageUrl())   the test console (resources/live/), where a person composes fetch()
//                           calls to the API origin; the page reports each outcome back here, and
//                           the server puts the browser model's prediction beside it:
//                           outcomeReported().
//
// Tenants, the active tenant and the mock backend can be changed at any time, running or not:
// the next request is answered with them, without a restart. Requests that are malformed, too
// large or too slow are answered with an error (or dropped) and reported (requestRejected());
// the server goes on. It translates between the wire and the core; every answer is the engine's.
class LiveServer : public QObject
{
    Q_OBJECT

public:
    explicit LiveServer(QObject *parent = nullptr);
    ~LiveServer() override;

    // --- Where it listens: applies at the next start() ---
    void setOptions(const LiveServerOptions &options);
    const LiveServerOptions &options() const { return m_options; }
    // Whether the options bind an address other than loopback, reachable from other machines.
    bool bindsBeyondLoopback() const { return !m_options.isLoopback(); }

    // Listens on both origins; false with errorString() when it cannot (a port in use, a
    // non-loopback address without allowNonLoopback).
    bool start();
    // Closes both origins and every connection.
    void stop();
    bool isRunning() const { return m_running; }
    QString errorString() const { return m_error; }

    // "http://localhost:8780/" and "http://localhost:3780/" while running; empty otherwise.
    QUrl apiUrl() const;
    QUrl pageUrl() const;
    // The test page's origin as the API sees it in Origin headers: what a rule must allow.
    Origin pageOrigin() const;

    // --- What the API answers: from the next request on ---
    void setTenants(const QList<Tenant> &tenants);
    // After one edit: replaces the tenant of that name (or adds it).
    void setTenant(const Tenant &tenant);
    void removeTenant(const QString &name);
    QList<Tenant> tenants() const { return m_api->tenants(); }
    // The tenant for requests that name none; empty: the only tenant, when there is one.
    void setActiveTenant(const QString &name);
    QString activeTenant() const { return m_api->activeTenant(); }
    // The mock backend per path ("/items", or "/items/*" for a subtree): status, headers and body.
    // See LiveApi for what a response may hold; false with `problem` when it cannot be sent.
    bool setBackend(const QString &path, const HttpResponse &response, QString *problem = nullptr);
    void removeBackend(const QString &path);
    QMap<QString, HttpResponse> backends() const { return m_api->backends(); }
    // For paths without their own: 200 {"status":"200"} (seeds/002) until set.
    bool setDefaultBackend(const HttpResponse &response, QString *problem = nullptr);
    HttpResponse defaultBackend() const { return m_api->defaultBackend(); }
    // The answering configuration as it is now (a copy that later edits do not change).
    std::shared_ptr<const LiveApi> api() const { return m_api; }

    // --- The browser model beside it ---
    // The API origin as the browser model sees it, with the configuration as it is now: the
    // same answers, framed as the server sends them.
    std::unique_ptr<Responder> responder() const;
    // What `browser` does with `spec` from a fresh page (no preflight cached) against the API as
    // it is now. Outcomes the page reports get their prediction from a model session that
    // shares the browser's preflight cache instead (LivePredictor).
    Outcome predict(const FetchSpec &spec, const BrowserProfile &browser) const;
    // Forgets the preflight caches of those model sessions (after restarting the browser).
    void resetPredictions();

    // Requests the API origin answered since start().
    quint64 requestCount() const { return m_requestCount; }

Q_SIGNALS:
    void runningChanged(bool running);
    // Every request the API origin answered, with its decision and trace.
    void requestLogged(const cors::LiveExchange &exchange);
    // Every outcome the test page reported, with the model's prediction and the differences.
    void outcomeReported(const cors::LiveOutcome &outcome);
    // A request either origin refused (malformed, too large, too slow, too many connections).
    void requestRejected(const cors::HttpRejection &rejection);

private:
    // A fetch the page announced (POST /begin) and has not reported yet: the API requests that
    // arrive meanwhile are the fetch's.
    struct Window
    {
        QString session;
        int sequence = 0;
        QElapsedTimer age;
        QList<LiveExchange> exchanges;
    };

    bool listen(HttpEndpoint &endpoint, quint16 port);
    QString urlHost() const;
    HttpResponse answerApi(const HttpRequest &request, const QString &peer);
    bool isPageHost(const QString &host) const;
    HttpResponse answerPage(const HttpRequest &request);
    HttpResponse beginFetch(const HttpRequest &request);
    HttpResponse reportOutcome(const HttpRequest &request);
    void updateApi(const std::function<void(LiveApi &)> &change);

    LiveServerOptions m_options;
    std::shared_ptr<const LiveApi> m_api;
    // Children; stop() closes them and deletes them later, since it may be called from a slot
    // connected to requestLogged(), while the API endpoint is handling that request.
    HttpEndpoint *m_apiEndpoint = nullptr;
    HttpEndpoint *m_pageEndpoint = nullptr;
    bool m_running = false;
    QString m_error;
    quint64 m_requestCount = 0;
    quint64 m_outcomeCount = 0;
    LivePredictor m_predictor;
    QList<Window> m_windows; // fetches the page announced and has not reported yet
    QHash<QString, QByteArray> m_assets; // the test console's files, by path
};

} // namespace cors
