#include "testcasespage.h"

#include "browser/browserprofile.h"
#include "browser/browsersession.h"
#include "browser/engineresponder.h"
#include "browser/fetchspecjson.h"
#include "commands/documentedits.h"
#include "document/workspacedocument.h"
#include "models/testcasetablemodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cors {

namespace {
QToolButton *button(const QString &icon, const QString &text, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setIcon(QIcon(u":/cors/icons/actions/"_s + icon + u".svg"_s));
    b->setText(text);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    b->setAutoRaise(true);
    return b;
}
} // namespace

TestCasesPage::TestCasesPage(WorkspaceDocument *document, DocumentEdits *edits, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_edits(edits)
    , m_model(new TestCaseTableModel(document, this))
{
    m_run = button(u"run"_s, tr("Run All"), this);
    m_run->setToolTip(
        tr("Run every test case in Chromium's and Firefox's model against the tenant's current rules"));
    m_open = button(u"browser"_s, tr("Open in Simulator"), this);
    m_remove = button(u"remove"_s, tr("Delete"), this);
    m_summary = new QLabel(this);
    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_run);
    toolbar->addWidget(m_open);
    toolbar->addWidget(m_remove);
    toolbar->addStretch(1);
    toolbar->addWidget(m_summary);

    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(TestCaseTableModel::NameColumn, QHeaderView::Stretch);
    for (int column : { TestCaseTableModel::FetchesColumn, TestCaseTableModel::ChromiumColumn,
                        TestCaseTableModel::FirefoxColumn, TestCaseTableModel::ResultColumn })
        m_table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);

    auto *hint = new QLabel(
        tr("Save a request from the Simulator as a test case; run them after changing rules to see "
           "that nothing else broke."),
        this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(toolbar);
    layout->addWidget(m_table, 1);
    layout->addWidget(hint);

    connect(m_run, &QToolButton::clicked, this, &TestCasesPage::runAll);
    connect(m_remove, &QToolButton::clicked, this, [this] {
        const QModelIndex current = m_table->currentIndex();
        if (current.isValid())
            m_edits->removeTestCase(m_tenant, current.row());
    });
    connect(m_open, &QToolButton::clicked, this, [this] {
        const QModelIndex current = m_table->currentIndex();
        if (!current.isValid())
            return;
        JsonProblems problems;
        const auto specs = FetchSpecJson::readSequence(
            m_document->testCases(m_tenant).at(current.row()).fetches, u"fetches"_s, &problems);
        if (specs && !specs->isEmpty())
            Q_EMIT openInSimulatorRequested(specs->last());
    });
    connect(m_table, &QTableView::doubleClicked, m_open, &QToolButton::click);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TestCasesPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_summary->clear();
        updateButtons();
    });
    // Rules changed: earlier results no longer say anything.
    connect(document, &WorkspaceDocument::tenantContentChanged, this, [this](int tenant) {
        if (tenant == m_tenant && !m_summary->text().isEmpty()) {
            m_model->setResults({});
            m_summary->setText(tr("Rules changed since the last run."));
        }
    });
    updateButtons();
}

void TestCasesPage::setTenant(int tenant)
{
    m_tenant = tenant;
    m_model->setTenant(tenant);
    m_summary->clear();
    updateButtons();
}

void TestCasesPage::updateButtons()
{
    m_run->setEnabled(m_model->rowCount() > 0);
    const bool selected = m_table->currentIndex().isValid();
    m_open->setEnabled(selected);
    m_remove->setEnabled(selected);
}

std::pair<int, int> TestCasesPage::runAll()
{
    if (m_tenant < 0)
        return { 0, 0 };
    const Tenant &tenant = m_document->tenant(m_tenant);
    const QList<TestCase> &cases = m_document->testCases(m_tenant);
    QList<std::optional<TestCaseTableModel::Result>> results;
    int passed = 0;
    int failed = 0;
    for (int i = 0; i < cases.size(); ++i) {
        JsonProblems problems;
        const auto specs = FetchSpecJson::readSequence(cases[i].fetches, u"fetches"_s, &problems);
        if (!specs || specs->isEmpty()) {
            results.append(std::nullopt);
            continue;
        }
        TestCaseTableModel::Result result;
        for (const QString &name : BrowserProfile::names()) {
            // A sequence shares one preflight cache and one server, as a page's fetches do.
            EngineResponder responder { CorsEngine(tenant) };
            const QList<Outcome> outcomes = fetchSequence(*specs, responder, *BrowserProfile::fromName(name));
            const Outcome &last = outcomes.last();
            const QString message = last.error ? last.error->message : QString();
            if (name == u"chromium") {
                result.chromium = verdictName(last.verdict);
                result.chromiumMessage = message;
            } else {
                result.firefox = verdictName(last.verdict);
                result.firefoxMessage = message;
            }
        }
        results.append(result);
    }
    m_model->setResults(results);
    for (int i = 0; i < cases.size(); ++i) {
        if (const auto ok = m_model->passed(i))
            (*ok ? passed : failed)++;
    }
    m_summary->setText(failed == 0
                           ? tr("<b style='color:#2e9d4f'>%1 passed</b>").arg(passed)
                           : tr("<b style='color:#d93a3a'>%1 failed</b>, %2 passed").arg(failed).arg(passed));
    return { passed, failed };
}

} // namespace cors
