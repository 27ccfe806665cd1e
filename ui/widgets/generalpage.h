#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace cors {

class DocumentEdits;
class WorkspaceDocument;

// The General tab of a tenant (seeds/000): API Type — CORS rules apply, and the CORS
// Configuration tab exists, only for Advanced — the profile whose behaviour the server
// reproduces, authentication for normal requests, and the backend merge mode.
class GeneralPage : public QWidget
{
    Q_OBJECT

public:
    GeneralPage(WorkspaceDocument *document, DocumentEdits *edits, QWidget *parent = nullptr);
    void setTenant(int tenant);

    QComboBox *apiTypeBox() const { return m_apiType; }
    QComboBox *profileBox() const { return m_profile; }
    QWidget *fieldWidget(const QString &field) const;

private:
    void refresh();
    void commit(const QString &field);

    WorkspaceDocument *m_document;
    DocumentEdits *m_edits;
    int m_tenant = -1;

    QLabel *m_title;
    QLineEdit *m_description;
    QCheckBox *m_production;
    QComboBox *m_apiType;
    QLabel *m_apiTypeHint;
    QComboBox *m_profile;
    QLabel *m_profileHint;
    QComboBox *m_authType;
    QStackedWidget *m_authStack;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QLineEdit *m_tokenHeader;
    QLineEdit *m_tokenValue;
    QLabel *m_authProblem;
    QComboBox *m_backendMerge;
    QLabel *m_backendMergeHint;
};

} // namespace cors
