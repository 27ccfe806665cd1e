#pragma once

#include "browser/browserprofile.h"
#include "browser/browsersession.h"
#include "browser/fetchspec.h"
#include "browser/outcome.h"
#include "browser/responder.h"

#include <QString>

#include <map>

namespace cors {

// The browser model's predictions for the fetches a real browser runs on the test page.
//
// Fetches of one browser from one page origin share one model session, and so one preflight
// cache, for as long as the server runs: the real browser's cache outlives a reload of the page
// too, so a preflight it cached a minute ago (before a rule edit, say) is what the model must
// assume as well. The model's cache runs on the machine's steady clock, as the browser's does.
class LivePredictor
{
public:
    explicit LivePredictor(int maxPages = 32);

    // `page` names the page: the browser's User-Agent and the page's origin.
    Outcome predict(const QString &page, const BrowserProfile &browser, const FetchSpec &spec,
                    Responder &responder);
    // Forgets every page's preflight cache (a browser restarted with a fresh profile).
    void clear();
    int pageCount() const { return int(m_pages.size()); }

private:
    struct Page
    {
        BrowserSession session;
        quint64 lastUse = 0;
    };

    int m_maxPages;
    quint64 m_uses = 0;
    std::map<QString, Page> m_pages;
};

} // namespace cors
