// Renders the application icon into the hicolor theme's fixed sizes at build time:
//
//   cors_render_icon ICON.svg OUTPUT_DIR SIZE...
//
// writes OUTPUT_DIR/<SIZE>x<SIZE>/apps/<name of ICON>.png for every SIZE. The SVG goes through
// the same renderer (QtSvg's image plugin) that draws the icon in the running application, so
// the PNGs look like the window icon; no other SVG tool is needed to build the package.

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QStringList>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

int fail(const QString &message)
{
    std::fputs(qPrintable(u"cors_render_icon: "_s + message + u'\n'), stderr);
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 4)
        return fail(u"usage: cors_render_icon ICON.svg OUTPUT_DIR SIZE..."_s);

    const QString &svgFile = arguments.at(1);
    const QDir outputDir(arguments.at(2));
    const QString iconName = QFileInfo(svgFile).completeBaseName();

    for (const QString &sizeArgument : arguments.mid(3)) {
        bool ok = false;
        const int size = sizeArgument.toInt(&ok);
        if (!ok || size <= 0)
            return fail(u"not an icon size: %1"_s.arg(sizeArgument));

        QImageReader reader(svgFile, "svg");
        reader.setScaledSize(QSize(size, size));
        const QImage image = reader.read();
        if (image.isNull())
            return fail(
                u"cannot render %1 (is the QtSvg image plugin, Debian's libqt6svg6, installed?): %2"_s.arg(
                    svgFile, reader.errorString()));

        const QString directory = u"%1x%1/apps"_s.arg(size);
        if (!outputDir.mkpath(directory))
            return fail(u"cannot create %1"_s.arg(outputDir.filePath(directory)));
        const QString pngFile = outputDir.filePath(directory + u'/' + iconName + u".png"_s);
        if (!image.convertToFormat(QImage::Format_ARGB32).save(pngFile, "PNG"))
            return fail(u"cannot write %1"_s.arg(pngFile));
    }
    return 0;
}
