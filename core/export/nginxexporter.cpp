#include "nginxexporter.h"

#include "configexporter.h"
#include "exportplan.h"
#include "originregex.h"

using namespace Qt::StringLiterals;

namespace cors {

namespace {

const QString kTokenClass = u"[!#$%&'*+.^_`|~0-9a-z-]"_s; // under ~*, any case
const QString kMethodClass = u"[!#$%&'*+.^_`|~0-9A-Za-z-]"_s; // methods are case-sensitive
const QString kPreflightVary = u"Origin, Access-Control-Request-Method, Access-Control-Request-Headers"_s;

class Writer
{
public:
    void line(const QString &text = QString()) { m_text += text + u'\n'; }
    void comment(const QString &text) { line(text.isEmpty() ? u"#"_s : u"# "_s + text); }
    void entry(const QString &key, const QString &value, const QString &note = QString())
    {
        line(u"    %1 %2;%3"_s.arg(key, value, note.isEmpty() ? QString() : u"  # "_s + note));
    }
    QByteArray bytes() const { return m_text.toUtf8(); }

private:
    QString m_text;
};

} // namespace

bool NginxExporter::isNginxMethod(QStringView method)
{
    // ngx_http_parse_request_line(): a method is upper-case letters, '_' and '-'.
    if (method.isEmpty())
        return false;
    for (const QChar c : method) {
        if (!((c >= u'A' && c <= u'Z') || c == u'_' || c == u'-'))
            return false;
    }
    return true;
}

QString NginxExporter::quoted(const QString &text)
{
    QString result = u"\""_s;
    for (const QChar c : text) {
        if (c == u'\\' || c == u'"')
            result += u'\\';
        result += c;
    }
    return result + u'"';
}

ExportResult NginxExporter::exportTenant(const Tenant &tenant, const ExportOptions &options)
{
    ExportResult result;
    ExportPlan plan(tenant, [](const Rule &rule, int) -> QString {
        if (rule.pattern().kind() == OriginPattern::Kind::Regex) {
            if (const QString problem = OriginRegex::nginxProblem(rule.pattern().regexPattern());
                !problem.isEmpty())
                return problem;
        }
        for (const QString &name : rule.exposeHeaders) {
            if (name.contains(u'$'))
                return u"the exposed header \"%1\" contains '$', which nginx reads as a variable"_s.arg(name);
        }
        return {};
    });
    if (!plan.isExportable()) {
        result.issues = plan.issues();
        return result;
    }
    ConfigExporter::addOriginDifferences(plan);
    plan.addIssue(
        ExportIssue::Kind::Differs, -1,
        u"Access-Control-Allow-Headers repeats the requested names as sent, joined by \",\": nginx cannot "
        "change their case or drop a repeated name, where the engine lower-cases them and drops repeats. A "
        "browser sends them lower-case without repeats and gets the engine's exact header; a list of more "
        "than %1 names is repeated verbatim"_s.arg(kMaxRequestHeaders));
    plan.addIssue(ExportIssue::Kind::Differs, -1,
                  u"requests no browser sends: an empty Origin or Access-Control-Request-Method header "
                  "counts as absent, and of repeated Origin, Access-Control-Request-Method or "
                  "Access-Control-Request-Headers lines nginx reads the first, where the engine refuses "
                  "repeated Origin and Access-Control-Request-Method lines and joins repeated "
                  "Access-Control-Request-Headers lines"_s);
    plan.addIssue(ExportIssue::Kind::Differs, -1,
                  u"nginx itself answers 400 Bad Request, without CORS headers, to a request whose method "
                  "has characters other than A-Z, '_' and '-' (such as X-Custom or patch), where the engine "
                  "answers it; a preflight that asks for such a method is answered like the engine"_s);
    for (const int i : plan.exportedRules()) {
        for (const QString &method : tenant.rules[i].methods) {
            if (!isNginxMethod(method.trimmed()) && method.trimmed() != u"*") {
                plan.addIssue(
                    ExportIssue::Kind::Differs, i,
                    u"the method %1 is allowed in preflights, but nginx answers the actual %1 request with 400"_s
                        .arg(method.trimmed()));
            }
        }
    }
    plan.addIssue(
        ExportIssue::Kind::Differs, -1,
        u"a rejected preflight's plain-text body is \"CORS preflight rejected\" without the engine's reason"_s);
    plan.addIssue(
        ExportIssue::Kind::Differs, -1,
        u"the backend's answer: its Access-Control-Allow-*, -Expose-Headers and -Max-Age headers are removed "
        "from every answer (the engine keeps them on requests without an Origin header, and removes any "
        "other Access-Control-* header too), and its own Vary header stays a separate line before nginx's "
        "Vary line, where the engine appends Origin to it"_s);
    result.issues = plan.issues();

    const Tenant &effective = plan.effectiveTenant();
    const QList<int> rules = plan.exportedRules();
    const bool vary = plan.variesByOrigin();

    Writer w;
    const QString usage =
        u"Put this file in nginx's http {} block (Debian: /etc/nginx/conf.d/) and reload nginx.\n"
        "The server {} at the end listens on %1 and proxies to %2 (corsctl export --listen/--backend)."_s.arg(
            options.listen, options.backend);
    for (const QString &text : ConfigExporter::headerLines(result, tenant, usage))
        w.comment(text);
    w.line();

    w.comment(
        u"The Origin header when it is a canonical serialized origin, as browsers send it; empty otherwise."_s);
    w.line(u"map $http_origin $cors_origin {"_s);
    w.entry(u"default"_s, u"\"\""_s);
    w.entry(quoted(u'~' + OriginRegex::canonicalOrigin()), u"$http_origin"_s);
    w.line(u"}"_s);
    w.line();

    w.comment(u"A request from the API's own origin is same-origin: CORS does not govern it."_s);
    w.line(u"map \"$cors_origin|$scheme://$http_host\" $cors_same_origin {"_s);
    w.entry(u"default"_s, u"0"_s);
    w.entry(quoted(u"~*^(http://[^|]+)\\|\\1(?::80)?$"_s), u"1"_s);
    w.entry(quoted(u"~*^(https://[^|]+)\\|\\1(?::443)?$"_s), u"1"_s);
    w.line(u"}"_s);
    w.line();

    w.comment(
        u"The rule whose settings answer: the first match, in CORS Studio's precedence (exact hosts, wildcard"_s);
    w.comment(u"domains from the most specific, regexes, applications' JavaScript origins, \"*\")."_s);
    w.line(u"map $cors_origin $cors_rule {"_s);
    w.entry(u"default"_s, u"\"\""_s);
    for (const ExportPlan::Entry &entry : plan.entries()) {
        const QString note = entry.application >= 0
            ? u"application \"%1\" -> rule %2"_s.arg(effective.applications[entry.application].name)
                  .arg(entry.rule)
            : u"rule %1: %2"_s.arg(entry.rule).arg(effective.rules[entry.rule].domain);
        w.entry(quoted(u"~*"_s + entry.regex), QString::number(entry.rule), note);
    }
    w.line(u"}"_s);
    w.line();

    w.comment(
        u"Fetch §3.2.2: a CORS request has an Origin; a preflight is OPTIONS with Access-Control-Request-Method."_s);
    w.line(u"map \"$cors_same_origin|$http_origin\" $cors_is_cors {"_s);
    w.entry(u"default"_s, u"1"_s);
    w.entry(quoted(u"~^0\\|$"_s), u"0"_s);
    w.entry(quoted(u"~^1\\|"_s), u"0"_s);
    w.line(u"}"_s);
    w.line(u"map \"$cors_is_cors:$request_method:$http_access_control_request_method\" $cors_kind {"_s);
    w.entry(u"default"_s, u"\"\""_s);
    w.entry(quoted(u"~^1:OPTIONS:."_s), u"preflight"_s);
    w.entry(quoted(u"~^1:"_s), u"actual"_s);
    w.line(u"}"_s);
    w.line();

    w.comment(
        u"The requested method when the rule allows it (its list, \"*\", or GET/HEAD/POST); empty otherwise."_s);
    w.line(u"map \"$cors_rule:$http_access_control_request_method\" $cors_preflight_method {"_s);
    w.entry(u"default"_s, u"\"\""_s);
    for (const int i : rules)
        w.entry(quoted(u"~^%1:[ \\t]*(%2)[ \\t]*$"_s.arg(i).arg(
                    ExportPlan::methodAlternatives(effective.rules[i], kMethodClass))),
                u"$1"_s);
    w.line(u"}"_s);
    w.comment(
        u"1 when every requested header is allowed (the rule's list, \"*\", or Accept, Accept-Language,"_s);
    w.comment(
        u"Content-Language), compared case-insensitively; empty items are skipped (RFC 9110 §5.6.1)."_s);
    w.line(u"map \"$cors_rule:$http_access_control_request_headers\" $cors_preflight_headers_ok {"_s);
    w.entry(u"default"_s, u"0"_s);
    for (const int i : rules) {
        w.entry(quoted(u"~*^%1:[ \\t,]*(?:%2[ \\t]*(?:,[ \\t,]*|$))*$"_s.arg(i).arg(
                    ExportPlan::headerAlternatives(effective.rules[i], kTokenClass))),
                u"1"_s);
    }
    w.line(u"}"_s);
    w.line(
        u"map \"$cors_kind:$cors_rule:$cors_preflight_method:$cors_preflight_headers_ok\" $cors_preflight {"_s);
    w.entry(u"default"_s, u"\"\""_s);
    w.entry(quoted(u"~^preflight:[0-9]+:[^:]+:1$"_s), u"accept"_s);
    w.entry(quoted(u"~^preflight:"_s), u"reject"_s);
    w.line(u"}"_s);
    w.line();

    w.comment(u"The requested header names, joined by \",\" as the engine writes them."_s);
    w.line(u"map $http_access_control_request_headers $cors_request_headers {"_s);
    w.entry(u"default"_s, u"$http_access_control_request_headers"_s);
    w.entry(quoted(u"~^[ \\t,]*$"_s), u"\"\""_s);
    for (int n = 1; n <= kMaxRequestHeaders; ++n) {
        QString regex = u"~^[ \\t,]*"_s;
        QStringList values;
        for (int k = 1; k <= n; ++k) {
            if (k > 1)
                regex += u"[ \\t]*,[ \\t,]*"_s;
            regex += u"(?<cors_h%1>[^, \\t]+)"_s.arg(k);
            values.append(u"${cors_h%1}"_s.arg(k));
        }
        regex += u"[ \\t,]*$"_s;
        w.entry(quoted(regex), quoted(values.join(u',')));
    }
    w.line(u"}"_s);
    w.line();

    w.comment(
        u"Actual requests: the rule, when it allows the request's method (its list, \"*\", or GET/HEAD/POST)."_s);
    w.line(u"map \"$cors_rule:$request_method\" $cors_actual_method_ok {"_s);
    w.entry(u"default"_s, u"0"_s);
    for (const int i : rules)
        w.entry(quoted(u"~^%1:%2$"_s.arg(i).arg(
                    ExportPlan::methodAlternatives(effective.rules[i], kMethodClass))),
                u"1"_s);
    w.line(u"}"_s);
    w.line(u"map \"$cors_kind:$cors_rule:$cors_actual_method_ok\" $cors_actual_rule {"_s);
    w.entry(u"default"_s, u"\"\""_s);
    w.entry(quoted(u"~^actual:([0-9]+):1$"_s), u"$1"_s);
    w.line(u"}"_s);
    w.line(u"map $cors_actual_rule $cors_actual_origin {"_s);
    w.entry(u"default"_s, u"$cors_origin"_s);
    w.entry(u"\"\""_s, u"\"\""_s);
    w.line(u"}"_s);
    w.line();

    w.comment(u"Per-rule settings."_s);
    const auto perRule = [&](const QString &source, const QString &variable, auto valueOf) {
        w.line(u"map %1 %2 {"_s.arg(source, variable));
        w.entry(u"default"_s, u"\"\""_s);
        for (const int i : rules) {
            const QString value = valueOf(effective.rules[i]);
            if (!value.isEmpty())
                w.entry(QString::number(i), quoted(value));
        }
        w.line(u"}"_s);
    };
    const auto credentials = [](const Rule &rule) {
        return rule.allowCredentials ? u"true"_s : QString();
    };
    const auto maxAge = [](const Rule &rule) {
        return rule.cachePreflight ? QString::number(rule.maxAge) : QString();
    };
    const auto expose = [](const Rule &rule) {
        return ExportPlan::joinedList(rule.exposeHeaders);
    };
    perRule(u"$cors_rule"_s, u"$cors_rule_credentials"_s, credentials);
    perRule(u"$cors_rule"_s, u"$cors_rule_max_age"_s, maxAge);
    perRule(u"$cors_actual_rule"_s, u"$cors_actual_credentials"_s, credentials);
    perRule(u"$cors_actual_rule"_s, u"$cors_actual_expose_headers"_s, expose);
    w.line();

    w.line(u"server {"_s);
    w.line(u"    listen %1;"_s.arg(options.listen));
    w.line(u"    server_name %1;"_s.arg(options.serverName));
    w.line();
    w.line(u"    location / {"_s);
    w.line(
        u"        # The type of nginx's own 403 answer; proxied answers keep the backend's Content-Type."_s);
    w.line(u"        default_type \"text/plain; charset=utf-8\";"_s);
    w.line();
    w.line(u"        # Preflights are answered here and never reach the backend (Fetch §4.8)."_s);
    w.line(u"        if ($cors_preflight = accept) {"_s);
    w.line(u"            add_header Access-Control-Allow-Origin $cors_origin always;"_s);
    w.line(u"            add_header Access-Control-Allow-Credentials $cors_rule_credentials always;"_s);
    w.line(u"            add_header Access-Control-Allow-Methods $cors_preflight_method always;"_s);
    w.line(u"            add_header Access-Control-Allow-Headers $cors_request_headers always;"_s);
    w.line(u"            add_header Access-Control-Max-Age $cors_rule_max_age always;"_s);
    if (vary)
        w.line(u"            add_header Vary %1 always;"_s.arg(quoted(kPreflightVary)));
    w.line(u"            return 204;"_s);
    w.line(u"        }"_s);
    w.line(u"        if ($cors_preflight = reject) {"_s);
    if (vary)
        w.line(u"            add_header Vary %1 always;"_s.arg(quoted(kPreflightVary)));
    w.line(u"            return 403 \"CORS preflight rejected\\n\";"_s);
    w.line(u"        }"_s);
    w.line();
    w.line(
        u"        # Actual requests: the backend answers; `always` adds the headers to its 4xx/5xx answers too."_s);
    w.line(u"        add_header Access-Control-Allow-Origin $cors_actual_origin always;"_s);
    w.line(u"        add_header Access-Control-Allow-Credentials $cors_actual_credentials always;"_s);
    w.line(u"        add_header Access-Control-Expose-Headers $cors_actual_expose_headers always;"_s);
    if (vary)
        w.line(u"        add_header Vary Origin always;"_s);
    w.line(u"        # gateway-wins: the backend's own CORS headers never reach the browser."_s);
    for (const QString &name : ExportPlan::corsResponseHeaders())
        w.line(u"        proxy_hide_header %1;"_s.arg(name));
    w.line(u"        proxy_pass %1;"_s.arg(options.backend));
    w.line(u"    }"_s);
    w.line(u"}"_s);

    result.text = w.bytes();
    return result;
}

} // namespace cors
