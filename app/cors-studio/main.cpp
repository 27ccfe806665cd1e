#include "bundle/bundlereader.h"
#include "corsversion.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QIcon>

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
    parser.process(app);

    QFile demo(u":/cors/demo/demo.corsbundle.json"_s);
    demo.open(QIODevice::ReadOnly);
    cors::JsonProblems problems;
    const auto bundle = cors::BundleReader::read(demo.readAll(), &problems);

    cors::MainWindow window(bundle.value_or(cors::Bundle()));
    window.show();
    return app.exec();
}
