#pragma once

#include <QString>
#include <QStringList>

namespace cors::cli {

// Exit status of every corsctl command (DESIGN.md): 0 when the command did its job (a blocked
// verdict is a result, not an error), 1 on bad input, 2 on usage errors; 3 when `lint --fail-on`
// found something at or above the threshold.
enum ExitCode { Success = 0, BadInput = 1, UsageError = 2, FindingsAtThreshold = 3 };

struct Command
{
    QString name;
    QString summary;
    int (*run)(const QStringList &arguments); // arguments[0] is "corsctl <name>"
};

int runEvaluate(const QStringList &arguments);
int runExport(const QStringList &arguments);
int runImport(const QStringList &arguments);
int runLint(const QStringList &arguments);
int runTenants(const QStringList &arguments);
int runSimulate(const QStringList &arguments);
int runHar(const QStringList &arguments);
int runServe(const QStringList &arguments);

} // namespace cors::cli
