#include "clicontext.h"

#include <QFileInfo>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace cors::cli {

int runImport(const QStringList &arguments)
{
    CliContext context(
        u"import"_s,
        u"Imports a rule bundle into a CORS Studio workspace, as one edit: every tenant of the bundle "
        "or, when anything is wrong with it, none. A tenant the workspace does not have is added. "
        "For one it has, --mode merge (the default) merges the bundle's rules by domain: rules for "
        "new domains are added at the end, rules for known domains replace them in place, and the "
        "tenant's other rules and its settings stay. --mode replace makes the tenant the bundle's: "
        "settings, rules and applications (its saved test cases stay). Prints what changed, tenant "
        "by tenant, as JSON; the workspace's history keeps every old value. Creates the workspace "
        "when it does not exist."_s);
    QCommandLineParser &parser = context.parser();
    parser.addOption({ u"workspace"_s, u"The workspace to import into (created when missing)."_s, u"W"_s });
    parser.addOption({ u"mode"_s,
                       u"How a tenant the workspace already has is updated: merge (default) or replace."_s,
                       u"merge|replace"_s, u"merge"_s });
    parser.addPositionalArgument(u"bundle"_s, u"The rule bundle (*.corsbundle.json) to import."_s,
                                 u"B.json"_s);
    if (const auto exit = context.parse(arguments, { u"workspace"_s }))
        return *exit;
    if (const auto exit = context.requirePositional(1, u"one bundle file"_s))
        return *exit;
    const auto mode = importModeFromName(parser.value(u"mode"_s));
    if (!mode)
        return context.usageError(
            u"unknown --mode \"%1\" (use merge or replace)"_s.arg(parser.value(u"mode"_s)));

    // The bundle first: a bundle with problems must not even create the workspace.
    const QString bundleFile = parser.positionalArguments().constFirst();
    const auto bundle = context.loadBundle(bundleFile);
    if (!bundle)
        return BadInput;

    const QString workspaceFile = parser.value(u"workspace"_s);
    const auto workspace = context.openWorkspace(workspaceFile, Workspace::OpenMode::EditOrCreate);
    if (!workspace)
        return BadInput;
    const auto report = workspace->importBundle(*bundle, *mode);
    if (!report)
        return context.badInput(u"%1: %2"_s.arg(bundleFile, report.errorMessage()));

    QJsonObject output = report->toJson();
    output.insert(u"workspace"_s, QFileInfo(workspaceFile).absoluteFilePath());
    CliContext::printJson(output);
    return Success;
}

} // namespace cors::cli
