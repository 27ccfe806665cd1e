#pragma once

#include <chrono>
#include <functional>

namespace cors {

// Monotonic time, as the preflight cache sees it. It is injected rather than read from the system
// so that a sequence of fetches runs on a clock that moves only when the sequence says time
// passes ("delay"), and so that tests can step over Access-Control-Max-Age boundaries exactly.
using Clock = std::function<std::chrono::milliseconds()>;

// The machine's steady clock (what a real browser uses: base::TimeTicks in Chromium,
// mozilla::TimeStamp in Firefox).
Clock steadyClock();

} // namespace cors
