// Every request/response example of the source documents (../shared/seeds), reproduced by the
// engine under the matching profile. Each row quotes the document's text blocks verbatim; when
// the documents are beside the repository, verbatimInDocuments() proves the quotes are exact.

#include "bundle/bundlereader.h"
#include "engine/corsengine.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

class tst_SeedExamples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void examples_data();
    void examples();
    void verbatimInDocuments_data() { examples_data(); }
    void verbatimInDocuments();
};

// moc's tokenizer does not follow the raw string literals below; it only needs the class.
#ifndef Q_MOC_RUN

namespace {

enum class Compare {
    // Excerpt (Boomi, webMethods): the status and the exact sequence of Access-Control-* headers,
    // and no other Access-Control-* header.
    CorsHeaders,
    // Whole response (APIG / ROMA Connect): every header in order and the body. Date,
    // Content-Length and Server come from the HTTP layer, so they are compared only when the
    // backend's response (which the engine passes on) carries them.
    Everything,
};

struct Excerpt
{
    QString requestLine;
    HttpHeaders headers;
    QByteArray body;
};

// Parses a block as the documents write it: an optional start line, "Name: value" or
// "*Name : value" lines (webMethods), a value continued on the next line, a blank line, a body.
Excerpt parseExcerpt(const QString &text)
{
    Excerpt excerpt;
    if (text.startsWith(u"\n\n"_s)) { // only a body: "Sends 403 Specified Origin is not allowed"
        excerpt.body = text.trimmed().toUtf8();
        return excerpt;
    }
    const QStringList lines = text.split(u'\n');
    bool inBody = false;
    QStringList body;
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (inBody) {
            if (!line.isEmpty())
                body.append(line);
            continue;
        }
        if (line.isEmpty()) {
            inBody = !excerpt.headers.isEmpty() || !excerpt.requestLine.isEmpty();
            continue;
        }
        if (line.startsWith(u"HTTP/"_s) || QRegularExpression(u"^[A-Z]+ /"_s).match(line).hasMatch()) {
            excerpt.requestLine = line;
            continue;
        }
        if (!excerpt.headers.isEmpty() && excerpt.headers.fields().last().second.isEmpty()) {
            // "*Access-Control-Allow-Origin :" followed by the value on its own line (seeds/003).
            auto fields = excerpt.headers.fields();
            const QByteArray name = fields.last().first;
            excerpt.headers.remove(name);
            excerpt.headers.append(name, line.toUtf8());
            continue;
        }
        QString header = line;
        if (header.startsWith(u'*'))
            header.remove(0, 1);
        const qsizetype colon = header.indexOf(u':');
        excerpt.headers.append(header.left(colon).trimmed().toUtf8(),
                               header.mid(colon + 1).trimmed().toUtf8());
    }
    excerpt.body = body.join(u'\n').toUtf8();
    return excerpt;
}

HttpRequest requestFrom(const Excerpt &excerpt)
{
    HttpRequest request;
    QString path = u"/"_s;
    if (!excerpt.requestLine.isEmpty()) {
        const QStringList parts = excerpt.requestLine.split(u' ');
        request.method = parts.value(0).toUtf8();
        // seeds/002 and seeds/004 write "OPTIONS /HTTP/1.1" (the space is missing).
        path = parts.value(1) == u"/HTTP/1.1" ? u"/"_s : parts.value(1);
    } else {
        // The webMethods tables list only headers: a preflight when it asks for a method.
        request.method = excerpt.headers.contains("Access-Control-Request-Method") ? "OPTIONS" : "GET";
    }
    const QByteArray host = excerpt.headers.value("Host");
    request.url =
        QUrl(u"http://"_s + (host.isEmpty() ? u"gateway.example.test"_s : QString::fromUtf8(host)) + path);
    request.headers = excerpt.headers;
    return request;
}

HttpHeaders corsHeaders(const HttpHeaders &headers)
{
    HttpHeaders result;
    for (const auto &[name, value] : headers) {
        if (name.startsWith("Access-Control-"))
            result.append(name, value);
    }
    return result;
}

Tenant tenantFrom(const QString &json)
{
    JsonProblems problems;
    const auto tenant =
        BundleReader::readTenant(QJsonDocument::fromJson(json.toUtf8()).object(), u"tenant"_s, &problems);
    for (const JsonProblem &problem : problems)
        qWarning("%s", qPrintable(problem.toString()));
    return tenant.value_or(Tenant());
}

// The lines of `block`, trimmed, appear consecutively (trimmed) in `document`.
bool containsLines(const QString &document, const QString &block)
{
    QStringList documentLines;
    for (const QString &line : document.split(u'\n'))
        documentLines.append(line.trimmed());
    QStringList blockLines;
    for (const QString &line : block.split(u'\n')) {
        if (!line.trimmed().isEmpty())
            blockLines.append(line.trimmed());
    }
    documentLines.removeAll(QString());
    for (qsizetype start = 0; start + blockLines.size() <= documentLines.size(); ++start) {
        if (documentLines.mid(start, blockLines.size()) == blockLines)
            return true;
    }
    return false;
}

// --- Tenants ---------------------------------------------------------------------------------

// seeds/000: the preflight excerpt shows only origin, methods and headers; the rule allows
// neither credentials nor caching, which would add their own headers.
const QString kBoomiPreflightTenant = uR"({"name": "atom", "profile": "boomi", "rules": [{
    "domain": "mydomain.com", "protocols": ["https"],
    "methods": ["GET", "POST", "PUT", "DELETE"],
    "allowHeaders": ["X-Custom-Header", "Some-Other-Header"]}]})"_s;
// seeds/000: the normal-request excerpt adds credentials and the exposed headers Foo,Bar.
const QString kBoomiNormalTenant = uR"({"name": "atom", "profile": "boomi", "rules": [{
    "domain": "mydomain.com", "protocols": ["https"],
    "methods": ["GET", "POST", "PUT", "DELETE"],
    "allowHeaders": ["X-Custom-Header", "Some-Other-Header"],
    "allowCredentials": true, "exposeHeaders": ["Foo", "Bar"]}]})"_s;
// seeds/002, seeds/004: CORS enabled on the API, no plug-in: a "*" rule with the defaults.
const QString kApigTenant = uR"({"name": "apig", "profile": "apig", "backendMerge": "backend-wins",
    "rules": [{"domain": "*"}]})"_s;
// seeds/003, preflight rows 1-3 and CORS-request rows 1-2: the policy's origin, methods and
// headers (rows 1-3 show no max age or credentials; CORS-request rows 1-2 add them).
const QString kWebMethodsTenant = uR"({"name": "wm", "profile": "webmethods", "rules": [{
    "domain": "http://test2.com", "methods": ["POST", "GET", "PUT"], "allowHeaders": ["test1", "test2"],
    "cachePreflight": true, "maxAge": 100, "allowCredentials": true, "exposeHeaders": ["header1", "header2"]}]})"_s;
// seeds/003, preflight rows 4-5 and CORS-request row 3: the policy column lists
// "Access-Control-Allow-Methods : POST", yet the gateway's answer in the same rows lists
// "POST,GET,PUT" — the methods of rows 1-3. The answer is what the gateway sends, so the
// policy here is POST,GET,PUT; a policy of POST alone answers "POST"
// (tst_CorsEngine::webMethodsAnswersConfiguredMethods).
const QString kWebMethodsRow4Tenant = uR"({"name": "wm", "profile": "webmethods", "rules": [{
    "domain": "http://test2.com", "methods": ["POST", "GET", "PUT"], "allowHeaders": ["test1", " test2"],
    "cachePreflight": true, "maxAge": 100, "allowCredentials": true, "exposeHeaders": ["header1", "header2"]}]})"_s;
const QString kWebMethodsApplicationTenant = uR"({"name": "wm", "profile": "webmethods", "rules": [{
    "domain": "http://test1.com", "methods": ["POST", "GET", "PUT"], "allowHeaders": ["test1", "test2"],
    "cachePreflight": true, "maxAge": 100, "allowCredentials": true, "exposeHeaders": ["header1", "header2"]}],
    "applications": [{"name": "Partner app", "origins": ["http://test2.com"]}]})"_s;

} // namespace

void tst_SeedExamples::examples_data()
{
    QTest::addColumn<QString>("seed");
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<QString>("request");
    QTest::addColumn<QString>("backend");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("compare");

    const int excerpt = int(Compare::CorsHeaders);
    const int everything = int(Compare::Everything);
    const QString boomi = u"000_ab89bd0c3ae3eb1d.txt"_s;
    const QString apig = u"002_920f811b3feacf4d.txt"_s;
    const QString webMethods = u"003_3bdf745ba495f529.txt"_s;
    const QString roma = u"004_0c01759cac6fb86d.txt"_s;

    // --- Boomi (seeds/000; seeds/001 has the same examples in newer wording) ------------------
    QTest::newRow("boomi preflight accepted")
        << boomi << kBoomiPreflightTenant << uR"(OPTIONS /cors HTTP/1.1
Origin: https://mydomain.com
Access-Control-Request-Method: PUT
Access-Control-Request-Headers: X-Custom-Header)"_s
        << QString() << 200 << uR"(Access-Control-Allow-Origin: https://mydomain.com
Access-Control-Allow-Methods: GET, POST, PUT, DELETE
Access-Control-Allow-Headers: X-Custom-Header, Some-Other-Header)"_s
        << excerpt;
    // "If the target API request is not of a type the web server accepts from the origin
    // server, the response status code would also be 200, but the Access-Control-Allow-...
    // headers would be omitted."
    QTest::newRow("boomi preflight, method not accepted")
        << boomi << kBoomiPreflightTenant << uR"(OPTIONS /cors HTTP/1.1
Origin: https://mydomain.com
Access-Control-Request-Method: PATCH
Access-Control-Request-Headers: X-Custom-Header)"_s
        << QString() << 200 << QString() << excerpt;
    QTest::newRow("boomi preflight, header not accepted")
        << boomi << kBoomiPreflightTenant << uR"(OPTIONS /cors HTTP/1.1
Origin: https://mydomain.com
Access-Control-Request-Method: PUT
Access-Control-Request-Headers: X-Unknown)"_s
        << QString() << 200 << QString() << excerpt;
    QTest::newRow("boomi preflight, origin not accepted")
        << boomi << kBoomiPreflightTenant << uR"(OPTIONS /cors HTTP/1.1
Origin: https://otherdomain.com
Access-Control-Request-Method: PUT
Access-Control-Request-Headers: X-Custom-Header)"_s
        << QString() << 200 << QString() << excerpt;
    QTest::newRow("boomi preflight, http origin not accepted")
        << boomi << kBoomiPreflightTenant << uR"(OPTIONS /cors HTTP/1.1
Origin: http://mydomain.com
Access-Control-Request-Method: PUT
Access-Control-Request-Headers: X-Custom-Header)"_s
        << QString() << 200 << QString() << excerpt;
    QTest::newRow("boomi normal accepted") << boomi << kBoomiNormalTenant
                                           << uR"(Origin: https://mydomain.com)"_s << QString() << 200
                                           << uR"(Access-Control-Allow-Origin: https://mydomain.com
Access-Control-Allow-Credentials: true
Access-Control-Expose-Headers: Foo,Bar)"_s << excerpt;
    QTest::newRow("boomi normal, origin not accepted")
        << boomi << kBoomiNormalTenant << uR"(Origin: https://otherdomain.com)"_s << QString() << 200
        << QString() << excerpt;

    // --- APIG (seeds/002) ------------------------------------------------------------------
    const QString apigSimpleRequest = uR"(GET /simple HTTP/1.1
Host: www.test.com
Origin: http://www.cors.com
Content-Type: application/x-www-form-urlencoded; charset=utf-8
Accept: application/json
Date: Tue, 15 Jan 2019 01:25:52 GMT)"_s;
    QTest::newRow("apig scenario 1") << apig << kApigTenant << apigSimpleRequest << uR"(HTTP/1.1 200 OK
Date: Tue, 15 Jan 2019 01:25:52 GMT
Content-Type: application/json
Content-Length: 16
Server: api-gateway

{"status":"200"})"_s << 200 << uR"(HTTP/1.1 200 OK
Date: Tue, 15 Jan 2019 01:25:52 GMT
Content-Type: application/json
Content-Length: 16
Server: api-gateway
X-Request-Id: 454d689fa69847610b3ca486458fb08b
Access-Control-Allow-Origin: *

{"status":"200"})"_s << everything;
    QTest::newRow("apig scenario 2, backend CORS header wins") << apig << kApigTenant << apigSimpleRequest
                                                               << uR"(HTTP/1.1 200 OK
Date: Tue, 15 Jan 2019 01:25:52 GMT
Content-Type: application/json
Content-Length: 16
Server: api-gateway
Access-Control-Allow-Origin: http://www.cors.com

{"status":"200"})"_s << 200 << uR"(HTTP/1.1 200 OK
Date: Tue, 15 Jan 2019 01:25:52 GMT
Content-Type: application/json
Content-Length: 16
Server: api-gateway
X-Request-Id: 454d689fa69847610b3ca486458fb08b
Access-Control-Allow-Origin: http://www.cors.com

{"status":"200"})"_s << everything;
    QTest::newRow("apig not-so-simple preflight") << apig << kApigTenant << uR"(OPTIONS /HTTP/1.1
User-Agent: curl/7.29.0
Host: localhost
Accept: */*
Origin: http://www.cors.com
Access-Control-Request-Method: PUT
Access-Control-Request-Headers: X-Sdk-Date)"_s << QString()
                                                  << 200 << uR"(HTTP/1.1 200 OK
Date: Tue, 15 Jan 2019 02:38:48 GMT
Content-Type: application/json
Content-Length: 1036
Server: api-gateway
X-Request-Id: c9b8926888c356d6a9581c5c10bb4d11
Access-Control-Allow-Origin: *
Access-Control-Allow-Headers: X-Stage,X-Sdk-Date,X-Sdk-Nonce,X-Proxy-Signed-Headers,X-Sdk-Content-Sha256,X-Forwarded-For,Authorization,Content-Type,Accept,Accept-Ranges,Cache-Control,Range
Access-Control-Expose-Headers: X-Request-Id,X-Apig-Latency,X-Apig-Upstream-Latency,X-Apig-RateLimit-Api,X-Apig-RateLimit-User,X-Apig-RateLimit-App,X-Apig-RateLimit-Ip,X-Apig-RateLimit-Api-Allenv
Access-Control-Allow-Methods: GET,POST,PUT,DELETE,HEAD,OPTIONS,PATCH
Access-Control-Max-Age: 172800)"_s << everything;
    QTest::newRow("apig not-so-simple actual request") << apig << kApigTenant << uR"(PUT /simple HTTP/1.1
Host: www.test.com
Origin: http://www.cors.com
Content-Type: application/x-www-form-urlencoded; charset=utf-8
Accept: application/json
Date: Tue, 15 Jan 2019 01:25:52 GMT)"_s << uR"(HTTP/1.1 200 OK
Date: Tue, 15 Jan 2019 01:25:52 GMT
Content-Type: application/json
Content-Length: 16
Server: api-gateway

{"status":"200"})"_s << 200 << uR"(HTTP/1.1 200 OK
Date: Tue, 15 Jan 2019 01:25:52 GMT
Content-Type: application/json
Content-Length: 16
Server: api-gateway
X-Request-Id: 454d689fa69847610b3ca486458fb08b
Access-Control-Allow-Origin: *

{"status":"200"})"_s << everything;

    // --- ROMA Connect (seeds/004): the same behaviour; its examples spell the request header
    // "Orgin", so they carry no Origin header at all — and the answer still has the "*".
    const QString romaSimpleRequest = uR"(GET /simple HTTP/1.1
Host: www.test.com
Orgin: http://www.cors.com
Content-Type: application/x-www-form-urlencoded; charset=utf-8
Accept: application/json
Date: Tue, 15 Jan 2019 01:25:52 GMT)"_s;
    const QString romaBackend = uR"(HTTP/1.1 200 OK
Date: Tue, 15 Jan 2019 01:25:52 GMT
Content-Type: application/json
Content-Length: 16
Server: roma

{"status":"200"})"_s;
    const QString romaAnswer = uR"(HTTP/1.1 200 OK
Date: Tue, 15 Jan 2019 01:25:52 GMT
Content-Type: application/json
Content-Length: 16
Server: roma
X-Request-Id: 454d689fa69847610b3ca486458fb08b
Access-Control-Allow-Origin: *

{"status":"200"})"_s;
    QTest::newRow("roma scenario 1") << roma << kApigTenant << romaSimpleRequest << romaBackend << 200
                                     << romaAnswer << everything;
    QTest::newRow("roma scenario 2, backend CORS header wins") << roma << kApigTenant << romaSimpleRequest
                                                               << uR"(HTTP/1.1 200 OK
Date: Tue, 15 Jan 2019 01:25:52 GMT
Content-Type: application/json
Content-Length: 16
Server: roma
Access-Control-Allow-Origin: http://www.cors.com

{"status":"200"})"_s << 200 << uR"(HTTP/1.1 200 OK
Date: Tue, 15 Jan 2019 01:25:52 GMT
Content-Type: application/json
Content-Length: 16
Server: roma
X-Request-Id: 454d689fa69847610b3ca486458fb08b
Access-Control-Allow-Origin: http://www.cors.com

{"status":"200"})"_s << everything;
    QTest::newRow("roma non-simple preflight") << roma << kApigTenant << uR"(OPTIONS /HTTP/1.1
User-Agent: curl/7.29.0
Host: localhost
Accept: */*
Origin: http://www.cors.com
Access-Control-Request-Method: PUT
Access-Control-Request-Headers: X-Sdk-Date)"_s << QString()
                                               << 200 << uR"(HTTP/1.1 200 OK
Date: Tue, 15 Jan 2019 02:38:48 GMT
Content-Type: application/json
Content-Length: 1036
Server: roma
X-Request-Id: c9b8926888c356d6a9581c5c10bb4d11
Access-Control-Allow-Origin: *
Access-Control-Allow-Headers: X-Stage,X-Sdk-Date,X-Sdk-Nonce,X-Proxy-Signed-Headers,X-Sdk-Content-Sha256,X-Forwarded-For,Authorization,Content-Type,Accept,Accept-Ranges,Cache-Control,Range
Access-Control-Expose-Headers: X-Request-Id,X-Apig-Latency,X-Apig-Upstream-Latency,X-Apig-RateLimit-Api,X-Apig-RateLimit-User,X-Apig-RateLimit-App,X-Apig-RateLimit-Ip,X-Apig-RateLimit-Api-Allenv
Access-Control-Allow-Methods: GET,POST,PUT,DELETE,HEAD,OPTIONS,PATCH
Access-Control-Max-Age: 172800)"_s << everything;
    QTest::newRow("roma non-simple actual request") << roma << kApigTenant << uR"(PUT /simple HTTP/1.1
Host: www.test.com
Orgin: http://www.cors.com
Content-Type: application/x-www-form-urlencoded; charset=utf-8
Accept: application/json
Date: Tue, 15 Jan 2019 01:25:52 GMT)"_s << romaBackend
                                                    << 200 << romaAnswer << everything;

    // --- webMethods (seeds/003): the preflight table --------------------------------------
    QTest::newRow("webmethods preflight row 1, origin") << webMethods << kWebMethodsTenant
                                                        << uR"(Origin: http://test.com
Access-Control-Request-Method : POST
Access-Control-Request-Headers : test1,test2)"_s << QString()
                                                        << 403 << uR"(

Specified Origin is not allowed)"_s << excerpt;
    QTest::newRow("webmethods preflight row 2, method") << webMethods << kWebMethodsTenant
                                                        << uR"(Origin: http://test2.com
Access-Control-Request-Method : DELETE
Access-Control-Request-Headers : test1,test2)"_s << QString()
                                                        << 405 << uR"(

Method Not Allowed)"_s << excerpt;
    QTest::newRow("webmethods preflight row 3, header") << webMethods << kWebMethodsTenant
                                                        << uR"(Origin: http://test2.com
Access-Control-Request-Method : POST
Access-Control-Request-Headers : test3)"_s << QString() << 403
                                                        << uR"(

Header Not Supported)"_s << excerpt;
    QTest::newRow("webmethods preflight row 4, accepted")
        << webMethods << kWebMethodsRow4Tenant << uR"(Origin: http://test2.com
Access-Control-Request-Method : POST
Access-Control-Request-Headers : test1)"_s
        << QString() << 200 << uR"(*Access-Control-Allow-Origin : http://test2.com
*Access-Control-Allow-Methods : POST,GET,PUT
*Access-Control-Allow-Headers : test1,test2
*Access-Control-Max-Age: 100
*Access-Control-Allow-Credentials : true)"_s
        << excerpt;
    QTest::newRow("webmethods preflight row 5, application origin")
        << webMethods << kWebMethodsApplicationTenant << uR"(Origin: http://test2.com
Access-Control-Request-Method : POST
Access-Control-Request-Headers : test1)"_s
        << QString() << 200 << uR"(*Access-Control-Allow-Origin : http://test2.com
*Access-Control-Allow-Methods : POST,GET,PUT
*Access-Control-Allow-Headers : test1,test2
*Access-Control-Max-Age: 100
*Access-Control-Allow-Credentials : true)"_s
        << excerpt;

    // --- webMethods (seeds/003): the CORS-request table -----------------------------------
    QTest::newRow("webmethods request row 1, origin")
        << webMethods << kWebMethodsTenant << uR"(Origin: http://test.com)"_s << QString() << 403 << uR"(

Specified Origin is not allowed)"_s
        << excerpt;
    QTest::newRow("webmethods request row 2, accepted") << webMethods << kWebMethodsTenant
                                                        << uR"(Origin: http://test2.com)"_s << QString()
                                                        << 200 << uR"(*Access-Control-Allow-Origin :
http://test2.com
*Access-Control-Allow-Credentials : true
*Access-Control-Expose-Headers : header1,header2)"_s << excerpt;
    // Row 3 repeats preflight row 5: its request asks for a method, so it is a preflight.
    QTest::newRow("webmethods request row 3, application origin")
        << webMethods << kWebMethodsApplicationTenant << uR"(Origin: http://test2.com
Access-Control-Request-Method : POST
Access-Control-Request-Headers : test1)"_s
        << QString() << 200 << uR"(*Access-Control-Allow-Origin : http://test2.com
*Access-Control-Allow-Methods : POST,GET,PUT
*Access-Control-Allow-Headers : test1,test2
*Access-Control-Max-Age: 100
*Access-Control-Allow-Credentials : true)"_s
        << excerpt;
}

void tst_SeedExamples::examples()
{
    QFETCH(QString, tenant);
    QFETCH(QString, request);
    QFETCH(QString, backend);
    QFETCH(int, status);
    QFETCH(QString, expected);
    QFETCH(int, compare);

    const Tenant configuration = tenantFrom(tenant);
    QVERIFY(!configuration.name.isEmpty());
    const HttpRequest httpRequest = requestFrom(parseExcerpt(request));
    std::optional<HttpResponse> backendResponse;
    if (!backend.isEmpty()) {
        const Excerpt parsed = parseExcerpt(backend);
        backendResponse =
            HttpResponse { parsed.requestLine.section(u' ', 1, 1).toInt(), parsed.headers, parsed.body };
    }

    const CorsDecision decision = CorsEngine(configuration).evaluate(httpRequest, backendResponse);
    const Excerpt answer = parseExcerpt(expected);
    QCOMPARE(decision.status, status);

    if (Compare(compare) == Compare::CorsHeaders) {
        QCOMPARE(corsHeaders(decision.headers), answer.headers);
        if (!answer.body.isEmpty())
            QCOMPARE(decision.body, answer.body);
        return;
    }

    HttpHeaders expectedHeaders = answer.headers;
    if (!backendResponse) {
        for (const char *transport : { "Date", "Content-Length", "Server" })
            expectedHeaders.remove(transport);
    }
    QCOMPARE(decision.headers.size(), expectedHeaders.size());
    for (qsizetype i = 0; i < expectedHeaders.size(); ++i) {
        const auto &[name, value] = decision.headers.fields()[i];
        const auto &[expectedName, expectedValue] = expectedHeaders.fields()[i];
        QCOMPARE(name, expectedName);
        if (name == "X-Request-Id")
            QVERIFY2(QRegularExpression(u"^[0-9a-f]{32}$"_s).match(QString::fromLatin1(value)).hasMatch(),
                     value.constData());
        else
            QCOMPARE(value, expectedValue);
    }
    QCOMPARE(decision.body, answer.body);
}

void tst_SeedExamples::verbatimInDocuments()
{
    QFETCH(QString, seed);
    QFETCH(int, status);
    QFETCH(QString, request);
    QFETCH(QString, backend);
    QFETCH(QString, expected);
    QFile file(QStringLiteral(CORS_SEEDS_DIR) + u'/' + seed);
    if (!file.open(QIODevice::ReadOnly))
        QSKIP("the source documents (../shared/seeds) are not beside this checkout");
    const QString document = QString::fromUtf8(file.readAll());
    const QString tag = QString::fromUtf8(QTest::currentDataTag());
    // Rows that are not examples of the document (rejections it describes in words, or the
    // "*" marker layout of webMethods' answers) are checked where the text is verbatim.
    const bool quotesRequest = !tag.contains(u", method not accepted"_s)
        && !tag.contains(u", header not accepted"_s) && !tag.contains(u"origin not accepted"_s);
    if (quotesRequest)
        QVERIFY2(containsLines(document, request),
                 qPrintable(u"request of '%1' not found verbatim in %2"_s.arg(tag, seed)));
    if (!backend.isEmpty())
        QVERIFY2(containsLines(document, backend),
                 qPrintable(u"backend response of '%1' not found verbatim"_s.arg(tag)));
    if (!expected.trimmed().isEmpty() && quotesRequest) {
        // webMethods' rejections are sentences: "Sends 403 Specified Origin is not allowed status".
        const bool sentence = expected.startsWith(u"\n\n"_s);
        const bool found = sentence ? document.contains(u"Sends %1 %2"_s.arg(status).arg(expected.trimmed()))
                                    : containsLines(document, expected);
        QVERIFY2(found, qPrintable(u"answer of '%1' not found verbatim in %2"_s.arg(tag, seed)));
    }
}

#endif // Q_MOC_RUN

QTEST_APPLESS_MAIN(tst_SeedExamples)
#include "tst_seedexamples.moc"
