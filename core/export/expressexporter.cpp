#include "expressexporter.h"

#include "configexporter.h"
#include "exportplan.h"
#include "originregex.h"
#include "tenantchecksum.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

QString js(const QString &text)
{
    const QByteArray json = QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

QString jsList(const QStringList &items)
{
    QStringList quoted;
    for (const QString &item : items)
        quoted.append(js(item));
    return u'[' + quoted.join(u", ") + u']';
}

// The module's logic: what CorsEngine::evaluate() does under the strict profile, with the cors
// package writing the Access-Control-* headers. Placeholders are filled in by exportTenant().
const char kModuleBody[] = R"JS(
// A serialized origin exactly as browsers send it (Origin::serialize()); anything else matches no rule.
const CANONICAL_ORIGIN = new RegExp(@CANONICAL@);

// Precedence: exact hosts, wildcard domains (most specific first), regexes, applications'
// JavaScript origins, "*" — the first match names the rule (ruleindex.h).
const ENTRIES = [
@ENTRIES@
];

const RULES = {
@RULES@
};

// Whether every answer carries Vary (any enabled rule or application).
const VARY = @VARY@;
const PREFLIGHT_VARY = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
// Fetch §2.2.1 CORS-safelisted methods; request headers every rule allows (corsengine.cpp).
const SAFELISTED_METHODS = ['GET', 'HEAD', 'POST'];
const DEFAULT_REQUEST_HEADERS = ['accept', 'accept-language', 'content-language'];
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function ruleFor(origin) {
  if (!CANONICAL_ORIGIN.test(origin)) return null;
  for (const [pattern, rule] of ENTRIES) {
    if (pattern.test(origin)) return RULES[rule];
  }
  return null;
}

// The API's own origin: a same-origin request, which CORS does not govern.
function isSameOrigin(req, origin) {
  const scheme = req.socket && req.socket.encrypted ? 'https' : 'http';
  let host = String(req.headers.host || '').toLowerCase();
  const defaultPort = scheme === 'https' ? ':443' : ':80';
  if (host.endsWith(defaultPort)) host = host.slice(0, -defaultPort.length);
  return origin !== 'null' && origin.toLowerCase() === scheme + '://' + host;
}

function methodAllowed(rule, method) {
  return rule.anyMethod || rule.methods.includes(method) || SAFELISTED_METHODS.includes(method);
}

// Access-Control-Request-Headers as the engine reads it (TokenList): split on ',', optional
// white space dropped, empty items skipped, lower-cased, repeats dropped.
function requestedHeaders(value) {
  const names = [];
  for (const item of String(value === undefined ? '' : value).split(',')) {
    const name = item.replace(/^[ \t]+|[ \t]+$/g, '');
    if (name === '') continue;
    if (!TOKEN.test(name)) return null;
    const lower = name.toLowerCase();
    if (!names.includes(lower)) names.push(lower);
  }
  return names;
}

function decide(req) {
  if (req.corsStudio) return req.corsStudio;
  const origin = req.headers.origin;
  let decision = { kind: 'not-cors', accepted: false };
  if (origin !== undefined && !(CANONICAL_ORIGIN.test(origin) && isSameOrigin(req, origin))) {
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    const rule = ruleFor(origin);
    if (preflight) {
      const method = String(req.headers['access-control-request-method']).trim();
      const headers = requestedHeaders(req.headers['access-control-request-headers']);
      const accepted = rule !== null && TOKEN.test(method) && headers !== null && methodAllowed(rule, method)
        && (rule.anyHeader || headers.every((name) => DEFAULT_REQUEST_HEADERS.includes(name) || rule.allowHeaders.includes(name)));
      decision = { kind: 'preflight', accepted, origin, rule, method, headers };
    } else {
      decision = { kind: 'actual', accepted: rule !== null && methodAllowed(rule, req.method), origin, rule };
    }
  }
  req.corsStudio = decision;
  return decision;
}

// The options delegate for cors(): per request, exactly the headers the engine sends.
function options(req, callback) {
  const d = decide(req);
  if (!d.accepted) {
    callback(null, { origin: false });
  } else if (d.kind === 'preflight') {
    callback(null, {
      origin: d.origin,
      credentials: d.rule.credentials,
      methods: d.method,
      allowedHeaders: d.headers.length ? d.headers.join(',') : [],
      maxAge: d.rule.maxAge,
      preflightContinue: true,
    });
  } else {
    callback(null, {
      origin: d.origin,
      credentials: d.rule.credentials,
      methods: [],
      allowedHeaders: [],
      exposedHeaders: d.rule.exposeHeaders,
      preflightContinue: true,
    });
  }
}

function moveVaryLast(res, value) {
  res.removeHeader('Vary');
  if (VARY) res.setHeader('Vary', value);
}

// Mount right after cors(options): answers preflights (the cors package cannot reject one with
// 403) and puts Vary last, where the engine puts it.
function finish(req, res, next) {
  const d = decide(req);
  if (d.kind !== 'preflight') {
    moveVaryLast(res, 'Origin');
    next();
    return;
  }
  moveVaryLast(res, PREFLIGHT_VARY);
  if (d.accepted) {
    res.statusCode = 204;
    res.end();
  } else {
    res.statusCode = 403;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('CORS preflight rejected\n');
  }
}

module.exports = { options, finish, tenant: @TENANT@, profile: @PROFILE@, checksum: @CHECKSUM@ };
)JS";

} // namespace

bool ExpressExporter::isNodeMethod(QStringView method)
{
    static const QStringList methods = {
        u"ACL"_s,        u"BIND"_s,       u"CHECKOUT"_s, u"CONNECT"_s,    u"COPY"_s,      u"DELETE"_s,
        u"GET"_s,        u"HEAD"_s,       u"LINK"_s,     u"LOCK"_s,       u"M-SEARCH"_s,  u"MERGE"_s,
        u"MKACTIVITY"_s, u"MKCALENDAR"_s, u"MKCOL"_s,    u"MOVE"_s,       u"NOTIFY"_s,    u"OPTIONS"_s,
        u"PATCH"_s,      u"POST"_s,       u"PROPFIND"_s, u"PROPPATCH"_s,  u"PURGE"_s,     u"PUT"_s,
        u"REBIND"_s,     u"REPORT"_s,     u"SEARCH"_s,   u"SOURCE"_s,     u"SUBSCRIBE"_s, u"TRACE"_s,
        u"UNBIND"_s,     u"UNLINK"_s,     u"UNLOCK"_s,   u"UNSUBSCRIBE"_s
    };
    return methods.contains(method.toString());
}

ExportResult ExpressExporter::exportTenant(const Tenant &tenant)
{
    ExportResult result;
    ExportPlan plan(tenant, [](const Rule &rule, int) -> QString {
        if (rule.pattern().kind() != OriginPattern::Kind::Regex)
            return {};
        QString why;
        if (!OriginRegex::toJavaScript(rule.pattern().regexPattern(), &why))
            return u"the regular expression cannot be carried over to JavaScript exactly: "_s + why;
        return {};
    });
    if (!plan.isExportable()) {
        result.issues = plan.issues();
        return result;
    }
    ConfigExporter::addOriginDifferences(plan);
    plan.addIssue(
        ExportIssue::Kind::Differs, -1,
        u"Node's HTTP parser answers 400 Bad Request, without CORS headers, to a request whose method is not "
        "one it knows (http.METHODS: GET, PUT, PATCH, ...; not X-Custom, not lower-case put), where the "
        "engine answers it; a preflight that asks for such a method is answered like the engine"_s);
    for (const int i : plan.exportedRules()) {
        for (const QString &method : tenant.rules[i].methods) {
            if (!isNodeMethod(method.trimmed()) && method.trimmed() != u"*") {
                plan.addIssue(
                    ExportIssue::Kind::Differs, i,
                    u"the method %1 is allowed in preflights, but Node answers the actual %1 request with 400"_s
                        .arg(method.trimmed()));
            }
        }
    }
    plan.addIssue(
        ExportIssue::Kind::Differs, -1,
        u"a rejected preflight's plain-text body is \"CORS preflight rejected\" without the engine's reason"_s);
    plan.addIssue(ExportIssue::Kind::Differs, -1,
                  u"the application's own handlers run after the middleware: CORS or Vary headers they set "
                  "are kept (the engine removes the backend's Access-Control-* headers and appends Origin to "
                  "its Vary)"_s);
    result.issues = plan.issues();

    const Tenant &effective = plan.effectiveTenant();
    QStringList entries;
    for (const ExportPlan::Entry &entry : plan.entries()) {
        const QString note = entry.application >= 0
            ? u"application %1 -> rule %2"_s.arg(js(effective.applications[entry.application].name))
                  .arg(entry.rule)
            : u"rule %1: %2"_s.arg(entry.rule).arg(effective.rules[entry.rule].domain);
        entries.append(
            u"  [new RegExp(%1, 'i'), %2], // %3"_s.arg(js(entry.javaScriptRegex)).arg(entry.rule).arg(note));
    }
    QStringList rules;
    for (const int i : plan.exportedRules()) {
        const Rule &rule = effective.rules[i];
        QStringList methods;
        bool anyMethod = false;
        for (const QString &method : rule.methods) {
            anyMethod = anyMethod || method.trimmed() == u"*";
            methods.append(method.trimmed());
        }
        QStringList headers;
        bool anyHeader = false;
        for (const QString &name : rule.allowHeaders) {
            anyHeader = anyHeader || name.trimmed() == u"*";
            headers.append(name.trimmed().toLower());
        }
        const QString expose = ExportPlan::joinedList(rule.exposeHeaders);
        rules.append(u"  %1: { // %2\n    methods: %3, anyMethod: %4,\n    allowHeaders: %5, anyHeader: %6,\n"
                     "    exposeHeaders: %7, credentials: %8, maxAge: %9,\n  },"_s.arg(i)
                         .arg(rule.domain, jsList(methods), anyMethod ? u"true"_s : u"false"_s,
                              jsList(headers), anyHeader ? u"true"_s : u"false"_s,
                              expose.isEmpty() ? u"undefined"_s : js(expose),
                              rule.allowCredentials ? u"true"_s : u"false"_s,
                              rule.cachePreflight ? QString::number(rule.maxAge) : u"undefined"_s));
    }

    QString text;
    const QString usage = u"A CommonJS module for Express with the cors package (npm install express cors):\n"
                          "  const cors = require('cors');\n"
                          "  const corsStudio = require('./this-file.js');\n"
                          "  app.use(cors(corsStudio.options), corsStudio.finish);  // before your routes"_s;
    text += u"// "_s
        + ConfigExporter::headerLines(result, tenant, usage).join(u"\n// "_s).replace(u"// \n"_s, u"//\n"_s)
        + u'\n';
    text += u"'use strict';\n"_s;
    QString body = QString::fromUtf8(kModuleBody);
    body.replace(u"@CANONICAL@"_s, js(OriginRegex::canonicalOrigin()));
    body.replace(u"@ENTRIES@"_s, entries.join(u'\n'));
    body.replace(u"@RULES@"_s, rules.join(u'\n'));
    body.replace(u"@VARY@"_s, plan.variesByOrigin() ? u"true"_s : u"false"_s);
    body.replace(u"@TENANT@"_s, js(tenant.name));
    body.replace(u"@PROFILE@"_s, js(profileName(tenant.profile)));
    body.replace(u"@CHECKSUM@"_s, js(TenantChecksum::of(tenant)));
    text += body;
    result.text = text.toUtf8();
    return result;
}

} // namespace cors
