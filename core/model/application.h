#pragma once

#include "rule.h"

#include <QString>
#include <QStringList>

namespace cors {

// A registered client application and its "JavaScript origins" (seeds/003): a request from one
// of these origins is accepted as if the rule named by `rule` had matched — the first enabled
// rule when `rule` is empty.
struct Application
{
    QString name;
    QStringList origins; // serialized origins
    QString rule; // domain of the rule whose settings apply

    QList<FieldProblem> validate() const;

    friend bool operator==(const Application &, const Application &) = default;
};

} // namespace cors
