#pragma once

#include "browserdriver.h"

namespace cors::conformance {

// Debian's Chromium, headless, driven over the DevTools protocol: Network.loadingFailed gives the
// CorsError of each blocked request, Log.entryAdded the console's text (BROWSERS.md).
class ChromiumDriver : public BrowserDriver
{
    Q_OBJECT

public:
    QString executable() const override;

protected:
    QStringList arguments(const QString &profileDir) const override;
    QUrl endpoint(const QByteArray &stderrText) const override;
    bool attachAndNavigate(const QUrl &page, QString *error) override;
    void handleEvent(const QJsonObject &message) override;
    void requestClose() override;

private:
    struct Sent
    {
        QString url;
        qint64 time = 0;
    };
    QHash<QString, Sent> m_requests; // by DevTools requestId
};

} // namespace cors::conformance
