#pragma once

#include "model/rule.h"

#include <QString>

#include <optional>

namespace cors {

// Regular expressions over the serialized origin that the exporters put into server
// configurations. Every expression built here uses only syntax that PCRE2 (nginx, Apache httpd,
// QRegularExpression) and JavaScript read the same way: ^ $ (?: (?= (?! [..] [0-9] \. | ? * +.
// They are meant for origins that passed canonicalOrigin(): lower-case ASCII without white
// space or line breaks, where ^/$ and \A/\z cannot differ.
class OriginRegex
{
public:
    // A serialized origin exactly as Origin::serialize() writes it (and as every browser sends
    // it): "null", or http(s)://host[:port] with a lower-case host that is a name, a
    // dotted-decimal IPv4 address or a bracketed IPv6 address, and no default port.
    static QString canonicalOrigin();

    // The decimal numbers first..last, without leading zeros, as an alternation (no anchors).
    static QString portRange(int first, int last);
    // Escapes every character that is not a letter or digit.
    static QString escape(QStringView literal);

    // The origins `rule` accepts through its domain, protocols and ports, anchored; for a regex
    // rule the rule's own pattern is inserted as `userPattern` (PCRE2 as written, or its
    // JavaScript translation). Matching is meant to be case-insensitive, like the engine's.
    static QString forRule(const Rule &rule, const QString &userPattern = QString());
    // Exactly one serialized origin (an application's JavaScript origin), anchored.
    static QString forOrigin(const QString &serializedOrigin);

    // The rule's regex pattern as JavaScript source, or nullopt with the reason when it uses
    // PCRE syntax that JavaScript reads differently or not at all. Only a conservative subset is
    // translated: literals, escapes \d \D \w \W \s \S \b \B \. and the like, classes without
    // POSIX names, (?: (?= (?! (?<= (?<! groups, greedy and lazy quantifiers, alternation, ^ $.
    static std::optional<QString> toJavaScript(const QString &pcrePattern, QString *why);
    // Why nginx cannot take a rule pattern as it is, or empty. Named groups would become nginx
    // variables (and may clash with $host, $uri, ...).
    static QString nginxProblem(const QString &pcrePattern);
    // Why no target can take a rule pattern as it is, or empty (non-ASCII: the servers match
    // bytes, QRegularExpression matches UTF-16 code points).
    static QString commonProblem(const QString &pcrePattern);
};

} // namespace cors
