#include "generalpage.h"

#include "commands/documentedits.h"
#include "document/workspacedocument.h"
#include "fieldmarker.h"
#include "model/httpheaders.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

QString profileDescription(Profile profile)
{
    switch (profile) {
    case Profile::Strict:
        return GeneralPage::tr(
            "The Fetch standard: an accepted preflight gets 204 with the origin, method and headers "
            "echoed; a refused one gets 403 without CORS headers.");
    case Profile::Boomi:
        return GeneralPage::tr(
            "Boomi shared web server: an accepted preflight gets 200 with all configured methods and "
            "headers; a refused one still gets 200, only without the Access-Control-Allow-* headers.");
    case Profile::WebMethods:
        return GeneralPage::tr(
            "webMethods API Gateway: refusals are 403 \"Specified Origin is not allowed\", 405 "
            "\"Method Not Allowed\" or 403 \"Header Not Supported\"; applications' JavaScript "
            "origins are trusted too.");
    case Profile::Apig:
        return GeneralPage::tr(
            "Huawei APIG / ROMA Connect: every origin gets Access-Control-Allow-Origin: * and the "
            "gateway's default lists (max age 172800 s); a rule's lists narrow them.");
    }
    return {};
}

QString mergeDescription(BackendMerge merge)
{
    switch (merge) {
    case BackendMerge::BackendWins:
        return GeneralPage::tr(
            "The backend's own CORS headers overwrite the gateway's (APIG, ROMA Connect).");
    case BackendMerge::GatewayWins:
        return GeneralPage::tr(
            "The gateway's policy takes precedence: the backend's CORS headers are removed (webMethods).");
    case BackendMerge::PassthroughIfNoRule:
        return GeneralPage::tr("When no rule applies, the backend answers CORS itself, preflights included.");
    }
    return {};
}

QLabel *hint(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

GeneralPage::GeneralPage(WorkspaceDocument *document, DocumentEdits *edits, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_edits(edits)
{
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_description = new QLineEdit(this);
    m_description->setPlaceholderText(tr("What this tenant's API is, and who calls it"));
    form->addRow(tr("&Description:"), m_description);
    m_production =
        new QCheckBox(tr("P&roduction tenant (the linter flags localhost and private addresses)"), this);
    form->addRow(QString(), m_production);

    m_apiType = new QComboBox(this);
    m_apiType->addItem(tr("Basic"), int(ApiType::Basic));
    m_apiType->addItem(tr("Intermediate"), int(ApiType::Intermediate));
    m_apiType->addItem(tr("Advanced"), int(ApiType::Advanced));
    m_apiTypeHint = hint(this);
    auto *apiTypeBox = new QVBoxLayout;
    apiTypeBox->setSpacing(2);
    apiTypeBox->addWidget(m_apiType);
    apiTypeBox->addWidget(m_apiTypeHint);
    auto *apiTypeLabel = new QLabel(tr("API &Type:"), this);
    apiTypeLabel->setBuddy(m_apiType);
    form->addRow(apiTypeLabel, apiTypeBox);

    m_profile = new QComboBox(this);
    m_profile->addItem(tr("Strict (Fetch standard)"), int(Profile::Strict));
    m_profile->addItem(tr("Boomi shared web server"), int(Profile::Boomi));
    m_profile->addItem(tr("webMethods API Gateway"), int(Profile::WebMethods));
    m_profile->addItem(tr("Huawei APIG / ROMA Connect"), int(Profile::Apig));
    m_profileHint = hint(this);
    auto *profileBox = new QVBoxLayout;
    profileBox->setSpacing(2);
    profileBox->addWidget(m_profile);
    profileBox->addWidget(m_profileHint);
    auto *profileLabel = new QLabel(tr("&Profile:"), this);
    profileLabel->setBuddy(m_profile);
    form->addRow(profileLabel, profileBox);

    m_authType = new QComboBox(this);
    m_authType->addItem(tr("None"), int(Authentication::Type::None));
    m_authType->addItem(tr("HTTP Basic (user and password)"), int(Authentication::Type::Basic));
    m_authType->addItem(tr("Token in a header"), int(Authentication::Type::Token));
    m_authStack = new QStackedWidget(this);
    m_authStack->addWidget(new QWidget(m_authStack));
    auto *basic = new QWidget(m_authStack);
    auto *basicForm = new QFormLayout(basic);
    basicForm->setContentsMargins(0, 0, 0, 0);
    m_user = new QLineEdit(basic);
    m_password = new QLineEdit(basic);
    m_password->setEchoMode(QLineEdit::Password);
    QAction *reveal =
        m_password->addAction(QIcon(u":/cors/icons/actions/info.svg"_s), QLineEdit::TrailingPosition);
    reveal->setCheckable(true);
    reveal->setToolTip(tr("Show the password"));
    connect(reveal, &QAction::toggled, this,
            [this](bool on) { m_password->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    basicForm->addRow(tr("User:"), m_user);
    basicForm->addRow(tr("Password:"), m_password);
    m_authStack->addWidget(basic);
    auto *token = new QWidget(m_authStack);
    auto *tokenForm = new QFormLayout(token);
    tokenForm->setContentsMargins(0, 0, 0, 0);
    m_tokenHeader = new QLineEdit(token);
    m_tokenHeader->setPlaceholderText(u"X-API-Key"_s);
    m_tokenValue = new QLineEdit(token);
    m_tokenValue->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    tokenForm->addRow(tr("Header:"), m_tokenHeader);
    tokenForm->addRow(tr("Value:"), m_tokenValue);
    m_authStack->addWidget(token);
    m_authProblem = FieldMarker::createLabel(this);
    auto *authHint = hint(this);
    authHint->setText(tr("Applies to normal requests only: preflights are never authenticated (seeds/000)."));
    auto *authBox = new QVBoxLayout;
    authBox->setSpacing(4);
    authBox->addWidget(m_authType);
    authBox->addWidget(m_authStack);
    authBox->addWidget(m_authProblem);
    authBox->addWidget(authHint);
    auto *authLabel = new QLabel(tr("&Authentication:"), this);
    authLabel->setBuddy(m_authType);
    form->addRow(authLabel, authBox);

    m_backendMerge = new QComboBox(this);
    m_backendMerge->addItem(tr("Gateway wins"), int(BackendMerge::GatewayWins));
    m_backendMerge->addItem(tr("Backend wins"), int(BackendMerge::BackendWins));
    m_backendMerge->addItem(tr("Pass through when no rule applies"), int(BackendMerge::PassthroughIfNoRule));
    m_backendMergeHint = hint(this);
    auto *mergeBox = new QVBoxLayout;
    mergeBox->setSpacing(2);
    mergeBox->addWidget(m_backendMerge);
    mergeBox->addWidget(m_backendMergeHint);
    auto *mergeLabel = new QLabel(tr("&Backend CORS headers:"), this);
    mergeLabel->setBuddy(m_backendMerge);
    form->addRow(mergeLabel, mergeBox);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(form);
    layout->addStretch(1);

    connect(m_description, &QLineEdit::textEdited, this, [this] { commit(tr("Description")); });
    connect(m_production, &QCheckBox::toggled, this, [this] { commit(tr("Production")); });
    connect(m_apiType, &QComboBox::activated, this, [this] { commit(tr("API Type")); });
    connect(m_profile, &QComboBox::activated, this, [this] { commit(tr("Profile")); });
    connect(m_authType, &QComboBox::activated, this, [this] { commit(tr("Authentication")); });
    for (QLineEdit *field : { m_user, m_password, m_tokenHeader, m_tokenValue })
        connect(field, &QLineEdit::textEdited, this, [this] { commit(tr("Authentication")); });
    connect(m_backendMerge, &QComboBox::activated, this, [this] { commit(tr("Backend Merge")); });
    connect(document, &WorkspaceDocument::tenantChanged, this, [this](int tenant) {
        if (tenant == m_tenant)
            refresh();
    });
    document->followTenantIndex(this, &m_tenant, [this] { setTenant(-1); });
    connect(document, &WorkspaceDocument::tenantsReset, this,
            [this] { setTenant(m_tenant < m_document->tenantCount() ? m_tenant : -1); });
}

QWidget *GeneralPage::fieldWidget(const QString &field) const
{
    if (field == u"apiType")
        return m_apiType;
    if (field == u"profile")
        return m_profile;
    if (field == u"production")
        return m_production;
    if (field == u"backendMerge")
        return m_backendMerge;
    if (field.startsWith(u"authentication"))
        return m_authType;
    if (field == u"description")
        return m_description;
    return nullptr;
}

void GeneralPage::setTenant(int tenant)
{
    m_tenant = tenant;
    setEnabled(tenant >= 0);
    refresh();
}

void GeneralPage::refresh()
{
    if (m_tenant < 0) {
        m_title->clear();
        return;
    }
    const Tenant &tenant = m_document->tenant(m_tenant);
    m_title->setText(tenant.name);
    const QList<QWidget *> widgets = { m_description, m_production,  m_apiType,  m_profile,
                                       m_authType,    m_user,        m_password, m_tokenHeader,
                                       m_tokenValue,  m_backendMerge };
    QList<std::shared_ptr<QSignalBlocker>> blockers;
    for (QWidget *widget : widgets)
        blockers.append(std::make_shared<QSignalBlocker>(widget));
    const auto setText = [](QLineEdit *field, const QString &text) {
        if (field->text() != text) {
            field->setText(text);
            field->setCursorPosition(0); // show the start of a long text
        }
    };
    setText(m_description, tenant.description);
    m_production->setChecked(tenant.production);
    m_apiType->setCurrentIndex(m_apiType->findData(int(tenant.apiType)));
    m_apiTypeHint->setText(
        tenant.corsEnabled()
            ? tr("CORS rules apply: see the CORS Configuration tab.")
            : tr("CORS rules apply only to Advanced APIs (seeds/000): this tenant adds no CORS headers, and "
                 "the CORS Configuration tab is hidden. Its rules are kept."));
    m_profile->setCurrentIndex(m_profile->findData(int(tenant.profile)));
    m_profileHint->setText(profileDescription(tenant.profile));
    m_authType->setCurrentIndex(m_authType->findData(int(tenant.authentication.type)));
    m_authStack->setCurrentIndex(int(tenant.authentication.type));
    m_authStack->setVisible(tenant.authentication.type != Authentication::Type::None);
    setText(m_user, tenant.authentication.user);
    setText(m_password, tenant.authentication.password);
    setText(m_tokenHeader, tenant.authentication.header);
    setText(m_tokenValue, tenant.authentication.value);
    m_backendMerge->setCurrentIndex(m_backendMerge->findData(int(tenant.backendMerge)));
    m_backendMergeHint->setText(mergeDescription(tenant.backendMerge));
    FieldMarker::show(m_authType, m_authProblem, QString());
}

void GeneralPage::commit(const QString &field)
{
    if (m_tenant < 0)
        return;
    TenantSettings settings = TenantSettings::of(m_document->tenant(m_tenant));
    settings.description = m_description->text();
    settings.production = m_production->isChecked();
    settings.apiType = ApiType(m_apiType->currentData().toInt());
    settings.profile = Profile(m_profile->currentData().toInt());
    settings.backendMerge = BackendMerge(m_backendMerge->currentData().toInt());
    Authentication auth;
    auth.type = Authentication::Type(m_authType->currentData().toInt());
    m_authStack->setCurrentIndex(int(auth.type));
    m_authStack->setVisible(auth.type != Authentication::Type::None);
    switch (auth.type) {
    case Authentication::Type::None:
        break;
    case Authentication::Type::Basic:
        auth.user = m_user->text();
        auth.password = m_password->text();
        break;
    case Authentication::Type::Token:
        auth.header = m_tokenHeader->text().trimmed();
        auth.value = m_tokenValue->text();
        break;
    }
    // The tenant's own checks decide; a value they refuse stays in the field, marked.
    Tenant check = m_document->tenant(m_tenant);
    check.authentication = auth;
    QString problem;
    for (const FieldProblem &p : check.validate()) {
        if (p.field.startsWith(u"authentication"))
            problem = p.message;
    }
    FieldMarker::show(m_authType, m_authProblem, problem.isEmpty() ? QString() : problem + u'.');
    if (problem.isEmpty())
        settings.authentication = auth;
    m_edits->changeTenantSettings(m_tenant, settings, field);
}

} // namespace cors
