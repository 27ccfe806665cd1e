#include "simulatorpanel.h"

#include "browser/browserprofile.h"
#include "browser/browsersession.h"
#include "browser/engineresponder.h"
#include "browser/recordedresponder.h"
#include "document/workspacedocument.h"
#include "fieldmarker.h"
#include "import/curlcommand.h"
#include "model/httpmessagetext.h"
#include "models/simulationtimelinemodel.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

QPlainTextEdit *codeEdit(const QString &placeholder, int lines, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setPlaceholderText(placeholder);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setTabChangesFocus(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * lines + 12);
    return edit;
}

// The pasted responses as a responder: every request of a kind gets the same recorded answer.
RecordedResponder pastedResponder(const std::optional<HttpResponse> &preflight,
                                  const std::optional<HttpResponse> &actual)
{
    RecordedResponder::Answers answers;
    if (preflight)
        answers.preflight.append(*preflight);
    if (actual)
        answers.actual.append(*actual);
    answers.path = u"pasted"_s;
    RecordedResponder responder;
    responder.setDefaultAnswers(answers);
    return responder;
}

} // namespace

SimulatorPanel::SimulatorPanel(WorkspaceDocument *document, DocumentEdits *edits, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_edits(edits)
    , m_timeline(new SimulationTimelineModel(this))
{
    m_runTimer.setSingleShot(true);
    m_runTimer.setInterval(120);
    connect(&m_runTimer, &QTimer::timeout, this, &SimulatorPanel::run);

    // --- The request, as the page makes it ---
    auto *composer = new QGroupBox(tr("The page's fetch()"), this);
    auto *form = new QFormLayout(composer);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_browser = new QComboBox(composer);
    m_browser->addItem(QIcon(u":/cors/icons/actions/browser.svg"_s), u"Chromium"_s, u"chromium"_s);
    m_browser->addItem(QIcon(u":/cors/icons/actions/browser.svg"_s), u"Firefox"_s, u"firefox"_s);
    form->addRow(tr("&Browser:"), m_browser);
    m_pageOrigin = new QLineEdit(composer);
    m_pageOrigin->setPlaceholderText(u"https://shop.acme.example"_s);
    form->addRow(tr("Page &origin:"), m_pageOrigin);
    m_url = new QLineEdit(composer);
    m_url->setPlaceholderText(u"https://api.acme.example/orders"_s);
    form->addRow(tr("&URL:"), m_url);
    m_method = new QComboBox(composer);
    m_method->setEditable(true);
    m_method->addItems({ u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"HEAD"_s, u"OPTIONS"_s });
    m_credentials = new QComboBox(composer);
    m_credentials->addItem(tr("same-origin (default)"), u"same-origin"_s);
    m_credentials->addItem(u"include"_s, u"include"_s);
    m_credentials->addItem(u"omit"_s, u"omit"_s);
    m_mode = new QComboBox(composer);
    m_mode->addItem(tr("cors (default)"), u"cors"_s);
    m_mode->addItem(u"no-cors"_s, u"no-cors"_s);
    m_mode->addItem(u"same-origin"_s, u"same-origin"_s);
    auto *methodRow = new QHBoxLayout;
    methodRow->addWidget(m_method, 1);
    methodRow->addWidget(new QLabel(tr("Credentials:"), composer));
    methodRow->addWidget(m_credentials, 1);
    methodRow->addWidget(new QLabel(tr("Mode:"), composer));
    methodRow->addWidget(m_mode, 1);
    auto *methodLabel = new QLabel(tr("&Method:"), composer);
    methodLabel->setBuddy(m_method);
    form->addRow(methodLabel, methodRow);
    m_headers =
        codeEdit(tr("Headers the page sets, one per line:\nContent-Type: application/json"), 3, composer);
    form->addRow(tr("&Headers:"), m_headers);

    m_rulesMode = new QRadioButton(tr("This tenant's rules (as they are now)"), composer);
    m_pastedMode = new QRadioButton(tr("Response headers a customer sent"), composer);
    m_rulesMode->setChecked(true);
    auto *modes = new QButtonGroup(this);
    modes->addButton(m_rulesMode);
    modes->addButton(m_pastedMode);
    auto *modeRow = new QVBoxLayout;
    modeRow->setSpacing(2);
    modeRow->addWidget(m_rulesMode);
    modeRow->addWidget(m_pastedMode);
    form->addRow(tr("Answers from:"), modeRow);

    m_pastedBox = new QWidget(composer);
    auto *pastedForm = new QFormLayout(m_pastedBox);
    pastedForm->setContentsMargins(0, 0, 0, 0);
    m_pastedPreflight = codeEdit(
        u"HTTP/1.1 204 No Content\nAccess-Control-Allow-Origin: https://shop.acme.example\nAccess-Control-Allow-Methods: PUT"_s,
        4, m_pastedBox);
    m_pastedActual = codeEdit(u"HTTP/1.1 200 OK\nAccess-Control-Allow-Origin: https://shop.acme.example"_s, 4,
                              m_pastedBox);
    pastedForm->addRow(tr("Preflight\nresponse:"), m_pastedPreflight);
    pastedForm->addRow(tr("Actual\nresponse:"), m_pastedActual);
    form->addRow(m_pastedBox);

    m_problem = FieldMarker::createLabel(composer);
    form->addRow(m_problem);
    m_notes = new QLabel(composer);
    m_notes->setWordWrap(true);
    m_notes->setForegroundRole(QPalette::PlaceholderText);
    m_notes->hide();
    form->addRow(m_notes);

    auto *run = new QPushButton(QIcon(u":/cors/icons/actions/run.svg"_s), tr("&Run"), composer);
    run->setToolTip(tr("Runs the fetch again (it also runs by itself as you edit the request or the rules)"));
    m_save = new QPushButton(QIcon(u":/cors/icons/actions/add.svg"_s), tr("&Save as Test Case…"), composer);
    auto *paste = new QPushButton(QIcon(u":/cors/icons/actions/import.svg"_s), tr("Paste &cURL…"), composer);
    paste->setToolTip(tr("Fill the request from a command copied with \"Copy as cURL\" in Chromium's or "
                         "Firefox's developer tools"));
    connect(paste, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString text = QInputDialog::getMultiLineText(
            this, tr("Paste cURL"),
            tr("A request copied with \"Copy as cURL (bash)\" in the browser's developer tools:"), QString(),
            &ok);
        if (!ok || text.trimmed().isEmpty())
            return;
        if (const QString problem = pasteCurl(text); !problem.isEmpty())
            showProblem(tr("cURL command, %1").arg(problem));
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(paste);
    buttons->addStretch(1);
    buttons->addWidget(m_save);
    buttons->addWidget(run);
    form->addRow(buttons);

    // --- What the browser did ---
    auto *result = new QWidget(this);
    auto *resultLayout = new QVBoxLayout(result);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    m_verdict = new QLabel(result);
    m_verdict->setTextFormat(Qt::RichText);
    m_verdict->setWordWrap(true);
    QFont verdictFont = m_verdict->font();
    verdictFont.setPointSizeF(verdictFont.pointSizeF() * 1.15);
    m_verdict->setFont(verdictFont);
    m_console = new QPlainTextEdit(result);
    m_console->setReadOnly(true);
    m_console->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_console->setFixedHeight(m_console->fontMetrics().lineSpacing() * 4 + 12);
    m_console->setStyleSheet(u"QPlainTextEdit { color: #d93a3a; }"_s);
    m_console->setToolTip(tr("The browser's console message, exactly as its developer tools print it"));
    m_timelineView = new QTreeView(result);
    m_timelineView->setModel(m_timeline);
    m_timelineView->setUniformRowHeights(false);
    m_timelineView->setWordWrap(true);
    m_timelineView->setAlternatingRowColors(true);
    m_timelineView->header()->setStretchLastSection(true);
    m_timelineView->header()->setSectionResizeMode(SimulationTimelineModel::StepColumn,
                                                   QHeaderView::ResizeToContents);
    resultLayout->addWidget(m_verdict);
    resultLayout->addWidget(m_console);
    resultLayout->addWidget(m_timelineView, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(composer);
    splitter->addWidget(result);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    for (QLineEdit *field : { m_pageOrigin, m_url })
        connect(field, &QLineEdit::textChanged, this, &SimulatorPanel::scheduleRun);
    for (QPlainTextEdit *field : { m_headers, m_pastedPreflight, m_pastedActual })
        connect(field, &QPlainTextEdit::textChanged, this, &SimulatorPanel::scheduleRun);
    for (QComboBox *box : { m_method, m_credentials, m_mode })
        connect(box, &QComboBox::currentTextChanged, this, &SimulatorPanel::scheduleRun);
    connect(m_browser, &QComboBox::currentIndexChanged, this, [this] {
        Q_EMIT browserChanged(m_browser->currentData().toString());
        scheduleRun();
    });
    connect(m_rulesMode, &QRadioButton::toggled, this, &SimulatorPanel::updateMode);
    connect(run, &QPushButton::clicked, this, &SimulatorPanel::run);
    connect(m_save, &QPushButton::clicked, this, [this] {
        if (const auto spec = currentFetch())
            Q_EMIT saveTestCaseRequested(*spec,
                                         u"%1 %2 from %3"_s.arg(QString::fromLatin1(spec->method),
                                                                spec->url.path(),
                                                                spec->pageOrigin.serialize()));
    });
    // Results update as rules change.
    connect(document, &WorkspaceDocument::tenantContentChanged, this, [this](int tenant) {
        if (tenant == m_tenant && m_rulesMode->isChecked())
            scheduleRun();
    });
    connect(document, &WorkspaceDocument::tenantChanged, this, [this](int tenant) {
        if (tenant == m_tenant)
            scheduleRun();
    });
    document->followTenantIndex(this, &m_tenant, [this] { setTenant(-1); });
    connect(document, &WorkspaceDocument::tenantsReset, this,
            [this] { setTenant(m_tenant < m_document->tenantCount() ? m_tenant : -1); });
    updateMode();
}

void SimulatorPanel::setTenant(int tenant)
{
    m_tenant = tenant;
    // A first request that fits the tenant: its first rule's origin against an API of its own.
    if (tenant >= 0 && m_pageOrigin->text().isEmpty() && m_url->text().isEmpty()) {
        const Tenant &t = m_document->tenant(tenant);
        QString origin = u"https://app.example.com"_s;
        for (const Rule &rule : t.rules) {
            const OriginPattern pattern = rule.pattern();
            if (pattern.kind() == OriginPattern::Kind::Host) {
                const QString scheme = rule.protocols.testFlag(Protocol::Https) ? u"https"_s : u"http"_s;
                origin = scheme + u"://"_s + pattern.host();
                if (!rule.ports.isDefault() && !rule.ports.isAny() && !rule.ports.ranges().isEmpty())
                    origin += u':' + QString::number(rule.ports.ranges().first().first);
                break;
            }
        }
        const QSignalBlocker b1(m_pageOrigin);
        const QSignalBlocker b2(m_url);
        const QSignalBlocker b3(m_method);
        m_pageOrigin->setText(origin);
        m_url->setText(u"https://api.example.net/v1/orders"_s);
        m_method->setCurrentText(u"PUT"_s);
    }
    scheduleRun();
}

void SimulatorPanel::setFetch(const FetchSpec &spec)
{
    const QSignalBlocker b1(m_pageOrigin), b2(m_url), b3(m_method), b4(m_headers), b5(m_credentials),
        b6(m_mode);
    m_pageOrigin->setText(spec.pageOrigin.serialize());
    m_url->setText(spec.url.toString());
    m_method->setCurrentText(QString::fromLatin1(spec.method));
    QString headers;
    for (const auto &[name, value] : spec.headers)
        headers += QString::fromUtf8(name) + u": "_s + QString::fromUtf8(value) + u'\n';
    m_headers->setPlainText(headers);
    m_credentials->setCurrentIndex(m_credentials->findData(credentialsModeName(spec.credentials)));
    m_mode->setCurrentIndex(m_mode->findData(requestModeName(spec.mode)));
    run();
}

void SimulatorPanel::setBrowser(const QString &name)
{
    m_browser->setCurrentIndex(std::max(0, m_browser->findData(name)));
}

void SimulatorPanel::setRulesMode()
{
    m_rulesMode->setChecked(true);
}

QString SimulatorPanel::pasteCurl(const QString &text)
{
    CurlCommand::Error error;
    const auto command =
        CurlCommand::parse(text, *BrowserProfile::fromName(m_browser->currentData().toString()), &error);
    if (!command)
        return error.toString();
    QStringList notes;
    for (const auto &dropped : command->droppedHeaders)
        notes.append(tr("%1 left out: %2").arg(QString::fromLatin1(dropped.name), dropped.reason));
    notes += command->notes;
    m_notes->setText(notes.join(u'\n'));
    m_notes->setVisible(!notes.isEmpty());
    setFetch(command->toFetchSpec());
    return {};
}

void SimulatorPanel::setPastedResponses(const QString &preflight, const QString &actual)
{
    m_pastedMode->setChecked(true);
    m_pastedPreflight->setPlainText(preflight);
    m_pastedActual->setPlainText(actual);
    run();
}

std::optional<FetchSpec> SimulatorPanel::currentFetch(QString *problem) const
{
    const auto fail = [problem](const QString &message) {
        if (problem)
            *problem = message;
        return std::nullopt;
    };
    FetchSpec spec;
    QString error;
    const auto origin = Origin::parse(m_pageOrigin->text(), &error);
    if (!origin)
        return fail(tr("Page origin: %1").arg(error));
    spec.pageOrigin = *origin;
    QUrl url(m_url->text().trimmed());
    if (url.isRelative() && !origin->isOpaque())
        url = QUrl(origin->serialize() + u'/').resolved(url);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
        return fail(tr("URL: \"%1\" is not an http(s) URL").arg(m_url->text().trimmed()));
    spec.url = url;
    const QString method = m_method->currentText().trimmed();
    if (method.isEmpty())
        return fail(tr("Method: enter a method such as GET or PUT"));
    spec.method = method.toUtf8();
    const auto headers = HttpMessageText::parseHeaders(m_headers->toPlainText(), &error);
    if (!headers)
        return fail(tr("Headers, %1").arg(error));
    spec.headers = *headers;
    spec.credentials = *credentialsModeFromName(m_credentials->currentData().toString());
    spec.mode = *requestModeFromName(m_mode->currentData().toString());
    return spec;
}

void SimulatorPanel::scheduleRun()
{
    m_runTimer.start();
}

void SimulatorPanel::updateMode()
{
    m_pastedBox->setVisible(m_pastedMode->isChecked());
    scheduleRun();
}

void SimulatorPanel::showProblem(const QString &problem)
{
    FieldMarker::show(m_problem, m_problem, problem);
    m_problem->setStyleSheet(u"QLabel#fieldProblem { color: #d93a3a; }"_s);
}

void SimulatorPanel::run()
{
    m_runTimer.stop();
    QString problem;
    const auto spec = currentFetch(&problem);
    const bool useRules = m_rulesMode->isChecked();
    if (!problem.isEmpty() || (useRules && m_tenant < 0)) {
        showProblem(problem.isEmpty() ? tr("Choose a tenant on the left.") : problem);
        m_outcome.reset();
        m_timeline->clear();
        m_verdict->clear();
        m_console->clear();
        m_save->setEnabled(false);
        return;
    }
    const BrowserProfile browser = *BrowserProfile::fromName(m_browser->currentData().toString());
    QList<CorsDecision> decisions;
    if (useRules) {
        EngineResponder responder { CorsEngine(m_document->tenant(m_tenant)) };
        m_outcome = BrowserSession(browser).fetch(*spec, responder);
        decisions = responder.decisions();
    } else {
        QString error;
        std::optional<HttpResponse> preflight;
        std::optional<HttpResponse> actual;
        if (!m_pastedPreflight->toPlainText().trimmed().isEmpty()) {
            preflight = HttpMessageText::parseResponse(m_pastedPreflight->toPlainText(), &error);
            if (!preflight) {
                showProblem(tr("Preflight response, %1").arg(error));
                return;
            }
        }
        if (!m_pastedActual->toPlainText().trimmed().isEmpty()) {
            actual = HttpMessageText::parseResponse(m_pastedActual->toPlainText(), &error);
            if (!actual) {
                showProblem(tr("Actual response, %1").arg(error));
                return;
            }
        }
        RecordedResponder responder = pastedResponder(preflight, actual);
        m_outcome = BrowserSession(browser).fetch(*spec, responder);
    }
    showProblem(QString());
    m_save->setEnabled(true);
    m_timeline->setOutcome(*m_outcome, decisions, m_browser->currentText());
    m_timelineView->expandToDepth(0);

    const Outcome &outcome = *m_outcome;
    QString color;
    QString text;
    switch (outcome.verdict) {
    case Verdict::Allowed:
        color = u"#2e9d4f"_s;
        text = tr("ALLOWED — %1 gives the page the response (%2)")
                   .arg(m_browser->currentText())
                   .arg(outcome.status);
        break;
    case Verdict::Blocked:
        color = u"#d93a3a"_s;
        text = tr("BLOCKED — %1 refuses the page the response").arg(m_browser->currentText());
        break;
    case Verdict::Opaque:
        color = u"#c77800"_s;
        text = tr("OPAQUE — the no-cors fetch succeeds, but script sees nothing");
        break;
    }
    m_verdict->setText(u"<b style='color:%1'>%2</b>"_s.arg(color, text.toHtmlEscaped()));
    m_console->setVisible(outcome.error.has_value());
    m_console->setPlainText(outcome.error ? outcome.error->message : QString());
}

QString SimulatorPanel::consoleMessage() const
{
    return m_console->toPlainText();
}

QString SimulatorPanel::verdictText() const
{
    return m_outcome ? verdictName(m_outcome->verdict) : QString();
}

} // namespace cors
