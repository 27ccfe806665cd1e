#include "apacheexporter.h"

#include "configexporter.h"
#include "exportplan.h"
#include "nginxexporter.h"
#include "originregex.h"

using namespace Qt::StringLiterals;

namespace cors {

namespace {

const QString kTokenClass = u"[!#$%&\\x27*+.^_`|~0-9a-z-]"_s; // under [NC], any case
const QString kMethodClass = u"[!#$%&\\x27*+.^_`|~0-9A-Za-z-]"_s; // methods are case-sensitive
const QString kOws = u"[\\x20\\t]"_s;

// mod_rewrite's argument parser ends an argument at white space or a quote and knows no escape
// for a quote, so patterns are written without either: PCRE's \x20, \x22 and \x27 instead.
QString rewritePattern(const QString &regex)
{
    QString out = regex;
    out.replace(u' ', u"\\x20"_s);
    out.replace(u'"', u"\\x22"_s);
    out.replace(u'\'', u"\\x27"_s);
    return out;
}

// A literal header value for mod_headers: quoted, with '%' (its format escape) doubled.
QString headerValue(const QString &value)
{
    QString escaped = value;
    escaped.replace(u'%', u"%%"_s);
    return NginxExporter::quoted(escaped);
}

QString ruleSet(const QList<int> &rules)
{
    QStringList items;
    for (const int i : rules)
        items.append(u"'%1'"_s.arg(i));
    return u'{' + items.join(u", ") + u'}';
}

} // namespace

ExportResult ApacheExporter::exportTenant(const Tenant &tenant, const ExportOptions &options)
{
    ExportResult result;
    ExportPlan plan(tenant, [](const Rule &rule, int) -> QString {
        if (rule.pattern().kind() == OriginPattern::Kind::Regex) {
            const QString pattern = rule.pattern().regexPattern();
            if (pattern.contains(u' ') || pattern.contains(u'"') || pattern.contains(u'\''))
                return u"the pattern contains a space or a quote, which mod_rewrite's argument parser cannot "
                       "carry; write \\x20, \\x22 or \\x27 instead"_s;
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
        u"Access-Control-Allow-Headers: of a name repeated more than %1 times in "
        "Access-Control-Request-Headers the later repeats stay, where the engine drops every repeat "
        "(browsers never repeat a name)"_s.arg(kMaxRepeatedHeaders));
    plan.addIssue(
        ExportIssue::Kind::Differs, -1,
        u"requests no browser sends: an empty Origin or Access-Control-Request-Method header counts as absent"_s);
    plan.addIssue(ExportIssue::Kind::Differs, -1,
                  u"a rejected preflight's body is Apache's 403 error document \"CORS preflight rejected\" "
                  "as text/html, without the engine's reason"_s);
    plan.addIssue(
        ExportIssue::Kind::Differs, -1,
        u"httpd rewrites a Vary header that names several fields as one list without spaces (fix_vary in its "
        "HTTP header filter), so preflights carry Vary: "
        "Origin,Access-Control-Request-Method,Access-Control-Request-Headers where the engine writes \", \" "
        "between the names; caches and browsers read both alike"_s);
    plan.addIssue(
        ExportIssue::Kind::Differs, -1,
        u"the backend's answer: its Access-Control-Allow-*, -Expose-Headers and -Max-Age headers are removed "
        "from every answer (the engine keeps them on requests without an Origin header, and removes any "
        "other Access-Control-* header too), and its own Vary header stays a separate line, where the engine "
        "appends Origin to it"_s);
    result.issues = plan.issues();

    const Tenant &effective = plan.effectiveTenant();
    const QList<int> rules = plan.exportedRules();
    const bool vary = plan.variesByOrigin();

    QString t;
    const auto line = [&](const QString &text = QString()) {
        t += text + u'\n';
    };
    const auto cond = [&](const QString &test, const QString &pattern, const QString &flags = QString()) {
        line(u"    RewriteCond %1 %2%3"_s.arg(test, rewritePattern(pattern),
                                              flags.isEmpty() ? QString() : u' ' + flags));
    };
    const auto setEnv = [&](const QString &assignments) {
        line(u"    RewriteRule ^ - [%1]"_s.arg(assignments));
    };

    const QString usage =
        u"Include this file from apache2.conf (Debian: put it in /etc/apache2/sites-available/ and a2ensite "
        u"it)\n"
        "with mod_rewrite, mod_headers, mod_proxy and mod_proxy_http enabled\n"
        "(a2enmod rewrite headers proxy proxy_http). The virtual host listens on %1 and proxies to %2\n"
        "(corsctl export --listen/--backend); drop the Listen line if ports.conf already has it."_s.arg(
            options.listen, options.backend);
    for (const QString &text : ConfigExporter::headerLines(result, tenant, usage))
        line(text.isEmpty() ? u"#"_s : u"# "_s + text);
    line();
    line(u"Listen %1"_s.arg(options.listen));
    line(
        u"<VirtualHost %1>"_s.arg(options.listen.contains(u':') ? options.listen : u"*:"_s + options.listen));
    line(u"    ServerName %1"_s.arg(options.serverName));
    line(u"    RewriteEngine On"_s);
    line();
    line(u"    # The Origin header when it is a canonical serialized origin, as browsers send it."_s);
    cond(u"%{HTTP:Origin}"_s, OriginRegex::canonicalOrigin());
    setEnv(u"E=CORS_ORIGIN:%{HTTP:Origin}"_s);
    line(u"    # A request from the API's own origin is same-origin: CORS does not govern it."_s);
    cond(u"%{ENV:CORS_ORIGIN}|%{REQUEST_SCHEME}://%{HTTP_HOST}"_s, u"^(http://[^|]+)\\|\\1(?::80)?$"_s,
         u"[NC,OR]"_s);
    cond(u"%{ENV:CORS_ORIGIN}|%{REQUEST_SCHEME}://%{HTTP_HOST}"_s, u"^(https://[^|]+)\\|\\1(?::443)?$"_s,
         u"[NC]"_s);
    setEnv(u"E=CORS_SAME_ORIGIN:1"_s);
    line();
    line(
        u"    # The rule whose settings answer: the first match, in CORS Studio's precedence (exact hosts,"_s);
    line(
        u"    # wildcard domains from the most specific, regexes, applications' JavaScript origins, \"*\")."_s);
    for (const ExportPlan::Entry &entry : plan.entries()) {
        const QString note = entry.application >= 0
            ? u"application \"%1\" -> rule %2"_s.arg(effective.applications[entry.application].name)
                  .arg(entry.rule)
            : u"rule %1: %2"_s.arg(entry.rule).arg(effective.rules[entry.rule].domain);
        line(u"    # "_s + note);
        cond(u"%{ENV:CORS_RULE}"_s, u"^$"_s);
        cond(u"%{ENV:CORS_ORIGIN}"_s, entry.regex, u"[NC]"_s);
        setEnv(u"E=CORS_RULE:%1"_s.arg(entry.rule));
    }
    line();
    line(
        u"    # Fetch §3.2.2: a CORS request has an Origin; a preflight is OPTIONS with Access-Control-Request-Method."_s);
    cond(u"%{HTTP:Origin}"_s, u"."_s);
    cond(u"%{ENV:CORS_SAME_ORIGIN}"_s, u"^$"_s);
    setEnv(u"E=CORS_KIND:actual"_s);
    cond(u"%{ENV:CORS_KIND}"_s, u"^actual$"_s);
    cond(u"%{REQUEST_METHOD}"_s, u"^OPTIONS$"_s);
    cond(u"%{HTTP:Access-Control-Request-Method}"_s, u"."_s);
    setEnv(u"E=CORS_KIND:preflight"_s);
    line();
    line(
        u"    # Preflights: the requested method when the rule allows it (its list, \"*\", or GET/HEAD/POST), and"_s);
    line(
        u"    # whether it allows every requested header (its list, \"*\", Accept, Accept-Language, Content-Language)."_s);
    for (const int i : rules) {
        const Rule &rule = effective.rules[i];
        cond(u"%{ENV:CORS_KIND}"_s, u"^preflight$"_s);
        cond(u"%{ENV:CORS_RULE}:%{HTTP:Access-Control-Request-Method}"_s,
             u"^%1:%2*(%3)%2*$"_s.arg(i).arg(kOws, ExportPlan::methodAlternatives(rule, kMethodClass)));
        setEnv(u"E=CORS_METHOD:%1"_s);
        cond(u"%{ENV:CORS_KIND}"_s, u"^preflight$"_s);
        cond(u"%{ENV:CORS_RULE}:%{HTTP:Access-Control-Request-Headers}"_s,
             u"^%1:[\\x20\\t,]*(?:%2%3*(?:,[\\x20\\t,]*|$))*$"_s.arg(i).arg(
                 ExportPlan::headerAlternatives(rule, kTokenClass), kOws),
             u"[NC]"_s);
        setEnv(u"E=CORS_HEADERS_OK:1"_s);
    }
    line(u"    # Preflights are answered here and never reach the backend (Fetch §4.8)."_s);
    cond(u"%{ENV:CORS_KIND}"_s, u"^preflight$"_s);
    cond(u"%{ENV:CORS_METHOD}"_s, u"."_s);
    cond(u"%{ENV:CORS_HEADERS_OK}"_s, u"^1$"_s);
    setEnv(u"E=CORS_PREFLIGHT:accept,R=204,L"_s);
    cond(u"%{ENV:CORS_KIND}"_s, u"^preflight$"_s);
    setEnv(u"E=CORS_PREFLIGHT:reject,F"_s);
    line(
        u"    # Actual requests: the rule, when it allows the method (its list, \"*\", or GET/HEAD/POST)."_s);
    for (const int i : rules) {
        cond(u"%{ENV:CORS_KIND}"_s, u"^actual$"_s);
        cond(u"%{ENV:CORS_RULE}:%{REQUEST_METHOD}"_s,
             u"^%1:%2$"_s.arg(i).arg(ExportPlan::methodAlternatives(effective.rules[i], kMethodClass)));
        setEnv(u"E=CORS_ACTUAL:1"_s);
    }
    line(u"    ErrorDocument 403 \"CORS preflight rejected\""_s);
    line();

    // mod_headers: `always` puts the fields on error answers (204 / 403 above, the backend's
    // 4xx/5xx) too; directives run in this order, which is the order of the fields.
    const QString accepted = u"%{reqenv:CORS_PREFLIGHT} == 'accept'"_s;
    const QString actual = u"%{reqenv:CORS_ACTUAL} == '1'"_s;
    const auto header = [&](const QString &name, const QString &value, const QString &condition) {
        line(u"    Header always set %1 %2 %3"_s.arg(name, value,
                                                     NginxExporter::quoted(u"expr="_s + condition)));
    };
    const auto withRules = [&](const QString &condition, const QList<int> &subset) {
        return u"%1 && %{reqenv:%2} in %3"_s.arg(
            condition, condition == accepted ? u"CORS_RULE"_s : u"CORS_RULE"_s, ruleSet(subset));
    };
    QList<int> credentialRules;
    QMap<int, QList<int>> maxAgeRules;
    QMap<QString, QList<int>> exposeRules;
    for (const int i : rules) {
        const Rule &rule = effective.rules[i];
        if (rule.allowCredentials)
            credentialRules.append(i);
        if (rule.cachePreflight)
            maxAgeRules[rule.maxAge].append(i);
        if (!rule.exposeHeaders.isEmpty())
            exposeRules[ExportPlan::joinedList(rule.exposeHeaders)].append(i);
    }
    line(u"    # Accepted preflights."_s);
    header(u"Access-Control-Allow-Origin"_s, u"%{CORS_ORIGIN}e"_s, accepted);
    if (!credentialRules.isEmpty())
        header(u"Access-Control-Allow-Credentials"_s, u"true"_s, withRules(accepted, credentialRules));
    header(u"Access-Control-Allow-Methods"_s, u"%{CORS_METHOD}e"_s, accepted);
    // The requested names lower-cased, joined by "," (the browsers' own form, as the engine
    // echoes it), repeats dropped (TokenList::lowerCasedUnique).
    header(u"Access-Control-Allow-Headers"_s, u"\"expr=%{tolower:%{req:Access-Control-Request-Headers}}\""_s,
           accepted + u" && %{req:Access-Control-Request-Headers} =~ /[^ \\t,]/"_s);
    line(u"    Header always edit* Access-Control-Allow-Headers \"[ \\\\t]*,[ \\\\t,]*\" \",\""_s);
    line(u"    Header always edit Access-Control-Allow-Headers \"^[ \\\\t,]+\" \"\""_s);
    line(u"    Header always edit Access-Control-Allow-Headers \"[ \\\\t,]+$\" \"\""_s);
    for (int k = 0; k < kMaxRepeatedHeaders; ++k)
        line(
            u"    Header always edit Access-Control-Allow-Headers \"^((?:.*,)?([^,]+)(?:,.*)?),\\\\2(?=,|$)\" \"$1\""_s);
    for (auto it = maxAgeRules.cbegin(); it != maxAgeRules.cend(); ++it)
        header(u"Access-Control-Max-Age"_s, QString::number(it.key()), withRules(accepted, it.value()));
    if (vary) {
        header(u"Vary"_s, u"\"Origin, Access-Control-Request-Method, Access-Control-Request-Headers\""_s,
               u"%{reqenv:CORS_KIND} == 'preflight'"_s);
    }
    line(u"    # Actual requests."_s);
    header(u"Access-Control-Allow-Origin"_s, u"%{CORS_ORIGIN}e"_s, actual);
    if (!credentialRules.isEmpty())
        header(u"Access-Control-Allow-Credentials"_s, u"true"_s, withRules(actual, credentialRules));
    for (auto it = exposeRules.cbegin(); it != exposeRules.cend(); ++it)
        header(u"Access-Control-Expose-Headers"_s, headerValue(it.key()), withRules(actual, it.value()));
    if (vary)
        header(u"Vary"_s, u"Origin"_s, u"%{reqenv:CORS_KIND} != 'preflight'"_s);
    line();
    line(u"    # gateway-wins: the backend's own CORS headers never reach the browser."_s);
    for (const QString &name : ExportPlan::corsResponseHeaders())
        line(u"    Header unset %1"_s.arg(name));
    line(u"    ProxyPass / %1/"_s.arg(options.backend));
    line(u"    ProxyPassReverse / %1/"_s.arg(options.backend));
    line(u"</VirtualHost>"_s);
    result.text = t.toUtf8();
    return result;
}

} // namespace cors
