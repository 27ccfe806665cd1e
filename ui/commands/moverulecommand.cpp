#include "moverulecommand.h"

#include "document/workspacedocument.h"

#include <QCoreApplication>

namespace cors {

MoveRuleCommand::MoveRuleCommand(WorkspaceDocument *document, int tenant, int from, int to)
    : m_document(document)
    , m_tenant(tenant)
    , m_from(from)
    , m_to(to)
{
    setText(QCoreApplication::translate("Undo", "Move Rule \"%1\" to Position %2")
                .arg(document->tenant(tenant).rules.at(from).domain)
                .arg(to + 1));
}

void MoveRuleCommand::redo()
{
    setObsolete(!m_document->moveRule(m_tenant, m_from, m_to));
}

void MoveRuleCommand::undo()
{
    m_document->moveRule(m_tenant, m_to, m_from);
}

} // namespace cors
