#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;

namespace cors {

class LiveLogModel;
class LiveOutcomeModel;
class LiveServer;
class WorkspaceDocument;

// Live test: an embedded server that answers with the designed rules — edits take effect on the
// next request, no restart — and a test page a real browser opens. Every request it answers is
// logged with its trace; every outcome the page reports stands beside the simulator's prediction
// for the same request and browser, marked when they differ.
class LiveTestPanel : public QWidget
{
    Q_OBJECT

public:
    explicit LiveTestPanel(WorkspaceDocument *document, QWidget *parent = nullptr);
    ~LiveTestPanel() override;

    // The tenant for requests that name none: the one selected on the left.
    void setActiveTenant(int tenant);
    bool start();
    void stop();

    LiveServer *server() const { return m_server; }
    LiveLogModel *log() const { return m_log; }
    LiveOutcomeModel *outcomes() const { return m_outcomes; }
    QSpinBox *apiPortField() const { return m_apiPort; }
    QSpinBox *pagePortField() const { return m_pagePort; }
    QComboBox *addressBox() const { return m_address; }
    QLabel *warningLabel() const { return m_warning; }
    QPlainTextEdit *logDetails() const { return m_logDetails; }
    QTableView *logView() const { return m_logView; }

private:
    void updateState();
    void syncTenants();
    void setBackendFromForm();

    WorkspaceDocument *m_document;
    LiveServer *m_server;
    LiveLogModel *m_log;
    QSortFilterProxyModel *m_logProxy;
    LiveOutcomeModel *m_outcomes;
    QComboBox *m_address;
    QSpinBox *m_apiPort;
    QSpinBox *m_pagePort;
    QPushButton *m_startStop;
    QLabel *m_warning;
    QLabel *m_urls;
    QPushButton *m_openPage;
    QLabel *m_tenantLabel;
    QLineEdit *m_backendPath;
    QPlainTextEdit *m_backendResponse;
    QLabel *m_backendProblem;
    QListWidget *m_backends;
    QLineEdit *m_logFilter;
    QTableView *m_logView;
    QPlainTextEdit *m_logDetails;
    QTableView *m_outcomeView;
    QPlainTextEdit *m_outcomeDetails;
    QLabel *m_agreement;
};

} // namespace cors
