#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace cors {

class DocumentEdits;
class HeaderListEditor;
struct LintFinding;
class WorkspaceDocument;
struct Rule;

// The form for one CORS rule: every field of the "CORS Configuration" panel (seeds/000,
// DESIGN.md). Each field is checked with the core's own parsers as it is typed; a value that does
// not parse is marked at the field with the reason and never reaches the workspace. A valid
// change becomes an undo command at once (consecutive keystrokes in one field merge into one
// step), so the simulator and the linter follow the typing.
class RuleForm : public QWidget
{
    Q_OBJECT

public:
    RuleForm(WorkspaceDocument *document, DocumentEdits *edits, QWidget *parent = nullptr);

    // Shows rule `row` of tenant `tenant` (-1: none).
    void setRule(int tenant, int row);
    int tenant() const { return m_tenant; }
    int row() const { return m_row; }

    // The field widgets, for keyboard focus from elsewhere (findings, "Add Rule") and for tests.
    QLineEdit *domainField() const { return m_domain; }
    QLineEdit *portsField() const { return m_ports; }
    QLineEdit *customMethodsField() const { return m_customMethods; }
    QCheckBox *httpBox() const { return m_http; }
    QCheckBox *httpsBox() const { return m_https; }
    QCheckBox *credentialsBox() const { return m_credentials; }
    QCheckBox *cacheBox() const { return m_cache; }
    QSpinBox *maxAgeField() const { return m_maxAge; }
    HeaderListEditor *allowHeadersEditor() const { return m_allowHeaders; }
    HeaderListEditor *exposeHeadersEditor() const { return m_exposeHeaders; }
    QCheckBox *methodBox(const QString &method) const;
    // The field that shows the rule's JSON field `field` ("domain", "ports", ...), for focusing.
    QWidget *fieldWidget(const QString &field) const;
    QString problemText(const QString &field) const;
    // Shows the linter's findings about this rule above the fields and marks the fields they name.
    void showFindings(const QList<LintFinding> &findings);
    QString findingsText() const;

private:
    const Rule *currentRule() const;
    void refresh();
    void push(const Rule &rule, const QString &field);

    void domainEdited(const QString &text);
    void domainFinished();
    void protocolsToggled();
    void portsEdited(const QString &text);
    void methodsEdited();
    void maxAgeChanged();

    WorkspaceDocument *m_document;
    DocumentEdits *m_edits;
    int m_tenant = -1;
    int m_row = -1;

    QCheckBox *m_enabled;
    QLineEdit *m_domain;
    QLabel *m_domainProblem;
    QLabel *m_domainHint;
    QCheckBox *m_http;
    QCheckBox *m_https;
    QLabel *m_protocolsProblem;
    QLineEdit *m_ports;
    QLabel *m_portsProblem;
    QList<QCheckBox *> m_methodBoxes;
    QLineEdit *m_customMethods;
    QLabel *m_methodsProblem;
    HeaderListEditor *m_allowHeaders;
    HeaderListEditor *m_exposeHeaders;
    QCheckBox *m_credentials;
    QCheckBox *m_cache;
    QSpinBox *m_maxAge;
    QLabel *m_maxAgeHint;
    QLineEdit *m_note;
    QLabel *m_findings;
    QList<QWidget *> m_findingFields;
    QLabel *m_empty;
    QWidget *m_fields;
};

} // namespace cors
