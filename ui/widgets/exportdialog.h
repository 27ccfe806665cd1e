#pragma once

#include "model/tenant.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace cors {

class Settings;

// File > Export Server Configuration: a tenant's rules as an nginx, Apache httpd or Express
// configuration, previewed with everything the target refuses or does differently, and saved.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(const Tenant &tenant, Settings *settings, QWidget *parent = nullptr);
    QString configText() const;
    QComboBox *formatBox() const { return m_format; }
    QListWidget *issues() const { return m_issues; }

private:
    void regenerate();
    void save();

    Tenant m_tenant;
    Settings *m_settings;
    QComboBox *m_format;
    QPlainTextEdit *m_preview;
    QListWidget *m_issues;
    QLabel *m_status;
    QPushButton *m_save;
};

} // namespace cors
