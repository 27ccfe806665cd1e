#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Every command in the README and the user guide, run as a reader would paste it, so that the
// documentation cannot rot. A ```sh block runs (a file's blocks in order, in one shell, in a
// scratch directory that has the repository's resources/, tests/ and docs/, with corsctl on
// PATH); a ```text block right after it is output the block must print (each of its lines, as
// written). ```shell blocks — installing, launching the GUI, editing /etc — are shown, not run.
class tst_Documentation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commandsRun_data();
    void commandsRun();
    void everyFileHasCommands();
    void optionsMatchTheHelp();
    void everyCommandIsDocumented();
    void linksResolve();

private:
    struct Block
    {
        int line = 0;
        QString script;
        QStringList expected;
    };
    static QList<Block> blocksOf(const QString &markdown);
    static QString markdownOf(const QString &file);
    static QString helpOf(const QString &program, const QStringList &arguments);
};

QString tst_Documentation::markdownOf(const QString &file)
{
    QFile markdown(QStringLiteral(CORS_SOURCE_DIR) + u'/' + file);
    return markdown.open(QIODevice::ReadOnly) ? QString::fromUtf8(markdown.readAll()) : QString();
}

QString tst_Documentation::helpOf(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(CORS_BIN_DIR) + u'/' + program, arguments);
    if (!process.waitForFinished(30000) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

QList<tst_Documentation::Block> tst_Documentation::blocksOf(const QString &markdown)
{
    QList<Block> blocks;
    const QStringList lines = markdown.split(u'\n');
    bool previousRuns = false; // the block right before this one (only blank lines between) was ```sh
    int previousEnd = -2;
    for (int i = 0; i < lines.size(); ++i) {
        const QString fence = lines[i].trimmed();
        if (!fence.startsWith(u"```"_s)) {
            if (!fence.isEmpty())
                previousRuns = false; // prose in between: a later text block is not this output
            continue;
        }
        const QString kind = fence.mid(3);
        QStringList body;
        const int start = i + 1;
        for (++i; i < lines.size() && lines[i].trimmed() != u"```"; ++i)
            body.append(lines[i]);
        if (kind == u"sh") {
            blocks.append({ start, body.join(u'\n'), {} });
            previousRuns = true;
        } else {
            if (kind == u"text" && previousRuns && previousEnd >= 0 && blocks.last().expected.isEmpty())
                blocks.last().expected = body;
            previousRuns = false;
        }
        previousEnd = i;
    }
    return blocks;
}

void tst_Documentation::commandsRun_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &file : { u"README.md"_s, u"docs/guide.md"_s, u"docs/reference.md"_s })
        QTest::newRow(qPrintable(file)) << file;
}

void tst_Documentation::commandsRun()
{
    QFETCH(QString, file);
    QFile markdown(QStringLiteral(CORS_SOURCE_DIR) + u'/' + file);
    QVERIFY2(markdown.open(QIODevice::ReadOnly), qPrintable(file));
    const QList<Block> blocks = blocksOf(QString::fromUtf8(markdown.readAll()));

    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    for (const char *linked : { "resources", "tests", "docs", "scripts" })
        QVERIFY(QFile::link(QStringLiteral(CORS_SOURCE_DIR) + u'/' + QLatin1StringView(linked),
                            scratch.filePath(QLatin1StringView(linked))));

    // One shell for the whole file, as a reader's terminal: variables and files carry over.
    // Each block's output goes to its own file; a failing command ends the script.
    // A server a block started in the background goes when the script ends, however it ends.
    QString script = u"set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n"_s;
    for (int i = 0; i < blocks.size(); ++i) {
        script += u"echo @@@ %1 >&2\n{\n%2\n} > out.%1 2>&1\n"_s.arg(i).arg(blocks[i].script);
    }
    script += u"echo @@@ done >&2\n"_s;
    QProcess bash;
    bash.setWorkingDirectory(scratch.path());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"PATH"_s, QStringLiteral(CORS_BIN_DIR) + u':' + environment.value(u"PATH"_s));
    environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
    bash.setProcessEnvironment(environment);
    bash.start(u"bash"_s, { u"-c"_s, script });
    QVERIFY(bash.waitForFinished(240000));
    const QString progress = QString::fromUtf8(bash.readAllStandardError());
    const QStringList reached = progress.split(u'\n', Qt::SkipEmptyParts).filter(u"@@@"_s);
    const QString last = reached.isEmpty() ? QString() : reached.last().section(u' ', 1);
    if (bash.exitCode() != 0 || last != u"done") {
        const int failed = last.toInt();
        QFile out(scratch.filePath(u"out.%1"_s.arg(failed)));
        out.open(QIODevice::ReadOnly);
        QFAIL(qPrintable(u"%1, the block at line %2 failed (exit %3):\n%4\n--- output ---\n%5"_s.arg(file)
                             .arg(blocks.value(failed).line)
                             .arg(bash.exitCode())
                             .arg(blocks.value(failed).script, QString::fromUtf8(out.readAll()))));
    }
    for (int i = 0; i < blocks.size(); ++i) {
        QFile out(scratch.filePath(u"out.%1"_s.arg(i)));
        QVERIFY(out.open(QIODevice::ReadOnly));
        const QString output = QString::fromUtf8(out.readAll());
        for (const QString &line : blocks[i].expected) {
            const QString wanted = line.trimmed();
            if (wanted.isEmpty())
                continue;
            QVERIFY2(
                output.contains(wanted),
                qPrintable(
                    u"%1, line %2: the output shown (\"%3\") is not what the commands print:\n%4"_s.arg(file)
                        .arg(blocks[i].line)
                        .arg(wanted, output.left(4000))));
        }
    }
}

void tst_Documentation::everyFileHasCommands()
{
    for (const QString &file : { u"README.md"_s, u"docs/guide.md"_s }) {
        QFile markdown(QStringLiteral(CORS_SOURCE_DIR) + u'/' + file);
        QVERIFY(markdown.open(QIODevice::ReadOnly));
        QVERIFY2(blocksOf(QString::fromUtf8(markdown.readAll())).size() >= 3, qPrintable(file));
    }
}

// Every option the documentation gives a command — in a command block or in running text — is
// one that command's --help lists: a renamed or removed option cannot linger in the docs.
void tst_Documentation::optionsMatchTheHelp()
{
    static const QRegularExpression invocation(
        u"\\b(corsctl(?: +(?!-)[a-z]+)?|cors-studio)\\b([^`|;&>\\n]*)"_s);
    static const QRegularExpression option(u"(?<![\\w-])--[a-z][a-z-]*"_s);
    QHash<QString, QString> helps;
    int checked = 0;
    for (const QString &file : { u"README.md"_s, u"docs/guide.md"_s, u"docs/reference.md"_s }) {
        // Continuation lines joined, as the shell reads them.
        const QString text = markdownOf(file).replace(u"\\\n"_s, u" "_s);
        QVERIFY2(!text.isEmpty(), qPrintable(file));
        for (auto match = invocation.globalMatch(text); match.hasNext();) {
            const auto found = match.next();
            const QStringList words = found.captured(1).split(u' ', Qt::SkipEmptyParts);
            const QString program = words.first();
            const QString command = words.value(1);
            if (program == u"cors-studio" && !QFile::exists(QStringLiteral(CORS_BIN_DIR "/cors-studio")))
                continue; // a build without the GUI
            const QString key = words.join(u' ');
            if (!helps.contains(key)) {
                QStringList arguments = words.mid(1);
                arguments.append(u"--help"_s);
                helps.insert(key, helpOf(program, arguments));
                QVERIFY2(!helps[key].isEmpty(), qPrintable(u"%1: \"%2 --help\" failed"_s.arg(file, key)));
            }
            for (auto options = option.globalMatch(found.captured(2)); options.hasNext();) {
                const QString name = options.next().captured();
                if (name == u"--help" || name == u"--version")
                    continue;
                QVERIFY2(helps[key].contains(name + u' ') || helps[key].contains(name + u'\n')
                             || helps[key].contains(name + u" <"),
                         qPrintable(u"%1: \"%2 %3\" is not in \"%2 --help\""_s.arg(file, key, name)));
                ++checked;
            }
        }
    }
    QVERIFY2(checked > 40, qPrintable(QString::number(checked)));
}

// Every command that "corsctl --help" lists is described in the reference.
void tst_Documentation::everyCommandIsDocumented()
{
    const QString help = helpOf(u"corsctl"_s, { u"--help"_s });
    const QString reference = markdownOf(u"docs/reference.md"_s);
    const QString commands = help.section(u"Commands:\n"_s, 1).section(u"\n\n"_s, 0, 0);
    static const QRegularExpression name(u"^  ([a-z]+) "_s, QRegularExpression::MultilineOption);
    int listed = 0;
    for (auto match = name.globalMatch(commands); match.hasNext(); ++listed) {
        const QString command = match.next().captured(1);
        QVERIFY2(reference.contains(u"corsctl "_s + command + u' '), qPrintable(command));
    }
    QCOMPARE(listed, 8);
}

// Every relative link of the README and the docs leads to a file that exists and, with a #part,
// to one of its headings (as GitHub names their anchors); every picture is there.
void tst_Documentation::linksResolve()
{
    const auto anchorsOf = [](const QString &markdown) {
        QSet<QString> anchors;
        static const QRegularExpression heading(u"^#+ +(.+)$"_s, QRegularExpression::MultilineOption);
        static const QRegularExpression dropped(u"[^\\w\\- ]"_s,
                                                QRegularExpression::UseUnicodePropertiesOption);
        for (auto match = heading.globalMatch(markdown); match.hasNext();) {
            QString anchor = match.next().captured(1).trimmed().toLower();
            anchor.remove(dropped);
            anchors.insert(anchor.replace(u' ', u'-'));
        }
        return anchors;
    };
    static const QRegularExpression fenced(u"^```.*?^```"_s,
                                           QRegularExpression::MultilineOption
                                               | QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression link(u"\\]\\(([^)#\\s]*)(?:#([^)\\s]+))?\\)"_s);
    int checked = 0;
    for (const QString &file : { u"README.md"_s, u"docs/guide.md"_s, u"docs/reference.md"_s }) {
        const QString text = markdownOf(file).remove(fenced);
        const QDir base = QFileInfo(QStringLiteral(CORS_SOURCE_DIR) + u'/' + file).dir();
        for (auto match = link.globalMatch(text); match.hasNext(); ++checked) {
            const auto found = match.next();
            const QString target = found.captured(1);
            if (target.startsWith(u"http"))
                continue;
            const QString path = target.isEmpty() ? QStringLiteral(CORS_SOURCE_DIR) + u'/' + file
                                                  : base.absoluteFilePath(target);
            QVERIFY2(QFile::exists(path), qPrintable(u"%1: %2 does not exist"_s.arg(file, target)));
            if (const QString anchor = found.captured(2); !anchor.isEmpty()) {
                QFile linked(path);
                QVERIFY(linked.open(QIODevice::ReadOnly));
                QVERIFY2(anchorsOf(QString::fromUtf8(linked.readAll()).remove(fenced)).contains(anchor),
                         qPrintable(u"%1: no heading for %2#%3"_s.arg(file, target, anchor)));
            }
        }
    }
    QVERIFY(checked > 20);
}

QTEST_GUILESS_MAIN(tst_Documentation)
#include "tst_documentation.moc"
