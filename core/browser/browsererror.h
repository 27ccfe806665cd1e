#pragma once

#include <QJsonObject>
#include <QString>

namespace cors {

// What the browser itself reports when it blocks a fetch: its own code for the failure and the
// exact text it prints. Chromium: the CorsError name that DevTools shows
// (PreflightMissingAllowOriginHeader, …) and the console message "Access to fetch at '…' from
// origin '…' has been blocked by CORS policy: …". Firefox: the reason code (CORSMissingAllowOrigin,
// …) and the console message "Cross-Origin Request Blocked: … (Reason: …)". When fetch() throws
// before any request is made, the code is "TypeError" and the message is the exception's.
struct BrowserError
{
    QString code;
    QString message;

    QJsonObject toJson() const;

    friend bool operator==(const BrowserError &, const BrowserError &) = default;
};

} // namespace cors
