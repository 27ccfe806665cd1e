#pragma once

#include "lint/effectiveorigin.h"
#include "lint/linter.h"
#include "lint/lintfinding.h"

#include <QObject>
#include <QTimer>

namespace cors {

class WorkspaceDocument;

// Lints the tenant being edited as the user types: a change to its rules, applications or
// settings restarts a short timer, and when typing pauses the linter runs once and the findings
// and the effective origins are published. (10,000 rules lint in about 60 ms.)
class LintController : public QObject
{
    Q_OBJECT

public:
    explicit LintController(WorkspaceDocument *document, QObject *parent = nullptr);

    void setTenant(int tenant);
    int tenant() const { return m_tenant; }
    const QList<LintFinding> &findings() const { return m_findings; }
    const QList<EffectiveOrigin> &effectiveOrigins() const { return m_effectiveOrigins; }
    // Runs now instead of after the pause (tests, and switching tenants).
    void lintNow();

Q_SIGNALS:
    void findingsChanged();

private:
    WorkspaceDocument *m_document;
    Linter m_linter;
    QTimer m_timer;
    int m_tenant = -1;
    QList<LintFinding> m_findings;
    QList<EffectiveOrigin> m_effectiveOrigins;
};

} // namespace cors
