#include "clicontext.h"
#include "engine/tenantselection.h"
#include "export/configexporter.h"

#include <QFile>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace cors::cli {

namespace {

void printIssues(const ExportResult &result, const Tenant *tenant)
{
    for (const ExportIssue &issue : result.issues) {
        const QString domain = tenant && issue.rule >= 0 && issue.rule < tenant->rules.size()
            ? tenant->rules[issue.rule].domain
            : QString();
        std::fputs(qPrintable(u"corsctl: export %1: %2\n"_s.arg(exportFormatName(result.format),
                                                                issue.toString(domain))),
                   stderr);
    }
}

} // namespace

// corsctl export --bundle B --tenant T --format nginx|apache|express [--output FILE]
//
// The tenant comes from a bundle (and, once workspaces exist, from --workspace W); the format
// names a server configuration that ConfigExporter generates. Refusals and differences go to
// stderr: exit 0 when a configuration was written, 1 when the tenant cannot be exported at all.
int runExport(const QStringList &arguments)
{
    CliContext context(
        u"export"_s,
        u"Writes a server configuration generated from one tenant's rules. The configuration answers like "
        "'corsctl evaluate' under the strict profile; every rule it leaves out and every way it differs is "
        "printed to stderr (and written into the configuration's header comment). Exit status 0 when a "
        "configuration was written, 1 when the tenant cannot be exported at all."_s);
    QCommandLineParser &parser = context.parser();
    parser.addOption(
        { u"bundle"_s, u"The rule bundle (*.corsbundle.json) that holds the tenant."_s, u"B"_s });
    parser.addOption(
        { u"tenant"_s, u"The tenant to export; may be left out when the bundle holds only one."_s, u"T"_s });
    parser.addOption({ u"format"_s, u"What to write: nginx, apache or express."_s, u"F"_s });
    parser.addOption({ u"output"_s, u"Write to FILE instead of stdout."_s, u"FILE"_s });
    parser.addOption(
        { u"listen"_s, u"nginx/apache: the address:port or port to listen on (default 8080)."_s, u"ADDR"_s });
    parser.addOption(
        { u"server-name"_s, u"nginx/apache: the server name (default api.example.com)."_s, u"NAME"_s });
    parser.addOption({ u"backend"_s,
                       u"nginx/apache: the backend URL to proxy to (default http://127.0.0.1:8081)."_s,
                       u"URL"_s });
    if (const auto exit = context.parse(arguments, { u"bundle"_s, u"format"_s }))
        return *exit;
    if (const auto exit = context.requirePositional(0, u"no positional arguments"_s))
        return *exit;

    const QString formatName = parser.value(u"format"_s);
    const auto format = exportFormatFromName(formatName);
    if (!format)
        return context.usageError(
            u"unknown format '%1' (expected %2)"_s.arg(formatName, exportFormatNames().join(u", ")));

    // Where the tenant comes from. --workspace slots in here beside --bundle.
    const QString bundleFile = parser.value(u"bundle"_s);
    const auto bundle = context.loadBundle(bundleFile);
    if (!bundle)
        return BadInput;
    TenantSelection selection;
    if (parser.isSet(u"tenant"_s)) {
        selection = TenantSelection::byName(bundle->tenants, parser.value(u"tenant"_s));
    } else if (bundle->tenants.size() == 1) {
        selection.index = 0;
    } else {
        selection.detail =
            u"the bundle holds %1 tenants (%2); choose one with --tenant"_s.arg(bundle->tenants.size())
                .arg(bundle->tenantNames().join(u", "));
    }
    if (!selection.isValid())
        return context.badInput(bundleFile + u": " + selection.detail);
    const Tenant &tenant = bundle->tenants[selection.index];

    ExportOptions options;
    if (parser.isSet(u"listen"_s))
        options.listen = parser.value(u"listen"_s);
    if (parser.isSet(u"server-name"_s))
        options.serverName = parser.value(u"server-name"_s);
    if (parser.isSet(u"backend"_s))
        options.backend = parser.value(u"backend"_s);

    const ExportResult result = ConfigExporter::exportTenant(tenant, *format, options);
    printIssues(result, &tenant);
    if (!result.isExported())
        return context.badInput(
            u"%1: tenant \"%2\" cannot be exported as %3"_s.arg(bundleFile, tenant.name, formatName));

    if (parser.isSet(u"output"_s)) {
        QFile file(parser.value(u"output"_s));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(result.text) != result.text.size())
            return context.badInput(u"%1: cannot write: %2"_s.arg(file.fileName(), file.errorString()));
    } else {
        std::fwrite(result.text.constData(), 1, size_t(result.text.size()), stdout);
    }
    return Success;
}

} // namespace cors::cli
