#pragma once

#include "model/tenant.h"
#include "storage/testcase.h"

#include <QUndoCommand>

namespace cors {

class WorkspaceDocument;

// Deletes a tenant; undo puts it back with its rules, applications and test cases.
class RemoveTenantCommand : public QUndoCommand
{
public:
    RemoveTenantCommand(WorkspaceDocument *document, int index);
    void redo() override;
    void undo() override;

private:
    WorkspaceDocument *m_document;
    int m_index;
    Tenant m_tenant;
    QList<TestCase> m_testCases;
};

} // namespace cors
