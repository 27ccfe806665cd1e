#include "bundle/bundlereader.h"
#include "lint/linter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

// The rule linter (issue 7). Every finding class has a tenant that triggers it and a corrected
// twin that does not; the demo bundle has no errors; known-safe realistic tenants produce no
// warnings. Proofs are re-checked here through a RuleIndex of their own.
class tst_Linter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void triggerAndTwin_data();
    void triggerAndTwin();
    void everyCheckHasATriggerAndATwin();
    void demoBundleHasNoErrors();
    void safeTenantsHaveNoWarnings_data();
    void safeTenantsHaveNoWarnings();
    void httpApiDoesNotFlagHttpOrigins();
    void profileDecidesWhetherStarIsLiteral_data();
    void profileDecidesWhetherStarIsLiteral();
    void credentialsRaiseSeverity();
    void findingsAreOrderedAndWellFormed();
    void disabledRulesAreIgnored();
    void lintIsDeterministic();
};

#ifndef Q_MOC_RUN

namespace {

struct Row
{
    const char *name;
    QString trigger; // tenant JSON; rules get the defaults below for the fields they omit
    QString raw; // "rules[0].domain=VALUE" or "rules[0].methods=VALUE": an edit no bundle could hold
    QString id;
    int rule;
    int application;
    QString field;
    int item;
    Severity severity;
    QString proof; // the exact crafted origin expected, or empty when the finding has none
    QString twin; // the corrected tenant: no finding with `id`
};

// Clean by construction: one HTTPS host, a non-safelisted method with Content-Type, cached.
const QJsonObject kDefaultRule = {
    { u"domain"_s, u"app.acme.example"_s },
    { u"protocols"_s, QJsonArray { u"https"_s } },
    { u"ports"_s, QJsonArray() },
    { u"methods"_s, QJsonArray { u"PUT"_s } },
    { u"allowHeaders"_s, QJsonArray { u"Content-Type"_s } },
    { u"exposeHeaders"_s, QJsonArray() },
    { u"allowCredentials"_s, false },
    { u"cachePreflight"_s, true },
    { u"maxAge"_s, 600 },
};

Tenant tenantFrom(const QString &json, const QString &raw = QString())
{
    QJsonParseError error;
    QJsonObject object = QJsonDocument::fromJson(json.toUtf8(), &error).object();
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON (%s): %s", qPrintable(error.errorString()), qPrintable(json));
    if (!object.contains(u"name"_s))
        object.insert(u"name"_s, u"t"_s);
    QJsonArray rules;
    for (const QJsonValue &value : object.value(u"rules"_s).toArray()) {
        QJsonObject rule = kDefaultRule;
        const QJsonObject given = value.toObject();
        for (auto it = given.begin(); it != given.end(); ++it)
            rule.insert(it.key(), it.value());
        rules.append(rule);
    }
    object.insert(u"rules"_s, rules);
    JsonProblems problems;
    auto tenant = BundleReader::readTenant(object, u"tenant"_s, &problems);
    for (const JsonProblem &problem : problems)
        qWarning("%s", qPrintable(problem.toString()));
    if (!tenant)
        qFatal("test tenant does not read: %s", qPrintable(json));
    if (!raw.isEmpty()) {
        static const QRegularExpression edit(uR"(^rules\[(\d+)\]\.(domain|methods)=(.*)$)"_s);
        const QRegularExpressionMatch match = edit.match(raw);
        if (!match.hasMatch())
            qFatal("bad raw edit %s", qPrintable(raw));
        Rule &rule = tenant->rules[match.captured(1).toInt()];
        if (match.captured(2) == u"domain")
            rule.domain = match.captured(3);
        else
            rule.methods = { match.captured(3) };
    }
    return *tenant;
}

QString describe(const QList<LintFinding> &findings)
{
    QString text;
    for (const LintFinding &f : findings)
        text += u"\n  %1 %2 %3 (%4)"_s.arg(severityName(f.severity), f.path(), f.id, f.proof);
    return text;
}

const QList<Row> &rows()
{
    using S = Severity;
    static const QList<Row> list = {
        // ---- any origin, null ----
        { "* with credentials",
          uR"({"rules": [{"domain": "*", "allowCredentials": true}]})"_s,
          {},
          u"credentials-with-wildcard"_s,
          0,
          -1,
          u"allowCredentials"_s,
          -1,
          S::Error,
          u"https://evil.invalid"_s,
          uR"({"rules": [{"domain": "app.acme.example", "allowCredentials": true}]})"_s },
        { "catch-all regex with credentials",
          uR"({"rules": [{"domain": "regex:https?://.*", "protocols": ["http", "https"], "allowCredentials": true}]})"_s,
          {},
          u"credentials-with-wildcard"_s,
          0,
          -1,
          u"allowCredentials"_s,
          -1,
          S::Error,
          u"https://evil.invalid"_s,
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.example", "allowCredentials": true}]})"_s },
        { "* reflected",
          uR"({"rules": [{"domain": "*"}]})"_s,
          {},
          u"any-origin-reflected"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          u"https://evil.invalid"_s,
          uR"({"rules": [{"domain": "app.acme.example"}]})"_s },
        { "* under apig",
          uR"({"profile": "apig", "rules": [{"domain": "*"}]})"_s,
          {},
          u"any-origin"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Info,
          u"https://evil.invalid"_s,
          uR"({"profile": "apig", "rules": [{"domain": "app.acme.example"}]})"_s },
        { "null with credentials",
          uR"({"rules": [{"domain": "null", "allowCredentials": true}]})"_s,
          {},
          u"null-origin"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Error,
          u"null"_s,
          uR"({"rules": [{"domain": "app.acme.example", "allowCredentials": true}]})"_s },
        { "null registered by an application",
          uR"({"rules": [{"allowCredentials": true}], "applications": [{"name": "Sandbox", "origins": ["null"], "rule": "app.acme.example"}]})"_s,
          {},
          u"null-origin"_s,
          -1,
          0,
          u"origins"_s,
          0,
          S::Error,
          u"null"_s,
          uR"({"rules": [{"allowCredentials": true}], "applications": [{"name": "Sandbox", "origins": ["https://sandbox.acme.example"], "rule": "app.acme.example"}]})"_s },
        // ---- regex bypasses, each proven ----
        { "regex prefix",
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.example.*"}]})"_s,
          {},
          u"regex-prefix-match"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          u"https://app.acme.example.evil.invalid"_s,
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.example"}]})"_s },
        { "regex prefix into a longer TLD",
          uR"({"rules": [{"domain": "regex:https://example\\.com\\w*", "allowCredentials": true}]})"_s,
          {},
          u"regex-prefix-match"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Error,
          u"https://example.community"_s,
          uR"({"rules": [{"domain": "regex:https://example\\.com", "allowCredentials": true}]})"_s },
        { "regex suffix",
          uR"({"rules": [{"domain": "regex:https://.*acme\\.example"}]})"_s,
          {},
          u"regex-suffix-match"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          u"https://evilacme.example"_s,
          uR"({"rules": [{"domain": "regex:https://([a-z0-9-]+\\.)?acme\\.example"}]})"_s },
        { "regex substring",
          uR"({"rules": [{"domain": "regex:https://.+acme\\.example.+"}]})"_s,
          {},
          u"regex-substring-match"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          u"https://evilacme.example.evil.invalid"_s,
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.example"}]})"_s },
        { "regex unescaped dot",
          uR"({"rules": [{"domain": "regex:https://app.acme\\.example"}]})"_s,
          {},
          u"regex-unescaped-dot"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          u"https://appxacme.example"_s,
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.example"}]})"_s },
        { "regex broad class in the TLD",
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.[a-z]+"}]})"_s,
          {},
          u"regex-broad-class"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          u"https://app.acme.net"_s,
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.example"}]})"_s },
        { "regex not analysed",
          uR"({"rules": [{"domain": "regex:https://(?!evil)[a-z]+\\.acme\\.example"}]})"_s,
          {},
          u"regex-not-analysed"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Info,
          {},
          uR"({"rules": [{"domain": "regex:https://(app|admin)\\.acme\\.example"}]})"_s },
        { "regex over a public suffix",
          uR"({"rules": [{"domain": "regex:https://[a-z]+\\.com"}]})"_s,
          {},
          u"wildcard-public-suffix"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Error,
          u"https://evil.com"_s,
          uR"({"rules": [{"domain": "regex:https://acme\\.com"}]})"_s },
        { "regex over user content",
          uR"({"rules": [{"domain": "regex:https://[a-z0-9-]+\\.herokuapp\\.com"}]})"_s,
          {},
          u"wildcard-user-content"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          u"https://evil.herokuapp.com"_s,
          uR"({"rules": [{"domain": "regex:https://acme-shop\\.herokuapp\\.com"}]})"_s },
        { "regex any port",
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.example(:\\d+)?"}]})"_s,
          {},
          u"port-bleed"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          u"https://app.acme.example:4430"_s,
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.example(:8443)?"}]})"_s },
        { "regex any subdomain",
          uR"({"rules": [{"domain": "regex:https://.*\\.acme\\.example"}]})"_s,
          {},
          u"any-subdomain"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Info,
          u"https://evil.acme.example"_s,
          uR"({"rules": [{"domain": "regex:https://(app|admin)\\.acme\\.example"}]})"_s },
        { "regex http origin",
          uR"({"rules": [{"domain": "regex:https?://app\\.acme\\.example", "protocols": ["http", "https"]}]})"_s,
          {},
          u"http-origin"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          u"http://app.acme.example"_s,
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.example", "protocols": ["http", "https"]}]})"_s },
        // ---- domain names ----
        { "truncated domain",
          uR"({"rules": [{"domain": "shop.example.com"}, {"domain": "shop.example.co"}]})"_s,
          {},
          u"truncated-domain"_s,
          1,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          {},
          uR"({"rules": [{"domain": "shop.example.com"}, {"domain": "admin.example.com"}]})"_s },
        { "unknown top-level domain",
          uR"({"rules": [{"domain": "shop.acme.comm"}]})"_s,
          {},
          u"truncated-domain"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          {},
          uR"({"rules": [{"domain": "shop.acme.com"}]})"_s },
        { "look-alike domain",
          uR"({"rules": [{"domain": "shop.acme.example"}, {"domain": "shop.acrne.example"}]})"_s,
          {},
          u"lookalike-domain"_s,
          1,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          {},
          uR"({"rules": [{"domain": "shop.acme.example"}, {"domain": "shop.other.example"}]})"_s },
        { "homograph domain",
          uR"({"rules": [{"domain": "\u0430pple.com"}]})"_s,
          {},
          u"lookalike-domain"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          {},
          uR"({"rules": [{"domain": "apple.com"}]})"_s },
        // ---- ports and schemes ----
        { "any port",
          uR"({"rules": [{"ports": ["*"]}]})"_s,
          {},
          u"port-bleed"_s,
          0,
          -1,
          u"ports"_s,
          -1,
          S::Warning,
          u"https://app.acme.example:4430"_s,
          uR"({"rules": [{"ports": ["8443"]}]})"_s },
        { "a range of 20,000 ports",
          uR"({"rules": [{"ports": ["10000-30000"]}]})"_s,
          {},
          u"port-bleed"_s,
          0,
          -1,
          u"ports"_s,
          -1,
          S::Warning,
          u"https://app.acme.example:20000"_s,
          uR"({"rules": [{"ports": ["10000-10009"]}]})"_s },
        { "http origin with credentials",
          uR"({"rules": [{"protocols": ["http", "https"], "allowCredentials": true}]})"_s,
          {},
          u"http-origin"_s,
          0,
          -1,
          u"protocols"_s,
          -1,
          S::Error,
          u"http://app.acme.example"_s,
          uR"({"rules": [{"protocols": ["https"], "allowCredentials": true}]})"_s },
        { "http loopback is exempt",
          uR"({"rules": [{"protocols": ["http", "https"]}]})"_s,
          {},
          u"http-origin"_s,
          0,
          -1,
          u"protocols"_s,
          -1,
          S::Warning,
          u"http://app.acme.example"_s,
          uR"({"rules": [{"domain": "localhost", "protocols": ["http"], "ports": ["3000"]}]})"_s },
        // ---- wildcards ----
        { "any subdomain with credentials",
          uR"({"rules": [{"domain": "*.acme.example", "allowCredentials": true}]})"_s,
          {},
          u"any-subdomain"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          u"https://evil.acme.example"_s,
          uR"({"rules": [{"domain": "app.acme.example", "allowCredentials": true}]})"_s },
        { "wildcard over a public suffix",
          uR"({"rules": [{"domain": "*.co.uk"}]})"_s,
          {},
          u"wildcard-public-suffix"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Error,
          u"https://evil.co.uk"_s,
          uR"({"rules": [{"domain": "*.acme.co.uk"}]})"_s },
        { "wildcard over github.io (PSL private)",
          uR"({"rules": [{"domain": "*.github.io"}]})"_s,
          {},
          u"wildcard-user-content"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          u"https://evil.github.io"_s,
          uR"({"rules": [{"domain": "acme.github.io"}]})"_s },
        { "wildcard over surge.sh (not in the PSL)",
          uR"({"rules": [{"domain": "*.surge.sh", "allowCredentials": true}]})"_s,
          {},
          u"wildcard-user-content"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Error,
          u"https://evil.surge.sh"_s,
          uR"({"rules": [{"domain": "acme.surge.sh", "allowCredentials": true}]})"_s },
        // ---- production ----
        { "localhost in production",
          uR"({"production": true, "rules": [{"domain": "localhost", "protocols": ["http"], "ports": ["3000"]}]})"_s,
          {},
          u"loopback-in-production"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          {},
          uR"({"production": false, "rules": [{"domain": "localhost", "protocols": ["http"], "ports": ["3000"]}]})"_s },
        { "private address in production",
          uR"({"production": true, "rules": [{"domain": "192.168.1.20"}]})"_s,
          {},
          u"private-address-in-production"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          {},
          uR"({"production": true, "rules": [{"domain": "app.acme.example"}]})"_s },
        { "intranet name in production",
          uR"({"production": true, "rules": [{"domain": "wiki.corp"}]})"_s,
          {},
          u"private-address-in-production"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          {},
          uR"({"production": false, "rules": [{"domain": "wiki.corp"}]})"_s },
        // ---- headers and methods ----
        { "Set-Cookie exposed",
          uR"({"rules": [{"exposeHeaders": ["Set-Cookie"]}]})"_s,
          {},
          u"exposed-forbidden-header"_s,
          0,
          -1,
          u"exposeHeaders"_s,
          0,
          S::Warning,
          {},
          uR"({"rules": [{"exposeHeaders": ["X-Request-Id"]}]})"_s },
        { "Authorization exposed",
          uR"({"rules": [{"exposeHeaders": ["X-Request-Id", "Authorization"]}]})"_s,
          {},
          u"exposed-sensitive-header"_s,
          0,
          -1,
          u"exposeHeaders"_s,
          1,
          S::Warning,
          {},
          uR"({"rules": [{"exposeHeaders": ["X-Request-Id"]}]})"_s },
        { "every header exposed",
          uR"({"rules": [{"exposeHeaders": ["*"]}]})"_s,
          {},
          u"expose-any-header"_s,
          0,
          -1,
          u"exposeHeaders"_s,
          0,
          S::Info,
          {},
          uR"({"rules": [{"exposeHeaders": ["X-Request-Id"]}]})"_s },
        { "TRACE allowed",
          uR"({"rules": [{"methods": ["PUT", "TRACE"]}]})"_s,
          {},
          u"forbidden-method"_s,
          0,
          -1,
          u"methods"_s,
          1,
          S::Warning,
          {},
          uR"({"rules": [{"methods": ["PUT"]}]})"_s },
        { "any method",
          uR"({"rules": [{"methods": ["*"]}]})"_s,
          {},
          u"methods-wildcard"_s,
          0,
          -1,
          u"methods"_s,
          0,
          S::Warning,
          {},
          uR"({"rules": [{"methods": ["PUT", "DELETE"]}]})"_s },
        // ---- applications ----
        { "origin trusted only through an application",
          uR"({"rules": [{}], "applications": [{"name": "Portal", "origins": ["https://portal.acme.example"], "rule": "app.acme.example"}]})"_s,
          {},
          u"application-origin"_s,
          -1,
          0,
          u"origins"_s,
          0,
          S::Info,
          u"https://portal.acme.example"_s,
          uR"({"rules": [{}, {"domain": "portal.acme.example"}]})"_s },
        { "application origin a rule answers first",
          uR"({"rules": [{}], "applications": [{"name": "Portal", "origins": ["https://app.acme.example"], "rule": "app.acme.example"}]})"_s,
          {},
          u"application-origin-shadowed"_s,
          -1,
          0,
          u"origins"_s,
          0,
          S::Info,
          u"https://app.acme.example"_s,
          uR"({"rules": [{}], "applications": [{"name": "Portal", "origins": ["https://portal.acme.example"], "rule": "app.acme.example"}]})"_s },
        { "application without a rule",
          uR"({"rules": [{}], "applications": [{"name": "Portal", "origins": ["https://portal.acme.example"]}]})"_s,
          {},
          u"application-implicit-rule"_s,
          -1,
          0,
          u"rule"_s,
          -1,
          S::Warning,
          {},
          uR"({"rules": [{}], "applications": [{"name": "Portal", "origins": ["https://portal.acme.example"], "rule": "app.acme.example"}]})"_s },
        // ---- precedence ----
        { "shadowed rule",
          uR"({"rules": [{"domain": "app.acme.example"}, {"domain": "app.acme.example", "allowCredentials": true}]})"_s,
          {},
          u"shadowed-rule"_s,
          1,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          u"https://app.acme.example"_s,
          uR"({"rules": [{"domain": "app.acme.example"}, {"domain": "admin.acme.example", "allowCredentials": true}]})"_s },
        { "regex shadowed by a host rule",
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.example"}, {"domain": "app.acme.example"}]})"_s,
          {},
          u"shadowed-rule"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          u"https://app.acme.example"_s,
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.example"}, {"domain": "admin.acme.example"}]})"_s },
        { "overlapping rules",
          uR"({"rules": [{"domain": "*.acme.example"}, {"domain": "app.acme.example"}]})"_s,
          {},
          u"overlapping-rules"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Info,
          u"https://app.acme.example"_s,
          uR"({"rules": [{"domain": "*.acme.example"}, {"domain": "app.other.example"}]})"_s },
        // ---- canonical forms and dead rules ----
        { "regex with the default port",
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.example:443"}]})"_s,
          {},
          u"non-canonical-origin"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Error,
          {},
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.example"}]})"_s },
        { "domain not in canonical case",
          uR"({"rules": [{}]})"_s,
          u"rules[0].domain=App.Acme.Example"_s,
          u"non-canonical-origin"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Warning,
          {},
          uR"({"rules": [{}]})"_s },
        { "domain with a port the index ignores",
          uR"({"rules": [{}]})"_s,
          u"rules[0].domain=https://app.acme.example:8443"_s,
          u"non-canonical-origin"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Error,
          {},
          uR"({"rules": [{"ports": ["8443"]}]})"_s },
        { "http only on port 443",
          uR"({"rules": [{"protocols": ["http"], "ports": ["443"]}]})"_s,
          {},
          u"rule-never-matches"_s,
          0,
          -1,
          u"ports"_s,
          -1,
          S::Error,
          {},
          uR"({"rules": [{"protocols": ["https"], "ports": []}]})"_s },
        { "regex without scheme",
          uR"({"rules": [{"domain": "regex:app\\.acme\\.example"}]})"_s,
          {},
          u"rule-never-matches"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Error,
          {},
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.example"}]})"_s },
        { "regex with a path",
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.example/"}]})"_s,
          {},
          u"rule-never-matches"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Error,
          {},
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.example"}]})"_s },
        { "regex for https, rule for http only",
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.example", "protocols": ["http"]}]})"_s,
          {},
          u"rule-never-matches"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Error,
          {},
          uR"({"rules": [{"domain": "regex:https://app\\.acme\\.example", "protocols": ["https"]}]})"_s },
        { "invalid domain",
          uR"({"rules": [{}]})"_s,
          u"rules[0].domain=*.*.acme.example"_s,
          u"invalid-field"_s,
          0,
          -1,
          u"domain"_s,
          -1,
          S::Error,
          {},
          uR"({"rules": [{"domain": "*.acme.example"}]})"_s },
        { "invalid method token",
          uR"({"rules": [{}]})"_s,
          u"rules[0].methods=GET POST"_s,
          u"invalid-field"_s,
          0,
          -1,
          u"methods"_s,
          0,
          S::Error,
          {},
          uR"({"rules": [{"methods": ["GET", "POST"]}]})"_s },
        // ---- browser behaviour ----
        { "* literal under credentials (boomi)",
          uR"({"profile": "boomi", "rules": [{"allowHeaders": ["*"], "allowCredentials": true}]})"_s,
          {},
          u"wildcard-literal-with-credentials"_s,
          0,
          -1,
          u"allowHeaders"_s,
          0,
          S::Error,
          {},
          uR"({"profile": "boomi", "rules": [{"allowHeaders": ["Content-Type", "X-Request-Id"], "allowCredentials": true}]})"_s },
        { "* literal methods under credentials (webmethods)",
          uR"({"profile": "webmethods", "rules": [{"methods": ["*"], "allowCredentials": true}]})"_s,
          {},
          u"wildcard-literal-with-credentials"_s,
          0,
          -1,
          u"methods"_s,
          0,
          S::Error,
          {},
          uR"({"profile": "webmethods", "rules": [{"methods": ["PUT"], "allowCredentials": true}]})"_s },
        { "* literal exposed under credentials",
          uR"({"rules": [{"exposeHeaders": ["*"], "allowCredentials": true}]})"_s,
          {},
          u"wildcard-literal-with-credentials"_s,
          0,
          -1,
          u"exposeHeaders"_s,
          0,
          S::Warning,
          {},
          uR"({"rules": [{"exposeHeaders": ["X-Request-Id"], "allowCredentials": true}]})"_s },
        { "Authorization through *",
          uR"({"profile": "webmethods", "rules": [{"allowHeaders": ["*"]}]})"_s,
          {},
          u"authorization-via-wildcard"_s,
          0,
          -1,
          u"allowHeaders"_s,
          0,
          S::Warning,
          {},
          uR"({"profile": "webmethods", "rules": [{"allowHeaders": ["*", "Authorization"]}]})"_s },
        { "PUT without Content-Type",
          uR"({"rules": [{"methods": ["PUT"], "allowHeaders": ["X-Request-Id"]}]})"_s,
          {},
          u"content-type-not-allowed"_s,
          0,
          -1,
          u"allowHeaders"_s,
          -1,
          S::Warning,
          {},
          uR"({"rules": [{"methods": ["PUT"], "allowHeaders": ["X-Request-Id", "content-type"]}]})"_s },
        { "GET listed under strict",
          uR"({"rules": [{"methods": ["GET", "PUT"]}]})"_s,
          {},
          u"safelisted-method-listed"_s,
          0,
          -1,
          u"methods"_s,
          0,
          S::Info,
          {},
          uR"({"rules": [{"methods": ["PUT"]}]})"_s },
        { "Accept listed under strict",
          uR"({"rules": [{"allowHeaders": ["Content-Type", "Accept"]}]})"_s,
          {},
          u"safelisted-header-listed"_s,
          0,
          -1,
          u"allowHeaders"_s,
          1,
          S::Info,
          {},
          uR"({"rules": [{"allowHeaders": ["Content-Type"]}]})"_s },
        { "Content-Length exposed",
          uR"({"rules": [{"exposeHeaders": ["Content-Length"]}]})"_s,
          {},
          u"safelisted-header-listed"_s,
          0,
          -1,
          u"exposeHeaders"_s,
          0,
          S::Info,
          {},
          uR"({"rules": [{"exposeHeaders": ["X-Request-Id"]}]})"_s },
        { "delete in lower case",
          uR"({"rules": [{"methods": ["delete"]}]})"_s,
          {},
          u"method-case"_s,
          0,
          -1,
          u"methods"_s,
          0,
          S::Error,
          {},
          uR"({"rules": [{"methods": ["DELETE"]}]})"_s },
        { "patch in lower case",
          uR"({"rules": [{"methods": ["PUT", "patch"]}]})"_s,
          {},
          u"method-case"_s,
          0,
          -1,
          u"methods"_s,
          1,
          S::Warning,
          {},
          uR"({"rules": [{"methods": ["PUT", "PATCH"]}]})"_s },
        { "Cookie allowed",
          uR"({"rules": [{"allowHeaders": ["Content-Type", "Cookie"]}]})"_s,
          {},
          u"forbidden-request-header"_s,
          0,
          -1,
          u"allowHeaders"_s,
          1,
          S::Warning,
          {},
          uR"({"rules": [{"allowHeaders": ["Content-Type"]}]})"_s },
        { "max age of a day",
          uR"({"rules": [{"maxAge": 86400}]})"_s,
          {},
          u"max-age-above-cap"_s,
          0,
          -1,
          u"maxAge"_s,
          -1,
          S::Info,
          {},
          uR"({"rules": [{"maxAge": 7200}]})"_s },
        { "APIG's default max age",
          uR"({"profile": "apig", "rules": [{"domain": "*", "cachePreflight": false}]})"_s,
          {},
          u"max-age-above-cap"_s,
          0,
          -1,
          u"cachePreflight"_s,
          -1,
          S::Info,
          {},
          uR"({"profile": "apig", "rules": [{"domain": "*", "cachePreflight": true, "maxAge": 600}]})"_s },
        { "no preflight caching",
          uR"({"rules": [{"cachePreflight": false}]})"_s,
          {},
          u"preflight-cache-disabled"_s,
          0,
          -1,
          u"cachePreflight"_s,
          -1,
          S::Info,
          {},
          uR"({"rules": [{}]})"_s },
        // ---- profiles and tenant settings ----
        { "API type basic",
          uR"({"apiType": "basic", "rules": [{}]})"_s,
          {},
          u"cors-disabled"_s,
          -1,
          -1,
          u"apiType"_s,
          -1,
          S::Warning,
          {},
          uR"({"apiType": "advanced", "rules": [{}]})"_s },
        { "boomi answers 200",
          uR"({"profile": "boomi", "rules": [{}]})"_s,
          {},
          u"boomi-rejection-status"_s,
          -1,
          -1,
          u"profile"_s,
          -1,
          S::Info,
          {},
          uR"({"profile": "strict", "rules": [{}]})"_s },
        { "apig answers everyone",
          uR"({"profile": "apig", "rules": [{}]})"_s,
          {},
          u"apig-answers-any-origin"_s,
          -1,
          -1,
          u"profile"_s,
          -1,
          S::Warning,
          u"https://evil.invalid"_s,
          uR"({"profile": "apig", "rules": [{"domain": "*"}]})"_s },
        { "backend decides",
          uR"({"backendMerge": "passthrough-if-no-rule", "rules": [{}]})"_s,
          {},
          u"backend-decides"_s,
          -1,
          -1,
          u"backendMerge"_s,
          -1,
          S::Info,
          {},
          uR"({"backendMerge": "gateway-wins", "rules": [{}]})"_s },
    };
    return list;
}

} // namespace

void tst_Linter::triggerAndTwin_data()
{
    QTest::addColumn<int>("row");
    for (int i = 0; i < rows().size(); ++i)
        QTest::newRow(rows()[i].name) << i;
}

void tst_Linter::triggerAndTwin()
{
    QFETCH(int, row);
    const Row &r = rows()[row];
    const Tenant trigger = tenantFrom(r.trigger, r.raw);
    const QList<LintFinding> findings = lint(trigger);
    const auto found = std::find_if(findings.cbegin(), findings.cend(), [&](const LintFinding &f) {
        return f.id == r.id && f.rule == r.rule && f.application == r.application && f.field == r.field
            && f.item == r.item;
    });
    QVERIFY2(found != findings.cend(),
             qPrintable(u"no %1 at the expected place; found:%2"_s.arg(r.id, describe(findings))));
    QCOMPARE(severityName(found->severity), severityName(r.severity));
    QCOMPARE(found->proof, r.proof);
    QVERIFY(!found->message.isEmpty() && !found->fix.isEmpty());
    if (!r.proof.isEmpty()) {
        // The proof is in the sentence, and an index of our own accepts it for that rule.
        QVERIFY2(found->message.contains(r.proof), qPrintable(found->message));
        const auto origin =
            r.proof == u"null" ? std::optional<Origin>(Origin::opaque()) : Origin::parse(r.proof);
        QVERIFY(origin);
        const RuleIndex index(trigger);
        if (r.rule >= 0)
            QVERIFY2(index.accepts(r.rule, *origin), qPrintable(r.proof));
        else if (r.application >= 0)
            QCOMPARE(index.match(*origin).isValid(), true);
    }

    const QList<LintFinding> twinFindings = lint(tenantFrom(r.twin));
    for (const LintFinding &f : twinFindings)
        QVERIFY2(f.id != r.id, qPrintable(u"the corrected twin still has:%1"_s.arg(describe({ f }))));
}

void tst_Linter::everyCheckHasATriggerAndATwin()
{
    QSet<QString> covered;
    for (const Row &row : rows())
        covered.insert(row.id);
    QStringList missing;
    QSet<QString> known;
    for (const Linter::Check &check : Linter::checks()) {
        known.insert(check.id);
        // Only a machine without the system's Public Suffix List triggers this one.
        if (!covered.contains(check.id) && check.id != u"public-suffix-list-missing")
            missing.append(check.id);
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", ")));
    for (const QString &id : std::as_const(covered))
        QVERIFY2(known.contains(id), qPrintable(id)); // the catalogue lists every id
}

void tst_Linter::demoBundleHasNoErrors()
{
    QFile file(u":/cors/demo/demo.corsbundle.json"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    JsonProblems problems;
    const auto bundle = BundleReader::read(file.readAll(), &problems);
    QVERIFY(bundle);
    QCOMPARE(bundle->tenants.size(), 4);
    for (const Tenant &tenant : bundle->tenants) {
        const QList<LintFinding> findings = lint(tenant);
        for (const LintFinding &f : findings)
            QVERIFY2(f.severity != Severity::Error, qPrintable(tenant.name + describe({ f })));
    }
}

void tst_Linter::safeTenantsHaveNoWarnings_data()
{
    QTest::addColumn<QString>("tenant");
    // What a careful administrator ships: exact HTTPS origins, credentials only where a session
    // cookie is needed, named methods and headers, cached preflights, a tight regex.
    QTest::newRow("strict storefront, production")
        << uR"({"name": "storefront", "production": true, "rules": [
        {"domain": "shop.acme.example", "methods": ["PUT", "DELETE"], "allowHeaders": ["Content-Type", "X-Request-Id"],
         "exposeHeaders": ["X-Request-Id", "Location"], "allowCredentials": true, "maxAge": 600},
        {"domain": "admin.acme.example", "methods": ["PUT", "PATCH", "DELETE"],
         "allowHeaders": ["Content-Type", "Authorization", "X-CSRF-Token"], "exposeHeaders": ["X-Request-Id"],
         "allowCredentials": true, "maxAge": 3600},
        {"domain": "partner.example.org", "ports": ["8443"], "methods": ["PUT"], "maxAge": 600},
        {"domain": "regex:https://(eu|us)\\.shop\\.acme\\.example", "methods": ["PUT"]}],
      "applications": [{"name": "Mobile web", "origins": ["https://m.acme.example"], "rule": "shop.acme.example"}]})"_s;
    QTest::newRow("webmethods partner API, production") << uR"({"name": "partners", "production": true,
      "profile": "webmethods", "authentication": {"type": "token", "header": "X-API-Key", "value": "k"},
      "rules": [{"domain": "partners.acme.example", "methods": ["GET", "POST", "PUT"],
                 "allowHeaders": ["Content-Type", "X-API-Key"], "exposeHeaders": ["X-Request-Id"],
                 "allowCredentials": true, "maxAge": 100}],
      "applications": [{"name": "Reseller", "origins": ["https://dashboard.reseller.example"],
                        "rule": "partners.acme.example"}]})"_s;
    QTest::newRow("boomi shared web server, production") << uR"({"name": "boomi", "production": true,
      "profile": "boomi", "rules": [{"domain": "mydomain.com", "methods": ["GET", "POST", "PUT", "DELETE"],
      "allowHeaders": ["Content-Type", "X-Custom-Header"], "exposeHeaders": ["Foo", "Bar"],
      "allowCredentials": true, "maxAge": 600}]})"_s;
    QTest::newRow("apig open data") << uR"({"name": "open-data", "production": true, "profile": "apig",
      "backendMerge": "backend-wins", "rules": [{"domain": "*", "protocols": ["https"], "methods": [],
      "allowHeaders": [], "maxAge": 3600}]})"_s;
    QTest::newRow("development tenant with local dev servers") << uR"({"name": "dev", "production": false,
      "rules": [{"domain": "localhost", "protocols": ["http"], "ports": ["3000-3009"], "methods": ["PUT", "PATCH"]},
                {"domain": "127.0.0.1", "protocols": ["http"], "ports": ["5173"], "methods": ["PUT"]},
                {"domain": "staging.acme.example", "methods": ["PUT"], "allowCredentials": true}]})"_s;
}

void tst_Linter::safeTenantsHaveNoWarnings()
{
    QFETCH(QString, tenant);
    const QList<LintFinding> findings = lint(tenantFrom(tenant));
    for (const LintFinding &f : findings)
        QVERIFY2(f.severity == Severity::Info, qPrintable(describe({ f })));
}

void tst_Linter::httpApiDoesNotFlagHttpOrigins()
{
    const Tenant tenant =
        tenantFrom(uR"({"rules": [{"protocols": ["http", "https"], "allowCredentials": true}],
        "applications": [{"name": "Legacy", "origins": ["http://legacy.acme.example"], "rule": "app.acme.example"}]})"_s);
    const auto count = [](const QList<LintFinding> &findings) {
        return std::count_if(findings.cbegin(), findings.cend(),
                             [](const LintFinding &f) { return f.id == u"http-origin"; });
    };
    QCOMPARE(count(Linter().lint(tenant)), 2); // the rule and the application
    QCOMPARE(count(Linter({ Linter::ApiScheme::Http }).lint(tenant)), 0);
}

void tst_Linter::profileDecidesWhetherStarIsLiteral_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<bool>("literal");
    // The strict profile echoes the requested method and headers; the others send the list.
    QTest::newRow("strict echoes") << u"strict"_s << false;
    QTest::newRow("boomi sends the list") << u"boomi"_s << true;
    QTest::newRow("webmethods sends the list") << u"webmethods"_s << true;
    QTest::newRow("apig sends the list") << u"apig"_s << true;
}

void tst_Linter::profileDecidesWhetherStarIsLiteral()
{
    QFETCH(QString, profile);
    QFETCH(bool, literal);
    const Tenant tenant = tenantFrom(
        uR"({"profile": "%1", "rules": [{"methods": ["*"], "allowHeaders": ["*"], "allowCredentials": true}]})"_s
            .arg(profile));
    QStringList fields;
    for (const LintFinding &f : lint(tenant)) {
        if (f.id == u"wildcard-literal-with-credentials")
            fields.append(f.field);
    }
    const QStringList expected = literal ? QStringList { u"methods"_s, u"allowHeaders"_s } : QStringList();
    QCOMPARE(fields, expected);
}

void tst_Linter::credentialsRaiseSeverity()
{
    const auto severityOf = [](const QString &json, const QString &id) {
        for (const LintFinding &f : lint(tenantFrom(json))) {
            if (f.id == id)
                return severityName(f.severity);
        }
        return QString();
    };
    QCOMPARE(severityOf(uR"({"rules": [{"domain": "null"}]})"_s, u"null-origin"_s), u"warning"_s);
    QCOMPARE(severityOf(uR"({"rules": [{"domain": "null", "allowCredentials": true}]})"_s, u"null-origin"_s),
             u"error"_s);
    QCOMPARE(severityOf(uR"({"rules": [{"domain": "*.acme.example"}]})"_s, u"any-subdomain"_s), u"info"_s);
    QCOMPARE(
        severityOf(
            uR"({"rules": [{"domain": "regex:https://app.acme\\.example", "allowCredentials": true}]})"_s,
            u"regex-unescaped-dot"_s),
        u"error"_s);
    QCOMPARE(severityOf(uR"({"rules": [{"domain": "*.github.io", "allowCredentials": true}]})"_s,
                        u"wildcard-user-content"_s),
             u"error"_s);
}

void tst_Linter::findingsAreOrderedAndWellFormed()
{
    const Tenant tenant = tenantFrom(uR"({"profile": "boomi", "production": true, "rules": [
        {"domain": "localhost", "protocols": ["http"], "ports": ["*"], "methods": ["patch", "TRACE"]},
        {"domain": "*", "allowCredentials": true, "exposeHeaders": ["Set-Cookie"]}],
      "applications": [{"name": "Portal", "origins": ["http://portal.acme.example"]}]})"_s);
    const QList<LintFinding> findings = lint(tenant);
    QVERIFY(findings.size() >= 8);
    QSet<QString> ids;
    for (const Linter::Check &check : Linter::checks())
        ids.insert(check.id);
    static const QRegularExpression kebab(u"^[a-z]+(-[a-z0-9]+)*$"_s);
    int lastPlace = -1;
    int lastIndex = -1;
    int lastSeverity = 3;
    for (const LintFinding &f : findings) {
        QVERIFY2(ids.contains(f.id), qPrintable(f.id));
        QVERIFY(kebab.match(f.id).hasMatch());
        QVERIFY2(f.message.endsWith(u'.') && !f.message.contains(u'\n'), qPrintable(f.message));
        QVERIFY2(f.fix.endsWith(u'.') && !f.fix.contains(u'\n'), qPrintable(f.fix));
        const int place = f.isTenantLevel() ? 0 : f.rule >= 0 ? 1 : 2;
        const int index = f.rule >= 0 ? f.rule : f.application;
        if (place == lastPlace && index == lastIndex)
            QVERIFY2(int(f.severity) <= lastSeverity, qPrintable(describe(findings))); // errors first
        else
            QVERIFY2(place > lastPlace || (place == lastPlace && index > lastIndex),
                     qPrintable(describe(findings)));
        lastPlace = place;
        lastIndex = index;
        lastSeverity = int(f.severity);
        const QJsonObject json = f.toJson();
        for (const QString &key : { u"id"_s, u"severity"_s, u"rule"_s, u"application"_s, u"field"_s,
                                    u"item"_s, u"path"_s, u"message"_s, u"fix"_s, u"proof"_s })
            QVERIFY2(json.contains(key), qPrintable(key));
    }
    QCOMPARE(findings.first().path(), u"profile"_s); // boomi-rejection-status, tenant level
}

void tst_Linter::disabledRulesAreIgnored()
{
    const Tenant tenant =
        tenantFrom(uR"({"rules": [{"domain": "*", "allowCredentials": true, "enabled": false}, {}]})"_s);
    for (const LintFinding &f : lint(tenant))
        QVERIFY2(f.rule != 0, qPrintable(describe({ f })));
}

void tst_Linter::lintIsDeterministic()
{
    const Tenant tenant = tenantFrom(rows()[5].trigger);
    QCOMPARE(lint(tenant), lint(tenant));
    const RuleIndex index(tenant);
    QCOMPARE(Linter().lint(tenant, index), lint(tenant));
}

#endif // Q_MOC_RUN

QTEST_GUILESS_MAIN(tst_Linter)
#include "tst_linter.moc"
