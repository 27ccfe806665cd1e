#include "application.h"

#include "origin.h"

using namespace Qt::StringLiterals;

namespace cors {

QList<FieldProblem> Application::validate() const
{
    QList<FieldProblem> problems;
    if (name.trimmed().isEmpty())
        problems.append({ u"name"_s, -1, u"the application needs a name"_s });
    for (int i = 0; i < origins.size(); ++i) {
        QString error;
        const auto origin = Origin::parse(origins[i], &error);
        if (!origin)
            problems.append({ u"origins"_s, i, error });
        else if (origin->serialize() != origins[i])
            problems.append({ u"origins"_s, i,
                              u"\"%1\" is not written canonically; write \"%2\""_s.arg(
                                  origins[i], origin->serialize()) });
    }
    return problems;
}

} // namespace cors
