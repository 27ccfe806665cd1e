#include "workspace.h"

#include "bundle/bundlereader.h"
#include "bundle/bundlewriter.h"
#include "bundlemerge.h"
#include "model/jsonobjectreader.h"
#include "sqltransaction.h"
#include "tenantvalidation.h"
#include "workspacerows.h"
#include "workspaceschema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QLockFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>

#include <atomic>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

using Code = WorkspaceError::Code;
using Entity = HistoryEntry::Entity;

// SQLite's primary result codes (sqlite3.h), as QSqlError::nativeErrorCode() reports them; an
// extended code carries its primary code in the low byte.
enum SqliteCode {
    SqliteBusy = 5,
    SqliteLocked = 6,
    SqliteReadOnly = 8,
    SqliteIoError = 10,
    SqliteCorrupt = 11,
    SqliteFull = 13,
    SqliteCantOpen = 14,
    SqliteNotADatabase = 26,
};

int sqliteCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1;
}

QString detailOf(const QSqlError &error)
{
    return error.databaseText().isEmpty() ? error.text() : error.databaseText();
}

// Why an edit or a read failed, for people: what happened and that nothing was changed.
WorkspaceError sqlError(const QSqlError &error, const QString &what)
{
    switch (sqliteCode(error)) {
    case SqliteBusy:
    case SqliteLocked:
        return { Code::Locked,
                 u"%1: the workspace is locked by another program; nothing was changed. Try again when it "
                 "has finished."_s.arg(what) };
    case SqliteReadOnly:
        return { Code::ReadOnly,
                 u"%1: the workspace cannot be written (%2); nothing was changed"_s.arg(what,
                                                                                        detailOf(error)) };
    case SqliteFull:
        return { Code::Failed, u"%1: the disk is full; nothing was changed"_s.arg(what) };
    case SqliteCorrupt:
    case SqliteNotADatabase:
        return { Code::Failed, u"%1: the workspace file is damaged (%2)"_s.arg(what, detailOf(error)) };
    case SqliteIoError:
        return { Code::Failed,
                 u"%1: the disk reported an error (%2); nothing was changed"_s.arg(what, detailOf(error)) };
    default:
        return { Code::Failed, u"%1: %2"_s.arg(what, detailOf(error)) };
    }
}

// QtSql binds a null QString as SQL NULL; the text columns hold '' for "no text".
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(u""_s) : QVariant(value);
}

// Whether the file may be written: by the operating system's rules, and — also for root, whom
// the operating system lets write anything — by its permission bits, with which its owner may
// have made it read-only on purpose.
bool isWritableFile(const QFileInfo &info)
{
    const QFile::Permissions writeBits = QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther;
    return info.isWritable() && (info.permissions() & writeBits);
}

QString displayName(const QString &fileName)
{
    return u'"' + QDir::toNativeSeparators(fileName) + u'"';
}

QJsonObject positionJson(int position)
{
    return { { u"position"_s, position } };
}

// Whether `index` names an item of a list of `count` (or, for an insertion, the end of it).
bool inRange(int index, qsizetype count, bool insertion)
{
    return index >= 0 && (insertion ? index <= count : index < count);
}

const QString kTenantColumns =
    u"id, name, description, production, api_type, profile, backend_merge, auth_type, "
    "auth_user, auth_password, auth_header, auth_value"_s;
const QString kRuleColumns =
    u"domain, protocols, ports, methods, allow_headers, expose_headers, allow_credentials, "
    "cache_preflight, max_age, enabled, note"_s;
const QString kApplicationColumns = u"name, origins, rule"_s;
const QString kTestCaseColumns = u"name, description, fetches, expected"_s;

QString placeholders(int count)
{
    QStringList marks;
    for (int i = 0; i < count; ++i)
        marks.append(u"?"_s);
    return marks.join(u", ");
}

} // namespace

// ---------------------------------------------------------------------------------------------
// The connection: one named QtSql connection per Workspace, its prepared statements and the
// edit lock.

class WorkspaceConnection
{
public:
    QString name;
    QSqlDatabase database;
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> statements;
    std::unique_ptr<QLockFile> lock;
    QSqlError lastError;

    ~WorkspaceConnection()
    {
        // Queries first, then the last QSqlDatabase handle, then the connection itself — QtSql
        // warns (and keeps the connection) when anything still uses it.
        statements.clear();
        if (database.isOpen())
            database.close();
        database = QSqlDatabase();
        if (!name.isEmpty())
            QSqlDatabase::removeDatabase(name);
        lock.reset();
    }

    // Runs one statement with bound values, preparing it once per connection. Values are only
    // ever bound, never spliced into the SQL text. Returns nullptr (and sets lastError) on
    // failure; a SELECT's caller reads its rows and then calls finish().
    QSqlQuery *run(const QString &sql, const QVariantList &values = {})
    {
        auto it = statements.find(sql);
        if (it == statements.end()) {
            auto query = std::make_unique<QSqlQuery>(database);
            query->setForwardOnly(true);
            if (!query->prepare(sql)) {
                lastError = query->lastError();
                return nullptr;
            }
            it = statements.emplace(sql, std::move(query)).first;
        }
        QSqlQuery *query = it->second.get();
        for (qsizetype i = 0; i < values.size(); ++i)
            query->bindValue(int(i), values[i]);
        if (!query->exec()) {
            lastError = query->lastError();
            query->finish();
            return nullptr;
        }
        return query;
    }

    // The first column of the first row, or an invalid QVariant when there is no row (which
    // is not a failure: `failed` tells those apart).
    QVariant scalar(const QString &sql, const QVariantList &values, bool *failed)
    {
        QSqlQuery *query = run(sql, values);
        *failed = !query;
        if (!query)
            return {};
        const QVariant value = query->next() ? query->value(0) : QVariant();
        query->finish();
        return value;
    }

    bool execute(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery *query = run(sql, values);
        if (query)
            query->finish();
        return query != nullptr;
    }

    WorkspaceError failure(const QString &what) const { return sqlError(lastError, what); }
};

// One edit's history: its summary and the changes it made, written with it in its transaction.
namespace {

// One value of the history, as the JSON text it is stored as ("" for none). Rules and tenants
// are written straight to text (WorkspaceRows): an import adds a tenant of 10,000 rules to the
// history, and building it as a QJsonObject first would cost more than storing the rules.
class HistoryValue
{
public:
    HistoryValue() = default;
    HistoryValue(const QJsonValue &value)
        : m_text(value.isNull() || value.isUndefined() ? QString() : WorkspaceRows::encodeJson(value))
    { }
    HistoryValue(const QJsonObject &object)
        : HistoryValue(QJsonValue(object))
    { }
    HistoryValue(const QJsonArray &array)
        : HistoryValue(QJsonValue(array))
    { }
    static HistoryValue fromText(QString text)
    {
        HistoryValue value;
        value.m_text = std::move(text);
        return value;
    }
    // SQL NULL for no value.
    QVariant column() const { return m_text.isEmpty() ? QVariant() : QVariant(m_text); }

private:
    QString m_text;
};

struct EditRecord
{
    struct Change
    {
        Entity entity = Entity::Tenant;
        qint64 tenantId = 0;
        QString tenant;
        QString item;
        int position = -1;
        HistoryValue oldValue;
        HistoryValue newValue;
    };

    QString summary;
    QList<Change> changes;

    void add(Entity entity, qint64 tenantId, const QString &tenant, const QString &item, int position,
             const HistoryValue &oldValue, const HistoryValue &newValue)
    {
        changes.append({ entity, tenantId, tenant, item, position, oldValue, newValue });
    }
};

struct ListTable
{
    QString table;
    Entity entity;
    QString noun;
    QString plural;

    QString sql(QString text) const { return text.replace(u"$table"_s, table); }
};

// What differs between rules, applications and test cases: their columns and how a value is
// written, read, checked, named in messages and the history.
template<typename Item> struct ItemTraits;

template<> struct ItemTraits<Rule>
{
    static QString columns() { return kRuleColumns; }
    static int columnCount() { return 11; }
    static QVariantList values(const Rule &rule)
    {
        return { text(rule.domain),
                 WorkspaceRows::encodeProtocols(rule.protocols),
                 WorkspaceRows::encodePorts(rule.ports),
                 WorkspaceRows::encodeList(rule.methods),
                 WorkspaceRows::encodeList(rule.allowHeaders),
                 WorkspaceRows::encodeList(rule.exposeHeaders),
                 rule.allowCredentials,
                 rule.cachePreflight,
                 rule.maxAge,
                 rule.enabled,
                 text(rule.note) };
    }
    static std::optional<Rule> read(const QSqlQuery &query, int first)
    {
        Rule rule;
        rule.domain = query.value(first).toString();
        const auto protocols = WorkspaceRows::decodeProtocols(query.value(first + 1).toString());
        const auto ports = WorkspaceRows::decodePorts(query.value(first + 2).toString());
        auto methods = WorkspaceRows::decodeList(query.value(first + 3).toString());
        auto allowHeaders = WorkspaceRows::decodeList(query.value(first + 4).toString());
        auto exposeHeaders = WorkspaceRows::decodeList(query.value(first + 5).toString());
        if (!protocols || !ports || !methods || !allowHeaders || !exposeHeaders)
            return std::nullopt;
        rule.protocols = *protocols;
        rule.ports = *ports;
        rule.methods = std::move(*methods);
        rule.allowHeaders = std::move(*allowHeaders);
        rule.exposeHeaders = std::move(*exposeHeaders);
        rule.allowCredentials = query.value(first + 6).toBool();
        rule.cachePreflight = query.value(first + 7).toBool();
        rule.maxAge = query.value(first + 8).toInt();
        rule.enabled = query.value(first + 9).toBool();
        rule.note = query.value(first + 10).toString();
        return rule;
    }
    static HistoryValue json(const Rule &rule)
    {
        return HistoryValue::fromText(WorkspaceRows::ruleJson(rule));
    }
    static QString key(const Rule &rule) { return rule.domain; }
    static JsonProblems check(const Rule &rule) { return TenantValidation::checkRule(rule); }
};

template<> struct ItemTraits<Application>
{
    static QString columns() { return kApplicationColumns; }
    static int columnCount() { return 3; }
    static QVariantList values(const Application &application)
    {
        return { text(application.name), WorkspaceRows::encodeList(application.origins),
                 text(application.rule) };
    }
    static std::optional<Application> read(const QSqlQuery &query, int first)
    {
        auto origins = WorkspaceRows::decodeList(query.value(first + 1).toString());
        if (!origins)
            return std::nullopt;
        return Application { query.value(first).toString(), std::move(*origins),
                             query.value(first + 2).toString() };
    }
    static HistoryValue json(const Application &application) { return BundleWriter::toJson(application); }
    static QString key(const Application &application) { return application.name; }
    static JsonProblems check(const Application &application)
    {
        return TenantValidation::checkApplication(application);
    }
};

template<> struct ItemTraits<TestCase>
{
    static QString columns() { return kTestCaseColumns; }
    static int columnCount() { return 4; }
    static QVariantList values(const TestCase &testCase)
    {
        return { text(testCase.name), text(testCase.description), WorkspaceRows::encodeJson(testCase.fetches),
                 WorkspaceRows::encodeJson(TestCase::expectedToJson(testCase)) };
    }
    static std::optional<TestCase> read(const QSqlQuery &query, int first)
    {
        TestCase testCase;
        testCase.name = query.value(first).toString();
        testCase.description = query.value(first + 1).toString();
        const QJsonValue fetches = WorkspaceRows::decodeJson(query.value(first + 2).toString());
        const QJsonValue expected = WorkspaceRows::decodeJson(query.value(first + 3).toString());
        if (!fetches.isArray() || !expected.isObject())
            return std::nullopt;
        testCase.fetches = fetches.toArray();
        const QJsonObject verdicts = expected.toObject();
        if (verdicts.contains(u"chromium"))
            testCase.chromium = verdictFromName(verdicts.value(u"chromium").toString());
        if (verdicts.contains(u"firefox"))
            testCase.firefox = verdictFromName(verdicts.value(u"firefox").toString());
        return testCase;
    }
    static HistoryValue json(const TestCase &testCase) { return testCase.toJson(); }
    static QString key(const TestCase &testCase) { return testCase.name; }
    static JsonProblems check(const TestCase &testCase) { return TenantValidation::checkTestCase(testCase); }
};

const ListTable *tableOf(Entity entity);

} // namespace

// ---------------------------------------------------------------------------------------------
// The SQL of a workspace. Private to this file: every function runs inside a transaction that
// its caller holds.

namespace {

class Store
{
public:
    explicit Store(WorkspaceConnection &connection)
        : c(connection)
    { }

    WorkspaceConnection &c;

    std::optional<qint64> tenantId(const QString &name, bool *failed)
    {
        const QVariant id = c.scalar(u"SELECT id FROM tenants WHERE name = ?"_s, { name }, failed);
        if (*failed || !id.isValid())
            return std::nullopt;
        return id.toLongLong();
    }

    std::optional<qint64> count(const QString &sql, const QVariantList &values)
    {
        bool failed = false;
        const QVariant value = c.scalar(sql, values, &failed);
        if (failed)
            return std::nullopt;
        return value.toLongLong();
    }

    std::optional<qint64> tenantCount() { return count(u"SELECT count(*) FROM tenants"_s, {}); }

    std::optional<qint64> itemCount(const ListTable &table, qint64 tenantId)
    {
        return count(table.sql(u"SELECT count(*) FROM $table WHERE tenant_id = ?"_s), { tenantId });
    }

    // Adds `delta` to the positions first..last (inclusive). UNIQUE(position) is checked row by
    // row during an UPDATE, so the rows go through negative positions, where nothing else is.
    bool shiftItems(const ListTable &table, qint64 tenantId, int first, int last, int delta)
    {
        if (first > last)
            return true;
        return c.execute(table.sql(u"UPDATE $table SET position = -(position + ?) - 1 "
                                   "WHERE tenant_id = ? AND position BETWEEN ? AND ?"_s),
                         { delta, tenantId, first, last })
            && c.execute(
                table.sql(
                    u"UPDATE $table SET position = -position - 1 WHERE tenant_id = ? AND position < 0"_s),
                { tenantId });
    }

    bool moveItem(const ListTable &table, qint64 tenantId, int from, int to)
    {
        // The moved item waits at -(to) - 1; the others shift by one towards `from`; then every
        // negative position becomes its final one.
        return c.execute(
                   table.sql(u"UPDATE $table SET position = -? - 1 WHERE tenant_id = ? AND position = ?"_s),
                   { to, tenantId, from })
            && c.execute(table.sql(u"UPDATE $table SET position = -(position + ?) - 1 "
                                   "WHERE tenant_id = ? AND position BETWEEN ? AND ?"_s),
                         { from < to ? -1 : 1, tenantId, std::min(from, to) + (from < to ? 1 : 0),
                           std::max(from, to) - (from < to ? 0 : 1) })
            && c.execute(
                table.sql(
                    u"UPDATE $table SET position = -position - 1 WHERE tenant_id = ? AND position < 0"_s),
                { tenantId });
    }

    bool shiftTenants(int first, int last, int delta)
    {
        if (first > last)
            return true;
        return c.execute(
                   u"UPDATE tenants SET position = -(position + ?) - 1 WHERE position BETWEEN ? AND ?"_s,
                   { delta, first, last })
            && c.execute(u"UPDATE tenants SET position = -position - 1 WHERE position < 0"_s);
    }

    bool moveTenant(qint64 id, int from, int to)
    {
        return c.execute(u"UPDATE tenants SET position = -? - 1 WHERE id = ?"_s, { to, id })
            && c.execute(
                u"UPDATE tenants SET position = -(position + ?) - 1 WHERE position BETWEEN ? AND ?"_s,
                { from < to ? -1 : 1, std::min(from, to) + (from < to ? 1 : 0),
                  std::max(from, to) - (from < to ? 0 : 1) })
            && c.execute(u"UPDATE tenants SET position = -position - 1 WHERE position < 0"_s);
    }

    template<typename Item>
    bool insertItem(const ListTable &table, qint64 tenantId, int position, const Item &item)
    {
        QVariantList values { tenantId, position };
        values.append(ItemTraits<Item>::values(item));
        return c.execute(
            table.sql(u"INSERT INTO $table (tenant_id, position, %1) VALUES (%2)"_s)
                .arg(ItemTraits<Item>::columns(), placeholders(ItemTraits<Item>::columnCount() + 2)),
            values);
    }

    template<typename Item>
    bool updateItem(const ListTable &table, qint64 tenantId, int position, const Item &item)
    {
        QStringList assignments;
        for (const QString &column : ItemTraits<Item>::columns().split(u", "_s))
            assignments.append(column + u" = ?");
        QVariantList values = ItemTraits<Item>::values(item);
        values.append({ tenantId, position });
        return c.execute(table.sql(u"UPDATE $table SET %1 WHERE tenant_id = ? AND position = ?"_s)
                             .arg(assignments.join(u", ")),
                         values);
    }

    // The item at `position`; nullopt with *failed false when there is none.
    template<typename Item>
    std::optional<Item> item(const ListTable &table, qint64 tenantId, int position, bool *failed)
    {
        QSqlQuery *query = c.run(table.sql(u"SELECT %1 FROM $table WHERE tenant_id = ? AND position = ?"_s)
                                     .arg(ItemTraits<Item>::columns()),
                                 { tenantId, position });
        *failed = !query;
        if (!query)
            return std::nullopt;
        std::optional<Item> result;
        if (query->next()) {
            result = ItemTraits<Item>::read(*query, 0);
            if (!result) {
                *failed = true;
                c.lastError = QSqlError(QString(), u"%1 %2 is damaged"_s.arg(table.noun).arg(position + 1),
                                        QSqlError::UnknownError, QString::number(SqliteCorrupt));
            }
        }
        query->finish();
        return result;
    }

    template<typename Item> std::optional<QList<Item>> items(const ListTable &table, qint64 tenantId)
    {
        QSqlQuery *query = c.run(table.sql(u"SELECT %1 FROM $table WHERE tenant_id = ? ORDER BY position"_s)
                                     .arg(ItemTraits<Item>::columns()),
                                 { tenantId });
        if (!query)
            return std::nullopt;
        QList<Item> list;
        while (query->next()) {
            auto item = ItemTraits<Item>::read(*query, 0);
            if (!item) {
                query->finish();
                c.lastError = QSqlError(QString(), u"%1 %2 is damaged"_s.arg(table.noun).arg(list.size() + 1),
                                        QSqlError::UnknownError, QString::number(SqliteCorrupt));
                return std::nullopt;
            }
            list.append(std::move(*item));
        }
        query->finish();
        return list;
    }

    static std::optional<Tenant> readTenant(const QSqlQuery &query)
    {
        Tenant tenant;
        tenant.name = query.value(1).toString();
        tenant.description = query.value(2).toString();
        tenant.production = query.value(3).toBool();
        const auto apiType = apiTypeFromName(query.value(4).toString());
        const auto profile = profileFromName(query.value(5).toString());
        const auto backendMerge = backendMergeFromName(query.value(6).toString());
        const auto authType = Authentication::typeFromName(query.value(7).toString());
        if (!apiType || !profile || !backendMerge || !authType)
            return std::nullopt;
        tenant.apiType = *apiType;
        tenant.profile = *profile;
        tenant.backendMerge = *backendMerge;
        tenant.authentication = { *authType, query.value(8).toString(), query.value(9).toString(),
                                  query.value(10).toString(), query.value(11).toString() };
        return tenant;
    }

    static QVariantList settingsValues(const TenantSettings &settings)
    {
        return { text(settings.description),
                 settings.production,
                 apiTypeName(settings.apiType),
                 profileName(settings.profile),
                 backendMergeName(settings.backendMerge),
                 Authentication::typeName(settings.authentication.type),
                 text(settings.authentication.user),
                 text(settings.authentication.password),
                 text(settings.authentication.header),
                 text(settings.authentication.value) };
    }

    bool damaged(const QString &what)
    {
        c.lastError = QSqlError(QString(), u"%1 is damaged"_s.arg(what), QSqlError::UnknownError,
                                QString::number(SqliteCorrupt));
        return false;
    }

    // Every tenant (or the one with `onlyId`) with its rules and applications, in order.
    // Three ordered scans, each walking its (tenant_id, position) index once.
    std::optional<QList<std::pair<qint64, Tenant>>> tenants(std::optional<qint64> onlyId = std::nullopt)
    {
        const QString where = onlyId ? u" WHERE id = ?"_s : QString();
        const QString itemWhere = onlyId ? u" WHERE tenant_id = ?"_s : QString();
        const QVariantList values = onlyId ? QVariantList { *onlyId } : QVariantList {};

        QList<std::pair<qint64, Tenant>> list;
        QHash<qint64, qsizetype> indexOf;
        QSqlQuery *query =
            c.run(u"SELECT %1 FROM tenants%2 ORDER BY position"_s.arg(kTenantColumns, where), values);
        if (!query)
            return std::nullopt;
        while (query->next()) {
            auto tenant = readTenant(*query);
            if (!tenant) {
                query->finish();
                damaged(u"tenant %1"_s.arg(list.size() + 1));
                return std::nullopt;
            }
            const qint64 id = query->value(0).toLongLong();
            indexOf.insert(id, list.size());
            list.append({ id, std::move(*tenant) });
        }
        query->finish();

        query = c.run(
            u"SELECT tenant_id, %1 FROM rules%2 ORDER BY tenant_id, position"_s.arg(kRuleColumns, itemWhere),
            values);
        if (!query)
            return std::nullopt;
        while (query->next()) {
            const qint64 tenantId = query->value(0).toLongLong();
            auto rule = ItemTraits<Rule>::read(*query, 1);
            if (!rule || !indexOf.contains(tenantId)) {
                query->finish();
                damaged(u"a rule"_s);
                return std::nullopt;
            }
            list[indexOf.value(tenantId)].second.rules.append(std::move(*rule));
        }
        query->finish();

        query = c.run(u"SELECT tenant_id, %1 FROM applications%2 ORDER BY tenant_id, position"_s.arg(
                          kApplicationColumns, itemWhere),
                      values);
        if (!query)
            return std::nullopt;
        while (query->next()) {
            const qint64 tenantId = query->value(0).toLongLong();
            auto application = ItemTraits<Application>::read(*query, 1);
            if (!application || !indexOf.contains(tenantId)) {
                query->finish();
                damaged(u"an application"_s);
                return std::nullopt;
            }
            list[indexOf.value(tenantId)].second.applications.append(std::move(*application));
        }
        query->finish();
        return list;
    }

    std::optional<Tenant> tenant(qint64 id)
    {
        auto list = tenants(id);
        if (!list)
            return std::nullopt;
        if (list->isEmpty()) {
            damaged(u"the tenant"_s);
            return std::nullopt;
        }
        return std::move(list->first().second);
    }

    // Inserts a whole tenant at `position` (positions from there on must be free).
    std::optional<qint64> insertTenant(const Tenant &tenant, int position, const QList<TestCase> &testCases)
    {
        QVariantList values { position, text(tenant.name) };
        values.append(settingsValues(TenantSettings::of(tenant)));
        if (!c.execute(u"INSERT INTO tenants (position, name, description, production, api_type, profile, "
                       "backend_merge, auth_type, auth_user, auth_password, auth_header, auth_value) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                       values))
            return std::nullopt;
        bool failed = false;
        const qint64 id = c.scalar(u"SELECT last_insert_rowid()"_s, {}, &failed).toLongLong();
        if (failed)
            return std::nullopt;
        for (int i = 0; i < tenant.rules.size(); ++i) {
            if (!insertItem(*tableOf(Entity::Rule), id, i, tenant.rules[i]))
                return std::nullopt;
        }
        for (int i = 0; i < tenant.applications.size(); ++i) {
            if (!insertItem(*tableOf(Entity::Application), id, i, tenant.applications[i]))
                return std::nullopt;
        }
        for (int i = 0; i < testCases.size(); ++i) {
            if (!insertItem(*tableOf(Entity::TestCase), id, i, testCases[i]))
                return std::nullopt;
        }
        return id;
    }

    bool replaceItems(Entity entity, qint64 tenantId, const auto &items)
    {
        const ListTable &table = *tableOf(entity);
        if (!c.execute(table.sql(u"DELETE FROM $table WHERE tenant_id = ?"_s), { tenantId }))
            return false;
        for (int i = 0; i < items.size(); ++i) {
            if (!insertItem(table, tenantId, i, items[i]))
                return false;
        }
        return true;
    }

    bool updateSettings(qint64 id, const TenantSettings &settings)
    {
        QVariantList values = settingsValues(settings);
        values.append(id);
        return c.execute(
            u"UPDATE tenants SET description = ?, production = ?, api_type = ?, profile = ?, "
            "backend_merge = ?, auth_type = ?, auth_user = ?, auth_password = ?, auth_header = ?, "
            "auth_value = ? WHERE id = ?"_s,
            values);
    }

    // An application whose rule, after an edit, no enabled rule of its tenant has: the edit
    // would leave a tenant that neither the engine nor a bundle accepts (Tenant::validate()).
    std::optional<std::pair<QString, QString>> danglingApplication(qint64 tenantId, bool *failed)
    {
        QSqlQuery *query =
            c.run(u"SELECT a.name, a.rule FROM applications a WHERE a.tenant_id = ? AND a.rule <> '' "
                  "AND NOT EXISTS (SELECT 1 FROM rules r WHERE r.tenant_id = a.tenant_id "
                  "AND r.domain = a.rule AND r.enabled = 1) ORDER BY a.position LIMIT 1"_s,
                  { tenantId });
        *failed = !query;
        if (!query)
            return std::nullopt;
        std::optional<std::pair<QString, QString>> result;
        if (query->next())
            result = std::pair { query->value(0).toString(), query->value(1).toString() };
        query->finish();
        return result;
    }

    std::optional<EditId> writeRecord(const EditRecord &record, const QDateTime &at)
    {
        if (!c.execute(u"INSERT INTO edits (at, summary) VALUES (?, ?)"_s,
                       { at.toUTC().toString(Qt::ISODateWithMs), text(record.summary) }))
            return std::nullopt;
        bool failed = false;
        const EditId id = c.scalar(u"SELECT last_insert_rowid()"_s, {}, &failed).toLongLong();
        if (failed)
            return std::nullopt;
        for (const EditRecord::Change &change : record.changes) {
            if (!c.execute(
                    u"INSERT INTO changes (edit_id, entity, tenant_id, tenant, item, position, old_value, "
                    "new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
                    { id, HistoryEntry::entityName(change.entity),
                      change.tenantId > 0 ? QVariant(change.tenantId) : QVariant(), text(change.tenant),
                      text(change.item), change.position >= 0 ? QVariant(change.position) : QVariant(),
                      change.oldValue.column(), change.newValue.column() }))
                return std::nullopt;
        }
        return id;
    }
};

const ListTable *tableOf(Entity entity)
{
    static const ListTable rules { u"rules"_s, Entity::Rule, u"rule"_s, u"rules"_s };
    static const ListTable applications { u"applications"_s, Entity::Application, u"application"_s,
                                          u"applications"_s };
    static const ListTable testCases { u"test_cases"_s, Entity::TestCase, u"test case"_s, u"test cases"_s };
    switch (entity) {
    case Entity::Rule:
        return &rules;
    case Entity::Application:
        return &applications;
    case Entity::TestCase:
        return &testCases;
    case Entity::Tenant:
    case Entity::Settings:
        break;
    }
    return nullptr;
}

template<typename Item> Entity entityOf();
template<> Entity entityOf<Rule>()
{
    return Entity::Rule;
}
template<> Entity entityOf<Application>()
{
    return Entity::Application;
}
template<> Entity entityOf<TestCase>()
{
    return Entity::TestCase;
}

WorkspaceError noTenant(const QString &name)
{
    return { Code::NotFound, u"there is no tenant \"%1\" in the workspace"_s.arg(name) };
}

WorkspaceError invalid(const QString &what, const JsonProblems &problems)
{
    return { Code::Invalid, u"%1: %2"_s.arg(what, TenantValidation::describe(problems)) };
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Opening

Workspace::Workspace(QString fileName, bool readOnly)
    : m_connection(std::make_unique<WorkspaceConnection>())
    , m_fileName(std::move(fileName))
    , m_readOnly(readOnly)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
    , m_thread(QThread::currentThread())
{
    static std::atomic<quint64> serial { 0 };
    m_connection->name = u"cors-workspace-%1"_s.arg(++serial);
}

Workspace::~Workspace() = default;

void Workspace::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

QString Workspace::defaultFileName()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/default.corsworkspace"_s;
}

int Workspace::schemaVersion()
{
    return WorkspaceSchema::kVersion;
}

WorkspaceResult<Bundle> Workspace::demoBundle()
{
    QFile file(u":/cors/demo/demo.corsbundle.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return WorkspaceError {
            Code::Failed, u"the demo tenants are missing from this build (%1)"_s.arg(file.errorString())
        };
    JsonProblems problems;
    auto bundle = BundleReader::read(file.readAll(), &problems);
    if (!bundle)
        return invalid(u"the demo tenants of this build are invalid"_s, problems);
    return std::move(*bundle);
}

WorkspaceResult<std::unique_ptr<Workspace>> Workspace::open(const QString &fileName, OpenMode mode,
                                                            std::chrono::milliseconds busyTimeout)
{
    return openFile(fileName, mode, busyTimeout, nullptr);
}

WorkspaceResult<std::unique_ptr<Workspace>> Workspace::openDefault(std::chrono::milliseconds busyTimeout)
{
    const auto demo = demoBundle();
    if (!demo)
        return demo.error();
    return openFile(defaultFileName(), OpenMode::EditOrCreate, busyTimeout, &demo.value());
}

WorkspaceResult<std::unique_ptr<Workspace>> Workspace::openFile(const QString &fileName, OpenMode mode,
                                                                std::chrono::milliseconds busyTimeout,
                                                                const Bundle *seed)
{
    if (fileName.isEmpty())
        return WorkspaceError { Code::NotFound, u"no workspace file was named"_s };
    const QFileInfo info(fileName);
    const QString path = info.absoluteFilePath();
    const QString name = displayName(path);
    const bool editing = mode != OpenMode::ReadOnly;
    const QString untouched = u"; it was left untouched"_s;

    // 1. The file system: what is there, and whether it may be written. These checks come
    // first because they need no SQLite connection, which would create files beside it.
    const bool exists = info.exists();
    if (!exists && mode != OpenMode::EditOrCreate)
        return WorkspaceError { Code::NotFound, u"%1 does not exist"_s.arg(name) };
    if (exists && !info.isFile())
        return WorkspaceError { Code::NotAWorkspace,
                                u"%1 is not a file, so not a CORS Studio workspace"_s.arg(name) };
    if (exists && !info.isReadable())
        return WorkspaceError { Code::Failed, u"%1 cannot be read (permission denied)"_s.arg(name) };
    if (editing && exists) {
        if (!isWritableFile(info))
            return WorkspaceError { Code::ReadOnly,
                                    u"%1 is read-only: CORS Studio cannot save edits to it. Make it "
                                    "writable, or open it read-only%2"_s.arg(name, untouched) };
    }
    if (editing) {
        if (!exists && !QDir().mkpath(info.absolutePath()))
            return WorkspaceError { Code::Failed,
                                    u"cannot create the folder %1 for the workspace"_s.arg(
                                        displayName(info.absolutePath())) };
        if (!QFileInfo(info.absolutePath()).isWritable())
            return WorkspaceError { Code::ReadOnly,
                                    u"the folder of %1 is read-only: SQLite needs to create %2 beside "
                                    "the workspace to save edits%3"_s.arg(name, displayName(path + u"-wal"),
                                                                          untouched) };
    }

    std::unique_ptr<Workspace> workspace(new Workspace(path, !editing));
    WorkspaceConnection &connection = *workspace->m_connection;

    // 2. The edit lock: one CORS Studio process edits a workspace at a time. Staleness is
    // decided by whether the owner still runs (a crashed or killed owner leaves a stale lock
    // that is taken over), never by age — a GUI keeps a workspace open for days.
    if (editing) {
        connection.lock = std::make_unique<QLockFile>(path + u".lock"_s);
        connection.lock->setStaleLockTime(0);
        bool locked = connection.lock->tryLock(0);
        qint64 pid = 0;
        QString host;
        QString application;
        if (!locked && connection.lock->error() == QLockFile::LockFailedError
            && !connection.lock->getLockInfo(&pid, &host, &application)) {
            // A lock file that does not say who holds it: its owner died between creating it
            // and writing its process id into it (QLockFile takes its flock() in between), or
            // is writing it this instant. Once a living owner has had a moment to finish, an
            // unreadable lock file that no process holds is stale; removeStaleLockFile()
            // removes it only when nobody holds that flock.
            QThread::msleep(100);
            if (!connection.lock->getLockInfo(&pid, &host, &application)
                && connection.lock->removeStaleLockFile())
                locked = connection.lock->tryLock(0);
        }
        if (!locked) {
            if (connection.lock->error() == QLockFile::LockFailedError) {
                connection.lock->getLockInfo(&pid, &host, &application);
                return WorkspaceError {
                    Code::InUse,
                    u"%1 is open for editing in another CORS Studio (%2, process %3 on %4); "
                    "close it there first%5"_s.arg(name, application)
                        .arg(pid)
                        .arg(host, untouched)
                };
            }
            return WorkspaceError { Code::ReadOnly,
                                    u"cannot create the lock file %1 beside the workspace"_s.arg(
                                        displayName(path + u".lock")) };
        }
    }

    connection.database = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection.name);
    if (!connection.database.isValid())
        return WorkspaceError { Code::Failed, u"the Qt SQLite driver (QSQLITE) is not available"_s };
    connection.database.setDatabaseName(path);
    const QString timeout = u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(busyTimeout.count());

    // Why a file cannot be opened, from what it holds; nullopt when it can.
    const auto refusal = [&](const WorkspaceSchema::FileState &state) -> std::optional<WorkspaceError> {
        switch (state.kind) {
        case WorkspaceSchema::FileState::Kind::Foreign:
            return WorkspaceError { Code::NotAWorkspace,
                                    u"%1 is not a CORS Studio workspace (it is another program's SQLite "
                                    "database)%2"_s.arg(name, untouched) };
        case WorkspaceSchema::FileState::Kind::Empty:
            if (mode != OpenMode::EditOrCreate)
                return WorkspaceError {
                    Code::NotAWorkspace, u"%1 is empty, not a CORS Studio workspace%2"_s.arg(name, untouched)
                };
            return std::nullopt;
        case WorkspaceSchema::FileState::Kind::Workspace:
            if (state.version > WorkspaceSchema::kVersion)
                return WorkspaceError {
                    Code::NewerVersion,
                    u"%1 was saved by a newer CORS Studio (workspace version %2; this one "
                    "reads up to version %3). Open it with the newer CORS Studio%4."_s.arg(name)
                        .arg(state.version)
                        .arg(WorkspaceSchema::kVersion)
                        .arg(untouched)
                };
            if (state.version < WorkspaceSchema::kVersion && !editing)
                return WorkspaceError {
                    Code::NeedsUpgrade,
                    u"%1 is a workspace of an older CORS Studio (version %2) that must be "
                    "upgraded to version %3 before it can be read; open it for editing once "
                    "(in CORS Studio, or with corsctl import)%4"_s.arg(name)
                        .arg(state.version)
                        .arg(WorkspaceSchema::kVersion)
                        .arg(untouched)
                };
            return std::nullopt;
        }
        return std::nullopt;
    };
    const auto readFailure = [&](const QSqlError &error) -> WorkspaceError {
        switch (sqliteCode(error)) {
        case SqliteNotADatabase:
            return { Code::NotAWorkspace,
                     u"%1 is not a CORS Studio workspace (it is not an SQLite database)%2"_s.arg(name,
                                                                                                 untouched) };
        case SqliteBusy:
        case SqliteLocked:
            return { Code::Locked,
                     u"%1 is locked by another program%2. Try again when that program has finished "
                     "with it."_s.arg(name, untouched) };
        default:
            return { Code::Failed, u"%1 cannot be read: %2"_s.arg(name, detailOf(error)) };
        }
    };
    const auto openConnection = [&](const QString &options) -> std::optional<WorkspaceError> {
        connection.database.setConnectOptions(timeout + options);
        if (connection.database.open())
            return std::nullopt;
        return WorkspaceError {
            Code::Failed, u"%1 cannot be opened: %2"_s.arg(name, detailOf(connection.database.lastError()))
        };
    };

    // 3. What the file holds, found without writing to it or leaving anything beside it. The
    // 100-byte header says whether it is SQLite at all and, when no WAL is waiting to be
    // checkpointed, which application and schema version it has. Otherwise (a rollback-journal
    // database, or a WAL with frames) SQLite reads it through a read-only connection.
    WorkspaceSchema::FileState state;
    if (exists) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return WorkspaceError { Code::Failed, u"%1 cannot be read: %2"_s.arg(name, file.errorString()) };
        const QByteArray first = file.read(100);
        const qint64 size = file.size();
        file.close();
        const QFileInfo wal(path + u"-wal"_s);
        const bool walHasFrames = wal.exists() && wal.size() > 0;

        std::optional<WorkspaceSchema::FileState> inspected;
        if (size == 0 && !walHasFrames) {
            inspected = WorkspaceSchema::FileState { WorkspaceSchema::FileState::Kind::Empty, 0 };
        } else if (size > 0) {
            const auto header = WorkspaceSchema::readHeader(first, size);
            if (!header)
                return WorkspaceError {
                    Code::NotAWorkspace,
                    u"%1 is not a CORS Studio workspace (it is not an SQLite database)%2"_s.arg(name,
                                                                                                untouched)
                };
            if (header->wal && !walHasFrames)
                inspected = WorkspaceSchema::classify(*header);
        }
        if (!inspected) {
            if (auto error = openConnection(u";QSQLITE_OPEN_READONLY"_s))
                return *error;
            QSqlError error;
            inspected = WorkspaceSchema::inspect(connection.database, &error);
            connection.database.close();
            if (!inspected)
                return readFailure(error);
        }
        state = *inspected;
        if (auto error = refusal(state))
            return *error;
    }

    // 4. The connection the workspace keeps. It reads the file's state once more through
    // SQLite — the header may be stale, another program may hold the file locked, or it may
    // have changed meanwhile.
    if (!editing) {
        // A read-write connection that refuses writes (query_only) rather than a read-only one:
        // SQLite creates -wal and -shm files beside a WAL database for any connection, and only
        // a read-write one removes them again when it closes. The main file is never written.
        const bool writable = isWritableFile(QFileInfo(path)) && QFileInfo(info.absolutePath()).isWritable();
        if (auto error = openConnection(writable ? QString() : u";QSQLITE_OPEN_READONLY"_s))
            return *error;
        if (!connection.execute(u"PRAGMA query_only = ON"_s))
            return readFailure(connection.lastError);
        QSqlError error;
        const auto current = WorkspaceSchema::inspect(connection.database, &error);
        if (!current)
            return readFailure(error);
        if (auto refused = refusal(*current))
            return *refused;
        if (current->kind != WorkspaceSchema::FileState::Kind::Workspace)
            return WorkspaceError { Code::NotAWorkspace,
                                    u"%1 is not a CORS Studio workspace%2"_s.arg(name, untouched) };
        return workspace;
    }

    // Editing: the journal and durability settings, and the schema created or upgraded in one
    // transaction (with the seed, for a first run).
    if (auto error = openConnection(QString()))
        return *error;
    // foreign_keys and synchronous are per connection; journal_mode=WAL is stored in the file
    // (and cannot change inside a transaction). synchronous=FULL: a commit is on disk, WAL
    // included, before the edit reports success — an edit must survive a power cut too.
    for (const QString &pragma : { u"PRAGMA foreign_keys = ON"_s, u"PRAGMA synchronous = FULL"_s }) {
        if (!connection.execute(pragma))
            return readFailure(connection.lastError);
    }
    QSqlError error;
    const auto current = WorkspaceSchema::inspect(connection.database, &error);
    if (!current)
        return readFailure(error);
    if (auto refused = refusal(*current))
        return *refused;
    if (current->kind == WorkspaceSchema::FileState::Kind::Empty) {
        // WAL: a commit appends to the -wal file and never rewrites the database in place, so
        // a kill at any moment leaves either the edit or nothing; readers (corsctl export) see
        // the last commit while the GUI writes.
        bool failed = false;
        connection.scalar(u"PRAGMA journal_mode = WAL"_s, {}, &failed);
        if (failed)
            return sqlError(connection.lastError, u"cannot create %1"_s.arg(name));
    } else if (current->version == WorkspaceSchema::kVersion) {
        return workspace;
    }

    SqlTransaction transaction(connection.database);
    if (!transaction.isActive())
        return sqlError(transaction.error(), u"cannot prepare %1"_s.arg(name));
    // Again inside the transaction: another process may have created or upgraded it meanwhile.
    const auto locked = WorkspaceSchema::inspect(connection.database, &error);
    if (!locked)
        return sqlError(error, u"cannot prepare %1"_s.arg(name));
    if (auto refused = refusal(*locked))
        return *refused;
    if (locked->kind == WorkspaceSchema::FileState::Kind::Workspace
        && locked->version == WorkspaceSchema::kVersion)
        return workspace;
    const bool creating = locked->kind == WorkspaceSchema::FileState::Kind::Empty;
    if (creating || locked->version < WorkspaceSchema::kVersion) {
        if (!WorkspaceSchema::migrate(connection.database, creating ? 0 : locked->version, &error))
            return sqlError(error, u"cannot prepare %1"_s.arg(name));
    }
    if (creating && seed) {
        Store store(connection);
        EditRecord record;
        record.summary = u"Created the workspace with the demo tenants"_s;
        for (int i = 0; i < seed->tenants.size(); ++i) {
            const Tenant &tenant = seed->tenants[i];
            const auto id = store.insertTenant(tenant, i, {});
            if (!id)
                return sqlError(connection.lastError, u"cannot create %1"_s.arg(name));
            record.add(Entity::Tenant, *id, tenant.name, QString(), -1, QJsonValue(),
                       HistoryValue::fromText(WorkspaceRows::tenantJson(tenant, {})));
        }
        if (!store.writeRecord(record, workspace->m_clock()))
            return sqlError(connection.lastError, u"cannot create %1"_s.arg(name));
    }
    if (!transaction.commit())
        return sqlError(transaction.error(), u"cannot prepare %1"_s.arg(name));
    workspace->m_created = creating;
    return workspace;
}

// ---------------------------------------------------------------------------------------------
// Reading

WorkspaceResult<QList<Tenant>> Workspace::tenants() const
{
    Q_ASSERT(QThread::currentThread() == m_thread);
    SqlTransaction transaction(m_connection->database, SqlTransaction::Kind::Read);
    if (!transaction.isActive())
        return sqlError(transaction.error(), u"cannot read the workspace"_s);
    Store store(*m_connection);
    const auto rows = store.tenants();
    if (!rows)
        return m_connection->failure(u"cannot read the workspace"_s);
    QList<Tenant> list;
    list.reserve(rows->size());
    for (const auto &row : *rows)
        list.append(row.second);
    return list;
}

WorkspaceResult<Tenant> Workspace::tenant(const QString &name) const
{
    Q_ASSERT(QThread::currentThread() == m_thread);
    SqlTransaction transaction(m_connection->database, SqlTransaction::Kind::Read);
    if (!transaction.isActive())
        return sqlError(transaction.error(), u"cannot read the workspace"_s);
    Store store(*m_connection);
    bool failed = false;
    const auto id = store.tenantId(name, &failed);
    if (failed)
        return m_connection->failure(u"cannot read the workspace"_s);
    if (!id)
        return noTenant(name);
    auto tenant = store.tenant(*id);
    if (!tenant)
        return m_connection->failure(u"cannot read the tenant"_s);
    return std::move(*tenant);
}

WorkspaceResult<QStringList> Workspace::tenantNames() const
{
    Q_ASSERT(QThread::currentThread() == m_thread);
    QSqlQuery *query = m_connection->run(u"SELECT name FROM tenants ORDER BY position"_s);
    if (!query)
        return m_connection->failure(u"cannot read the workspace"_s);
    QStringList names;
    while (query->next())
        names.append(query->value(0).toString());
    query->finish();
    return names;
}

WorkspaceResult<QList<TestCase>> Workspace::testCases(const QString &tenant) const
{
    Q_ASSERT(QThread::currentThread() == m_thread);
    SqlTransaction transaction(m_connection->database, SqlTransaction::Kind::Read);
    if (!transaction.isActive())
        return sqlError(transaction.error(), u"cannot read the workspace"_s);
    Store store(*m_connection);
    bool failed = false;
    const auto id = store.tenantId(tenant, &failed);
    if (failed)
        return m_connection->failure(u"cannot read the workspace"_s);
    if (!id)
        return noTenant(tenant);
    auto list = store.items<TestCase>(*tableOf(Entity::TestCase), *id);
    if (!list)
        return m_connection->failure(u"cannot read the test cases"_s);
    return std::move(*list);
}

WorkspaceResult<QList<HistoryEntry>> Workspace::history(int limit, const QString &tenant) const
{
    Q_ASSERT(QThread::currentThread() == m_thread);
    SqlTransaction transaction(m_connection->database, SqlTransaction::Kind::Read);
    if (!transaction.isActive())
        return sqlError(transaction.error(), u"cannot read the history"_s);
    Store store(*m_connection);
    QString where;
    QVariantList values;
    if (!tenant.isEmpty()) {
        bool failed = false;
        const auto id = store.tenantId(tenant, &failed);
        if (failed)
            return m_connection->failure(u"cannot read the history"_s);
        if (!id)
            return noTenant(tenant);
        where = u" WHERE c.tenant_id = ?"_s;
        values.append(*id);
    }
    values.append(limit < 0 ? -1 : limit);
    QSqlQuery *query = m_connection->run(
        u"SELECT e.id, e.at, e.summary, c.entity, c.tenant, c.item, c.position, c.old_value, c.new_value "
        "FROM changes c JOIN edits e ON e.id = c.edit_id%1 ORDER BY e.id DESC, c.id ASC LIMIT ?"_s.arg(where),
        values);
    if (!query)
        return m_connection->failure(u"cannot read the history"_s);
    QList<HistoryEntry> entries;
    while (query->next()) {
        HistoryEntry entry;
        entry.edit = query->value(0).toLongLong();
        entry.at = QDateTime::fromString(query->value(1).toString(), Qt::ISODateWithMs);
        entry.summary = query->value(2).toString();
        entry.entity = HistoryEntry::entityFromName(query->value(3).toString()).value_or(Entity::Tenant);
        entry.tenant = query->value(4).toString();
        entry.item = query->value(5).toString();
        entry.position = query->value(6).isNull() ? -1 : query->value(6).toInt();
        const auto json = [](const QVariant &value) {
            return value.isNull() ? QJsonValue() : WorkspaceRows::decodeJson(value.toString());
        };
        entry.oldValue = json(query->value(7));
        entry.newValue = json(query->value(8));
        entries.append(entry);
    }
    query->finish();
    return entries;
}

WorkspaceResult<QStringList> Workspace::integrityCheck() const
{
    Q_ASSERT(QThread::currentThread() == m_thread);
    QSqlQuery query(m_connection->database);
    query.setForwardOnly(true);
    if (!query.exec(u"PRAGMA integrity_check"_s))
        return sqlError(query.lastError(), u"cannot check the workspace"_s);
    QStringList results;
    while (query.next())
        results.append(query.value(0).toString());
    // Foreign keys are not part of integrity_check; a row pointing at a missing tenant is damage.
    if (!query.exec(u"PRAGMA foreign_key_check"_s))
        return sqlError(query.lastError(), u"cannot check the workspace"_s);
    while (query.next()) {
        results.removeAll(u"ok"_s);
        results.append(u"row %1 of %2 refers to a missing row of %3"_s.arg(
            query.value(1).toString(), query.value(0).toString(), query.value(2).toString()));
    }
    return results;
}

WorkspaceResult<Bundle> Workspace::exportBundle(const QStringList &tenantNames) const
{
    auto all = tenants();
    if (!all)
        return all.error();
    Bundle bundle;
    if (tenantNames.isEmpty()) {
        bundle.tenants = std::move(*all);
        return bundle;
    }
    for (const QString &name : tenantNames) {
        const auto it =
            std::find_if(all->cbegin(), all->cend(), [&](const Tenant &t) { return t.name == name; });
        if (it == all->cend()) {
            QStringList names;
            for (const Tenant &tenant : *all)
                names.append(tenant.name);
            return WorkspaceError { Code::NotFound,
                                    u"there is no tenant \"%1\" in the workspace (it has: %2)"_s.arg(
                                        name, names.isEmpty() ? u"no tenants"_s : names.join(u", ")) };
        }
        bundle.tenants.append(*it);
    }
    return bundle;
}

// ---------------------------------------------------------------------------------------------
// Editing

template<typename Body> WorkspaceResult<EditId> Workspace::edit(Body body)
{
    Q_ASSERT(QThread::currentThread() == m_thread);
    if (m_readOnly)
        return WorkspaceError { Code::ReadOnly, u"the workspace is open read-only; nothing was changed"_s };
    SqlTransaction transaction(m_connection->database);
    if (!transaction.isActive())
        return sqlError(transaction.error(), u"cannot save the edit"_s);
    EditRecord record;
    Store store(*m_connection);
    if (std::optional<WorkspaceError> error = body(store, record))
        return *error;
    if (record.changes.isEmpty())
        return EditId(0); // nothing to save; the transaction rolls back having written nothing
    const auto id = store.writeRecord(record, m_clock());
    if (!id)
        return m_connection->failure(u"cannot save the edit"_s);
    if (!transaction.commit())
        return sqlError(transaction.error(), u"cannot save the edit"_s);
    return *id;
}

WorkspaceResult<EditId> Workspace::addTenant(const Tenant &tenant, int position,
                                             const QList<TestCase> &testCases)
{
    JsonProblems problems = TenantValidation::checkTenant(tenant);
    QStringList names;
    for (int i = 0; i < testCases.size(); ++i) {
        const QString path = JsonObjectReader::indexPath(u"testCases"_s, i);
        problems.append(TenantValidation::checkTestCase(testCases[i], path));
        if (names.contains(testCases[i].name))
            problems.append(
                { path + u".name", u"another test case is already called \"%1\""_s.arg(testCases[i].name) });
        names.append(testCases[i].name);
    }
    if (!problems.isEmpty())
        return invalid(u"tenant \"%1\" cannot be added"_s.arg(tenant.name), problems);

    return edit([&](Store &store, EditRecord &record) -> std::optional<WorkspaceError> {
        bool failed = false;
        if (store.tenantId(tenant.name, &failed))
            return WorkspaceError { Code::Conflict,
                                    u"there is already a tenant called \"%1\""_s.arg(tenant.name) };
        const auto count = store.tenantCount();
        if (failed || !count)
            return store.c.failure(u"cannot add the tenant"_s);
        const int at = position == kAtEnd ? int(*count) : position;
        if (!inRange(at, *count, true))
            return WorkspaceError {
                Code::NotFound,
                u"cannot add tenant \"%1\" at position %2: the workspace has %3 tenant(s)"_s.arg(tenant.name)
                    .arg(position + 1)
                    .arg(*count)
            };
        if (!store.shiftTenants(at, int(*count) - 1, 1))
            return store.c.failure(u"cannot add the tenant"_s);
        const auto id = store.insertTenant(tenant, at, testCases);
        if (!id)
            return store.c.failure(u"cannot add the tenant"_s);
        record.summary = u"Added tenant \"%1\""_s.arg(tenant.name);
        record.add(Entity::Tenant, *id, tenant.name, QString(), -1, QJsonValue(),
                   HistoryValue::fromText(WorkspaceRows::tenantJson(tenant, testCases)));
        return std::nullopt;
    });
}

WorkspaceResult<EditId> Workspace::renameTenant(const QString &name, const QString &newName)
{
    const JsonProblems problems = TenantValidation::checkName(newName);
    if (!problems.isEmpty())
        return invalid(u"tenant \"%1\" cannot be renamed"_s.arg(name), problems);
    return edit([&](Store &store, EditRecord &record) -> std::optional<WorkspaceError> {
        bool failed = false;
        const auto id = store.tenantId(name, &failed);
        if (failed)
            return store.c.failure(u"cannot rename the tenant"_s);
        if (!id)
            return noTenant(name);
        if (name == newName)
            return std::nullopt;
        if (store.tenantId(newName, &failed))
            return WorkspaceError { Code::Conflict,
                                    u"there is already a tenant called \"%1\""_s.arg(newName) };
        if (failed || !store.c.execute(u"UPDATE tenants SET name = ? WHERE id = ?"_s, { newName, *id }))
            return store.c.failure(u"cannot rename the tenant"_s);
        record.summary = u"Renamed tenant \"%1\" to \"%2\""_s.arg(name, newName);
        record.add(Entity::Tenant, *id, name, QString(), -1, QJsonObject { { u"name"_s, name } },
                   QJsonObject { { u"name"_s, newName } });
        return std::nullopt;
    });
}

WorkspaceResult<EditId> Workspace::duplicateTenant(const QString &name, const QString &copyName)
{
    const JsonProblems problems = TenantValidation::checkName(copyName);
    if (!problems.isEmpty())
        return invalid(u"tenant \"%1\" cannot be duplicated"_s.arg(name), problems);
    return edit([&](Store &store, EditRecord &record) -> std::optional<WorkspaceError> {
        bool failed = false;
        const auto id = store.tenantId(name, &failed);
        if (failed)
            return store.c.failure(u"cannot duplicate the tenant"_s);
        if (!id)
            return noTenant(name);
        if (store.tenantId(copyName, &failed))
            return WorkspaceError { Code::Conflict,
                                    u"there is already a tenant called \"%1\""_s.arg(copyName) };
        const QVariant position =
            store.c.scalar(u"SELECT position FROM tenants WHERE id = ?"_s, { *id }, &failed);
        if (failed)
            return store.c.failure(u"cannot duplicate the tenant"_s);
        auto copy = store.tenant(*id);
        const auto testCases = store.items<TestCase>(*tableOf(Entity::TestCase), *id);
        const auto count = store.tenantCount();
        if (!copy || !testCases || !count)
            return store.c.failure(u"cannot duplicate the tenant"_s);
        copy->name = copyName;
        const int at = position.toInt() + 1;
        if (!store.shiftTenants(at, int(*count) - 1, 1))
            return store.c.failure(u"cannot duplicate the tenant"_s);
        const auto copyId = store.insertTenant(*copy, at, *testCases);
        if (!copyId)
            return store.c.failure(u"cannot duplicate the tenant"_s);
        record.summary = u"Duplicated tenant \"%1\" as \"%2\""_s.arg(name, copyName);
        record.add(Entity::Tenant, *copyId, copyName, QString(), -1, QJsonValue(),
                   HistoryValue::fromText(WorkspaceRows::tenantJson(*copy, *testCases)));
        return std::nullopt;
    });
}

WorkspaceResult<EditId> Workspace::removeTenant(const QString &name)
{
    return edit([&](Store &store, EditRecord &record) -> std::optional<WorkspaceError> {
        bool failed = false;
        const auto id = store.tenantId(name, &failed);
        if (failed)
            return store.c.failure(u"cannot remove the tenant"_s);
        if (!id)
            return noTenant(name);
        // The history keeps everything the tenant had, test cases included.
        const auto tenant = store.tenant(*id);
        const auto testCases = store.items<TestCase>(*tableOf(Entity::TestCase), *id);
        const QVariant position =
            store.c.scalar(u"SELECT position FROM tenants WHERE id = ?"_s, { *id }, &failed);
        const auto count = store.tenantCount();
        if (!tenant || !testCases || failed || !count)
            return store.c.failure(u"cannot remove the tenant"_s);
        if (!store.c.execute(u"DELETE FROM tenants WHERE id = ?"_s, { *id })
            || !store.shiftTenants(position.toInt() + 1, int(*count) - 1, -1))
            return store.c.failure(u"cannot remove the tenant"_s);
        record.summary = u"Removed tenant \"%1\""_s.arg(name);
        record.add(Entity::Tenant, *id, name, QString(), -1,
                   HistoryValue::fromText(WorkspaceRows::tenantJson(*tenant, *testCases)), QJsonValue());
        return std::nullopt;
    });
}

WorkspaceResult<EditId> Workspace::moveTenant(const QString &name, int position)
{
    return edit([&](Store &store, EditRecord &record) -> std::optional<WorkspaceError> {
        bool failed = false;
        const auto id = store.tenantId(name, &failed);
        if (failed)
            return store.c.failure(u"cannot move the tenant"_s);
        if (!id)
            return noTenant(name);
        const QVariant from =
            store.c.scalar(u"SELECT position FROM tenants WHERE id = ?"_s, { *id }, &failed);
        const auto count = store.tenantCount();
        if (failed || !count)
            return store.c.failure(u"cannot move the tenant"_s);
        if (!inRange(position, *count, false))
            return WorkspaceError {
                Code::NotFound,
                u"cannot move tenant \"%1\" to position %2: the workspace has %3 tenant(s)"_s.arg(name)
                    .arg(position + 1)
                    .arg(*count)
            };
        if (from.toInt() == position)
            return std::nullopt;
        if (!store.moveTenant(*id, from.toInt(), position))
            return store.c.failure(u"cannot move the tenant"_s);
        record.summary =
            u"Moved tenant \"%1\" from position %2 to %3"_s.arg(name).arg(from.toInt() + 1).arg(position + 1);
        record.add(Entity::Tenant, *id, name, QString(), -1, positionJson(from.toInt()),
                   positionJson(position));
        return std::nullopt;
    });
}

WorkspaceResult<EditId> Workspace::updateTenantSettings(const QString &name, const TenantSettings &settings)
{
    const JsonProblems problems = TenantValidation::checkSettings(settings);
    if (!problems.isEmpty())
        return invalid(u"the settings of tenant \"%1\" cannot be saved"_s.arg(name), problems);
    return edit([&](Store &store, EditRecord &record) -> std::optional<WorkspaceError> {
        bool failed = false;
        const auto id = store.tenantId(name, &failed);
        if (failed)
            return store.c.failure(u"cannot save the settings"_s);
        if (!id)
            return noTenant(name);
        QSqlQuery *query = store.c.run(u"SELECT %1 FROM tenants WHERE id = ?"_s.arg(kTenantColumns), { *id });
        if (!query)
            return store.c.failure(u"cannot save the settings"_s);
        std::optional<Tenant> current = query->next() ? Store::readTenant(*query) : std::nullopt;
        query->finish();
        if (!current) {
            store.damaged(u"tenant \"%1\""_s.arg(name));
            return store.c.failure(u"cannot save the settings"_s);
        }
        const TenantSettings old = TenantSettings::of(*current);
        if (old == settings)
            return std::nullopt;
        if (!store.updateSettings(*id, settings))
            return store.c.failure(u"cannot save the settings"_s);
        record.summary = u"Changed the settings of tenant \"%1\": %2"_s.arg(
            name, TenantSettings::differences(old, settings).join(u", "));
        record.add(Entity::Settings, *id, name, QString(), -1, old.toJson(), settings.toJson());
        return std::nullopt;
    });
}

// Rules, applications and test cases: the same four edits over ListTable.

namespace {

// Checks that only some lists need after an edit: applications must name enabled rules, and
// test case names are unique within their tenant.
template<typename Item>
std::optional<WorkspaceError> checkAfterWrite(Store &store, qint64 tenantId, const QString &tenant)
{
    if constexpr (std::is_same_v<Item, TestCase>) {
        return std::nullopt;
    } else {
        bool failed = false;
        const auto dangling = store.danglingApplication(tenantId, &failed);
        if (failed)
            return store.c.failure(u"cannot save the edit"_s);
        if (dangling)
            return WorkspaceError {
                Code::Invalid,
                u"application \"%1\" of tenant \"%2\" refers to the rule \"%3\", and after this edit no "
                "enabled rule has that domain; change or remove the application first"_s.arg(
                    dangling->first, tenant, dangling->second)
            };
        return std::nullopt;
    }
}

template<typename Item>
std::optional<WorkspaceError> checkNameFree(Store &store, qint64 tenantId, const Item &item,
                                            int exceptPosition, const QString &tenant)
{
    if constexpr (std::is_same_v<Item, TestCase>) {
        bool failed = false;
        const QVariant taken =
            store.c.scalar(u"SELECT position FROM test_cases WHERE tenant_id = ? AND name = ?"_s,
                           { tenantId, item.name }, &failed);
        if (failed)
            return store.c.failure(u"cannot save the test case"_s);
        if (taken.isValid() && taken.toInt() != exceptPosition)
            return WorkspaceError { Code::Conflict,
                                    u"tenant \"%1\" already has a test case called \"%2\""_s.arg(tenant,
                                                                                                 item.name) };
    }
    return std::nullopt;
}

QString outOfRange(const ListTable &table, const QString &tenant, int index, qint64 count)
{
    return u"tenant \"%1\" has %2 %3; there is no %4 at position %5"_s.arg(tenant)
        .arg(count)
        .arg(table.plural, table.noun)
        .arg(index + 1);
}

} // namespace

template<typename Item>
WorkspaceResult<EditId> Workspace::insertItem(const QString &tenant, int index, const Item &item)
{
    const ListTable &table = *tableOf(entityOf<Item>());
    const JsonProblems problems = ItemTraits<Item>::check(item);
    if (!problems.isEmpty())
        return invalid(u"the %1 cannot be added"_s.arg(table.noun), problems);
    return edit([&](Store &store, EditRecord &record) -> std::optional<WorkspaceError> {
        bool failed = false;
        const auto id = store.tenantId(tenant, &failed);
        if (failed)
            return store.c.failure(u"cannot add the %1"_s.arg(table.noun));
        if (!id)
            return noTenant(tenant);
        const auto count = store.itemCount(table, *id);
        if (!count)
            return store.c.failure(u"cannot add the %1"_s.arg(table.noun));
        const int at = index == kAtEnd ? int(*count) : index;
        if (!inRange(at, *count, true))
            return WorkspaceError { Code::NotFound,
                                    u"cannot add the %1 at position %2: %3"_s.arg(table.noun)
                                        .arg(index + 1)
                                        .arg(outOfRange(table, tenant, index, *count)) };
        if (auto error = checkNameFree(store, *id, item, -1, tenant))
            return error;
        if (!store.shiftItems(table, *id, at, int(*count) - 1, 1) || !store.insertItem(table, *id, at, item))
            return store.c.failure(u"cannot add the %1"_s.arg(table.noun));
        if (auto error = checkAfterWrite<Item>(store, *id, tenant))
            return error;
        const QString key = ItemTraits<Item>::key(item);
        record.summary = u"Added %1 \"%2\" to tenant \"%3\""_s.arg(table.noun, key, tenant);
        record.add(table.entity, *id, tenant, key, at, QJsonValue(), ItemTraits<Item>::json(item));
        return std::nullopt;
    });
}

template<typename Item>
WorkspaceResult<EditId> Workspace::updateItem(const QString &tenant, int index, const Item &item)
{
    const ListTable &table = *tableOf(entityOf<Item>());
    const JsonProblems problems = ItemTraits<Item>::check(item);
    if (!problems.isEmpty())
        return invalid(u"the %1 cannot be saved"_s.arg(table.noun), problems);
    return edit([&](Store &store, EditRecord &record) -> std::optional<WorkspaceError> {
        bool failed = false;
        const auto id = store.tenantId(tenant, &failed);
        if (failed)
            return store.c.failure(u"cannot save the %1"_s.arg(table.noun));
        if (!id)
            return noTenant(tenant);
        const auto old = store.item<Item>(table, *id, index, &failed);
        if (failed)
            return store.c.failure(u"cannot save the %1"_s.arg(table.noun));
        if (!old)
            return WorkspaceError {
                Code::NotFound, outOfRange(table, tenant, index, store.itemCount(table, *id).value_or(0))
            };
        if (*old == item)
            return std::nullopt;
        if (auto error = checkNameFree(store, *id, item, index, tenant))
            return error;
        if (!store.updateItem(table, *id, index, item))
            return store.c.failure(u"cannot save the %1"_s.arg(table.noun));
        if (auto error = checkAfterWrite<Item>(store, *id, tenant))
            return error;
        const QString oldKey = ItemTraits<Item>::key(*old);
        const QString newKey = ItemTraits<Item>::key(item);
        record.summary = u"Changed %1 \"%2\" of tenant \"%3\""_s.arg(table.noun, oldKey, tenant);
        if (oldKey != newKey)
            record.summary += u" (now \"%1\")"_s.arg(newKey);
        record.add(table.entity, *id, tenant, newKey, index, ItemTraits<Item>::json(*old),
                   ItemTraits<Item>::json(item));
        return std::nullopt;
    });
}

template<typename Item> WorkspaceResult<EditId> Workspace::moveItem(const QString &tenant, int from, int to)
{
    const ListTable &table = *tableOf(entityOf<Item>());
    return edit([&](Store &store, EditRecord &record) -> std::optional<WorkspaceError> {
        bool failed = false;
        const auto id = store.tenantId(tenant, &failed);
        if (failed)
            return store.c.failure(u"cannot move the %1"_s.arg(table.noun));
        if (!id)
            return noTenant(tenant);
        const auto count = store.itemCount(table, *id);
        if (!count)
            return store.c.failure(u"cannot move the %1"_s.arg(table.noun));
        for (const int index : { from, to }) {
            if (!inRange(index, *count, false))
                return WorkspaceError { Code::NotFound, outOfRange(table, tenant, index, *count) };
        }
        if (from == to)
            return std::nullopt;
        const auto item = store.item<Item>(table, *id, from, &failed);
        if (failed || !item || !store.moveItem(table, *id, from, to))
            return store.c.failure(u"cannot move the %1"_s.arg(table.noun));
        const QString key = ItemTraits<Item>::key(*item);
        record.summary =
            u"Moved %1 \"%2\" of tenant \"%3\" from position %4 to %5"_s.arg(table.noun, key, tenant)
                .arg(from + 1)
                .arg(to + 1);
        record.add(table.entity, *id, tenant, key, to, positionJson(from), positionJson(to));
        return std::nullopt;
    });
}

template<typename Item> WorkspaceResult<EditId> Workspace::removeItem(const QString &tenant, int index)
{
    const ListTable &table = *tableOf(entityOf<Item>());
    return edit([&](Store &store, EditRecord &record) -> std::optional<WorkspaceError> {
        bool failed = false;
        const auto id = store.tenantId(tenant, &failed);
        if (failed)
            return store.c.failure(u"cannot remove the %1"_s.arg(table.noun));
        if (!id)
            return noTenant(tenant);
        const auto count = store.itemCount(table, *id);
        if (!count)
            return store.c.failure(u"cannot remove the %1"_s.arg(table.noun));
        if (!inRange(index, *count, false))
            return WorkspaceError { Code::NotFound, outOfRange(table, tenant, index, *count) };
        const auto item = store.item<Item>(table, *id, index, &failed);
        if (failed || !item)
            return store.c.failure(u"cannot remove the %1"_s.arg(table.noun));
        if (!store.c.execute(table.sql(u"DELETE FROM $table WHERE tenant_id = ? AND position = ?"_s),
                             { *id, index })
            || !store.shiftItems(table, *id, index + 1, int(*count) - 1, -1))
            return store.c.failure(u"cannot remove the %1"_s.arg(table.noun));
        if (auto error = checkAfterWrite<Item>(store, *id, tenant))
            return error;
        const QString key = ItemTraits<Item>::key(*item);
        record.summary = u"Removed %1 \"%2\" from tenant \"%3\""_s.arg(table.noun, key, tenant);
        record.add(table.entity, *id, tenant, key, index, ItemTraits<Item>::json(*item), QJsonValue());
        return std::nullopt;
    });
}

WorkspaceResult<EditId> Workspace::insertRule(const QString &tenant, int index, const Rule &rule)
{
    return insertItem(tenant, index, rule);
}

WorkspaceResult<EditId> Workspace::updateRule(const QString &tenant, int index, const Rule &rule)
{
    return updateItem(tenant, index, rule);
}

WorkspaceResult<EditId> Workspace::moveRule(const QString &tenant, int from, int to)
{
    return moveItem<Rule>(tenant, from, to);
}

WorkspaceResult<EditId> Workspace::removeRule(const QString &tenant, int index)
{
    return removeItem<Rule>(tenant, index);
}

WorkspaceResult<EditId> Workspace::insertApplication(const QString &tenant, int index,
                                                     const Application &application)
{
    return insertItem(tenant, index, application);
}

WorkspaceResult<EditId> Workspace::updateApplication(const QString &tenant, int index,
                                                     const Application &application)
{
    return updateItem(tenant, index, application);
}

WorkspaceResult<EditId> Workspace::moveApplication(const QString &tenant, int from, int to)
{
    return moveItem<Application>(tenant, from, to);
}

WorkspaceResult<EditId> Workspace::removeApplication(const QString &tenant, int index)
{
    return removeItem<Application>(tenant, index);
}

WorkspaceResult<EditId> Workspace::insertTestCase(const QString &tenant, int index, const TestCase &testCase)
{
    return insertItem(tenant, index, testCase);
}

WorkspaceResult<EditId> Workspace::updateTestCase(const QString &tenant, int index, const TestCase &testCase)
{
    return updateItem(tenant, index, testCase);
}

WorkspaceResult<EditId> Workspace::moveTestCase(const QString &tenant, int from, int to)
{
    return moveItem<TestCase>(tenant, from, to);
}

WorkspaceResult<EditId> Workspace::removeTestCase(const QString &tenant, int index)
{
    return removeItem<TestCase>(tenant, index);
}

// ---------------------------------------------------------------------------------------------
// Bundles

namespace {

// The history of one list (rules or applications) changed by an import.
template<typename Item>
void recordItemChanges(EditRecord &record, Entity entity, qint64 tenantId, const QString &tenant,
                       const QList<Item> &before, const QList<Item> &after,
                       const QList<BundleMerge::ItemChange> &changes, bool reordered)
{
    for (const BundleMerge::ItemChange &change : changes) {
        switch (change.kind) {
        case BundleMerge::ItemChange::Kind::Added:
            record.add(entity, tenantId, tenant, ItemTraits<Item>::key(after[change.newIndex]),
                       change.newIndex, QJsonValue(), ItemTraits<Item>::json(after[change.newIndex]));
            break;
        case BundleMerge::ItemChange::Kind::Changed:
            record.add(entity, tenantId, tenant, ItemTraits<Item>::key(after[change.newIndex]),
                       change.newIndex, ItemTraits<Item>::json(before[change.oldIndex]),
                       ItemTraits<Item>::json(after[change.newIndex]));
            break;
        case BundleMerge::ItemChange::Kind::Removed:
            record.add(entity, tenantId, tenant, ItemTraits<Item>::key(before[change.oldIndex]),
                       change.oldIndex, ItemTraits<Item>::json(before[change.oldIndex]), QJsonValue());
            break;
        }
    }
    if (reordered) {
        // One entry for the new order, rather than one per item that moved.
        QJsonArray oldOrder;
        QJsonArray newOrder;
        for (const Item &item : before)
            oldOrder.append(ItemTraits<Item>::key(item));
        for (const Item &item : after)
            newOrder.append(ItemTraits<Item>::key(item));
        record.add(entity, tenantId, tenant, QString(), -1, oldOrder, newOrder);
    }
}

// Writes one list as an import left it: nothing when it is unchanged, changed items in place
// and new ones at the end when that is all that happened (re-importing a bundle after editing a
// rule or adding one), otherwise the whole list.
template<typename Item>
bool writeItems(Store &store, Entity entity, qint64 tenantId, const QList<Item> &before,
                const QList<Item> &after, const QList<BundleMerge::ItemChange> &changes, bool reordered)
{
    if (before == after)
        return true;
    const ListTable &table = *tableOf(entity);
    const bool inPlace =
        !reordered && std::all_of(changes.begin(), changes.end(), [&](const BundleMerge::ItemChange &change) {
            switch (change.kind) {
            case BundleMerge::ItemChange::Kind::Changed:
                return change.oldIndex == change.newIndex;
            case BundleMerge::ItemChange::Kind::Added:
                return change.newIndex >= before.size();
            case BundleMerge::ItemChange::Kind::Removed:
                return false;
            }
            return false;
        });
    if (!inPlace)
        return store.replaceItems(entity, tenantId, after);
    // With nothing removed, nothing reordered and additions only at the end, every kept item
    // is at its old index: only the changes need writing.
    for (const BundleMerge::ItemChange &change : changes) {
        const bool ok = change.kind == BundleMerge::ItemChange::Kind::Changed
            ? store.updateItem(table, tenantId, change.newIndex, after[change.newIndex])
            : store.insertItem(table, tenantId, change.newIndex, after[change.newIndex]);
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

WorkspaceResult<ImportReport> Workspace::importBundle(const Bundle &bundle, ImportMode mode)
{
    // The bundle as a whole first: nothing of a bundle with any problem is imported.
    JsonProblems problems;
    QStringList names;
    for (int i = 0; i < bundle.tenants.size(); ++i) {
        const QString path = JsonObjectReader::indexPath(u"tenants"_s, i);
        problems.append(TenantValidation::checkTenant(bundle.tenants[i], path));
        if (names.contains(bundle.tenants[i].name))
            problems.append({ path + u".name",
                              u"another tenant is already called \"%1\""_s.arg(bundle.tenants[i].name) });
        names.append(bundle.tenants[i].name);
    }
    if (!problems.isEmpty())
        return invalid(u"the bundle was not imported"_s, problems);

    ImportReport report;
    report.mode = mode;
    const auto edited = edit([&](Store &store, EditRecord &record) -> std::optional<WorkspaceError> {
        const auto count = store.tenantCount();
        if (!count)
            return store.c.failure(u"cannot import the bundle"_s);
        int nextPosition = int(*count);
        for (int i = 0; i < bundle.tenants.size(); ++i) {
            const Tenant &incoming = bundle.tenants[i];
            bool failed = false;
            const auto id = store.tenantId(incoming.name, &failed);
            if (failed)
                return store.c.failure(u"cannot import the bundle"_s);
            std::optional<Tenant> current;
            if (id) {
                current = store.tenant(*id);
                if (!current)
                    return store.c.failure(u"cannot import the bundle"_s);
            }
            const BundleMerge::Result merged = BundleMerge::merge(current, incoming, mode);
            report.tenants.append(merged.report);
            if (!merged.report.changesAnything())
                continue;
            // Workspace and bundle together: an application may name a rule the merge changed.
            JsonProblems mergedProblems;
            for (const FieldProblem &problem : merged.tenant.validate()) {
                mergedProblems.append(
                    { JsonObjectReader::indexPath(u"tenants"_s, i) + u'.' + problem.field
                          + (problem.index >= 0 ? u'[' + QString::number(problem.index) + u']' : QString()),
                      problem.message });
            }
            if (!mergedProblems.isEmpty())
                return invalid(u"the bundle was not imported: tenant \"%1\" after the %2"_s.arg(
                                   incoming.name, importModeName(mode)),
                               mergedProblems);

            if (!id) {
                const auto newId = store.insertTenant(merged.tenant, nextPosition++, {});
                if (!newId)
                    return store.c.failure(u"cannot import the bundle"_s);
                record.add(Entity::Tenant, *newId, incoming.name, QString(), -1, QJsonValue(),
                           HistoryValue::fromText(WorkspaceRows::tenantJson(merged.tenant, {})));
                continue;
            }
            const TenantSettings oldSettings = TenantSettings::of(*current);
            const TenantSettings newSettings = TenantSettings::of(merged.tenant);
            if (oldSettings != newSettings) {
                if (!store.updateSettings(*id, newSettings))
                    return store.c.failure(u"cannot import the bundle"_s);
                record.add(Entity::Settings, *id, incoming.name, QString(), -1, oldSettings.toJson(),
                           newSettings.toJson());
            }
            if (!writeItems(store, Entity::Rule, *id, current->rules, merged.tenant.rules, merged.ruleChanges,
                            merged.report.rulesReordered)
                || !writeItems(store, Entity::Application, *id, current->applications,
                               merged.tenant.applications, merged.applicationChanges,
                               merged.report.applicationsReordered))
                return store.c.failure(u"cannot import the bundle"_s);
            recordItemChanges(record, Entity::Rule, *id, incoming.name, current->rules, merged.tenant.rules,
                              merged.ruleChanges, merged.report.rulesReordered);
            recordItemChanges(record, Entity::Application, *id, incoming.name, current->applications,
                              merged.tenant.applications, merged.applicationChanges,
                              merged.report.applicationsReordered);
        }
        record.summary = report.summary();
        return std::nullopt;
    });
    if (!edited)
        return edited.error();
    report.edit = *edited;
    return report;
}

} // namespace cors
