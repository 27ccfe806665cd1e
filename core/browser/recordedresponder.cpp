#include "recordedresponder.h"

#include "fetchrequest.h"
#include "model/httpmessagejson.h"
#include "model/jsonobjectreader.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

// R, or a non-empty list of R.
std::optional<QList<HttpResponse>> readResponses(const QJsonValue &value, const QString &path,
                                                 JsonProblems *problems)
{
    QList<HttpResponse> responses;
    if (!value.isArray()) {
        const auto response = HttpMessageJson::readResponse(value, path, problems);
        if (!response)
            return std::nullopt;
        responses.append(*response);
        return responses;
    }
    const QJsonArray array = value.toArray();
    if (array.isEmpty()) {
        problems->append({ path, u"an empty list: expected a response object or a list of them"_s });
        return std::nullopt;
    }
    bool ok = true;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const auto response =
            HttpMessageJson::readResponse(array[i], JsonObjectReader::indexPath(path, i), problems);
        ok = ok && response.has_value();
        if (response)
            responses.append(*response);
    }
    if (!ok)
        return std::nullopt;
    return responses;
}

std::optional<RecordedResponder::Answers> readAnswers(const QJsonValue &value, const QString &path,
                                                      JsonProblems *problems)
{
    const qsizetype before = problems->size();
    JsonObjectReader reader(value, path, problems, u"an object with \"preflight\" and/or \"actual\""_s);
    if (!reader.isValid())
        return std::nullopt;
    reader.rejectUnknownKeys({ u"preflight", u"actual" });
    RecordedResponder::Answers answers;
    answers.path = path;
    if (reader.has(u"preflight")) {
        if (const auto responses =
                readResponses(reader.value(u"preflight"), reader.pathOf(u"preflight"), problems))
            answers.preflight = *responses;
    }
    if (reader.has(u"actual")) {
        if (const auto responses = readResponses(reader.value(u"actual"), reader.pathOf(u"actual"), problems))
            answers.actual = *responses;
    }
    if (problems->size() != before)
        return std::nullopt;
    return answers;
}

QString urlPath(const QString &url)
{
    return u"urls[\""_s + url + u"\"]"_s;
}

} // namespace

std::optional<RecordedResponder> RecordedResponder::fromJson(const QJsonValue &value, JsonProblems *problems)
{
    const qsizetype before = problems->size();
    if (!value.isObject()) {
        problems->append(
            { QString(),
              u"expected a responses object ({\"preflight\", \"actual\"} or {\"urls\": {...}}), found %1"_s
                  .arg(JsonObjectReader::typeName(value)) });
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    RecordedResponder responder;
    if (!object.contains(u"urls")) {
        if (!object.contains(u"preflight") && !object.contains(u"actual")) {
            problems->append({ QString(), u"expected \"preflight\" and/or \"actual\", or \"urls\""_s });
            return std::nullopt;
        }
        const auto answers = readAnswers(value, QString(), problems);
        if (!answers)
            return std::nullopt;
        responder.setDefaultAnswers(*answers);
        return responder;
    }

    if (object.contains(u"preflight") || object.contains(u"actual")) {
        problems->append({ QString(), u"give either \"urls\" or \"preflight\"/\"actual\", not both"_s });
        return std::nullopt;
    }
    JsonObjectReader reader(value, QString(), problems);
    reader.rejectUnknownKeys({ u"urls" });
    const QJsonValue urls = object.value(u"urls");
    if (!urls.isObject() || urls.toObject().isEmpty()) {
        problems->append(
            { u"urls"_s, u"expected an object mapping absolute URLs to {\"preflight\", \"actual\"}"_s });
        return std::nullopt;
    }
    const QJsonObject map = urls.toObject();
    for (auto it = map.begin(); it != map.end(); ++it) {
        const QString path = urlPath(it.key());
        const QUrl url(it.key(), QUrl::StrictMode);
        if (!url.isValid() || url.isRelative() || url.host().isEmpty()) {
            problems->append({ path, u"\"%1\" is not an absolute http(s) URL"_s.arg(it.key()) });
            continue;
        }
        const QString key = FetchRequest::serializeUrl(url);
        if (responder.m_byUrl.contains(key)) {
            problems->append({ path, u"the same URL as %1"_s.arg(responder.m_byUrl.value(key).path) });
            continue;
        }
        if (const auto answers = readAnswers(it.value(), path, problems))
            responder.setAnswers(url, *answers);
    }
    if (problems->size() != before)
        return std::nullopt;
    return responder;
}

void RecordedResponder::setDefaultAnswers(Answers answers)
{
    m_default = std::move(answers);
}

void RecordedResponder::setAnswers(const QUrl &url, Answers answers)
{
    m_byUrl.insert(FetchRequest::serializeUrl(url), std::move(answers));
}

std::optional<HttpResponse> RecordedResponder::respond(const HttpRequest &request, Trace &trace)
{
    const QString url = FetchRequest::serializeUrl(request.url);
    const bool preflight = isPreflight(request);
    const QString kind = preflight ? u"preflight"_s : u"actual"_s;
    const auto found = m_byUrl.constFind(url);
    const Answers *answers =
        found != m_byUrl.constEnd() ? &found.value() : (m_default ? &*m_default : nullptr);
    const QList<HttpResponse> *responses =
        answers ? (preflight ? &answers->preflight : &answers->actual) : nullptr;

    if (!responses || responses->isEmpty()) {
        const QString path =
            answers ? (answers->path.isEmpty() ? kind : answers->path + u'.' + kind) : urlPath(url);
        const QString what = preflight ? u"a CORS preflight (OPTIONS)"_s
                                       : u"the %1 request"_s.arg(QString::fromLatin1(request.method));
        Miss miss { path, u"no response recorded for %1 the browser sends to %2"_s.arg(what, url) };
        if (!m_misses.contains(miss))
            m_misses.append(miss);
        trace.append({ u"server"_s, false, u"Nothing was recorded for %1 to %2."_s.arg(what, url) });
        return std::nullopt;
    }
    int &served = m_served[kind + u' ' + url];
    const qsizetype index = std::min<qsizetype>(served, responses->size() - 1);
    ++served;
    if (responses->size() > 1) {
        trace.append({ u"server"_s, true,
                       u"The recorded %1 response #%2 of %3 for %4 answers."_s.arg(kind)
                           .arg(index + 1)
                           .arg(responses->size())
                           .arg(url) });
    }
    return responses->at(index);
}

} // namespace cors
