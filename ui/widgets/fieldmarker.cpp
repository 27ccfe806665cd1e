#include "fieldmarker.h"

#include <QLabel>
#include <QStyle>
#include <QVariant>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace cors {

namespace {
constexpr char kInvalidProperty[] = "corsInvalid";
}

QLabel *FieldMarker::createLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setObjectName(u"fieldProblem"_s);
    // A red that reads on light and dark palettes alike.
    label->setStyleSheet(u"QLabel#fieldProblem { color: #d93a3a; }"_s);
    label->hide();
    return label;
}

void FieldMarker::show(QWidget *field, QLabel *label, const QString &message)
{
    const bool invalid = !message.isEmpty();
    if (field->property(kInvalidProperty).toBool() != invalid) {
        field->setProperty(kInvalidProperty, invalid);
        field->setStyleSheet(invalid ? u"border: 1px solid #d93a3a; border-radius: 2px;"_s : QString());
    }
    field->setToolTip(message);
    label->setText(message);
    label->setVisible(invalid);
}

bool FieldMarker::isMarked(const QWidget *field)
{
    return field->property(kInvalidProperty).toBool();
}

} // namespace cors
