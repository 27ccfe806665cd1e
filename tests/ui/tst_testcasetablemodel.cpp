#include "commands/documentedits.h"
#include "documentfixture.h"
#include "models/testcasetablemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using cors::test::DocumentFixture;

class tst_TestCaseTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resultsAndPassFail();
};

void tst_TestCaseTableModel::resultsAndPassFail()
{
    DocumentFixture f;
    DocumentEdits edits(f.document.get());
    TestCaseTableModel model(f.document.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Tenant tenant;
    tenant.name = u"shop"_s;
    edits.addTenant(tenant);
    model.setTenant(0);
    TestCase testCase;
    testCase.name = u"checkout PUT"_s;
    testCase.fetches = QJsonArray { QJsonObject { { u"pageOrigin"_s, u"https://shop.example"_s },
                                                  { u"url"_s, u"https://api.example/x"_s },
                                                  { u"method"_s, u"PUT"_s } } };
    testCase.chromium = TestCase::Verdict::Allowed;
    testCase.firefox = TestCase::Verdict::Allowed;
    edits.insertTestCase(0, 0, testCase);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, TestCaseTableModel::ResultColumn).data().toString(), u"not run"_s);
    QVERIFY(!model.passed(0));
    model.setResults({ TestCaseTableModel::Result { u"allowed"_s, u"blocked"_s, QString(),
                                                    u"Cross-Origin Request Blocked"_s } });
    QCOMPARE(*model.passed(0), false);
    QCOMPARE(model.index(0, TestCaseTableModel::ResultColumn).data().toString(), u"FAIL"_s);
    QCOMPARE(model.index(0, TestCaseTableModel::FirefoxColumn).data().toString(), u"allowed (got blocked)"_s);
    model.setResults({ TestCaseTableModel::Result { u"allowed"_s, u"allowed"_s, QString(), QString() } });
    QCOMPARE(*model.passed(0), true);
    // New or changed cases clear old results.
    edits.removeTestCase(0, 0);
    QCOMPARE(model.rowCount(), 0);
    f.document->undoStack()->undo();
    QVERIFY(!model.passed(0));
}

QTEST_MAIN(tst_TestCaseTableModel)
#include "tst_testcasetablemodel.moc"
