#pragma once

#include <QUndoCommand>

namespace cors {

class WorkspaceDocument;

class RenameTenantCommand : public QUndoCommand
{
public:
    RenameTenantCommand(WorkspaceDocument *document, int index, QString name);
    void redo() override;
    void undo() override;

private:
    WorkspaceDocument *m_document;
    int m_index;
    QString m_before;
    QString m_after;
};

} // namespace cors
