#pragma once

#include <QString>

namespace cors {

// What a domain looks like to a person, to catch look-alike (homograph) domains: two trusted
// registrable domains that read the same (acme.example and acrne.example, examp1e.com and
// example.com), or one IDN label that spells Latin-looking words in Cyrillic or Greek letters
// (xn--pple-43d.com is "аpple.com" with a Cyrillic "а") — the domains an attacker registers to
// be trusted by a reviewer's eye.
class DomainSkeleton
{
public:
    // The domain (ASCII, punycode allowed) with what people confuse folded together: Cyrillic and
    // Greek letters that look Latin become those Latin letters, "0" becomes "o", "1" becomes "l",
    // "rn" becomes "m" and "vv" becomes "w".
    static QString of(const QString &asciiDomain);
    // Whether a label of the host, decoded from punycode, mixes Latin letters with Cyrillic or
    // Greek ones, or is written only in Cyrillic or Greek letters that all look Latin.
    static bool isHomograph(const QString &asciiHost);
};

} // namespace cors
