#pragma once

#include "engine/ruleindex.h"
#include "lintfinding.h"
#include "model/tenant.h"

#include <QList>

namespace cors {

// The rule linter (issue 7): everything known to go wrong with a tenant's CORS rules — what an
// attacker can do with them, and where a browser will refuse what the administrator meant to
// allow — each as a LintFinding with a stable id, a severity, the rule and field it points at,
// one sentence and a fix.
//
// It is static (no network) but not a guess: bypasses are proven by crafting attacker origins
// and asking the same compiled RuleIndex the engine answers with (RegexProbe), the profile traps
// by running CorsEngine itself, and the domain checks use the system's Public Suffix List.
//
// lint() is meant to run on every keystroke in the designer: for a tenant of 10,000 rules it
// costs tens of milliseconds (tests/bench/bench_lint.cpp). Findings come ordered: tenant
// settings first, then rules in list order, then applications; within one place, errors first.
class Linter
{
public:
    enum class ApiScheme { Https, Http };

    struct Options
    {
        // Whether the API these rules answer for is served over HTTPS. A tenant does not record
        // its API's URL, so the linter assumes HTTPS — what an API that uses CORS with
        // credentials must be, and the assumption that cannot hide an attack — unless told
        // otherwise (`corsctl lint --api-url http://…`). Only the http-origin check depends on it:
        // an http:// page is no weaker than an http:// API.
        ApiScheme apiScheme = ApiScheme::Https;

        friend bool operator==(const Options &, const Options &) = default;
    };

    // One kind of finding, for documentation, filters and `corsctl lint --list-checks`.
    struct Check
    {
        QString id;
        QString severity; // "error", "warning", "info", or e.g. "error with credentials, else warning"
        QString summary;

        friend bool operator==(const Check &, const Check &) = default;
    };

    Linter() = default;
    explicit Linter(Options options);

    QList<LintFinding> lint(const Tenant &tenant) const;
    // The same, with the tenant's index already compiled (the designer keeps one for the simulator).
    QList<LintFinding> lint(const Tenant &tenant, const RuleIndex &index) const;

    // Every finding id lint() can report.
    static const QList<Check> &checks();

private:
    Options m_options;
};

// Lints one tenant with default options.
QList<LintFinding> lint(const Tenant &tenant, const Linter::Options &options = {});

} // namespace cors
