#include "ruleform.h"

#include "commands/documentedits.h"
#include "document/workspacedocument.h"
#include "fieldmarker.h"
#include "headerlisteditor.h"
#include "lint/lintfinding.h"
#include "model/httpheaders.h"
#include "model/originpattern.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

const QStringList kStandardMethods = { u"GET"_s,    u"HEAD"_s,    u"POST"_s, u"PUT"_s,
                                       u"DELETE"_s, u"OPTIONS"_s, u"PATCH"_s };

// Fetch §2.2.2 CORS-safelisted request headers, as a browser treats them: sent without asking,
// the last two only with safelisted values.
const QStringList kDefaultRequestHeaders = { u"Accept"_s, u"Accept-Language"_s, u"Content-Language"_s,
                                             u"Content-Type (form, multipart, text/plain only)"_s,
                                             u"Range (a single byte range only)"_s };
// Fetch §2.2.6 CORS-safelisted response-header names: script reads them without exposing.
const QStringList kDefaultResponseHeaders = { u"Cache-Control"_s, u"Content-Language"_s, u"Content-Length"_s,
                                              u"Content-Type"_s,  u"Expires"_s,          u"Last-Modified"_s,
                                              u"Pragma"_s };

QStringList splitList(const QString &text)
{
    QStringList items;
    for (const QString &item : text.split(u',', Qt::SkipEmptyParts)) {
        if (!item.trimmed().isEmpty())
            items.append(item.trimmed());
    }
    return items;
}

void setTextUnlessEquivalent(QLineEdit *field, const QString &text,
                             const std::function<bool(const QString &)> &equivalent)
{
    if (field->text() == text || (equivalent && equivalent(field->text())))
        return;
    const QSignalBlocker blocker(field);
    field->setText(text);
}

QLabel *hintLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

RuleForm::RuleForm(WorkspaceDocument *document, DocumentEdits *edits, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_edits(edits)
{
    // Two columns: what decides whether an origin matches and what it may do on the left, the
    // header lists on the right.
    m_fields = new QWidget(this);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    auto *headersForm = new QFormLayout;
    headersForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    headersForm->setRowWrapPolicy(QFormLayout::WrapAllRows);
    auto *columns = new QHBoxLayout(m_fields);
    columns->setContentsMargins(0, 0, 0, 0);
    columns->addLayout(form, 3);
    columns->addSpacing(12);
    columns->addLayout(headersForm, 2);

    m_enabled = new QCheckBox(tr("&Enabled: this rule applies"), m_fields);
    form->addRow(QString(), m_enabled);

    m_domain = new QLineEdit(m_fields);
    m_domain->setPlaceholderText(tr("example.com, *.example.com, regex:…, * or null"));
    m_domain->setToolTip(
        tr("The origins this rule is about: a host, any subdomain (*.example.com, never the apex), a "
           "regular expression over the whole origin (regex:https://(a|b)\\.example\\.com), any origin (*) "
           "or the opaque origin (null)."));
    m_domainProblem = FieldMarker::createLabel(m_fields);
    m_domainHint = hintLabel(QString(), m_fields);
    m_domainHint->hide();
    auto *domainBox = new QVBoxLayout;
    domainBox->setSpacing(2);
    domainBox->addWidget(m_domain);
    domainBox->addWidget(m_domainProblem);
    domainBox->addWidget(m_domainHint);
    auto *domainLabel = new QLabel(tr("&Domain:"), m_fields);
    domainLabel->setBuddy(m_domain);
    form->addRow(domainLabel, domainBox);

    m_http = new QCheckBox(tr("HTTP"), m_fields);
    m_https = new QCheckBox(tr("HTTPS"), m_fields);
    m_protocolsProblem = FieldMarker::createLabel(m_fields);
    auto *protocols = new QHBoxLayout;
    protocols->addWidget(m_http);
    protocols->addWidget(m_https);
    protocols->addStretch(1);
    auto *protocolsBox = new QVBoxLayout;
    protocolsBox->setSpacing(2);
    protocolsBox->addLayout(protocols);
    protocolsBox->addWidget(m_protocolsProblem);
    form->addRow(tr("Protocols:"), protocolsBox);

    m_ports = new QLineEdit(m_fields);
    m_ports->setPlaceholderText(tr("default port of each protocol"));
    m_ports->setToolTip(
        tr("Originating ports: 8080, ranges such as 3000-3999, or * for any port. Empty: 80 for HTTP "
           "and 443 for HTTPS (any port for * and regex: domains)."));
    m_portsProblem = FieldMarker::createLabel(m_fields);
    auto *portsBox = new QVBoxLayout;
    portsBox->setSpacing(2);
    portsBox->addWidget(m_ports);
    portsBox->addWidget(m_portsProblem);
    auto *portsLabel = new QLabel(tr("&Ports:"), m_fields);
    portsLabel->setBuddy(m_ports);
    form->addRow(portsLabel, portsBox);

    auto *methodsGrid = new QGridLayout;
    methodsGrid->setHorizontalSpacing(12);
    for (int i = 0; i < kStandardMethods.size(); ++i) {
        auto *box = new QCheckBox(kStandardMethods[i], m_fields);
        box->setObjectName(u"method_"_s + kStandardMethods[i]);
        methodsGrid->addWidget(box, i / 4, i % 4);
        m_methodBoxes.append(box);
        connect(box, &QCheckBox::toggled, this, &RuleForm::methodsEdited);
    }
    m_customMethods = new QLineEdit(m_fields);
    m_customMethods->setPlaceholderText(tr("other methods, comma-separated (case-sensitive)"));
    m_methodsProblem = FieldMarker::createLabel(m_fields);
    auto *methodsBox = new QVBoxLayout;
    methodsBox->setSpacing(4);
    methodsBox->addLayout(methodsGrid);
    methodsBox->addWidget(m_customMethods);
    methodsBox->addWidget(m_methodsProblem);
    form->addRow(tr("Allowed methods:"), methodsBox);

    m_allowHeaders = new HeaderListEditor(kDefaultRequestHeaders,
                                          tr("CORS-safelisted: a browser sends these without asking. A "
                                             "Content-Type such as application/json is not "
                                             "safelisted — list Content-Type to allow it."),
                                          tr("Add a request header, e.g. Authorization"), m_fields);
    headersForm->addRow(tr("Allowed request headers:"), m_allowHeaders);
    m_exposeHeaders = new HeaderListEditor(
        kDefaultResponseHeaders,
        tr("CORS-safelisted response headers: script reads these without exposing them."),
        tr("Add a response header, e.g. X-Request-Id"), m_fields);
    headersForm->addRow(tr("Exposed response headers:"), m_exposeHeaders);

    m_credentials = new QCheckBox(tr("Allow &credentials (cookies, HTTP authentication)"), m_fields);
    form->addRow(QString(), m_credentials);

    m_cache = new QCheckBox(tr("Allow ca&ching of the preflight result for"), m_fields);
    m_maxAge = new QSpinBox(m_fields);
    m_maxAge->setRange(0, std::numeric_limits<int>::max());
    m_maxAge->setSuffix(tr(" s"));
    m_maxAge->setAccelerated(true);
    m_maxAgeHint = hintLabel(tr("Chromium keeps a preflight at most 7200 s, Firefox 86400 s."), m_fields);
    auto *cacheRow = new QHBoxLayout;
    cacheRow->addWidget(m_cache);
    cacheRow->addWidget(m_maxAge);
    cacheRow->addStretch(1);
    auto *cacheBox = new QVBoxLayout;
    cacheBox->setSpacing(2);
    cacheBox->addLayout(cacheRow);
    cacheBox->addWidget(m_maxAgeHint);
    form->addRow(QString(), cacheBox);

    m_note = new QLineEdit(m_fields);
    m_note->setPlaceholderText(tr("Who uses this rule, and why"));
    auto *noteLabel = new QLabel(tr("&Note:"), m_fields);
    noteLabel->setBuddy(m_note);
    form->addRow(noteLabel, m_note);

    m_findings = new QLabel(this);
    m_findings->setWordWrap(true);
    m_findings->setTextFormat(Qt::RichText);
    m_findings->setFrameShape(QFrame::StyledPanel);
    m_findings->setMargin(6);
    m_findings->hide();

    m_empty = new QLabel(tr("Select a rule in the table to edit it, or add one."), this);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_findings);
    layout->addWidget(m_fields);
    layout->addWidget(m_empty);
    layout->addStretch(1);

    connect(m_enabled, &QCheckBox::toggled, this, [this](bool on) {
        if (const Rule *rule = currentRule()) {
            Rule changed = *rule;
            changed.enabled = on;
            push(changed, tr("Enabled"));
        }
    });
    connect(m_domain, &QLineEdit::textEdited, this, &RuleForm::domainEdited);
    connect(m_domain, &QLineEdit::editingFinished, this, &RuleForm::domainFinished);
    connect(m_http, &QCheckBox::toggled, this, &RuleForm::protocolsToggled);
    connect(m_https, &QCheckBox::toggled, this, &RuleForm::protocolsToggled);
    connect(m_ports, &QLineEdit::textEdited, this, &RuleForm::portsEdited);
    connect(m_customMethods, &QLineEdit::textEdited, this, &RuleForm::methodsEdited);
    connect(m_allowHeaders, &HeaderListEditor::headersEdited, this, [this](const QStringList &headers) {
        if (const Rule *rule = currentRule()) {
            Rule changed = *rule;
            changed.allowHeaders = headers;
            push(changed, tr("Allowed Headers"));
        }
    });
    connect(m_exposeHeaders, &HeaderListEditor::headersEdited, this, [this](const QStringList &headers) {
        if (const Rule *rule = currentRule()) {
            Rule changed = *rule;
            changed.exposeHeaders = headers;
            push(changed, tr("Exposed Headers"));
        }
    });
    connect(m_credentials, &QCheckBox::toggled, this, [this](bool on) {
        if (const Rule *rule = currentRule()) {
            Rule changed = *rule;
            changed.allowCredentials = on;
            push(changed, tr("Credentials"));
        }
    });
    connect(m_cache, &QCheckBox::toggled, this, &RuleForm::maxAgeChanged);
    connect(m_maxAge, &QSpinBox::valueChanged, this, &RuleForm::maxAgeChanged);
    connect(m_note, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (const Rule *rule = currentRule()) {
            Rule changed = *rule;
            changed.note = text;
            push(changed, tr("Note"));
        }
    });

    // Undo, redo, and edits made elsewhere (the table's check box) show here.
    connect(document, &WorkspaceDocument::ruleChanged, this, [this](int tenant, int row) {
        if (tenant == m_tenant && row == m_row)
            refresh();
    });
    connect(document, &WorkspaceDocument::ruleAboutToBeRemoved, this, [this](int tenant, int row) {
        if (tenant == m_tenant && row == m_row)
            setRule(-1, -1);
        else if (tenant == m_tenant && row < m_row)
            --m_row;
    });
    connect(document, &WorkspaceDocument::ruleInserted, this, [this](int tenant, int row) {
        if (tenant == m_tenant && row <= m_row)
            ++m_row;
    });
    connect(document, &WorkspaceDocument::ruleMoved, this, [this](int tenant, int from, int to) {
        if (tenant != m_tenant || m_row < 0)
            return;
        if (m_row == from)
            m_row = to;
        else if (from < m_row && to >= m_row)
            --m_row;
        else if (from > m_row && to <= m_row)
            ++m_row;
    });
    connect(document, &WorkspaceDocument::tenantsAboutToBeReset, this, [this] { setRule(-1, -1); });
    document->followTenantIndex(this, &m_tenant, [this] { setRule(-1, -1); });

    setRule(-1, -1);
}

QCheckBox *RuleForm::methodBox(const QString &method) const
{
    for (QCheckBox *box : m_methodBoxes) {
        if (box->text() == method)
            return box;
    }
    return nullptr;
}

QWidget *RuleForm::fieldWidget(const QString &field) const
{
    if (field == u"domain")
        return m_domain;
    if (field == u"protocols")
        return m_https;
    if (field == u"ports")
        return m_ports;
    if (field == u"methods")
        return m_methodBoxes.first();
    if (field == u"allowHeaders")
        return m_allowHeaders->addField();
    if (field == u"exposeHeaders")
        return m_exposeHeaders->addField();
    if (field == u"allowCredentials")
        return m_credentials;
    if (field == u"cachePreflight" || field == u"maxAge")
        return m_maxAge;
    if (field == u"enabled")
        return m_enabled;
    if (field == u"note")
        return m_note;
    return nullptr;
}

QString RuleForm::problemText(const QString &field) const
{
    if (field == u"domain")
        return m_domainProblem->isVisible() ? m_domainProblem->text() : QString();
    if (field == u"ports")
        return m_portsProblem->isVisible() ? m_portsProblem->text() : QString();
    if (field == u"methods")
        return m_methodsProblem->isVisible() ? m_methodsProblem->text() : QString();
    if (field == u"protocols")
        return m_protocolsProblem->isVisible() ? m_protocolsProblem->text() : QString();
    return {};
}

void RuleForm::showFindings(const QList<LintFinding> &findings)
{
    // Fields a finding names get an amber (warning) or red (error) frame, unless the field is
    // already marked as refusing its input.
    for (QWidget *field : std::as_const(m_findingFields)) {
        if (!FieldMarker::isMarked(field))
            field->setStyleSheet(QString());
    }
    m_findingFields.clear();
    if (findings.isEmpty() || !currentRule()) {
        m_findings->hide();
        return;
    }
    QString html;
    for (const LintFinding &finding : findings) {
        const QString color = finding.severity == Severity::Error ? u"#d93a3a"_s
            : finding.severity == Severity::Warning               ? u"#c77800"_s
                                                                  : u"#3b82c4"_s;
        html += u"<p style='margin:2px 0'><b style='color:%1'>%2</b> %3<br><i>Fix:</i> %4</p>"_s.arg(
            color, severityName(finding.severity).toHtmlEscaped(), finding.message.toHtmlEscaped(),
            finding.fix.toHtmlEscaped());
        QWidget *field = fieldWidget(finding.field);
        if (field && finding.severity != Severity::Info && !FieldMarker::isMarked(field)) {
            field->setStyleSheet(u"border: 1px solid %1; border-radius: 2px;"_s.arg(color));
            m_findingFields.append(field);
        }
    }
    m_findings->setText(html);
    m_findings->show();
}

QString RuleForm::findingsText() const
{
    return m_findings->isVisible() ? m_findings->text() : QString();
}

const Rule *RuleForm::currentRule() const
{
    if (m_tenant < 0 || m_row < 0 || m_tenant >= m_document->tenantCount()
        || m_row >= m_document->tenant(m_tenant).rules.size())
        return nullptr;
    return &m_document->tenant(m_tenant).rules.at(m_row);
}

void RuleForm::setRule(int tenant, int row)
{
    m_tenant = tenant;
    m_row = row;
    for (auto [field, label] : { std::pair<QWidget *, QLabel *> { m_domain, m_domainProblem },
                                 { m_ports, m_portsProblem },
                                 { m_customMethods, m_methodsProblem },
                                 { m_https, m_protocolsProblem } })
        FieldMarker::show(field, label, QString());
    m_domainHint->hide();
    m_domain->clear();
    m_ports->clear();
    m_customMethods->clear();
    refresh();
}

void RuleForm::refresh()
{
    const Rule *rule = currentRule();
    m_fields->setVisible(rule != nullptr);
    m_empty->setVisible(rule == nullptr);
    if (!rule)
        return;
    const QList<QWidget *> blocked = { m_enabled, m_http, m_https, m_credentials, m_cache, m_maxAge };
    QList<std::shared_ptr<QSignalBlocker>> blockers;
    for (QWidget *widget : blocked)
        blockers.append(std::make_shared<QSignalBlocker>(widget));
    for (QCheckBox *box : std::as_const(m_methodBoxes))
        blockers.append(std::make_shared<QSignalBlocker>(box));

    m_enabled->setChecked(rule->enabled);
    // A field being typed in keeps its text when it means what the rule now holds.
    setTextUnlessEquivalent(m_domain, rule->domain, [rule](const QString &text) {
        const auto pattern = OriginPattern::parse(text);
        return pattern && pattern->impliedScheme().isEmpty() && pattern->impliedPort() < 0
            && pattern->toString() == rule->domain;
    });
    m_http->setChecked(rule->protocols.testFlag(Protocol::Http));
    m_https->setChecked(rule->protocols.testFlag(Protocol::Https));
    setTextUnlessEquivalent(m_ports, rule->ports.toStringList().join(u", "), [rule](const QString &text) {
        return PortSet::parse(splitList(text)) == rule->ports;
    });
    QStringList custom;
    for (const QString &method : rule->methods) {
        if (QCheckBox *box = methodBox(method))
            Q_UNUSED(box)
        else
            custom.append(method);
    }
    for (QCheckBox *box : std::as_const(m_methodBoxes))
        box->setChecked(rule->methods.contains(box->text()));
    setTextUnlessEquivalent(m_customMethods, custom.join(u", "),
                            [custom](const QString &text) { return splitList(text) == custom; });
    m_allowHeaders->setHeaders(rule->allowHeaders);
    m_exposeHeaders->setHeaders(rule->exposeHeaders);
    m_credentials->setChecked(rule->allowCredentials);
    m_cache->setChecked(rule->cachePreflight);
    m_maxAge->setValue(rule->maxAge);
    m_maxAge->setEnabled(rule->cachePreflight);
    if (!m_note->hasFocus() || m_note->text() != rule->note) {
        const QSignalBlocker blocker(m_note);
        if (m_note->text() != rule->note) {
            m_note->setText(rule->note);
            m_note->setCursorPosition(0);
        }
    }
    FieldMarker::show(m_https, m_protocolsProblem,
                      rule->protocols == Protocols() && rule->pattern().kind() != OriginPattern::Kind::Null
                          ? tr("No protocol is allowed: this rule can never match.")
                          : QString());
}

void RuleForm::push(const Rule &rule, const QString &field)
{
    m_edits->changeRule(m_tenant, m_row, rule, field);
}

namespace {
// A scheme or port typed into the domain is what the user means the rule's protocols and ports
// to be (seeds/000 users paste "http://localhost"), so here they replace them rather than
// contradict them; Rule::normalize() then moves them into place.
Rule withTypedDomain(Rule rule, const QString &text, const OriginPattern &pattern)
{
    rule.domain = text;
    if (const auto protocol = protocolFromName(pattern.impliedScheme()))
        rule.protocols = *protocol;
    if (pattern.impliedPort() >= 0)
        rule.ports = PortSet();
    return rule;
}
} // namespace

void RuleForm::domainEdited(const QString &text)
{
    const Rule *rule = currentRule();
    if (!rule)
        return;
    QString error;
    const auto pattern = OriginPattern::parse(text, &error);
    FieldMarker::show(m_domain, m_domainProblem, pattern ? QString() : error);
    m_domainHint->hide();
    if (!pattern)
        return;
    if (!pattern->impliedScheme().isEmpty() || pattern->impliedPort() >= 0 || text.contains(u"://")) {
        // "http://localhost:3000" becomes domain, protocol and port when the user is done, not
        // under their fingers (and "http" on its way to "http://…" is not stored as a host).
        Rule preview = withTypedDomain(*rule, text, *pattern);
        if (const auto problem = preview.normalize()) {
            FieldMarker::show(m_domain, m_domainProblem, problem->message);
            return;
        }
        m_domainHint->setText(tr("Press Enter to use %1 with %2%3.")
                                  .arg(preview.domain, protocolNames(preview.protocols).join(u'/').toUpper(),
                                       preview.ports.isDefault()
                                           ? QString()
                                           : tr(" on port %1").arg(preview.ports.displayText())));
        m_domainHint->show();
        return;
    }
    Rule changed = *rule;
    changed.domain = pattern->toString();
    push(changed, tr("Domain"));
}

void RuleForm::domainFinished()
{
    const Rule *rule = currentRule();
    if (!rule || !m_domainHint->isVisible())
        return;
    const auto pattern = OriginPattern::parse(m_domain->text());
    if (!pattern)
        return;
    Rule changed = withTypedDomain(*rule, m_domain->text(), *pattern);
    if (const auto problem = changed.normalize()) {
        FieldMarker::show(m_domain, m_domainProblem, problem->message);
        return;
    }
    m_domainHint->hide();
    push(changed, tr("Domain"));
    const QSignalBlocker blocker(m_domain);
    m_domain->setText(changed.domain);
    refresh();
}

void RuleForm::protocolsToggled()
{
    const Rule *rule = currentRule();
    if (!rule)
        return;
    Rule changed = *rule;
    changed.protocols = {};
    if (m_http->isChecked())
        changed.protocols |= Protocol::Http;
    if (m_https->isChecked())
        changed.protocols |= Protocol::Https;
    if (changed.protocols == Protocols() && changed.pattern().kind() != OriginPattern::Kind::Null) {
        // Refused at the field: a rule without a protocol could never match.
        FieldMarker::show(m_https, m_protocolsProblem,
                          tr("Choose HTTP, HTTPS or both: without a protocol the rule can never match."));
        return;
    }
    FieldMarker::show(m_https, m_protocolsProblem, QString());
    push(changed, tr("Protocols"));
}

void RuleForm::portsEdited(const QString &text)
{
    const Rule *rule = currentRule();
    if (!rule)
        return;
    int badIndex = -1;
    QString error;
    const QStringList items = splitList(text);
    const auto ports = PortSet::parse(items, &badIndex, &error);
    FieldMarker::show(m_ports, m_portsProblem, ports ? QString() : error);
    if (!ports)
        return;
    Rule changed = *rule;
    changed.ports = *ports;
    push(changed, tr("Ports"));
}

void RuleForm::methodsEdited()
{
    const Rule *rule = currentRule();
    if (!rule)
        return;
    const QStringList custom = splitList(m_customMethods->text());
    for (const QString &method : custom) {
        if (!HttpHeaders::isToken(method.toUtf8()) || method.toUtf8() != method.toLatin1()) {
            FieldMarker::show(
                m_customMethods, m_methodsProblem,
                tr("\"%1\" is not a method: use letters, digits and !#$%&'*+-.^_`|~ only.").arg(method));
            return;
        }
        if (kStandardMethods.contains(method)) {
            FieldMarker::show(m_customMethods, m_methodsProblem,
                              tr("Tick %1 above instead of typing it.").arg(method));
            return;
        }
    }
    FieldMarker::show(m_customMethods, m_methodsProblem, QString());
    // Keep the configured order (Boomi and webMethods answer the list as configured); a newly
    // ticked method goes last among the standard ones, custom methods after them.
    QStringList methods;
    for (const QString &method : rule->methods) {
        QCheckBox *box = methodBox(method);
        if (box && box->isChecked())
            methods.append(method);
    }
    for (QCheckBox *box : std::as_const(m_methodBoxes)) {
        if (box->isChecked() && !methods.contains(box->text()))
            methods.append(box->text());
    }
    methods += custom;
    Rule changed = *rule;
    changed.methods = methods;
    push(changed, tr("Allowed Methods"));
}

void RuleForm::maxAgeChanged()
{
    const Rule *rule = currentRule();
    if (!rule)
        return;
    m_maxAge->setEnabled(m_cache->isChecked());
    Rule changed = *rule;
    changed.cachePreflight = m_cache->isChecked();
    changed.maxAge = m_maxAge->value();
    push(changed, changed.cachePreflight == rule->cachePreflight ? tr("Max Age") : tr("Caching"));
}

} // namespace cors
