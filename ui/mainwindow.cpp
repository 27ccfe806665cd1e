#include "mainwindow.h"

#include "browser/browserprofile.h"
#include "browser/browsersession.h"
#include "browser/engineresponder.h"
#include "bundle/bundlereader.h"
#include "bundle/bundlewriter.h"
#include "commands/documentedits.h"
#include "corsversion.h"
#include "document/lintcontroller.h"
#include "document/workspacedocument.h"
#include "import/harreader.h"
#include "import/harreplay.h"
#include "widgets/applicationspage.h"
#include "widgets/corsconfigurationpage.h"
#include "widgets/exportdialog.h"
#include "widgets/findingspanel.h"
#include "widgets/generalpage.h"
#include "widgets/hardialog.h"
#include "widgets/livetestpanel.h"
#include "widgets/ruleform.h"
#include "widgets/savetestcasedialog.h"
#include "widgets/simulatorpanel.h"
#include "widgets/tenanteditor.h"
#include "widgets/tenantlistpanel.h"
#include "widgets/testcasespage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QShowEvent>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

QIcon icon(const QString &name)
{
    return QIcon(u":/cors/icons/actions/"_s + name + u".svg"_s);
}

const QString kBundleFilter = MainWindow::tr("CORS Studio bundles (*.corsbundle.json *.json);;All files (*)");
const QString kWorkspaceFilter = MainWindow::tr("CORS Studio workspaces (*.corsworkspace);;All files (*)");

} // namespace

MainWindow::MainWindow(std::unique_ptr<WorkspaceDocument> document, QWidget *parent)
    : QMainWindow(parent)
    , m_document(std::move(document))
    , m_edits(std::make_unique<DocumentEdits>(m_document.get()))
{
    setObjectName(u"MainWindow"_s);
    setAttribute(Qt::WA_DeleteOnClose);
    m_lint = new LintController(m_document.get(), this);
    m_editor = new TenantEditor(m_document.get(), m_edits.get(), m_lint, this);
    setCentralWidget(m_editor);
    createDocks();
    createActions();

    m_workspaceLabel = new QLabel(this);
    m_workspaceLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_workspaceLabel);

    connect(m_tenantList, &TenantListPanel::currentTenantChanged, this, &MainWindow::tenantSelected);
    connect(m_document.get(), &WorkspaceDocument::errorOccurred, this, [this](const QString &message) {
        statusBar()->showMessage(message, 10000);
        QMessageBox::warning(this, tr("Not Saved"), message);
    });
    connect(m_document.get(), &WorkspaceDocument::saved, this,
            [this](const QString &what) { statusBar()->showMessage(tr("%1: saved.").arg(what), 4000); });
    connect(m_document.get(), &WorkspaceDocument::tenantChanged, this, [this](int tenant) {
        if (tenant == m_tenantList->currentTenant())
            updateTitle();
    });
    connect(m_findingsPanel, &FindingsPanel::findingActivated, this, &MainWindow::goToFinding);
    connect(m_simulator, &SimulatorPanel::saveTestCaseRequested, this, &MainWindow::saveTestCase);
    connect(m_simulator, &SimulatorPanel::browserChanged, this,
            [this](const QString &browser) { m_settings.setSimulatorBrowser(browser); });
    connect(m_editor->testCasesPage(), &TestCasesPage::openInSimulatorRequested, this,
            [this](const FetchSpec &spec) {
                m_simulatorDock->show();
                m_simulatorDock->raise();
                m_simulator->setFetch(spec);
            });

    m_simulator->browserBox()->setCurrentIndex(
        m_simulator->browserBox()->findData(m_settings.simulatorBrowser()));
    resize(1400, 860);
    restoreGeometry(m_settings.mainWindowGeometry());
    restoreState(m_settings.mainWindowState());
    if (const QByteArray state = m_settings.splitterState(u"rulesAndForm"_s); !state.isEmpty())
        m_editor->corsPage()->splitter()->restoreState(state);

    m_settings.addRecentWorkspace(m_document->fileName());
    updateRecentMenu();
    // The home directory as "~", as a shell shows it.
    QString shown = QDir::toNativeSeparators(m_document->fileName());
    const QString home = QDir::toNativeSeparators(QDir::homePath());
    if (shown.startsWith(home + QDir::separator()))
        shown = u"~"_s + shown.mid(home.size());
    m_workspaceLabel->setText(shown);
    m_workspaceLabel->setToolTip(QDir::toNativeSeparators(m_document->fileName()));
    const int last = m_document->indexOfTenant(m_settings.lastTenant());
    m_tenantList->setCurrentTenant(last >= 0 ? last : 0);
    if (m_tenantList->currentTenant() < 0)
        tenantSelected(-1);
}

MainWindow::~MainWindow()
{
    // Widgets refer to the document: they go before it (and the live server stops first).
    m_liveTest->stop();
    delete m_editor;
    m_editor = nullptr;
    qDeleteAll(findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly));
}

void MainWindow::createDocks()
{
    m_tenantList = new TenantListPanel(m_document.get(), m_edits.get(), this);
    m_tenantDock = new QDockWidget(tr("Tenants"), this);
    m_tenantDock->setObjectName(u"tenantDock"_s);
    m_tenantDock->setWidget(m_tenantList);
    m_tenantDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::LeftDockWidgetArea, m_tenantDock);

    m_simulator = new SimulatorPanel(m_document.get(), m_edits.get(), this);
    m_simulatorDock = new QDockWidget(tr("Simulator"), this);
    m_simulatorDock->setObjectName(u"simulatorDock"_s);
    m_simulatorDock->setWidget(m_simulator);
    addDockWidget(Qt::RightDockWidgetArea, m_simulatorDock);

    m_findingsPanel = new FindingsPanel(m_document.get(), m_lint, this);
    m_findingsDock = new QDockWidget(tr("Findings"), this);
    m_findingsDock->setObjectName(u"findingsDock"_s);
    m_findingsDock->setWidget(m_findingsPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_findingsDock);

    m_liveTest = new LiveTestPanel(m_document.get(), this);
    m_liveDock = new QDockWidget(tr("Live Test"), this);
    m_liveDock->setObjectName(u"liveDock"_s);
    m_liveDock->setWidget(m_liveTest);
    addDockWidget(Qt::BottomDockWidgetArea, m_liveDock);
    tabifyDockWidget(m_findingsDock, m_liveDock);
    m_findingsDock->raise();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // Dock sizes only take once the window has its size; a saved layout wins.
    if (!m_restoredLayout) {
        m_restoredLayout = true;
        if (m_settings.mainWindowState().isEmpty()) {
            resizeDocks({ m_tenantDock, m_simulatorDock }, { 170, 440 }, Qt::Horizontal);
            resizeDocks({ m_findingsDock }, { 170 }, Qt::Vertical);
        }
    }
}

void MainWindow::createActions()
{
    // --- File ---
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newWorkspace = file->addAction(icon(u"new"_s), tr("&New Workspace…"));
    newWorkspace->setShortcut(QKeySequence::New);
    connect(newWorkspace, &QAction::triggered, this, [this] {
        const QString fileName = QFileDialog::getSaveFileName(
            this, tr("New Workspace"), QDir(m_settings.lastDirectory()).filePath(u"rules.corsworkspace"_s),
            kWorkspaceFilter);
        if (!fileName.isEmpty())
            openWorkspace(fileName.endsWith(u".corsworkspace") ? fileName : fileName + u".corsworkspace"_s,
                          true);
    });
    QAction *open = file->addAction(icon(u"open"_s), tr("&Open Workspace…"));
    open->setShortcut(QKeySequence::Open);
    connect(open, &QAction::triggered, this, [this] {
        const QString fileName = QFileDialog::getOpenFileName(this, tr("Open Workspace"),
                                                              m_settings.lastDirectory(), kWorkspaceFilter);
        if (!fileName.isEmpty())
            openWorkspace(fileName);
    });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    QAction *importBundle = file->addAction(icon(u"import"_s), tr("&Import Bundle…"));
    importBundle->setShortcut(QKeySequence(Qt::ControlModifier | Qt::Key_I));
    connect(importBundle, &QAction::triggered, this, [this] {
        const QString fileName = QFileDialog::getOpenFileName(this, tr("Import Bundle"),
                                                              m_settings.lastDirectory(), kBundleFilter);
        if (!fileName.isEmpty())
            importBundleFile(fileName);
    });
    QAction *exportBundle = file->addAction(icon(u"export"_s), tr("&Export Bundle…"));
    exportBundle->setShortcut(QKeySequence(Qt::ControlModifier | Qt::Key_E));
    connect(exportBundle, &QAction::triggered, this, [this] {
        const int tenant = m_tenantList->currentTenant();
        const QString name = tenant >= 0 ? m_document->tenant(tenant).name : u"workspace"_s;
        const QString fileName = QFileDialog::getSaveFileName(
            this, tr("Export Bundle"),
            QDir(m_settings.lastDirectory()).filePath(name + u".corsbundle.json"_s), kBundleFilter);
        if (!fileName.isEmpty())
            exportBundleFile(fileName, tenant >= 0);
    });
    QAction *exportAll = file->addAction(tr("Export &All Tenants…"));
    connect(exportAll, &QAction::triggered, this, [this] {
        const QString fileName = QFileDialog::getSaveFileName(
            this, tr("Export All Tenants"),
            QDir(m_settings.lastDirectory()).filePath(u"workspace.corsbundle.json"_s), kBundleFilter);
        if (!fileName.isEmpty())
            exportBundleFile(fileName, false);
    });
    QAction *exportConfig = file->addAction(icon(u"server"_s), tr("Export &Server Configuration…"));
    exportConfig->setShortcut(QKeySequence(Qt::ControlModifier | Qt::ShiftModifier | Qt::Key_E));
    connect(exportConfig, &QAction::triggered, this, [this] {
        const int tenant = m_tenantList->currentTenant();
        if (tenant < 0)
            return;
        ExportDialog dialog(m_document->tenant(tenant), &m_settings, this);
        dialog.exec();
    });
    m_tenantActions.append(exportConfig);
    QAction *openHar = file->addAction(icon(u"browser"_s), tr("Open &HAR…"));
    openHar->setShortcut(QKeySequence(Qt::ControlModifier | Qt::ShiftModifier | Qt::Key_O));
    openHar->setToolTip(tr("A customer's HAR file: which cross-origin requests failed, the browser's "
                           "message, and whether the rules fix them"));
    connect(openHar, &QAction::triggered, this, [this] {
        const QString fileName = QFileDialog::getOpenFileName(
            this, tr("Open HAR"), m_settings.lastDirectory(), tr("HAR files (*.har *.json);;All files (*)"));
        if (fileName.isEmpty())
            return;
        if (HarDialog *dialog = openHarFile(fileName)) {
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->show();
        }
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    // --- Edit ---
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    m_undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undo->setShortcuts(QKeySequence::Undo);
    m_undo->setIcon(icon(u"undo"_s));
    m_redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redo->setShortcuts({ QKeySequence(Qt::ControlModifier | Qt::ShiftModifier | Qt::Key_Z),
                           QKeySequence(Qt::ControlModifier | Qt::Key_Y) });
    m_redo->setIcon(icon(u"redo"_s));
    edit->addAction(m_undo);
    edit->addAction(m_redo);
    edit->addSeparator();
    CorsConfigurationPage *rules = m_editor->corsPage();
    QAction *addRule = edit->addAction(icon(u"add"_s), tr("&Add Rule"));
    addRule->setShortcut(QKeySequence(Qt::ControlModifier | Qt::ShiftModifier | Qt::Key_N));
    connect(addRule, &QAction::triggered, this, [this, rules] {
        m_editor->showCorsTab();
        rules->addRule();
    });
    QAction *duplicateRule = edit->addAction(icon(u"duplicate"_s), tr("D&uplicate Rule"));
    duplicateRule->setShortcut(QKeySequence(Qt::ControlModifier | Qt::Key_D));
    connect(duplicateRule, &QAction::triggered, rules, &CorsConfigurationPage::duplicateRule);
    QAction *deleteRule = edit->addAction(icon(u"remove"_s), tr("&Delete Rule"));
    deleteRule->setShortcut(QKeySequence::Delete);
    deleteRule->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    rules->table()->addAction(deleteRule);
    connect(deleteRule, &QAction::triggered, rules, &CorsConfigurationPage::removeSelectedRules);
    QAction *moveUp = edit->addAction(icon(u"up"_s), tr("Move Rule &Up"));
    moveUp->setShortcut(QKeySequence(Qt::AltModifier | Qt::Key_Up));
    connect(moveUp, &QAction::triggered, this, [rules] { rules->moveSelectedRule(-1); });
    QAction *moveDown = edit->addAction(icon(u"down"_s), tr("Move Rule Do&wn"));
    moveDown->setShortcut(QKeySequence(Qt::AltModifier | Qt::Key_Down));
    connect(moveDown, &QAction::triggered, this, [rules] { rules->moveSelectedRule(+1); });
    edit->addSeparator();
    QAction *find = edit->addAction(tr("&Filter Rules"));
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, this, [this, rules] {
        m_editor->showCorsTab();
        rules->filterField()->setFocus();
        rules->filterField()->selectAll();
    });
    m_tenantActions << addRule << duplicateRule << moveUp << moveDown << find;

    // --- Tenant ---
    QMenu *tenant = menuBar()->addMenu(tr("&Tenant"));
    QAction *addTenant = tenant->addAction(icon(u"tenant"_s), tr("&New Tenant"));
    addTenant->setShortcut(QKeySequence(Qt::ControlModifier | Qt::Key_T));
    connect(addTenant, &QAction::triggered, m_tenantList, &TenantListPanel::addTenant);
    QAction *renameTenant = tenant->addAction(tr("&Rename Tenant"));
    renameTenant->setShortcut(Qt::Key_F2);
    connect(renameTenant, &QAction::triggered, m_tenantList, &TenantListPanel::renameTenant);
    QAction *duplicateTenant = tenant->addAction(icon(u"duplicate"_s), tr("&Duplicate Tenant"));
    connect(duplicateTenant, &QAction::triggered, m_tenantList, &TenantListPanel::duplicateTenant);
    QAction *deleteTenant = tenant->addAction(icon(u"remove"_s), tr("De&lete Tenant…"));
    connect(deleteTenant, &QAction::triggered, this, [this] { m_tenantList->deleteTenant(); });
    tenant->addSeparator();
    QAction *runTests = tenant->addAction(icon(u"run"_s), tr("Run &Test Cases"));
    runTests->setShortcut(QKeySequence(Qt::ControlModifier | Qt::Key_R));
    connect(runTests, &QAction::triggered, this, [this] {
        m_editor->showTestCasesTab();
        const auto [passed, failed] = m_editor->testCasesPage()->runAll();
        statusBar()->showMessage(tr("Test cases: %1 passed, %2 failed.").arg(passed).arg(failed), 8000);
    });
    QAction *simulate = tenant->addAction(icon(u"browser"_s), tr("Run &Simulator"));
    simulate->setShortcut(Qt::Key_F5);
    connect(simulate, &QAction::triggered, this, [this] {
        m_simulatorDock->show();
        m_simulator->run();
    });
    m_tenantActions << renameTenant << duplicateTenant << deleteTenant << runTests << simulate;

    // --- View ---
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_tenantDock->toggleViewAction());
    view->addAction(m_simulatorDock->toggleViewAction());
    view->addAction(m_findingsDock->toggleViewAction());
    QAction *live = m_liveDock->toggleViewAction();
    live->setIcon(icon(u"live"_s));
    live->setShortcut(QKeySequence(Qt::ControlModifier | Qt::Key_L));
    view->addAction(live);

    // --- Help ---
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(icon(u"info"_s), tr("&About CORS Studio"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    QAction *aboutQt = help->addAction(tr("About &Qt"));
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(u"mainToolBar"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setIconSize(QSize(20, 20));
    toolbar->addAction(addTenant);
    toolbar->addAction(addRule);
    toolbar->addSeparator();
    toolbar->addAction(m_undo);
    toolbar->addAction(m_redo);
    toolbar->addSeparator();
    toolbar->addAction(importBundle);
    toolbar->addAction(exportBundle);
    toolbar->addAction(exportConfig);
    toolbar->addSeparator();
    toolbar->addAction(runTests);
    toolbar->addAction(simulate);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = m_settings.recentWorkspaces();
    for (int i = 0; i < recent.size(); ++i) {
        QAction *action =
            m_recentMenu->addAction(u"&%1 %2"_s.arg(i + 1).arg(QDir::toNativeSeparators(recent[i])));
        const QString fileName = recent[i];
        connect(action, &QAction::triggered, this, [this, fileName] { openWorkspace(fileName); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::updateTitle()
{
    const int tenant = m_tenantList->currentTenant();
    setWindowFilePath(m_document->fileName());
    setWindowTitle(tenant >= 0 ? u"%1 — %2 — CORS Studio"_s.arg(m_document->tenant(tenant).name,
                                                                QFileInfo(m_document->fileName()).fileName())
                               : u"%1 — CORS Studio"_s.arg(QFileInfo(m_document->fileName()).fileName()));
}

void MainWindow::tenantSelected(int tenant)
{
    m_editor->setTenant(tenant);
    m_lint->setTenant(tenant);
    m_simulator->setTenant(tenant);
    m_liveTest->setActiveTenant(tenant);
    for (QAction *action : std::as_const(m_tenantActions))
        action->setEnabled(tenant >= 0);
    if (tenant >= 0)
        m_settings.setLastTenant(m_document->tenant(tenant).name);
    updateTitle();
}

void MainWindow::openWorkspace(const QString &fileName, bool create)
{
    auto workspace =
        Workspace::open(fileName, create ? Workspace::OpenMode::EditOrCreate : Workspace::OpenMode::Edit);
    if (!workspace) {
        QMessageBox::warning(this, tr("Open Workspace"), workspace.errorMessage());
        if (workspace.errorCode() == WorkspaceError::Code::NotFound) {
            m_settings.removeRecentWorkspace(fileName);
            updateRecentMenu();
        }
        return;
    }
    QString error;
    auto document = WorkspaceDocument::load(std::move(*workspace), &error);
    if (!document) {
        QMessageBox::warning(this, tr("Open Workspace"), error);
        return;
    }
    m_settings.setLastDirectory(QFileInfo(fileName).absolutePath());
    auto *window = new MainWindow(std::move(document));
    window->show();
    close();
}

void MainWindow::importBundleFile(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Import Bundle"),
                             tr("Could not read %1: %2").arg(fileName, file.errorString()));
        return;
    }
    m_settings.setLastDirectory(QFileInfo(fileName).absolutePath());
    JsonProblems problems;
    const auto bundle = BundleReader::read(file.readAll(), &problems);
    if (!bundle) {
        QStringList lines;
        for (const JsonProblem &problem : problems.mid(0, 20))
            lines.append(problem.toString());
        if (problems.size() > 20)
            lines.append(tr("… and %n more problem(s).", nullptr, int(problems.size() - 20)));
        QMessageBox box(QMessageBox::Warning, tr("Import Bundle"),
                        tr("%1 was not imported: it has %n problem(s). Nothing in the workspace changed.",
                           nullptr, int(problems.size()))
                            .arg(QFileInfo(fileName).fileName()),
                        QMessageBox::Ok, this);
        box.setDetailedText(lines.join(u'\n'));
        box.setInformativeText(lines.first());
        box.exec();
        return;
    }
    QStringList existing;
    for (const Tenant &tenant : bundle->tenants) {
        if (m_document->indexOfTenant(tenant.name) >= 0)
            existing.append(tenant.name);
    }
    ImportMode mode = ImportMode::Merge;
    if (!existing.isEmpty()) {
        QMessageBox ask(QMessageBox::Question, tr("Import Bundle"),
                        tr("The workspace already has %1. Merge the bundle's rules into them (rules for new "
                           "domains are added, known ones replaced, the rest kept), or replace them with the "
                           "bundle's?")
                            .arg(existing.join(u", ")),
                        QMessageBox::Cancel, this);
        QPushButton *merge = ask.addButton(tr("&Merge"), QMessageBox::AcceptRole);
        QPushButton *replace = ask.addButton(tr("&Replace"), QMessageBox::DestructiveRole);
        ask.setDefaultButton(merge);
        ask.exec();
        if (ask.clickedButton() == replace)
            mode = ImportMode::Replace;
        else if (ask.clickedButton() != merge)
            return;
    }
    const auto report = m_edits->importBundle(*bundle, mode, fileName);
    if (!report)
        return; // the document reported why
    QStringList summary;
    for (const ImportReport::TenantReport &tenant : report->tenants) {
        summary.append(tr("%1 %2: %3 rule(s) added, %4 changed, %5 unchanged")
                           .arg(ImportReport::TenantReport::actionName(tenant.action), tenant.tenant)
                           .arg(tenant.rules.added.size())
                           .arg(tenant.rules.changed.size())
                           .arg(tenant.rules.unchanged.size()));
    }
    statusBar()->showMessage(tr("Imported %1 (Edit > Undo takes it back): %2")
                                 .arg(QFileInfo(fileName).fileName(), summary.join(u"; ")),
                             15000);
}

HarDialog *MainWindow::openHarFile(const QString &fileName)
{
    JsonProblems problems;
    const auto log = HarReader::readFile(fileName, &problems);
    if (!log) {
        QStringList lines;
        for (const JsonProblem &problem : problems)
            lines.append(problem.toString());
        QMessageBox box(QMessageBox::Warning, tr("Open HAR"),
                        tr("%1 cannot be read as a HAR file.").arg(QFileInfo(fileName).fileName()),
                        QMessageBox::Ok, this);
        box.setInformativeText(lines.value(0));
        box.setDetailedText(lines.join(u'\n'));
        box.exec();
        return nullptr;
    }
    m_settings.setLastDirectory(QFileInfo(fileName).absolutePath());
    QString evidence;
    const BrowserProfile browser = HarReplay::detectBrowser(*log, &evidence);
    const int tenant = m_tenantList->currentTenant();
    const std::optional<Tenant> rules =
        tenant >= 0 ? std::optional<Tenant>(m_document->tenant(tenant)) : std::nullopt;
    auto *dialog = new HarDialog(HarReplay::run(*log, browser, evidence, rules), fileName, this);
    connect(dialog, &HarDialog::openAgainstRules, this,
            [this](const FetchSpec &spec, const QString &browserName) {
                m_simulatorDock->show();
                m_simulatorDock->raise();
                m_simulator->setBrowser(browserName);
                m_simulator->setRulesMode();
                m_simulator->setFetch(spec);
            });
    connect(dialog, &HarDialog::openAgainstRecorded, this,
            [this](const FetchSpec &spec, const QString &browserName, const QString &preflight,
                   const QString &actual) {
                m_simulatorDock->show();
                m_simulatorDock->raise();
                m_simulator->setBrowser(browserName);
                m_simulator->setFetch(spec);
                m_simulator->setPastedResponses(preflight, actual);
            });
    return dialog;
}

bool MainWindow::exportBundleFile(const QString &fileName, bool currentTenantOnly)
{
    Bundle bundle;
    if (currentTenantOnly && m_tenantList->currentTenant() >= 0)
        bundle.tenants = { m_document->tenant(m_tenantList->currentTenant()) };
    else
        bundle.tenants = m_document->tenants();
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(BundleWriter::write(bundle)) < 0 || !file.commit()) {
        QMessageBox::warning(this, tr("Export Bundle"),
                             tr("Could not write %1: %2").arg(fileName, file.errorString()));
        return false;
    }
    m_settings.setLastDirectory(QFileInfo(fileName).absolutePath());
    statusBar()->showMessage(tr("Exported %n tenant(s) to %1.", nullptr, int(bundle.tenants.size()))
                                 .arg(QDir::toNativeSeparators(fileName)),
                             8000);
    return true;
}

void MainWindow::goToFinding(const LintFinding &finding)
{
    if (finding.rule >= 0) {
        if (!m_editor->hasCorsTab()) {
            m_editor->showGeneralTab();
            m_editor->generalPage()->fieldWidget(u"apiType"_s)->setFocus();
            return;
        }
        m_editor->showCorsTab();
        m_editor->corsPage()->selectRule(finding.rule, finding.field);
    } else if (finding.application >= 0) {
        m_editor->showApplicationsTab();
        m_editor->applicationsPage()->selectApplication(finding.application, finding.field);
    } else {
        m_editor->showGeneralTab();
        if (QWidget *field = m_editor->generalPage()->fieldWidget(finding.field))
            field->setFocus();
    }
}

void MainWindow::saveTestCase()
{
    const int tenant = m_tenantList->currentTenant();
    const auto spec = m_simulator->currentFetch();
    if (tenant < 0 || !spec)
        return;
    // What each browser does with it under the rules as they are now.
    QString verdicts[2];
    const QStringList browsers = BrowserProfile::names();
    for (int i = 0; i < 2 && i < browsers.size(); ++i) {
        EngineResponder responder { CorsEngine(m_document->tenant(tenant)) };
        verdicts[i] = verdictName(
            BrowserSession(*BrowserProfile::fromName(browsers[i])).fetch(*spec, responder).verdict);
    }
    QStringList taken;
    for (const TestCase &testCase : m_document->testCases(tenant))
        taken.append(testCase.name);
    SaveTestCaseDialog dialog(*spec, u"%1 %2"_s.arg(QString::fromLatin1(spec->method), spec->url.path()),
                              verdicts[0], verdicts[1], taken, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_edits->insertTestCase(tenant, int(m_document->testCases(tenant).size()), dialog.testCase());
    m_editor->showTestCasesTab();
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About CORS Studio"),
        tr("<h3>CORS Studio %1</h3><p>Design per-origin CORS rules, see what Chromium and Firefox do with "
           "them, test them live in a real browser, and export them as bundles and server "
           "configurations.</p><p>Built with Qt %2.</p>")
            .arg(QString::fromLatin1(CORS_STUDIO_VERSION), QString::fromLatin1(qVersion())));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings.setMainWindowGeometry(saveGeometry());
    m_settings.setMainWindowState(saveState());
    m_settings.setSplitterState(u"rulesAndForm"_s, m_editor->corsPage()->splitter()->saveState());
    event->accept();
}

} // namespace cors
