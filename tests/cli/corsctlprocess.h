#pragma once

// Runs corsctl as a separate process, as scripts and CI run it.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QProcess>
#include <QStringList>

namespace cors::test {

struct CorsctlRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QJsonValue json() const
    {
        const QJsonDocument document = QJsonDocument::fromJson(out);
        return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    }
    QString errorText() const { return QString::fromUtf8(err); }
};

inline CorsctlRun corsctl(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(CORSCTL), arguments);
    CorsctlRun run;
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

inline QString demoBundleFile()
{
    return QStringLiteral(CORS_DEMO_BUNDLE);
}

} // namespace cors::test
