#include "tenantvalidation.h"

#include "model/jsonobjectreader.h"
#include "tenantsettings.h"

using namespace Qt::StringLiterals;

namespace cors {

namespace {

QString fieldPath(const QString &path, const FieldProblem &problem)
{
    const QString field = path.isEmpty() ? problem.field : path + u'.' + problem.field;
    return problem.index >= 0 ? JsonObjectReader::indexPath(field, problem.index) : field;
}

void append(JsonProblems &problems, const QString &path, const QList<FieldProblem> &fieldProblems)
{
    for (const FieldProblem &problem : fieldProblems)
        problems.append({ fieldPath(path, problem), problem.message });
}

QString join(const QString &path, QStringView key)
{
    return path.isEmpty() ? key.toString() : path + u'.' + key;
}

} // namespace

JsonProblems TenantValidation::checkName(const QString &name, const QString &path)
{
    Tenant tenant;
    tenant.name = name;
    JsonProblems problems;
    // Tenant::validate() checks the name first and the rest only when set, so a bare tenant
    // reports the name's problems alone.
    append(problems, path, tenant.validate());
    return problems;
}

JsonProblems TenantValidation::checkSettings(const TenantSettings &settings, const QString &path)
{
    Tenant tenant;
    tenant.name = u"settings"_s;
    settings.applyTo(tenant);
    JsonProblems problems;
    append(problems, path, tenant.validate());
    return problems;
}

JsonProblems TenantValidation::checkRule(const Rule &rule, const QString &path)
{
    JsonProblems problems;
    const QList<FieldProblem> fieldProblems = rule.validate();
    append(problems, path, fieldProblems);
    if (!fieldProblems.isEmpty())
        return problems;
    Rule normalized = rule;
    if (const auto problem = normalized.normalize()) {
        append(problems, path, { *problem });
    } else if (normalized != rule) {
        QString how = u"\"%1\""_s.arg(normalized.domain);
        if (normalized.protocols != rule.protocols)
            how += u" with protocols [%1]"_s.arg(protocolNames(normalized.protocols).join(u", "));
        if (normalized.ports != rule.ports)
            how += u" with ports [%1]"_s.arg(normalized.ports.toStringList().join(u", "));
        problems.append({ join(path, u"domain"),
                          u"\"%1\" is not written canonically; write %2"_s.arg(rule.domain, how) });
    }
    return problems;
}

JsonProblems TenantValidation::checkApplication(const Application &application, const QString &path)
{
    JsonProblems problems;
    append(problems, path, application.validate());
    return problems;
}

JsonProblems TenantValidation::checkTestCase(const TestCase &testCase, const QString &path)
{
    return testCase.validate(path);
}

JsonProblems TenantValidation::checkTenant(const Tenant &tenant, const QString &path)
{
    JsonProblems problems;
    for (qsizetype i = 0; i < tenant.rules.size(); ++i)
        problems.append(checkRule(tenant.rules[i], JsonObjectReader::indexPath(join(path, u"rules"), i)));
    for (qsizetype i = 0; i < tenant.applications.size(); ++i)
        problems.append(checkApplication(tenant.applications[i],
                                         JsonObjectReader::indexPath(join(path, u"applications"), i)));
    // The name, the settings and the applications' references to rules.
    append(problems, path, tenant.validate());
    return problems;
}

QString TenantValidation::describe(const JsonProblems &problems)
{
    QStringList lines;
    for (const JsonProblem &problem : problems)
        lines.append(problem.toString());
    return lines.join(u"; ");
}

} // namespace cors
