#include "renametenantcommand.h"

#include "document/workspacedocument.h"

#include <QCoreApplication>

namespace cors {

RenameTenantCommand::RenameTenantCommand(WorkspaceDocument *document, int index, QString name)
    : m_document(document)
    , m_index(index)
    , m_before(document->tenant(index).name)
    , m_after(std::move(name))
{
    setText(QCoreApplication::translate("Undo", "Rename Tenant \"%1\" to \"%2\"").arg(m_before, m_after));
}

void RenameTenantCommand::redo()
{
    setObsolete(!m_document->renameTenant(m_index, m_after));
}

void RenameTenantCommand::undo()
{
    m_document->renameTenant(m_index, m_before);
}

} // namespace cors
