#include "clicontext.h"
#include "engine/corsengine.h"
#include "engine/tenantselection.h"
#include "model/httpmessagejson.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace cors::cli {

int runEvaluate(const QStringList &arguments)
{
    CliContext context(
        u"evaluate"_s,
        u"What the server answers: runs one HTTP request through a tenant's CORS rules under the "
        "tenant's profile and prints the decision as JSON: kind, allowed, status, headers, body, "
        "the matched rule and the trace of every check."_s);
    QCommandLineParser &parser = context.parser();
    context.addTenantSourceOptions();
    parser.addOption({ u"tenant"_s,
                       u"The tenant whose rules answer. Without it the request's ?tenant= or boomi_auth URL "
                       "parameter chooses, or the only tenant."_s,
                       u"T"_s });
    parser.addOption({ u"request"_s,
                       u"The request: {\"method\", \"url\", \"headers\": [[name, value], ...], \"body\"}."_s,
                       u"REQ.json"_s });
    parser.addOption(
        { u"backend"_s,
          u"The backend's own response {\"status\", \"headers\", \"body\"}, for the backend merge modes. "
          "Default: 200 {\"status\":\"200\"} without CORS headers."_s,
          u"RESP.json"_s });
    if (const auto exit = context.parse(arguments, { u"request"_s }))
        return *exit;
    if (const auto exit = context.requireTenantSource())
        return *exit;
    if (const auto exit = context.requirePositional(0, u"no positional arguments"_s))
        return *exit;

    const auto tenants = context.loadTenants();
    if (!tenants)
        return BadInput;

    const QString requestFile = parser.value(u"request"_s);
    const auto requestJson = context.readJsonFile(requestFile);
    if (!requestJson)
        return BadInput;
    JsonProblems problems;
    const auto request = HttpMessageJson::readRequest(*requestJson, QString(), &problems);
    if (!request) {
        context.reportProblems(requestFile, problems);
        return BadInput;
    }

    std::optional<HttpResponse> backend;
    if (parser.isSet(u"backend"_s)) {
        const QString backendFile = parser.value(u"backend"_s);
        const auto backendJson = context.readJsonFile(backendFile);
        if (!backendJson)
            return BadInput;
        backend = HttpMessageJson::readResponse(*backendJson, QString(), &problems);
        if (!backend) {
            context.reportProblems(backendFile, problems);
            return BadInput;
        }
    }

    const TenantSelection selection = parser.isSet(u"tenant"_s)
        ? TenantSelection::byName(*tenants, parser.value(u"tenant"_s))
        : TenantSelection::select(*tenants, *request);
    if (!selection.isValid())
        return context.badInput(context.tenantSource() + u": " + selection.detail);

    const CorsEngine engine(tenants->at(selection.index));
    QJsonObject output = engine.evaluate(*request, backend).toJson();
    output.insert(u"tenant"_s, engine.tenant().name);
    CliContext::printJson(output);
    return Success;
}

} // namespace cors::cli
