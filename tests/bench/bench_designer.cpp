// The designer at scale (issue 5): a tenant with 10,000 rules must be usable within 1 s of
// opening, and filtering its rule table must answer within 50 ms per keystroke.
//
//   cmake --preset release && cmake --build --preset release --target bench_designer
//   QT_QPA_PLATFORM=offscreen ./build-release/tests/bench/bench_designer --benchmark_repetitions=5
//   --benchmark_report_aggregates_only=true

#include "document/workspacedocument.h"
#include "mainwindow.h"
#include "models/rulefilterproxymodel.h"
#include "widgets/corsconfigurationpage.h"
#include "widgets/tenanteditor.h"
#include "widgets/tenantlistpanel.h"

#include <QApplication>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <benchmark/benchmark.h>

using namespace Qt::StringLiterals;
using namespace cors;

namespace {

QTemporaryDir *dir()
{
    static QTemporaryDir temporary;
    return &temporary;
}

// A workspace holding one tenant with 10,000 realistic rules (written once).
QString workspaceWithRules(int count)
{
    const QString fileName = dir()->filePath(u"rules-%1.corsworkspace"_s.arg(count));
    if (QFile::exists(fileName))
        return fileName;
    Tenant tenant;
    tenant.name = u"big"_s;
    for (int i = 0; i < count; ++i) {
        Rule rule;
        rule.domain = i % 10 == 9 ? u"*.zone%1.example.net"_s.arg(i)
                                  : u"app%1.tenant%2.example.com"_s.arg(i).arg(i % 97);
        rule.protocols = Protocol::Https;
        rule.methods = { u"GET"_s, u"POST"_s, u"PUT"_s, u"DELETE"_s };
        rule.allowHeaders = { u"Content-Type"_s, u"Authorization"_s };
        rule.exposeHeaders = { u"X-Request-Id"_s };
        rule.allowCredentials = i % 3 == 0;
        rule.cachePreflight = true;
        rule.maxAge = 600;
        rule.note = u"team %1"_s.arg(i % 40);
        tenant.rules.append(rule);
    }
    auto workspace = Workspace::open(fileName, Workspace::OpenMode::EditOrCreate);
    (*workspace)->importBundle(Bundle { { tenant } }, ImportMode::Replace);
    return fileName;
}

std::unique_ptr<MainWindow> openWindow(const QString &fileName)
{
    auto workspace = Workspace::open(fileName, Workspace::OpenMode::Edit);
    QString error;
    auto window = std::make_unique<MainWindow>(WorkspaceDocument::load(std::move(*workspace), &error));
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    window->resize(1500, 940);
    window->show();
    window->tenantList()->setCurrentTenant(0);
    window->editor()->showCorsTab();
    // Usable: everything laid out and painted once.
    window->grab();
    return window;
}

// From opening the file to a painted window showing the 10,000 rules, linted and simulated.
void BM_OpenWindowWith10kRules(benchmark::State &state)
{
    const QString fileName = workspaceWithRules(int(state.range(0)));
    for (auto _ : state) {
        auto window = openWindow(fileName);
        if (window->editor()->corsPage()->table()->model()->rowCount() != state.range(0))
            state.SkipWithError("the table does not show every rule");
        state.PauseTiming();
        window.reset();
        QApplication::processEvents();
        state.ResumeTiming();
    }
}

// One keystroke in the filter box: the proxy refilters 10,000 rows (and the view updates).
void BM_FilterKeystroke(benchmark::State &state)
{
    const QString fileName = workspaceWithRules(int(state.range(0)));
    auto window = openWindow(fileName);
    QLineEdit *filter = window->editor()->corsPage()->filterField();
    const QString typed = u"app1234 team"_s;
    int position = 0;
    for (auto _ : state) {
        // Type the query one character at a time, then start again.
        position = position % typed.size() + 1;
        filter->setText(typed.left(position));
        window->editor()->corsPage()->table()->viewport()->grab();
        benchmark::DoNotOptimize(window->editor()->corsPage()->proxy()->rowCount());
    }
}

} // namespace

BENCHMARK(BM_OpenWindowWith10kRules)->Arg(10000)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_FilterKeystroke)->Arg(10000)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
