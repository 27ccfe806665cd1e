// Decision cost of the server-side engine at 1, 100 and 10,000 rules (issue 2's target: a
// preflight decision at 10,000 rules under 1 µs median, within 2x of the 1-rule case).
//
//   cmake --preset release && cmake --build --preset release --target bench_engine
//   ./build-release/tests/bench/bench_engine --benchmark_repetitions=5
//   --benchmark_report_aggregates_only=true

#include "engine/corsengine.h"

#include <benchmark/benchmark.h>

using namespace Qt::StringLiterals;
using namespace cors;

namespace {

// A realistic mix: mostly exact hosts, some wildcard domains, a few regexes, one of each kind
// at small sizes. The origin under test matches an exact rule in the middle of the list.
Tenant tenantWithRules(int count)
{
    Tenant tenant;
    tenant.name = u"bench"_s;
    for (int i = 0; i < count; ++i) {
        Rule rule;
        if (i % 100 == 99)
            rule.domain = u"regex:https://(app|admin)-%1\\.regex\\.example"_s.arg(i);
        else if (i % 10 == 9)
            rule.domain = u"*.zone%1.example.net"_s.arg(i);
        else
            rule.domain = u"app%1.tenant%2.example.com"_s.arg(i).arg(i % 97);
        rule.protocols = Protocol::Https;
        rule.methods = { u"GET"_s, u"POST"_s, u"PUT"_s, u"DELETE"_s };
        rule.allowHeaders = { u"Content-Type"_s, u"Authorization"_s, u"X-Request-Id"_s };
        rule.exposeHeaders = { u"X-Request-Id"_s };
        rule.allowCredentials = true;
        rule.cachePreflight = true;
        rule.maxAge = 600;
        tenant.rules.append(rule);
    }
    return tenant;
}

QString exactOrigin(int count)
{
    const int i = (count / 2) - ((count / 2) % 10); // an exact-host rule
    return u"https://app%1.tenant%2.example.com"_s.arg(i).arg(i % 97);
}

HttpRequest preflight(const QString &origin)
{
    HttpRequest request;
    request.method = "OPTIONS";
    request.url = QUrl(u"https://api.example.org/v1/orders/42"_s);
    request.headers = { { "Host", "api.example.org" },
                        { "Origin", origin.toLatin1() },
                        { "Access-Control-Request-Method", "PUT" },
                        { "Access-Control-Request-Headers", "authorization,content-type" },
                        { "User-Agent", "Mozilla/5.0" } };
    return request;
}

HttpRequest actual(const QString &origin)
{
    HttpRequest request;
    request.method = "PUT";
    request.url = QUrl(u"https://api.example.org/v1/orders/42"_s);
    request.headers = { { "Host", "api.example.org" },
                        { "Origin", origin.toLatin1() },
                        { "Content-Type", "application/json" } };
    return request;
}

void run(benchmark::State &state, const HttpRequest &request, bool expectAllowed)
{
    const CorsEngine engine(tenantWithRules(int(state.range(0))));
    const HttpResponse backend = HttpResponse::defaultBackend();
    if (engine.evaluate(request, backend).allowed != expectAllowed) {
        state.SkipWithError("unexpected decision");
        return;
    }
    for (auto _ : state) {
        CorsDecision decision = engine.evaluate(request, backend);
        benchmark::DoNotOptimize(decision);
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_PreflightExactHost(benchmark::State &state)
{
    run(state, preflight(exactOrigin(int(state.range(0)))), true);
}

void BM_ActualExactHost(benchmark::State &state)
{
    run(state, actual(exactOrigin(int(state.range(0)))), true);
}

void BM_PreflightWildcard(benchmark::State &state)
{
    const int count = int(state.range(0));
    const int i = count >= 10 ? 9 : -1;
    run(state, preflight(i >= 0 ? u"https://eu.shop.zone%1.example.net"_s.arg(i) : exactOrigin(count)), true);
}

void BM_PreflightRefused(benchmark::State &state)
{
    // Misses every exact and wildcard rule, so it also tries every regex rule.
    run(state, preflight(u"https://evil.example"_s), false);
}

} // namespace

BENCHMARK(BM_PreflightExactHost)->Arg(1)->Arg(100)->Arg(10000);
BENCHMARK(BM_ActualExactHost)->Arg(1)->Arg(100)->Arg(10000);
BENCHMARK(BM_PreflightWildcard)->Arg(100)->Arg(10000);
BENCHMARK(BM_PreflightRefused)->Arg(1)->Arg(100)->Arg(10000);

BENCHMARK_MAIN();
