#include "workspaceschema.h"

#include <QSqlQuery>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

// One forward step: the statements that take a workspace from toVersion - 1 to toVersion.
struct Migration
{
    int toVersion;
    QStringList statements;
};

// Version 1. Lists (methods, header names, ports, origins) are JSON arrays of strings and test
// case data is JSON, so that the file reads well in the sqlite3 shell. Positions order rules,
// applications and test cases within their tenant; UNIQUE keeps two items from sharing one.
const QStringList &version1()
{
    static const QStringList statements = {
        uR"(CREATE TABLE tenants (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            position INTEGER NOT NULL UNIQUE,
            name TEXT NOT NULL UNIQUE CHECK (name <> ''),
            description TEXT NOT NULL DEFAULT '',
            production INTEGER NOT NULL DEFAULT 0 CHECK (production IN (0, 1)),
            api_type TEXT NOT NULL CHECK (api_type IN ('basic', 'intermediate', 'advanced')),
            profile TEXT NOT NULL CHECK (profile IN ('strict', 'boomi', 'webmethods', 'apig')),
            backend_merge TEXT NOT NULL
                CHECK (backend_merge IN ('backend-wins', 'gateway-wins', 'passthrough-if-no-rule')),
            auth_type TEXT NOT NULL CHECK (auth_type IN ('none', 'basic', 'token')),
            auth_user TEXT NOT NULL DEFAULT '',
            auth_password TEXT NOT NULL DEFAULT '',
            auth_header TEXT NOT NULL DEFAULT '',
            auth_value TEXT NOT NULL DEFAULT ''
        ))"_s,
        uR"(CREATE TABLE rules (
            id INTEGER PRIMARY KEY,
            tenant_id INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            domain TEXT NOT NULL,
            protocols TEXT NOT NULL,
            ports TEXT NOT NULL,
            methods TEXT NOT NULL,
            allow_headers TEXT NOT NULL,
            expose_headers TEXT NOT NULL,
            allow_credentials INTEGER NOT NULL CHECK (allow_credentials IN (0, 1)),
            cache_preflight INTEGER NOT NULL CHECK (cache_preflight IN (0, 1)),
            max_age INTEGER NOT NULL CHECK (max_age >= 0),
            enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (tenant_id, position)
        ))"_s,
        // Applications name rules by domain: finding "the first enabled rule for a domain" must
        // not scan a tenant's rules.
        uR"(CREATE INDEX rules_by_domain ON rules (tenant_id, domain))"_s,
        uR"(CREATE TABLE applications (
            id INTEGER PRIMARY KEY,
            tenant_id INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            origins TEXT NOT NULL,
            rule TEXT NOT NULL DEFAULT '',
            UNIQUE (tenant_id, position)
        ))"_s,
        uR"(CREATE TABLE test_cases (
            id INTEGER PRIMARY KEY,
            tenant_id INTEGER NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            fetches TEXT NOT NULL,
            expected TEXT NOT NULL,
            UNIQUE (tenant_id, position),
            UNIQUE (tenant_id, name)
        ))"_s,
        // The history outlives what it describes: no foreign key to tenants, and the tenant's
        // name as it was. AUTOINCREMENT: an edit's number is never given to another edit.
        uR"(CREATE TABLE edits (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            summary TEXT NOT NULL
        ))"_s,
        uR"(CREATE TABLE changes (
            id INTEGER PRIMARY KEY,
            edit_id INTEGER NOT NULL REFERENCES edits (id) ON DELETE CASCADE,
            entity TEXT NOT NULL CHECK (entity IN ('tenant', 'settings', 'rule', 'application', 'testCase')),
            tenant_id INTEGER,
            tenant TEXT NOT NULL,
            item TEXT NOT NULL DEFAULT '',
            position INTEGER,
            old_value TEXT,
            new_value TEXT
        ))"_s,
        uR"(CREATE INDEX changes_by_edit ON changes (edit_id))"_s,
        uR"(CREATE INDEX changes_by_tenant ON changes (tenant_id, edit_id))"_s,
    };
    return statements;
}

const QList<Migration> &migrations()
{
    static const QList<Migration> list = {
        { 1, version1() },
    };
    return list;
}

bool execute(const QSqlDatabase &database, const QString &statement, QSqlError *error)
{
    QSqlQuery query(database);
    if (query.exec(statement))
        return true;
    *error = query.lastError();
    return false;
}

std::optional<qint64> integer(const QSqlDatabase &database, const QString &statement, QSqlError *error)
{
    QSqlQuery query(database);
    query.setForwardOnly(true);
    if (!query.exec(statement) || !query.next()) {
        *error = query.lastError();
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

WorkspaceSchema::FileState classifyState(qint64 applicationId, qint64 version, bool hasTables)
{
    WorkspaceSchema::FileState state;
    state.version = int(version);
    if (applicationId == WorkspaceSchema::kApplicationId)
        state.kind = WorkspaceSchema::FileState::Kind::Workspace;
    else if (applicationId == 0 && version == 0 && !hasTables)
        state.kind = WorkspaceSchema::FileState::Kind::Empty;
    else
        state.kind = WorkspaceSchema::FileState::Kind::Foreign;
    return state;
}

quint32 bigEndian32(const QByteArray &bytes, int offset)
{
    return (quint32(quint8(bytes[offset])) << 24) | (quint32(quint8(bytes[offset + 1])) << 16)
        | (quint32(quint8(bytes[offset + 2])) << 8) | quint32(quint8(bytes[offset + 3]));
}

} // namespace

std::optional<WorkspaceSchema::FileHeader> WorkspaceSchema::readHeader(const QByteArray &firstBytes,
                                                                       qint64 fileSize)
{
    static const QByteArray magic("SQLite format 3\0", 16);
    if (firstBytes.size() < 100 || !firstBytes.startsWith(magic))
        return std::nullopt;
    // Offset 16: the page size (1 means 65536); 18 and 19: the write and read versions (2 for
    // WAL); 60: user_version; 68: application_id. All big-endian.
    const quint32 pageSize = (quint32(quint8(firstBytes[16])) << 8) | quint32(quint8(firstBytes[17]));
    const qint64 bytesPerPage = pageSize == 1 ? 65536 : pageSize;
    if (bytesPerPage < 512)
        return std::nullopt;
    FileHeader header;
    header.wal = firstBytes[18] == 2 && firstBytes[19] == 2;
    header.userVersion = int(qint32(bigEndian32(firstBytes, 60)));
    header.applicationId = qint32(bigEndian32(firstBytes, 68));
    header.pageCount = fileSize / bytesPerPage;
    return header;
}

WorkspaceSchema::FileState WorkspaceSchema::classify(const FileHeader &header)
{
    // Every table has a root page of its own besides page 1, the schema: a database of one
    // page has no tables.
    return classifyState(header.applicationId, header.userVersion, header.pageCount > 1);
}

std::optional<WorkspaceSchema::FileState> WorkspaceSchema::inspect(const QSqlDatabase &database,
                                                                   QSqlError *error)
{
    // The first statement reads the file header; a file that is not SQLite fails here with
    // SQLITE_NOTADB.
    const auto applicationId = integer(database, u"PRAGMA application_id"_s, error);
    if (!applicationId)
        return std::nullopt;
    const auto version = integer(database, u"PRAGMA user_version"_s, error);
    if (!version)
        return std::nullopt;
    const auto objects = integer(database, u"SELECT count(*) FROM sqlite_master"_s, error);
    if (!objects)
        return std::nullopt;

    return classifyState(*applicationId, *version, *objects > 0);
}

bool WorkspaceSchema::migrate(const QSqlDatabase &database, int fromVersion, QSqlError *error)
{
    for (const Migration &migration : migrations()) {
        if (migration.toVersion <= fromVersion)
            continue;
        for (const QString &statement : migration.statements) {
            if (!execute(database, statement, error))
                return false;
        }
    }
    // PRAGMAs take no bound parameters; both values are this file's own constants.
    return execute(database, u"PRAGMA application_id = %1"_s.arg(kApplicationId), error)
        && execute(database, u"PRAGMA user_version = %1"_s.arg(kVersion), error);
}

} // namespace cors
