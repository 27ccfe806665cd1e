#pragma once

#include "browser/fetchspec.h"
#include "browser/outcome.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QTreeView;

namespace cors {

class DocumentEdits;
class SimulationTimelineModel;
class WorkspaceDocument;

// Compose a request as a browser page would make it, choose Chromium or Firefox, and see what the
// browser does: the preflight it sends, the server's answer and every check the server made, each
// check the browser makes, the actual request and answer, the verdict and — when blocked — the
// browser's console message exactly. The answers come from the tenant's current rules (re-run as
// they change) or from response headers pasted from a customer.
class SimulatorPanel : public QWidget
{
    Q_OBJECT

public:
    SimulatorPanel(WorkspaceDocument *document, DocumentEdits *edits, QWidget *parent = nullptr);

    void setTenant(int tenant);
    // Fills the composer (from a test case, a HAR entry or a pasted cURL command) and runs it.
    void setFetch(const FetchSpec &spec);
    std::optional<FetchSpec> currentFetch(QString *problem = nullptr) const;
    void setPastedResponses(const QString &preflight, const QString &actual);
    void run();

    const std::optional<Outcome> &outcome() const { return m_outcome; }
    QString consoleMessage() const;
    QString verdictText() const;
    SimulationTimelineModel *timeline() const { return m_timeline; }
    QLineEdit *pageOriginField() const { return m_pageOrigin; }
    QLineEdit *urlField() const { return m_url; }
    QComboBox *methodBox() const { return m_method; }
    QPlainTextEdit *headersField() const { return m_headers; }
    QComboBox *browserBox() const { return m_browser; }
    QComboBox *credentialsBox() const { return m_credentials; }
    QRadioButton *pastedModeButton() const { return m_pastedMode; }

Q_SIGNALS:
    void browserChanged(const QString &browser);
    void saveTestCaseRequested(const FetchSpec &spec, const QString &suggestedName);

private:
    void scheduleRun();
    void updateMode();
    void showProblem(const QString &problem);

    WorkspaceDocument *m_document;
    DocumentEdits *m_edits;
    int m_tenant = -1;
    QTimer m_runTimer;
    std::optional<Outcome> m_outcome;

    QComboBox *m_browser;
    QRadioButton *m_rulesMode;
    QRadioButton *m_pastedMode;
    QLineEdit *m_pageOrigin;
    QLineEdit *m_url;
    QComboBox *m_method;
    QPlainTextEdit *m_headers;
    QComboBox *m_credentials;
    QComboBox *m_mode;
    QWidget *m_pastedBox;
    QPlainTextEdit *m_pastedPreflight;
    QPlainTextEdit *m_pastedActual;
    QLabel *m_problem;
    QLabel *m_verdict;
    QPlainTextEdit *m_console;
    QTreeView *m_timelineView;
    SimulationTimelineModel *m_timeline;
    QPushButton *m_save;
};

} // namespace cors
