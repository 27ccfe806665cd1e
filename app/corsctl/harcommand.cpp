#include "clicontext.h"
#include "engine/tenantselection.h"
#include "import/harreader.h"
#include "import/harreplay.h"
#include "model/jsontext.h"

#include <QFileInfo>
#include <QJsonObject>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace cors::cli {

namespace {

// The keys of `corsctl har --format json`, in the order a person reads them.
const QStringList &keyOrder()
{
    static const QStringList order = { u"file"_s,
                                       u"entryCount"_s,
                                       u"creator"_s,
                                       u"browser"_s,
                                       u"browserEvidence"_s,
                                       u"tenant"_s,
                                       u"requests"_s,
                                       u"entry"_s,
                                       u"entries"_s,
                                       u"method"_s,
                                       u"url"_s,
                                       u"page"_s,
                                       u"pageOrigin"_s,
                                       u"pageOriginSource"_s,
                                       u"pageOriginEvidence"_s,
                                       u"credentials"_s,
                                       u"credentialsSource"_s,
                                       u"state"_s,
                                       u"status"_s,
                                       u"headers"_s,
                                       u"droppedHeaders"_s,
                                       u"restoredHeaders"_s,
                                       u"name"_s,
                                       u"reason"_s,
                                       u"recorded"_s,
                                       u"replay"_s,
                                       u"rules"_s,
                                       u"finding"_s,
                                       u"summary"_s,
                                       u"verdict"_s,
                                       u"missing"_s,
                                       u"preflight"_s,
                                       u"actual"_s,
                                       u"redirects"_s,
                                       u"request"_s,
                                       u"response"_s,
                                       u"body"_s,
                                       u"exposedHeaders"_s,
                                       u"error"_s,
                                       u"code"_s,
                                       u"message"_s,
                                       u"trace"_s,
                                       u"step"_s,
                                       u"ok"_s,
                                       u"detail"_s,
                                       u"notes"_s,
                                       u"skipped"_s };
    return order;
}

QString headerList(const HttpHeaders &headers)
{
    QStringList fields;
    for (const auto &[name, value] : headers)
        fields.append(QString::fromLatin1(name) + u": " + QString::fromUtf8(value));
    return fields.isEmpty() ? u"none"_s : fields.join(u", ");
}

QString errorLines(const std::optional<BrowserError> &error, const QString &indent)
{
    if (!error)
        return {};
    return u" — "_s + error->code + u'\n' + indent + error->message;
}

QString text(const HarReport &report, const HarLog &log, const QString &harFile, const QString &tenantSource)
{
    QString out;
    out += u"%1: %2 entries saved by %3, replayed as %4 (%5).\n"_s.arg(
        harFile, QString::number(report.entryCount),
        report.creator.isEmpty() ? u"an unnamed tool"_s : report.creator, report.browser.displayName(),
        report.browserEvidence);
    out += u"Rules: tenant %1 of %2.\n"_s.arg(report.tenant, tenantSource);
    QStringList skipped;
    for (auto reason :
         { HarFetchFinder::SkipReason::SameOrigin, HarFetchFinder::SkipReason::NotCors,
           HarFetchFinder::SkipReason::NotHttp, HarFetchFinder::SkipReason::UnknownPageOrigin }) {
        if (const qsizetype count = report.skippedCount(reason))
            skipped.append(u"%1 %2"_s.arg(count).arg(HarFetchFinder::skipReasonDescription(reason)));
    }
    out +=
        u"%1 cross-origin request(s), %2 blocked with the recorded responses."_s.arg(report.requests.size())
            .arg(report.blockedCount());
    if (!skipped.isEmpty())
        out += u" Not listed: "_s + skipped.join(u"; ") + u'.';
    out += u'\n';
    for (const QString &note : report.notes)
        out += u"Note: "_s + note + u'\n';

    const QString indent(16, u' ');
    const auto line = [&](const QString &label, const QString &value) {
        out += u"   "_s + label.leftJustified(13, u' ') + value + u'\n';
    };
    for (qsizetype i = 0; i < report.requests.size(); ++i) {
        const HarRequestResult &r = report.requests[i];
        out += u"\n#%1 %2 %3\n"_s.arg(i + 1).arg(QString::fromLatin1(r.method()),
                                                 r.url().toString(QUrl::FullyEncoded));
        line(u"from"_s,
             u"%1 (%2)"_s.arg(r.pageOrigin().serialize(),
                              PageOrigin::sourceDescription(r.fetch.pageOrigin.source)));
        QStringList entries;
        for (const HarFetch::Hop &hop : r.fetch.hops) {
            QString hopText = hop.entry >= 0 ? log.entries[hop.entry].path() : u"(request not recorded)"_s;
            if (hop.preflight >= 0)
                hopText += u", preflight "_s + log.entries[hop.preflight].path();
            entries.append(hopText);
        }
        line(u"entries"_s, entries.join(u" → "));
        line(u"headers"_s, headerList(r.fetch.spec.headers));
        line(u"credentials"_s,
             credentialsModeName(r.fetch.spec.credentials)
                 + (r.fetch.cookies
                        ? u" (the request carried cookies)"_s
                        : (r.credentialsInferred ? u" (inferred)"_s : u" (fetch()'s default)"_s)));
        line(u"recorded"_s, r.fetch.recorded.describe());
        const QString replay = HarRequestResult::replayName(r.replayVerdict());
        if (r.replayVerdict() == HarRequestResult::Replay::Unknown)
            line(report.browser.displayName(), replay + u" — "_s + r.missing);
        else if (r.replayVerdict() == HarRequestResult::Replay::Allowed)
            line(report.browser.displayName(), replay + u", status %1"_s.arg(r.replay.status));
        else
            line(report.browser.displayName(), replay + errorLines(r.error(), indent));
        if (r.rules) {
            const QString verdict = verdictName(r.rules->verdict);
            line(u"rules"_s,
                 r.rules->verdict == Verdict::Blocked ? verdict + errorLines(r.rules->error, indent)
                                                      : verdict + u", status %1"_s.arg(r.rules->status));
        }
        out += u"   => "_s + r.summary() + u'\n';
        for (const QString &note : r.notes)
            out += u"   Note: "_s + note + u'\n';
    }
    return out;
}

} // namespace

// corsctl har (--bundle B | --workspace W) [--tenant T] FILE.har [--format text|json] [--browser B]
int runHar(const QStringList &arguments)
{
    CliContext context(
        u"har"_s,
        u"What a customer's browser did, from the HAR file its DevTools saved (Chromium: Network panel > "
        "\"Export HAR\" or \"Save all as HAR\", sanitized or not; Firefox: Network panel > \"Save All As "
        "HAR\").\n\n"
        "Lists every cross-origin request in the file, replays each through the browser model against the "
        "responses the HAR recorded — which failed, with the browser's own error code and exact console "
        "message — and again against the tenant's current rules: would they have let it through? A "
        "preflight is paired with its request, redirects are followed, and where the HAR lacks a response "
        "(status 0: blocked before it was sent, or a network error) it says so and the rules alone "
        "predict.\n\n"
        "The page's origin comes from the request's Origin header, its preflight's, the Referer or the "
        "page's URL, in that order; the browser from the HAR's creator (Chromium's DevTools write "
        "\"WebInspector\", Firefox \"Firefox\"), unless --browser says.\n\n"
        "Limits: HAR files of up to 128 MiB and 50,000 entries; a file with any problem is refused "
        "whole, each problem named by its JSON path.\n\n"
        "Exit status: 0 when the file was checked (blocked requests are a result), 1 on bad input (the "
        "message names the file and the JSON path), 2 on usage errors."_s);
    QCommandLineParser &parser = context.parser();
    context.addTenantSourceOptions();
    parser.addOption({ u"tenant"_s,
                       u"The tenant whose rules to check against (may be left out when there is only one)."_s,
                       u"T"_s });
    parser.addOption(
        { u"format"_s, u"text (default), for people, or json, for scripts."_s, u"FORMAT"_s, u"text"_s });
    parser.addOption(
        { u"browser"_s,
          u"Replay as chromium or firefox. Default: the browser that saved the HAR, else chromium."_s,
          u"NAME"_s });
    parser.addPositionalArgument(u"FILE.har"_s, u"The HAR file."_s);
    if (const auto exit = context.parse(arguments, {}))
        return *exit;
    if (const auto exit = context.requireTenantSource())
        return *exit;
    if (const auto exit = context.requirePositional(1, u"one HAR file"_s))
        return *exit;
    const QString format = parser.value(u"format"_s);
    if (format != u"text" && format != u"json")
        return context.usageError(u"--format must be text or json, not \"%1\""_s.arg(format));
    std::optional<BrowserProfile> forcedBrowser;
    if (parser.isSet(u"browser"_s)) {
        forcedBrowser = BrowserProfile::fromName(parser.value(u"browser"_s));
        if (!forcedBrowser) {
            return context.usageError(u"--browser must be one of %1, not \"%2\""_s.arg(
                BrowserProfile::names().join(u", "), parser.value(u"browser"_s)));
        }
    }

    const auto tenants = context.loadTenants();
    if (!tenants)
        return BadInput;
    int tenantIndex = -1;
    if (parser.isSet(u"tenant"_s)) {
        const TenantSelection selection = TenantSelection::byName(*tenants, parser.value(u"tenant"_s));
        if (!selection.isValid())
            return context.badInput(context.tenantSource() + u": " + selection.detail);
        tenantIndex = selection.index;
    } else if (tenants->size() == 1) {
        tenantIndex = 0;
    } else {
        QStringList names;
        for (const Tenant &tenant : *tenants)
            names.append(tenant.name);
        return context.usageError(
            u"--tenant is required: %1 has %2 tenants (%3)"_s.arg(context.tenantSource())
                .arg(tenants->size())
                .arg(names.isEmpty() ? u"none"_s : names.join(u", ")));
    }

    const QString harFile = parser.positionalArguments().constFirst();
    JsonProblems problems;
    const auto log = HarReader::readFile(harFile, &problems);
    if (!log) {
        context.reportProblems(harFile, problems);
        return BadInput;
    }

    QString browserEvidence = u"--browser"_s;
    const BrowserProfile browser =
        forcedBrowser ? *forcedBrowser : HarReplay::detectBrowser(*log, &browserEvidence);
    const HarReport report = HarReplay::run(*log, browser, browserEvidence, tenants->at(tenantIndex));

    if (format == u"json") {
        QJsonObject object = report.toJson();
        object.insert(u"file"_s, QFileInfo(harFile).filePath());
        const QByteArray json = JsonText::serialize(object, keyOrder());
        std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
        return Success;
    }
    CliContext::printText(text(report, *log, harFile, context.tenantSource()));
    return Success;
}

} // namespace cors::cli
