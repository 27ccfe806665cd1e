#include "headerlisteditor.h"

#include "fieldmarker.h"
#include "models/headerlistmodel.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cors {

HeaderListEditor::HeaderListEditor(const QStringList &defaults, const QString &defaultsNote,
                                   const QString &placeholder, QWidget *parent)
    : QWidget(parent)
    , m_model(new HeaderListModel(defaults, defaultsNote, this))
    , m_view(new QListView(this))
    , m_addField(new QLineEdit(this))
    , m_addButton(new QToolButton(this))
    , m_removeButton(new QToolButton(this))
    , m_problem(FieldMarker::createLabel(this))
{
    m_view->setModel(m_model);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setUniformItemSizes(true);
    m_view->setMinimumHeight(m_view->fontMetrics().height() * 4);
    m_view->setMaximumHeight(m_view->fontMetrics().height() * 9);
    m_addField->setPlaceholderText(placeholder);
    m_addField->setClearButtonEnabled(true);
    m_addButton->setIcon(QIcon(u":/cors/icons/actions/add.svg"_s));
    m_addButton->setText(tr("Add"));
    m_removeButton->setIcon(QIcon(u":/cors/icons/actions/remove.svg"_s));
    m_removeButton->setText(tr("Remove"));
    m_addButton->setToolTip(tr("Add the header name typed on the left"));
    m_removeButton->setToolTip(tr("Remove the selected header name"));

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_addField, 1);
    row->addWidget(m_addButton);
    row->addWidget(m_removeButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    layout->addLayout(row);
    layout->addWidget(m_problem);

    connect(m_model, &HeaderListModel::entriesEdited, this, &HeaderListEditor::headersEdited);
    connect(m_addButton, &QToolButton::clicked, this, &HeaderListEditor::addFromField);
    connect(m_addField, &QLineEdit::returnPressed, this, &HeaderListEditor::addFromField);
    connect(m_removeButton, &QToolButton::clicked, this, &HeaderListEditor::removeSelected);
    connect(m_addField, &QLineEdit::textEdited, this, [this](const QString &text) {
        FieldMarker::show(m_addField, m_problem,
                          text.trimmed().isEmpty() ? QString() : m_model->problemWith(text));
        updateButtons();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HeaderListEditor::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HeaderListEditor::updateButtons);
    updateButtons();
}

void HeaderListEditor::setHeaders(const QStringList &headers)
{
    m_model->setEntries(headers);
}

QStringList HeaderListEditor::headers() const
{
    return m_model->entries();
}

void HeaderListEditor::addFromField()
{
    const QString problem = m_model->problemWith(m_addField->text());
    FieldMarker::show(m_addField, m_problem, problem);
    if (!problem.isEmpty())
        return;
    m_model->appendEntry(m_addField->text());
    m_addField->clear();
    updateButtons();
}

void HeaderListEditor::removeSelected()
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid() && !current.data(HeaderListModel::IsDefaultRole).toBool())
        m_model->removeEntry(current.row() - m_model->defaultCount());
}

void HeaderListEditor::updateButtons()
{
    m_addButton->setEnabled(!m_addField->text().trimmed().isEmpty()
                            && m_model->problemWith(m_addField->text()).isEmpty());
    const QModelIndex current = m_view->currentIndex();
    m_removeButton->setEnabled(current.isValid() && m_view->selectionModel()->isSelected(current)
                               && !current.data(HeaderListModel::IsDefaultRole).toBool());
}

} // namespace cors
