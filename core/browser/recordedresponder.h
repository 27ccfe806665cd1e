#pragma once

#include "model/jsonproblem.h"
#include "responder.h"

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QUrl>

#include <optional>

namespace cors {

// Responses someone recorded ("the server sent these headers"), replayed to the browser model
// (DESIGN.md, "Responses JSON"):
//   {"preflight": R, "actual": R}                          the same answers for every URL
//   {"urls": {"<absolute URL>": {"preflight": R, "actual": R}, ...}}   per URL, for redirects
// where R is {"status", "headers": [[name, value], ...], "body"}. R may also be a list of
// responses: the first request of that kind gets the first, the next the second, and the last
// one answers every request after that — how a sequence of fetches sees a server change its
// answer (what shows the preflight cache at work).
class RecordedResponder : public Responder
{
public:
    struct Answers
    {
        QList<HttpResponse> preflight;
        QList<HttpResponse> actual;
        QString path; // JSON path of this object, for messages

        friend bool operator==(const Answers &, const Answers &) = default;
    };

    // A request that found nothing recorded for it.
    struct Miss
    {
        QString path; // where in the responses document the answer was expected
        QString message;

        friend bool operator==(const Miss &, const Miss &) = default;
    };

    RecordedResponder() = default;
    static std::optional<RecordedResponder> fromJson(const QJsonValue &value, JsonProblems *problems);

    // Answers for every URL that has no answers of its own.
    void setDefaultAnswers(Answers answers);
    void setAnswers(const QUrl &url, Answers answers);

    std::optional<HttpResponse> respond(const HttpRequest &request, Trace &trace) override;

    const QList<Miss> &misses() const { return m_misses; }

private:
    std::optional<Answers> m_default;
    QHash<QString, Answers> m_byUrl; // keyed by FetchRequest::serializeUrl()
    QHash<QString, int> m_served; // per "<kind> <url>": how many were answered so far
    QList<Miss> m_misses;
};

} // namespace cors
