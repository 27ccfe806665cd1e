// Cost of the linter and of the effective-origins view, which the designer reruns on every
// keystroke (issue 7), at 1, 100 and 10,000 rules.
//
//   cmake --preset release && cmake --build --preset release --target bench_lint
//   ./build-release/tests/bench/bench_lint --benchmark_repetitions=5 --benchmark_report_aggregates_only=true

#include "engine/ruleindex.h"
#include "lint/effectiveorigin.h"
#include "lint/linter.h"

#include <benchmark/benchmark.h>

using namespace Qt::StringLiterals;
using namespace cors;

namespace {

// The engine benchmark's realistic mix (mostly exact hosts, one in ten a wildcard domain, one in a
// hundred a regex), plus what the linter has to look at: an application per hundred rules, every
// twentieth rule with an http origin, every fiftieth with a bypassable regex.
Tenant tenantWithRules(int count)
{
    Tenant tenant;
    tenant.name = u"bench"_s;
    tenant.production = true;
    for (int i = 0; i < count; ++i) {
        Rule rule;
        if (i % 100 == 99)
            rule.domain = u"regex:https://(app|admin)-%1\\.regex\\.example"_s.arg(i);
        else if (i % 50 == 49)
            rule.domain = u"regex:https://app%1\\.tenant\\.example.*"_s.arg(i);
        else if (i % 10 == 9)
            rule.domain = u"*.zone%1.example.net"_s.arg(i);
        else
            rule.domain = u"app%1.tenant%2.example.com"_s.arg(i).arg(i % 97);
        rule.protocols = i % 20 == 3 ? (Protocol::Http | Protocol::Https) : Protocols(Protocol::Https);
        rule.methods = { u"GET"_s, u"POST"_s, u"PUT"_s, u"DELETE"_s };
        rule.allowHeaders = { u"Content-Type"_s, u"Authorization"_s, u"X-Request-Id"_s };
        rule.exposeHeaders = { u"X-Request-Id"_s };
        rule.allowCredentials = true;
        rule.cachePreflight = true;
        rule.maxAge = 600;
        tenant.rules.append(rule);
        if (i % 100 == 0) {
            tenant.applications.append(
                { u"app %1"_s.arg(i), { u"https://portal%1.partner.example"_s.arg(i) }, rule.domain });
        }
    }
    return tenant;
}

void BM_Lint(benchmark::State &state)
{
    const Tenant tenant = tenantWithRules(int(state.range(0)));
    const Linter linter;
    std::size_t findings = 0;
    for (auto _ : state) {
        const QList<LintFinding> result = linter.lint(tenant);
        findings = std::size_t(result.size());
        benchmark::DoNotOptimize(result);
    }
    state.counters[u"findings"_s.toStdString()] = double(findings);
}

// The designer keeps a compiled index for the simulator; linting with it skips recompiling.
void BM_LintWithIndex(benchmark::State &state)
{
    const Tenant tenant = tenantWithRules(int(state.range(0)));
    const RuleIndex index(tenant);
    const Linter linter;
    for (auto _ : state) {
        const QList<LintFinding> result = linter.lint(tenant, index);
        benchmark::DoNotOptimize(result);
    }
}

void BM_EffectiveOrigins(benchmark::State &state)
{
    const Tenant tenant = tenantWithRules(int(state.range(0)));
    for (auto _ : state) {
        const QList<EffectiveOrigin> origins = EffectiveOrigin::of(tenant);
        benchmark::DoNotOptimize(origins);
    }
}

void BM_EffectiveOriginsWithIndex(benchmark::State &state)
{
    const Tenant tenant = tenantWithRules(int(state.range(0)));
    const RuleIndex index(tenant);
    for (auto _ : state) {
        const QList<EffectiveOrigin> origins = EffectiveOrigin::of(tenant, index);
        benchmark::DoNotOptimize(origins);
    }
}

// What the designer pays per keystroke at most: compile the edited tenant once, then both views.
void BM_KeystrokeIndexLintAndOrigins(benchmark::State &state)
{
    const Tenant tenant = tenantWithRules(int(state.range(0)));
    const Linter linter;
    for (auto _ : state) {
        const RuleIndex index(tenant);
        const QList<LintFinding> findings = linter.lint(tenant, index);
        const QList<EffectiveOrigin> origins = EffectiveOrigin::of(tenant, index);
        benchmark::DoNotOptimize(findings);
        benchmark::DoNotOptimize(origins);
    }
}

} // namespace

BENCHMARK(BM_Lint)->Arg(1)->Arg(100)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LintWithIndex)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EffectiveOrigins)->Arg(1)->Arg(100)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EffectiveOriginsWithIndex)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_KeystrokeIndexLintAndOrigins)->Arg(100)->Arg(10000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
