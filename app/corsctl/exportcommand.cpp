#include "bundle/bundlewriter.h"
#include "clicontext.h"
#include "export/configexporter.h"

#include <QFile>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace cors::cli {

namespace {

void printIssues(const ExportResult &result, const Tenant &tenant)
{
    for (const ExportIssue &issue : result.issues) {
        const QString domain =
            issue.rule >= 0 && issue.rule < tenant.rules.size() ? tenant.rules[issue.rule].domain : QString();
        std::fputs(qPrintable(u"corsctl: export %1: %2\n"_s.arg(exportFormatName(result.format),
                                                                issue.toString(domain))),
                   stderr);
    }
}

} // namespace

// corsctl export (--bundle B | --workspace W) [--tenant T]... --format bundle|nginx|apache|express
//
// "bundle" writes any number of tenants losslessly. The server formats write one tenant through
// ConfigExporter; every rule they leave out and every way they differ goes to stderr: exit 0 when
// a configuration was written, 1 when the tenant cannot be exported at all.
int runExport(const QStringList &arguments)
{
    CliContext context(
        u"export"_s,
        u"Writes tenants of a workspace (or of a bundle) in another format.\n\n"
        "Formats:\n"
        "  bundle   a CORS Studio rule bundle (*.corsbundle.json), which imports losslessly: every tenant, "
        "or those named with --tenant, in the order named\n"
        "  nginx    a server configuration for one tenant (map on $http_origin, preflights answered in "
        "nginx)\n"
        "  apache   a <VirtualHost> for one tenant (mod_rewrite, mod_headers, mod_proxy)\n"
        "  express  a Node module with options for the cors package, for one tenant\n\n"
        "A server configuration answers like 'corsctl evaluate' under the strict profile; every rule it "
        "leaves out and every way it differs is printed to stderr and written into its header comment. "
        "Exit status 0 when something was written, 1 when the tenant cannot be exported at all."_s);
    QCommandLineParser &parser = context.parser();
    context.addTenantSourceOptions();
    parser.addOption({ u"tenant"_s,
                       u"A tenant to export; repeat it for several bundle tenants. Server formats take one, "
                       "and may leave it out when there is only one tenant."_s,
                       u"T"_s });
    parser.addOption({ u"format"_s,
                       u"What to write: %1."_s.arg(u"bundle, "_s + exportFormatNames().join(u", ")),
                       u"F"_s });
    parser.addOption({ u"output"_s, u"Write to FILE instead of standard output."_s, u"FILE"_s });
    parser.addOption(
        { u"listen"_s, u"nginx/apache: the address:port or port to listen on (default 8080)."_s, u"ADDR"_s });
    parser.addOption(
        { u"server-name"_s, u"nginx/apache: the server name (default api.example.com)."_s, u"NAME"_s });
    parser.addOption({ u"backend"_s,
                       u"nginx/apache: the backend URL to proxy to (default http://127.0.0.1:8081)."_s,
                       u"URL"_s });
    if (const auto exit = context.parse(arguments, { u"format"_s }))
        return *exit;
    if (const auto exit = context.requireTenantSource())
        return *exit;
    if (const auto exit = context.requirePositional(0, u"no positional arguments"_s))
        return *exit;

    const QString formatName = parser.value(u"format"_s);
    const bool isBundle = formatName == u"bundle";
    const auto format = exportFormatFromName(formatName);
    if (!isBundle && !format) {
        return context.usageError(u"unknown --format \"%1\" (expected bundle, %2)"_s.arg(
            formatName, exportFormatNames().join(u", ")));
    }
    const QStringList names = parser.values(u"tenant"_s);
    if (!isBundle && names.size() > 1)
        return context.usageError(
            u"--format %1 writes one tenant; --tenant was given %2 times"_s.arg(formatName)
                .arg(names.size()));

    const auto tenants = context.loadTenants();
    if (!tenants)
        return BadInput;
    QList<Tenant> selected;
    for (const QString &name : names) {
        const auto it =
            std::find_if(tenants->cbegin(), tenants->cend(), [&](const Tenant &t) { return t.name == name; });
        if (it == tenants->cend()) {
            QStringList known;
            for (const Tenant &tenant : *tenants)
                known.append(tenant.name);
            return context.badInput(u"%1: there is no tenant \"%2\" (it has: %3)"_s.arg(
                context.tenantSource(), name, known.isEmpty() ? u"no tenants"_s : known.join(u", ")));
        }
        selected.append(*it);
    }
    if (names.isEmpty())
        selected = *tenants;

    QByteArray text;
    if (isBundle) {
        text = BundleWriter::write(Bundle { selected });
    } else {
        if (selected.size() != 1) {
            QStringList known;
            for (const Tenant &tenant : *tenants)
                known.append(tenant.name);
            return context.badInput(
                u"%1: holds %2 tenants (%3); choose one with --tenant"_s.arg(context.tenantSource())
                    .arg(tenants->size())
                    .arg(known.join(u", ")));
        }
        const Tenant &tenant = selected.first();
        ExportOptions options;
        if (parser.isSet(u"listen"_s))
            options.listen = parser.value(u"listen"_s);
        if (parser.isSet(u"server-name"_s))
            options.serverName = parser.value(u"server-name"_s);
        if (parser.isSet(u"backend"_s))
            options.backend = parser.value(u"backend"_s);
        const ExportResult result = ConfigExporter::exportTenant(tenant, *format, options);
        printIssues(result, tenant);
        if (!result.isExported()) {
            return context.badInput(u"%1: tenant \"%2\" cannot be exported as %3"_s.arg(
                context.tenantSource(), tenant.name, formatName));
        }
        text = result.text;
    }

    if (parser.isSet(u"output"_s)) {
        QFile file(parser.value(u"output"_s));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
            return context.badInput(u"%1: cannot write: %2"_s.arg(file.fileName(), file.errorString()));
    } else {
        std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    }
    return Success;
}

} // namespace cors::cli
