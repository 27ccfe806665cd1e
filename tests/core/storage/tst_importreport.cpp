#include "storage/importreport.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

class tst_ImportReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modeNames();
    void json();
    void summary();
};

void tst_ImportReport::modeNames()
{
    for (const ImportMode mode : { ImportMode::Replace, ImportMode::Merge })
        QCOMPARE(importModeFromName(importModeName(mode)), mode);
    QCOMPARE(importModeName(ImportMode::Merge), u"merge"_s);
    QCOMPARE(importModeFromName(u"Merge"), std::nullopt);
}

void tst_ImportReport::json()
{
    ImportReport report;
    report.mode = ImportMode::Replace;
    ImportReport::TenantReport tenant;
    tenant.tenant = u"acme"_s;
    tenant.action = ImportReport::TenantReport::Action::Replaced;
    tenant.rules.added = { u"a.example"_s };
    tenant.rules.removed = { u"b.example"_s };
    tenant.settingsChanged = { u"profile"_s };
    report.tenants = { tenant };
    report.edit = 7;

    const QJsonObject json = report.toJson();
    QCOMPARE(json.value(u"mode"), u"replace"_s);
    QCOMPARE(json.value(u"edit").toInteger(), 7);
    QCOMPARE(json.value(u"changed").toBool(), true);
    const QJsonObject first = json.value(u"tenants").toArray().first().toObject();
    QCOMPARE(first.value(u"tenant"), u"acme"_s);
    QCOMPARE(first.value(u"action"), u"replaced"_s);
    QCOMPARE(first.value(u"rules").toObject().value(u"added").toArray(), QJsonArray { u"a.example"_s });
    QCOMPARE(first.value(u"rules").toObject().value(u"removed").toArray(), QJsonArray { u"b.example"_s });
    QCOMPARE(first.value(u"settingsChanged").toArray(), QJsonArray { u"profile"_s });

    // An import that changed nothing has no edit.
    ImportReport unchanged;
    ImportReport::TenantReport same;
    same.tenant = u"acme"_s;
    same.action = ImportReport::TenantReport::Action::Merged;
    same.rules.unchanged = { u"a.example"_s };
    unchanged.tenants = { same };
    QVERIFY(!unchanged.changesAnything());
    QVERIFY(unchanged.toJson().value(u"edit").isNull());
    QCOMPARE(unchanged.toJson().value(u"changed").toBool(), false);
}

void tst_ImportReport::summary()
{
    ImportReport report;
    const auto tenant = [](const QString &name, ImportReport::TenantReport::Action action) {
        ImportReport::TenantReport report;
        report.tenant = name;
        report.action = action;
        return report;
    };
    ImportReport::TenantReport a = tenant(u"a"_s, ImportReport::TenantReport::Action::Added);
    a.rules.added = { u"x"_s, u"y"_s };
    ImportReport::TenantReport b = tenant(u"b"_s, ImportReport::TenantReport::Action::Merged);
    b.rules.changed = { u"z"_s };
    ImportReport::TenantReport c = tenant(u"c"_s, ImportReport::TenantReport::Action::Merged);
    c.rules.unchanged = { u"w"_s };
    report.tenants = { a, b, c };
    QCOMPARE(report.summary(),
             u"Imported a bundle (merge) into tenants \"a\", \"b\": 2 rule(s) added, 1 changed, 0 removed"_s);
}

QTEST_GUILESS_MAIN(tst_ImportReport)
#include "tst_importreport.moc"
