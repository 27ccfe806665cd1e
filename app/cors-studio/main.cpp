#include "corsversion.h"
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
    QApplication::setWindowIcon(QIcon(u":/cors/icons/cors-studio.svg"_s));

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Design, simulate, test and export per-origin CORS rules."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        { u"workspace"_s,
          u"The workspace to open (created when missing). Default: %1, which the first run creates "
          "with demo tenants."_s.arg(cors::Workspace::defaultFileName()),
          u"FILE"_s });
    parser.process(app);

    // The workspace stays open (and locked for other CORS Studio processes) while the app runs.
    auto workspace = parser.isSet(u"workspace"_s)
        ? cors::Workspace::open(parser.value(u"workspace"_s), cors::Workspace::OpenMode::EditOrCreate)
        : cors::Workspace::openDefault();
    const auto tenants =
        workspace ? (*workspace)->tenants() : cors::WorkspaceResult<QList<cors::Tenant>>(workspace.error());
    if (!tenants) {
        QMessageBox::critical(nullptr, u"CORS Studio"_s, tenants.errorMessage());
        return 1;
    }
    cors::Bundle bundle;
    bundle.tenants = *tenants;

    cors::MainWindow window(bundle);
    window.setWindowFilePath((*workspace)->fileName());
    window.show();
    return app.exec();
}
