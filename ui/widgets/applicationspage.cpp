#include "applicationspage.h"

#include "commands/documentedits.h"
#include "document/workspacedocument.h"
#include "fieldmarker.h"
#include "models/applicationtablemodel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cors {

ApplicationsPage::ApplicationsPage(WorkspaceDocument *document, DocumentEdits *edits, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_edits(edits)
    , m_model(new ApplicationTableModel(document, this))
{
    auto *intro = new QLabel(
        tr("A registered application's JavaScript origins are trusted as if a rule had matched them, "
           "with that rule's methods, headers, credentials and caching (webMethods API Gateway)."),
        this);
    intro->setWordWrap(true);
    m_add = new QToolButton(this);
    m_add->setIcon(QIcon(u":/cors/icons/actions/add.svg"_s));
    m_add->setText(tr("Add Application"));
    m_add->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_add->setAutoRaise(true);
    m_remove = new QToolButton(this);
    m_remove->setIcon(QIcon(u":/cors/icons/actions/remove.svg"_s));
    m_remove->setText(tr("Delete"));
    m_remove->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_remove->setAutoRaise(true);
    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_add);
    toolbar->addWidget(m_remove);
    toolbar->addStretch(1);

    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setColumnWidth(ApplicationTableModel::NameColumn,
                            m_table->fontMetrics().horizontalAdvance(u'M') * 12);
    m_table->setColumnWidth(ApplicationTableModel::OriginsColumn,
                            m_table->fontMetrics().horizontalAdvance(u'M') * 20);

    m_form = new QWidget(this);
    auto *form = new QFormLayout(m_form);
    m_name = new QLineEdit(m_form);
    m_nameProblem = FieldMarker::createLabel(m_form);
    auto *nameBox = new QVBoxLayout;
    nameBox->setSpacing(2);
    nameBox->addWidget(m_name);
    nameBox->addWidget(m_nameProblem);
    auto *nameLabel = new QLabel(tr("&Name:"), m_form);
    nameLabel->setBuddy(m_name);
    form->addRow(nameLabel, nameBox);
    m_origins = new QPlainTextEdit(m_form);
    m_origins->setPlaceholderText(tr("One origin per line, e.g. https://dashboard.partner.example"));
    m_origins->setTabChangesFocus(true);
    m_origins->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_originsProblem = FieldMarker::createLabel(m_form);
    auto *originsBox = new QVBoxLayout;
    originsBox->setSpacing(2);
    originsBox->addWidget(m_origins);
    originsBox->addWidget(m_originsProblem);
    auto *originsLabel = new QLabel(tr("&JavaScript origins:"), m_form);
    originsLabel->setBuddy(m_origins);
    form->addRow(originsLabel, originsBox);
    m_rule = new QComboBox(m_form);
    auto *ruleLabel = new QLabel(tr("Gets the settings of &rule:"), m_form);
    ruleLabel->setBuddy(m_rule);
    form->addRow(ruleLabel, m_rule);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(toolbar);
    leftLayout->addWidget(m_table);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(m_form);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(splitter, 1);

    connect(m_add, &QToolButton::clicked, this, [this] {
        if (m_tenant < 0)
            return;
        const int row = m_model->rowCount();
        m_edits->insertApplication(m_tenant, row, { tr("New application"), {}, QString() });
        selectApplication(row, u"name"_s);
        m_name->selectAll();
    });
    connect(m_remove, &QToolButton::clicked, this, [this] {
        if (const int row = selectedRow(); row >= 0)
            m_edits->removeApplication(m_tenant, row);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ApplicationsPage::refreshForm);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { refreshForm(); });
    connect(m_name, &QLineEdit::textEdited, this, &ApplicationsPage::commitName);
    connect(m_origins, &QPlainTextEdit::textChanged, this, &ApplicationsPage::commitOrigins);
    connect(m_rule, &QComboBox::activated, this, &ApplicationsPage::commitRule);
    connect(document, &WorkspaceDocument::tenantContentChanged, this, [this](int tenant) {
        if (tenant == m_tenant)
            refreshForm();
    });
    refreshForm();
}

void ApplicationsPage::setTenant(int tenant)
{
    m_tenant = tenant;
    m_model->setTenant(tenant);
    if (m_model->rowCount() > 0)
        selectApplication(0);
    refreshForm();
}

void ApplicationsPage::selectApplication(int row, const QString &field)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_table->selectionModel()->setCurrentIndex(
        m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (field == u"origins")
        m_origins->setFocus();
    else if (field == u"rule")
        m_rule->setFocus();
    else if (!field.isEmpty())
        m_name->setFocus();
}

int ApplicationsPage::selectedRow() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void ApplicationsPage::refreshForm()
{
    const int row = selectedRow();
    m_remove->setEnabled(row >= 0);
    m_add->setEnabled(m_tenant >= 0);
    m_form->setEnabled(row >= 0);
    const QSignalBlocker b1(m_name);
    const QSignalBlocker b2(m_origins);
    const QSignalBlocker b3(m_rule);
    m_rule->clear();
    if (row < 0) {
        m_name->clear();
        m_origins->clear();
        return;
    }
    const Tenant &tenant = m_document->tenant(m_tenant);
    const Application &application = tenant.applications.at(row);
    if (!m_name->hasFocus() || FieldMarker::isMarked(m_name) == false)
        if (m_name->text() != application.name)
            m_name->setText(application.name);
    // Keep what is being typed when it already means the stored origins.
    QStringList typed;
    for (const QString &line : m_origins->toPlainText().split(u'\n', Qt::SkipEmptyParts))
        if (!line.trimmed().isEmpty())
            typed.append(line.trimmed());
    if (typed != application.origins && !FieldMarker::isMarked(m_origins))
        m_origins->setPlainText(application.origins.join(u'\n'));
    m_rule->addItem(tr("The first enabled rule"), QString());
    for (const Rule &rule : tenant.rules) {
        if (rule.enabled && m_rule->findData(rule.domain) < 0)
            m_rule->addItem(rule.domain, rule.domain);
    }
    if (!application.rule.isEmpty() && m_rule->findData(application.rule) < 0)
        m_rule->addItem(tr("%1 (disabled or missing)").arg(application.rule), application.rule);
    m_rule->setCurrentIndex(std::max(0, m_rule->findData(application.rule)));
}

void ApplicationsPage::commitName()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const QString name = m_name->text().trimmed();
    FieldMarker::show(m_name, m_nameProblem,
                      name.isEmpty() ? tr("The application needs a name.") : QString());
    if (name.isEmpty())
        return;
    Application application = m_document->tenant(m_tenant).applications.at(row);
    application.name = name;
    m_edits->changeApplication(m_tenant, row, application, tr("Name"));
}

void ApplicationsPage::commitOrigins()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    QStringList origins;
    QString problem;
    const QStringList lines = m_origins->toPlainText().split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        QString error;
        const auto origin = Origin::parse(line, &error);
        if (!origin) {
            problem = tr("Line %1: %2").arg(i + 1).arg(error);
            break;
        }
        origins.append(origin->serialize());
    }
    FieldMarker::show(m_origins, m_originsProblem, problem);
    if (!problem.isEmpty())
        return;
    Application application = m_document->tenant(m_tenant).applications.at(row);
    application.origins = origins;
    m_edits->changeApplication(m_tenant, row, application, tr("JavaScript Origins"));
}

void ApplicationsPage::commitRule()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    Application application = m_document->tenant(m_tenant).applications.at(row);
    application.rule = m_rule->currentData().toString();
    m_edits->changeApplication(m_tenant, row, application, tr("Rule"));
}

} // namespace cors
