#include "exportdialog.h"

#include "export/configexporter.h"
#include "settings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cors {

ExportDialog::ExportDialog(const Tenant &tenant, Settings *settings, QWidget *parent)
    : QDialog(parent)
    , m_tenant(tenant)
    , m_settings(settings)
{
    setWindowTitle(tr("Export Server Configuration — %1").arg(tenant.name));
    m_format = new QComboBox(this);
    m_format->addItem(tr("nginx (server block)"), int(ExportFormat::Nginx));
    m_format->addItem(tr("Apache httpd (VirtualHost)"), int(ExportFormat::Apache));
    m_format->addItem(tr("Express (Node module for the cors package)"), int(ExportFormat::Express));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_issues = new QListWidget(this);
    m_issues->setWordWrap(true);
    m_issues->setAlternatingRowColors(true);
    m_preview = new QPlainTextEdit(this);
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_issues);
    splitter->addWidget(m_preview);
    splitter->setStretchFactor(1, 3);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_save = buttons->addButton(tr("&Save…"), QDialogButtonBox::AcceptRole);
    m_save->setIcon(QIcon(u":/cors/icons/actions/export.svg"_s));
    auto *form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    resize(860, 640);

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::regenerate);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &ExportDialog::save);
    regenerate();
}

QString ExportDialog::configText() const
{
    return m_preview->toPlainText();
}

void ExportDialog::regenerate()
{
    const auto format = ExportFormat(m_format->currentData().toInt());
    const ExportResult result = ConfigExporter::exportTenant(m_tenant, format);
    m_issues->clear();
    for (const ExportIssue &issue : result.issues) {
        const QString domain = issue.rule >= 0 && issue.rule < m_tenant.rules.size()
            ? m_tenant.rules.at(issue.rule).domain
            : QString();
        auto *item = new QListWidgetItem(issue.toString(domain), m_issues);
        item->setIcon(QIcon(issue.kind == ExportIssue::Kind::Refused
                                ? u":/cors/icons/actions/fail.svg"_s
                                : u":/cors/icons/actions/warning.svg"_s));
    }
    m_issues->setVisible(!result.issues.isEmpty());
    m_preview->setPlainText(QString::fromUtf8(result.text));
    m_save->setEnabled(result.isExported());
    if (!result.isExported()) {
        m_status->setText(
            tr("<b style='color:#d93a3a'>This tenant cannot be exported as %1:</b> see why below.")
                .arg(exportFormatName(format)));
    } else {
        const int refused = int(result.issuesOfKind(ExportIssue::Kind::Refused).size());
        const int differs = int(result.issuesOfKind(ExportIssue::Kind::Differs).size());
        m_status->setText(refused == 0 && differs == 0
                              ? tr("The configuration answers exactly like the strict profile. Checksum %1.")
                                    .arg(result.checksum)
                              : tr("%1 rule(s) left out and %2 stated difference(s), listed below and in the "
                                   "configuration's header comment. Checksum %3.")
                                    .arg(refused)
                                    .arg(differs)
                                    .arg(result.checksum));
    }
}

void ExportDialog::save()
{
    const auto format = ExportFormat(m_format->currentData().toInt());
    const QString suffix = format == ExportFormat::Express ? u".js"_s : u".conf"_s;
    const QString suggested =
        QDir(m_settings->lastDirectory()).filePath(m_tenant.name + u'-' + exportFormatName(format) + suffix);
    const QString fileName = QFileDialog::getSaveFileName(this, tr("Save Configuration"), suggested);
    if (fileName.isEmpty())
        return;
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_preview->toPlainText().toUtf8()) < 0
        || !file.commit()) {
        QMessageBox::warning(this, tr("Export Server Configuration"),
                             tr("Could not write %1: %2").arg(fileName, file.errorString()));
        return;
    }
    m_settings->setLastDirectory(QFileInfo(fileName).absolutePath());
    accept();
}

} // namespace cors
