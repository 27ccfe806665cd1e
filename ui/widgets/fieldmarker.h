#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace cors {

// How a form marks a field whose input is refused: a red frame on the field and the reason in a
// label right under it (never a dialog), cleared as soon as the input is valid again.
class FieldMarker
{
public:
    static QLabel *createLabel(QWidget *parent);
    // Marks `field` and shows `message` in `label`; an empty message clears both.
    static void show(QWidget *field, QLabel *label, const QString &message);
    static bool isMarked(const QWidget *field);
};

} // namespace cors
