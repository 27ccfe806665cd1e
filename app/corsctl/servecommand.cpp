#include "clicontext.h"
#include "live/liveserver.h"
#include "model/httpmessagejson.h"
#include "shutdownsignals.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace cors::cli {

namespace {

enum class LogFormat { Text, Json, None };

// Every line goes out at once, whole: a script (or the end-to-end test) reading the pipe must
// see the URLs and each logged request when they happen, not when a buffer fills.
void printLine(const QString &line)
{
    std::fputs(line.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void printJsonLine(const QJsonObject &object)
{
    std::fputs(QJsonDocument(object).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void warn(const QString &message)
{
    std::fputs(qPrintable(u"corsctl: warning: "_s + message + u'\n'), stderr);
}

QString outcomeSummary(const LiveOutcome &outcome)
{
    QString line = outcome.time.toString(u"HH:mm:ss.zzz"_s) + u" outcome #"_s + QString::number(outcome.id)
        + u' ' + (outcome.browser.isEmpty() ? u"unknown-browser"_s : outcome.browser) + u' '
        + QString::fromLatin1(outcome.fetch.method) + u' ' + outcome.fetch.url.toString(QUrl::FullyEncoded)
        + u" — browser "_s + verdictName(outcome.observed.verdict());
    if (!outcome.prediction)
        return line + u", no prediction: "_s + outcome.predictionNote;
    line += u", model "_s + verdictName(outcome.prediction->verdict);
    if (outcome.prediction->error)
        line += u" ("_s + outcome.prediction->error->code + u')';
    if (outcome.agrees())
        return line + u" — agrees"_s;
    return line + u" — DIFFERS: "_s + outcome.differences.join(u' ');
}

// The newest edit of a workspace, to notice that CORS Studio changed it.
EditId newestEdit(const Workspace &workspace)
{
    const auto history = workspace.history(1);
    return history && !history->isEmpty() ? history->first().edit : 0;
}

} // namespace

int runServe(const QStringList &arguments)
{
    CliContext context(
        u"serve"_s,
        u"Runs the live tester's server without the GUI: an API origin where every path and method is "
        "answered by the tenants' rules (the engine of `corsctl evaluate`) in front of a mock backend, and "
        "a test page origin serving the test console, where a person (or a test) sends fetch() calls from "
        "a real browser and sees the outcome beside CORS Studio's prediction for that browser. Prints the "
        "two URLs, then logs every request and every outcome, until SIGINT or SIGTERM.\n\n"
        "A request chooses its tenant with ?tenant=NAME or Boomi's boomi_auth parameter; one that names "
        "none goes to --tenant, or to the only tenant. With --workspace, edits made in CORS Studio apply "
        "from the next request on.\n\n"
        "RESP.json (--backend, --default-backend) is {\"status\": 200, \"headers\": [[name, value], ...], "
        "\"body\": \"...\"}; without them every path answers 200 {\"status\":\"200\"}.\n\n"
        "--log json prints one JSON object per line: {\"event\": \"listening\", \"api\", \"page\", ...}, "
        "{\"event\": \"request\", ...} for each request, {\"event\": \"outcome\", ...} for each outcome the "
        "page reports (with \"prediction\", \"agrees\" and \"differences\"), {\"event\": \"rejected\", ...} "
        "for each request refused as malformed, too large or too slow, {\"event\": \"stopped\"}.\n\n"
        "Exit status: 0 after a clean shutdown, 1 on bad input or when the ports cannot be bound, 2 on usage "
        "errors."_s);
    QCommandLineParser &parser = context.parser();
    context.addTenantSourceOptions();
    parser.addOption({ u"address"_s,
                       u"Listen on this address (default: loopback, 127.0.0.1 and ::1). Any other address "
                       "makes the server reachable from other machines."_s,
                       u"A"_s });
    parser.addOption(
        { u"port"_s,
          u"The API origin's port (default %1; 0: any free port)."_s.arg(LiveServerOptions::kDefaultApiPort),
          u"N"_s });
    parser.addOption({ u"page-port"_s,
                       u"The test page origin's port (default %1; 0: any free port)."_s.arg(
                           LiveServerOptions::kDefaultPagePort),
                       u"N"_s });
    parser.addOption(
        { u"host"_s,
          u"The host name in the printed URLs, which the test console answers to besides loopback "
          "names (default: localhost on loopback)."_s,
          u"NAME"_s });
    parser.addOption({ u"tenant"_s, u"The active tenant: requests that name none go to it."_s, u"T"_s });
    parser.addOption(
        { u"backend"_s,
          u"The mock backend's response for a path (\"/items\") or a path prefix (\"/items/*\"); "
          "repeatable."_s,
          u"PATH=RESP.json"_s });
    parser.addOption(
        { u"default-backend"_s, u"The mock backend's response for every other path."_s, u"RESP.json"_s });
    parser.addOption({ u"log"_s, u"How to log requests and outcomes: text (default), json or none."_s,
                       u"FORMAT"_s, u"text"_s });
    if (const auto exit = context.parse(arguments, {}))
        return *exit;
    if (const auto exit = context.requireTenantSource())
        return *exit;
    if (const auto exit = context.requirePositional(0, u"no positional arguments"_s))
        return *exit;

    LogFormat format = LogFormat::Text;
    const QString formatName = parser.value(u"log"_s);
    if (formatName == u"json")
        format = LogFormat::Json;
    else if (formatName == u"none")
        format = LogFormat::None;
    else if (formatName != u"text")
        return context.usageError(u"--log must be text, json or none, not \"%1\""_s.arg(formatName));

    LiveServerOptions options;
    if (parser.isSet(u"address"_s)) {
        const QString text = parser.value(u"address"_s);
        QHostAddress address(text == u"localhost" ? u"127.0.0.1"_s : text);
        if (address.isNull())
            return context.usageError(u"--address \"%1\" is not an IP address"_s.arg(text));
        options.address = address;
        // Naming the address is the explicit choice the server asks for; say what it means.
        options.allowNonLoopback = true;
        if (!address.isLoopback())
            warn(u"listening on %1: the live server, its tenants' names and the test console are reachable "
                 "from other machines."_s.arg(address.toString()));
    }
    const auto port = [&](const QString &name, quint16 fallback) -> std::optional<quint16> {
        if (!parser.isSet(name))
            return fallback;
        bool ok = false;
        const uint value = parser.value(name).toUInt(&ok);
        if (!ok || value > 65535)
            return std::nullopt;
        return quint16(value);
    };
    const auto apiPort = port(u"port"_s, LiveServerOptions::kDefaultApiPort);
    const auto pagePort = port(u"page-port"_s, LiveServerOptions::kDefaultPagePort);
    if (!apiPort || !pagePort)
        return context.usageError(u"--port and --page-port take a port number (0 to 65535)"_s);
    options.apiPort = *apiPort;
    options.pagePort = *pagePort;
    options.hostName = parser.value(u"host"_s);

    // From a workspace, the tenants and the edit they reflect come from one open, so that an edit
    // made in CORS Studio meanwhile cannot slip between loading them and watching for changes.
    std::unique_ptr<Workspace> workspace;
    EditId seen = 0;
    std::optional<QList<Tenant>> tenants;
    if (context.tenantsFromWorkspace()) {
        workspace = context.openWorkspace(context.tenantSource(), Workspace::OpenMode::ReadOnly);
        if (!workspace)
            return BadInput;
        seen = newestEdit(*workspace);
        auto read = workspace->tenants();
        if (!read)
            return context.badInput(context.tenantSource() + u": "_s + read.errorMessage());
        tenants = std::move(*read);
    } else {
        tenants = context.loadTenants();
        if (!tenants)
            return BadInput;
    }

    LiveServer server;
    server.setOptions(options);
    server.setTenants(*tenants);
    if (parser.isSet(u"tenant"_s)) {
        const QString active = parser.value(u"tenant"_s);
        if (std::none_of(tenants->cbegin(), tenants->cend(),
                         [&](const Tenant &t) { return t.name == active; }))
            return context.badInput(u"%1: there is no tenant \"%2\""_s.arg(context.tenantSource(), active));
        server.setActiveTenant(active);
    }
    const auto readBackend = [&](const QString &file) -> std::optional<HttpResponse> {
        const auto json = context.readJsonFile(file);
        if (!json)
            return std::nullopt;
        JsonProblems problems;
        auto response = HttpMessageJson::readResponse(*json, QString(), &problems);
        if (!response)
            context.reportProblems(file, problems);
        return response;
    };
    for (const QString &item : parser.values(u"backend"_s)) {
        const qsizetype equals = item.indexOf(u'=');
        if (equals <= 0)
            return context.usageError(u"--backend takes PATH=RESP.json, not \"%1\""_s.arg(item));
        const QString path = item.left(equals);
        const QString file = item.mid(equals + 1);
        QString problem;
        if (!LiveApi::isValidBackendPath(path, &problem))
            return context.usageError(u"--backend: "_s + problem);
        const auto response = readBackend(file);
        if (!response)
            return BadInput;
        if (!server.setBackend(path, *response, &problem))
            return context.badInput(file + u": "_s + problem);
    }
    if (parser.isSet(u"default-backend"_s)) {
        const QString file = parser.value(u"default-backend"_s);
        const auto response = readBackend(file);
        if (!response)
            return BadInput;
        QString problem;
        if (!server.setDefaultBackend(*response, &problem))
            return context.badInput(file + u": "_s + problem);
    }

    if (!server.start())
        return context.badInput(server.errorString());

    QStringList names;
    for (const Tenant &tenant : std::as_const(*tenants))
        names.append(tenant.name);
    if (format == LogFormat::Json) {
        printJsonLine({ { u"event"_s, u"listening"_s },
                        { u"api"_s, server.apiUrl().toString() },
                        { u"page"_s, server.pageUrl().toString() },
                        { u"pageOrigin"_s, server.pageOrigin().serialize() },
                        { u"loopback"_s, !server.bindsBeyondLoopback() },
                        { u"tenants"_s, QJsonArray::fromStringList(names) },
                        { u"activeTenant"_s, server.activeTenant() },
                        { u"source"_s, context.tenantSource() } });
    } else {
        printLine(u"CORS Studio live server — %1 tenant%2 from %3"_s.arg(tenants->size())
                      .arg(tenants->size() == 1 ? QString() : u"s"_s, context.tenantSource()));
        printLine(u"  API        %1   (?tenant=NAME or boomi_auth chooses the tenant%2)"_s.arg(
            server.apiUrl().toString(),
            server.activeTenant().isEmpty() ? QString() : u"; otherwise "_s + server.activeTenant()));
        printLine(u"  Test page  %1   (open it in Chromium or Firefox; rules see it as Origin %2)"_s.arg(
            server.pageUrl().toString(), server.pageOrigin().serialize()));
        printLine(u"Tenants: %1. Stop with Ctrl+C."_s.arg(names.join(u", ")));
    }

    quint64 outcomes = 0;
    quint64 agreeing = 0;
    if (format != LogFormat::None) {
        QObject::connect(&server, &LiveServer::requestLogged, &server,
                         [format](const LiveExchange &exchange) {
                             if (format == LogFormat::Json) {
                                 QJsonObject object = exchange.toJson();
                                 object.insert(u"event"_s, u"request"_s);
                                 printJsonLine(object);
                             } else {
                                 printLine(exchange.summary());
                             }
                         });
        QObject::connect(
            &server, &LiveServer::requestRejected, &server, [format](const HttpRejection &rejection) {
                if (format == LogFormat::Json) {
                    printJsonLine({ { u"event"_s, u"rejected"_s },
                                    { u"time"_s, rejection.time.toString(Qt::ISODateWithMs) },
                                    { u"endpoint"_s, rejection.endpoint },
                                    { u"peer"_s, rejection.peer },
                                    { u"status"_s, rejection.status },
                                    { u"reason"_s, rejection.reason } });
                } else {
                    printLine(u"%1 rejected (%2, %3) %4 — %5"_s.arg(
                        rejection.time.toString(u"HH:mm:ss.zzz"_s), rejection.endpoint, rejection.peer,
                        rejection.status ? QString::number(rejection.status) : u"dropped"_s,
                        rejection.reason));
                }
            });
    }
    QObject::connect(&server, &LiveServer::outcomeReported, &server, [&, format](const LiveOutcome &outcome) {
        ++outcomes;
        agreeing += outcome.agrees() ? 1 : 0;
        if (format == LogFormat::Json) {
            QJsonObject object = outcome.toJson();
            object.insert(u"event"_s, u"outcome"_s);
            printJsonLine(object);
        } else if (format == LogFormat::Text) {
            printLine(outcomeSummary(outcome));
        }
    });

    // A workspace may be edited in CORS Studio meanwhile: its tenants apply from the next request.
    QTimer poll;
    if (workspace) {
        QObject::connect(&poll, &QTimer::timeout, &server, [&, format] {
            const EditId edit = newestEdit(*workspace);
            if (edit == seen)
                return;
            const auto reloaded = workspace->tenants();
            if (!reloaded) {
                warn(context.tenantSource() + u": "_s + reloaded.errorMessage());
                return;
            }
            seen = edit;
            server.setTenants(*reloaded);
            if (format == LogFormat::Json)
                printJsonLine({ { u"event"_s, u"reloaded"_s }, { u"edit"_s, edit } });
            else if (format == LogFormat::Text)
                printLine(u"Tenants reloaded from %1 (edit %2)."_s.arg(context.tenantSource()).arg(edit));
        });
        poll.start(1000);
    }

    ShutdownSignals signals;
    if (!signals.isValid())
        warn(u"cannot watch SIGINT and SIGTERM; stop the server with SIGKILL"_s);
    int stoppedBy = 0;
    QObject::connect(&signals, &ShutdownSignals::received, &server, [&](int signal) {
        stoppedBy = signal;
        server.stop();
        QCoreApplication::exit(Success);
    });
    const int exitCode = QCoreApplication::exec();
    poll.stop();
    if (format == LogFormat::Json) {
        printJsonLine({ { u"event"_s, u"stopped"_s },
                        { u"signal"_s, stoppedBy },
                        { u"requests"_s, qint64(server.requestCount()) },
                        { u"outcomes"_s, qint64(outcomes) },
                        { u"agreeing"_s, qint64(agreeing) } });
    } else if (format == LogFormat::Text) {
        printLine(u"Stopped: %1 requests answered, %2 outcomes reported (%3 as predicted)."_s
                      .arg(server.requestCount())
                      .arg(outcomes)
                      .arg(agreeing));
    }
    return exitCode;
}

} // namespace cors::cli
