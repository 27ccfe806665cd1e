#pragma once

#include "browsererror.h"
#include "engine/tracestep.h"
#include "fetchhop.h"
#include "verdict.h"

#include <QByteArrayList>
#include <QJsonObject>

#include <optional>

namespace cors {

// What a browser did with one fetch() (DESIGN.md, `corsctl simulate` output).
struct Outcome
{
    Verdict verdict = Verdict::Blocked;
    QList<FetchHop> hops; // one per URL, in order; the last is where the fetch ended
    QByteArrayList exposedHeaders; // lower-cased names script can read
    int status = 0; // what response.status says (0 when blocked or opaque)
    std::optional<BrowserError> error;
    Trace trace;

    bool preflightSent() const;

    // {"verdict", "preflight", "actual", "exposedHeaders", "error", "trace"}: "preflight" and
    // "actual" are those of the last hop; earlier hops of a redirected fetch are listed in
    // "redirects" as {"url", "preflight", "actual"}.
    QJsonObject toJson() const;

    friend bool operator==(const Outcome &, const Outcome &) = default;
};

} // namespace cors
