#pragma once

#include "import/harreport.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace cors {

// File > Open HAR…: the cross-origin requests a customer's browser made, each replayed through the
// browser model against the responses the HAR recorded (what failed, the browser's exact
// message) and checked against the tenant's current rules (would they have let it through). A
// row opens in the simulator, against the rules or against the recorded responses.
class HarDialog : public QDialog
{
    Q_OBJECT

public:
    HarDialog(HarReport report, const QString &fileName, QWidget *parent = nullptr);
    const HarReport &report() const { return m_report; }
    QTableWidget *table() const { return m_table; }
    int selectedRow() const;
    QPushButton *recordedButton() const { return m_recordedButton; }
    QPushButton *rulesButton() const { return m_rulesButton; }

Q_SIGNALS:
    // Into the simulator: the fetch, and (for the recorded variant) the responses as text.
    void openAgainstRules(const FetchSpec &spec, const QString &browser);
    void openAgainstRecorded(const FetchSpec &spec, const QString &browser, const QString &preflight,
                             const QString &actual);

private:
    void showDetails();

    HarReport m_report;
    QTableWidget *m_table;
    QPlainTextEdit *m_details;
    QLabel *m_summary;
    QPushButton *m_rulesButton;
    QPushButton *m_recordedButton;
};

} // namespace cors
