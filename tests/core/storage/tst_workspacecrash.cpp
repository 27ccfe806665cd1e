// A workspace survives kill -9 at any moment: a writer process edits one workspace file
// continuously and reports each edit after it committed; the test kills it with SIGKILL at a
// random moment, again and again, and after every kill opens the file as a user would and checks
// that it is sound and holds every edit that was reported saved.
//
// The random kill moments come from a seed that the test prints; CORS_CRASH_SEED=<n> repeats a
// run.

#include "storage/workspace.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

namespace {

constexpr int kKills = 30;
const QString kTenant = u"crash"_s;

// One edit the writer reported: "<edit id> <kind> <detail>".
struct ReportedEdit
{
    EditId id = 0;
    QString kind;
    QString detail;
};

} // namespace

class tst_WorkspaceCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedWriterLosesNoReportedEdit();
};

void tst_WorkspaceCrash::killedWriterLosesNoReportedEdit()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fileName = dir.filePath(u"crash.corsworkspace"_s);

    const quint32 seed = qEnvironmentVariableIsSet("CORS_CRASH_SEED")
        ? quint32(qEnvironmentVariableIntValue("CORS_CRASH_SEED"))
        : QRandomGenerator::global()->generate();
    qInfo("kill moments from seed %u (CORS_CRASH_SEED=%u repeats them)", seed, seed);
    QRandomGenerator random(seed);

    QList<ReportedEdit> reported;
    int killsDuringEdits = 0;
    for (int kill = 0; kill < kKills; ++kill) {
        QProcess writer;
        writer.setProcessChannelMode(QProcess::SeparateChannels);
        writer.start(QStringLiteral(CORS_WORKSPACE_WRITER), { u"edit"_s, fileName });
        QVERIFY2(writer.waitForStarted(), qPrintable(writer.errorString()));

        // The kill moment: every fifth time a random moment of its start, while it opens (and,
        // the first time, creates) the workspace; otherwise a random moment after its n-th
        // committed edit (n random), in the middle of its stream of edits however fast or slow
        // the disk is. Output is collected meanwhile so that the pipe never stalls the writer.
        const bool duringStart = kill % 5 == 0;
        const int editsBefore = duringStart ? 0 : random.bounded(1, 25);
        if (!duringStart)
            ++killsDuringEdits;
        QByteArray output;
        QDeadlineTimer patience(std::chrono::seconds(60));
        while (output.count('\n') < editsBefore && !patience.hasExpired()
               && writer.state() == QProcess::Running) {
            writer.waitForReadyRead(100);
            output += writer.readAllStandardOutput();
        }
        QDeadlineTimer moment(std::chrono::milliseconds(random.bounded(0, duringStart ? 60 : 25)));
        while (!moment.hasExpired() && writer.state() == QProcess::Running) {
            writer.waitForReadyRead(int(std::max<qint64>(1, moment.remainingTime())));
            output += writer.readAllStandardOutput();
        }
        QVERIFY2(output.count('\n') >= editsBefore, "the writer made no progress in a minute");
        QVERIFY2(writer.state() == QProcess::Running,
                 qPrintable(u"the writer stopped by itself: "_s
                            + QString::fromUtf8(writer.readAllStandardError())));
        writer.kill(); // SIGKILL
        QVERIFY(writer.waitForFinished(10000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        output += writer.readAllStandardOutput();

        // Only complete lines are edits reported saved; a line cut short by the kill is not.
        const QList<QByteArray> lines = output.split('\n');
        for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
            const QStringList fields = QString::fromUtf8(lines[i]).split(u' ');
            QVERIFY2(fields.size() >= 3, lines[i].constData());
            reported.append({ fields[0].toLongLong(), fields[1], fields.mid(2).join(u' ') });
        }

        // After every kill: it opens for editing (taking over the killed writer's lock), SQLite
        // finds nothing damaged, and every edit reported so far is there.
        auto opened = Workspace::open(fileName, Workspace::OpenMode::Edit);
        if (!opened && reported.isEmpty()) {
            // Killed before the transaction that creates the workspace committed: no file yet,
            // or one without tables, which the next EditOrCreate (the writer's) turns into a
            // workspace. Never a half-created one.
            const bool notCreated = opened.errorCode() == WorkspaceError::Code::NotFound
                || (opened.errorCode() == WorkspaceError::Code::NotAWorkspace
                    && opened.errorMessage().contains(u"is empty"));
            QVERIFY2(notCreated, qPrintable(opened.errorMessage()));
            continue;
        }
        QVERIFY2(opened, qPrintable(u"after kill %1: %2"_s.arg(kill + 1).arg(opened.errorMessage())));
        Workspace &workspace = **opened;
        QCOMPARE(*workspace.integrityCheck(), QStringList { u"ok"_s });
        if (reported.isEmpty())
            continue;

        const auto history = workspace.history();
        QVERIFY2(history, qPrintable(history.errorMessage()));
        QSet<EditId> edits;
        qsizetype rulesAddedByHistory = 0;
        QString lastDescription;
        EditId lastDescriptionEdit = 0;
        for (const HistoryEntry &entry : *history) {
            edits.insert(entry.edit);
            if (entry.entity == HistoryEntry::Entity::Rule && entry.oldValue.isNull()
                && !entry.newValue.isNull())
                ++rulesAddedByHistory;
            if (entry.entity == HistoryEntry::Entity::Settings && entry.edit > lastDescriptionEdit) {
                lastDescriptionEdit = entry.edit;
                lastDescription = entry.newValue.toObject().value(u"description").toString();
            }
        }
        const auto tenant = workspace.tenant(kTenant);
        QVERIFY2(tenant, qPrintable(tenant.errorMessage()));
        QSet<QString> domains;
        for (const Rule &rule : tenant->rules)
            domains.insert(rule.domain);

        EditId lastReportedDescriptionEdit = 0;
        for (const ReportedEdit &edit : std::as_const(reported)) {
            QVERIFY2(edits.contains(edit.id),
                     qPrintable(u"after kill %1: edit %2 (%3 %4) was reported saved but is "
                                "not in the history"_s.arg(kill + 1)
                                    .arg(edit.id)
                                    .arg(edit.kind, edit.detail)));
            if (edit.kind == u"rule") {
                QVERIFY2(domains.contains(edit.detail),
                         qPrintable(u"after kill %1: rule %2 of edit %3 is missing"_s.arg(kill + 1)
                                        .arg(edit.detail)
                                        .arg(edit.id)));
            } else if (edit.kind == u"import") {
                for (int j = 0; j < 50; ++j) {
                    const QString domain = u"b%1-%2.crash.example"_s.arg(edit.detail).arg(j);
                    QVERIFY2(
                        domains.contains(domain),
                        qPrintable(
                            u"after kill %1: %2 of import edit %3 is missing"_s.arg(kill + 1).arg(domain).arg(
                                edit.id)));
                }
            } else if (edit.kind == u"settings") {
                lastReportedDescriptionEdit = edit.id;
            }
        }
        // Edits are whole: every rule has its history entry and every entry its rule (moves
        // add none), and the settings are those of the newest settings edit — the last one
        // reported, or one that committed just before the kill and could not say so.
        QCOMPARE(qsizetype(tenant->rules.size()), rulesAddedByHistory);
        QCOMPARE(qsizetype(domains.size()), qsizetype(tenant->rules.size()));
        QCOMPARE(tenant->description, lastDescription);
        QVERIFY(lastDescriptionEdit >= lastReportedDescriptionEdit);
    }
    qInfo("%lld edits reported saved across %d kills (%d of them in a stream of edits)",
          qlonglong(reported.size()), kKills, killsDuringEdits);
}

QTEST_GUILESS_MAIN(tst_WorkspaceCrash)
#include "tst_workspacecrash.moc"
