#pragma once

#include "browserdriver.h"

namespace cors::conformance {

// Debian's Firefox ESR, headless, in a fresh profile whose user.js turns off everything that
// would reach outside loopback, driven over WebDriver BiDi: log.entryAdded carries the console's
// "Cross-Origin Request Blocked: …" text (BROWSERS.md).
class FirefoxDriver : public BrowserDriver
{
    Q_OBJECT

public:
    QString executable() const override;

protected:
    QStringList arguments(const QString &profileDir) const override;
    QProcessEnvironment environment() const override;
    bool prepareProfile(const QString &profileDir, QString *error) override;
    QUrl endpoint(const QByteArray &stderrText) const override;
    bool attachAndNavigate(const QUrl &page, QString *error) override;
    void handleEvent(const QJsonObject &message) override;
    void requestClose() override;
};

} // namespace cors::conformance
