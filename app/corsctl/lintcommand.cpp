#include "clicontext.h"
#include "engine/tenantselection.h"
#include "lint/effectiveorigin.h"
#include "lint/linter.h"
#include "model/jsontext.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace cors::cli {

namespace {

struct Counts
{
    int error = 0;
    int warning = 0;
    int info = 0;

    void add(Severity severity)
    {
        switch (severity) {
        case Severity::Error:
            ++error;
            break;
        case Severity::Warning:
            ++warning;
            break;
        case Severity::Info:
            ++info;
            break;
        }
    }
    void add(const Counts &other)
    {
        error += other.error;
        warning += other.warning;
        info += other.info;
    }
    QJsonObject toJson() const
    {
        return { { u"error"_s, error }, { u"warning"_s, warning }, { u"info"_s, info } };
    }
    QString text() const
    {
        return u"%1 error%2, %3 warning%4, %5 info"_s.arg(error)
            .arg(error == 1 ? QString() : u"s"_s)
            .arg(warning)
            .arg(warning == 1 ? QString() : u"s"_s)
            .arg(info);
    }
};

struct TenantReport
{
    const Tenant *tenant = nullptr;
    QList<LintFinding> findings;
    QList<EffectiveOrigin> origins; // with --effective-origins
    Counts counts;
};

// Where a finding points, for people: rules[1].domain "*.admin.acme.example".
QString location(const Tenant &tenant, const LintFinding &finding)
{
    QString text = finding.path();
    if (finding.rule >= 0)
        text += u" \""_s + tenant.rules[finding.rule].domain + u'"';
    else if (finding.application >= 0)
        text += u" \""_s + tenant.applications[finding.application].name + u'"';
    else if (text.isEmpty())
        text = u"tenant"_s;
    return text;
}

QString textReport(const QList<TenantReport> &reports, bool withOrigins, const Counts &total)
{
    QString out;
    for (const TenantReport &report : reports) {
        const Tenant &tenant = *report.tenant;
        out += u"%1 (%2 profile%3): %4\n"_s.arg(tenant.name, profileName(tenant.profile),
                                                tenant.production ? u", production"_s : QString(),
                                                report.counts.text());
        for (const LintFinding &finding : report.findings) {
            out += u"  %1 %2  %3\n"_s.arg(severityName(finding.severity), -7)
                       .arg(location(tenant, finding), finding.id);
            out += u"          %1\n"_s.arg(finding.message);
            out += u"          fix: %1\n"_s.arg(finding.fix);
        }
        if (withOrigins) {
            out += u"  effective origins:\n"_s;
            const QList<EffectiveOrigin> &origins = report.origins;
            if (origins.isEmpty())
                out += u"    none (API Type %1: no rule applies)\n"_s.arg(apiTypeName(tenant.apiType));
            for (const EffectiveOrigin &origin : origins) {
                out += u"    %1  %2%3\n"_s.arg(origin.pattern, -40)
                           .arg(origin.from, origin.credentials ? u", with credentials"_s : QString());
            }
        }
        out += u'\n';
    }
    if (reports.size() > 1)
        out += u"%1 tenants: %2\n"_s.arg(reports.size()).arg(total.text());
    return out;
}

QJsonObject jsonReport(const QList<TenantReport> &reports, bool withOrigins, const Counts &total)
{
    QJsonArray tenants;
    for (const TenantReport &report : reports) {
        QJsonObject object;
        object.insert(u"tenant"_s, report.tenant->name);
        object.insert(u"profile"_s, profileName(report.tenant->profile));
        object.insert(u"production"_s, report.tenant->production);
        object.insert(u"counts"_s, report.counts.toJson());
        QJsonArray findings;
        for (const LintFinding &finding : report.findings)
            findings.append(finding.toJson());
        object.insert(u"findings"_s, findings);
        if (withOrigins) {
            QJsonArray origins;
            for (const EffectiveOrigin &origin : report.origins)
                origins.append(origin.toJson());
            object.insert(u"effectiveOrigins"_s, origins);
        }
        tenants.append(object);
    }
    return { { u"tenants"_s, tenants }, { u"counts"_s, total.toJson() } };
}

QString checksText()
{
    QString out;
    for (const Linter::Check &check : Linter::checks())
        out += u"%1 [%2]\n    %3\n"_s.arg(check.id, check.severity, check.summary);
    return out;
}

} // namespace

int runLint(const QStringList &arguments)
{
    CliContext context(
        u"lint"_s,
        u"Finds insecure, dead and browser-incompatible CORS rules: every finding has a stable id, a "
        "severity (error, warning, info), the rule and field it points at, one sentence saying what an "
        "attacker or a browser does with it, and a fix. Bypasses are proven by crafting attacker origins "
        "and matching them through the engine's rule index. Without --fail-on the exit status is 0 "
        "whatever was found; with it, 3 when a finding at or above that severity exists."_s);
    QCommandLineParser &parser = context.parser();
    context.addTenantSourceOptions();
    parser.addOption({ u"tenant"_s, u"Lint only this tenant (default: every tenant)."_s, u"T"_s });
    parser.addOption(
        { u"format"_s, u"text (for people, the default) or json (for CI)."_s, u"text|json"_s, u"text"_s });
    parser.addOption(
        { u"fail-on"_s,
          u"Exit with status 3 when a finding of this severity or worse exists: error, warning or "
          "info."_s,
          u"severity"_s });
    parser.addOption(
        { u"api-url"_s,
          u"The URL the API is served at. Only its scheme matters: the linter assumes https, where an "
          "http:// origin is a finding; give an http:// URL to lint an HTTP-only API."_s,
          u"URL"_s });
    parser.addOption({ u"effective-origins"_s,
                       u"Also list every origin pattern each tenant trusts and where it comes from (rule, "
                       "application or profile)."_s });
    parser.addOption({ u"list-checks"_s, u"List every finding id with its severity and stop."_s });
    if (const auto exit = context.parse(arguments, {}))
        return *exit;
    if (const auto exit = context.requirePositional(0, u"no positional arguments"_s))
        return *exit;
    if (parser.isSet(u"list-checks"_s)) {
        CliContext::printText(checksText());
        return Success;
    }

    const QString format = parser.value(u"format"_s);
    if (format != u"text" && format != u"json")
        return context.usageError(u"--format must be text or json, not \"%1\""_s.arg(format));
    std::optional<Severity> failOn;
    if (parser.isSet(u"fail-on"_s)) {
        failOn = severityFromName(parser.value(u"fail-on"_s));
        if (!failOn)
            return context.usageError(
                u"--fail-on must be error, warning or info, not \"%1\""_s.arg(parser.value(u"fail-on"_s)));
    }
    Linter::Options options;
    if (parser.isSet(u"api-url"_s)) {
        const QUrl url(parser.value(u"api-url"_s));
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || (scheme != u"https" && scheme != u"http") || url.host().isEmpty())
            return context.usageError(u"--api-url must be an http:// or https:// URL, not \"%1\""_s.arg(
                parser.value(u"api-url"_s)));
        options.apiScheme = scheme == u"http" ? Linter::ApiScheme::Http : Linter::ApiScheme::Https;
    }
    if (const auto exit = context.requireTenantSource())
        return *exit;

    const auto tenants = context.loadTenants();
    if (!tenants)
        return BadInput;
    QList<const Tenant *> selected;
    if (parser.isSet(u"tenant"_s)) {
        const TenantSelection selection = TenantSelection::byName(*tenants, parser.value(u"tenant"_s));
        if (!selection.isValid())
            return context.badInput(context.tenantSource() + u": " + selection.detail);
        selected.append(&(*tenants)[selection.index]);
    } else {
        for (const Tenant &tenant : *tenants)
            selected.append(&tenant);
    }

    const bool withOrigins = parser.isSet(u"effective-origins"_s);
    const Linter linter(options);
    QList<TenantReport> reports;
    Counts total;
    bool atThreshold = false;
    for (const Tenant *tenant : std::as_const(selected)) {
        TenantReport report;
        report.tenant = tenant;
        const RuleIndex index(*tenant);
        report.findings = linter.lint(*tenant, index);
        if (withOrigins)
            report.origins = EffectiveOrigin::of(*tenant, index);
        for (const LintFinding &finding : std::as_const(report.findings)) {
            report.counts.add(finding.severity);
            atThreshold = atThreshold || (failOn && int(finding.severity) >= int(*failOn));
        }
        total.add(report.counts);
        reports.append(report);
    }

    if (format == u"json") {
        // Keys in reading order: the tenant, its counts, then each finding's id and place first.
        static const QStringList order = {
            u"tenants"_s,  u"tenant"_s,  u"profile"_s,     u"production"_s, u"counts"_s,
            u"error"_s,    u"warning"_s, u"info"_s,        u"findings"_s,   u"id"_s,
            u"severity"_s, u"rule"_s,    u"application"_s, u"field"_s,      u"item"_s,
            u"path"_s,     u"message"_s, u"fix"_s,         u"proof"_s,      u"effectiveOrigins"_s,
            u"pattern"_s,  u"source"_s,  u"from"_s,        u"credentials"_s
        };
        std::fputs(JsonText::serialize(jsonReport(reports, withOrigins, total), order).constData(), stdout);
    } else {
        std::fputs(textReport(reports, withOrigins, total).toUtf8().constData(), stdout);
    }
    return atThreshold ? FindingsAtThreshold : Success;
}

} // namespace cors::cli
