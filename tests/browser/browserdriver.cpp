#include "browserdriver.h"

#include "chromiumdriver.h"
#include "firefoxdriver.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QTest>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace cors::conformance {

BrowserDriver::BrowserDriver()
{
    // A process group of its own, so that stop() reaches the renderers and helpers the browser
    // starts, and nothing else.
    m_process.setChildProcessModifier([] { ::setpgid(0, 0); });
    connect(&m_process, &QProcess::readyReadStandardError, this, [this] {
        m_stderr += m_process.readAllStandardError();
        if (m_stderr.size() > 256 * 1024)
            m_stderr = m_stderr.right(128 * 1024);
    });
    connect(&m_process, &QProcess::readyReadStandardOutput, this,
            [this] { m_process.readAllStandardOutput(); });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &BrowserDriver::receive);
}

BrowserDriver::~BrowserDriver()
{
    stop();
}

std::unique_ptr<BrowserDriver> BrowserDriver::create(const QString &browser)
{
    if (browser == u"chromium")
        return std::make_unique<ChromiumDriver>();
    if (browser == u"firefox")
        return std::make_unique<FirefoxDriver>();
    return nullptr;
}

bool BrowserDriver::isAvailable() const
{
    const QFileInfo info(executable());
    return info.exists() && info.isExecutable();
}

QProcessEnvironment BrowserDriver::environment() const
{
    return QProcessEnvironment::systemEnvironment();
}

bool BrowserDriver::prepareProfile(const QString &, QString *)
{
    return true;
}

QString BrowserDriver::diagnostics() const
{
    return QString::fromLocal8Bit(m_stderr.right(4000));
}

bool BrowserDriver::start(const QUrl &page, QString *error)
{
    m_console.clear();
    m_failures.clear();
    m_stderr.clear();
    if (!m_profile.isValid() || !prepareProfile(m_profile.path(), error)) {
        if (error->isEmpty())
            *error = u"cannot create a profile directory"_s;
        return false;
    }
    m_process.setProcessEnvironment(environment());
    m_process.start(executable(), arguments(m_profile.path()));
    if (!m_process.waitForStarted(10000)) {
        *error = u"%1 did not start: %2"_s.arg(executable(), m_process.errorString());
        return false;
    }
    QUrl url;
    if (!QTest::qWaitFor([&] { return (url = endpoint(m_stderr)).isValid() || !isRunning(); }, 20000)
        || !url.isValid()) {
        *error =
            u"%1 did not open its remote protocol endpoint; stderr:\n%2"_s.arg(executable(), diagnostics());
        stop();
        return false;
    }
    // The endpoint is printed just before it accepts connections: retry briefly.
    for (int attempt = 0; attempt < 20 && m_socket.state() != QAbstractSocket::ConnectedState; ++attempt) {
        m_socket.open(url);
        const bool settled = QTest::qWaitFor(
            [&] {
                return m_socket.state() == QAbstractSocket::ConnectedState
                    || m_socket.state() == QAbstractSocket::UnconnectedState;
            },
            2000);
        Q_UNUSED(settled); // the state says what happened
        if (m_socket.state() != QAbstractSocket::ConnectedState) {
            m_socket.abort();
            QTest::qWait(100);
        }
    }
    if (m_socket.state() != QAbstractSocket::ConnectedState) {
        *error = u"cannot connect to %1: %2"_s.arg(url.toString(), m_socket.errorString());
        stop();
        return false;
    }
    if (!attachAndNavigate(page, error)) {
        stop();
        return false;
    }
    return true;
}

void BrowserDriver::stop()
{
    if (m_socket.state() == QAbstractSocket::ConnectedState && isRunning()) {
        // The close command goes out through the event loop, so wait with it running.
        requestClose();
        const bool closed = QTest::qWaitFor([this] { return !isRunning(); }, 5000);
        Q_UNUSED(closed); // whatever is left is ended below
    }
    m_socket.abort();
    killGroup();
    if (isRunning())
        m_process.waitForFinished(5000);
}

void BrowserDriver::killGroup()
{
    const qint64 pid = m_process.processId();
    if (pid > 0)
        ::kill(-pid_t(pid), SIGKILL); // the group setpgid() made, whose id is the browser's pid
}

void BrowserDriver::send(const QString &method, const QJsonObject &params, const QString &sessionId)
{
    QJsonObject message { { u"id"_s, m_nextId++ }, { u"method"_s, method }, { u"params"_s, params } };
    if (!sessionId.isEmpty())
        message.insert(u"sessionId"_s, sessionId);
    m_socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

QJsonObject BrowserDriver::call(const QString &method, const QJsonObject &params, const QString &sessionId,
                                int timeoutMs)
{
    const int id = m_nextId;
    send(method, params, sessionId);
    const bool replied = QTest::qWaitFor(
        [&] { return m_replies.contains(id) || m_socket.state() != QAbstractSocket::ConnectedState; },
        timeoutMs);
    return replied ? m_replies.take(id) : QJsonObject();
}

void BrowserDriver::receive(const QString &text)
{
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    if (message.contains(u"id"))
        m_replies.insert(message.value(u"id").toInt(), message);
    else
        handleEvent(message);
}

} // namespace cors::conformance
