#include "workspacedocument.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace cors {

std::unique_ptr<WorkspaceDocument> WorkspaceDocument::load(std::unique_ptr<Workspace> workspace,
                                                           QString *errorMessage)
{
    auto tenants = workspace->tenants();
    if (!tenants) {
        if (errorMessage)
            *errorMessage = tenants.errorMessage();
        return nullptr;
    }
    QList<QList<TestCase>> testCases;
    for (const Tenant &tenant : *tenants) {
        auto cases = workspace->testCases(tenant.name);
        if (!cases) {
            if (errorMessage)
                *errorMessage = cases.errorMessage();
            return nullptr;
        }
        testCases.append(*cases);
    }
    return std::unique_ptr<WorkspaceDocument>(
        new WorkspaceDocument(std::move(workspace), *tenants, testCases));
}

WorkspaceDocument::WorkspaceDocument(std::unique_ptr<Workspace> workspace, QList<Tenant> tenants,
                                     QList<QList<TestCase>> testCases)
    : m_workspace(std::move(workspace))
    , m_tenants(std::move(tenants))
    , m_testCases(std::move(testCases))
{ }

WorkspaceDocument::~WorkspaceDocument()
{
    // The undo stack's commands refer to this document; they go first.
    m_undoStack.clear();
}

QString WorkspaceDocument::fileName() const
{
    return m_workspace->fileName();
}

int WorkspaceDocument::indexOfTenant(const QString &name) const
{
    for (int i = 0; i < m_tenants.size(); ++i) {
        if (m_tenants[i].name == name)
            return i;
    }
    return -1;
}

QString WorkspaceDocument::uniqueTenantName(const QString &base) const
{
    if (indexOfTenant(base) < 0)
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = u"%1 %2"_s.arg(base).arg(n);
        if (indexOfTenant(candidate) < 0)
            return candidate;
    }
}

template<typename Result> bool WorkspaceDocument::check(const Result &result, const QString &what)
{
    if (!result) {
        Q_EMIT errorOccurred(u"%1 was not saved: %2"_s.arg(what, result.errorMessage()));
        return false;
    }
    Q_EMIT saved(what);
    return true;
}

void WorkspaceDocument::followTenantIndex(QObject *receiver, int *tenant,
                                          const std::function<void()> &removed)
{
    connect(this, &WorkspaceDocument::tenantInserted, receiver, [tenant](int index) {
        if (*tenant >= 0 && index <= *tenant)
            ++*tenant;
    });
    connect(this, &WorkspaceDocument::tenantAboutToBeRemoved, receiver, [tenant, removed](int index) {
        if (index == *tenant)
            removed();
        else if (*tenant >= 0 && index < *tenant)
            --*tenant;
    });
}

bool WorkspaceDocument::insertTenant(int index, const Tenant &tenant, const QList<TestCase> &testCases)
{
    if (!check(m_workspace->addTenant(tenant, index, testCases), u"Adding tenant \"%1\""_s.arg(tenant.name)))
        return false;
    Q_EMIT tenantAboutToBeInserted(index);
    m_tenants.insert(index, tenant);
    m_testCases.insert(index, testCases);
    Q_EMIT tenantInserted(index);
    return true;
}

bool WorkspaceDocument::removeTenant(int index)
{
    const QString name = m_tenants.at(index).name;
    if (!check(m_workspace->removeTenant(name), u"Deleting tenant \"%1\""_s.arg(name)))
        return false;
    Q_EMIT tenantAboutToBeRemoved(index);
    m_tenants.removeAt(index);
    m_testCases.removeAt(index);
    Q_EMIT tenantRemoved(index);
    return true;
}

bool WorkspaceDocument::renameTenant(int index, const QString &name)
{
    Tenant &tenant = m_tenants[index];
    if (!check(m_workspace->renameTenant(tenant.name, name), u"Renaming tenant \"%1\""_s.arg(tenant.name)))
        return false;
    tenant.name = name;
    Q_EMIT tenantChanged(index);
    return true;
}

bool WorkspaceDocument::setTenantSettings(int index, const TenantSettings &settings)
{
    Tenant &tenant = m_tenants[index];
    if (!check(m_workspace->updateTenantSettings(tenant.name, settings),
               u"The settings of \"%1\""_s.arg(tenant.name)))
        return false;
    settings.applyTo(tenant);
    Q_EMIT tenantChanged(index);
    Q_EMIT tenantContentChanged(index);
    return true;
}

bool WorkspaceDocument::insertRule(int tenant, int row, const Rule &rule)
{
    Tenant &t = m_tenants[tenant];
    if (!check(m_workspace->insertRule(t.name, row, rule), u"Adding rule \"%1\""_s.arg(rule.domain)))
        return false;
    Q_EMIT ruleAboutToBeInserted(tenant, row);
    t.rules.insert(row, rule);
    Q_EMIT ruleInserted(tenant, row);
    Q_EMIT tenantContentChanged(tenant);
    return true;
}

bool WorkspaceDocument::removeRule(int tenant, int row)
{
    Tenant &t = m_tenants[tenant];
    if (!check(m_workspace->removeRule(t.name, row), u"Deleting rule \"%1\""_s.arg(t.rules.at(row).domain)))
        return false;
    Q_EMIT ruleAboutToBeRemoved(tenant, row);
    t.rules.removeAt(row);
    Q_EMIT ruleRemoved(tenant, row);
    Q_EMIT tenantContentChanged(tenant);
    return true;
}

bool WorkspaceDocument::setRule(int tenant, int row, const Rule &rule)
{
    Tenant &t = m_tenants[tenant];
    if (t.rules.at(row) == rule)
        return true;
    if (!check(m_workspace->updateRule(t.name, row, rule), u"Rule \"%1\""_s.arg(rule.domain)))
        return false;
    t.rules[row] = rule;
    Q_EMIT ruleChanged(tenant, row);
    Q_EMIT tenantContentChanged(tenant);
    return true;
}

bool WorkspaceDocument::moveRule(int tenant, int from, int to)
{
    Tenant &t = m_tenants[tenant];
    if (from == to)
        return true;
    if (!check(m_workspace->moveRule(t.name, from, to), u"Moving rule \"%1\""_s.arg(t.rules.at(from).domain)))
        return false;
    Q_EMIT ruleAboutToBeMoved(tenant, from, to);
    t.rules.move(from, to);
    Q_EMIT ruleMoved(tenant, from, to);
    Q_EMIT tenantContentChanged(tenant);
    return true;
}

bool WorkspaceDocument::insertApplication(int tenant, int row, const Application &application)
{
    Tenant &t = m_tenants[tenant];
    if (!check(m_workspace->insertApplication(t.name, row, application),
               u"Adding application \"%1\""_s.arg(application.name)))
        return false;
    Q_EMIT applicationsAboutToBeReset(tenant);
    t.applications.insert(row, application);
    Q_EMIT applicationsReset(tenant);
    Q_EMIT tenantContentChanged(tenant);
    return true;
}

bool WorkspaceDocument::removeApplication(int tenant, int row)
{
    Tenant &t = m_tenants[tenant];
    if (!check(m_workspace->removeApplication(t.name, row),
               u"Deleting application \"%1\""_s.arg(t.applications.at(row).name)))
        return false;
    Q_EMIT applicationsAboutToBeReset(tenant);
    t.applications.removeAt(row);
    Q_EMIT applicationsReset(tenant);
    Q_EMIT tenantContentChanged(tenant);
    return true;
}

bool WorkspaceDocument::setApplication(int tenant, int row, const Application &application)
{
    Tenant &t = m_tenants[tenant];
    if (t.applications.at(row) == application)
        return true;
    if (!check(m_workspace->updateApplication(t.name, row, application),
               u"Application \"%1\""_s.arg(application.name)))
        return false;
    Q_EMIT applicationsAboutToBeReset(tenant);
    t.applications[row] = application;
    Q_EMIT applicationsReset(tenant);
    Q_EMIT tenantContentChanged(tenant);
    return true;
}

bool WorkspaceDocument::insertTestCase(int tenant, int row, const TestCase &testCase)
{
    if (!check(m_workspace->insertTestCase(m_tenants[tenant].name, row, testCase),
               u"Saving test case \"%1\""_s.arg(testCase.name)))
        return false;
    Q_EMIT testCasesAboutToBeReset(tenant);
    m_testCases[tenant].insert(row, testCase);
    Q_EMIT testCasesReset(tenant);
    return true;
}

bool WorkspaceDocument::removeTestCase(int tenant, int row)
{
    if (!check(m_workspace->removeTestCase(m_tenants[tenant].name, row),
               u"Deleting test case \"%1\""_s.arg(m_testCases[tenant].at(row).name)))
        return false;
    Q_EMIT testCasesAboutToBeReset(tenant);
    m_testCases[tenant].removeAt(row);
    Q_EMIT testCasesReset(tenant);
    return true;
}

bool WorkspaceDocument::setTestCase(int tenant, int row, const TestCase &testCase)
{
    if (m_testCases[tenant].at(row) == testCase)
        return true;
    if (!check(m_workspace->updateTestCase(m_tenants[tenant].name, row, testCase),
               u"Test case \"%1\""_s.arg(testCase.name)))
        return false;
    Q_EMIT testCasesAboutToBeReset(tenant);
    m_testCases[tenant][row] = testCase;
    Q_EMIT testCasesReset(tenant);
    return true;
}

std::optional<ImportReport> WorkspaceDocument::importBundle(const Bundle &bundle, ImportMode mode)
{
    auto report = m_workspace->importBundle(bundle, mode);
    if (!check(report, u"Importing the bundle"_s))
        return std::nullopt;
    auto tenants = m_workspace->tenants();
    if (!tenants) {
        Q_EMIT errorOccurred(
            u"The imported tenants could not be read back: %1"_s.arg(tenants.errorMessage()));
        return *report;
    }
    QList<QList<TestCase>> testCases;
    for (const Tenant &tenant : *tenants)
        testCases.append(m_workspace->testCases(tenant.name).value());
    Q_EMIT tenantsAboutToBeReset();
    m_tenants = *tenants;
    m_testCases = testCases;
    Q_EMIT tenantsReset();
    for (int i = 0; i < m_tenants.size(); ++i)
        Q_EMIT tenantContentChanged(i);
    return *report;
}

bool WorkspaceDocument::restoreTenants(const QList<Tenant> &tenants, const QList<QList<TestCase>> &testCases)
{
    // Remove what is not in the earlier state, replace what is, add what is missing — each
    // through the workspace's own edits so that the history records it.
    for (const Tenant &current : std::as_const(m_tenants)) {
        const bool keep = std::any_of(tenants.cbegin(), tenants.cend(),
                                      [&](const Tenant &t) { return t.name == current.name; });
        if (!keep && !check(m_workspace->removeTenant(current.name), u"Undoing the import"_s))
            return false;
    }
    for (int i = 0; i < tenants.size(); ++i) {
        const int existing = indexOfTenant(tenants[i].name);
        if (existing >= 0 && m_tenants[existing] == tenants[i] && m_testCases[existing] == testCases[i])
            continue;
        if (existing >= 0 && !check(m_workspace->removeTenant(tenants[i].name), u"Undoing the import"_s))
            return false;
        if (!check(m_workspace->addTenant(tenants[i], Workspace::kAtEnd, testCases[i]),
                   u"Undoing the import"_s))
            return false;
    }
    for (int i = 0; i < tenants.size(); ++i)
        m_workspace->moveTenant(tenants[i].name, i);
    Q_EMIT tenantsAboutToBeReset();
    m_tenants = tenants;
    m_testCases = testCases;
    Q_EMIT tenantsReset();
    for (int i = 0; i < m_tenants.size(); ++i)
        Q_EMIT tenantContentChanged(i);
    return true;
}

} // namespace cors
