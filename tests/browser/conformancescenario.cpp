#include "conformancescenario.h"

#include "browser/fetchspecjson.h"
#include "browser/recordedresponder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

using namespace Qt::StringLiterals;

namespace cors::conformance {

QString ConformanceScenario::twin(const QString &browser) const
{
    return twins.value(browser, twins.value(u"*"_s));
}

QString ConformanceScenario::basePath() const
{
    return u"/s/%1"_s.arg(index);
}

QList<ConformanceScenario> ConformanceScenario::load(const QByteArray &json, const ScenarioOrigins &origins,
                                                     QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = u"scenarios.json: %1 at offset %2"_s.arg(parseError.errorString()).arg(parseError.offset);
        return {};
    }
    const QJsonArray items = document.object().value(u"scenarios").toArray();
    QList<ConformanceScenario> scenarios;
    QSet<QString> names;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString path = u"scenarios[%1]"_s.arg(i);
        ConformanceScenario scenario;
        scenario.index = int(i);
        const QString self = u"/s/%1"_s.arg(i);
        QByteArray text = QJsonDocument(items[i].toObject()).toJson(QJsonDocument::Compact);
        const auto hostPort = [](const QString &origin) {
            return origin.mid(origin.indexOf(u"://") + 3);
        };
        text.replace("${PAGE_HOSTPORT}", hostPort(origins.page).toUtf8());
        text.replace("${SELF_HOSTPORT}", (hostPort(origins.api) + self).toUtf8());
        text.replace("${SELF_PATH}", self.toUtf8());
        text.replace("${SELF}", (origins.api + self).toUtf8());
        text.replace("${SELF2}", (origins.api2 + self).toUtf8());
        text.replace("${PAGESELF}", (origins.page + self).toUtf8());
        text.replace("${PAGE}", origins.page.toUtf8());
        text.replace("${API}", origins.api.toUtf8());
        text.replace("${API2}", origins.api2.toUtf8());
        const QJsonObject object = QJsonDocument::fromJson(text).object();

        scenario.name = object.value(u"name").toString();
        scenario.why = object.value(u"why").toString();
        if (scenario.name.isEmpty() || names.contains(scenario.name)) {
            *error = u"%1: a scenario needs a unique \"name\" (\"%2\")"_s.arg(path, scenario.name);
            return {};
        }
        names.insert(scenario.name);
        const QJsonValue twin = object.value(u"twin");
        if (twin.isString()) {
            scenario.twins.insert(u"*"_s, twin.toString());
        } else {
            const QJsonObject perBrowser = twin.toObject();
            for (auto it = perBrowser.begin(); it != perBrowser.end(); ++it)
                scenario.twins.insert(it.key(), it.value().toString());
        }
        if (scenario.twins.isEmpty()) {
            *error = u"%1 (\"%2\"): every scenario names the twin that flips its verdict"_s.arg(
                path, scenario.name);
            return {};
        }

        QJsonValue fetch = object.value(u"fetch");
        QJsonArray fetches = fetch.isArray() ? fetch.toArray() : QJsonArray { fetch };
        for (QJsonValueRef item : fetches) {
            QJsonObject spec = item.toObject();
            if (!spec.contains(u"pageOrigin"))
                spec.insert(u"pageOrigin"_s, origins.page);
            if (!spec.contains(u"url"))
                spec.insert(u"url"_s, QString(origins.api + self));
            item = spec;
        }
        JsonProblems problems;
        const auto specs = FetchSpecJson::readSequence(fetches, path + u".fetch"_s, &problems);
        scenario.responses = object.value(u"responses");
        if (specs)
            RecordedResponder::fromJson(scenario.responses, &problems);
        if (!specs || !problems.isEmpty()) {
            *error = u"%1 (\"%2\"): %3"_s.arg(path, scenario.name,
                                              problems.isEmpty() ? QString() : problems.first().toString());
            return {};
        }
        scenario.fetches = *specs;
        scenarios.append(scenario);
    }
    for (const ConformanceScenario &scenario : std::as_const(scenarios)) {
        for (const QString &twin : scenario.twins) {
            if (!names.contains(twin) || twin == scenario.name) {
                *error =
                    u"scenario \"%1\": its twin \"%2\" is not another scenario"_s.arg(scenario.name, twin);
                return {};
            }
        }
    }
    return scenarios;
}

} // namespace cors::conformance
