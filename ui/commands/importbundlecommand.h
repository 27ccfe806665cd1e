#pragma once

#include "bundle/bundle.h"
#include "model/tenant.h"
#include "storage/importreport.h"
#include "storage/testcase.h"

#include <QUndoCommand>

namespace cors {

class WorkspaceDocument;

// Imports a bundle (replace or merge) as one step; undo puts every tenant back as it was.
class ImportBundleCommand : public QUndoCommand
{
public:
    // The first redo() writes what it imported (or nothing, when refused) to `firstReport`, for
    // the report the user sees; a refused import leaves the command obsolete.
    ImportBundleCommand(WorkspaceDocument *document, Bundle bundle, ImportMode mode, const QString &source,
                        std::optional<ImportReport> *firstReport);
    void redo() override;
    void undo() override;

private:
    WorkspaceDocument *m_document;
    Bundle m_bundle;
    ImportMode m_mode;
    QList<Tenant> m_before;
    QList<QList<TestCase>> m_beforeTestCases;
    std::optional<ImportReport> *m_firstReport;
};

} // namespace cors
