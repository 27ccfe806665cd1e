#include "removetenantcommand.h"

#include "document/workspacedocument.h"

#include <QCoreApplication>

namespace cors {

RemoveTenantCommand::RemoveTenantCommand(WorkspaceDocument *document, int index)
    : m_document(document)
    , m_index(index)
    , m_tenant(document->tenant(index))
    , m_testCases(document->testCases(index))
{
    setText(QCoreApplication::translate("Undo", "Delete Tenant \"%1\"").arg(m_tenant.name));
}

void RemoveTenantCommand::redo()
{
    setObsolete(!m_document->removeTenant(m_index));
}

void RemoveTenantCommand::undo()
{
    m_document->insertTenant(m_index, m_tenant, m_testCases);
}

} // namespace cors
