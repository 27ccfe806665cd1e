// HarReplay: each cross-origin fetch of a HAR replayed through the browser model against the
// recorded responses and against a tenant's rules — the browser's own error, and what the rules change.
#include "bundle/bundlereader.h"
#include "harbuilder.h"
#include "import/harreader.h"
#include "import/harreplay.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using cors::test::HarBuilder;

namespace {

HarLog load(const QString &name)
{
    QFile file(QStringLiteral(CORS_IMPORT_DATA "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    JsonProblems problems;
    auto log = HarReader::read(file.readAll(), &problems);
    if (!log)
        qFatal("%s: %s", qPrintable(name), qPrintable(problems.first().toString()));
    return *log;
}

Tenant acmeStorefront()
{
    QFile file(QStringLiteral(CORS_IMPORT_DATA "/acme.corsbundle.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the bundle");
    JsonProblems problems;
    const auto bundle = BundleReader::read(QJsonDocument::fromJson(file.readAll()).object(), &problems);
    if (!bundle)
        qFatal("bad bundle");
    return bundle->tenants.first();
}

HarReport replay(const HarLog &log, const std::optional<Tenant> &tenant = acmeStorefront())
{
    QString evidence;
    const BrowserProfile browser = HarReplay::detectBrowser(log, &evidence);
    return HarReplay::run(log, browser, evidence, tenant);
}

} // namespace

class tst_HarReplay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requests_data();
    void requests();
    void detectBrowser();
    void sanitizedCredentialsAreInferred();
    void cachedPreflightStandsIn();
    void redirectsUnderTheRules();
    void missingResponse();
    void onlyThePreflight();
    void requestWentOutWithoutARecordedPreflight();
    void notModified();
    void notACorsFailure();
    void notAFetch();
    void withoutTenant();
    void ruleChangeFlipsTheVerdict();
    void otherBrowser();
    void json();
    void manyRequests();
};

void tst_HarReplay::requests_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("request"); // "METHOD URL"
    QTest::addColumn<QString>("replay");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("finding");

    const QString chromium = u"chromium-failed-preflight.har"_s;
    QTest::newRow("Chromium: a fine credentialed GET")
        << chromium << 0 << u"GET https://api.acme.example/cart"_s << u"allowed"_s << QString() << QString()
        << u"works"_s;
    QTest::newRow("Chromium: PUT blocked at its preflight")
        << chromium << 1 << u"PUT https://api.acme.example/cart/items/42"_s << u"blocked"_s
        << u"MethodDisallowedByPreflightResponse"_s
        << u"Access to fetch at 'https://api.acme.example/cart/items/42' from origin "
           "'https://shop.acme.example' has been blocked by CORS policy: Method PUT is not allowed by "
           "Access-Control-Allow-Methods in preflight response."_s
        << u"fixed"_s;
    QTest::newRow("Chromium: a 201 without Access-Control-Allow-Origin")
        << chromium << 2 << u"POST https://api.acme.example/orders"_s << u"blocked"_s
        << u"MissingAllowOriginHeader"_s
        << u"Access to fetch at 'https://api.acme.example/orders' from origin 'https://shop.acme.example' "
           "has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the "
           "requested resource."_s
        << u"fixed"_s;

    const QString sanitized = u"chromium-sanitized.har"_s;
    QTest::newRow("sanitized: \"*\" with credentials the HAR does not show")
        << sanitized << 0 << u"GET https://api.acme.example/me"_s << u"blocked"_s
        << u"WildcardOriginNotAllowed"_s
        << u"Access to fetch at 'https://api.acme.example/me' from origin 'https://shop.acme.example' has "
           "been blocked by CORS policy: The value of the 'Access-Control-Allow-Origin' header in the "
           "response must not be the wildcard '*' when the request's credentials mode is 'include'."_s
        << u"fixed"_s;
    QTest::newRow("sanitized: Authorization, restored from the preflight")
        << sanitized << 1 << u"PUT https://api.acme.example/me/preferences"_s << u"blocked"_s
        << u"HeaderDisallowedByPreflightResponse"_s
        << u"Access to fetch at 'https://api.acme.example/me/preferences' from origin "
           "'https://shop.acme.example' has been blocked by CORS policy: Request header field authorization "
           "is not allowed by Access-Control-Allow-Headers in preflight response."_s
        << u"still-blocked"_s;
    QTest::newRow("sanitized: a preflighted DELETE")
        << sanitized << 2 << u"DELETE https://api.acme.example/me/sessions/9"_s << u"allowed"_s << QString()
        << QString() << u"works"_s;
    QTest::newRow("sanitized: the same DELETE, preflight from the cache")
        << sanitized << 3 << u"DELETE https://api.acme.example/me/sessions/9"_s << u"allowed"_s << QString()
        << QString() << u"works"_s;

    const QString redirects = u"chromium-redirects.har"_s;
    QTest::newRow("redirects: within the API")
        << redirects << 0 << u"GET https://api.acme.example/v1/catalog"_s << u"allowed"_s << QString()
        << QString() << u"works"_s;
    QTest::newRow("redirects: to a CDN, origin \"null\" after the redirect")
        << redirects << 1 << u"GET https://api.acme.example/images/42"_s << u"blocked"_s
        << u"AllowOriginMismatch"_s
        << u"Access to fetch at 'https://cdn.acme-media.example/i/42.webp' (redirected from "
           "'https://api.acme.example/images/42') from origin 'https://shop.acme.example' has been blocked "
           "by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'https://shop.acme.example' "
           "that is not equal to the supplied origin. Have the server send the header with a valid value."_s
        << u"still-blocked"_s;

    const QString firefox = u"firefox.har"_s;
    QTest::newRow("Firefox: authorization missing from the preflight's answer")
        << firefox << 0 << u"PATCH https://api.acme.example/admin/users/7"_s << u"blocked"_s
        << u"CORSMissingAllowHeaderFromPreflight"_s
        << u"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at "
           "https://api.acme.example/admin/users/7. (Reason: header ‘authorization’ is not allowed according "
           "to header ‘Access-Control-Allow-Headers’ from CORS preflight response)."_s
        << u"fixed"_s;
    QTest::newRow("Firefox: a fine GET")
        << firefox << 1 << u"GET https://api.acme.example/admin/audit?since=2024-11-01"_s << u"allowed"_s
        << QString() << QString() << u"works"_s;
    QTest::newRow("Firefox: another origin allowed")
        << firefox << 2 << u"GET https://api.acme.example/admin/export.csv"_s << u"blocked"_s
        << u"CORSAllowOriginNotMatchingOrigin"_s
        << u"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at "
           "https://api.acme.example/admin/export.csv. (Reason: CORS header ‘Access-Control-Allow-Origin’ "
           "does not match ‘https://admin.acme.example’)."_s
        << u"fixed"_s;
}

void tst_HarReplay::requests()
{
    QFETCH(QString, file);
    QFETCH(int, row);
    QFETCH(QString, request);
    QFETCH(QString, replay);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(QString, finding);

    const HarReport report = ::replay(load(file));
    QVERIFY(row < report.requests.size());
    const HarRequestResult &result = report.requests[row];
    QCOMPARE(QString::fromLatin1(result.method()) + u' ' + result.url().toString(QUrl::FullyEncoded),
             request);
    QCOMPARE(HarRequestResult::replayName(result.replayVerdict()), replay);
    QVERIFY(result.replayComplete);
    if (code.isEmpty()) {
        QVERIFY(!result.error());
    } else {
        QVERIFY(result.error());
        QCOMPARE(result.error()->code, code);
        QCOMPARE(result.error()->message, message);
    }
    QCOMPARE(HarRequestResult::findingName(result.finding()), finding);
    QVERIFY(!result.summary().isEmpty());
    QCOMPARE(result.rulesAllow(), std::optional<bool>(finding == u"works" || finding == u"fixed"));
}

void tst_HarReplay::detectBrowser()
{
    QString evidence;
    QVERIFY(HarReplay::detectBrowser(load(u"firefox.har"_s), &evidence).isFirefox());
    QCOMPARE(evidence, u"creator \"Firefox\""_s);
    QVERIFY(HarReplay::detectBrowser(load(u"chromium-redirects.har"_s), &evidence).isChromium());
    QCOMPARE(evidence, u"creator \"WebInspector\""_s);
    HarLog log;
    log.creatorName = u"Charles Proxy"_s;
    QVERIFY(HarReplay::detectBrowser(log, &evidence).isChromium());
    QCOMPARE(evidence, u"creator \"Charles Proxy\" is neither Chromium nor Firefox: Chromium assumed"_s);
    log.browserName = u"Firefox"_s;
    QVERIFY(HarReplay::detectBrowser(log, &evidence).isFirefox());
    QCOMPARE(evidence, u"browser \"Firefox\""_s);
}

void tst_HarReplay::sanitizedCredentialsAreInferred()
{
    const HarReport report = replay(load(u"chromium-sanitized.har"_s));
    const HarRequestResult &me = report.requests[0];
    QVERIFY(me.credentialsInferred);
    QCOMPARE(me.fetch.spec.credentials, CredentialsMode::Include);
    QVERIFY(me.notes.join(u'\n').contains(u"only credentials \"include\" reproduces"_s));
    QVERIFY(report.notes.join(u'\n').contains(u"sanitized"_s));
    // The rules are checked with the same credentials: the shop's rule allows them.
    QVERIFY(me.rules);
    QCOMPARE(me.rules->verdict, Verdict::Allowed);
    QVERIFY(me.rules->hops.last().actual->response->headers.contains("Access-Control-Allow-Credentials"));
    // A request whose failure needs no credentials keeps fetch()'s default.
    QCOMPARE(report.requests[1].fetch.spec.credentials, CredentialsMode::SameOrigin);
    QVERIFY(report.requests[1].notes.join(u'\n').contains(u"names authorization"_s));
}

void tst_HarReplay::cachedPreflightStandsIn()
{
    const HarReport report = replay(load(u"chromium-sanitized.har"_s));
    const HarRequestResult &again = report.requests[3];
    QVERIFY(again.replay.preflightSent());
    QCOMPARE(again.replay.hops.first().preflight->response->status, 204);
    QVERIFY(again.notes.join(u'\n').contains(u"filled by the preflight at log.entries[4]"_s));
    QCOMPARE(again.replay.status, 404);
}

void tst_HarReplay::redirectsUnderTheRules()
{
    const HarReport report = replay(load(u"chromium-redirects.har"_s));
    const HarRequestResult &catalog = report.requests[0];
    QCOMPARE(catalog.replay.hops.size(), 2);
    QVERIFY(catalog.rules);
    // The rules sit in front of a backend that redirects as the HAR's did.
    QCOMPARE(catalog.rules->hops.size(), 2);
    QCOMPARE(catalog.rules->hops.first().actual->response->status, 301);
    QCOMPARE(catalog.rules->verdict, Verdict::Allowed);

    const HarRequestResult &image = report.requests[1];
    QCOMPARE(image.replay.hops.last().actual->request.headers.value("Origin"), QByteArray("null"));
    QVERIFY(image.notes.join(u'\n').contains(u"https://cdn.acme-media.example included"_s));
}

void tst_HarReplay::missingResponse()
{
    // A PUT that needed a preflight, recorded with status 0 and no preflight anywhere (Firefox's
    // network panel filtered to the request, say).
    HarBuilder builder(u"Firefox"_s, u"https://shop.acme.example/cart"_s);
    builder.add(HarBuilder::Entry::make(u"PUT"_s, u"https://api.acme.example/cart/items/42"_s,
                                        { { u"Origin"_s, u"https://shop.acme.example"_s },
                                          { u"Sec-Fetch-Mode"_s, u"cors"_s },
                                          { u"Content-Type"_s, u"application/json"_s } },
                                        0));
    JsonProblems problems;
    const auto log = HarReader::read(builder.json(), &problems);
    QVERIFY(log);
    const HarReport report = replay(*log);
    QCOMPARE(report.requests.size(), 1);
    const HarRequestResult &put = report.requests.first();
    QCOMPARE(put.replayVerdict(), HarRequestResult::Replay::Unknown);
    QVERIFY(!put.replayComplete);
    QVERIFY(!put.error());
    QVERIFY2(put.missing.contains(u"needs a preflight"_s), qPrintable(put.missing));
    QCOMPARE(put.finding(), HarRequestResult::Finding::PredictedAllowed);
    QVERIFY(put.summary().contains(u"lacks a response"_s));
    const QJsonObject json = put.toJson();
    QCOMPARE(json[u"replay"][u"verdict"].toString(), u"unknown"_s);
    QVERIFY(json[u"replay"][u"error"].isNull());
    QCOMPARE(json[u"replay"][u"missing"].toString(), put.missing);
    QCOMPARE(json[u"recorded"][u"state"].toString(), u"no-response"_s);
}

void tst_HarReplay::onlyThePreflight()
{
    HarBuilder builder(u"Firefox"_s);
    const HarBuilder::Headers preflight { { u"Origin"_s, u"https://eu.admin.acme.example"_s },
                                          { u"Access-Control-Request-Method"_s, u"DELETE"_s } };
    // One preflight passes (the request is then missing), one does not.
    builder
        .add(HarBuilder::Entry::make(
            u"OPTIONS"_s, u"https://api.acme.example/a"_s, preflight, 204,
            { { u"Access-Control-Allow-Origin"_s, u"https://eu.admin.acme.example"_s },
              { u"Access-Control-Allow-Methods"_s, u"DELETE"_s } }))
        .add(HarBuilder::Entry::make(u"OPTIONS"_s, u"https://api.acme.example/b"_s, preflight, 403, {}, 10));
    JsonProblems problems;
    const auto log = HarReader::read(builder.json(), &problems);
    QVERIFY(log);
    const HarReport report = replay(*log);
    QCOMPARE(report.requests.size(), 2);
    QCOMPARE(report.requests[0].replayVerdict(), HarRequestResult::Replay::Unknown);
    QVERIFY(report.requests[0].missing.startsWith(u"Only the preflight is in the HAR"));
    QCOMPARE(report.requests[1].replayVerdict(), HarRequestResult::Replay::Blocked);
    QCOMPARE(report.requests[1].error()->code, u"CORSMissingAllowOrigin"_s);
    QCOMPARE(report.requests[1].fetch.recorded.state, HarFetch::Recorded::State::NotRecorded);
}

void tst_HarReplay::requestWentOutWithoutARecordedPreflight()
{
    // A HAR saved with the network panel filtered to XHR/fetch may leave the preflights out; a
    // request that went out passed its preflight, and its response is what counts.
    HarBuilder builder(u"Firefox"_s);
    const HarBuilder::Headers request { { u"Origin"_s, u"https://shop.acme.example"_s },
                                        { u"Sec-Fetch-Mode"_s, u"cors"_s },
                                        { u"X-Request-Id"_s, u"7"_s } };
    builder
        .add(
            HarBuilder::Entry::make(u"PUT"_s, u"https://api.acme.example/a"_s, request, 200,
                                    { { u"Access-Control-Allow-Origin"_s, u"https://shop.acme.example"_s } }))
        .add(HarBuilder::Entry::make(u"PUT"_s, u"https://api.acme.example/b"_s, request, 200, {}, 10));
    JsonProblems problems;
    const auto log = HarReader::read(builder.json(), &problems);
    QVERIFY(log);
    const HarReport report = replay(*log);
    QCOMPARE(report.requests.size(), 2);
    const HarRequestResult &allowed = report.requests[0];
    QVERIFY(allowed.replayComplete);
    QCOMPARE(allowed.replayVerdict(), HarRequestResult::Replay::Allowed);
    QVERIFY(allowed.replay.preflightSent());
    QVERIFY(allowed.notes.join(u'\n').contains(u"takes it as passed"_s));
    const HarRequestResult &blocked = report.requests[1];
    QCOMPARE(blocked.replayVerdict(), HarRequestResult::Replay::Blocked);
    QCOMPARE(blocked.error()->code, u"CORSMissingAllowOrigin"_s);
}

void tst_HarReplay::notModified()
{
    HarBuilder builder(u"WebInspector"_s);
    const HarBuilder::Headers request { { u"origin"_s, u"https://shop.acme.example"_s },
                                        { u"sec-fetch-mode"_s, u"cors"_s } };
    builder
        .add(HarBuilder::Entry::make(u"GET"_s, u"https://api.acme.example/catalog"_s, request, 200,
                                     { { u"access-control-allow-origin"_s, u"https://shop.acme.example"_s },
                                       { u"etag"_s, u"\"v1\""_s } }))
        .add(HarBuilder::Entry::make(u"GET"_s, u"https://api.acme.example/catalog"_s, request, 304,
                                     { { u"etag"_s, u"\"v1\""_s } }, 60000))
        .add(HarBuilder::Entry::make(u"GET"_s, u"https://api.acme.example/other"_s, request, 304,
                                     { { u"etag"_s, u"\"v9\""_s } }, 60010));
    JsonProblems problems;
    const auto log = HarReader::read(builder.json(), &problems);
    QVERIFY(log);
    const HarReport report = replay(*log);
    QCOMPARE(report.requests.size(), 3);
    // The 304's own headers lack Access-Control-Allow-Origin; the cached copy it revalidated has it.
    const HarRequestResult &revalidated = report.requests[1];
    QCOMPARE(revalidated.replayVerdict(), HarRequestResult::Replay::Allowed);
    QCOMPARE(revalidated.replay.status, 200);
    QVERIFY(revalidated.notes.join(u'\n').contains(u"304 Not Modified: the browser checked its cached copy, "
                                                   "recorded at log.entries[0]"_s));
    // No cached copy in the HAR: it cannot say.
    const HarRequestResult &unknown = report.requests[2];
    QCOMPARE(unknown.replayVerdict(), HarRequestResult::Replay::Unknown);
    QVERIFY2(unknown.missing.contains(u"304 Not Modified"_s), qPrintable(unknown.missing));
}

void tst_HarReplay::notACorsFailure()
{
    // Chromium recorded a failure that the recorded responses do not explain.
    HarBuilder builder(u"WebInspector"_s);
    const HarBuilder::Headers request { { u"Origin"_s, u"https://shop.acme.example"_s },
                                        { u"Sec-Fetch-Mode"_s, u"cors"_s },
                                        { u"Cookie"_s, u"a=1"_s } };
    const HarBuilder::Headers response { { u"Access-Control-Allow-Origin"_s, u"https://shop.acme.example"_s },
                                         { u"Access-Control-Allow-Credentials"_s, u"true"_s } };
    builder
        .add(HarBuilder::Entry::make(u"GET"_s, u"https://api.acme.example/a"_s, request, 200, response)
                 .chromium(u"fetch"_s, u"net::ERR_FAILED"_s))
        .add(HarBuilder::Entry::make(u"GET"_s, u"https://api.acme.example/b"_s, request, 0, {}, 5)
                 .chromium(u"fetch"_s, u"net::ERR_BLOCKED_BY_CLIENT"_s));
    JsonProblems problems;
    const auto log = HarReader::read(builder.json(), &problems);
    QVERIFY(log);
    const HarReport report = replay(*log);
    QCOMPARE(report.requests.size(), 2);
    QCOMPARE(report.requests[0].replayVerdict(), HarRequestResult::Replay::Allowed);
    QVERIFY(!report.requests[0].credentialsInferred); // it carried cookies
    QVERIFY(report.requests[0].notes.join(u'\n').contains(u"was not a CORS error"_s));
    QVERIFY(report.requests[1].notes.join(u'\n').contains(
        u"net::ERR_BLOCKED_BY_CLIENT, not the net::ERR_FAILED"_s));
}

// A request no fetch() could have made (a proxy's HAR, a hand-edited one): the browser model says
// what fetch() would have thrown.
void tst_HarReplay::notAFetch()
{
    HarBuilder builder(u"WebInspector"_s);
    builder.add(HarBuilder::Entry::make(
        u"TRACE"_s, u"https://api.acme.example/a"_s,
        { { u"Origin"_s, u"https://shop.acme.example"_s }, { u"Sec-Fetch-Mode"_s, u"cors"_s } }, 200));
    JsonProblems problems;
    const auto log = HarReader::read(builder.json(), &problems);
    QVERIFY(log);
    const HarReport report = replay(*log);
    QCOMPARE(report.requests.size(), 1);
    const HarRequestResult &trace = report.requests.first();
    QCOMPARE(trace.replayVerdict(), HarRequestResult::Replay::Blocked);
    QCOMPARE(trace.error()->code, u"TypeError"_s);
    QVERIFY(trace.replay.hops.isEmpty());
    QVERIFY(trace.rules);
    QCOMPARE(trace.finding(), HarRequestResult::Finding::StillBlocked);
}

void tst_HarReplay::withoutTenant()
{
    const HarReport report = replay(load(u"chromium-failed-preflight.har"_s), std::nullopt);
    QVERIFY(report.tenant.isEmpty());
    for (const HarRequestResult &result : report.requests) {
        QVERIFY(!result.rules);
        QCOMPARE(result.finding(), HarRequestResult::Finding::NotChecked);
        QVERIFY(!result.rulesAllow());
    }
    QVERIFY(report.requests[1].summary().startsWith(u"Blocked with the recorded responses"));
    QVERIFY(report.toJson()[u"tenant"].isNull());
}

// Support changes a rule and checks the row again (what the simulator does after an edit).
void tst_HarReplay::ruleChangeFlipsTheVerdict()
{
    const HarLog log = load(u"chromium-sanitized.har"_s);
    const HarReport report = replay(log);
    const HarRequestResult &put = report.requests[1];
    QCOMPARE(put.finding(), HarRequestResult::Finding::StillBlocked);

    Tenant tenant = acmeStorefront();
    tenant.rules[0].allowHeaders.append(u"Authorization"_s);
    const CorsEngine engine(tenant);
    const HarRequestResult again = HarReplay::check(log, put.fetch, report.browser, &engine);
    QCOMPARE(again.finding(), HarRequestResult::Finding::Fixed);
    QCOMPARE(again.replay, put.replay); // the recording did not change
}

void tst_HarReplay::otherBrowser()
{
    // The Firefox HAR, replayed as Chromium: the same verdict, Chromium's words.
    const HarLog log = load(u"firefox.har"_s);
    const HarReport report =
        HarReplay::run(log, BrowserProfile::chromium(), u"--browser"_s, acmeStorefront());
    QCOMPARE(report.browserEvidence, u"--browser"_s);
    QCOMPARE(report.requests[0].error()->code, u"HeaderDisallowedByPreflightResponse"_s);
    QVERIFY(report.requests[0].error()->message.startsWith(u"Access to fetch at "));
}

void tst_HarReplay::json()
{
    const HarReport report = replay(load(u"chromium-failed-preflight.har"_s));
    const QJsonObject json = report.toJson();
    QCOMPARE(json[u"entryCount"].toInt(), 7);
    QCOMPARE(json[u"browser"].toString(), u"chromium"_s);
    QCOMPARE(json[u"tenant"].toString(), u"acme-storefront"_s);
    QCOMPARE(json[u"skipped"][u"not-cors"].toInt(), 3);
    QCOMPARE(json[u"skipped"][u"same-origin"].toInt(), 0);
    const QJsonObject put = json[u"requests"][1].toObject();
    QCOMPARE(put[u"entry"].toInt(), 4);
    QCOMPARE(put[u"entries"].toArray(), (QJsonArray { 5, 4 }));
    QCOMPARE(put[u"pageOriginSource"].toString(), u"preflight-origin-header"_s);
    QCOMPARE(put[u"credentialsSource"].toString(), u"default"_s);
    QCOMPARE(put[u"recorded"][u"error"].toString(), u"net::ERR_FAILED"_s);
    QCOMPARE(put[u"replay"][u"verdict"].toString(), u"blocked"_s);
    QCOMPARE(put[u"replay"][u"error"][u"code"].toString(), u"MethodDisallowedByPreflightResponse"_s);
    QCOMPARE(put[u"rules"][u"verdict"].toString(), u"allowed"_s);
    QCOMPARE(put[u"finding"].toString(), u"fixed"_s);
    QVERIFY(put[u"droppedHeaders"].toArray().size() > 3);
    QVERIFY(put[u"replay"][u"trace"].toArray().size() > 3);
}

// A large HAR: every request replayed twice (recorded responses, rules) in reasonable time.
void tst_HarReplay::manyRequests()
{
    HarBuilder builder(u"WebInspector"_s, u"https://shop.acme.example/"_s);
    const HarBuilder::Headers put { { u"origin"_s, u"https://shop.acme.example"_s },
                                    { u"sec-fetch-mode"_s, u"cors"_s },
                                    { u"content-type"_s, u"application/json"_s } };
    const HarBuilder::Headers preflight { { u"origin"_s, u"https://shop.acme.example"_s },
                                          { u"access-control-request-method"_s, u"PUT"_s },
                                          { u"access-control-request-headers"_s, u"content-type"_s } };
    const HarBuilder::Headers allowed { { u"access-control-allow-origin"_s, u"https://shop.acme.example"_s },
                                        { u"access-control-allow-methods"_s, u"PUT"_s },
                                        { u"access-control-allow-headers"_s, u"content-type"_s } };
    const int count = 2500;
    for (int i = 0; i < count; ++i) {
        const QString url = u"https://api.acme.example/items/%1"_s.arg(i % 50);
        builder.add(HarBuilder::Entry::make(u"PUT"_s, url, put, 200, allowed, i * 10));
        builder.add(HarBuilder::Entry::make(u"OPTIONS"_s, url, preflight, 204, allowed, i * 10 + 1));
    }
    JsonProblems problems;
    const auto log = HarReader::read(builder.json(), &problems);
    QVERIFY(log);
    QElapsedTimer timer;
    timer.start();
    const HarReport report = replay(*log);
    const qint64 elapsed = timer.elapsed();
    QCOMPARE(report.requests.size(), count);
    QCOMPARE(report.blockedCount(), 0);
    for (const HarRequestResult &result : report.requests)
        QVERIFY(result.fetch.hops.first().preflight >= 0);
    qInfo("%d preflighted requests replayed twice in %lld ms", count, elapsed);
    QVERIFY2(elapsed < 30000, "far too slow");
}

QTEST_APPLESS_MAIN(tst_HarReplay)
#include "tst_harreplay.moc"
