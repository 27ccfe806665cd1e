#pragma once

#include "bundle/bundle.h"
#include "command.h"
#include "model/jsonproblem.h"
#include "storage/workspace.h"

#include <QCommandLineParser>
#include <QJsonValue>

#include <optional>

namespace cors::cli {

// What every corsctl command shares: option parsing with usage errors (exit 2), reading JSON
// input files with messages that name the file and the JSON path (exit 1), loading tenants from
// a bundle or a workspace, and printing JSON.
class CliContext
{
public:
    CliContext(const QString &command, const QString &description);

    QCommandLineParser &parser() { return m_parser; }
    // Parses; on --help prints help and returns Success, on a usage error prints it and returns
    // UsageError; returns nullopt when the command should go on.
    std::optional<int> parse(const QStringList &arguments, const QStringList &requiredOptions);
    std::optional<int> requirePositional(int count, const QString &names);

    // Reads and parses a JSON file; on failure prints "corsctl: FILE: message" and returns nullopt.
    std::optional<QJsonValue> readJsonFile(const QString &fileName);
    void reportProblems(const QString &fileName, const JsonProblems &problems);
    std::optional<Bundle> loadBundle(const QString &fileName);

    // Tenants come from --bundle B or --workspace W, in every command that reads tenants.
    // addTenantSourceOptions() before parse(); requireTenantSource() after it (a usage error
    // unless exactly one is given); then loadTenants(), which prints what went wrong, naming
    // the file, and returns nullopt (exit 1).
    void addTenantSourceOptions();
    std::optional<int> requireTenantSource();
    std::optional<QList<Tenant>> loadTenants();
    // The file --bundle or --workspace names, for messages.
    QString tenantSource() const;
    bool tenantsFromWorkspace() const;

    // Opens a workspace; on failure prints why (the message names the file) and returns null.
    std::unique_ptr<Workspace> openWorkspace(const QString &fileName, Workspace::OpenMode mode);

    int usageError(const QString &message);
    int badInput(const QString &message);
    static void printJson(const QJsonValue &value);
    static void printText(const QString &text);

private:
    QString m_command;
    QCommandLineParser m_parser;
};

} // namespace cors::cli
