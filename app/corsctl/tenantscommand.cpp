#include "clicontext.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace cors::cli {

int runTenants(const QStringList &arguments)
{
    CliContext context(
        u"tenants"_s,
        u"Lists the tenants of a workspace (or of a bundle) as a JSON array, in order: name, "
        "description, production, apiType, profile, and how many rules, applications and (in a "
        "workspace) saved test cases each has."_s);
    context.addTenantSourceOptions();
    if (const auto exit = context.parse(arguments, {}))
        return *exit;
    if (const auto exit = context.requireTenantSource())
        return *exit;
    if (const auto exit = context.requirePositional(0, u"no positional arguments"_s))
        return *exit;

    // One read-only workspace for the tenants and their test cases: a consistent picture.
    std::unique_ptr<Workspace> workspace;
    QList<Tenant> tenants;
    if (context.tenantsFromWorkspace()) {
        workspace = context.openWorkspace(context.tenantSource(), Workspace::OpenMode::ReadOnly);
        if (!workspace)
            return BadInput;
        auto loaded = workspace->tenants();
        if (!loaded)
            return context.badInput(context.tenantSource() + u": " + loaded.errorMessage());
        tenants = std::move(*loaded);
    } else {
        auto loaded = context.loadTenants();
        if (!loaded)
            return BadInput;
        tenants = std::move(*loaded);
    }

    QJsonArray list;
    for (const Tenant &tenant : std::as_const(tenants)) {
        QJsonObject item { { u"name"_s, tenant.name },
                           { u"description"_s, tenant.description },
                           { u"production"_s, tenant.production },
                           { u"apiType"_s, apiTypeName(tenant.apiType) },
                           { u"profile"_s, profileName(tenant.profile) },
                           { u"rules"_s, tenant.rules.size() },
                           { u"applications"_s, tenant.applications.size() } };
        if (workspace) {
            const auto testCases = workspace->testCases(tenant.name);
            if (!testCases)
                return context.badInput(context.tenantSource() + u": " + testCases.errorMessage());
            item.insert(u"testCases"_s, testCases->size());
        }
        list.append(item);
    }
    CliContext::printJson(list);
    return Success;
}

} // namespace cors::cli
