#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QToolButton;

namespace cors {

class HeaderListModel;

// An editable list of header names with the defaults shown greyed above the user's own names.
// Names are checked as they are typed; a bad one is marked at the field with the reason and
// never leaves this widget.
class HeaderListEditor : public QWidget
{
    Q_OBJECT

public:
    HeaderListEditor(const QStringList &defaults, const QString &defaultsNote, const QString &placeholder,
                     QWidget *parent = nullptr);

    void setHeaders(const QStringList &headers);
    QStringList headers() const;
    QLineEdit *addField() const { return m_addField; }
    QListView *view() const { return m_view; }

Q_SIGNALS:
    void headersEdited(const QStringList &headers);

private:
    void addFromField();
    void removeSelected();
    void updateButtons();

    HeaderListModel *m_model;
    QListView *m_view;
    QLineEdit *m_addField;
    QToolButton *m_addButton;
    QToolButton *m_removeButton;
    QLabel *m_problem;
};

} // namespace cors
