#include "corsversion.h"
#include "document/workspacedocument.h"
#include "mainwindow.h"
#include "storage/workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>

#include <string_view>

using namespace Qt::StringLiterals;

namespace {

void setApplicationIdentity()
{
    // One name, no organization: data in ~/.local/share/cors-studio, settings in
    // ~/.config/cors-studio (not "CORS Studio/CORS Studio"). Windows show the display name.
    QCoreApplication::setApplicationName(u"cors-studio"_s);
    QCoreApplication::setOrganizationName(QString());
    QCoreApplication::setApplicationVersion(QString::fromLatin1(CORS_STUDIO_VERSION));
}

void describeCommandLine(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        u"Design per-origin CORS rules, see what Chromium and Firefox do with them, test them "
        "live, and export them for servers.\n"
        "Qt's own options, such as -platform and -style, are accepted too."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        { u"workspace"_s,
          u"The workspace to open (created when missing). Default: %1, which the first run creates with demo "
          "tenants."_s.arg(cors::Workspace::defaultFileName()),
          u"FILE"_s });
}

// --help and --version are answered before QApplication exists: QApplication needs a display (a
// platform plugin), and these must work where there is none, in a terminal over ssh, in CI, in a
// chroot.
bool asksForHelpOrVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument = argv[i];
        if (argument == "--")
            return false;
        if (argument == "-h" || argument == "-?" || argument == "--help" || argument == "--help-all"
            || argument == "-v" || argument == "--version")
            return true;
    }
    return false;
}

[[noreturn]] void printHelpOrVersion(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    QCommandLineParser parser;
    describeCommandLine(parser);
    // Without QApplication, Qt's GUI options (-platform, -style) are unknown here: let them be.
    parser.parse(QCoreApplication::arguments());
    if (parser.isSet(u"version"_s))
        parser.showVersion();
    parser.showHelp();
}

} // namespace

int main(int argc, char *argv[])
{
    if (asksForHelpOrVersion(argc, argv))
        printHelpOrVersion(argc, argv);

    QApplication app(argc, argv);
    setApplicationIdentity();
    QApplication::setApplicationDisplayName(u"CORS Studio"_s);
    QApplication::setDesktopFileName(QString::fromLatin1(CORS_STUDIO_APP_ID));
    QApplication::setWindowIcon(QIcon(u":/cors/icons/cors-studio.svg"_s));

    QCommandLineParser parser;
    describeCommandLine(parser);
    parser.process(app);

    // The workspace stays open (and locked for other CORS Studio processes) while the app runs.
    auto workspace = parser.isSet(u"workspace"_s)
        ? cors::Workspace::open(parser.value(u"workspace"_s), cors::Workspace::OpenMode::EditOrCreate)
        : cors::Workspace::openDefault();
    if (!workspace) {
        QMessageBox::critical(nullptr, u"CORS Studio"_s, workspace.errorMessage());
        return 1;
    }
    QString error;
    auto document = cors::WorkspaceDocument::load(std::move(*workspace), &error);
    if (!document) {
        QMessageBox::critical(nullptr, u"CORS Studio"_s, error);
        return 1;
    }
    auto *window = new cors::MainWindow(std::move(document));
    window->show();
    return app.exec();
}
