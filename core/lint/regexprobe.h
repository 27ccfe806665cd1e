#pragma once

#include "engine/ruleindex.h"
#include "model/origin.h"

#include <QList>
#include <QString>

namespace cors {

class PublicSuffixList;

// What one `regex:` rule really accepts, proven through the compiled RuleIndex.
//
// The expression is sampled (RegexSampler) to learn what it was written for: the origins its
// literal parts spell, and the registrable domains ("eTLD+1", by the Public Suffix List) those
// origins lie under. Then attacker origins are crafted from each sample the way real bypasses
// are built — a domain appended (https://example.com.evil.invalid), prepended
// (https://evilexample.com), an unescaped dot replaced (https://appxexample.com), a character
// class filled with another name (https://evil.github.io), a digit appended to the port
// (https://example.com:4430), the scheme downgraded — and each is offered to the rule index. A
// result is reported only when the index accepts the crafted origin for this rule and, for a
// bypass, its registrable domain is one the expression never spelled out and one an attacker can
// register ("evil.invalid" stands for any domain the attacker owns).
class RegexProbe
{
public:
    enum class Kind {
        AnyOrigin, // accepts an unrelated origin: it trusts everyone
        PrefixMatch, // https://example.com.evil.invalid
        SuffixMatch, // https://evilexample.com
        SubstringMatch, // https://evilexample.com.evil.invalid
        UnescapedDot, // https://appxexample.com
        UnescapedDotUnproven, // an unescaped dot that no registrable origin exploits
        BroadClass, // a class accepts another registrable domain (https://app.example.net)
        PublicSuffixWildcard, // a class covers every name under an ICANN public suffix
        UserContentWildcard, // a class covers every name under a PSL private-section suffix
        AnySubdomain, // every subdomain of the intended domain
        PortBleed, // any port, or an appended digit
        HttpOrigin, // an http:// origin that is not loopback
        NonCanonical, // only matches a serialization browsers never send (https://x:443)
        NeverMatches, // no origin at all (no scheme, a path, a protocol the rule does not allow)
        NotAnalysed, // syntax outside what the sampler understands
    };

    struct Result
    {
        Kind kind = Kind::AnyOrigin;
        QString proof; // the crafted origin the index accepts, when there is one
        QString detail; // what the sample was, or why nothing matches

        friend bool operator==(const Result &, const Result &) = default;
    };

    struct Analysis
    {
        // Canonical origins the rule accepts, built from its expression: what it is meant for.
        QList<Origin> samples;
        // Of those, the ones whose host is spelled out literally (no class, no repeated ".").
        QList<Origin> literalSamples;
        // Registrable domains the expression spells out literally.
        QStringList intendedDomains;
        QList<Result> results;
    };

    static Analysis analyse(const RuleIndex &index, int ruleIndex, const QString &expression,
                            const PublicSuffixList &publicSuffixes);
};

} // namespace cors
