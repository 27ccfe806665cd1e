#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace cors {

// Strings a `regex:` rule's expression matches, built from the expression itself, with a note of
// where each character came from. The linter needs them to reason about what the administrator
// meant (the literal parts: "https://", "example", "\.", "com") and to craft attacker origins
// that vary exactly the parts that were not written literally (an unescaped ".", a class such
// as "[a-z]+" or "\w+", a trailing ".*"); whether such an origin really matches is then decided
// by the compiled rule index, never by this class.
//
// It understands the subset of PCRE that origin patterns are written in: literals and escapes,
// ".", classes ("[a-z0-9-]", "[^.]", "\d", "\w", "\s" and their negations), groups (capturing,
// "(?:…)", named, atomic, inline flags), alternation, the quantifiers ?, *, +, {m}, {m,} and
// {m,n} (greedy, lazy or possessive), "\Q…\E", and the zero-width anchors ^, $, \b, \A, \z.
// Lookaround, backreferences, recursion, conditionals, \p{…} and POSIX classes are refused:
// sample() then returns nullopt and the linter reports nothing it cannot prove.
class RegexSampler
{
public:
    // Where one character of a sample came from.
    enum class Source : quint8 {
        Literal, // written as that character, or escaped ("\.")
        Dot, // an unquantified "." (usually meant as a literal dot, and unescaped by mistake)
        Class, // a character class, "\w" and friends, or a repeated "."
    };

    struct Sample
    {
        QString text;
        QList<Source> sources; // one per character of `text`
        QList<int> tokens; // one per character: the "." or class that produced it, or -1

        friend bool operator==(const Sample &, const Sample &) = default;
    };

    // Up to `limit` distinct strings the expression matches, the one with every optional part left
    // out and every alternation's first branch first; nullopt when the expression uses syntax
    // outside the subset above, or only matches strings far longer than any origin.
    static std::optional<QList<Sample>> sample(QStringView pattern, int limit = 16);
};

} // namespace cors
