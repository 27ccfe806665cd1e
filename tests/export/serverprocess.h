#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

namespace cors::test {

// A real server (nginx, apache2, node) started in the foreground as a child process, on loopback,
// with its own configuration, pid and log files in a temporary directory. start() returns once
// the port accepts connections (bounded wait); stop() ends it by its PID — SIGTERM, then SIGKILL
// after 5 s — and is also what the destructor does.
class ServerProcess
{
public:
    ServerProcess() = default;
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    bool start(const QString &program, const QStringList &arguments, const QString &workingDirectory,
               const QList<quint16> &ports, QString *error);
    void stop();
    void setEnvironment(const QProcessEnvironment &environment)
    {
        m_process.setProcessEnvironment(environment);
    }
    qint64 pid() const { return m_process.processId(); }
    QString output();

    // A TCP port on 127.0.0.1 that nothing listens on right now.
    static quint16 freePort();
    // The program from PATH or the sbin directories, or empty.
    static QString findProgram(const QString &name);

private:
    QProcess m_process;
    QByteArray m_output;
};

} // namespace cors::test
