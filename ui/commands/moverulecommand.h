#pragma once

#include <QUndoCommand>

namespace cors {

class WorkspaceDocument;

// Moves a rule within its tenant's list (rule order decides which of two overlapping rules of the
// same kind wins).
class MoveRuleCommand : public QUndoCommand
{
public:
    MoveRuleCommand(WorkspaceDocument *document, int tenant, int from, int to);
    void redo() override;
    void undo() override;

private:
    WorkspaceDocument *m_document;
    int m_tenant;
    int m_from;
    int m_to;
};

} // namespace cors
