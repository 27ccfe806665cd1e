#include "bundle/bundlereader.h"
#include "engine/corsengine.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

class tst_CorsEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decisions_data();
    void decisions();
    void webMethodsAnswersConfiguredMethods();
    void traceExplainsNearMisses();
    void traceHintsAtContentType();
    void traceSaysMethodsAreCaseSensitive();
    void hostileRequestHeaderList();
    void variesByOrigin();
    void evaluateIsPure();
};

// moc does not follow raw string literals; it only needs the class above.
#ifndef Q_MOC_RUN

namespace {

HttpHeaders headersFrom(const QString &text)
{
    HttpHeaders headers;
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts)) {
        const qsizetype colon = line.indexOf(u':');
        headers.append(line.left(colon).trimmed().toUtf8(), line.mid(colon + 1).trimmed().toUtf8());
    }
    return headers;
}

// "METHOD URL" on the first line, header lines after it.
HttpRequest requestFrom(const QString &text)
{
    const qsizetype newline = text.indexOf(u'\n');
    const QString start = text.left(newline < 0 ? text.size() : newline);
    HttpRequest request;
    request.method = start.section(u' ', 0, 0).toUtf8();
    request.url = QUrl(start.section(u' ', 1, 1));
    request.headers = headersFrom(newline < 0 ? QString() : text.mid(newline + 1));
    return request;
}

// "STATUS" on the first line, header lines, then a blank line and the body.
HttpResponse responseFrom(const QString &text)
{
    HttpResponse response;
    const qsizetype blank = text.indexOf(u"\n\n"_s);
    const QString head = blank < 0 ? text : text.left(blank);
    const qsizetype newline = head.indexOf(u'\n');
    response.status = head.left(newline < 0 ? head.size() : newline).toInt();
    response.headers = headersFrom(newline < 0 ? QString() : head.mid(newline + 1));
    response.body = blank < 0 ? QByteArray() : text.mid(blank + 2).toUtf8();
    return response;
}

Tenant tenantFrom(const QString &json)
{
    JsonProblems problems;
    const auto tenant =
        BundleReader::readTenant(QJsonDocument::fromJson(json.toUtf8()).object(), u"tenant"_s, &problems);
    for (const JsonProblem &problem : problems)
        qWarning("%s", qPrintable(problem.toString()));
    Q_ASSERT(tenant);
    return *tenant;
}

const QString kShop = uR"({"name": "shop", "rules": [
  {"domain": "app.example.com", "protocols": ["https"], "methods": ["PUT", "DELETE"],
   "allowHeaders": ["Content-Type", "X-Token"], "exposeHeaders": ["X-Total"],
   "allowCredentials": true, "cachePreflight": true, "maxAge": 600},
  {"domain": "*.partners.example", "protocols": ["https"], "methods": ["GET"]},
  {"domain": "regex:https://(eu|us)\\.console\\.example", "methods": ["PATCH"], "allowHeaders": ["*"]},
  {"domain": "localhost", "protocols": ["http"], "ports": ["3000-3999"], "methods": ["*"]},
  {"domain": "null", "methods": ["GET"]},
  {"domain": "disabled.example", "enabled": false},
  {"domain": "legacy.example", "methods": ["patch"]}
]})"_s;

const QString kPrecedence = uR"({"name": "p", "rules": [
  {"domain": "*", "exposeHeaders": ["X-Any"]},
  {"domain": "regex:https://.*\\.example\\.com", "exposeHeaders": ["X-Regex"]},
  {"domain": "*.example.com", "exposeHeaders": ["X-Wide"]},
  {"domain": "*.api.example.com", "exposeHeaders": ["X-Narrow"]},
  {"domain": "v1.api.example.com", "protocols": ["http"], "exposeHeaders": ["X-Exact-Http"]},
  {"domain": "v2.api.example.com", "exposeHeaders": ["X-Exact"]},
  {"domain": "app.other.example", "exposeHeaders": ["X-App-Rule"]}],
 "applications": [{"name": "Portal", "origins": ["https://portal.partner.example"], "rule": "app.other.example"}]})"_s;

const QString kBasicAuth =
    uR"({"name": "secure", "authentication": {"type": "basic", "user": "alice", "password": "s3cret"},
  "rules": [{"domain": "app.example.com", "methods": ["PUT"], "allowCredentials": true}]})"_s;
const QString kTokenAuth =
    uR"({"name": "secure", "authentication": {"type": "token", "header": "X-API-Key", "value": "k-123"},
  "rules": [{"domain": "app.example.com", "methods": ["PUT"], "allowHeaders": ["X-API-Key"]}]})"_s;
const QString kBoomiAuth =
    uR"({"name": "atom", "profile": "boomi", "authentication": {"type": "basic", "user": "alice", "password": "s3cret"},
  "rules": [{"domain": "app.example.com", "methods": ["GET"]}]})"_s;

QString withMerge(QString tenant, const QString &merge)
{
    return tenant.replace(uR"({"name": "shop",)"_s,
                          uR"({"name": "shop", "backendMerge": ")"_s + merge + u"\","_s);
}

const QString kBackendWithCors =
    u"200\nContent-Type: application/json\nAccess-Control-Allow-Origin: *\nAccess-Control-Expose-Headers: X-Backend\n\n{}"_s;

} // namespace

void tst_CorsEngine::decisions_data()
{
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("request");
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("headers");
    QTest::addColumn<QString>("rule");

    const QString json = u"Content-Type: application/json\n"_s;
    const QString text = u"Content-Type: text/plain; charset=utf-8\n"_s;
    const QString varyPreflight =
        u"Vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers\n"_s;
    const QString varyOrigin = u"Vary: Origin\n"_s;

    // --- strict preflights (Fetch) --------------------------------------------------------
    QTest::newRow("strict preflight accepted: echo, credentials, max age, Vary")
        << kShop
        << u"OPTIONS https://api.example.net/orders\nOrigin: https://app.example.com\nAccess-Control-Request-Method: PUT\nAccess-Control-Request-Headers: content-type,x-token"_s
        << QString() << u"preflight"_s << true << 204
        << u"Access-Control-Allow-Origin: https://app.example.com\nAccess-Control-Allow-Credentials: true\nAccess-Control-Allow-Methods: PUT\nAccess-Control-Allow-Headers: content-type,x-token\nAccess-Control-Max-Age: 600\n"_s
            + varyPreflight
        << u"app.example.com"_s;
    QTest::newRow("strict preflight: safelisted method needs no listing")
        << kShop
        << u"OPTIONS https://api.example.net/orders\nOrigin: https://app.example.com\nAccess-Control-Request-Method: GET\nAccess-Control-Request-Headers: x-token"_s
        << QString() << u"preflight"_s << true << 204
        << u"Access-Control-Allow-Origin: https://app.example.com\nAccess-Control-Allow-Credentials: true\nAccess-Control-Allow-Methods: GET\nAccess-Control-Allow-Headers: x-token\nAccess-Control-Max-Age: 600\n"_s
            + varyPreflight
        << u"app.example.com"_s;
    QTest::newRow("strict preflight: method not allowed")
        << kShop
        << u"OPTIONS https://api.example.net/orders\nOrigin: https://app.example.com\nAccess-Control-Request-Method: PATCH"_s
        << QString() << u"preflight"_s << false << 403 << text + varyPreflight << u"app.example.com"_s;
    QTest::newRow("strict preflight: header not allowed")
        << kShop
        << u"OPTIONS https://api.example.net/orders\nOrigin: https://app.example.com\nAccess-Control-Request-Method: PUT\nAccess-Control-Request-Headers: x-other"_s
        << QString() << u"preflight"_s << false << 403 << text + varyPreflight << u"app.example.com"_s;
    QTest::newRow("strict preflight: default request headers need no listing")
        << kShop
        << u"OPTIONS https://api.example.net/orders\nOrigin: https://app.example.com\nAccess-Control-Request-Method: PUT\nAccess-Control-Request-Headers: accept,accept-language,content-language"_s
        << QString() << u"preflight"_s << true << 204
        << u"Access-Control-Allow-Origin: https://app.example.com\nAccess-Control-Allow-Credentials: true\nAccess-Control-Allow-Methods: PUT\nAccess-Control-Allow-Headers: accept,accept-language,content-language\nAccess-Control-Max-Age: 600\n"_s
            + varyPreflight
        << u"app.example.com"_s;
    QTest::newRow("strict preflight: any header (*) echoed by name")
        << kShop
        << u"OPTIONS https://api.example.net/x\nOrigin: https://eu.console.example\nAccess-Control-Request-Method: PATCH\nAccess-Control-Request-Headers: authorization,x-whatever"_s
        << QString() << u"preflight"_s << true << 204
        << u"Access-Control-Allow-Origin: https://eu.console.example\nAccess-Control-Allow-Methods: PATCH\nAccess-Control-Allow-Headers: authorization,x-whatever\n"_s
            + varyPreflight
        << u"regex:https://(eu|us)\\.console\\.example"_s;
    QTest::newRow("strict preflight: methods are case-sensitive")
        << kShop
        << u"OPTIONS https://api.example.net/x\nOrigin: https://legacy.example\nAccess-Control-Request-Method: PATCH"_s
        << QString() << u"preflight"_s << false << 403 << text + varyPreflight << u"legacy.example"_s;
    QTest::newRow("strict preflight: the rule's exact spelling passes")
        << kShop
        << u"OPTIONS https://api.example.net/x\nOrigin: https://legacy.example\nAccess-Control-Request-Method: patch"_s
        << QString() << u"preflight"_s << true << 204
        << u"Access-Control-Allow-Origin: https://legacy.example\nAccess-Control-Allow-Methods: patch\n"_s
            + varyPreflight
        << u"legacy.example"_s;
    QTest::newRow("strict preflight: header list normalized (case, spaces, repeats, lines)")
        << kShop
        << u"OPTIONS https://api.example.net/orders\nOrigin: https://app.example.com\nAccess-Control-Request-Method: PUT\nAccess-Control-Request-Headers: X-Token , Content-Type,,\nAccess-Control-Request-Headers: x-token"_s
        << QString() << u"preflight"_s << true << 204
        << u"Access-Control-Allow-Origin: https://app.example.com\nAccess-Control-Allow-Credentials: true\nAccess-Control-Allow-Methods: PUT\nAccess-Control-Allow-Headers: x-token,content-type\nAccess-Control-Max-Age: 600\n"_s
            + varyPreflight
        << u"app.example.com"_s;
    QTest::newRow("strict preflight: repeated name in the browser form")
        << kShop
        << u"OPTIONS https://api.example.net/orders\nOrigin: https://app.example.com\nAccess-Control-Request-Method: PUT\nAccess-Control-Request-Headers: x-token,x-token"_s
        << QString() << u"preflight"_s << true << 204
        << u"Access-Control-Allow-Origin: https://app.example.com\nAccess-Control-Allow-Credentials: true\nAccess-Control-Allow-Methods: PUT\nAccess-Control-Allow-Headers: x-token\nAccess-Control-Max-Age: 600\n"_s
            + varyPreflight
        << u"app.example.com"_s;
    QTest::newRow("strict preflight: unknown origin")
        << kShop
        << u"OPTIONS https://api.example.net/x\nOrigin: https://evil.example\nAccess-Control-Request-Method: PUT"_s
        << QString() << u"preflight"_s << false << 403 << text + varyPreflight << QString();
    QTest::newRow("strict preflight: two method values")
        << kShop
        << u"OPTIONS https://api.example.net/x\nOrigin: https://app.example.com\nAccess-Control-Request-Method: PUT\nAccess-Control-Request-Method: DELETE"_s
        << QString() << u"preflight"_s << false << 403 << text + varyPreflight << QString();
    QTest::newRow("strict preflight: header list with a non-token")
        << kShop
        << u"OPTIONS https://api.example.net/x\nOrigin: https://app.example.com\nAccess-Control-Request-Method: PUT\nAccess-Control-Request-Headers: x token"_s
        << QString() << u"preflight"_s << false << 403 << text + varyPreflight << QString();

    // --- domains, protocols, ports --------------------------------------------------------
    QTest::newRow("wildcard: deep subdomain")
        << kShop << u"GET https://api.example.net/x\nOrigin: https://a.b.partners.example"_s << QString()
        << u"actual"_s << true << 200
        << json + u"Access-Control-Allow-Origin: https://a.b.partners.example\n"_s + varyOrigin
        << u"*.partners.example"_s;
    QTest::newRow("wildcard: never the apex")
        << kShop << u"GET https://api.example.net/x\nOrigin: https://partners.example"_s << QString()
        << u"actual"_s << false << 200 << json + varyOrigin << QString();
    QTest::newRow("wildcard: no suffix bypass")
        << kShop << u"GET https://api.example.net/x\nOrigin: https://evilpartners.example"_s << QString()
        << u"actual"_s << false << 200 << json + varyOrigin << QString();
    QTest::newRow("regex: anchored, no appended-domain bypass")
        << kShop << u"GET https://api.example.net/x\nOrigin: https://eu.console.example.evil.invalid"_s
        << QString() << u"actual"_s << false << 200 << json + varyOrigin << QString();
    QTest::newRow("protocol: http origin on an https rule")
        << kShop << u"GET https://api.example.net/x\nOrigin: http://app.example.com"_s << QString()
        << u"actual"_s << false << 200 << json + varyOrigin << QString();
    QTest::newRow("port: non-default port on a default-port rule")
        << kShop << u"GET https://api.example.net/x\nOrigin: https://app.example.com:8443"_s << QString()
        << u"actual"_s << false << 200 << json + varyOrigin << QString();
    QTest::newRow("port: inside the range")
        << kShop << u"DELETE https://api.example.net/x\nOrigin: http://localhost:3456"_s << QString()
        << u"actual"_s << true << 200
        << json + u"Access-Control-Allow-Origin: http://localhost:3456\n"_s + varyOrigin << u"localhost"_s;
    QTest::newRow("port: outside the range")
        << kShop << u"GET https://api.example.net/x\nOrigin: http://localhost:4000"_s << QString()
        << u"actual"_s << false << 200 << json + varyOrigin << QString();
    QTest::newRow("port: default port is outside a listed range")
        << kShop << u"GET https://api.example.net/x\nOrigin: http://localhost"_s << QString() << u"actual"_s
        << false << 200 << json + varyOrigin << QString();
    QTest::newRow("null origin: the null rule")
        << kShop << u"GET https://api.example.net/x\nOrigin: null"_s << QString() << u"actual"_s << true
        << 200 << json + u"Access-Control-Allow-Origin: null\n"_s + varyOrigin << u"null"_s;
    QTest::newRow("disabled rule never matches")
        << kShop << u"GET https://api.example.net/x\nOrigin: https://disabled.example"_s << QString()
        << u"actual"_s << false << 200 << json + varyOrigin << QString();

    // --- precedence: exact, wildcard (most specific first), regex, application, "*" --------
    QTest::newRow("precedence: exact host")
        << kPrecedence << u"GET https://api.example.net/x\nOrigin: https://v2.api.example.com"_s << QString()
        << u"actual"_s << true << 200
        << json
            + u"Access-Control-Allow-Origin: https://v2.api.example.com\nAccess-Control-Expose-Headers: X-Exact\n"_s
            + varyOrigin
        << u"v2.api.example.com"_s;
    QTest::newRow("precedence: exact host with the wrong protocol falls through")
        << kPrecedence << u"GET https://api.example.net/x\nOrigin: https://v1.api.example.com"_s << QString()
        << u"actual"_s << true << 200
        << json
            + u"Access-Control-Allow-Origin: https://v1.api.example.com\nAccess-Control-Expose-Headers: X-Narrow\n"_s
            + varyOrigin
        << u"*.api.example.com"_s;
    QTest::newRow("precedence: most specific wildcard")
        << kPrecedence << u"GET https://api.example.net/x\nOrigin: https://v3.api.example.com"_s << QString()
        << u"actual"_s << true << 200
        << json
            + u"Access-Control-Allow-Origin: https://v3.api.example.com\nAccess-Control-Expose-Headers: X-Narrow\n"_s
            + varyOrigin
        << u"*.api.example.com"_s;
    QTest::newRow("precedence: wildcard before regex")
        << kPrecedence << u"GET https://api.example.net/x\nOrigin: https://www.example.com"_s << QString()
        << u"actual"_s << true << 200
        << json
            + u"Access-Control-Allow-Origin: https://www.example.com\nAccess-Control-Expose-Headers: X-Wide\n"_s
            + varyOrigin
        << u"*.example.com"_s;
    QTest::newRow("precedence: application before *")
        << kPrecedence << u"GET https://api.example.net/x\nOrigin: https://portal.partner.example"_s
        << QString() << u"actual"_s << true << 200
        << json
            + u"Access-Control-Allow-Origin: https://portal.partner.example\nAccess-Control-Expose-Headers: X-App-Rule\n"_s
            + varyOrigin
        << u"app.other.example"_s;
    QTest::newRow("precedence: * last")
        << kPrecedence << u"GET https://api.example.net/x\nOrigin: https://elsewhere.example"_s << QString()
        << u"actual"_s << true << 200
        << json
            + u"Access-Control-Allow-Origin: https://elsewhere.example\nAccess-Control-Expose-Headers: X-Any\n"_s
            + varyOrigin
        << u"*"_s;
    QTest::newRow("precedence: * never covers null")
        << kPrecedence << u"GET https://api.example.net/x\nOrigin: null"_s << QString() << u"actual"_s
        << false << 200 << json + varyOrigin << QString();

    // --- classification ---------------------------------------------------------------------
    QTest::newRow("no Origin: not CORS, but Vary so caches keep answers apart")
        << kShop << u"GET https://api.example.net/x"_s << QString() << u"not-cors"_s << true << 200
        << json + varyOrigin << QString();
    QTest::newRow("same-origin request: not CORS")
        << kShop << u"POST https://app.example.com/form\nOrigin: https://app.example.com"_s << QString()
        << u"not-cors"_s << true << 200 << json + varyOrigin << QString();
    QTest::newRow("OPTIONS without request method: actual request")
        << kShop << u"OPTIONS https://api.example.net/x\nOrigin: https://app.example.com"_s << QString()
        << u"actual"_s << false << 200 << json + varyOrigin << u"app.example.com"_s;
    QTest::newRow("two Origin headers")
        << kShop
        << u"GET https://api.example.net/x\nOrigin: https://app.example.com\nOrigin: https://evil.example"_s
        << QString() << u"actual"_s << false << 200 << json + varyOrigin << QString();
    QTest::newRow("Origin that is not an origin")
        << kShop << u"GET https://api.example.net/x\nOrigin: https://app.example.com/path"_s << QString()
        << u"actual"_s << false << 200 << json + varyOrigin << QString();
    QTest::newRow("API type basic: no CORS at all")
        << QString(kShop).replace(u"\"name\": \"shop\","_s, u"\"name\": \"shop\", \"apiType\": \"basic\","_s)
        << u"OPTIONS https://api.example.net/x\nOrigin: https://app.example.com\nAccess-Control-Request-Method: PUT"_s
        << QString() << u"preflight"_s << false << 200 << json << QString();

    // --- actual responses, Vary and the backend ---------------------------------------------
    QTest::newRow("actual: credentials and exposed headers")
        << kShop << u"PUT https://api.example.net/x\nOrigin: https://app.example.com"_s
        << u"201\nLocation: /x/1\n\ncreated"_s << u"actual"_s << true << 201
        << u"Location: /x/1\nAccess-Control-Allow-Origin: https://app.example.com\nAccess-Control-Allow-Credentials: true\nAccess-Control-Expose-Headers: X-Total\nVary: Origin\n"_s
        << u"app.example.com"_s;
    QTest::newRow("actual: strict refuses a method the rule does not list")
        << kShop << u"PATCH https://api.example.net/x\nOrigin: https://app.example.com"_s << QString()
        << u"actual"_s << false << 200 << json + varyOrigin << u"app.example.com"_s;
    QTest::newRow("Vary merged into the backend's")
        << kShop << u"GET https://api.example.net/x\nOrigin: https://x.partners.example"_s
        << u"200\nVary: Accept-Encoding\n\n{}"_s << u"actual"_s << true << 200
        << u"Vary: Accept-Encoding, Origin\nAccess-Control-Allow-Origin: https://x.partners.example\n"_s
        << u"*.partners.example"_s;
    QTest::newRow("Vary: Origin already there")
        << kShop << u"GET https://api.example.net/x\nOrigin: https://x.partners.example"_s
        << u"200\nvary: origin\n\n{}"_s << u"actual"_s << true << 200
        << u"vary: origin\nAccess-Control-Allow-Origin: https://x.partners.example\n"_s
        << u"*.partners.example"_s;
    QTest::newRow("Vary: * left alone")
        << kShop << u"GET https://api.example.net/x\nOrigin: https://x.partners.example"_s
        << u"200\nVary: *\n\n{}"_s << u"actual"_s << true << 200
        << u"Vary: *\nAccess-Control-Allow-Origin: https://x.partners.example\n"_s << u"*.partners.example"_s;
    QTest::newRow("gateway-wins: backend CORS headers removed")
        << withMerge(kShop, u"gateway-wins"_s)
        << u"GET https://api.example.net/x\nOrigin: https://x.partners.example"_s << kBackendWithCors
        << u"actual"_s << true << 200
        << json + u"Access-Control-Allow-Origin: https://x.partners.example\n"_s + varyOrigin
        << u"*.partners.example"_s;
    QTest::newRow("gateway-wins: rejected origin gets no CORS headers at all")
        << withMerge(kShop, u"gateway-wins"_s)
        << u"GET https://api.example.net/x\nOrigin: https://evil.example"_s << kBackendWithCors << u"actual"_s
        << false << 200 << json + varyOrigin << QString();
    QTest::newRow("backend-wins: backend value in the gateway's place")
        << withMerge(kShop, u"backend-wins"_s)
        << u"GET https://api.example.net/x\nOrigin: https://x.partners.example"_s << kBackendWithCors
        << u"actual"_s << true << 200
        << json + u"Access-Control-Allow-Origin: *\nAccess-Control-Expose-Headers: X-Backend\n"_s + varyOrigin
        << u"*.partners.example"_s;
    QTest::newRow("backend-wins: rejected origin keeps the backend's own")
        << withMerge(kShop, u"backend-wins"_s)
        << u"GET https://api.example.net/x\nOrigin: https://evil.example"_s << kBackendWithCors << u"actual"_s
        << false << 200
        << json + u"Access-Control-Allow-Origin: *\nAccess-Control-Expose-Headers: X-Backend\n"_s + varyOrigin
        << QString();
    QTest::newRow("passthrough-if-no-rule: no rule, backend answers")
        << withMerge(kShop, u"passthrough-if-no-rule"_s)
        << u"GET https://api.example.net/x\nOrigin: https://evil.example"_s << kBackendWithCors << u"actual"_s
        << true << 200
        << json + u"Access-Control-Allow-Origin: *\nAccess-Control-Expose-Headers: X-Backend\n"_s + varyOrigin
        << QString();
    QTest::newRow("passthrough-if-no-rule: preflight goes to the backend")
        << withMerge(kShop, u"passthrough-if-no-rule"_s)
        << u"OPTIONS https://api.example.net/x\nOrigin: https://evil.example\nAccess-Control-Request-Method: PUT"_s
        << kBackendWithCors << u"preflight"_s << true << 200
        << json + u"Access-Control-Allow-Origin: *\nAccess-Control-Expose-Headers: X-Backend\n"_s
            + varyPreflight
        << QString();
    QTest::newRow("passthrough-if-no-rule: a rule applies, the gateway wins")
        << withMerge(kShop, u"passthrough-if-no-rule"_s)
        << u"GET https://api.example.net/x\nOrigin: https://x.partners.example"_s << kBackendWithCors
        << u"actual"_s << true << 200
        << json + u"Access-Control-Allow-Origin: https://x.partners.example\n"_s + varyOrigin
        << u"*.partners.example"_s;

    // --- authentication: never on preflights ---------------------------------------------
    QTest::newRow("basic auth: preflight is not authenticated")
        << kBasicAuth
        << u"OPTIONS https://api.example.net/x\nOrigin: https://app.example.com\nAccess-Control-Request-Method: PUT"_s
        << QString() << u"preflight"_s << true << 204
        << u"Access-Control-Allow-Origin: https://app.example.com\nAccess-Control-Allow-Credentials: true\nAccess-Control-Allow-Methods: PUT\n"_s
            + varyPreflight
        << u"app.example.com"_s;
    QTest::newRow("basic auth: 401 keeps the CORS headers")
        << kBasicAuth << u"PUT https://api.example.net/x\nOrigin: https://app.example.com"_s << QString()
        << u"actual"_s << true << 401
        << u"WWW-Authenticate: Basic realm=\"secure\", charset=\"UTF-8\"\n"_s + text
            + u"Access-Control-Allow-Origin: https://app.example.com\nAccess-Control-Allow-Credentials: true\n"_s
            + varyOrigin
        << u"app.example.com"_s;
    QTest::newRow("basic auth: wrong password")
        << kBasicAuth
        << u"PUT https://api.example.net/x\nOrigin: https://app.example.com\nAuthorization: Basic YWxpY2U6d3Jvbmc="_s
        << QString() << u"actual"_s << true << 401
        << u"WWW-Authenticate: Basic realm=\"secure\", charset=\"UTF-8\"\n"_s + text
            + u"Access-Control-Allow-Origin: https://app.example.com\nAccess-Control-Allow-Credentials: true\n"_s
            + varyOrigin
        << u"app.example.com"_s;
    QTest::newRow("basic auth: right credentials")
        << kBasicAuth
        << u"PUT https://api.example.net/x\nOrigin: https://app.example.com\nAuthorization: basic YWxpY2U6czNjcmV0"_s
        << QString() << u"actual"_s << true << 200
        << json
            + u"Access-Control-Allow-Origin: https://app.example.com\nAccess-Control-Allow-Credentials: true\n"_s
            + varyOrigin
        << u"app.example.com"_s;
    QTest::newRow("token auth: missing")
        << kTokenAuth << u"PUT https://api.example.net/x\nOrigin: https://app.example.com"_s << QString()
        << u"actual"_s << true << 401
        << text + u"Access-Control-Allow-Origin: https://app.example.com\n"_s + varyOrigin
        << u"app.example.com"_s;
    QTest::newRow("token auth: present")
        << kTokenAuth << u"PUT https://api.example.net/x\nOrigin: https://app.example.com\nX-API-Key: k-123"_s
        << QString() << u"actual"_s << true << 200
        << json + u"Access-Control-Allow-Origin: https://app.example.com\n"_s + varyOrigin
        << u"app.example.com"_s;
    QTest::newRow("token auth: not-CORS requests are authenticated too")
        << kTokenAuth << u"GET https://api.example.net/x"_s << QString() << u"not-cors"_s << true << 401
        << text + varyOrigin << QString();
    QTest::newRow("boomi: credentials in boomi_auth")
        << kBoomiAuth
        << u"GET https://api.example.net/ws/rest/x?boomi_auth=YWxpY2U6czNjcmV0\nOrigin: https://app.example.com"_s
        << QString() << u"actual"_s << true << 200
        << json + u"Access-Control-Allow-Origin: https://app.example.com\n"_s + varyOrigin
        << u"app.example.com"_s;
    QTest::newRow("boomi: normal request rejected, 401 without CORS headers")
        << kBoomiAuth << u"GET https://api.example.net/ws/rest/x\nOrigin: https://evil.example"_s << QString()
        << u"actual"_s << false << 401
        << u"WWW-Authenticate: Basic realm=\"atom\", charset=\"UTF-8\"\n"_s + text + varyOrigin << QString();

    // --- APIG --------------------------------------------------------------------------------
    const QString apigSpecific = uR"({"name": "apig", "profile": "apig", "rules": [
        {"domain": "app.example.com", "methods": ["GET", "PUT"], "allowHeaders": ["X-Sdk-Date"], "allowCredentials": true,
         "cachePreflight": true, "maxAge": 60}]})"_s;
    QTest::newRow("apig: a rule's lists narrow the defaults")
        << apigSpecific
        << u"OPTIONS https://api.example.net/x\nOrigin: https://app.example.com\nAccess-Control-Request-Method: PUT"_s
        << QString() << u"preflight"_s << true << 200
        << u"Content-Type: application/json\nX-Request-Id: ?\nAccess-Control-Allow-Origin: https://app.example.com\nAccess-Control-Allow-Headers: X-Sdk-Date\nAccess-Control-Expose-Headers: X-Request-Id,X-Apig-Latency,X-Apig-Upstream-Latency,X-Apig-RateLimit-Api,X-Apig-RateLimit-User,X-Apig-RateLimit-App,X-Apig-RateLimit-Ip,X-Apig-RateLimit-Api-Allenv\nAccess-Control-Allow-Methods: GET,PUT\nAccess-Control-Max-Age: 60\nAccess-Control-Allow-Credentials: true\nVary: Origin\n"_s
        << u"app.example.com"_s;
    QTest::newRow("apig: other origins still get *")
        << apigSpecific << u"GET https://api.example.net/x\nOrigin: https://other.example"_s << QString()
        << u"actual"_s << true << 200
        << json + u"X-Request-Id: ?\nAccess-Control-Allow-Origin: *\nVary: Origin\n"_s << QString();
}

void tst_CorsEngine::decisions()
{
    QFETCH(QString, tenant);
    QFETCH(QString, request);
    QFETCH(QString, backend);
    QFETCH(QString, kind);
    QFETCH(bool, allowed);
    QFETCH(int, status);
    QFETCH(QString, headers);
    QFETCH(QString, rule);

    const CorsEngine engine(tenantFrom(tenant));
    const CorsDecision decision = engine.evaluate(
        requestFrom(request), backend.isEmpty() ? std::nullopt : std::optional(responseFrom(backend)));
    QCOMPARE(requestKindName(decision.kind), kind);
    QCOMPARE(decision.allowed, allowed);
    QCOMPARE(decision.status, status);
    HttpHeaders actual = decision.headers;
    const HttpHeaders expected = headersFrom(headers);
    // X-Request-Id is a digest of the request; "?" in a row accepts any value.
    for (qsizetype i = 0; i < expected.size() && i < actual.size(); ++i) {
        if (expected.fields()[i].second == "?" && actual.fields()[i].first == expected.fields()[i].first)
            actual.set(expected.fields()[i].first, "?");
    }
    QCOMPARE(actual, expected);
    QCOMPARE(decision.rule, rule);
    QVERIFY(!decision.trace.isEmpty());
    QCOMPARE(decision.trace.first().step, u"classify"_s);
}

void tst_CorsEngine::webMethodsAnswersConfiguredMethods()
{
    // seeds/003 rows 4-5 answer "POST,GET,PUT" although the policy column says POST; with a
    // policy of POST alone the gateway lists what is configured.
    const Tenant tenant =
        tenantFrom(uR"({"name": "wm", "profile": "webmethods", "rules": [{"domain": "http://test2.com",
        "methods": ["POST"], "allowHeaders": ["test1", "test2"]}]})"_s);
    const CorsDecision decision = evaluate(
        tenant,
        requestFrom(
            u"OPTIONS http://gw.example/x\nOrigin: http://test2.com\nAccess-Control-Request-Method: POST"_s));
    QCOMPARE(decision.status, 200);
    QCOMPARE(decision.headers.value("Access-Control-Allow-Methods"), QByteArray("POST"));
    QCOMPARE(decision.headers.value("Access-Control-Allow-Headers"), QByteArray("test1,test2"));
}

void tst_CorsEngine::traceExplainsNearMisses()
{
    const CorsEngine engine(tenantFrom(kShop));
    const CorsDecision http =
        engine.evaluate(requestFrom(u"GET https://api.example.net/x\nOrigin: http://app.example.com"_s));
    const auto originStep = std::find_if(http.trace.cbegin(), http.trace.cend(),
                                         [](const TraceStep &s) { return s.step == u"origin"; });
    QVERIFY(originStep != http.trace.cend());
    QVERIFY(!originStep->ok);
    QVERIFY2(originStep->detail.contains(u"Rule \"app.example.com\" covers the host but allows only https"_s),
             qPrintable(originStep->detail));

    const CorsDecision port =
        engine.evaluate(requestFrom(u"GET https://api.example.net/x\nOrigin: http://localhost:5000"_s));
    QVERIFY(std::any_of(port.trace.cbegin(), port.trace.cend(), [](const TraceStep &s) {
        return s.detail.contains(u"covers the host but not port 5000 (it allows ports 3000-3999)"_s);
    }));
}

void tst_CorsEngine::traceHintsAtContentType()
{
    const Tenant tenant =
        tenantFrom(uR"({"name": "t", "rules": [{"domain": "app.example.com", "methods": ["POST"]}]})"_s);
    const CorsDecision decision = evaluate(
        tenant,
        requestFrom(
            u"OPTIONS https://api.example.net/x\nOrigin: https://app.example.com\nAccess-Control-Request-Method: POST\nAccess-Control-Request-Headers: content-type"_s));
    QVERIFY(!decision.allowed);
    QVERIFY(std::any_of(decision.trace.cbegin(), decision.trace.cend(), [](const TraceStep &s) {
        return s.step == u"headers" && !s.ok
            && s.detail.contains(u"add Content-Type to the allowed headers"_s);
    }));
    // The strict profile's 403 body carries the reason for whoever reads the network panel.
    QVERIFY2(decision.body.contains("content-type"), decision.body.constData());
}

void tst_CorsEngine::traceSaysMethodsAreCaseSensitive()
{
    const CorsDecision decision = evaluate(
        tenantFrom(kShop),
        requestFrom(
            u"OPTIONS https://api.example.net/x\nOrigin: https://legacy.example\nAccess-Control-Request-Method: PATCH"_s));
    QVERIFY(std::any_of(decision.trace.cbegin(), decision.trace.cend(), [](const TraceStep &s) {
        return s.step == u"method" && s.detail.contains(u"Methods are case-sensitive"_s);
    }));
}

void tst_CorsEngine::hostileRequestHeaderList()
{
    HttpRequest request = requestFrom(
        u"OPTIONS https://api.example.net/x\nOrigin: https://app.example.com\nAccess-Control-Request-Method: PUT"_s);
    request.headers.append("Access-Control-Request-Headers", QByteArray(1024 * 1024, ','));
    const CorsDecision decision = evaluate(tenantFrom(kShop), request);
    QVERIFY(decision.allowed);
    QVERIFY(!decision.headers.contains("Access-Control-Allow-Headers"));
}

void tst_CorsEngine::variesByOrigin()
{
    QVERIFY(CorsEngine(tenantFrom(kShop)).variesByOrigin());
    // APIG answering "*" to everyone does not vary; once a rule echoes, it does.
    QVERIFY(!CorsEngine(tenantFrom(uR"({"name": "a", "profile": "apig", "rules": [{"domain": "*"}]})"_s))
                 .variesByOrigin());
    QVERIFY(
        CorsEngine(
            tenantFrom(
                uR"({"name": "a", "profile": "apig", "rules": [{"domain": "*", "allowCredentials": true}]})"_s))
            .variesByOrigin());
    // No rules at all: every origin is refused alike.
    QVERIFY(!CorsEngine(tenantFrom(uR"({"name": "a"})"_s)).variesByOrigin());
    QVERIFY(
        !CorsEngine(tenantFrom(uR"({"name": "a", "apiType": "basic", "rules": [{"domain": "x.example"}]})"_s))
             .variesByOrigin());
}

void tst_CorsEngine::evaluateIsPure()
{
    const CorsEngine engine(tenantFrom(kShop));
    const HttpRequest request = requestFrom(
        u"OPTIONS https://api.example.net/x\nOrigin: https://app.example.com\nAccess-Control-Request-Method: PUT"_s);
    QCOMPARE(engine.evaluate(request), engine.evaluate(request));
    QCOMPARE(engine.evaluate(request), evaluate(tenantFrom(kShop), request));
}

#endif // Q_MOC_RUN

QTEST_APPLESS_MAIN(tst_CorsEngine)
#include "tst_corsengine.moc"
