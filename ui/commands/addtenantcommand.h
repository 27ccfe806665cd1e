#pragma once

#include "model/tenant.h"
#include "storage/testcase.h"

#include <QUndoCommand>

namespace cors {

class WorkspaceDocument;

// Adds a tenant (new, or a duplicate of another with its test cases) at an index.
class AddTenantCommand : public QUndoCommand
{
public:
    AddTenantCommand(WorkspaceDocument *document, int index, Tenant tenant, QList<TestCase> testCases,
                     const QString &text);
    void redo() override;
    void undo() override;

private:
    WorkspaceDocument *m_document;
    int m_index;
    Tenant m_tenant;
    QList<TestCase> m_testCases;
};

} // namespace cors
