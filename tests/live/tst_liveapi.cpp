// LiveApi: which tenant answers, which mock backend stands behind each path, what a backend may
// be, and that the answer is the engine's decision unchanged.

#include "engine/corsengine.h"
#include "live/liveapi.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

namespace {

Tenant tenant(const QString &name, const QString &domain)
{
    Tenant t;
    t.name = name;
    Rule rule;
    rule.domain = domain;
    rule.protocols = Protocol::Http;
    rule.ports = PortSet::any();
    rule.methods = { u"GET"_s, u"PUT"_s };
    t.rules.append(rule);
    return t;
}

HttpRequest request(const QString &url, const QByteArray &origin = "http://localhost:3780")
{
    HttpRequest r;
    r.url = QUrl(url);
    r.headers.append("Origin", origin);
    return r;
}

} // namespace

class tst_LiveApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tenantChoice_data();
    void tenantChoice();
    void answerIsTheEngines();
    void backendPaths_data();
    void backendPaths();
    void backendValidation_data();
    void backendValidation();
    void setTenantsFollowsEdits();
    void setAndRemoveTenant();
};

void tst_LiveApi::tenantChoice_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("active");
    QTest::addColumn<QString>("tenant");
    QTest::addColumn<int>("status");

    QTest::newRow("?tenant=") << u"http://api/x?tenant=beta"_s << QString() << u"beta"_s << 200;
    QTest::newRow("boomi_auth") << u"http://api/x?boomi_auth=YWxwaGE6cHc="_s << QString() << u"alpha"_s
                                << 200;
    QTest::newRow("the active tenant") << u"http://api/x"_s << u"beta"_s << u"beta"_s << 200;
    QTest::newRow("?tenant= over the active tenant")
        << u"http://api/x?tenant=alpha"_s << u"beta"_s << u"alpha"_s << 200;
    QTest::newRow("none: 404") << u"http://api/x"_s << QString() << QString() << 404;
    QTest::newRow("unknown: 404") << u"http://api/x?tenant=gamma"_s << u"beta"_s << QString() << 404;
}

void tst_LiveApi::tenantChoice()
{
    QFETCH(QString, url);
    QFETCH(QString, active);
    QFETCH(QString, tenant);
    QFETCH(int, status);
    LiveApi api;
    api.setTenants({ ::tenant(u"alpha"_s, u"localhost"_s), ::tenant(u"beta"_s, u"localhost"_s) });
    api.setActiveTenant(active);
    const LiveApi::Answer answer = api.answer(request(url));
    QCOMPARE(answer.tenant, tenant);
    QCOMPARE(answer.response.status, status);
    QCOMPARE(answer.decision.has_value(), !tenant.isEmpty());
    QVERIFY(!answer.tenantDetail.isEmpty());
    if (tenant.isEmpty()) {
        // Said in plain text, without CORS headers.
        QCOMPARE(answer.response.headers.value("Content-Type"), "text/plain; charset=utf-8"_ba);
        QVERIFY(answer.response.body.contains(answer.tenantDetail.toUtf8()));
    }
}

void tst_LiveApi::answerIsTheEngines()
{
    LiveApi api;
    const Tenant alpha = tenant(u"alpha"_s, u"localhost"_s);
    api.setTenants({ alpha });
    const HttpResponse backend { 202, { { "X-From", "backend" } }, "queued" };
    QVERIFY(api.setBackend(u"/jobs/*"_s, backend));
    HttpRequest put = request(u"http://api:8780/jobs/1"_s);
    put.method = "PUT";
    const LiveApi::Answer answer = api.answer(put);
    const CorsDecision decision = CorsEngine(alpha).evaluate(put, backend);
    QCOMPARE(*answer.decision, decision);
    QCOMPARE(answer.response, (HttpResponse { decision.status, decision.headers, decision.body }));
    QCOMPARE(answer.response.status, 202);
}

void tst_LiveApi::backendPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");

    QTest::newRow("exact") << u"/items"_s << 201;
    QTest::newRow("exact wins over a prefix") << u"/items/special"_s << 202;
    QTest::newRow("prefix") << u"/items/7"_s << 203;
    QTest::newRow("prefix covers its own path without the slash") << u"/deep"_s << 205;
    QTest::newRow("the longest prefix") << u"/deep/er/x"_s << 204;
    QTest::newRow("a prefix is not a string prefix") << u"/itemsX"_s << 299;
    QTest::newRow("the default") << u"/other"_s << 299;
}

void tst_LiveApi::backendPaths()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    LiveApi api;
    QVERIFY(api.setBackend(u"/items"_s, { 201, {}, {} }));
    QVERIFY(api.setBackend(u"/items/special"_s, { 202, {}, {} }));
    QVERIFY(api.setBackend(u"/items/*"_s, { 203, {}, {} }));
    QVERIFY(api.setBackend(u"/deep/er/*"_s, { 204, {}, {} }));
    QVERIFY(api.setBackend(u"/deep/*"_s, { 205, {}, {} }));
    QCOMPARE(api.defaultBackend(), HttpResponse::defaultBackend());
    QVERIFY(api.setDefaultBackend({ 299, {}, {} }));
    QCOMPARE(api.backendFor(path).status, status);
}

void tst_LiveApi::backendValidation_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<HttpResponse>("response");
    QTest::addColumn<QString>("problem"); // empty: accepted

    const HttpResponse ok { 200, { { "Content-Type", "application/json" } }, "{}" };
    QTest::newRow("fine") << u"/a"_s << ok << QString();
    QTest::newRow("a 299 is a status") << u"/a"_s << HttpResponse { 299, {}, {} } << QString();
    QTest::newRow("no leading slash") << u"a"_s << ok << u"is not a path"_s;
    QTest::newRow("a query") << u"/a?b"_s << ok << u"is not a path"_s;
    QTest::newRow("a star in the middle") << u"/a*/b"_s << ok << u"is not a path"_s;
    QTest::newRow("a 1xx") << u"/a"_s << HttpResponse { 101, {}, {} } << u"from 200 to 599"_s;
    QTest::newRow("a 600") << u"/a"_s << HttpResponse { 600, {}, {} } << u"from 200 to 599"_s;
    QTest::newRow("Content-Length") << u"/a"_s << HttpResponse { 200, { { "content-length", "2" } }, "{}" }
                                    << u"framing"_s;
    QTest::newRow("Transfer-Encoding")
        << u"/a"_s << HttpResponse { 200, { { "Transfer-Encoding", "chunked" } }, {} } << u"framing"_s;
    QTest::newRow("a 204 with a body") << u"/a"_s << HttpResponse { 204, {}, "x" } << u"no body"_s;
    QTest::newRow("a name that is not a token")
        << u"/a"_s << HttpResponse { 200, { { "X Y", "1" } }, {} } << u"not a token"_s;
    QTest::newRow("a value with a line break")
        << u"/a"_s << HttpResponse { 200, { { "X", "1\n2" } }, {} } << u"CR, LF or NUL"_s;
}

void tst_LiveApi::backendValidation()
{
    QFETCH(QString, path);
    QFETCH(HttpResponse, response);
    QFETCH(QString, problem);
    LiveApi api;
    QString why;
    QCOMPARE(api.setBackend(path, response, &why), problem.isEmpty());
    QVERIFY2(why.contains(problem), qPrintable(why));
    QCOMPARE(api.backends().size(), problem.isEmpty() ? 1 : 0);
}

void tst_LiveApi::setTenantsFollowsEdits()
{
    LiveApi api;
    const Tenant alpha = tenant(u"alpha"_s, u"localhost"_s);
    const Tenant beta = tenant(u"beta"_s, u"localhost"_s);
    api.setTenants({ alpha, beta });
    const CorsEngine alphaBefore = api.engines()[0];
    Tenant betaEdited = beta;
    betaEdited.rules[0].methods.append(u"DELETE"_s);
    api.setTenants({ alpha, betaEdited });
    QCOMPARE(api.engines()[0].tenant(), alphaBefore.tenant());
    QCOMPARE(api.engines()[1].tenant(), betaEdited);
    QCOMPARE(api.tenants(), (QList<Tenant> { alpha, betaEdited }));
}

void tst_LiveApi::setAndRemoveTenant()
{
    LiveApi api;
    api.setTenants({ tenant(u"alpha"_s, u"localhost"_s) });
    // One that answers localhost origins, then one that does not: the next answer follows.
    HttpRequest preflight = request(u"http://api/x?tenant=alpha"_s);
    preflight.method = "OPTIONS";
    preflight.headers.append("Access-Control-Request-Method", "PUT");
    QCOMPARE(api.answer(preflight).response.status, 204);
    api.setTenant(tenant(u"alpha"_s, u"example.com"_s));
    QCOMPARE(api.answer(preflight).response.status, 403);
    api.setTenant(tenant(u"gamma"_s, u"localhost"_s));
    QCOMPARE(api.tenants().size(), 2);
    QVERIFY(api.removeTenant(u"alpha"_s));
    QVERIFY(!api.removeTenant(u"alpha"_s));
    QCOMPARE(api.answer(preflight).response.status, 404);
}

QTEST_APPLESS_MAIN(tst_LiveApi)
#include "tst_liveapi.moc"
