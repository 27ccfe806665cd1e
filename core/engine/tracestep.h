#pragma once

#include <QJsonArray>
#include <QList>
#include <QString>

namespace cors {

// One check the engine or the browser model made, in order: what was checked, whether it
// passed, and one sentence a support engineer can read aloud to a customer.
struct TraceStep
{
    QString step;
    bool ok = true;
    QString detail;

    friend bool operator==(const TraceStep &, const TraceStep &) = default;
};

using Trace = QList<TraceStep>;

QJsonArray traceToJson(const Trace &trace);

} // namespace cors
