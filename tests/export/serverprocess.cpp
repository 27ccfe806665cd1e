#include "serverprocess.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

using namespace Qt::StringLiterals;

namespace cors::test {

ServerProcess::~ServerProcess()
{
    stop();
}

QString ServerProcess::findProgram(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(name, { u"/usr/sbin"_s, u"/sbin"_s, u"/usr/local/sbin"_s });
    return path;
}

quint16 ServerProcess::freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

bool ServerProcess::start(const QString &program, const QStringList &arguments,
                          const QString &workingDirectory, const QList<quint16> &ports, QString *error)
{
    m_process.setProgram(program);
    m_process.setArguments(arguments);
    m_process.setWorkingDirectory(workingDirectory);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        *error = u"%1 did not start: %2"_s.arg(program, m_process.errorString());
        return false;
    }
    // Bounded: every port must accept a connection within 20 s.
    const QDeadlineTimer deadline(20000);
    for (const quint16 port : ports) {
        bool up = false;
        while (!up && !deadline.hasExpired()) {
            if (m_process.state() != QProcess::Running) {
                *error = u"%1 exited with %2 before listening on port %3:\n%4"_s.arg(program)
                             .arg(m_process.exitCode())
                             .arg(port)
                             .arg(output());
                return false;
            }
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            up = probe.waitForConnected(200);
            if (!up)
                QThread::msleep(50);
        }
        if (!up) {
            *error = u"%1 did not listen on port %2 within 20 s:\n%3"_s.arg(program).arg(port).arg(output());
            stop();
            return false;
        }
    }
    return true;
}

void ServerProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate(); // SIGTERM to this child's PID only
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    m_output += m_process.readAll();
}

QString ServerProcess::output()
{
    m_output += m_process.readAll();
    return QString::fromUtf8(m_output);
}

} // namespace cors::test
