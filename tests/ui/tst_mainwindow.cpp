#include "commands/documentedits.h"
#include "document/lintcontroller.h"
#include "documentfixture.h"
#include "mainwindow.h"
#include "models/ruletablemodel.h"
#include "models/simulationtimelinemodel.h"
#include "models/testcasetablemodel.h"
#include "widgets/corsconfigurationpage.h"
#include "widgets/findingspanel.h"
#include "widgets/generalpage.h"
#include "widgets/hardialog.h"
#include "widgets/headerlisteditor.h"
#include "widgets/ruleform.h"
#include "widgets/simulatorpanel.h"
#include "widgets/tenanteditor.h"
#include "widgets/tenantlistpanel.h"
#include "widgets/testcasespage.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace cors;
using cors::test::DocumentFixture;

// The designer, driven through its real widgets (offscreen): what a user does with the keyboard
// and mouse, checked in the widgets, in the document and in the workspace file.
class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void addRuleThroughTheFormAndUndo();
    void invalidPortIsRefusedAtTheField();
    void invalidDomainNeverReachesTheWorkspace();
    void schemeInDomainIsNormalizedOnEnter();
    void apiTypeHidesAndShowsTheCorsTab();
    void simulatorShowsTheBrowsersMessage();
    void simulatorFollowsRuleEdits();
    void findingSelectsRuleAndFocusesField();
    void saveTestCaseAndRunIt();
    void deleteTenantAsksAndUndoBringsItBack();
    void harOpensIntoTheSimulator();
    void pasteCurlFillsTheComposer();

private:
    int tenantIndex(const QString &name) const { return m_window->document()->indexOfTenant(name); }
    void typeInto(QLineEdit *field, const QString &text);

    std::unique_ptr<DocumentFixture> m_fixture;
    QString m_fileName;
    MainWindow *m_window = nullptr;
};

void tst_MainWindow::init()
{
    m_fixture = std::make_unique<DocumentFixture>();
    m_fileName = m_fixture->fileName;
    DocumentEdits(m_fixture->document.get())
        .importBundle(DocumentFixture::demoBundle(), ImportMode::Replace, u"demo"_s);
    m_fixture->document->undoStack()->clear();
    m_window = new MainWindow(std::move(m_fixture->document));
    m_window->setAttribute(Qt::WA_DeleteOnClose, false);
    m_window->resize(1500, 940);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_window->tenantList()->setCurrentTenant(tenantIndex(u"acme-storefront"_s));
}

void tst_MainWindow::cleanup()
{
    delete m_window;
    m_window = nullptr;
    m_fixture.reset();
}

void tst_MainWindow::typeInto(QLineEdit *field, const QString &text)
{
    field->setFocus();
    field->selectAll();
    QTest::keyClick(field, Qt::Key_Backspace);
    QTest::keyClicks(field, text);
}

void tst_MainWindow::addRuleThroughTheFormAndUndo()
{
    CorsConfigurationPage *page = m_window->editor()->corsPage();
    m_window->editor()->showCorsTab();
    const int tenant = tenantIndex(u"acme-storefront"_s);
    const int before = int(m_window->document()->tenant(tenant).rules.size());

    QTest::mouseClick(page->addButton(), Qt::LeftButton);
    QCOMPARE(page->table()->model()->rowCount(), before + 1);
    RuleForm *form = page->form();
    QVERIFY(form->domainField()->hasFocus());
    typeInto(form->domainField(), u"beta.acme.example"_s);
    typeInto(form->portsField(), u"8443"_s);
    QTest::mouseClick(form->credentialsBox(), Qt::LeftButton);
    form->allowHeadersEditor()->addField()->setText(u"X-Trace-Id"_s);
    QTest::keyClick(form->allowHeadersEditor()->addField(), Qt::Key_Return);

    // In the table...
    const int row = page->selectedRule();
    QCOMPARE(page->table()
                 ->model()
                 ->index(page->table()->currentIndex().row(), RuleTableModel::DomainColumn)
                 .data()
                 .toString(),
             u"beta.acme.example"_s);
    // ...and in the workspace file, read by another reader.
    Rule stored = m_fixture->tenantsOnDisk().at(tenant).rules.at(row);
    QCOMPARE(stored.domain, u"beta.acme.example"_s);
    QCOMPARE(stored.ports.toStringList(), QStringList { u"8443"_s });
    QVERIFY(stored.allowCredentials);
    QCOMPARE(stored.allowHeaders, QStringList { u"X-Trace-Id"_s });

    // Undo, step by step, with readable texts: header, credentials, ports, domain, the rule.
    QCOMPARE(m_window->undoAction()->text(), u"&Undo Change Allowed Headers of Rule \"beta.acme.example\""_s);
    for (int i = 0; i < 5; ++i)
        m_window->undoAction()->trigger();
    QCOMPARE(int(m_fixture->tenantsOnDisk().at(tenant).rules.size()), before);
    QCOMPARE(page->table()->model()->rowCount(), before);
    m_window->redoAction()->trigger();
    QCOMPARE(page->table()->model()->rowCount(), before + 1);
}

void tst_MainWindow::invalidPortIsRefusedAtTheField()
{
    m_window->editor()->showCorsTab();
    CorsConfigurationPage *page = m_window->editor()->corsPage();
    const int tenant = tenantIndex(u"acme-storefront"_s);
    page->selectRule(2); // localhost 3000-3999
    RuleForm *form = page->form();
    const int steps = m_window->document()->undoStack()->count();
    typeInto(form->portsField(), u"3000-3999, 80a"_s);
    QVERIFY2(form->problemText(u"ports"_s).contains(u"\"80a\" is not a port or range"_s),
             qPrintable(form->problemText(u"ports"_s)));
    // Nothing reached the workspace: the last valid value ("3000-3999, 80" while typing) is what
    // is stored, never the invalid one, and the field keeps what the user typed.
    QCOMPARE(form->portsField()->text(), u"3000-3999, 80a"_s);
    const PortSet stored = m_fixture->tenantsOnDisk().at(tenant).rules.at(2).ports;
    QVERIFY(stored.toStringList() != QStringList({ u"3000-3999"_s, u"80a"_s }));
    QVERIFY(PortSet::parse(stored.toStringList())); // a valid port set
    // Fixing it clears the mark.
    QTest::keyClick(form->portsField(), Qt::Key_Backspace);
    QVERIFY(form->problemText(u"ports"_s).isEmpty());
    QCOMPARE(m_fixture->tenantsOnDisk().at(tenant).rules.at(2).ports.toStringList(),
             (QStringList { u"3000-3999"_s, u"80"_s }));
    QVERIFY(m_window->document()->undoStack()->count() > steps);
}

void tst_MainWindow::invalidDomainNeverReachesTheWorkspace()
{
    m_window->editor()->showCorsTab();
    CorsConfigurationPage *page = m_window->editor()->corsPage();
    const int tenant = tenantIndex(u"acme-storefront"_s);
    page->selectRule(0);
    typeInto(page->form()->domainField(), u"shop.*.example"_s);
    QVERIFY(page->form()->problemText(u"domain"_s).contains(u"only allowed alone or as a leading"_s));
    for (const Rule &rule : m_fixture->tenantsOnDisk().at(tenant).rules)
        QVERIFY(OriginPattern::parse(rule.domain));
}

void tst_MainWindow::schemeInDomainIsNormalizedOnEnter()
{
    m_window->editor()->showCorsTab();
    CorsConfigurationPage *page = m_window->editor()->corsPage();
    const int tenant = tenantIndex(u"acme-storefront"_s);
    page->addRule();
    RuleForm *form = page->form();
    typeInto(form->domainField(), u"http://localhost:5173"_s);
    QTest::keyClick(form->domainField(), Qt::Key_Return);
    const Rule stored = m_fixture->tenantsOnDisk().at(tenant).rules.at(page->selectedRule());
    QCOMPARE(stored.domain, u"localhost"_s);
    QCOMPARE(stored.protocols, Protocols(Protocol::Http));
    QCOMPARE(stored.ports.toStringList(), QStringList { u"5173"_s });
    QCOMPARE(form->domainField()->text(), u"localhost"_s);
    QVERIFY(form->httpBox()->isChecked());
    QVERIFY(!form->httpsBox()->isChecked());
    QCOMPARE(form->portsField()->text(), u"5173"_s);
}

void tst_MainWindow::apiTypeHidesAndShowsTheCorsTab()
{
    TenantEditor *editor = m_window->editor();
    QVERIFY(editor->hasCorsTab());
    QComboBox *apiType = editor->generalPage()->apiTypeBox();
    editor->showGeneralTab();
    apiType->setFocus();
    // Choose Basic with the keyboard, as a user would.
    QTest::keyClick(apiType, Qt::Key_Home);
    QCOMPARE(apiType->currentText(), u"Basic"_s);
    QVERIFY(!editor->hasCorsTab());
    QCOMPARE(m_fixture->tenantsOnDisk().at(tenantIndex(u"acme-storefront"_s)).apiType, ApiType::Basic);
    m_window->undoAction()->trigger();
    QVERIFY(editor->hasCorsTab());
    QCOMPARE(apiType->currentText(), u"Advanced"_s);
}

void tst_MainWindow::simulatorShowsTheBrowsersMessage()
{
    SimulatorPanel *simulator = m_window->simulator();
    simulator->pageOriginField()->setText(u"https://evil.example"_s);
    simulator->urlField()->setText(u"https://api.example.net/v1/orders"_s);
    simulator->methodBox()->setCurrentText(u"PUT"_s);
    simulator->browserBox()->setCurrentIndex(simulator->browserBox()->findData(u"chromium"_s));
    simulator->run();
    QCOMPARE(simulator->verdictText(), u"blocked"_s);
    QCOMPARE(simulator->consoleMessage(),
             u"Access to fetch at 'https://api.example.net/v1/orders' from origin 'https://evil.example' has "
             "been blocked by CORS policy: Response to preflight request doesn't pass access control check: "
             "No 'Access-Control-Allow-Origin' header is present on the requested resource."_s);
    simulator->browserBox()->setCurrentIndex(simulator->browserBox()->findData(u"firefox"_s));
    simulator->run();
    QVERIFY2(
        simulator->consoleMessage().startsWith(
            u"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.net/v1/orders."_s),
        qPrintable(simulator->consoleMessage()));
    QVERIFY(simulator->consoleMessage().contains(u"(Reason: CORS"_s));
    // The timeline shows the preflight the browser sent and the server's refusal.
    QVERIFY(simulator->timeline()
                ->match(simulator->timeline()->index(0, 0), Qt::DisplayRole, u"Preflight sent"_s)
                .size()
            == 1);
}

void tst_MainWindow::simulatorFollowsRuleEdits()
{
    SimulatorPanel *simulator = m_window->simulator();
    simulator->pageOriginField()->setText(u"https://beta.acme.example"_s);
    simulator->urlField()->setText(u"https://api.example.net/v1/orders"_s);
    simulator->methodBox()->setCurrentText(u"PUT"_s);
    simulator->run();
    QCOMPARE(simulator->verdictText(), u"blocked"_s);
    // Add a rule for that origin: the verdict flips by itself.
    const int tenant = tenantIndex(u"acme-storefront"_s);
    Rule rule = DocumentFixture::rule(u"beta.acme.example"_s);
    DocumentEdits(m_window->document()).insertRule(tenant, 0, rule, u"Add Rule"_s);
    QTRY_COMPARE(simulator->verdictText(), u"allowed"_s);
}

void tst_MainWindow::findingSelectsRuleAndFocusesField()
{
    const int tenant = tenantIndex(u"acme-storefront"_s);
    Rule leaky = DocumentFixture::rule(u"*"_s);
    leaky.allowCredentials = true;
    DocumentEdits(m_window->document()).insertRule(tenant, 3, leaky, u"Add Rule"_s);
    m_window->lint()->lintNow();
    const QList<LintFinding> findings = m_window->lint()->findings();
    const auto it = std::find_if(findings.cbegin(), findings.cend(),
                                 [](const LintFinding &f) { return f.id == u"credentials-with-wildcard"; });
    QVERIFY(it != findings.cend());
    QCOMPARE(it->rule, 3);
    QVERIFY(m_window->findings()->summary().contains(u"error"_s));
    // Click the finding in the list.
    QTableView *view = m_window->findings()->findingsView();
    const QModelIndexList rows =
        view->model()->match(view->model()->index(0, 0), Qt::ToolTipRole, it->id, 1, Qt::MatchContains);
    QCOMPARE(rows.size(), 1);
    view->clicked(rows.first());
    CorsConfigurationPage *page = m_window->editor()->corsPage();
    QCOMPARE(m_window->editor()->tabs()->currentWidget(), page);
    QCOMPARE(page->selectedRule(), 3);
    QWidget *field = page->form()->fieldWidget(it->field);
    QVERIFY(field);
    QVERIFY(field->hasFocus());
    // The form and the table carry the mark too.
    QVERIFY(page->form()->findingsText().contains(u"error"_s));
    QCOMPARE(page->table()
                 ->model()
                 ->index(page->table()->currentIndex().row(), RuleTableModel::DomainColumn)
                 .data(RuleTableModel::FindingSeverityRole)
                 .toInt(),
             int(Severity::Error));
}

void tst_MainWindow::saveTestCaseAndRunIt()
{
    const int tenant = tenantIndex(u"acme-storefront"_s);
    TestCase testCase;
    testCase.name = u"shop PUT"_s;
    testCase.fetches = QJsonArray { QJsonObject { { u"pageOrigin"_s, u"https://shop.acme.example"_s },
                                                  { u"url"_s, u"https://api.example.net/v1/orders"_s },
                                                  { u"method"_s, u"PUT"_s },
                                                  { u"credentials"_s, u"include"_s } } };
    testCase.chromium = TestCase::Verdict::Allowed;
    testCase.firefox = TestCase::Verdict::Allowed;
    DocumentEdits(m_window->document()).insertTestCase(tenant, 0, testCase);
    TestCasesPage *page = m_window->editor()->testCasesPage();
    QCOMPARE(page->runAll(), std::make_pair(1, 0));
    // Break the rule the case relies on: the run says so.
    Rule broken = m_window->document()->tenant(tenant).rules.at(0);
    broken.allowCredentials = false;
    DocumentEdits(m_window->document()).changeRule(tenant, 0, broken, u"Credentials"_s);
    QCOMPARE(page->runAll(), std::make_pair(0, 1));
    QCOMPARE(page->model()->index(0, TestCaseTableModel::ResultColumn).data().toString(), u"FAIL"_s);
}

void tst_MainWindow::deleteTenantAsksAndUndoBringsItBack()
{
    const int before = m_window->document()->tenantCount();
    QVERIFY(m_window->tenantList()->deleteTenant(false));
    QCOMPARE(m_window->document()->tenantCount(), before - 1);
    QCOMPARE(int(m_fixture->tenantsOnDisk().size()), before - 1);
    m_window->undoAction()->trigger();
    QCOMPARE(int(m_fixture->tenantsOnDisk().size()), before);
    QCOMPARE(m_window->document()->tenant(0).name, u"acme-storefront"_s);
}

void tst_MainWindow::harOpensIntoTheSimulator()
{
    HarDialog *dialog = m_window->openHarFile(
        QStringLiteral(CORS_SOURCE_DIR "/tests/import/data/chromium-failed-preflight.har"));
    QVERIFY(dialog);
    const HarReport &report = dialog->report();
    QVERIFY(!report.requests.isEmpty());
    QCOMPARE(dialog->table()->rowCount(), int(report.requests.size()));
    int blocked = -1;
    for (int i = 0; i < report.requests.size() && blocked < 0; ++i) {
        if (report.requests[i].replayVerdict() == HarRequestResult::Replay::Blocked)
            blocked = i;
    }
    QVERIFY2(blocked >= 0, "the fixture records a failed request");
    dialog->table()->setCurrentCell(blocked, 0);
    // Replayed against the recorded responses, the simulator says what the customer's browser said.
    dialog->recordedButton()->click();
    QCOMPARE(m_window->simulator()->verdictText(), u"blocked"_s);
    QCOMPARE(m_window->simulator()->consoleMessage(), report.requests[blocked].error()->message);
    QVERIFY(m_window->simulator()->pastedModeButton()->isChecked());
    delete dialog;

    // A file that is not a HAR is refused with where and what; nothing opens.
    QTemporaryDir dir;
    QFile broken(dir.filePath(u"broken.har"_s));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write(R"({"log": {"version": "1.2", "entries": [{"request": 7}]}})");
    broken.close();
    QTimer::singleShot(0, this, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            QVERIFY(box->informativeText().contains(u"log."_s));
            box->accept();
        }
    });
    QVERIFY(!m_window->openHarFile(broken.fileName()));
}

void tst_MainWindow::pasteCurlFillsTheComposer()
{
    SimulatorPanel *simulator = m_window->simulator();
    const QString curl =
        uR"(curl 'https://api.example.net/v1/orders/42'   -X 'PUT'   -H 'accept: */*'   -H 'content-type: application/json'   -H 'origin: https://shop.acme.example'   -H 'referer: https://shop.acme.example/'   -H 'sec-fetch-mode: cors'   --data-raw '{"qty":2}')"_s;
    QCOMPARE(simulator->pasteCurl(curl), QString());
    QCOMPARE(simulator->pageOriginField()->text(), u"https://shop.acme.example"_s);
    QCOMPARE(simulator->urlField()->text(), u"https://api.example.net/v1/orders/42"_s);
    QCOMPARE(simulator->methodBox()->currentText(), u"PUT"_s);
    QVERIFY(simulator->headersField()->toPlainText().contains(u"content-type: application/json"_s,
                                                              Qt::CaseInsensitive));
    // The browser's own headers (Origin, Referer, Sec-*) are not the page's to set.
    QVERIFY(!simulator->headersField()->toPlainText().contains(u"sec-fetch-mode"_s, Qt::CaseInsensitive));
    // Not a cURL command: refused with where.
    const QString problem = simulator->pasteCurl(u"wget https://api.example.net/"_s);
    QVERIFY2(problem.startsWith(u"line 1, column 1"_s), qPrintable(problem));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
