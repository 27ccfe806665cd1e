#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

#include <optional>

namespace cors {

// The tables of a workspace and how a workspace of an older schema is brought up to date.
//
// The schema version is `PRAGMA user_version`; `PRAGMA application_id` marks the file as a CORS
// Studio workspace, so that another program's SQLite file is recognized and left alone. A newer
// CORS Studio adds a migration to the end of the list and bumps kVersion; a workspace is
// migrated forward on opening, all steps in the one transaction the caller holds, so a failed or
// interrupted upgrade leaves the workspace at its old version.
class WorkspaceSchema
{
public:
    static constexpr int kVersion = 1;
    static constexpr qint32 kApplicationId = 0x434f5253; // "CORS"

    // What an existing SQLite file holds, read without writing anything.
    struct FileState
    {
        enum class Kind {
            Empty, // no tables, no application id: a new or zero-length file
            Workspace, // a CORS Studio workspace of `version`
            Foreign, // another program's database
        };
        Kind kind = Kind::Empty;
        int version = 0;
    };

    // What the 100-byte header of an SQLite database file says (sqlite.org/fileformat.html,
    // "The Database Header"). Read from the file's bytes, it can be trusted when no WAL holds
    // frames that are not yet in the file.
    struct FileHeader
    {
        bool wal = false; // journal_mode=WAL
        qint32 applicationId = 0;
        int userVersion = 0;
        qint64 pageCount = 0;
    };

    // nullopt when the bytes are not the start of an SQLite database.
    static std::optional<FileHeader> readHeader(const QByteArray &firstBytes, qint64 fileSize);
    static FileState classify(const FileHeader &header);
    static std::optional<FileState> inspect(const QSqlDatabase &database, QSqlError *error);

    // Brings a database of `fromVersion` (0 for an empty one) to kVersion, inside a write
    // transaction the caller has begun and will commit.
    static bool migrate(const QSqlDatabase &database, int fromVersion, QSqlError *error);
};

} // namespace cors
