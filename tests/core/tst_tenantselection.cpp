#include "engine/tenantselection.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

class tst_TenantSelection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void select_data();
    void select();
    void fallback_data();
    void fallback();
};

void tst_TenantSelection::select_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("tenantCount");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("detailContains");

    QTest::newRow("by name") << u"https://gw.example/x?tenant=beta"_s << 3 << 1 << u"tenant URL parameter"_s;
    QTest::newRow("unknown name") << u"https://gw.example/x?tenant=zeta"_s << 3 << -1
                                  << u"no tenant \"zeta\""_s;
    // base64("alpha") and base64("integration@acme:pw")
    QTest::newRow("boomi_auth by tenant name")
        << u"https://gw.example/x?boomi_auth=YWxwaGE="_s << 3 << 0 << u"boomi_auth"_s;
    QTest::newRow("boomi_auth by basic user")
        << u"https://gw.example/x?boomi_auth=aW50ZWdyYXRpb25AYWNtZTpwdw=="_s << 3 << 2
        << u"integration@acme"_s;
    QTest::newRow("boomi_auth unknown user")
        << u"https://gw.example/x?boomi_auth=bm9ib2R5"_s << 3 << -1 << u"No tenant belongs"_s;
    QTest::newRow("boomi_auth not base64")
        << u"https://gw.example/x?boomi_auth=***"_s << 3 << -1 << u"not valid base64"_s;
    QTest::newRow("ambiguous") << u"https://gw.example/x"_s << 3 << -1
                               << u"does not say which of the 3 tenants"_s;
    QTest::newRow("the only tenant") << u"https://gw.example/x"_s << 1 << 0 << u"the only one"_s;
}

void tst_TenantSelection::select()
{
    QFETCH(QString, url);
    QFETCH(int, tenantCount);
    QFETCH(int, index);
    QFETCH(QString, detailContains);
    QList<Tenant> tenants(3);
    tenants[0].name = u"alpha"_s;
    tenants[1].name = u"beta"_s;
    tenants[2].name = u"gamma"_s;
    tenants[2].authentication = { Authentication::Type::Basic, u"integration@acme"_s, u"pw"_s, {}, {} };
    tenants.resize(tenantCount);
    HttpRequest request;
    request.url = QUrl(url);
    const TenantSelection selection = TenantSelection::select(tenants, request);
    QCOMPARE(selection.index, index);
    QVERIFY2(selection.detail.contains(detailContains), qPrintable(selection.detail));
}

void tst_TenantSelection::fallback_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("fallback");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("detailContains");

    QTest::newRow("no parameter: the active tenant")
        << u"https://gw.example/x"_s << u"beta"_s << 1 << u"the active tenant"_s;
    QTest::newRow("?tenant= wins over the active tenant")
        << u"https://gw.example/x?tenant=alpha"_s << u"beta"_s << 0 << u"tenant URL parameter"_s;
    QTest::newRow("boomi_auth wins over the active tenant")
        << u"https://gw.example/x?boomi_auth=YWxwaGE="_s << u"beta"_s << 0 << u"boomi_auth"_s;
    QTest::newRow("an unknown ?tenant= is not replaced by the active tenant")
        << u"https://gw.example/x?tenant=zeta"_s << u"beta"_s << -1 << u"no tenant \"zeta\""_s;
    QTest::newRow("an active tenant that is gone")
        << u"https://gw.example/x"_s << u"omega"_s << -1 << u"no tenant \"omega\""_s;
    QTest::newRow("no active tenant: as select()")
        << u"https://gw.example/x"_s << QString() << -1 << u"does not say which"_s;
}

void tst_TenantSelection::fallback()
{
    QFETCH(QString, url);
    QFETCH(QString, fallback);
    QFETCH(int, index);
    QFETCH(QString, detailContains);
    QList<Tenant> tenants(3);
    tenants[0].name = u"alpha"_s;
    tenants[1].name = u"beta"_s;
    tenants[2].name = u"gamma"_s;
    HttpRequest request;
    request.url = QUrl(url);
    const TenantSelection selection = TenantSelection::select(tenants, request, fallback);
    QCOMPARE(selection.index, index);
    QVERIFY2(selection.detail.contains(detailContains), qPrintable(selection.detail));
}

QTEST_APPLESS_MAIN(tst_TenantSelection)
#include "tst_tenantselection.moc"
