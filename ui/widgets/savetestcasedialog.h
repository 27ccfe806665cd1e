#pragma once

#include "browser/fetchspec.h"
#include "storage/testcase.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace cors {

// Names a simulator request as a test case and says what each browser should do with it —
// prefilled with what the rules make them do now (for a fix, change the expectation to what the
// customer needs and keep the test failing until the rules deliver it).
class SaveTestCaseDialog : public QDialog
{
    Q_OBJECT

public:
    SaveTestCaseDialog(const FetchSpec &spec, const QString &suggestedName, const QString &chromiumNow,
                       const QString &firefoxNow, const QStringList &takenNames, QWidget *parent = nullptr);
    TestCase testCase() const;

private:
    void validate();

    FetchSpec m_spec;
    QStringList m_takenNames;
    QLineEdit *m_name;
    QLineEdit *m_description;
    QComboBox *m_chromium;
    QComboBox *m_firefox;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace cors
