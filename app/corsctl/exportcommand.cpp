#include "bundle/bundlewriter.h"
#include "clicontext.h"

#include <cstdio>

using namespace Qt::StringLiterals;

namespace cors::cli {

namespace {

// The formats `corsctl export` writes. Server configurations (nginx, Apache httpd, Envoy,
// Express) are added here as they are written.
struct ExportFormat
{
    QString name;
    QString description;
    int (*write)(CliContext &context, const QList<Tenant> &tenants);
};

int writeBundle(CliContext &, const QList<Tenant> &tenants)
{
    Bundle bundle;
    bundle.tenants = tenants;
    std::fputs(BundleWriter::write(bundle).constData(), stdout);
    return Success;
}

const QList<ExportFormat> &formats()
{
    static const QList<ExportFormat> list = {
        { u"bundle"_s, u"a CORS Studio rule bundle (*.corsbundle.json), which imports losslessly"_s,
          writeBundle },
    };
    return list;
}

} // namespace

int runExport(const QStringList &arguments)
{
    QString formatHelp;
    QStringList formatNames;
    for (const ExportFormat &format : formats()) {
        formatHelp += u"\n  %1: %2"_s.arg(format.name, format.description);
        formatNames.append(format.name);
    }
    CliContext context(
        u"export"_s,
        u"Writes tenants of a workspace (or of a bundle) to standard output in another format. "
        "All tenants, or those named with --tenant, in the order named.\n\nFormats:"_s
            + formatHelp);
    QCommandLineParser &parser = context.parser();
    context.addTenantSourceOptions();
    parser.addOption(
        { u"tenant"_s, u"A tenant to export; repeat it for several. Default: every tenant."_s, u"T"_s });
    parser.addOption({ u"format"_s, u"The format to write: %1."_s.arg(formatNames.join(u", ")), u"F"_s });
    if (const auto exit = context.parse(arguments, { u"format"_s }))
        return *exit;
    if (const auto exit = context.requireTenantSource())
        return *exit;
    if (const auto exit = context.requirePositional(0, u"no positional arguments"_s))
        return *exit;
    const QString formatName = parser.value(u"format"_s);
    const auto format = std::find_if(formats().cbegin(), formats().cend(),
                                     [&](const ExportFormat &f) { return f.name == formatName; });
    if (format == formats().cend())
        return context.usageError(
            u"unknown --format \"%1\" (this corsctl exports: %2)"_s.arg(formatName, formatNames.join(u", ")));

    const auto tenants = context.loadTenants();
    if (!tenants)
        return BadInput;
    QList<Tenant> selected;
    const QStringList names = parser.values(u"tenant"_s);
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
    return format->write(context, names.isEmpty() ? *tenants : selected);
}

} // namespace cors::cli
