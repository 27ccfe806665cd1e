// How fast a workspace is at the scale of DESIGN.md: 10,000 rules — import under 300 ms,
// open-and-load under 200 ms, one rule edit committed under 5 ms median.
//
// Each benchmark runs one operation per repetition and reports the median over repetitions
// (the "_median" rows): a rule edit's median is the median of single committed edits. The
// workspace files live in QDir::tempPath() (TMPDIR), which must be a real disk for commit
// times to mean anything: every edit is fsynced (synchronous=FULL).
//
// CORS_BENCH_RULES=N changes the number of rules (the smoke test uses a few hundred).

#include "bundle/bundlereader.h"
#include "bundle/bundlewriter.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

using namespace Qt::StringLiterals;
using namespace cors;

namespace {

const QString kTenant = u"scale"_s;

int ruleCount()
{
    return qEnvironmentVariableIsSet("CORS_BENCH_RULES") ? qEnvironmentVariableIntValue("CORS_BENCH_RULES")
                                                         : 10000;
}

// Realistic variety: exact hosts, subdomain wildcards, a few regexes and localhost ports, with
// the header lists and notes administrators write.
Rule makeRule(int i)
{
    Rule rule;
    switch (i % 10) {
    case 0:
        rule.domain = u"*.tenant%1.example.com"_s.arg(i);
        break;
    case 1:
        rule.domain = u"regex:https://(app|web)%1\\.example\\.org"_s.arg(i);
        break;
    case 2:
        rule.domain = u"localhost"_s;
        rule.protocols = Protocol::Http;
        rule.ports = *PortSet::parse({ QString::number(3000 + i % 1000), u"8000-8999"_s });
        break;
    default:
        rule.domain = u"app%1.customer%2.example.com"_s.arg(i).arg(i % 97);
        rule.protocols = Protocol::Https;
        break;
    }
    rule.methods = { u"GET"_s, u"POST"_s, u"PUT"_s, u"DELETE"_s };
    rule.allowHeaders = { u"Content-Type"_s, u"Authorization"_s, u"X-Request-Id"_s };
    rule.exposeHeaders = { u"X-Request-Id"_s, u"X-RateLimit-Remaining"_s };
    rule.allowCredentials = i % 3 == 0;
    rule.cachePreflight = i % 2 == 0;
    rule.maxAge = rule.cachePreflight ? 600 : 0;
    rule.note = u"Rule %1 for the customer's front end"_s.arg(i);
    return rule;
}

Bundle makeBundle(int rules)
{
    Tenant tenant;
    tenant.name = kTenant;
    tenant.description = u"A tenant with %1 rules"_s.arg(rules);
    for (int i = 0; i < rules; ++i)
        tenant.rules.append(makeRule(i));
    tenant.applications.append({ u"Portal"_s, { u"https://portal.example.com"_s }, tenant.rules[3].domain });
    Bundle bundle;
    bundle.tenants.append(tenant);
    return bundle;
}

struct Fixture
{
    QTemporaryDir dir;
    Bundle bundle = makeBundle(ruleCount());
    QByteArray json = BundleWriter::write(bundle);
    QString loaded = dir.filePath(u"loaded.corsworkspace"_s);
    std::unique_ptr<Workspace> editing;
    int serial = 0;

    Fixture()
    {
        auto workspace = Workspace::open(loaded, Workspace::OpenMode::EditOrCreate);
        if (!workspace || !(*workspace)->importBundle(bundle, ImportMode::Replace))
            qFatal("cannot prepare the benchmark workspace: %s", qPrintable(workspace.errorMessage()));
    }
    QString newFile() { return dir.filePath(u"import-%1.corsworkspace"_s.arg(++serial)); }
    Workspace &editor()
    {
        if (!editing) {
            auto workspace = Workspace::open(loaded, Workspace::OpenMode::Edit);
            if (!workspace)
                qFatal("%s", qPrintable(workspace.errorMessage()));
            editing = std::move(*workspace);
        }
        return *editing;
    }
    void closeEditor() { editing.reset(); }
};

Fixture *fixture = nullptr;

void fail(benchmark::State &state, const QString &message)
{
    state.SkipWithError(qPrintable(message));
}

// corsctl import: read and check the bundle's text, then store it in a new workspace.
void BM_ImportBundle(benchmark::State &state)
{
    for (auto _ : state) {
        auto workspace = Workspace::open(fixture->newFile(), Workspace::OpenMode::EditOrCreate);
        if (!workspace)
            return fail(state, workspace.errorMessage());
        QElapsedTimer timer;
        timer.start();
        JsonProblems problems;
        const auto bundle = BundleReader::read(fixture->json, &problems);
        const auto report = bundle ? (*workspace)->importBundle(*bundle, ImportMode::Replace)
                                   : WorkspaceResult<ImportReport>(WorkspaceError {});
        state.SetIterationTime(double(timer.nsecsElapsed()) / 1e9);
        if (!report)
            return fail(state, report.errorMessage());
    }
    state.counters["rules"] = ruleCount();
}

// The two halves of an import.
void BM_ImportBundle_ReadOnly(benchmark::State &state)
{
    for (auto _ : state) {
        QElapsedTimer timer;
        timer.start();
        JsonProblems problems;
        const auto bundle = BundleReader::read(fixture->json, &problems);
        state.SetIterationTime(double(timer.nsecsElapsed()) / 1e9);
        if (!bundle)
            return fail(state, problems.value(0).toString());
    }
}

void BM_ImportBundle_StoreOnly(benchmark::State &state)
{
    for (auto _ : state) {
        auto workspace = Workspace::open(fixture->newFile(), Workspace::OpenMode::EditOrCreate);
        if (!workspace)
            return fail(state, workspace.errorMessage());
        QElapsedTimer timer;
        timer.start();
        const auto report = (*workspace)->importBundle(fixture->bundle, ImportMode::Replace);
        state.SetIterationTime(double(timer.nsecsElapsed()) / 1e9);
        if (!report)
            return fail(state, report.errorMessage());
    }
}

// A re-import of the same bundle after one rule changed in it (merge): only that rule is written.
void BM_ReimportOneChangedRule(benchmark::State &state)
{
    Workspace &workspace = fixture->editor();
    Bundle bundle = fixture->bundle;
    for (auto _ : state) {
        bundle.tenants[0].rules[ruleCount() / 2].note = u"re-import %1"_s.arg(++fixture->serial);
        QElapsedTimer timer;
        timer.start();
        const auto report = workspace.importBundle(bundle, ImportMode::Merge);
        state.SetIterationTime(double(timer.nsecsElapsed()) / 1e9);
        if (!report)
            return fail(state, report.errorMessage());
    }
}

// The GUI starting up: open the workspace for editing and load every tenant.
void BM_OpenAndLoad(benchmark::State &state)
{
    fixture->closeEditor();
    for (auto _ : state) {
        QElapsedTimer timer;
        timer.start();
        auto workspace = Workspace::open(fixture->loaded, Workspace::OpenMode::Edit);
        if (!workspace)
            return fail(state, workspace.errorMessage());
        const auto tenants = (*workspace)->tenants();
        state.SetIterationTime(double(timer.nsecsElapsed()) / 1e9);
        if (!tenants || tenants->first().rules.size() != ruleCount())
            return fail(state, u"the tenants did not load"_s);
    }
}

// corsctl export / evaluate --workspace.
void BM_OpenAndLoad_ReadOnly(benchmark::State &state)
{
    fixture->closeEditor();
    for (auto _ : state) {
        QElapsedTimer timer;
        timer.start();
        auto workspace = Workspace::open(fixture->loaded, Workspace::OpenMode::ReadOnly);
        if (!workspace)
            return fail(state, workspace.errorMessage());
        const auto tenants = (*workspace)->tenants();
        state.SetIterationTime(double(timer.nsecsElapsed()) / 1e9);
        if (!tenants)
            return fail(state, tenants.errorMessage());
    }
}

// One field of one rule changed in the designer, committed (fsynced) with its history entry.
void BM_RuleEdit(benchmark::State &state)
{
    Workspace &workspace = fixture->editor();
    QRandomGenerator random(42);
    for (auto _ : state) {
        const int index = random.bounded(ruleCount());
        Rule rule = makeRule(index);
        rule.note = u"edited %1"_s.arg(++fixture->serial);
        QElapsedTimer timer;
        timer.start();
        const auto edit = workspace.updateRule(kTenant, index, rule);
        state.SetIterationTime(double(timer.nsecsElapsed()) / 1e9);
        if (!edit || *edit == 0)
            return fail(state, edit.errorMessage());
    }
}

// The worst cases of positions: inserting at the top and moving the first rule to the end
// shift every other rule's position.
void BM_RuleInsertAtTop(benchmark::State &state)
{
    Workspace &workspace = fixture->editor();
    for (auto _ : state) {
        Rule rule = makeRule(5);
        rule.domain = u"top%1.example.com"_s.arg(++fixture->serial);
        QElapsedTimer timer;
        timer.start();
        const auto edit = workspace.insertRule(kTenant, 0, rule);
        state.SetIterationTime(double(timer.nsecsElapsed()) / 1e9);
        if (!edit)
            return fail(state, edit.errorMessage());
        if (!workspace.removeRule(kTenant, 0))
            return fail(state, u"cannot remove the rule again"_s);
    }
}

void BM_RuleMoveFirstToLast(benchmark::State &state)
{
    Workspace &workspace = fixture->editor();
    for (auto _ : state) {
        QElapsedTimer timer;
        timer.start();
        const auto edit = workspace.moveRule(kTenant, 0, ruleCount() - 1);
        state.SetIterationTime(double(timer.nsecsElapsed()) / 1e9);
        if (!edit)
            return fail(state, edit.errorMessage());
    }
}

void BM_ExportBundle(benchmark::State &state)
{
    Workspace &workspace = fixture->editor();
    for (auto _ : state) {
        QElapsedTimer timer;
        timer.start();
        const auto bundle = workspace.exportBundle();
        const QByteArray text = bundle ? BundleWriter::write(*bundle) : QByteArray();
        state.SetIterationTime(double(timer.nsecsElapsed()) / 1e9);
        if (text.isEmpty())
            return fail(state, bundle.errorMessage());
    }
}

void configure(benchmark::internal::Benchmark *benchmark, int repetitions)
{
    benchmark->Iterations(1)
        ->Repetitions(repetitions)
        ->ReportAggregatesOnly(true)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv); // QtSql loads its SQLite driver as a plugin
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;

    Fixture data;
    fixture = &data;
    configure(benchmark::RegisterBenchmark("BM_ImportBundle", BM_ImportBundle), 10);
    configure(benchmark::RegisterBenchmark("BM_ImportBundle_ReadOnly", BM_ImportBundle_ReadOnly), 10);
    configure(benchmark::RegisterBenchmark("BM_ImportBundle_StoreOnly", BM_ImportBundle_StoreOnly), 10);
    configure(benchmark::RegisterBenchmark("BM_OpenAndLoad", BM_OpenAndLoad), 20);
    configure(benchmark::RegisterBenchmark("BM_OpenAndLoad_ReadOnly", BM_OpenAndLoad_ReadOnly), 20);
    configure(benchmark::RegisterBenchmark("BM_RuleEdit", BM_RuleEdit), 200);
    configure(benchmark::RegisterBenchmark("BM_RuleInsertAtTop", BM_RuleInsertAtTop), 20);
    configure(benchmark::RegisterBenchmark("BM_RuleMoveFirstToLast", BM_RuleMoveFirstToLast), 20);
    configure(benchmark::RegisterBenchmark("BM_ReimportOneChangedRule", BM_ReimportOneChangedRule), 20);
    configure(benchmark::RegisterBenchmark("BM_ExportBundle", BM_ExportBundle), 10);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    fixture = nullptr;
    return 0;
}
