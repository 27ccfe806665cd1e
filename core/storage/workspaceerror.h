#pragma once

#include <QString>

namespace cors {

// Why an operation on a workspace did not happen. Whatever the reason, nothing was changed: a
// refused or failed edit leaves the file exactly as the last committed edit left it.
struct WorkspaceError
{
    enum class Code {
        NotFound, // the file does not exist, or the tenant, rule, … that an edit names
        NotAWorkspace, // the file is not a CORS Studio workspace (another program's file)
        NewerVersion, // written by a newer CORS Studio, whose schema this one cannot read
        NeedsUpgrade, // an older schema, opened read-only, so it cannot be upgraded
        ReadOnly, // the file or its folder cannot be written, or it was opened read-only
        Locked, // another program holds SQLite's lock on the file
        InUse, // another CORS Studio has the workspace open for editing
        Invalid, // the value would not be usable (the message names the field)
        Conflict, // the name is already taken
        Failed, // SQLite or the file system failed: disk full, I/O error, damaged file
    };

    Code code = Code::Failed;
    QString message;

    // "not-found", "read-only", … for logs and corsctl's JSON.
    static QString codeName(Code code);

    friend bool operator==(const WorkspaceError &, const WorkspaceError &) = default;
};

} // namespace cors
