#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>
#include <QWebSocket>

#include <memory>

namespace cors::conformance {

// Runs one real, headless browser on loopback and listens to what it reports about the page's
// requests: Chromium through the DevTools protocol, Firefox through WebDriver BiDi, both over a
// WebSocket on 127.0.0.1. The browser runs in a process group of its own, in a fresh profile, and
// stop() ends exactly that group, by its id.
class BrowserDriver : public QObject
{
    Q_OBJECT

public:
    // A console message (the browser's own CORS error text).
    struct ConsoleEntry
    {
        qint64 time = 0; // ms since the epoch
        QString source; // "javascript", "network"
        QString level; // "error", "warn", ...
        QString text;
        QString url; // the request's URL, when the browser says (Chromium's network entries)
    };
    // A request that failed, with the browser's code for why (Chromium only: corsErrorStatus, or
    // the net error).
    struct FailedRequest
    {
        qint64 time = 0;
        QString url;
        QString code;
        bool cors = false; // a CorsError rather than a network error
    };

    ~BrowserDriver() override;

    static std::unique_ptr<BrowserDriver> create(const QString &browser);

    virtual QString executable() const = 0;
    bool isAvailable() const;

    // Launches the browser, attaches to it and navigates to `page`. Bounded: gives up after 20 s.
    bool start(const QUrl &page, QString *error);
    // Closes the browser, then ends its process group.
    void stop();
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }

    const QList<ConsoleEntry> &console() const { return m_console; }
    const QList<FailedRequest> &failures() const { return m_failures; }
    QString diagnostics() const;

protected:
    BrowserDriver();

    virtual QStringList arguments(const QString &profileDir) const = 0;
    virtual QProcessEnvironment environment() const;
    virtual bool prepareProfile(const QString &profileDir, QString *error);
    // The WebSocket URL, once the browser printed it on stderr.
    virtual QUrl endpoint(const QByteArray &stderrText) const = 0;
    // Attaches to the page (subscribing to its events) and navigates it.
    virtual bool attachAndNavigate(const QUrl &page, QString *error) = 0;
    virtual void handleEvent(const QJsonObject &message) = 0;
    virtual void requestClose() = 0;

    // Sends a command and waits (bounded) for its reply, handling events meanwhile.
    QJsonObject call(const QString &method, const QJsonObject &params, const QString &sessionId = QString(),
                     int timeoutMs = 10000);
    void send(const QString &method, const QJsonObject &params, const QString &sessionId = QString());

    QList<ConsoleEntry> m_console;
    QList<FailedRequest> m_failures;

private:
    void receive(const QString &text);
    void killGroup();

    QProcess m_process;
    QTemporaryDir m_profile;
    QWebSocket m_socket;
    QByteArray m_stderr;
    int m_nextId = 1;
    QHash<int, QJsonObject> m_replies;
};

} // namespace cors::conformance
