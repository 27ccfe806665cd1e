// The Debian package as a user gets it: cpack builds it from this build tree, dpkg installs it
// into an empty root (never the host's), and the tests look at what dpkg installed and run it with
// the host's Qt, which the package depends on, and without a display.

#include "corsversion.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QImageReader>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// The hicolor theme's usual fixed sizes (packaging/CMakeLists.txt renders them).
constexpr int kIconSizes[] = { 16, 22, 24, 32, 48, 64, 128, 256 };

struct ProcessRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    // For a failure message: the command and everything it said.
    QByteArray report;
};

ProcessRun runProcess(const QString &program, const QStringList &arguments,
                      const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    ProcessRun run;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
    } else if (process.exitStatus() == QProcess::NormalExit) {
        run.exitCode = process.exitCode();
    }
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    run.report = (program + u' ' + arguments.join(u' ')).toUtf8() + "\nexit code "
        + QByteArray::number(run.exitCode)
        + (process.error() == QProcess::FailedToStart ? " (failed to start)" : "") + "\n--- stdout\n"
        + run.out + "\n--- stderr\n" + run.err;
    return run;
}

// The package's dependencies: names only, alternatives included, versions dropped.
QSet<QString> packageNames(const QString &relationField)
{
    QSet<QString> names;
    for (const QString &relation : relationField.split(u',', Qt::SkipEmptyParts)) {
        for (const QString &alternative : relation.split(u'|')) {
            const QString name = alternative.trimmed().section(u' ', 0, 0).section(u'(', 0, 0);
            if (!name.isEmpty())
                names.insert(name.section(u':', 0, 0));
        }
    }
    return names;
}

} // namespace

class tst_DebianPackage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void controlField_data();
    void controlField();
    void dependsOnRuntime_data();
    void dependsOnRuntime();
    void dependsOnEveryLinkedLibrary();
    void dependsOnNoDevelopmentPackage();

    void installsExactlyTheseFiles();
    void hasNoBuildPaths();
    void iconSizes_data();
    void iconSizes();
    void scalableIconIsTheSourceSvg();

    void printsVersionHeadless_data();
    void printsVersionHeadless();
    void printsHelpHeadless_data();
    void printsHelpHeadless();

    void desktopEntryIsValid();
    void metainfoIsValid();
    void metainfoNamesThisRelease();
    void installedTreeIsValid();

    void removesEveryFile(); // last: uninstalls

private:
    QString rootPath(const QString &path) const { return m_root.filePath(path.mid(1)); }
    QStringList dpkgArguments(const QStringList &arguments) const;
    QString controlValue(const QString &field) const { return m_control.value(field); }

    QTemporaryDir m_work;
    QDir m_root;
    QString m_deb;
    QHash<QString, QString> m_control;
    QProcessEnvironment m_headless;
};

QStringList tst_DebianPackage::dpkgArguments(const QStringList &arguments) const
{
    // dpkg works on the database inside the root (the package has no maintainer scripts for it
    // to run there); the host's database is never written.
    QStringList all = { u"--root="_s + m_root.path(), u"--log="_s + m_work.filePath(u"dpkg.log"_s) };
    if (::geteuid() != 0)
        all << u"--force-not-root"_s;
    return all + arguments;
}

void tst_DebianPackage::initTestCase()
{
    QVERIFY(m_work.isValid());

    // 1. The package, from this build tree.
    const QString packageDir = m_work.filePath(u"package"_s);
    const ProcessRun cpack =
        runProcess(QStringLiteral(CPACK),
                   { u"-G"_s, u"DEB"_s, u"--config"_s, QStringLiteral(CPACK_CONFIG), u"-B"_s, packageDir });
    QVERIFY2(cpack.exitCode == 0, cpack.report.constData());
    const QStringList debs = QDir(packageDir).entryList({ u"*.deb"_s }, QDir::Files);
    QVERIFY2(debs.size() == 1, qPrintable(debs.join(u", "_s)));
    m_deb = QDir(packageDir).filePath(debs.constFirst());

    const ProcessRun fields = runProcess(u"dpkg-deb"_s, { u"--field"_s, m_deb });
    QVERIFY2(fields.exitCode == 0, fields.report.constData());
    QString lastField;
    for (const QString &line : QString::fromUtf8(fields.out).split(u'\n', Qt::SkipEmptyParts)) {
        if (line.startsWith(u' ')) {
            m_control[lastField] += u'\n' + line;
        } else {
            lastField = line.section(u':', 0, 0);
            m_control[lastField] = line.section(u':', 1).trimmed();
        }
    }

    // 2. An empty root whose dpkg database knows only the packages the .deb depends on, copied
    //    from the host's: dpkg then checks the Depends line against the Qt actually installed (and
    //    whose libraries the tests below run with), and a misspelt or missing package fails here.
    m_root.setPath(m_work.filePath(u"root"_s));
    const QDir admin(m_root.filePath(u"var/lib/dpkg"_s));
    for (const QString &dir : { u"info"_s, u"updates"_s, u"triggers"_s })
        QVERIFY(admin.mkpath(dir));
    QByteArray status;
    for (const QString &package :
         packageNames(controlValue(u"Depends"_s) + u',' + controlValue(u"Pre-Depends"_s))) {
        const ProcessRun query = runProcess(u"dpkg-query"_s, { u"--status"_s, package });
        if (query.exitCode != 0)
            continue; // dpkg names it below, when it refuses to configure the package
        status += query.out.trimmed() + "\n\n";
        // Their files are not in the root: an empty list says so (dpkg warns about a missing one).
        const ProcessRun name =
            runProcess(u"dpkg-query"_s, { u"--show"_s, u"--showformat=${binary:Package}"_s, package });
        QFile list(admin.filePath(u"info/%1.list"_s.arg(QString::fromUtf8(name.out.trimmed()))));
        QVERIFY(name.exitCode == 0 && list.open(QIODevice::WriteOnly));
    }
    QFile statusFile(admin.filePath(u"status"_s));
    QVERIFY(statusFile.open(QIODevice::WriteOnly));
    statusFile.write(status);
    statusFile.close();

    // 3. dpkg installs it (and configures it: Depends must be satisfied).
    const ProcessRun install = runProcess(u"dpkg"_s, dpkgArguments({ u"--install"_s, m_deb }));
    QVERIFY2(install.exitCode == 0, install.report.constData());

    // The installed programs run as from a terminal without a display, and with only the system's
    // libraries and plugins.
    m_headless = QProcessEnvironment::systemEnvironment();
    for (const QString &variable : { u"LD_LIBRARY_PATH"_s, u"QT_PLUGIN_PATH"_s, u"QT_QPA_PLATFORM"_s,
                                     u"QT_QPA_PLATFORM_PLUGIN_PATH"_s, u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s })
        m_headless.remove(variable);
    QVERIFY(QDir(m_work.path()).mkpath(u"home"_s));
    m_headless.insert(u"HOME"_s, m_work.filePath(u"home"_s));
}

void tst_DebianPackage::controlField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");

    const ProcessRun architecture = runProcess(u"dpkg"_s, { u"--print-architecture"_s });
    QTest::newRow("package name") << u"Package"_s << u"cors-studio"_s;
    QTest::newRow("version from project()") << u"Version"_s << QStringLiteral(CORS_STUDIO_VERSION);
    QTest::newRow("architecture of this machine")
        << u"Architecture"_s << QString::fromUtf8(architecture.out.trimmed());
    QTest::newRow("maintainer") << u"Maintainer"_s << QStringLiteral(CORS_PACKAGE_MAINTAINER);
    QTest::newRow("section") << u"Section"_s << u"web"_s;
    QTest::newRow("priority") << u"Priority"_s << u"optional"_s;
    QTest::newRow("homepage from project()") << u"Homepage"_s << QStringLiteral(CORS_HOMEPAGE);
    QTest::newRow("synopsis from project()")
        << u"Description"_s << QStringLiteral(CORS_STUDIO_DESCRIPTION); // the first line
}

void tst_DebianPackage::controlField()
{
    QFETCH(QString, field);
    QFETCH(QString, expected);
    QCOMPARE(controlValue(field).section(u'\n', 0, 0), expected);
}

void tst_DebianPackage::dependsOnRuntime_data()
{
    QTest::addColumn<QString>("package");

    // Linked (dpkg-shlibdeps finds these; whatever else is linked, dependsOnEveryLinkedLibrary).
    for (const char *linked : { "libqt6core6", "libqt6gui6", "libqt6widgets6", "libqt6sql6", "libpsl5" })
        QTest::newRow(linked) << QString::fromLatin1(linked);
    // Loaded at run time, invisible to dpkg-shlibdeps.
    QTest::newRow("SQLite driver of the workspace") << u"libqt6sql6-sqlite"_s;
    QTest::newRow("SVG icon engine and image plugin") << u"libqt6svg6"_s;
    QTest::newRow("Public Suffix List of the linter") << u"publicsuffix"_s;
}

void tst_DebianPackage::dependsOnRuntime()
{
    QFETCH(QString, package);
    QVERIFY2(packageNames(controlValue(u"Depends"_s)).contains(package),
             qPrintable(controlValue(u"Depends"_s)));
}

void tst_DebianPackage::dependsOnEveryLinkedLibrary()
{
    // Whatever the programs link (QtHttpServer, QtWebSockets once the live tester does), the
    // package owning the library must be a dependency.
    const QSet<QString> depends = packageNames(controlValue(u"Depends"_s));
    // The library the dynamic linker loads for this architecture (x86_64-linux-gnu/libm.so.6, not
    // lib32/libm.so.6), in /lib or /usr/lib alike.
    const ProcessRun multiarch =
        runProcess(u"dpkg-architecture"_s, { u"--query"_s, u"DEB_HOST_MULTIARCH"_s });
    QVERIFY2(multiarch.exitCode == 0, multiarch.report.constData());
    const QString libraryDir = QString::fromUtf8(multiarch.out.trimmed());
    static const QRegularExpression needed(u"^\\s*NEEDED\\s+(\\S+)$"_s, QRegularExpression::MultilineOption);
    for (const QString &program : { u"/usr/bin/cors-studio"_s, u"/usr/bin/corsctl"_s }) {
        const ProcessRun objdump = runProcess(u"objdump"_s, { u"--private-headers"_s, rootPath(program) });
        QVERIFY2(objdump.exitCode == 0, objdump.report.constData());
        const QString headers = QString::fromUtf8(objdump.out);
        QVERIFY2(headers.contains(u"NEEDED"), qPrintable(headers));
        for (auto match = needed.globalMatch(headers); match.hasNext();) {
            const QString library = match.next().captured(1);
            const ProcessRun owner =
                runProcess(u"dpkg-query"_s, { u"--search"_s, u"*/%1/%2"_s.arg(libraryDir, library) });
            QVERIFY2(owner.exitCode == 0, owner.report.constData());
            const QString package =
                QString::fromUtf8(owner.out).section(u':', 0, 0).section(u',', 0, 0).trimmed();
            QVERIFY2(depends.contains(package),
                     qPrintable(u"%1 links %2 from %3, which is not in Depends: %4"_s.arg(
                         program, library, package, controlValue(u"Depends"_s))));
        }
    }
}

void tst_DebianPackage::dependsOnNoDevelopmentPackage()
{
    for (const QString &field : { u"Pre-Depends"_s, u"Depends"_s, u"Recommends"_s }) {
        for (const QString &package : packageNames(controlValue(field)))
            QVERIFY2(!package.endsWith(u"-dev") && !package.contains(u"-dev-"),
                     qPrintable(u"%1: %2"_s.arg(field, controlValue(field))));
    }
}

void tst_DebianPackage::installsExactlyTheseFiles()
{
    QStringList expected = {
        u"/usr/bin/cors-studio"_s,
        u"/usr/bin/corsctl"_s,
        u"/usr/share/applications/" CORS_STUDIO_APP_ID ".desktop"_s,
        u"/usr/share/metainfo/" CORS_STUDIO_APP_ID ".metainfo.xml"_s,
        u"/usr/share/icons/hicolor/scalable/apps/cors-studio.svg"_s,
    };
    for (const int size : kIconSizes)
        expected << u"/usr/share/icons/hicolor/%1x%1/apps/cors-studio.png"_s.arg(size);
    expected.sort();

    // What dpkg recorded ...
    const ProcessRun listed = runProcess(
        u"dpkg-query"_s,
        { u"--admindir="_s + m_root.filePath(u"var/lib/dpkg"_s), u"--listfiles"_s, u"cors-studio"_s });
    QVERIFY2(listed.exitCode == 0, listed.report.constData());
    QStringList files;
    for (const QString &path : QString::fromUtf8(listed.out).split(u'\n', Qt::SkipEmptyParts)) {
        if (QFileInfo(rootPath(path)).isFile())
            files << path;
    }
    files.sort();
    QCOMPARE(files, expected);

    // ... is what is in the root (nothing written behind dpkg's back).
    QStringList inRoot;
    for (QDirIterator it(m_root.filePath(u"usr"_s), QDir::Files | QDir::Hidden | QDir::System,
                         QDirIterator::Subdirectories);
         it.hasNext();)
        inRoot << u'/' + m_root.relativeFilePath(it.next());
    inRoot.sort();
    QCOMPARE(inRoot, expected);

    for (const QString &program : { u"/usr/bin/cors-studio"_s, u"/usr/bin/corsctl"_s })
        QVERIFY2(QFileInfo(rootPath(program)).isExecutable(), qPrintable(program));
}

void tst_DebianPackage::hasNoBuildPaths()
{
    const QList<QByteArray> buildPaths = { QByteArrayLiteral(CORS_SOURCE_DIR),
                                           QByteArrayLiteral(CORS_BUILD_DIR) };
    for (QDirIterator it(m_root.filePath(u"usr"_s), QDir::Files, QDirIterator::Subdirectories);
         it.hasNext();) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        for (const QByteArray &buildPath : buildPaths)
            QVERIFY2(!content.contains(buildPath),
                     qPrintable(file.fileName() + u" contains "_s + QString::fromUtf8(buildPath)));
    }

    // No RPATH/RUNPATH: the libraries come from the system.
    for (const QString &program : { u"/usr/bin/cors-studio"_s, u"/usr/bin/corsctl"_s }) {
        const ProcessRun objdump = runProcess(u"objdump"_s, { u"--private-headers"_s, rootPath(program) });
        QVERIFY2(objdump.exitCode == 0, objdump.report.constData());
        QVERIFY2(!objdump.out.contains("RPATH") && !objdump.out.contains("RUNPATH"), objdump.out.constData());
    }
}

void tst_DebianPackage::iconSizes_data()
{
    QTest::addColumn<int>("size");
    for (const int size : kIconSizes)
        QTest::addRow("%dx%d", size, size) << size;
}

void tst_DebianPackage::iconSizes()
{
    QFETCH(int, size);
    QImageReader reader(rootPath(u"/usr/share/icons/hicolor/%1x%1/apps/cors-studio.png"_s.arg(size)));
    QCOMPARE(reader.format(), QByteArray("png"));
    const QImage icon = reader.read();
    QVERIFY2(!icon.isNull(), qPrintable(reader.errorString()));
    QCOMPARE(icon.size(), QSize(size, size));
    QVERIFY(icon.hasAlphaChannel());
    // Drawn, not blank: the icon's rounded square is opaque in the middle, transparent in a corner.
    QCOMPARE(qAlpha(icon.pixel(size / 2, size / 2)), 255);
    QCOMPARE(qAlpha(icon.pixel(0, 0)), 0);
}

void tst_DebianPackage::scalableIconIsTheSourceSvg()
{
    QFile installed(rootPath(u"/usr/share/icons/hicolor/scalable/apps/cors-studio.svg"_s));
    QFile source(QStringLiteral(CORS_SOURCE_DIR "/resources/icons/cors-studio.svg"));
    QVERIFY(installed.open(QIODevice::ReadOnly));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QCOMPARE(installed.readAll(), source.readAll());
}

void tst_DebianPackage::printsVersionHeadless_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("expected");

    const QString version = QStringLiteral(CORS_STUDIO_VERSION);
    QTest::newRow("cors-studio --version")
        << u"cors-studio"_s << u"--version"_s << u"cors-studio "_s + version;
    QTest::newRow("cors-studio -v") << u"cors-studio"_s << u"-v"_s << u"cors-studio "_s + version;
    QTest::newRow("corsctl --version") << u"corsctl"_s << u"--version"_s << u"corsctl "_s + version;
    QTest::newRow("corsctl -v") << u"corsctl"_s << u"-v"_s << u"corsctl "_s + version;
}

void tst_DebianPackage::printsVersionHeadless()
{
    QFETCH(QString, program);
    QFETCH(QString, option);
    QFETCH(QString, expected);

    const ProcessRun run = runProcess(rootPath(u"/usr/bin/"_s + program), { option }, m_headless);
    QVERIFY2(run.exitCode == 0, run.report.constData());
    QCOMPARE(QString::fromUtf8(run.out), expected + u'\n');
    QVERIFY2(run.err.isEmpty(), run.report.constData());
}

void tst_DebianPackage::printsHelpHeadless_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("mentions");

    QTest::newRow("cors-studio --help")
        << u"cors-studio"_s << QStringList { u"--help"_s }
        << QStringList { u"Usage:"_s, u"--workspace <FILE>"_s, u"--version"_s, u"--help"_s };
    QTest::newRow("cors-studio -h, with a Qt option")
        << u"cors-studio"_s << QStringList { u"-style"_s, u"fusion"_s, u"-h"_s }
        << QStringList { u"Usage:"_s, u"--workspace <FILE>"_s };

    const QStringList commands = { u"evaluate"_s, u"simulate"_s, u"import"_s,
                                   u"export"_s,   u"tenants"_s,  u"lint"_s };
    QTest::newRow("corsctl --help") << u"corsctl"_s << QStringList { u"--help"_s }
                                    << (commands + QStringList { u"--version"_s, u"Exit status"_s });
    for (const QString &command : commands) {
        QTest::addRow("corsctl %s --help", qPrintable(command))
            << u"corsctl"_s << QStringList { command, u"--help"_s }
            << QStringList { u"Usage: corsctl "_s + command, u"--help"_s };
        QTest::addRow("corsctl help %s", qPrintable(command))
            << u"corsctl"_s << QStringList { u"help"_s, command }
            << QStringList { u"Usage: corsctl "_s + command };
    }
}

void tst_DebianPackage::printsHelpHeadless()
{
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, mentions);

    const ProcessRun run = runProcess(rootPath(u"/usr/bin/"_s + program), arguments, m_headless);
    QVERIFY2(run.exitCode == 0, run.report.constData());
    QVERIFY2(run.err.isEmpty(), run.report.constData());
    const QString help = QString::fromUtf8(run.out);
    for (const QString &mention : mentions)
        QVERIFY2(help.contains(mention), qPrintable(u"no '%1' in:\n%2"_s.arg(mention, help)));
}

void tst_DebianPackage::desktopEntryIsValid()
{
    const ProcessRun run =
        runProcess(u"desktop-file-validate"_s,
                   { rootPath(u"/usr/share/applications/" CORS_STUDIO_APP_ID ".desktop"_s) });
    // Errors fail it; warnings and hints only print: none of either.
    QVERIFY2(run.exitCode == 0 && run.out.isEmpty() && run.err.isEmpty(), run.report.constData());
}

void tst_DebianPackage::metainfoIsValid()
{
    // --strict fails on every issue but the pedantic ones; --pedantic shows those too, and the
    // file has none of them either.
    const ProcessRun run =
        runProcess(u"appstreamcli"_s,
                   { u"validate"_s, u"--no-net"_s, u"--strict"_s, u"--pedantic"_s, u"--no-color"_s,
                     rootPath(u"/usr/share/metainfo/" CORS_STUDIO_APP_ID ".metainfo.xml"_s) });
    QVERIFY2(run.exitCode == 0, run.report.constData());
    QVERIFY2(!QString::fromUtf8(run.out).contains(
                 QRegularExpression(u"^[EWIP]: "_s, QRegularExpression::MultilineOption)),
             run.report.constData());
}

void tst_DebianPackage::metainfoNamesThisRelease()
{
    QFile file(rootPath(u"/usr/share/metainfo/" CORS_STUDIO_APP_ID ".metainfo.xml"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString id, launchable, icon;
    QStringList releases, binaries;
    for (QXmlStreamReader xml(&file); !xml.atEnd();) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == u"id")
            id = xml.readElementText();
        else if (xml.name() == u"launchable")
            launchable = xml.readElementText();
        else if (xml.name() == u"icon")
            icon = xml.readElementText();
        else if (xml.name() == u"binary")
            binaries << xml.readElementText();
        else if (xml.name() == u"release")
            releases << xml.attributes().value(u"version"_s).toString();
    }
    QCOMPARE(id, QStringLiteral(CORS_STUDIO_APP_ID));
    QCOMPARE(launchable, QStringLiteral(CORS_STUDIO_APP_ID ".desktop"));
    QCOMPARE(icon, u"cors-studio"_s);
    QCOMPARE(binaries, QStringList({ u"cors-studio"_s, u"corsctl"_s }));
    QVERIFY2(!releases.isEmpty(), "no <release>");
    QCOMPARE(releases.constFirst(), QStringLiteral(CORS_STUDIO_VERSION)); // the newest comes first
}

void tst_DebianPackage::installedTreeIsValid()
{
    // The metainfo, desktop entry and icons together, as a software centre collects them.
    const ProcessRun run = runProcess(u"appstreamcli"_s,
                                      { u"validate-tree"_s, u"--no-net"_s, u"--strict"_s, u"--pedantic"_s,
                                        u"--no-color"_s, m_root.path() });
    QVERIFY2(run.exitCode == 0, run.report.constData());
    QVERIFY2(!QString::fromUtf8(run.out).contains(
                 QRegularExpression(u"^[EWIP]: "_s, QRegularExpression::MultilineOption)),
             run.report.constData());
}

void tst_DebianPackage::removesEveryFile()
{
    const ProcessRun purge = runProcess(u"dpkg"_s, dpkgArguments({ u"--purge"_s, u"cors-studio"_s }));
    QVERIFY2(purge.exitCode == 0, purge.report.constData());
    QStringList left;
    for (QDirIterator it(m_root.filePath(u"usr"_s), QDir::Files | QDir::Hidden | QDir::System,
                         QDirIterator::Subdirectories);
         it.hasNext();)
        left << it.next();
    QVERIFY2(left.isEmpty(), qPrintable(left.join(u'\n')));
}

QTEST_GUILESS_MAIN(tst_DebianPackage)
#include "tst_debianpackage.moc"
