#include "savetestcasedialog.h"

#include "browser/fetchspecjson.h"
#include "fieldmarker.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cors {

namespace {
QComboBox *verdictBox(const QString &current, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->addItem(SaveTestCaseDialog::tr("allowed"), u"allowed"_s);
    box->addItem(SaveTestCaseDialog::tr("blocked"), u"blocked"_s);
    box->addItem(SaveTestCaseDialog::tr("opaque"), u"opaque"_s);
    box->addItem(SaveTestCaseDialog::tr("no expectation"), QString());
    box->setCurrentIndex(std::max(0, box->findData(current)));
    return box;
}
} // namespace

SaveTestCaseDialog::SaveTestCaseDialog(const FetchSpec &spec, const QString &suggestedName,
                                       const QString &chromiumNow, const QString &firefoxNow,
                                       const QStringList &takenNames, QWidget *parent)
    : QDialog(parent)
    , m_spec(spec)
    , m_takenNames(takenNames)
{
    setWindowTitle(tr("Save as Test Case"));
    m_name = new QLineEdit(suggestedName, this);
    m_description = new QLineEdit(this);
    m_description->setPlaceholderText(tr("Optional: the ticket, the customer, what it proves"));
    m_chromium = verdictBox(chromiumNow, this);
    m_firefox = verdictBox(firefoxNow, this);
    m_problem = FieldMarker::createLabel(this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_problem);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("Chromium should:"), m_chromium);
    form->addRow(tr("Firefox should:"), m_firefox);
    auto *note = new QLabel(tr("Prefilled with what the current rules make each browser do."), this);
    note->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &SaveTestCaseDialog::validate);
    connect(m_chromium, &QComboBox::currentIndexChanged, this, &SaveTestCaseDialog::validate);
    connect(m_firefox, &QComboBox::currentIndexChanged, this, &SaveTestCaseDialog::validate);
    validate();
}

void SaveTestCaseDialog::validate()
{
    const QString name = m_name->text().trimmed();
    QString problem;
    if (name.isEmpty())
        problem = tr("The test case needs a name.");
    else if (m_takenNames.contains(name))
        problem = tr("This tenant already has a test case called \"%1\".").arg(name);
    else if (m_chromium->currentData().toString().isEmpty() && m_firefox->currentData().toString().isEmpty())
        problem = tr("Expect a verdict from at least one browser.");
    FieldMarker::show(m_name, m_problem, problem);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(problem.isEmpty());
}

TestCase SaveTestCaseDialog::testCase() const
{
    TestCase testCase;
    testCase.name = m_name->text().trimmed();
    testCase.description = m_description->text().trimmed();
    testCase.fetches = QJsonArray { FetchSpecJson::toJson(m_spec) };
    testCase.chromium = verdictFromName(m_chromium->currentData().toString());
    testCase.firefox = verdictFromName(m_firefox->currentData().toString());
    return testCase;
}

} // namespace cors
