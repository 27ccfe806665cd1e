#pragma once

// `corsctl serve` as a separate process, as a person or a script runs it: started with JSON-line
// logging on free loopback ports, its events read as they arrive, stopped by a signal to its own
// PID. Waiting keeps the event loop running (QTest::qWaitFor).

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QUrl>

#include <csignal>
#include <sys/types.h>

namespace cors::test {

class ServeProcess
{
public:
    ServeProcess()
    {
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &m_process, [this] { read(); });
        QObject::connect(&m_process, &QProcess::readyReadStandardError, &m_process,
                         [this] { m_stderr += m_process.readAllStandardError(); });
    }
    ~ServeProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    // Starts `corsctl serve ARGUMENTS --log json`, on free ports unless the arguments choose, and
    // waits (bounded) for it to say where it listens.
    bool start(QStringList arguments, QString *error)
    {
        arguments.prepend(QStringLiteral("serve"));
        arguments << QStringLiteral("--log") << QStringLiteral("json");
        if (!arguments.contains(QStringLiteral("--port")))
            arguments << QStringLiteral("--port") << QStringLiteral("0");
        if (!arguments.contains(QStringLiteral("--page-port")))
            arguments << QStringLiteral("--page-port") << QStringLiteral("0");
        m_process.start(QStringLiteral(CORSCTL), arguments);
        if (!waitForEvent(QStringLiteral("listening"), 1, 15000)) {
            *error = QStringLiteral("corsctl serve did not start listening; stderr: ")
                + QString::fromUtf8(m_stderr);
            return false;
        }
        const QJsonObject listening = events(QStringLiteral("listening")).first();
        m_api = QUrl(listening.value(QStringLiteral("api")).toString());
        m_page = QUrl(listening.value(QStringLiteral("page")).toString());
        return true;
    }

    const QUrl &api() const { return m_api; }
    const QUrl &page() const { return m_page; }
    QProcess &process() { return m_process; }
    const QByteArray &standardError() const { return m_stderr; }

    QList<QJsonObject> events(const QString &type) const
    {
        QList<QJsonObject> found;
        for (const QJsonObject &event : m_events) {
            if (event.value(QStringLiteral("event")).toString() == type)
                found.append(event);
        }
        return found;
    }

    bool waitForEvent(const QString &type, qsizetype count, int timeoutMs)
    {
        return QTest::qWaitFor(
                   [&] { return events(type).size() >= count || m_process.state() == QProcess::NotRunning; },
                   timeoutMs)
            && events(type).size() >= count;
    }

    // Sends `signal` to the process (by its PID) and returns its exit code, or -1 when it did not
    // exit normally within 10 s.
    int stop(int signal = SIGTERM)
    {
        ::kill(pid_t(m_process.processId()), signal);
        if (!QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; }, 10000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
            return -1;
        }
        read();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

private:
    void read()
    {
        m_stdout += m_process.readAllStandardOutput();
        qsizetype newline;
        while ((newline = m_stdout.indexOf('\n')) >= 0) {
            const QByteArray line = m_stdout.left(newline);
            m_stdout.remove(0, newline + 1);
            const QJsonDocument document = QJsonDocument::fromJson(line);
            if (document.isObject())
                m_events.append(document.object());
        }
    }

    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
    QList<QJsonObject> m_events;
    QUrl m_api;
    QUrl m_page;
};

} // namespace cors::test
