#include "importbundlecommand.h"

#include "document/workspacedocument.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace cors {

ImportBundleCommand::ImportBundleCommand(WorkspaceDocument *document, Bundle bundle, ImportMode mode,
                                         const QString &source, std::optional<ImportReport> *firstReport)
    : m_document(document)
    , m_bundle(std::move(bundle))
    , m_mode(mode)
    , m_before(document->tenants())
    , m_firstReport(firstReport)
{
    for (int i = 0; i < document->tenantCount(); ++i)
        m_beforeTestCases.append(document->testCases(i));
    setText(QCoreApplication::translate("Undo", "Import \"%1\"").arg(QFileInfo(source).fileName()));
}

void ImportBundleCommand::redo()
{
    const std::optional<ImportReport> report = m_document->importBundle(m_bundle, m_mode);
    if (m_firstReport) {
        *m_firstReport = report;
        m_firstReport = nullptr;
    }
    setObsolete(!report);
}

void ImportBundleCommand::undo()
{
    m_document->restoreTenants(m_before, m_beforeTestCases);
}

} // namespace cors
