#pragma once

#include "clock.h"

#include <memory>

namespace cors {

// A clock that stands still until it is advanced. Copies share one time, so the Clock handed to
// a session keeps following advance() calls made on the ManualClock that produced it.
class ManualClock
{
public:
    ManualClock();

    std::chrono::milliseconds now() const { return *m_now; }
    void advance(std::chrono::milliseconds by);
    Clock clock() const;

private:
    std::shared_ptr<std::chrono::milliseconds> m_now;
};

} // namespace cors
