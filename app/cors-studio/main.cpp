#include "corsversion.h"
#include "document/workspacedocument.h"
#include "mainwindow.h"
#include "storage/workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"CORS Studio"_s);
    QApplication::setOrganizationName(u"CORS Studio"_s);
    QApplication::setApplicationVersion(QString::fromLatin1(CORS_STUDIO_VERSION));
    QApplication::setDesktopFileName(u"cors-studio"_s);
    QApplication::setWindowIcon(QIcon(u":/cors/icons/cors-studio.svg"_s));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Design per-origin CORS rules, see what Chromium and Firefox do with them, test them "
        "live, and export them for servers."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        { u"workspace"_s,
          u"The workspace to open (created when missing). Default: %1, which the first run creates with demo "
          "tenants."_s.arg(cors::Workspace::defaultFileName()),
          u"FILE"_s });
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
