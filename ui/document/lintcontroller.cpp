#include "lintcontroller.h"

#include "engine/ruleindex.h"
#include "workspacedocument.h"

namespace cors {

LintController::LintController(WorkspaceDocument *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_linter(Linter::Options {})
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(150);
    connect(&m_timer, &QTimer::timeout, this, &LintController::lintNow);
    connect(document, &WorkspaceDocument::tenantContentChanged, this, [this](int tenant) {
        if (tenant == m_tenant)
            m_timer.start();
    });
    connect(document, &WorkspaceDocument::tenantChanged, this, [this](int tenant) {
        if (tenant == m_tenant)
            m_timer.start();
    });
    document->followTenantIndex(this, &m_tenant, [this] { setTenant(-1); });
    connect(document, &WorkspaceDocument::tenantsReset, this,
            [this] { setTenant(m_tenant < m_document->tenantCount() ? m_tenant : -1); });
}

void LintController::setTenant(int tenant)
{
    m_tenant = tenant;
    lintNow();
}

void LintController::lintNow()
{
    m_timer.stop();
    if (m_tenant < 0) {
        m_findings.clear();
        m_effectiveOrigins.clear();
    } else {
        const Tenant &tenant = m_document->tenant(m_tenant);
        const RuleIndex index(tenant);
        m_findings = m_linter.lint(tenant, index);
        m_effectiveOrigins = EffectiveOrigin::of(tenant, index);
    }
    Q_EMIT findingsChanged();
}

} // namespace cors
