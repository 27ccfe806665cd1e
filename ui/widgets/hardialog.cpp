#include "hardialog.h"

#include "browser/browserprofile.h"
#include "model/httpmessagetext.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

QString findingText(HarRequestResult::Finding finding)
{
    switch (finding) {
    case HarRequestResult::Finding::Works:
        return HarDialog::tr("works");
    case HarRequestResult::Finding::Fixed:
        return HarDialog::tr("fixed by the rules");
    case HarRequestResult::Finding::StillBlocked:
        return HarDialog::tr("still blocked");
    case HarRequestResult::Finding::WouldBreak:
        return HarDialog::tr("the rules would break it");
    case HarRequestResult::Finding::PredictedAllowed:
        return HarDialog::tr("allowed by the rules (not recorded)");
    case HarRequestResult::Finding::PredictedBlocked:
        return HarDialog::tr("blocked by the rules (not recorded)");
    case HarRequestResult::Finding::NotChecked:
        return HarDialog::tr("not checked");
    }
    return {};
}

QString findingIcon(HarRequestResult::Finding finding)
{
    switch (finding) {
    case HarRequestResult::Finding::Works:
    case HarRequestResult::Finding::Fixed:
    case HarRequestResult::Finding::PredictedAllowed:
        return u":/cors/icons/actions/pass.svg"_s;
    case HarRequestResult::Finding::StillBlocked:
    case HarRequestResult::Finding::WouldBreak:
    case HarRequestResult::Finding::PredictedBlocked:
        return u":/cors/icons/actions/fail.svg"_s;
    case HarRequestResult::Finding::NotChecked:
        return u":/cors/icons/actions/info.svg"_s;
    }
    return {};
}

// The recorded answers of the last hop, as the simulator's paste fields take them.
std::pair<QString, QString> recordedResponses(const HarRequestResult &row)
{
    QString preflight;
    QString actual;
    for (const FetchHop &hop : row.replay.hops) {
        if (hop.preflight && hop.preflight->response)
            preflight = HttpMessageText::formatResponse(*hop.preflight->response);
        if (hop.actual && hop.actual->response)
            actual = HttpMessageText::formatResponse(*hop.actual->response);
    }
    return { preflight, actual };
}

} // namespace

HarDialog::HarDialog(HarReport report, const QString &fileName, QWidget *parent)
    : QDialog(parent)
    , m_report(std::move(report))
{
    setWindowTitle(tr("HAR — %1").arg(QFileInfo(fileName).fileName()));
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    QString summary = tr("%n cross-origin request(s) of %1 entries, replayed as %2 (%3).", nullptr,
                         int(m_report.requests.size()))
                          .arg(m_report.entryCount)
                          .arg(m_report.browser.browser == Browser::Firefox ? u"Firefox"_s : u"Chromium"_s,
                               m_report.browserEvidence);
    if (!m_report.tenant.isEmpty())
        summary += u' ' + tr("Checked against the current rules of tenant \"%1\".").arg(m_report.tenant);
    m_summary->setText(summary);

    m_table = new QTableWidget(int(m_report.requests.size()), 5, this);
    m_table->setHorizontalHeaderLabels(
        { tr("Method"), tr("URL"), tr("Page origin"), tr("Recorded"), tr("Under the current rules") });
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    for (int i = 0; i < m_report.requests.size(); ++i) {
        const HarRequestResult &row = m_report.requests[i];
        m_table->setItem(i, 0, new QTableWidgetItem(QString::fromLatin1(row.method())));
        m_table->setItem(i, 1, new QTableWidgetItem(row.url().toString()));
        m_table->setItem(i, 2, new QTableWidgetItem(row.pageOrigin().serialize()));
        auto *recorded = new QTableWidgetItem(HarRequestResult::replayName(row.replayVerdict()));
        recorded->setIcon(QIcon(row.replayVerdict() == HarRequestResult::Replay::Blocked
                                    ? u":/cors/icons/actions/fail.svg"_s
                                    : row.replayVerdict() == HarRequestResult::Replay::Allowed
                                    ? u":/cors/icons/actions/pass.svg"_s
                                    : u":/cors/icons/actions/info.svg"_s));
        m_table->setItem(i, 3, recorded);
        auto *finding = new QTableWidgetItem(QIcon(findingIcon(row.finding())), findingText(row.finding()));
        finding->setToolTip(row.summary());
        m_table->setItem(i, 4, finding);
    }
    m_table->resizeColumnToContents(0);
    m_table->resizeColumnToContents(3);
    m_table->resizeColumnToContents(4);

    m_details = new QPlainTextEdit(this);
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_rulesButton =
        buttons->addButton(tr("Open in Simulator (current &rules)"), QDialogButtonBox::ActionRole);
    m_recordedButton =
        buttons->addButton(tr("Open in Simulator (&recorded responses)"), QDialogButtonBox::ActionRole);
    m_rulesButton->setIcon(QIcon(u":/cors/icons/actions/browser.svg"_s));
    m_recordedButton->setIcon(QIcon(u":/cors/icons/actions/browser.svg"_s));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    resize(1000, 620);

    const QString browser = m_report.browser.browser == Browser::Firefox ? u"firefox"_s : u"chromium"_s;
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_table, &QTableWidget::currentCellChanged, this, &HarDialog::showDetails);
    connect(m_rulesButton, &QPushButton::clicked, this, [this, browser] {
        if (const int row = selectedRow(); row >= 0)
            Q_EMIT openAgainstRules(m_report.requests[row].fetch.spec, browser);
    });
    connect(m_recordedButton, &QPushButton::clicked, this, [this, browser] {
        if (const int row = selectedRow(); row >= 0) {
            const auto [preflight, actual] = recordedResponses(m_report.requests[row]);
            Q_EMIT openAgainstRecorded(m_report.requests[row].fetch.spec, browser, preflight, actual);
        }
    });
    connect(m_table, &QTableWidget::cellDoubleClicked, m_recordedButton, &QPushButton::click);
    if (!m_report.requests.isEmpty())
        m_table->setCurrentCell(0, 0);
    showDetails();
}

int HarDialog::selectedRow() const
{
    return m_table->currentRow();
}

void HarDialog::showDetails()
{
    const int row = selectedRow();
    m_rulesButton->setEnabled(row >= 0);
    m_recordedButton->setEnabled(row >= 0);
    if (row < 0) {
        const QStringList lines = m_report.notes;
        m_details->setPlainText(lines.isEmpty() ? tr("No cross-origin requests in this HAR.")
                                                : lines.join(u'\n'));
        return;
    }
    const HarRequestResult &result = m_report.requests[row];
    QString text = result.summary() + u"\n\n"_s;
    if (const auto error = result.error())
        text += tr("The browser's console said:\n%1\n(%2)\n\n").arg(error->message, error->code);
    if (!result.replayComplete)
        text += tr("Missing from the HAR: %1\n\n").arg(result.missing);
    if (result.rules && result.rules->error)
        text +=
            tr("Under the current rules the browser would say:\n%1\n\n").arg(result.rules->error->message);
    for (const QString &note : result.notes)
        text += u"• "_s + note + u'\n';
    m_details->setPlainText(text.trimmed());
}

} // namespace cors
