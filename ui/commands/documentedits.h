#pragma once

#include "bundle/bundle.h"
#include "model/tenant.h"
#include "storage/importreport.h"
#include "storage/tenantsettings.h"
#include "storage/testcase.h"

#include <QList>
#include <QString>

#include <optional>

namespace cors {

class WorkspaceDocument;

// The edits a user makes, each pushed onto the document's undo stack as a command with a text
// that reads well in Edit > Undo ("Undo Change Ports of Rule \"localhost\""). Widgets call these;
// the commands call the document; the document writes the workspace and tells the views.
class DocumentEdits
{
public:
    explicit DocumentEdits(WorkspaceDocument *document);

    void addTenant(const Tenant &tenant);
    void duplicateTenant(int index);
    void removeTenant(int index);
    void renameTenant(int index, const QString &name);
    // `field` names what changed ("API Type", "Profile"): consecutive changes of one field merge.
    void changeTenantSettings(int index, const TenantSettings &settings, const QString &field);

    void insertRule(int tenant, int row, const Rule &rule, const QString &text);
    void removeRules(int tenant, QList<int> rows);
    void moveRule(int tenant, int from, int to);
    void changeRule(int tenant, int row, const Rule &rule, const QString &field);

    void insertApplication(int tenant, int row, const Application &application);
    void removeApplication(int tenant, int row);
    void changeApplication(int tenant, int row, const Application &application, const QString &field);

    void insertTestCase(int tenant, int row, const TestCase &testCase);
    void removeTestCase(int tenant, int row);

    // Returns the import report, or nothing when the workspace refused the import.
    std::optional<ImportReport> importBundle(const Bundle &bundle, ImportMode mode, const QString &source);

private:
    WorkspaceDocument *m_document;
};

} // namespace cors
