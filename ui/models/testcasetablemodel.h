#pragma once

#include <QAbstractTableModel>
#include <QList>

#include <optional>

namespace cors {

class WorkspaceDocument;

// A tenant's saved test cases, with what each browser is expected to do and — once run — what
// it did under the tenant's current rules.
class TestCaseTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, FetchesColumn, ChromiumColumn, FirefoxColumn, ResultColumn, ColumnCount };
    enum Role { PassedRole = Qt::UserRole + 1 };

    // What one run found: the verdict each browser reached ("allowed", "blocked", "opaque").
    struct Result
    {
        QString chromium;
        QString firefox;
        QString chromiumMessage; // the console message when blocked
        QString firefoxMessage;
    };

    explicit TestCaseTableModel(WorkspaceDocument *document, QObject *parent = nullptr);
    void setTenant(int tenant);
    int tenant() const { return m_tenant; }
    // Results per row (parallel to the tenant's test cases); cleared when the cases change.
    void setResults(const QList<std::optional<Result>> &results);
    // Whether row `row` ran and met every expectation it has; nullopt when it has not run.
    std::optional<bool> passed(int row) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    WorkspaceDocument *m_document;
    int m_tenant = -1;
    QList<std::optional<Result>> m_results;
};

} // namespace cors
