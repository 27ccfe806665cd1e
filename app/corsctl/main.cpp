#include "command.h"
#include "corsversion.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace cors::cli;

namespace {

const QList<Command> &commands()
{
    static const QList<Command> list = {
        { u"evaluate"_s, u"What the server answers to one request under a tenant's rules."_s, runEvaluate },
        { u"simulate"_s, u"What Chromium or Firefox does with fetch() calls: verdict, preflight, error."_s,
          runSimulate },
        { u"har"_s,
          u"A HAR file's cross-origin requests: what the browser did, and what the tenant's rules would do."_s,
          runHar },
        { u"import"_s, u"Import a rule bundle into a workspace (merge or replace), reporting what changed."_s,
          runImport },
        { u"export"_s, u"A tenant as a bundle, or as a server configuration (nginx, apache, express)."_s,
          runExport },
        { u"tenants"_s, u"List the tenants of a workspace or bundle."_s, runTenants },
        { u"lint"_s,
          u"Insecure, dead and browser-incompatible rules, with proofs and fixes (text or JSON)."_s,
          runLint },
        { u"serve"_s, u"The live tester's server: the API and the test console page, until Ctrl+C."_s,
          runServe },
    };
    return list;
}

QString usage()
{
    QString text =
        u"Usage: corsctl <command> [options]\n\n"
        "CORS Studio on the command line: JSON in, JSON out, over the same engine as the app.\n"
        "Commands that read tenants take them from a rule bundle (--bundle B.corsbundle.json) or a\n"
        "CORS Studio workspace (--workspace W.corsworkspace).\n\n"
        "Commands:\n"_s;
    for (const Command &command : commands())
        text += u"  %1 %2\n"_s.arg(command.name, -10).arg(command.summary);
    text += u"\nGlobal options:\n"
            "  -h, --help     Show this help; 'corsctl <command> --help' shows a command's options.\n"
            "  -v, --version  Show the version.\n\n"
            "Exit status: 0 when the command did its job (a blocked verdict is a result, not an error),\n"
            "1 on bad input (the message names the file and the JSON path), 2 on usage errors,\n"
            "3 when 'lint --fail-on SEVERITY' found something at or above SEVERITY.\n"_s;
    return text;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"corsctl"_s);
    QCoreApplication::setApplicationVersion(QString::fromLatin1(CORS_STUDIO_VERSION));
    const QStringList arguments = QCoreApplication::arguments();

    const QString first = arguments.value(1);
    if (first.isEmpty() || first == u"-h" || first == u"--help" || first == u"help") {
        const QString topic = arguments.value(2);
        if (first == u"help" && !topic.isEmpty()) {
            for (const Command &command : commands()) {
                if (command.name == topic)
                    return command.run({ u"corsctl "_s + topic, u"--help"_s });
            }
        }
        std::fputs(usage().toUtf8().constData(), first.isEmpty() ? stderr : stdout);
        return first.isEmpty() ? UsageError : Success;
    }
    if (first == u"-v" || first == u"--version") {
        std::fputs("corsctl " CORS_STUDIO_VERSION "\n", stdout);
        return Success;
    }
    for (const Command &command : commands()) {
        if (command.name == first) {
            QStringList rest = arguments.mid(2);
            rest.prepend(u"corsctl "_s + first);
            return command.run(rest);
        }
    }
    std::fputs(qPrintable(u"corsctl: unknown command '%1'\n\n"_s.arg(first) + usage()), stderr);
    return UsageError;
}
