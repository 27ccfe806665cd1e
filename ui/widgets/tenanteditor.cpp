#include "tenanteditor.h"

#include "applicationspage.h"
#include "corsconfigurationpage.h"
#include "document/workspacedocument.h"
#include "generalpage.h"
#include "testcasespage.h"

#include <QIcon>
#include <QLabel>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cors {

TenantEditor::TenantEditor(WorkspaceDocument *document, DocumentEdits *edits, LintController *lint,
                           QWidget *parent)
    : QWidget(parent)
    , m_document(document)
{
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_general = new GeneralPage(document, edits, m_tabs);
    m_cors = new CorsConfigurationPage(document, edits, lint, m_tabs);
    m_applications = new ApplicationsPage(document, edits, m_tabs);
    m_testCases = new TestCasesPage(document, edits, m_tabs);
    m_tabs->addTab(m_general, tr("&General"));
    m_tabs->addTab(m_cors, QIcon(u":/cors/icons/actions/rule.svg"_s), tr("&CORS Configuration"));
    m_tabs->addTab(m_applications, tr("&Applications"));
    m_tabs->addTab(m_testCases, QIcon(u":/cors/icons/actions/run.svg"_s), tr("&Test Cases"));

    m_placeholder = new QLabel(tr("Choose a tenant on the left, or add one."), this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_tabs);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(document, &WorkspaceDocument::tenantChanged, this, [this](int tenant) {
        if (tenant == m_tenant)
            updateTabs();
    });
    document->followTenantIndex(this, &m_tenant, [this] { setTenant(-1); });
    connect(document, &WorkspaceDocument::tenantsReset, this,
            [this] { setTenant(m_tenant < m_document->tenantCount() ? m_tenant : -1); });
    setTenant(-1);
}

void TenantEditor::setTenant(int tenant)
{
    m_tenant = tenant;
    m_general->setTenant(tenant);
    m_cors->setTenant(tenant);
    m_applications->setTenant(tenant);
    m_testCases->setTenant(tenant);
    m_stack->setCurrentWidget(tenant >= 0 ? static_cast<QWidget *>(m_tabs) : m_placeholder);
    updateTabs();
}

bool TenantEditor::hasCorsTab() const
{
    return m_tabs->indexOf(m_cors) >= 0;
}

void TenantEditor::updateTabs()
{
    // seeds/000: "This tab is present only if API Type is set to Advanced on the General tab."
    const bool advanced = m_tenant >= 0 && m_document->tenant(m_tenant).corsEnabled();
    if (advanced && !hasCorsTab())
        m_tabs->insertTab(1, m_cors, QIcon(u":/cors/icons/actions/rule.svg"_s), tr("&CORS Configuration"));
    else if (!advanced && hasCorsTab())
        m_tabs->removeTab(m_tabs->indexOf(m_cors));
}

void TenantEditor::showCorsTab()
{
    if (hasCorsTab())
        m_tabs->setCurrentWidget(m_cors);
}

void TenantEditor::showGeneralTab()
{
    m_tabs->setCurrentWidget(m_general);
}

void TenantEditor::showApplicationsTab()
{
    m_tabs->setCurrentWidget(m_applications);
}

void TenantEditor::showTestCasesTab()
{
    m_tabs->setCurrentWidget(m_testCases);
}

} // namespace cors
