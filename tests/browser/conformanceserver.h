#pragma once

#include "browser/responder.h"
#include "model/httpmessage.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>

#include <array>
#include <functional>
#include <memory>

class QTcpSocket;

namespace cors::conformance {

// The HTTP/1.1 server of the conformance suite: three origins on loopback — the test page's
// (127.0.0.1:P) and two API origins (127.0.0.1:Q and :R) — written on QTcpServer rather than
// QHttpServer because the scenarios need byte-exact control of every response header, repeated
// and oddly-spelt headers included, and arbitrary statuses.
//
// On every origin, paths under /s/<scenario>/ are answered by that scenario's responder (the same
// recorded responses the browser model is given) and recorded with the step of the test page that
// was running. The page origin also serves the test page and collects its reports:
//   GET  /?batch=N        the test page        GET /plan?batch=N   the fetch steps, as JSON
//   POST /begin?step=ID   a step starts        POST /result?step=ID   its outcome
//   POST /done            the batch is over
// and, before the scenarios, a warm-up: the API origins allow everything under /warmup/, and
// GET /warmup-status?url=U on the page origin says how many preflights U received.
class ConformanceServer : public QObject
{
    Q_OBJECT

public:
    enum class Origin { Page, Api, Api2 };

    struct Received
    {
        qint64 time = 0; // ms since the epoch
        QString step; // the step the page had begun when the request arrived
        int scenario = -1;
        HttpRequest request;
    };

    explicit ConformanceServer(QObject *parent = nullptr);
    ~ConformanceServer() override;

    bool listen(QString *error);
    QString origin(Origin which) const;

    void setPage(const QByteArray &html);
    // What the page of each batch runs: {"warmup": [origins], "steps": [{"id", "fetch"}]}.
    void setPlan(const QList<QJsonObject> &batches);
    // Answers for the requests under /s/<scenario>/.
    void setResponder(int scenario, std::shared_ptr<Responder> responder);
    // What the server puts on the wire for a response: the response, plus Content-Length when it
    // has none. The browser model gets the same (ConformanceServer::WireResponder).
    static HttpResponse wireResponse(const HttpResponse &response);

    void resetBatch();
    bool isBatchDone() const { return m_done; }
    const QList<Received> &received() const { return m_received; }
    // When each step began, and what the page reported for it.
    const QHash<QString, qint64> &stepBegins() const { return m_begins; }
    const QHash<QString, QJsonObject> &results() const { return m_results; }
    qint64 doneTime() const { return m_doneTime; }

private:
    struct Connection;

    void accept(QTcpServer *server);
    void readFrom(QTcpSocket *socket);
    void handle(QTcpSocket *socket, int port, const HttpRequest &request);
    void send(QTcpSocket *socket, const HttpResponse &response, bool head, bool close);

    std::array<QTcpServer, 3> m_servers;
    QByteArray m_page;
    QList<QJsonObject> m_plan;
    QHash<int, std::shared_ptr<Responder>> m_responders;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<Received> m_received;
    QHash<QString, qint64> m_begins;
    QHash<QString, QJsonObject> m_results;
    QHash<QString, int> m_warmupPreflights; // by URL
    QString m_currentStep;
    bool m_done = false;
    qint64 m_doneTime = 0;
};

// The responder the browser model gets in the conformance suite: the scenario's recorded
// responses, as the server puts them on the wire.
class WireResponder : public Responder
{
public:
    explicit WireResponder(std::shared_ptr<Responder> inner);
    std::optional<HttpResponse> respond(const HttpRequest &request, Trace &trace) override;

private:
    std::shared_ptr<Responder> m_inner;
};

} // namespace cors::conformance
