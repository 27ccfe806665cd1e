#include "livetestpanel.h"

#include "document/workspacedocument.h"
#include "fieldmarker.h"
#include "live/liveserver.h"
#include "model/httpmessagetext.h"
#include "models/livelogmodel.h"
#include "models/liveoutcomemodel.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

QPlainTextEdit *detailsPane(QWidget *parent)
{
    auto *pane = new QPlainTextEdit(parent);
    pane->setReadOnly(true);
    pane->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    pane->setLineWrapMode(QPlainTextEdit::NoWrap);
    return pane;
}

QTableView *tableView(QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->verticalHeader()->hide();
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    return view;
}

// Scrolls only vertically: as wide as its contents need (so that no button or link is cut off at
// the right), as short as the dock it sits in.
class VerticalScrollArea : public QScrollArea
{
public:
    using QScrollArea::QScrollArea;

    QSize minimumSizeHint() const override
    {
        return { contentsWidth(widget() ? widget()->minimumSizeHint().width() : 0),
                 QScrollArea::minimumSizeHint().height() };
    }
    QSize sizeHint() const override
    {
        return { contentsWidth(widget() ? widget()->sizeHint().width() : 0),
                 QScrollArea::sizeHint().height() };
    }

private:
    int contentsWidth(int width) const
    {
        return width + verticalScrollBar()->sizeHint().width() + 2 * frameWidth();
    }
};

} // namespace

LiveTestPanel::LiveTestPanel(WorkspaceDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_server(new LiveServer(this))
    , m_log(new LiveLogModel(5000, this))
    , m_logProxy(new QSortFilterProxyModel(this))
    , m_outcomes(new LiveOutcomeModel(2000, this))
{
    // --- The server ---
    auto *serverBox = new QGroupBox(tr("Server"), this);
    m_address = new QComboBox(serverBox);
    m_address->addItem(tr("This computer only (127.0.0.1, ::1)"), u"127.0.0.1"_s);
    m_address->addItem(tr("Every network interface (0.0.0.0)"), u"0.0.0.0"_s);
    m_apiPort = new QSpinBox(serverBox);
    m_apiPort->setRange(0, 65535);
    m_apiPort->setValue(LiveServerOptions::kDefaultApiPort);
    m_apiPort->setSpecialValueText(tr("any"));
    m_pagePort = new QSpinBox(serverBox);
    m_pagePort->setRange(0, 65535);
    m_pagePort->setValue(LiveServerOptions::kDefaultPagePort);
    m_pagePort->setSpecialValueText(tr("any"));
    m_startStop = new QPushButton(serverBox);
    m_warning = new QLabel(tr("Other computers on the network can reach this server and send it requests."),
                           serverBox);
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(u"color: #d93a3a; font-weight: bold;"_s);
    m_warning->hide();
    m_urls = new QLabel(serverBox);
    m_urls->setWordWrap(true);
    m_urls->setTextFormat(Qt::RichText);
    m_urls->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_urls->setOpenExternalLinks(true);
    m_openPage = new QPushButton(QIcon(u":/cors/icons/actions/browser.svg"_s),
                                 tr("Open Test Page in Browser"), serverBox);
    m_tenantLabel = new QLabel(serverBox);
    m_tenantLabel->setWordWrap(true);
    m_tenantLabel->setForegroundRole(QPalette::PlaceholderText);
    auto *ports = new QHBoxLayout;
    ports->addWidget(new QLabel(tr("API port:"), serverBox));
    ports->addWidget(m_apiPort);
    ports->addWidget(new QLabel(tr("Test page port:"), serverBox));
    ports->addWidget(m_pagePort);
    ports->addStretch(1);
    ports->addWidget(m_startStop);
    auto *serverForm = new QFormLayout(serverBox);
    serverForm->addRow(tr("&Listen on:"), m_address);
    serverForm->addRow(m_warning);
    serverForm->addRow(ports);
    serverForm->addRow(m_urls);
    auto *openRow = new QHBoxLayout;
    openRow->addStretch(1);
    openRow->addWidget(m_openPage);
    serverForm->addRow(openRow);
    serverForm->addRow(m_tenantLabel);

    // --- The mock backend ---
    auto *backendBox = new QGroupBox(tr("Mock backend"), this);
    m_backendPath = new QLineEdit(u"/v1/orders"_s, backendBox);
    m_backendPath->setToolTip(tr("A path (/v1/orders) or a subtree (/v1/*)"));
    m_backendResponse = new QPlainTextEdit(backendBox);
    m_backendResponse->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_backendResponse->setPlainText(
        u"HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"status\":\"200\"}"_s);
    m_backendResponse->setFixedHeight(m_backendResponse->fontMetrics().lineSpacing() * 5 + 12);
    m_backendProblem = FieldMarker::createLabel(backendBox);
    auto *setBackend = new QPushButton(tr("Set for Path"), backendBox);
    auto *removeBackend = new QPushButton(tr("Remove"), backendBox);
    m_backends = new QListWidget(backendBox);
    m_backends->setMaximumHeight(m_backends->fontMetrics().height() * 5);
    auto *backendButtons = new QHBoxLayout;
    backendButtons->addStretch(1);
    backendButtons->addWidget(removeBackend);
    backendButtons->addWidget(setBackend);
    auto *backendForm = new QFormLayout(backendBox);
    backendForm->addRow(tr("&Path:"), m_backendPath);
    backendForm->addRow(tr("&Response:"), m_backendResponse);
    backendForm->addRow(m_backendProblem);
    backendForm->addRow(backendButtons);
    backendForm->addRow(tr("Paths:"), m_backends);

    // --- The request log ---
    m_logProxy->setSourceModel(m_log);
    m_logProxy->setFilterKeyColumn(-1);
    m_logProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    auto *logPage = new QWidget(this);
    m_logFilter = new QLineEdit(logPage);
    m_logFilter->setPlaceholderText(tr("Filter the log (method, path, origin, kind, status, rule)"));
    m_logFilter->setClearButtonEnabled(true);
    auto *clearLog = new QPushButton(tr("Clear"), logPage);
    m_logView = tableView(m_logProxy, logPage);
    m_logDetails = detailsPane(logPage);
    auto *logSplitter = new QSplitter(Qt::Vertical, logPage);
    logSplitter->addWidget(m_logView);
    logSplitter->addWidget(m_logDetails);
    auto *logTop = new QHBoxLayout;
    logTop->addWidget(m_logFilter, 1);
    logTop->addWidget(clearLog);
    auto *logLayout = new QVBoxLayout(logPage);
    logLayout->setContentsMargins(0, 4, 0, 0);
    logLayout->addLayout(logTop);
    logLayout->addWidget(logSplitter, 1);

    // --- What the page reported ---
    auto *outcomePage = new QWidget(this);
    m_agreement = new QLabel(outcomePage);
    m_agreement->setTextFormat(Qt::RichText);
    auto *resetPredictions = new QPushButton(tr("Forget Cached Preflights"), outcomePage);
    resetPredictions->setToolTip(
        tr("After restarting the browser: the model forgets the preflights it assumed the browser cached"));
    m_outcomeView = tableView(m_outcomes, outcomePage);
    m_outcomeDetails = detailsPane(outcomePage);
    auto *outcomeSplitter = new QSplitter(Qt::Vertical, outcomePage);
    outcomeSplitter->addWidget(m_outcomeView);
    outcomeSplitter->addWidget(m_outcomeDetails);
    auto *outcomeTop = new QHBoxLayout;
    outcomeTop->addWidget(m_agreement, 1);
    outcomeTop->addWidget(resetPredictions);
    auto *outcomeLayout = new QVBoxLayout(outcomePage);
    outcomeLayout->setContentsMargins(0, 4, 0, 0);
    outcomeLayout->addLayout(outcomeTop);
    outcomeLayout->addWidget(outcomeSplitter, 1);

    auto *tabs = new QTabWidget(this);
    tabs->setDocumentMode(true);
    tabs->addTab(logPage, tr("Request Log"));
    tabs->addTab(outcomePage, tr("Browser vs. Model"));

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(serverBox);
    leftLayout->addWidget(backendBox);
    leftLayout->addStretch(1);
    // The settings scroll rather than make the dock (tabbed with Findings) tall.
    auto *leftScroll = new VerticalScrollArea(this);
    leftScroll->setWidget(left);
    leftScroll->setWidgetResizable(true);
    leftScroll->setFrameShape(QFrame::NoFrame);
    leftScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(leftScroll);
    splitter->addWidget(tabs);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(m_startStop, &QPushButton::clicked, this, [this] {
        if (m_server->isRunning())
            stop();
        else
            start();
    });
    connect(m_address, &QComboBox::currentIndexChanged, this, &LiveTestPanel::updateState);
    connect(m_openPage, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(m_server->pageUrl()); });
    connect(setBackend, &QPushButton::clicked, this, &LiveTestPanel::setBackendFromForm);
    connect(removeBackend, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_backends->currentItem()) {
            m_server->removeBackend(item->data(Qt::UserRole).toString());
            delete item;
        }
    });
    connect(m_backends, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (!item)
            return;
        const QString path = item->data(Qt::UserRole).toString();
        m_backendPath->setText(path);
        m_backendResponse->setPlainText(HttpMessageText::formatResponse(m_server->backends().value(path)));
    });
    connect(m_logFilter, &QLineEdit::textChanged, m_logProxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(clearLog, &QPushButton::clicked, m_log, &LiveLogModel::clear);
    connect(m_logView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_logDetails->setPlainText(current.isValid() ? LiveLogModel::details(
                                               m_log->exchange(m_logProxy->mapToSource(current).row()))
                                                             : QString());
            });
    connect(m_outcomeView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_outcomeDetails->setPlainText(
                    current.isValid() ? LiveOutcomeModel::details(m_outcomes->outcome(current.row()))
                                      : QString());
            });
    connect(resetPredictions, &QPushButton::clicked, m_server, &LiveServer::resetPredictions);

    connect(m_server, &LiveServer::requestLogged, this,
            [this](const LiveExchange &exchange) { m_log->append(exchange); });
    connect(m_server, &LiveServer::outcomeReported, this, [this](const LiveOutcome &outcome) {
        m_outcomes->append(outcome);
        int agree = 0;
        int differ = 0;
        for (int i = 0; i < m_outcomes->rowCount(); ++i) {
            const LiveOutcome &o = m_outcomes->outcome(i);
            if (o.prediction)
                (o.agrees() ? agree : differ)++;
        }
        m_agreement->setText(
            differ == 0
                ? tr("<b style='color:#2e9d4f'>The browser and the model agree on all %1 fetch(es).</b>")
                      .arg(agree)
                : tr("<b style='color:#d93a3a'>%1 fetch(es) differ</b> from the model; %2 agree.")
                      .arg(differ)
                      .arg(agree));
    });
    connect(m_server, &LiveServer::runningChanged, this, &LiveTestPanel::updateState);

    // Rule edits take effect on the next request: the server always has the document's tenants.
    const auto sync = [this] {
        syncTenants();
    };
    connect(document, &WorkspaceDocument::tenantContentChanged, this, sync);
    connect(document, &WorkspaceDocument::tenantChanged, this, sync);
    connect(document, &WorkspaceDocument::tenantInserted, this, sync);
    connect(document, &WorkspaceDocument::tenantRemoved, this, sync);
    connect(document, &WorkspaceDocument::tenantsReset, this, sync);
    syncTenants();
    updateState();
}

LiveTestPanel::~LiveTestPanel()
{
    m_server->stop();
}

void LiveTestPanel::syncTenants()
{
    m_server->setTenants(m_document->tenants());
}

void LiveTestPanel::setActiveTenant(int tenant)
{
    const QString name =
        tenant >= 0 && tenant < m_document->tenantCount() ? m_document->tenant(tenant).name : QString();
    m_server->setActiveTenant(name);
    m_tenantLabel->setText(
        name.isEmpty()
            ? tr("Requests must name their tenant (?tenant=NAME).")
            : tr("Requests that name no tenant (?tenant=NAME, boomi_auth) are answered by \"%1\", with "
                 "its rules as they are now.")
                  .arg(name));
}

bool LiveTestPanel::start()
{
    LiveServerOptions options = m_server->options();
    options.address = QHostAddress(m_address->currentData().toString());
    options.allowNonLoopback = !options.address.isLoopback(); // chosen explicitly in the box above
    options.apiPort = quint16(m_apiPort->value());
    options.pagePort = quint16(m_pagePort->value());
    if (options.address.isLoopback())
        options.address = QHostAddress(QHostAddress::LocalHost);
    m_server->setOptions(options);
    syncTenants();
    const bool started = m_server->start();
    if (!started)
        m_urls->setText(
            u"<span style='color:#d93a3a'>%1</span>"_s.arg(m_server->errorString().toHtmlEscaped()));
    updateState();
    return started;
}

void LiveTestPanel::stop()
{
    m_server->stop();
    updateState();
}

void LiveTestPanel::updateState()
{
    const bool running = m_server->isRunning();
    m_startStop->setText(running ? tr("Stop") : tr("Start"));
    m_startStop->setIcon(
        QIcon(running ? u":/cors/icons/actions/stop.svg"_s : u":/cors/icons/actions/live.svg"_s));
    m_address->setEnabled(!running);
    m_apiPort->setEnabled(!running);
    m_pagePort->setEnabled(!running);
    m_openPage->setEnabled(running);
    const bool beyondLoopback = !QHostAddress(m_address->currentData().toString()).isLoopback();
    m_warning->setVisible(beyondLoopback);
    if (running) {
        const QString api = m_server->apiUrl().toString();
        const QString page = m_server->pageUrl().toString();
        m_urls->setText(tr("API: <a href='%1'>%1</a><br>Test page: <a href='%2'>%2</a><br>"
                           "Rules see the page's calls as Origin %3")
                            .arg(api, page, m_server->pageOrigin().serialize().toHtmlEscaped()));
    } else if (!m_urls->text().contains(u"d93a3a"_s)) {
        m_urls->setText(tr("Stopped."));
    }
}

void LiveTestPanel::setBackendFromForm()
{
    QString error;
    const auto response = HttpMessageText::parseResponse(m_backendResponse->toPlainText(), &error);
    if (!response) {
        FieldMarker::show(m_backendResponse, m_backendProblem, error);
        return;
    }
    const QString path = m_backendPath->text().trimmed();
    QString problem;
    if (!m_server->setBackend(path, *response, &problem)) {
        FieldMarker::show(m_backendResponse, m_backendProblem, problem);
        return;
    }
    FieldMarker::show(m_backendResponse, m_backendProblem, QString());
    const QList<QListWidgetItem *> existing = m_backends->findItems(path + u" ", Qt::MatchStartsWith);
    qDeleteAll(existing);
    auto *item = new QListWidgetItem(u"%1 → %2"_s.arg(path).arg(response->status), m_backends);
    item->setData(Qt::UserRole, path);
}

} // namespace cors
