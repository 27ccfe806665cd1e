#include "browser/browsersession.h"
#include "browser/engineresponder.h"
#include "browser/fetchspecjson.h"
#include "browser/recordedresponder.h"
#include "clicontext.h"
#include "engine/tenantselection.h"
#include "model/httpmessagejson.h"

#include <QJsonArray>

#include <memory>

using namespace Qt::StringLiterals;

namespace cors::cli {

int runSimulate(const QStringList &arguments)
{
    CliContext context(
        u"simulate"_s,
        u"What the browser does: runs fetch() calls from a page through Chromium's or Firefox's CORS rules "
        u"and prints, "
        "for each, the verdict (allowed, blocked or opaque), the preflight and the actual request with their "
        "responses, "
        "the response headers script can read, the browser's own error code and console message, and a trace "
        "of every "
        "step.\n\n"
        "The server's answers come either from a tenant's rules (--bundle or --workspace, with --tenant) or "
        "from recorded "
        "responses "
        "(--responses).\n\n"
        "FETCH.json is one fetch object or a list of them (a sequence from one page, sharing one preflight "
        "cache):\n"
        "  {\"pageOrigin\": \"https://app.example.com\", \"url\": \"https://api.example.com/x\", \"method\": "
        "\"PUT\",\n"
        "   \"headers\": [[\"Content-Type\", \"application/json\"]], \"credentials\": "
        "\"omit|same-origin|include\",\n"
        "   \"mode\": \"cors|no-cors|same-origin\", \"delay\": 0}\n"
        "\"delay\" is how many seconds the page waits after the previous fetch (what lets a cached preflight "
        "expire).\n\n"
        "RESP.json (--responses) is {\"preflight\": R, \"actual\": R} for every URL, or, for redirects,\n"
        "  {\"urls\": {\"<absolute URL>\": {\"preflight\": R, \"actual\": R}, ...}}\n"
        "with R = {\"status\": 200, \"headers\": [[name, value], ...], \"body\": \"...\"}, or a list of R "
        "that successive "
        "requests of that kind receive in turn (the last one repeats).\n\n"
        "Output: one result object, or a list of them for a list of fetches: {\"verdict\", \"preflight\", "
        "\"actual\", "
        "\"exposedHeaders\", \"error\": null | {\"code\", \"message\"}, \"trace\"}; \"preflight\" and "
        "\"actual\" are "
        "{\"request\", \"response\"} or null, for the URL where the fetch ended, and a redirected fetch also "
        "lists its "
        "earlier hops in \"redirects\".\n\n"
        "Exit status: 0 when the simulation ran (a blocked verdict is a result), 1 on bad input (the message "
        "names the "
        "file and the JSON path), 2 on usage errors."_s);
    QCommandLineParser &parser = context.parser();
    parser.addOption({ u"fetch"_s, u"The fetch() call(s) the page makes."_s, u"FETCH.json"_s });
    parser.addOption({ u"browser"_s, u"Which browser to simulate: chromium (default) or firefox."_s,
                       u"NAME"_s, u"chromium"_s });
    context.addTenantSourceOptions();
    parser.addOption(
        { u"tenant"_s,
          u"The tenant whose rules answer (required when the bundle or workspace has several)."_s, u"T"_s });
    parser.addOption({ u"backend"_s,
                       u"With --bundle or --workspace: the backend's own response {\"status\", \"headers\", "
                       "\"body\"}, for the backend merge modes. Default: 200 {\"status\":\"200\"} without "
                       "CORS headers."_s,
                       u"RESP.json"_s });
    parser.addOption({ u"responses"_s, u"Recorded responses to answer with, instead of a tenant's rules."_s,
                       u"RESP.json"_s });
    if (const auto exit = context.parse(arguments, { u"fetch"_s }))
        return *exit;
    if (const auto exit = context.requirePositional(0, u"no positional arguments"_s))
        return *exit;

    const auto browser = BrowserProfile::fromName(parser.value(u"browser"_s));
    if (!browser) {
        return context.usageError(u"--browser must be one of %1, not \"%2\""_s.arg(
            BrowserProfile::names().join(u", "), parser.value(u"browser"_s)));
    }
    const bool bundleMode = parser.isSet(u"bundle"_s) || parser.isSet(u"workspace"_s);
    if (bundleMode == parser.isSet(u"responses"_s))
        return context.usageError(u"give either --bundle or --workspace (with --tenant), or --responses"_s);
    if (bundleMode) {
        if (const auto exit = context.requireTenantSource())
            return *exit;
    }
    if (!bundleMode && (parser.isSet(u"tenant"_s) || parser.isSet(u"backend"_s)))
        return context.usageError(u"--tenant and --backend go with --bundle or --workspace"_s);

    const QString fetchFile = parser.value(u"fetch"_s);
    const auto fetchJson = context.readJsonFile(fetchFile);
    if (!fetchJson)
        return BadInput;
    JsonProblems problems;
    bool isSequence = false;
    const auto specs = FetchSpecJson::readSequence(*fetchJson, QString(), &problems, &isSequence);
    if (!specs) {
        context.reportProblems(fetchFile, problems);
        return BadInput;
    }

    std::unique_ptr<Responder> responder;
    RecordedResponder *recorded = nullptr;
    QString responsesFile;
    if (bundleMode) {
        const QString source = context.tenantSource();
        const auto tenants = context.loadTenants();
        if (!tenants)
            return BadInput;
        TenantSelection selection;
        if (parser.isSet(u"tenant"_s)) {
            selection = TenantSelection::byName(*tenants, parser.value(u"tenant"_s));
            if (!selection.isValid())
                return context.badInput(source + u": " + selection.detail);
        } else if (tenants->size() == 1) {
            selection.index = 0;
        } else {
            QStringList names;
            for (const Tenant &tenant : *tenants)
                names.append(tenant.name);
            return context.usageError(u"--tenant is required: %1 has %2 tenants (%3)"_s.arg(source)
                                          .arg(tenants->size())
                                          .arg(names.join(u", ")));
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
        responder = std::make_unique<EngineResponder>(CorsEngine((*tenants)[selection.index]), backend);
    } else {
        responsesFile = parser.value(u"responses"_s);
        const auto responsesJson = context.readJsonFile(responsesFile);
        if (!responsesJson)
            return BadInput;
        auto parsed = RecordedResponder::fromJson(*responsesJson, &problems);
        if (!parsed) {
            context.reportProblems(responsesFile, problems);
            return BadInput;
        }
        auto owned = std::make_unique<RecordedResponder>(std::move(*parsed));
        recorded = owned.get();
        responder = std::move(owned);
    }

    const QList<Outcome> outcomes = fetchSequence(*specs, *responder, *browser);

    // A recorded-responses file that lacks an answer the browser needs cannot give a verdict.
    if (recorded && !recorded->misses().isEmpty()) {
        JsonProblems missing;
        for (const RecordedResponder::Miss &miss : recorded->misses())
            missing.append({ miss.path, miss.message });
        context.reportProblems(responsesFile, missing);
        return BadInput;
    }

    if (!isSequence) {
        CliContext::printJson(outcomes.first().toJson());
        return Success;
    }
    QJsonArray array;
    for (const Outcome &outcome : outcomes)
        array.append(outcome.toJson());
    CliContext::printJson(array);
    return Success;
}

} // namespace cors::cli
