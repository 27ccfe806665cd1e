#include "livepredictor.h"

#include <algorithm>

namespace cors {

LivePredictor::LivePredictor(int maxPages)
    : m_maxPages(std::max(1, maxPages))
{ }

Outcome LivePredictor::predict(const QString &page, const BrowserProfile &browser, const FetchSpec &spec,
                               Responder &responder)
{
    const QString key = browser.name() + u' ' + page;
    auto it = m_pages.find(key);
    if (it == m_pages.end()) {
        if (int(m_pages.size()) >= m_maxPages) {
            // The page not heard from longest goes; its browser has most likely been closed.
            const auto oldest =
                std::min_element(m_pages.begin(), m_pages.end(), [](const auto &a, const auto &b) {
                    return a.second.lastUse < b.second.lastUse;
                });
            m_pages.erase(oldest);
        }
        it = m_pages.emplace(key, Page { BrowserSession(browser), 0 }).first;
    }
    it->second.lastUse = ++m_uses;
    return it->second.session.fetch(spec, responder);
}

void LivePredictor::clear()
{
    m_pages.clear();
}

} // namespace cors
