#pragma once

#include "browser/fetchspec.h"

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace cors::conformance {

// The origins a run serves, which the scenarios refer to as placeholders.
struct ScenarioOrigins
{
    QString page; // ${PAGE}: the test page's origin
    QString api; // ${API}: a cross-origin API
    QString api2; // ${API2}: another one, for cross-origin redirects
};

// One scenario of tests/browser/scenarios.json: the fetch() calls a page makes (a sequence shares
// the preflight cache) and the responses the server gives, in exactly the formats of
// `corsctl simulate` (--fetch and --responses). Its twin is the scenario that differs in one
// respect and flips the verdict of its last fetch; where the browsers disagree, each may name
// its own twin.
//
// Placeholders: ${PAGE}, ${API}, ${API2}; ${SELF} (${API}/s/<n>), ${SELF2} (${API2}/s/<n>) and
// ${PAGESELF} (${PAGE}/s/<n>) are the scenario's own URLs; ${PAGE_HOSTPORT} and ${SELF_HOSTPORT}
// are ${PAGE} and ${SELF} without "http://", to write URLs with other schemes or user info;
// ${SELF_PATH} is /s/<n>. A fetch without "url" goes to ${SELF},
// one without "pageOrigin" comes from ${PAGE}.
struct ConformanceScenario
{
    int index = 0;
    QString name;
    QString why; // what the scenario shows
    QHash<QString, QString> twins; // browser name, or "*" for both, to the twin's name
    QList<FetchSpec> fetches;
    QJsonValue responses;

    QString twin(const QString &browser) const;
    QString basePath() const;

    static QList<ConformanceScenario> load(const QByteArray &json, const ScenarioOrigins &origins,
                                           QString *error);
};

} // namespace cors::conformance
