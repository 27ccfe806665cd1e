#include "testcasetablemodel.h"

#include "document/workspacedocument.h"

#include <QBrush>
#include <QColor>
#include <QGuiApplication>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace cors {

TestCaseTableModel::TestCaseTableModel(WorkspaceDocument *document, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
{
    connect(document, &WorkspaceDocument::testCasesAboutToBeReset, this, [this](int tenant) {
        if (tenant == m_tenant)
            beginResetModel();
    });
    connect(document, &WorkspaceDocument::testCasesReset, this, [this](int tenant) {
        if (tenant != m_tenant)
            return;
        m_results.clear();
        endResetModel();
    });
    document->followTenantIndex(this, &m_tenant, [this] { setTenant(-1); });
    connect(document, &WorkspaceDocument::tenantsAboutToBeReset, this, [this] { beginResetModel(); });
    connect(document, &WorkspaceDocument::tenantsReset, this, [this] {
        if (m_tenant >= m_document->tenantCount())
            m_tenant = -1;
        m_results.clear();
        endResetModel();
    });
}

void TestCaseTableModel::setTenant(int tenant)
{
    beginResetModel();
    m_tenant = tenant;
    m_results.clear();
    endResetModel();
}

void TestCaseTableModel::setResults(const QList<std::optional<Result>> &results)
{
    m_results = results;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

std::optional<bool> TestCaseTableModel::passed(int row) const
{
    if (row >= m_results.size() || !m_results[row])
        return std::nullopt;
    const TestCase &testCase = m_document->testCases(m_tenant).at(row);
    const Result &result = *m_results[row];
    bool ok = true;
    if (testCase.chromium)
        ok = ok && verdictName(*testCase.chromium) == result.chromium;
    if (testCase.firefox)
        ok = ok && verdictName(*testCase.firefox) == result.firefox;
    return ok;
}

int TestCaseTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || m_tenant < 0 ? 0 : int(m_document->testCases(m_tenant).size());
}

int TestCaseTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TestCaseTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const TestCase &testCase = m_document->testCases(m_tenant).at(index.row());
    const std::optional<Result> result =
        index.row() < m_results.size() ? m_results[index.row()] : std::nullopt;
    const auto expectation = [](const std::optional<TestCase::Verdict> &verdict, const QString &actual) {
        const QString expected = verdict ? verdictName(*verdict) : u"—"_s;
        return actual.isEmpty() ? expected : u"%1 (got %2)"_s.arg(expected, actual);
    };
    if (role == PassedRole)
        return passed(index.row()) ? QVariant(*passed(index.row())) : QVariant();
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn:
            return testCase.name;
        case FetchesColumn:
            return int(testCase.fetches.size());
        case ChromiumColumn:
            return expectation(testCase.chromium, result ? result->chromium : QString());
        case FirefoxColumn:
            return expectation(testCase.firefox, result ? result->firefox : QString());
        case ResultColumn: {
            const auto ok = passed(index.row());
            return !ok ? u"not run"_s : (*ok ? u"PASS"_s : u"FAIL"_s);
        }
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == ResultColumn) {
        const auto ok = passed(index.row());
        if (!ok)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        // Green and red that read on light and dark palettes alike.
        return QBrush(*ok ? QColor(0x2e, 0x9d, 0x4f) : QColor(0xd9, 0x3a, 0x3a));
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == NameColumn)
            return testCase.description.isEmpty() ? QVariant() : QVariant(testCase.description);
        if (result && index.column() == ChromiumColumn && !result->chromiumMessage.isEmpty())
            return result->chromiumMessage;
        if (result && index.column() == FirefoxColumn && !result->firefoxMessage.isEmpty())
            return result->firefoxMessage;
    }
    return {};
}

QVariant TestCaseTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return u"Test case"_s;
    case FetchesColumn:
        return u"Fetches"_s;
    case ChromiumColumn:
        return u"Chromium expected"_s;
    case FirefoxColumn:
        return u"Firefox expected"_s;
    case ResultColumn:
        return u"Result"_s;
    default:
        return {};
    }
}

} // namespace cors
