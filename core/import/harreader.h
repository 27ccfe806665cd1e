#pragma once

#include "harlog.h"
#include "model/jsonproblem.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace cors {

// Reads a HAR 1.2 file (and 1.1, its predecessor) as Chromium and Firefox save it. Every problem
// with a field CORS Studio uses is reported with its JSON path
// (`log.entries[12].response.status: expected a whole number, found a string`), and a file with
// any problem gives nothing at all — never half a HAR. Fields CORS Studio does not use, and the
// browsers' custom fields ("_…") of an unexpected type, are ignored, so that what a browser adds
// next year does not make its files unreadable.
//
// Hostile or broken files meet limits instead of exhausting memory: see Limits. Response bodies
// are not kept, but one that claims to be base64 ("encoding": "base64") must be base64.
class HarReader
{
public:
    struct Limits
    {
        // DevTools keeps every body it recorded in the file; 128 MiB holds a long session of an
        // application's own API traffic. A file over the limit is refused before it is read.
        qint64 maxFileBytes = qint64(128) * 1024 * 1024;
        qsizetype maxEntries = 50000;
        // Problems listed before "… and N more"; a broken generator repeats one mistake per entry.
        qsizetype maxProblems = 20;
    };

    static std::optional<HarLog> read(const QByteArray &json, JsonProblems *problems);
    static std::optional<HarLog> read(const QByteArray &json, JsonProblems *problems, const Limits &limits);
    // Problems about the file itself (cannot be opened, too large) have an empty path.
    static std::optional<HarLog> readFile(const QString &fileName, JsonProblems *problems);
    static std::optional<HarLog> readFile(const QString &fileName, JsonProblems *problems,
                                          const Limits &limits);

    // Where the first character that is not base64 is (RFC 4648 §4, with or without padding),
    // or -1 when `text` is valid base64.
    static qsizetype invalidBase64At(QStringView text);
};

} // namespace cors
