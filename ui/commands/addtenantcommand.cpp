#include "addtenantcommand.h"

#include "document/workspacedocument.h"

namespace cors {

AddTenantCommand::AddTenantCommand(WorkspaceDocument *document, int index, Tenant tenant,
                                   QList<TestCase> testCases, const QString &text)
    : QUndoCommand(text)
    , m_document(document)
    , m_index(index)
    , m_tenant(std::move(tenant))
    , m_testCases(std::move(testCases))
{ }

void AddTenantCommand::redo()
{
    setObsolete(!m_document->insertTenant(m_index, m_tenant, m_testCases));
}

void AddTenantCommand::undo()
{
    m_document->removeTenant(m_index);
}

} // namespace cors
