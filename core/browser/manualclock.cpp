#include "manualclock.h"

namespace cors {

ManualClock::ManualClock()
    : m_now(std::make_shared<std::chrono::milliseconds>(0))
{ }

void ManualClock::advance(std::chrono::milliseconds by)
{
    if (by.count() > 0)
        *m_now += by;
}

Clock ManualClock::clock() const
{
    return [now = m_now] {
        return *now;
    };
}

} // namespace cors
