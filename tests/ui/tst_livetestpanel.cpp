#include "commands/documentedits.h"
#include "documentfixture.h"
#include "live/liveserver.h"
#include "models/livelogmodel.h"
#include "models/liveoutcomemodel.h"
#include "widgets/livetestpanel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using cors::test::DocumentFixture;

class tst_LiveTestPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestsAreLoggedAndRuleEditsApplyAtOnce();
    void nonLoopbackNeedsAnExplicitChoiceAndWarns();
    void modelsAreBounded();

private:
    // One HTTP/1.1 request over a real socket; returns the status line and headers.
    static QByteArray send(const QUrl &api, const QByteArray &request);
};

QByteArray tst_LiveTestPanel::send(const QUrl &api, const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(u"127.0.0.1"_s, quint16(api.port()));
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(request);
    QByteArray response;
    // The server lives on this thread: spin the event loop until the answer is complete.
    for (int i = 0; i < 200 && !response.contains("\r\n\r\n"); ++i) {
        QTest::qWait(10);
        response += socket.readAll();
    }
    return response;
}

void tst_LiveTestPanel::requestsAreLoggedAndRuleEditsApplyAtOnce()
{
    DocumentFixture f;
    DocumentEdits edits(f.document.get());
    edits.importBundle(DocumentFixture::demoBundle(), ImportMode::Replace, u"demo"_s);
    LiveTestPanel panel(f.document.get());
    QAbstractItemModelTester tester(panel.log(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.apiPortField()->setValue(0);
    panel.pagePortField()->setValue(0);
    const int tenant = f.document->indexOfTenant(u"acme-storefront"_s);
    panel.setActiveTenant(tenant);
    QVERIFY2(panel.start(), qPrintable(panel.server()->errorString()));
    const QUrl api = panel.server()->apiUrl();
    QVERIFY(api.port() > 0);

    const QByteArray preflight =
        "OPTIONS /v1/orders HTTP/1.1\r\nHost: localhost\r\nOrigin: https://beta.acme.example\r\n"
        "Access-Control-Request-Method: PUT\r\n\r\n";
    QVERIFY(send(api, preflight).startsWith("HTTP/1.1 403"));
    QTRY_COMPARE(panel.log()->rowCount(), 1);
    QCOMPARE(panel.log()->index(0, LiveLogModel::KindColumn).data().toString(), u"preflight"_s);
    QCOMPARE(panel.log()->index(0, LiveLogModel::StatusColumn).data().toInt(), 403);
    panel.logView()->setCurrentIndex(panel.logView()->model()->index(0, 0));
    QVERIFY(panel.logDetails()->toPlainText().contains(u"What the server checked"_s));

    // A rule for that origin, added in the designer: the very next request is allowed.
    edits.insertRule(tenant, 0, DocumentFixture::rule(u"beta.acme.example"_s), u"Add Rule"_s);
    const QByteArray answer = send(api, preflight);
    QVERIFY2(answer.startsWith("HTTP/1.1 204"), answer.constData());
    QVERIFY(answer.contains("Access-Control-Allow-Origin: https://beta.acme.example"));
    QTRY_COMPARE(panel.log()->rowCount(), 2);
    QCOMPARE(panel.log()->index(1, LiveLogModel::RuleColumn).data().toString(), u"beta.acme.example"_s);
    panel.stop();
    QVERIFY(!panel.server()->isRunning());
}

void tst_LiveTestPanel::nonLoopbackNeedsAnExplicitChoiceAndWarns()
{
    DocumentFixture f;
    LiveTestPanel panel(f.document.get());
    panel.show();
    QVERIFY(!panel.warningLabel()->isVisible());
    panel.addressBox()->setCurrentIndex(panel.addressBox()->findData(u"0.0.0.0"_s));
    QVERIFY(panel.warningLabel()->isVisible());
    panel.addressBox()->setCurrentIndex(0);
    QVERIFY(!panel.warningLabel()->isVisible());
    // The default is loopback.
    QVERIFY(panel.server()->options().address.isLoopback());
}

void tst_LiveTestPanel::modelsAreBounded()
{
    LiveLogModel log(3);
    QAbstractItemModelTester logTester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 1; i <= 5; ++i) {
        LiveExchange exchange;
        exchange.id = quint64(i);
        exchange.request.method = "GET";
        exchange.request.url = QUrl(u"http://localhost/item/%1"_s.arg(i));
        log.append(exchange);
    }
    QCOMPARE(log.rowCount(), 3);
    QCOMPARE(log.index(0, LiveLogModel::PathColumn).data().toString(), u"/item/3"_s);
    log.clear();
    QCOMPARE(log.rowCount(), 0);

    LiveOutcomeModel outcomes(2);
    QAbstractItemModelTester outcomeTester(&outcomes, QAbstractItemModelTester::FailureReportingMode::QtTest);
    LiveOutcome agreeing;
    agreeing.fetch.method = "PUT";
    agreeing.fetch.url = QUrl(u"http://localhost:8780/x"_s);
    agreeing.prediction = Outcome();
    LiveOutcome differing = agreeing;
    differing.differences = { u"verdict: the browser blocked it, the model allowed it"_s };
    outcomes.append(agreeing);
    outcomes.append(differing);
    outcomes.append(differing);
    QCOMPARE(outcomes.rowCount(), 2);
    QCOMPARE(outcomes.index(1, LiveOutcomeModel::AgreementColumn).data().toString(), u"DIFFER"_s);
    QVERIFY(LiveOutcomeModel::details(outcomes.outcome(1)).contains(u"Differences"_s));
}

QTEST_MAIN(tst_LiveTestPanel)
#include "tst_livetestpanel.moc"
