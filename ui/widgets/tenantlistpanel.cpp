#include "tenantlistpanel.h"

#include "commands/documentedits.h"
#include "document/workspacedocument.h"
#include "models/tenantlistmodel.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QListView>
#include <QMessageBox>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cors {

TenantListPanel::TenantListPanel(WorkspaceDocument *document, DocumentEdits *edits, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_edits(edits)
    , m_model(new TenantListModel(document, edits, this))
{
    m_view = new QListView(this);
    m_view->setModel(m_model);
    m_view->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setUniformItemSizes(true);
    m_view->setSpacing(1);
    m_view->setMinimumWidth(m_view->fontMetrics().horizontalAdvance(u"partner-gateway (copy)"_s) + 24);
    const auto toolButton = [this](const QString &icon, const QString &tip) {
        auto *button = new QToolButton(this);
        button->setIcon(QIcon(u":/cors/icons/actions/"_s + icon + u".svg"_s));
        button->setToolTip(tip);
        button->setAutoRaise(true);
        return button;
    };
    m_add = toolButton(u"add"_s, tr("Add a tenant"));
    m_duplicate =
        toolButton(u"duplicate"_s, tr("Duplicate the tenant with its rules, applications and test cases"));
    m_remove = toolButton(u"remove"_s, tr("Delete the tenant"));
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(0);
    buttons->addWidget(m_add);
    buttons->addWidget(m_duplicate);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_view);
    layout->addLayout(buttons);

    connect(m_add, &QToolButton::clicked, this, &TenantListPanel::addTenant);
    connect(m_duplicate, &QToolButton::clicked, this, &TenantListPanel::duplicateTenant);
    connect(m_remove, &QToolButton::clicked, this, [this] { deleteTenant(); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                updateButtons();
                Q_EMIT currentTenantChanged(current.isValid() ? current.row() : -1);
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_model->rowCount() > 0 && !m_view->currentIndex().isValid())
            setCurrentTenant(0);
        else
            Q_EMIT currentTenantChanged(currentTenant());
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first) { setCurrentTenant(first); });
    updateButtons();
}

int TenantListPanel::currentTenant() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void TenantListPanel::setCurrentTenant(int tenant)
{
    if (tenant < 0 || tenant >= m_model->rowCount())
        return;
    m_view->setCurrentIndex(m_model->index(tenant));
}

void TenantListPanel::addTenant()
{
    Tenant tenant;
    tenant.name = m_document->uniqueTenantName(tr("new-tenant"));
    m_edits->addTenant(tenant);
    const int row = m_document->indexOfTenant(tenant.name);
    setCurrentTenant(row);
    m_view->edit(m_model->index(row));
}

void TenantListPanel::renameTenant()
{
    if (currentTenant() >= 0)
        m_view->edit(m_view->currentIndex());
}

void TenantListPanel::duplicateTenant()
{
    if (const int tenant = currentTenant(); tenant >= 0)
        m_edits->duplicateTenant(tenant);
}

bool TenantListPanel::deleteTenant(bool confirm)
{
    const int tenant = currentTenant();
    if (tenant < 0)
        return false;
    const Tenant &t = m_document->tenant(tenant);
    if (confirm) {
        const auto answer =
            QMessageBox::question(this, tr("Delete Tenant"),
                                  tr("Delete the tenant \"%1\" with its %n rule(s), applications and test "
                                     "cases?\n\nEdit > Undo brings it back.",
                                     nullptr, int(t.rules.size()))
                                      .arg(t.name),
                                  QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return false;
    }
    m_edits->removeTenant(tenant);
    return true;
}

void TenantListPanel::updateButtons()
{
    const bool selected = currentTenant() >= 0;
    m_duplicate->setEnabled(selected);
    m_remove->setEnabled(selected);
}

} // namespace cors
