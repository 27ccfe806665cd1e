#include "lint/lintfinding.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

class tst_LintFinding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void severityNames();
    void path_data();
    void path();
    void json();
};

void tst_LintFinding::severityNames()
{
    for (const Severity s : { Severity::Info, Severity::Warning, Severity::Error })
        QCOMPARE(severityFromName(severityName(s)), s);
    QVERIFY(!severityFromName(u"fatal"));
    QVERIFY(int(Severity::Error) > int(Severity::Warning) && int(Severity::Warning) > int(Severity::Info));
}

void tst_LintFinding::path_data()
{
    QTest::addColumn<int>("rule");
    QTest::addColumn<int>("application");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("item");
    QTest::addColumn<QString>("path");
    QTest::newRow("rule field") << 2 << -1 << u"domain"_s << -1 << u"rules[2].domain"_s;
    QTest::newRow("rule list item") << 0 << -1 << u"methods"_s << 1 << u"rules[0].methods[1]"_s;
    QTest::newRow("application origin") << -1 << 3 << u"origins"_s << 0 << u"applications[3].origins[0]"_s;
    QTest::newRow("tenant setting") << -1 << -1 << u"profile"_s << -1 << u"profile"_s;
}

void tst_LintFinding::path()
{
    QFETCH(int, rule);
    QFETCH(int, application);
    QFETCH(QString, field);
    QFETCH(int, item);
    QFETCH(QString, path);
    LintFinding finding;
    finding.rule = rule;
    finding.application = application;
    finding.field = field;
    finding.item = item;
    QCOMPARE(finding.path(), path);
    QCOMPARE(finding.isTenantLevel(), rule < 0 && application < 0);
}

void tst_LintFinding::json()
{
    const LintFinding finding { u"regex-prefix-match"_s,
                                Severity::Error,
                                1,
                                -1,
                                u"domain"_s,
                                -1,
                                u"Bypassed."_s,
                                u"Anchor it."_s,
                                u"https://a.example.evil.invalid"_s };
    const QJsonObject json = finding.toJson();
    QCOMPARE(json.value(u"id"_s).toString(), u"regex-prefix-match"_s);
    QCOMPARE(json.value(u"severity"_s).toString(), u"error"_s);
    QCOMPARE(json.value(u"rule"_s).toInt(), 1);
    QVERIFY(json.value(u"application"_s).isNull());
    QVERIFY(json.value(u"item"_s).isNull());
    QCOMPARE(json.value(u"path"_s).toString(), u"rules[1].domain"_s);
    QCOMPARE(json.value(u"proof"_s).toString(), u"https://a.example.evil.invalid"_s);
    LintFinding noProof = finding;
    noProof.proof.clear();
    QVERIFY(noProof.toJson().value(u"proof"_s).isNull());
}

QTEST_GUILESS_MAIN(tst_LintFinding)
#include "tst_lintfinding.moc"
