#include "corsengine.h"

#include "model/tokenlist.h"

#include <QCryptographicHash>
#include <QUrlQuery>
#include <QVarLengthArray>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

// Header names, as the source documents write them.
const QByteArray kOrigin = QByteArrayLiteral("Origin");
const QByteArray kRequestMethod = QByteArrayLiteral("Access-Control-Request-Method");
const QByteArray kRequestHeaders = QByteArrayLiteral("Access-Control-Request-Headers");
const QByteArray kAllowOrigin = QByteArrayLiteral("Access-Control-Allow-Origin");
const QByteArray kAllowCredentials = QByteArrayLiteral("Access-Control-Allow-Credentials");
const QByteArray kAllowMethods = QByteArrayLiteral("Access-Control-Allow-Methods");
const QByteArray kAllowHeaders = QByteArrayLiteral("Access-Control-Allow-Headers");
const QByteArray kExposeHeaders = QByteArrayLiteral("Access-Control-Expose-Headers");
const QByteArray kMaxAge = QByteArrayLiteral("Access-Control-Max-Age");
const QByteArray kVary = QByteArrayLiteral("Vary");
const QByteArray kContentType = QByteArrayLiteral("Content-Type");
const QByteArray kTextPlain = QByteArrayLiteral("text/plain; charset=utf-8");

// seeds/002 and seeds/004: what APIG's OPTIONS API answers when CORS is enabled; a rule's
// own lists narrow these (the "CORS plug-in").
const QStringList kApigAllowHeaders = { u"X-Stage"_s,
                                        u"X-Sdk-Date"_s,
                                        u"X-Sdk-Nonce"_s,
                                        u"X-Proxy-Signed-Headers"_s,
                                        u"X-Sdk-Content-Sha256"_s,
                                        u"X-Forwarded-For"_s,
                                        u"Authorization"_s,
                                        u"Content-Type"_s,
                                        u"Accept"_s,
                                        u"Accept-Ranges"_s,
                                        u"Cache-Control"_s,
                                        u"Range"_s };
const QStringList kApigExposeHeaders = { u"X-Request-Id"_s,
                                         u"X-Apig-Latency"_s,
                                         u"X-Apig-Upstream-Latency"_s,
                                         u"X-Apig-RateLimit-Api"_s,
                                         u"X-Apig-RateLimit-User"_s,
                                         u"X-Apig-RateLimit-App"_s,
                                         u"X-Apig-RateLimit-Ip"_s,
                                         u"X-Apig-RateLimit-Api-Allenv"_s };
const QStringList kApigMethods = { u"GET"_s,  u"POST"_s,    u"PUT"_s,  u"DELETE"_s,
                                   u"HEAD"_s, u"OPTIONS"_s, u"PATCH"_s };
constexpr int kApigMaxAge = 172800;

// Request headers every rule allows "in addition to the defaults" (seeds/000). A browser names
// these in Access-Control-Request-Headers only when their value is not CORS-safelisted (too
// long, or unsafe bytes). Content-Type and Range are not among them: a browser asks for
// Content-Type exactly when the page sends one that is not safelisted (application/json), and
// that has to be allowed by name.
bool isDefaultRequestHeader(QByteArrayView lowerName)
{
    return lowerName == "accept" || lowerName == "accept-language" || lowerName == "content-language";
}

// Fetch §2.2.1 "CORS-safelisted method".
bool isSafelistedMethod(QByteArrayView method)
{
    return method == "GET" || method == "HEAD" || method == "POST";
}

bool isCorsHeader(QByteArrayView name)
{
    return name.size() > 15 && name.first(15).compare("Access-Control-", Qt::CaseInsensitive) == 0;
}

QByteArray joined(const QStringList &items, const char *separator)
{
    QByteArray result;
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i > 0)
            result += separator;
        result += items[i].trimmed().toUtf8();
    }
    return result;
}

QString joinedText(const QByteArrayList &items)
{
    return QString::fromUtf8(items.join(", "));
}

QString listText(const QStringList &items)
{
    return items.isEmpty() ? u"none"_s : items.join(u", ");
}

bool containsToken(const QByteArrayList &items, QByteArrayView token, Qt::CaseSensitivity cs)
{
    for (const QByteArray &item : items) {
        if (item.size() == token.size() && QByteArrayView(item).compare(token, cs) == 0)
            return true;
    }
    return false;
}

QByteArrayList tokens(const QStringList &items, bool lowerCase)
{
    QByteArrayList result;
    result.reserve(items.size());
    for (const QString &item : items)
        result.append(lowerCase ? item.trimmed().toUtf8().toLower() : item.trimmed().toUtf8());
    return result;
}

// Access-Control-Request-Headers as the engine checks and echoes it: lower-cased, de-duplicated
// names joined by "," (the browsers' own form, Fetch §4.8 step 7), and views of each name.
struct RequestedHeaders
{
    QByteArray joined;
    QVarLengthArray<QByteArrayView, 16> names;
    QByteArray invalid; // the first item that is not a header name
};

bool isTchar(char ch)
{
    return HttpHeaders::isToken(QByteArrayView(&ch, 1));
}

RequestedHeaders parseRequestedHeaders(const QByteArrayList &lines)
{
    RequestedHeaders result;
    // What browsers send ("content-type,x-a": one line, lower-case, no spaces, no repeats) is
    // taken as it is, without copying; anything else goes through the general list parser.
    bool canonical = lines.size() == 1 && !lines.first().isEmpty();
    if (canonical) {
        const QByteArray &line = lines.first();
        qsizetype start = 0;
        for (qsizetype i = 0; canonical && i <= line.size(); ++i) {
            if (i == line.size() || line[i] == ',') {
                const QByteArrayView name = QByteArrayView(line).sliced(start, i - start);
                canonical = !name.isEmpty() && result.names.size() < 16 && !result.names.contains(name);
                if (canonical)
                    result.names.append(name);
                start = i + 1;
            } else {
                const char ch = line[i];
                canonical = !(ch >= 'A' && ch <= 'Z') && isTchar(ch);
            }
        }
        if (canonical) {
            result.joined = line;
            return result;
        }
        result.names.clear();
    }
    const TokenList list = TokenList::parse(lines);
    if (const QByteArrayList invalid = list.invalidItems(); !invalid.isEmpty()) {
        result.invalid = invalid.first();
        return result;
    }
    result.joined = list.lowerCasedUnique().join(',');
    qsizetype start = 0;
    for (qsizetype i = 0; i <= result.joined.size(); ++i) {
        if (i == result.joined.size() || result.joined[i] == ',') {
            if (i > start)
                result.names.append(QByteArrayView(result.joined).sliced(start, i - start));
            start = i + 1;
        }
    }
    return result;
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    unsigned char difference = a.size() == b.size() ? 0 : 1;
    const qsizetype n = qMin(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

QString describePattern(const OriginPattern &pattern)
{
    switch (pattern.kind()) {
    case OriginPattern::Kind::Host:
        return u"host "_s + pattern.host();
    case OriginPattern::Kind::Subdomains:
        return u"any subdomain of "_s + pattern.host();
    case OriginPattern::Kind::Regex:
        return u"regex "_s + pattern.regexPattern();
    case OriginPattern::Kind::Any:
        return u"any origin"_s;
    case OriginPattern::Kind::Null:
        return u"the opaque origin 'null'"_s;
    }
    return {};
}

QString describePorts(const Rule &rule, const OriginPattern &pattern)
{
    if (rule.ports.isAny())
        return u"any port"_s;
    if (rule.ports.isDefault()) {
        const auto kind = pattern.kind();
        if (kind == OriginPattern::Kind::Any || kind == OriginPattern::Kind::Regex)
            return u"any port"_s;
        return u"the default port"_s;
    }
    return u"ports "_s + rule.ports.displayText();
}

// Whether `origin` is the origin of `url`, without building the URL's origin: a request from
// a page to its own server is not a CORS request.
bool isSameOrigin(const Origin &origin, const QUrl &url)
{
    if (origin.isOpaque() || url.port(Origin::defaultPort(origin.scheme())) != origin.port())
        return false;
    const QString host = url.host(QUrl::FullyEncoded);
    if (host.contains(u':')) // IPv6: compare canonical forms
        return origin == Origin::ofUrl(url);
    return host.compare(origin.host(), Qt::CaseInsensitive) == 0
        && url.scheme().compare(origin.scheme(), Qt::CaseInsensitive) == 0;
}

} // namespace

struct CorsEngine::CompiledRule
{
    QString summary; // "host app.example.com, https, the default port"
    QString portsText;
    bool anyDomain = false;
    QByteArrayList methods; // as configured: methods are case-sensitive
    bool anyMethod = false;
    QString methodsText;
    QByteArrayList allowHeaders; // lower-cased: header names are not
    bool anyHeader = false;
    QString allowHeadersText;
    // The lists as each profile writes them: "GET, POST" (Boomi) or "GET,POST" (webMethods, APIG).
    QByteArray methodsSpaced, methodsPlain;
    QByteArray allowHeadersSpaced, allowHeadersPlain;
    QByteArray exposeSpaced, exposePlain;
    QByteArray maxAge;
};

struct CorsEngine::Context
{
    Context(const HttpRequest &r, HttpResponse b)
        : request(r)
        , backend(std::move(b))
    { }

    const HttpRequest &request;
    HttpResponse backend;
    CorsDecision decision;
    // The CORS request headers, found in one pass over the request's fields.
    qsizetype originCount = 0;
    QByteArray originValue;
    QByteArrayList requestMethods;
    QByteArrayList requestHeaderLines;
    RequestedHeaders requested;
    QByteArray originHeader; // the canonical serialization, as Access-Control-Allow-Origin echoes it
    Origin origin;
    bool originValid = false;
    const Rule *rule = nullptr;
    const CompiledRule *compiled = nullptr;
    const Application *application = nullptr;

    void step(const QString &name, bool ok, const QString &detail)
    {
        decision.trace.append({ name, ok, detail });
    }
};

CorsEngine::CorsEngine(Tenant tenant)
    : m_tenant(std::move(tenant))
    , m_index(m_tenant)
{
    auto compiled = std::make_shared<QList<CompiledRule>>();
    compiled->reserve(m_tenant.rules.size());
    bool anyRule = false;
    bool echoes = !m_tenant.applications.isEmpty();
    for (const Rule &rule : std::as_const(m_tenant.rules)) {
        const OriginPattern pattern = rule.pattern();
        CompiledRule r;
        r.portsText = describePorts(rule, pattern);
        r.summary =
            describePattern(pattern) + u", " + protocolNames(rule.protocols).join(u'/') + u", " + r.portsText;
        r.anyDomain = pattern.kind() == OriginPattern::Kind::Any;
        r.methods = tokens(rule.methods, false);
        r.anyMethod = r.methods.contains("*");
        r.methodsText = listText(rule.methods);
        r.allowHeaders = tokens(rule.allowHeaders, true);
        r.anyHeader = r.allowHeaders.contains("*");
        r.allowHeadersText = listText(rule.allowHeaders);
        r.methodsSpaced = joined(rule.methods, ", ");
        r.methodsPlain = joined(rule.methods, ",");
        r.allowHeadersSpaced = joined(rule.allowHeaders, ", ");
        r.allowHeadersPlain = joined(rule.allowHeaders, ",");
        r.exposeSpaced = joined(rule.exposeHeaders, ", ");
        r.exposePlain = joined(rule.exposeHeaders, ",");
        r.maxAge = QByteArray::number(rule.maxAge);
        compiled->append(std::move(r));
        if (!rule.enabled)
            continue;
        anyRule = true;
        echoes = echoes || rule.allowCredentials || pattern.kind() != OriginPattern::Kind::Any;
    }
    m_compiled = std::move(compiled);
    if (!m_tenant.corsEnabled())
        m_variesByOrigin = false;
    else if (m_tenant.profile == Profile::Apig)
        m_variesByOrigin = echoes; // "*" for everyone does not vary
    else
        m_variesByOrigin = anyRule || !m_tenant.applications.isEmpty();
}

CorsDecision evaluate(const Tenant &tenant, const HttpRequest &request,
                      const std::optional<HttpResponse> &backend)
{
    return CorsEngine(tenant).evaluate(request, backend);
}

CorsDecision CorsEngine::evaluate(const HttpRequest &request,
                                  const std::optional<HttpResponse> &backend) const
{
    Context c(request, backend ? *backend : HttpResponse::defaultBackend());
    CorsDecision &d = c.decision;
    d.trace.reserve(10);
    for (const auto &[name, value] : request.headers) {
        if (HttpHeaders::nameEquals(name, kOrigin)) {
            if (c.originCount++ == 0)
                c.originValue = value;
        } else if (HttpHeaders::nameEquals(name, kRequestMethod)) {
            c.requestMethods.append(value);
        } else if (HttpHeaders::nameEquals(name, kRequestHeaders)) {
            c.requestHeaderLines.append(value);
        }
    }

    // Fetch §3.2.2: a CORS request carries Origin; a preflight is OPTIONS with Origin and
    // Access-Control-Request-Method.
    const qsizetype originCount = c.originCount;
    const QLatin1String methodText(request.method);
    if (originCount == 0) {
        d.kind = RequestKind::NotCors;
        c.step(
            u"classify"_s, true,
            u"No Origin header: a %1 request that is not a CORS request (same-origin, or not from a browser)."_s
                .arg(methodText));
    } else {
        QString originError;
        if (originCount > 1) {
            originError =
                u"The request carries %1 Origin headers; a browser sends exactly one."_s.arg(originCount);
        } else if (const auto origin = Origin::parse(c.originValue, &originError)) {
            c.origin = *origin;
            c.originValid = true;
            c.originHeader = c.origin.serializesTo(c.originValue) ? c.originValue : c.origin.toHeaderValue();
        } else {
            originError = u"The Origin header \"%1\" is not a serialized origin: %2."_s.arg(
                QString::fromLatin1(c.originValue), originError);
        }
        const bool hasRequestMethod = !c.requestMethods.isEmpty();
        if (c.originValid && isSameOrigin(c.origin, request.url)) {
            d.kind = RequestKind::NotCors;
            c.step(u"classify"_s, true,
                   u"Origin %1 is the API's own origin: a same-origin request, which CORS does not govern."_s
                       .arg(c.origin.serialize()));
        } else if (request.method == "OPTIONS" && hasRequestMethod) {
            d.kind = RequestKind::Preflight;
            c.step(
                u"classify"_s, true,
                u"OPTIONS with Origin and Access-Control-Request-Method: a CORS preflight request (Fetch §4.8)."_s);
        } else {
            d.kind = RequestKind::Actual;
            c.step(
                u"classify"_s, true,
                request.method == "OPTIONS"
                    ? u"OPTIONS with Origin but without Access-Control-Request-Method: not a preflight, handled as a CORS request."_s
                    : u"%1 request with an Origin header: a CORS request (Fetch §3.2.5)."_s.arg(methodText));
        }
        if (!c.originValid)
            c.step(u"origin"_s, false, originError);
    }

    if (!m_tenant.corsEnabled()) {
        c.step(
            u"api-type"_s, false,
            u"Tenant \"%1\" has API Type %2: CORS rules apply only to Advanced APIs (seeds/000), so no CORS headers are added and the backend answers."_s
                .arg(m_tenant.name, apiTypeName(m_tenant.apiType)));
        evaluateWithoutCors(c);
        return d;
    }

    switch (d.kind) {
    case RequestKind::Preflight:
        evaluatePreflight(c);
        break;
    case RequestKind::Actual:
        evaluateActual(c);
        break;
    case RequestKind::NotCors:
        authenticate(c);
        if (m_tenant.profile == Profile::Apig) {
            // seeds/004 (ROMA Connect, whose examples misspell the header "Orgin:"): with CORS
            // enabled every response carries Access-Control-Allow-Origin: *.
            HttpHeaders cors;
            cors.append(kAllowOrigin, QByteArrayLiteral("*"));
            c.step(
                u"response"_s, true,
                u"The APIG profile adds Access-Control-Allow-Origin: * to every response of an API with CORS enabled (seeds/002, seeds/004)."_s);
            respondWithBackend(c, cors);
        } else {
            passThrough(c);
        }
        d.allowed = true;
        addVary(c, false);
        break;
    }
    return d;
}

void CorsEngine::evaluateWithoutCors(Context &c) const
{
    CorsDecision &d = c.decision;
    if (d.kind != RequestKind::Preflight)
        authenticate(c);
    passThrough(c);
    d.allowed = d.kind == RequestKind::NotCors;
}

bool CorsEngine::authenticate(Context &c) const
{
    const Authentication &auth = m_tenant.authentication;
    HttpResponse unauthorized;
    unauthorized.status = 401;
    switch (auth.type) {
    case Authentication::Type::None:
        c.step(u"authentication"_s, true, u"The tenant requires no authentication."_s);
        return true;
    case Authentication::Type::Basic: {
        const QByteArray expected = (auth.user + u':' + auth.password).toUtf8();
        QByteArray presented;
        QString source;
        const QByteArray header = c.request.headers.value(QByteArrayLiteral("Authorization"));
        if (header.size() > 6
            && QByteArrayView(header).first(6).compare("Basic ", Qt::CaseInsensitive) == 0) {
            presented = QByteArray::fromBase64(header.sliced(6).trimmed());
            source = u"the Authorization header"_s;
        } else if (m_tenant.profile == Profile::Boomi) {
            // seeds/000: a shared web server also takes credentials in the boomi_auth parameter.
            const QString param =
                QUrlQuery(c.request.url).queryItemValue(u"boomi_auth"_s, QUrl::FullyDecoded);
            if (!param.isEmpty()) {
                presented = QByteArray::fromBase64(param.toLatin1());
                source = u"the boomi_auth parameter"_s;
            }
        }
        if (!presented.isEmpty() && constantTimeEquals(presented, expected)) {
            c.step(u"authentication"_s, true,
                   u"HTTP Basic credentials for user \"%1\" in %2 are valid."_s.arg(auth.user, source));
            return true;
        }
        c.step(
            u"authentication"_s, false,
            presented.isEmpty()
                ? u"The tenant requires HTTP Basic authentication and the request carries no credentials: 401."_s
                : u"The HTTP Basic credentials in %1 are wrong: 401."_s.arg(source));
        unauthorized.headers.append(QByteArrayLiteral("WWW-Authenticate"),
                                    u"Basic realm=\"%1\", charset=\"UTF-8\""_s.arg(m_tenant.name).toUtf8());
        unauthorized.headers.append(kContentType, kTextPlain);
        unauthorized.body =
            QByteArrayLiteral("401 Unauthorized: this API requires HTTP Basic authentication.\n");
        break;
    }
    case Authentication::Type::Token: {
        const QByteArray presented = c.request.headers.value(auth.header.toLatin1());
        if (!presented.isNull() && constantTimeEquals(presented, auth.value.toUtf8())) {
            c.step(u"authentication"_s, true, u"The %1 token is valid."_s.arg(auth.header));
            return true;
        }
        c.step(u"authentication"_s, false,
               presented.isNull()
                   ? u"The tenant requires a token in the %1 header and the request has none: 401."_s.arg(
                       auth.header)
                   : u"The token in the %1 header is wrong: 401."_s.arg(auth.header));
        unauthorized.headers.append(kContentType, kTextPlain);
        unauthorized.body =
            u"401 Unauthorized: this API requires a token in the %1 header.\n"_s.arg(auth.header).toUtf8();
        break;
    }
    }
    c.backend = unauthorized;
    if (c.decision.kind == RequestKind::Actual) {
        c.step(
            u"authentication"_s, true,
            u"The 401 still gets the CORS headers the origin is entitled to, so that the page's script can read it instead of seeing a CORS error."_s);
    }
    return false;
}

void CorsEngine::matchOrigin(Context &c) const
{
    if (!c.originValid)
        return;
    const RuleIndex::Match match = m_index.match(c.origin);
    const QLatin1String origin(c.originHeader);
    if (match.isValid()) {
        c.rule = &m_tenant.rules[match.rule];
        c.compiled = &(*m_compiled)[match.rule];
        c.decision.ruleIndex = match.rule;
        c.decision.rule = c.rule->domain;
        if (match.application >= 0) {
            c.application = &m_tenant.applications[match.application];
            c.decision.application = c.application->name;
            c.step(u"origin"_s, true,
                   u"Origin "_s + origin + u" is a JavaScript origin of application \""_s
                       + c.application->name + u"\" (seeds/003), which gets the settings of rule \""_s
                       + c.rule->domain + u"\"."_s);
        } else {
            c.step(u"origin"_s, true,
                   u"Origin "_s + origin + u" matches rule \""_s + c.rule->domain + u"\" ("_s
                       + c.compiled->summary + u")."_s);
        }
        return;
    }

    QString detail =
        u"Origin "_s + origin + u" matches no enabled rule and no application's JavaScript origins."_s;
    if (c.origin.isOpaque())
        detail +=
            u" The opaque origin 'null' (sandboxed frames, file: pages, redirected requests) is trusted only by a rule whose domain is null."_s;
    for (const int ruleIndex : m_index.rulesCoveringHost(c.origin)) {
        const Rule &rule = m_tenant.rules[ruleIndex];
        const auto protocol = protocolFromName(c.origin.scheme());
        if (!protocol || !rule.protocols.testFlag(*protocol)) {
            detail += u" Rule \"%1\" covers the host but allows only %2."_s.arg(
                rule.domain, protocolNames(rule.protocols).join(u'/'));
        } else {
            detail += u" Rule \"%1\" covers the host but not port %2 (it allows %3)."_s.arg(rule.domain)
                          .arg(c.origin.port())
                          .arg((*m_compiled)[ruleIndex].portsText);
        }
    }
    c.step(u"origin"_s, false, detail);
}

bool CorsEngine::methodAllowed(Context &c, const QByteArray &method, bool preflight) const
{
    const CompiledRule &rule = *c.compiled;
    if (containsToken(rule.methods, method, Qt::CaseSensitive)) {
        c.step(u"method"_s, true,
               QLatin1String(method) + u" is among the rule's allowed methods ("_s + rule.methodsText
                   + u")."_s);
        return true;
    }
    if (rule.anyMethod) {
        c.step(u"method"_s, true, u"The rule allows any method (*)."_s);
        return true;
    }
    const QString methodText = QString::fromUtf8(method);
    // Fetch §3.2.3: browsers never check safelisted methods against Access-Control-Allow-Methods,
    // so the strict profile does not refuse them either. Boomi and webMethods match the
    // configured list literally (seeds/000, seeds/003 row 2).
    if (m_tenant.profile == Profile::Strict && isSafelistedMethod(method)) {
        c.step(u"method"_s, true,
               methodText + u" is a CORS-safelisted method, which needs no permission (Fetch §2.2.1)."_s);
        return true;
    }
    QString detail = u"%1 is not among the rule's allowed methods (%2)."_s.arg(methodText, rule.methodsText);
    if (containsToken(rule.methods, method, Qt::CaseInsensitive))
        detail +=
            u" Methods are case-sensitive: the rule's spelling differs from the %1 the browser sends."_s.arg(
                methodText);
    if (!preflight)
        detail += u" The response gets no CORS headers."_s;
    c.step(u"method"_s, false, detail);
    return false;
}

bool CorsEngine::headersAllowed(Context &c) const
{
    const CompiledRule &rule = *c.compiled;
    const QLatin1String requestedText(c.requested.joined);
    if (c.requested.names.isEmpty()) {
        c.step(u"headers"_s, true, u"The browser asks for no request headers beyond the safelisted ones."_s);
        return true;
    }
    if (rule.anyHeader) {
        c.step(u"headers"_s, true,
               u"The rule allows any request header (*); the requested headers ("_s + requestedText
                   + u") are allowed."_s);
        return true;
    }
    QByteArrayList refused;
    for (const QByteArrayView name : c.requested.names) {
        if (!isDefaultRequestHeader(name) && !containsToken(rule.allowHeaders, name, Qt::CaseSensitive))
            refused.append(name.toByteArray());
    }
    if (refused.isEmpty()) {
        c.step(u"headers"_s, true, u"The requested headers ("_s + requestedText + u") are all allowed."_s);
        return true;
    }
    QString detail = u"The rule does not allow the requested header%1 %2 (it allows %3)."_s.arg(
        refused.size() > 1 ? u"s"_s : QString(), joinedText(refused), rule.allowHeadersText);
    if (refused.contains("content-type"))
        detail +=
            u" A browser asks for content-type when the page sends a Content-Type that is not CORS-safelisted (such as application/json): add Content-Type to the allowed headers."_s;
    c.step(u"headers"_s, false, detail);
    return false;
}

void CorsEngine::evaluatePreflight(Context &c) const
{
    CorsDecision &d = c.decision;
    const Profile profile = m_tenant.profile;
    c.step(
        u"authentication"_s, true,
        u"Preflights are never authenticated (seeds/000); the tenant's authentication applies to the actual request."_s);

    const QByteArrayList &methodValues = c.requestMethods;
    const QByteArray method = methodValues.value(0).trimmed();
    if (methodValues.size() != 1 || !HttpHeaders::isToken(method)) {
        c.step(u"request"_s, false,
               u"Access-Control-Request-Method \"%1\" is not one method name."_s.arg(
                   QString::fromLatin1(methodValues.join(", "))));
        rejectPreflight(c, 405, QByteArrayLiteral("Method Not Allowed"));
        return;
    }
    c.requested = parseRequestedHeaders(c.requestHeaderLines);
    if (!c.requested.invalid.isNull()) {
        c.step(u"request"_s, false,
               u"Access-Control-Request-Headers contains \"%1\", which is not a header name."_s.arg(
                   QString::fromLatin1(c.requested.invalid.left(80))));
        rejectPreflight(c, 403, QByteArrayLiteral("Header Not Supported"));
        return;
    }
    c.step(u"request"_s, true,
           c.requested.names.isEmpty()
               ? QString(u"The browser asks whether it may send "_s + QLatin1String(method) + u'.')
               : QString(u"The browser asks whether it may send "_s + QLatin1String(method)
                         + u" with the headers "_s + QLatin1String(c.requested.joined) + u'.'));

    matchOrigin(c);
    if (!c.rule) {
        if (c.originValid && m_tenant.backendMerge == BackendMerge::PassthroughIfNoRule) {
            c.step(
                u"merge"_s, true,
                u"No rule applies and backend merge is passthrough-if-no-rule: the preflight goes to the backend, whose own CORS headers decide (seeds/003)."_s);
            passThrough(c);
            const QByteArray allowOrigin = d.headers.value(kAllowOrigin);
            d.allowed = allowOrigin == "*" || allowOrigin == c.originHeader;
            addVary(c, true);
            return;
        }
        if (c.originValid && profile == Profile::Apig) {
            c.step(
                u"response"_s, true,
                u"The APIG profile answers every origin when CORS is enabled: 200 with Access-Control-Allow-Origin: * and the default lists (seeds/002)."_s);
        } else {
            rejectPreflight(c, 403, QByteArrayLiteral("Specified Origin is not allowed"));
            return;
        }
    } else if (profile != Profile::Apig) {
        if (!methodAllowed(c, method, true)) {
            rejectPreflight(c, 405, QByteArrayLiteral("Method Not Allowed"));
            return;
        }
        if (!headersAllowed(c)) {
            rejectPreflight(c, 403, QByteArrayLiteral("Header Not Supported"));
            return;
        }
    } else {
        c.step(
            u"method"_s, true,
            u"The APIG profile does not check the method or headers itself: it answers with its lists and the browser compares (seeds/002)."_s);
    }

    d.allowed = true;
    d.status = profile == Profile::Strict ? 204 : 200;
    d.headers = preflightAcceptedHeaders(c, method);
    d.body.clear();
    c.step(u"response"_s, true,
           profile == Profile::Strict
               ? u"Preflight accepted: 204 No Content with the CORS headers the browser checks."_s
               : u"Preflight accepted: 200 with the CORS headers the browser checks."_s);
    addVary(c, true);
}

void CorsEngine::rejectPreflight(Context &c, int webMethodsStatus, const QByteArray &webMethodsReason) const
{
    CorsDecision &d = c.decision;
    d.allowed = false;
    d.headers = HttpHeaders();
    d.body.clear();
    switch (m_tenant.profile) {
    case Profile::Strict:
        d.status = 403;
        d.headers.append(kContentType, kTextPlain);
        d.body = QByteArrayLiteral("CORS preflight rejected: ");
        d.body += (c.decision.trace.isEmpty() ? QString() : c.decision.trace.last().detail).toUtf8() + '\n';
        c.step(u"response"_s, false,
               u"Preflight rejected: 403 without CORS headers, so the browser blocks the request."_s);
        break;
    case Profile::Boomi:
        // seeds/000: "the response status code would also be 200, but the
        // Access-Control-Allow-... headers would be omitted".
        d.status = 200;
        c.step(
            u"response"_s, false,
            u"Preflight rejected the Boomi way: 200 without any Access-Control-Allow-* header (seeds/000); the browser blocks the request."_s);
        break;
    case Profile::WebMethods:
        // seeds/003, preflight table rows 1-3.
        d.status = webMethodsStatus;
        d.headers.append(kContentType, kTextPlain);
        d.body = webMethodsReason;
        c.step(u"response"_s, false,
               u"Preflight rejected: %1 \"%2\" (seeds/003)."_s.arg(webMethodsStatus)
                   .arg(QString::fromUtf8(webMethodsReason)));
        break;
    case Profile::Apig:
        d.status = 200;
        d.headers.append(kContentType, QByteArrayLiteral("application/json"));
        d.headers.append(QByteArrayLiteral("X-Request-Id"), requestId(c.request));
        c.step(u"response"_s, false,
               u"The preflight is malformed: the OPTIONS API answers 200 without CORS headers."_s);
        break;
    }
    addVary(c, true);
}

HttpHeaders CorsEngine::preflightAcceptedHeaders(const Context &c, const QByteArray &method) const
{
    HttpHeaders h;
    h.reserve(8);
    const Rule *rule = c.rule;
    const CompiledRule *r = c.compiled;
    const QByteArray &origin = c.originHeader;
    switch (m_tenant.profile) {
    case Profile::Strict:
        // Echo what was asked for; a cache keys it by all three request headers (Vary).
        h.append(kAllowOrigin, origin);
        if (rule->allowCredentials)
            h.append(kAllowCredentials, QByteArrayLiteral("true"));
        h.append(kAllowMethods, method);
        if (!c.requested.names.isEmpty())
            h.append(kAllowHeaders, c.requested.joined);
        if (rule->cachePreflight)
            h.append(kMaxAge, r->maxAge);
        break;
    case Profile::Boomi:
        // seeds/000: "Access-Control-Allow-Methods: GET, POST, PUT, DELETE",
        //            "Access-Control-Allow-Headers: X-Custom-Header, Some-Other-Header".
        h.append(kAllowOrigin, origin);
        if (!rule->methods.isEmpty())
            h.append(kAllowMethods, r->methodsSpaced);
        if (!rule->allowHeaders.isEmpty())
            h.append(kAllowHeaders, r->allowHeadersSpaced);
        if (rule->allowCredentials)
            h.append(kAllowCredentials, QByteArrayLiteral("true"));
        if (rule->cachePreflight)
            h.append(kMaxAge, r->maxAge);
        break;
    case Profile::WebMethods:
        // seeds/003 preflight rows 4 and 5: origin, methods, headers, max age, credentials.
        h.append(kAllowOrigin, origin);
        if (!rule->methods.isEmpty())
            h.append(kAllowMethods, r->methodsPlain);
        if (!rule->allowHeaders.isEmpty())
            h.append(kAllowHeaders, r->allowHeadersPlain);
        if (rule->cachePreflight)
            h.append(kMaxAge, r->maxAge);
        if (rule->allowCredentials)
            h.append(kAllowCredentials, QByteArrayLiteral("true"));
        break;
    case Profile::Apig: {
        // seeds/002 / seeds/004, "Response sent by APIG" to the OPTIONS request.
        h.append(kContentType, QByteArrayLiteral("application/json"));
        h.append(QByteArrayLiteral("X-Request-Id"), requestId(c.request));
        const bool credentials = rule && rule->allowCredentials;
        const bool wildcard = !rule || (r->anyDomain && !c.application);
        h.append(kAllowOrigin, wildcard && !credentials ? QByteArrayLiteral("*") : origin);
        h.append(kAllowHeaders,
                 rule && !rule->allowHeaders.isEmpty() ? r->allowHeadersPlain
                                                       : joined(kApigAllowHeaders, ","));
        h.append(kExposeHeaders,
                 rule && !rule->exposeHeaders.isEmpty() ? r->exposePlain : joined(kApigExposeHeaders, ","));
        h.append(kAllowMethods,
                 rule && !rule->methods.isEmpty() ? r->methodsPlain : joined(kApigMethods, ","));
        h.append(kMaxAge, rule && rule->cachePreflight ? r->maxAge : QByteArray::number(kApigMaxAge));
        if (credentials)
            h.append(kAllowCredentials, QByteArrayLiteral("true"));
        break;
    }
    }
    return h;
}

HttpHeaders CorsEngine::actualAcceptedHeaders(const Context &c) const
{
    HttpHeaders h;
    const Rule *rule = c.rule;
    const CompiledRule *r = c.compiled;
    const QByteArray &origin = c.originHeader;
    switch (m_tenant.profile) {
    case Profile::Strict:
    case Profile::Boomi:
    case Profile::WebMethods:
        // seeds/000 normal request; seeds/003 CORS request row 2.
        h.append(kAllowOrigin, origin);
        if (rule->allowCredentials)
            h.append(kAllowCredentials, QByteArrayLiteral("true"));
        if (!rule->exposeHeaders.isEmpty())
            h.append(kExposeHeaders, m_tenant.profile == Profile::Strict ? r->exposeSpaced : r->exposePlain);
        break;
    case Profile::Apig: {
        // seeds/002 scenario 1: "Access-Control-Allow-Origin: *".
        const bool credentials = rule && rule->allowCredentials;
        const bool wildcard = !rule || (r->anyDomain && !c.application);
        h.append(kAllowOrigin, wildcard && !credentials ? QByteArrayLiteral("*") : origin);
        if (credentials)
            h.append(kAllowCredentials, QByteArrayLiteral("true"));
        if (rule && !rule->exposeHeaders.isEmpty())
            h.append(kExposeHeaders, r->exposePlain);
        break;
    }
    }
    return h;
}

void CorsEngine::evaluateActual(Context &c) const
{
    CorsDecision &d = c.decision;
    const Profile profile = m_tenant.profile;
    authenticate(c);
    matchOrigin(c);

    bool accepted = c.rule != nullptr;
    if (accepted && profile == Profile::Strict)
        accepted = methodAllowed(c, c.request.method, false);

    if (accepted) {
        d.allowed = true;
        respondWithBackend(c, actualAcceptedHeaders(c));
    } else if (!c.rule && c.originValid && m_tenant.backendMerge == BackendMerge::PassthroughIfNoRule) {
        c.step(
            u"merge"_s, true,
            u"No rule applies and backend merge is passthrough-if-no-rule: the backend's response, with its own CORS headers if any, goes back unchanged (seeds/003)."_s);
        passThrough(c);
        const QByteArray allowOrigin = d.headers.value(kAllowOrigin);
        d.allowed = allowOrigin == "*" || allowOrigin == c.originHeader;
    } else if (profile == Profile::Apig && c.originValid) {
        d.allowed = true;
        HttpHeaders cors;
        cors.append(kAllowOrigin, QByteArrayLiteral("*"));
        c.step(
            u"response"_s, true,
            u"The APIG profile answers requests from any origin with Access-Control-Allow-Origin: * when CORS is enabled (seeds/002 scenario 1)."_s);
        respondWithBackend(c, cors);
    } else if (profile == Profile::WebMethods) {
        // seeds/003, CORS request row 1.
        d.allowed = false;
        d.status = 403;
        d.headers = HttpHeaders();
        d.headers.append(kContentType, kTextPlain);
        d.body = QByteArrayLiteral("Specified Origin is not allowed");
        c.step(u"response"_s, false,
               u"Request rejected: 403 \"Specified Origin is not allowed\" (seeds/003)."_s);
    } else {
        d.allowed = false;
        respondWithBackend(c, {});
        c.step(
            u"response"_s, false,
            profile == Profile::Boomi
                ? u"Origin not accepted: the backend's response goes back without Access-Control-* headers (seeds/000), so the browser hides it from the page."_s
                : u"Not accepted: the backend's response goes back without CORS headers, so the browser hides it from the page."_s);
    }
    addVary(c, false);
}

void CorsEngine::passThrough(Context &c) const
{
    c.decision.status = c.backend.status;
    c.decision.headers = c.backend.headers;
    c.decision.body = c.backend.body;
}

void CorsEngine::respondWithBackend(Context &c, const HttpHeaders &gateway) const
{
    CorsDecision &d = c.decision;
    const HttpResponse &backend = c.backend;
    d.status = backend.status;
    d.body = backend.body;
    d.headers = HttpHeaders();

    HttpHeaders backendCors;
    for (const auto &[name, value] : backend.headers) {
        if (isCorsHeader(name))
            backendCors.append(name, value);
        else
            d.headers.append(name, value);
    }
    if (m_tenant.profile == Profile::Apig)
        d.headers.append(QByteArrayLiteral("X-Request-Id"), requestId(c.request));

    if (m_tenant.backendMerge == BackendMerge::BackendWins && !backendCors.isEmpty()) {
        // seeds/002 scenario 2: "The CORS header in the backend response overwrites that in
        // APIG's response" — in the gateway's position, with the backend's value.
        QList<QByteArray> overridden;
        HttpHeaders used;
        for (const auto &[name, value] : gateway) {
            if (backendCors.contains(name)) {
                if (!used.contains(name)) {
                    for (const QByteArray &v : backendCors.values(name))
                        d.headers.append(name, v);
                    used.append(name, {});
                    overridden.append(name);
                }
            } else {
                d.headers.append(name, value);
            }
        }
        for (const auto &[name, value] : backendCors) {
            if (!used.contains(name))
                d.headers.append(name, value);
        }
        c.step(
            u"merge"_s, true,
            u"The backend sent its own CORS headers (%1); with backend merge backend-wins they stand%2 (seeds/002 scenario 2)."_s
                .arg(QString::fromUtf8([&] {
                         QByteArrayList names;
                         for (const auto &field : backendCors)
                             names.append(field.first);
                         return names.join(", ");
                     }()),
                     overridden.isEmpty() ? QString()
                                          : u" and override the gateway's %1"_s.arg(
                                              QString::fromUtf8(QByteArrayList(overridden).join(", ")))));
        return;
    }

    for (const auto &[name, value] : gateway)
        d.headers.append(name, value);
    if (!backendCors.isEmpty()) {
        c.step(
            u"merge"_s, true,
            u"The backend sent its own Access-Control-* headers; the gateway's policy takes precedence and removes them (backend merge %1, seeds/003)."_s
                .arg(backendMergeName(m_tenant.backendMerge)));
    }
}

void CorsEngine::addVary(Context &c, bool preflight) const
{
    if (!m_variesByOrigin)
        return;
    static const QByteArray preflightVary = kOrigin + ", " + kRequestMethod + ", " + kRequestHeaders;
    const bool allThree = preflight && m_tenant.profile != Profile::Apig;
    HttpHeaders &headers = c.decision.headers;
    if (!headers.contains(kVary)) {
        headers.append(kVary, allThree ? preflightVary : kOrigin);
        c.step(
            u"vary"_s, true,
            allThree
                ? u"Vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers keeps caches from serving one origin's answer to another."_s
                : u"Vary: Origin keeps caches from serving one origin's answer to another."_s);
        return;
    }
    const TokenList existing = TokenList::parse(headers.values(kVary));
    if (existing.contains("*", Qt::CaseSensitive))
        return;
    QByteArrayList missing;
    for (const QByteArray &name : allThree ? QByteArrayList { kOrigin, kRequestMethod, kRequestHeaders }
                                           : QByteArrayList { kOrigin }) {
        if (!existing.contains(name, Qt::CaseInsensitive))
            missing.append(name);
    }
    if (missing.isEmpty())
        return;
    headers.set(kVary, headers.combinedValue(kVary) + ", " + missing.join(", "));
    c.step(u"vary"_s, true,
           u"Vary: %1 keeps caches from serving one origin's answer to another."_s.arg(
               QString::fromUtf8(missing.join(", "))));
}

QByteArray CorsEngine::requestId(const HttpRequest &request) const
{
    // APIG answers with a 32-hex-digit X-Request-Id (seeds/002). A digest of the request keeps
    // the simulation deterministic: the same request always gets the same id.
    QCryptographicHash hash(QCryptographicHash::Md5);
    hash.addData(request.method);
    hash.addData(request.url.toEncoded());
    for (const auto &[name, value] : request.headers) {
        hash.addData(name);
        hash.addData(value);
    }
    return hash.result().toHex();
}

} // namespace cors
