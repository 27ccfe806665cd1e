#include "verdict.h"

using namespace Qt::StringLiterals;

namespace cors {

QString verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Allowed:
        return u"allowed"_s;
    case Verdict::Blocked:
        return u"blocked"_s;
    case Verdict::Opaque:
        return u"opaque"_s;
    }
    return {};
}

std::optional<Verdict> verdictFromName(QStringView name)
{
    for (const Verdict verdict : { Verdict::Allowed, Verdict::Blocked, Verdict::Opaque }) {
        if (name == verdictName(verdict))
            return verdict;
    }
    return std::nullopt;
}

const QStringList &verdictNames()
{
    static const QStringList names = { verdictName(Verdict::Allowed), verdictName(Verdict::Blocked),
                                       verdictName(Verdict::Opaque) };
    return names;
}

} // namespace cors
