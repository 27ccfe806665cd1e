#include "domainskeleton.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

// Cyrillic and Greek letters that render like Latin ones (Unicode's confusables.txt, the
// lower-case letters a domain can hold).
char16_t latinLookalike(char16_t u)
{
    switch (u) {
    case 0x0430: // а
    case 0x03B1: // α
        return 'a';
    case 0x0441: // с
        return 'c';
    case 0x0501: // ԁ
        return 'd';
    case 0x0435: // е
    case 0x03B5: // ε
        return 'e';
    case 0x04BB: // һ
        return 'h';
    case 0x0456: // і
    case 0x03B9: // ι
        return 'i';
    case 0x0458: // ј
        return 'j';
    case 0x043A: // к
    case 0x03BA: // κ
        return 'k';
    case 0x04CF: // ӏ
        return 'l';
    case 0x043E: // о
    case 0x03BF: // ο
        return 'o';
    case 0x0440: // р
    case 0x03C1: // ρ
        return 'p';
    case 0x051B: // ԛ
        return 'q';
    case 0x0455: // ѕ
        return 's';
    case 0x03C5: // υ
        return 'u';
    case 0x03BD: // ν
        return 'v';
    case 0x051D: // ԝ
        return 'w';
    case 0x0445: // х
    case 0x03C7: // χ
        return 'x';
    case 0x0443: // у
    case 0x03B3: // γ
        return 'y';
    default:
        return 0;
    }
}

bool isCyrillicOrGreek(char16_t u)
{
    return (u >= 0x0370 && u <= 0x03FF) || (u >= 0x0400 && u <= 0x052F);
}

QString decoded(const QString &ascii)
{
    if (!ascii.contains(u"xn--"))
        return ascii;
    return QUrl::fromAce(ascii.toLatin1(), QUrl::IgnoreIDNWhitelist);
}

} // namespace

QString DomainSkeleton::of(const QString &asciiDomain)
{
    QString folded;
    const QString unicode = decoded(asciiDomain);
    folded.reserve(unicode.size());
    for (const QChar c : unicode) {
        const char16_t latin = latinLookalike(c.unicode());
        folded += latin ? QChar(latin) : c;
    }
    folded.replace(u'0', u'o');
    folded.replace(u'1', u'l');
    folded.replace(u"rn"_s, u"m"_s);
    folded.replace(u"vv"_s, u"w"_s);
    return folded;
}

bool DomainSkeleton::isHomograph(const QString &asciiHost)
{
    if (!asciiHost.contains(u"xn--"))
        return false;
    const QString unicode = decoded(asciiHost);
    for (const QStringView label : QStringView(unicode).split(u'.')) {
        bool latin = false;
        bool other = false;
        bool allLookalike = true;
        for (const QChar c : label) {
            const char16_t u = c.unicode();
            if ((u >= 'a' && u <= 'z'))
                latin = true;
            else if (isCyrillicOrGreek(u)) {
                other = true;
                allLookalike = allLookalike && latinLookalike(u) != 0;
            } else if (c.isLetter()) {
                allLookalike = false;
            }
        }
        if ((latin && other) || (other && !latin && allLookalike))
            return true;
    }
    return false;
}

} // namespace cors
