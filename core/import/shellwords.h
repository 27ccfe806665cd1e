#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace cors {

// Splits a command line into words the way bash does, for the part of bash that the browsers'
// "Copy as cURL (bash)" writes (Chromium: front_end/panels/network/NetworkLogView.ts,
// generateCurlCommand; Firefox: devtools/client/shared/curl.js) and that people type around it:
//   'single quotes'          taken literally; '\'' ends, escapes and reopens a quote
//   $'ANSI-C quotes'         \n \r \t \\ \' \" \xHH \uHHHH \UHHHHHHHH \NNN \cX … (bash manual,
//                            "ANSI-C Quoting"); Chromium uses it for values with control
//                            characters, "!" or "'", Firefox for anything outside ASCII 32-126
//   "double quotes"          \ escapes only $ ` " \ and a newline
//   backslash + newline      a line continuation (also before CR LF, as pasted from Windows)
//   # at the start of a word a comment to the end of the line
// Words are bytes: \xHH is one raw byte (what bash hands curl), \u and \U are UTF-8, and the rest
// of the text is UTF-8.
//
// What a shell would run rather than pass to curl is refused, with its position: parameter
// expansion ($NAME, ${…}), command substitution ($(…), `…`), and the operators ; & | < > ( ).
// Pasting them into CORS Studio would otherwise silently give a different request than the
// shell does.
class ShellWords
{
public:
    struct Word
    {
        QByteArray text;
        qsizetype start = 0; // offset of the word's first character in the command text
        // Whether any part of the word was quoted or escaped: "-X" and '-X' are the same word to
        // curl, but an option-like word that was quoted is still an option.
        bool quoted = false;

        friend bool operator==(const Word &, const Word &) = default;
    };

    struct Error
    {
        qsizetype offset = 0; // where in the command text
        QString message;

        friend bool operator==(const Error &, const Error &) = default;
    };

    // The words, or nullopt with `error` set.
    static std::optional<QList<Word>> split(QStringView text, Error *error);

    // 1-based line and column of an offset, for messages ("line 3, column 12").
    static std::pair<int, int> lineAndColumn(QStringView text, qsizetype offset);
};

} // namespace cors
