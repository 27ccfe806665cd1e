#include "tracestep.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace cors {

QJsonArray traceToJson(const Trace &trace)
{
    QJsonArray array;
    for (const TraceStep &step : trace)
        array.append(
            QJsonObject { { u"step"_s, step.step }, { u"ok"_s, step.ok }, { u"detail"_s, step.detail } });
    return array;
}

} // namespace cors
