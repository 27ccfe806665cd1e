#include "sampletenants.h"
#include "storage/bundlemerge.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using namespace cors::test;

using Kind = BundleMerge::ItemChange::Kind;

namespace {

// "a b c" -> rules for a, b and c; "b*" is b with other methods (a changed rule).
QList<Rule> rules(const QString &spec)
{
    QList<Rule> list;
    for (const QString &item : spec.split(u' ', Qt::SkipEmptyParts)) {
        if (item.endsWith(u'*'))
            list.append(sampleRule(item.chopped(1), { u"DELETE"_s }));
        else
            list.append(sampleRule(item));
    }
    return list;
}

Tenant tenant(const QString &spec)
{
    Tenant tenant;
    tenant.name = u"t"_s;
    tenant.rules = rules(spec);
    return tenant;
}

QString spec(const QList<Rule> &list)
{
    QStringList items;
    for (const Rule &rule : list)
        items.append(rule.domain + (rule.methods == QStringList { u"DELETE"_s } ? u"*"_s : QString()));
    return items.join(u' ');
}

QStringList split(const QString &text)
{
    return text.split(u' ', Qt::SkipEmptyParts);
}

} // namespace

class tst_BundleMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mergesRules_data();
    void mergesRules();
    void addsNewTenantWhole();
    void replaceTakesSettingsMergeKeepsThem();
    void mergesApplicationsByName();
    void recordsIndexesOfChanges();
};

void tst_BundleMerge::mergesRules_data()
{
    QTest::addColumn<ImportMode>("mode");
    QTest::addColumn<QString>("current");
    QTest::addColumn<QString>("incoming");
    QTest::addColumn<QString>("result");
    QTest::addColumn<QString>("added");
    QTest::addColumn<QString>("changed");
    QTest::addColumn<QString>("unchanged");
    QTest::addColumn<QString>("removed");
    QTest::addColumn<bool>("reordered");

    const auto merge = ImportMode::Merge;
    const auto replace = ImportMode::Replace;
    QTest::newRow("merge: same") << merge << "a b"
                                 << "a b"
                                 << "a b"
                                 << ""
                                 << ""
                                 << "a b"
                                 << "" << false;
    QTest::newRow("merge: appends new domains") << merge << "a b"
                                                << "c a"
                                                << "a b c"
                                                << "c"
                                                << ""
                                                << "a"
                                                << "" << false;
    QTest::newRow("merge: changes in place") << merge << "a b c"
                                             << "b*"
                                             << "a b* c"
                                             << ""
                                             << "b"
                                             << ""
                                             << "" << false;
    QTest::newRow("merge: keeps what the bundle lacks") << merge << "a b c"
                                                        << ""
                                                        << "a b c"
                                                        << ""
                                                        << ""
                                                        << ""
                                                        << "" << false;
    QTest::newRow("merge: into nothing") << merge << ""
                                         << "a b"
                                         << "a b"
                                         << "a b"
                                         << ""
                                         << ""
                                         << "" << false;
    QTest::newRow("merge: duplicates by occurrence") << merge << "a a b"
                                                     << "a a* a"
                                                     << "a a* b a"
                                                     << "a"
                                                     << "a"
                                                     << "a"
                                                     << "" << false;
    QTest::newRow("replace: same") << replace << "a b"
                                   << "a b"
                                   << "a b"
                                   << ""
                                   << ""
                                   << "a b"
                                   << "" << false;
    QTest::newRow("replace: the bundle's list") << replace << "a b c"
                                                << "c d a*"
                                                << "c d a*"
                                                << "d"
                                                << "a"
                                                << "c"
                                                << "b" << true;
    QTest::newRow("replace: removal is no reordering") << replace << "a b c"
                                                       << "a c"
                                                       << "a c"
                                                       << ""
                                                       << ""
                                                       << "a c"
                                                       << "b" << false;
    QTest::newRow("replace: reordering alone") << replace << "a b c"
                                               << "c b a"
                                               << "c b a"
                                               << ""
                                               << ""
                                               << "c b a"
                                               << "" << true;
    QTest::newRow("replace: empty bundle tenant") << replace << "a b"
                                                  << ""
                                                  << ""
                                                  << ""
                                                  << ""
                                                  << ""
                                                  << "a b" << false;
    QTest::newRow("replace: duplicates by occurrence") << replace << "a a"
                                                       << "a"
                                                       << "a"
                                                       << ""
                                                       << ""
                                                       << "a"
                                                       << "a" << false;
}

void tst_BundleMerge::mergesRules()
{
    QFETCH(ImportMode, mode);
    QFETCH(QString, current);
    QFETCH(QString, incoming);
    QFETCH(QString, result);
    QFETCH(QString, added);
    QFETCH(QString, changed);
    QFETCH(QString, unchanged);
    QFETCH(QString, removed);
    QFETCH(bool, reordered);

    const BundleMerge::Result merged = BundleMerge::merge(tenant(current), tenant(incoming), mode);
    QCOMPARE(spec(merged.tenant.rules), result);
    QCOMPARE(merged.report.rules.added, split(added));
    QCOMPARE(merged.report.rules.changed, split(changed));
    QCOMPARE(merged.report.rules.unchanged, split(unchanged));
    QCOMPARE(merged.report.rules.removed, split(removed));
    QCOMPARE(merged.report.rulesReordered, reordered);
    QCOMPARE(merged.report.changesAnything(), current != result);
    QCOMPARE(merged.report.action,
             mode == ImportMode::Merge ? ImportReport::TenantReport::Action::Merged
                                       : ImportReport::TenantReport::Action::Replaced);
}

void tst_BundleMerge::addsNewTenantWhole()
{
    const Tenant incoming = richTenant();
    for (const ImportMode mode : { ImportMode::Merge, ImportMode::Replace }) {
        const BundleMerge::Result merged = BundleMerge::merge(std::nullopt, incoming, mode);
        QCOMPARE(merged.tenant, incoming);
        QCOMPARE(merged.report.action, ImportReport::TenantReport::Action::Added);
        QCOMPARE(merged.report.rules.added.size(), incoming.rules.size());
        QCOMPARE(merged.report.applications.added, (QStringList { u"Partner portal"_s, u"Any rule app"_s }));
        QVERIFY(merged.report.changesAnything());
    }
}

void tst_BundleMerge::replaceTakesSettingsMergeKeepsThem()
{
    const Tenant current = richTenant();
    Tenant incoming = current;
    incoming.profile = Profile::Boomi;
    incoming.production = false;

    const BundleMerge::Result replaced = BundleMerge::merge(current, incoming, ImportMode::Replace);
    QCOMPARE(replaced.tenant, incoming);
    QCOMPARE(replaced.report.settingsChanged, (QStringList { u"production"_s, u"profile"_s }));
    QVERIFY(replaced.report.settingsKept.isEmpty());
    QVERIFY(replaced.report.changesAnything());

    const BundleMerge::Result merged = BundleMerge::merge(current, incoming, ImportMode::Merge);
    QCOMPARE(merged.tenant, current);
    QCOMPARE(merged.report.settingsKept, (QStringList { u"production"_s, u"profile"_s }));
    QVERIFY(!merged.report.changesAnything());
}

void tst_BundleMerge::mergesApplicationsByName()
{
    Tenant current = richTenant();
    Tenant incoming = current;
    incoming.applications = { { u"Any rule app"_s, { u"https://changed.example"_s }, QString() },
                              { u"New app"_s, {}, QString() } };
    const BundleMerge::Result merged = BundleMerge::merge(current, incoming, ImportMode::Merge);
    QCOMPARE(merged.report.applications.changed, QStringList { u"Any rule app"_s });
    QCOMPARE(merged.report.applications.added, QStringList { u"New app"_s });
    QCOMPARE(merged.tenant.applications.size(), 3);
    QCOMPARE(merged.tenant.applications[1], incoming.applications[0]);

    const BundleMerge::Result replaced = BundleMerge::merge(current, incoming, ImportMode::Replace);
    QCOMPARE(replaced.report.applications.removed, QStringList { u"Partner portal"_s });
    QCOMPARE(replaced.tenant.applications, incoming.applications);
}

void tst_BundleMerge::recordsIndexesOfChanges()
{
    const BundleMerge::Result merged =
        BundleMerge::merge(tenant(u"a b c"_s), tenant(u"c* d"_s), ImportMode::Merge);
    QCOMPARE(merged.ruleChanges,
             (QList<BundleMerge::ItemChange> { { Kind::Changed, 2, 2 }, { Kind::Added, -1, 3 } }));

    const BundleMerge::Result replaced =
        BundleMerge::merge(tenant(u"a b c"_s), tenant(u"c* d"_s), ImportMode::Replace);
    QCOMPARE(replaced.ruleChanges,
             (QList<BundleMerge::ItemChange> { { Kind::Changed, 2, 0 },
                                               { Kind::Added, -1, 1 },
                                               { Kind::Removed, 0, -1 },
                                               { Kind::Removed, 1, -1 } }));
}

QTEST_GUILESS_MAIN(tst_BundleMerge)
#include "tst_bundlemerge.moc"
