#include "clicontext.h"

#include "bundle/bundlereader.h"
#include "model/jsontext.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace cors::cli {

namespace {
void printError(const QString &message)
{
    std::fputs(qPrintable(u"corsctl: "_s + message + u'\n'), stderr);
}
} // namespace

CliContext::CliContext(const QString &command, const QString &description)
    : m_command(command)
{
    m_parser.setApplicationDescription(description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.addHelpOption();
}

std::optional<int> CliContext::parse(const QStringList &arguments, const QStringList &requiredOptions)
{
    if (!m_parser.parse(arguments))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(u"help"_s)) {
        // The first line names the program as it was started ("Usage: ./build/bin/corsctl");
        // only that name becomes "corsctl <command>", not every "corsctl" in the descriptions.
        QString help = m_parser.helpText();
        const QString usage = u"Usage: "_s + QCoreApplication::arguments().constFirst();
        if (help.startsWith(usage))
            help.replace(0, usage.size(), u"Usage: corsctl "_s + m_command);
        printText(help);
        return Success;
    }
    for (const QString &option : requiredOptions) {
        if (!m_parser.isSet(option))
            return usageError(u"--%1 is required"_s.arg(option));
    }
    return std::nullopt;
}

std::optional<int> CliContext::requirePositional(int count, const QString &names)
{
    if (m_parser.positionalArguments().size() != count)
        return usageError(
            u"expected %1, got %2 argument(s)"_s.arg(names).arg(m_parser.positionalArguments().size()));
    return std::nullopt;
}

int CliContext::usageError(const QString &message)
{
    printError(u"%1: %2\nRun 'corsctl %1 --help' for usage."_s.arg(m_command, message));
    return UsageError;
}

int CliContext::badInput(const QString &message)
{
    printError(message);
    return BadInput;
}

std::optional<QJsonValue> CliContext::readJsonFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        badInput(u"%1: cannot read: %2"_s.arg(fileName, file.errorString()));
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        reportProblems(fileName, { JsonProblem::fromParseError(bytes, error) });
        return std::nullopt;
    }
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

void CliContext::reportProblems(const QString &fileName, const JsonProblems &problems)
{
    for (const JsonProblem &problem : problems)
        printError(fileName + u": " + problem.toString());
}

std::optional<Bundle> CliContext::loadBundle(const QString &fileName)
{
    const auto json = readJsonFile(fileName);
    if (!json)
        return std::nullopt;
    JsonProblems problems;
    auto bundle = BundleReader::read(*json, &problems);
    if (!bundle) {
        reportProblems(fileName, problems);
        return std::nullopt;
    }
    return bundle;
}

void CliContext::addTenantSourceOptions()
{
    m_parser.addOption(
        { u"bundle"_s, u"Read the tenants from this rule bundle (*.corsbundle.json)."_s, u"B"_s });
    m_parser.addOption(
        { u"workspace"_s,
          u"Read the tenants from this CORS Studio workspace instead (read-only: it may be open in "
          "CORS Studio meanwhile)."_s,
          u"W"_s });
}

std::optional<int> CliContext::requireTenantSource()
{
    const bool bundle = m_parser.isSet(u"bundle"_s);
    const bool workspace = m_parser.isSet(u"workspace"_s);
    if (!bundle && !workspace)
        return usageError(u"--bundle or --workspace is required"_s);
    if (bundle && workspace)
        return usageError(u"give either --bundle or --workspace, not both"_s);
    return std::nullopt;
}

bool CliContext::tenantsFromWorkspace() const
{
    return m_parser.isSet(u"workspace"_s);
}

QString CliContext::tenantSource() const
{
    return m_parser.value(tenantsFromWorkspace() ? u"workspace"_s : u"bundle"_s);
}

std::optional<QList<Tenant>> CliContext::loadTenants()
{
    if (!tenantsFromWorkspace()) {
        auto bundle = loadBundle(tenantSource());
        if (!bundle)
            return std::nullopt;
        return std::move(bundle->tenants);
    }
    const auto workspace = openWorkspace(tenantSource(), Workspace::OpenMode::ReadOnly);
    if (!workspace)
        return std::nullopt;
    auto tenants = workspace->tenants();
    if (!tenants) {
        badInput(tenantSource() + u": " + tenants.errorMessage());
        return std::nullopt;
    }
    return std::move(*tenants);
}

std::unique_ptr<Workspace> CliContext::openWorkspace(const QString &fileName, Workspace::OpenMode mode)
{
    auto workspace = Workspace::open(fileName, mode);
    if (!workspace) {
        badInput(workspace.errorMessage()); // names the file
        return nullptr;
    }
    return std::move(*workspace);
}

void CliContext::printJson(const QJsonValue &value)
{
    // Keys in the order of DESIGN.md's contract, for people reading the output.
    static const QStringList order = {
        u"tenant"_s, u"kind"_s, u"verdict"_s, u"allowed"_s, u"status"_s, u"method"_s, u"url"_s, u"headers"_s,
        u"body"_s, u"rule"_s, u"application"_s, u"preflight"_s, u"actual"_s, u"redirects"_s, u"request"_s,
        u"response"_s, u"exposedHeaders"_s, u"error"_s, u"code"_s, u"message"_s, u"trace"_s, u"step"_s,
        u"ok"_s, u"detail"_s,
        // import and tenants
        u"workspace"_s, u"name"_s, u"description"_s, u"production"_s, u"apiType"_s, u"profile"_s, u"mode"_s,
        u"edit"_s, u"action"_s, u"added"_s, u"changed"_s, u"unchanged"_s, u"removed"_s, u"tenants"_s,
        u"rules"_s, u"rulesReordered"_s, u"applications"_s, u"applicationsReordered"_s, u"testCases"_s,
        u"settingsChanged"_s, u"settingsKept"_s
    };
    std::fputs(JsonText::serialize(value, order).constData(), stdout);
}

void CliContext::printText(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    if (!text.endsWith(u'\n'))
        std::fputc('\n', stdout);
}

} // namespace cors::cli
