#include "regexsampler.h"

#include <algorithm>
#include <bitset>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

// The ASCII characters a class accepts (non-ASCII ones never occur in a serialized origin).
using CharSet = std::bitset<128>;

struct Node
{
    enum class Kind { Char, Set, Group, Empty };
    Kind kind = Kind::Empty;
    QChar ch; // Char
    CharSet set; // Set
    bool isDot = false; // Set: written as "."
    QList<QList<Node>> alternatives; // Group
    int min = 1;
    int max = 1; // -1: unbounded
    int token = -1; // Set: its number, for Sample::tokens
};

CharSet rangeSet(char first, char last)
{
    CharSet set;
    for (int c = first; c <= last; ++c)
        set.set(size_t(c));
    return set;
}

CharSet digitSet()
{
    return rangeSet('0', '9');
}

CharSet wordSet()
{
    CharSet set = rangeSet('a', 'z') | rangeSet('A', 'Z') | digitSet();
    set.set('_');
    return set;
}

CharSet spaceSet()
{
    CharSet set;
    for (const char c : { ' ', '\t', '\n', '\r', '\f', '\v' })
        set.set(size_t(c));
    return set;
}

// The character a sample uses for a class: a lower-case letter if it can, since that is what the
// parts of host names that classes stand for mostly are, then a digit (1 first: "\d+" in a port
// must not give port 0), then the punctuation of origins.
std::optional<QChar> representative(const CharSet &set)
{
    static const char preference[] = "abcdefghijklmnopqrstuvwxyz1234567890-._:/ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (const char c : preference) {
        if (c != '\0' && set.test(size_t(c)))
            return QChar(QLatin1Char(c));
    }
    for (int c = 33; c < 127; ++c) {
        if (set.test(size_t(c)))
            return QChar(c);
    }
    return std::nullopt;
}

class Parser
{
public:
    explicit Parser(QStringView pattern)
        : m_pattern(pattern)
    { }

    std::optional<QList<QList<Node>>> parse()
    {
        QList<QList<Node>> alternatives = parseAlternation();
        if (!m_ok || m_pos != m_pattern.size())
            return std::nullopt;
        return alternatives;
    }

private:
    bool atEnd() const { return m_pos >= m_pattern.size(); }
    QChar peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_pattern.size() ? m_pattern[m_pos + ahead] : QChar();
    }
    bool fail()
    {
        m_ok = false;
        return false;
    }

    QList<QList<Node>> parseAlternation()
    {
        QList<QList<Node>> alternatives;
        alternatives.append(parseSequence());
        while (m_ok && !atEnd() && peek() == u'|') {
            ++m_pos;
            alternatives.append(parseSequence());
        }
        return alternatives;
    }

    QList<Node> parseSequence()
    {
        QList<Node> sequence;
        while (m_ok && !atEnd() && peek() != u'|' && peek() != u')') {
            if (peek() == u'\\' && peek(1) == u'Q') {
                // \Q…\E: everything in between is literal.
                m_pos += 2;
                while (!atEnd() && !(peek() == u'\\' && peek(1) == u'E')) {
                    Node node;
                    node.kind = Node::Kind::Char;
                    node.ch = m_pattern[m_pos++];
                    sequence.append(node);
                }
                if (!atEnd())
                    m_pos += 2;
                continue;
            }
            Node node;
            if (!parseAtom(node))
                break;
            parseQuantifier(node);
            if (!m_ok)
                break;
            sequence.append(std::move(node));
        }
        return sequence;
    }

    bool parseAtom(Node &node)
    {
        const QChar c = m_pattern[m_pos++];
        switch (c.unicode()) {
        case '^':
        case '$':
            node.kind = Node::Kind::Empty;
            return true;
        case '.':
            node.kind = Node::Kind::Set;
            node.set.set();
            node.set.reset('\n');
            node.isDot = true;
            node.token = m_nextToken++;
            return true;
        case '[':
            node.kind = Node::Kind::Set;
            node.token = m_nextToken++;
            return parseClass(node.set);
        case '(':
            return parseGroup(node);
        case '\\':
            return parseEscape(node);
        case '*':
        case '+':
        case '?':
            return fail(); // a quantifier with nothing before it
        default:
            node.kind = Node::Kind::Char;
            node.ch = c;
            return true;
        }
    }

    bool parseGroup(Node &node)
    {
        node.kind = Node::Kind::Group;
        if (peek() == u'*')
            return fail(); // (*VERB)
        if (peek() == u'?') {
            ++m_pos;
            const QChar kind = peek();
            if (kind == u':' || kind == u'>' || kind == u'|') {
                ++m_pos;
            } else if (kind == u'#') {
                while (!atEnd() && peek() != u')')
                    ++m_pos;
                if (atEnd())
                    return fail();
                ++m_pos;
                node.kind = Node::Kind::Empty;
                return true;
            } else if ((kind == u'<' && peek(1) != u'=' && peek(1) != u'!') || kind == u'\''
                       || (kind == u'P' && peek(1) == u'<')) {
                const QChar close = kind == u'\'' ? u'\'' : u'>';
                while (!atEnd() && peek() != close)
                    ++m_pos;
                if (atEnd())
                    return fail();
                ++m_pos;
            } else {
                // Inline flags: "(?i)" alone, or "(?i:…)". Extended mode changes what spaces mean.
                qsizetype end = m_pos;
                while (end < m_pattern.size()
                       && (m_pattern[end].isLetter() || m_pattern[end] == u'-' || m_pattern[end] == u'^'))
                    ++end;
                const QStringView flags = m_pattern.sliced(m_pos, end - m_pos);
                if (flags.isEmpty() || flags.contains(u'x') || end >= m_pattern.size())
                    return fail(); // lookaround, conditionals, recursion, extended mode
                m_pos = end;
                if (peek() == u')') {
                    ++m_pos;
                    node.kind = Node::Kind::Empty;
                    return true;
                }
                if (peek() != u':')
                    return fail();
                ++m_pos;
            }
        }
        node.alternatives = parseAlternation();
        if (!m_ok || atEnd() || peek() != u')')
            return fail();
        ++m_pos;
        return true;
    }

    // One escaped character inside or outside a class; sets `single` for a plain character,
    // `set` for a class escape. Returns false for escapes outside the subset.
    bool parseEscapedChar(QChar &single, CharSet &set, bool &isSet, bool inClass)
    {
        if (atEnd())
            return fail();
        const QChar c = m_pattern[m_pos++];
        isSet = false;
        switch (c.unicode()) {
        case 'd':
            set = digitSet();
            isSet = true;
            return true;
        case 'D':
            set = ~digitSet();
            isSet = true;
            return true;
        case 'w':
            set = wordSet();
            isSet = true;
            return true;
        case 'W':
            set = ~wordSet();
            isSet = true;
            return true;
        case 's':
            set = spaceSet();
            isSet = true;
            return true;
        case 'S':
            set = ~spaceSet();
            isSet = true;
            return true;
        case 'n':
            single = u'\n';
            return true;
        case 't':
            single = u'\t';
            return true;
        case 'r':
            single = u'\r';
            return true;
        case 'f':
            single = u'\f';
            return true;
        case 'v':
            single = u'\v';
            return true;
        case 'e':
            single = QChar(0x1b);
            return true;
        case 'b':
            if (inClass) {
                single = QChar(0x08);
                return true;
            }
            return fail();
        case 'x': {
            qsizetype start = m_pos;
            qsizetype end = m_pos;
            if (peek() == u'{') {
                start = m_pos + 1;
                end = m_pattern.indexOf(u'}', start);
                if (end < 0)
                    return fail();
                m_pos = end + 1;
            } else {
                while (end < m_pattern.size() && end - start < 2 && m_pattern[end].isLetterOrNumber())
                    ++end;
                m_pos = end;
            }
            bool ok = false;
            const uint code = m_pattern.sliced(start, end - start).toUInt(&ok, 16);
            if (!ok || code > 0xffff)
                return fail();
            single = QChar(char16_t(code));
            return true;
        }
        default:
            if (c.isLetterOrNumber())
                return fail(); // backreferences, \p{…}, \k<…>, \R, \X, \h, …
            single = c;
            return true;
        }
    }

    bool parseEscape(Node &node)
    {
        const QChar next = peek();
        if (next == u'b' || next == u'B' || next == u'A' || next == u'z' || next == u'Z' || next == u'G') {
            ++m_pos;
            node.kind = Node::Kind::Empty;
            return true;
        }
        QChar single;
        CharSet set;
        bool isSet = false;
        if (!parseEscapedChar(single, set, isSet, false))
            return false;
        if (isSet) {
            node.kind = Node::Kind::Set;
            node.set = set;
            node.token = m_nextToken++;
        } else {
            node.kind = Node::Kind::Char;
            node.ch = single;
        }
        return true;
    }

    bool parseClass(CharSet &result)
    {
        bool negated = false;
        if (peek() == u'^') {
            negated = true;
            ++m_pos;
        }
        CharSet set;
        bool first = true;
        while (true) {
            if (atEnd())
                return fail();
            QChar c = m_pattern[m_pos];
            if (c == u']' && !first) {
                ++m_pos;
                break;
            }
            first = false;
            if (c == u'[' && peek(1) == u':')
                return fail(); // POSIX classes
            ++m_pos;
            QChar low = c;
            if (c == u'\\') {
                CharSet escaped;
                bool isSet = false;
                if (!parseEscapedChar(low, escaped, isSet, true))
                    return false;
                if (isSet) {
                    set |= escaped;
                    continue;
                }
            }
            if (peek() == u'-' && peek(1) != u']' && m_pos + 1 < m_pattern.size()) {
                ++m_pos;
                QChar high = m_pattern[m_pos++];
                if (high == u'\\') {
                    CharSet escaped;
                    bool isSet = false;
                    if (!parseEscapedChar(high, escaped, isSet, true) || isSet)
                        return fail();
                }
                if (high < low)
                    return fail();
                for (char16_t u = low.unicode(); u <= high.unicode() && u < 128; ++u)
                    set.set(u);
                continue;
            }
            if (low.unicode() < 128)
                set.set(low.unicode());
        }
        result = negated ? ~set : set;
        return true;
    }

    void parseQuantifier(Node &node)
    {
        if (atEnd())
            return;
        const QChar c = peek();
        int min = 1;
        int max = 1;
        if (c == u'?') {
            min = 0;
        } else if (c == u'*') {
            min = 0;
            max = -1;
        } else if (c == u'+') {
            max = -1;
        } else if (c == u'{') {
            // {m}, {m,}, {m,n}; anything else is a literal "{" (PCRE).
            const qsizetype close = m_pattern.indexOf(u'}', m_pos);
            if (close < 0)
                return;
            const QStringView body = m_pattern.sliced(m_pos + 1, close - m_pos - 1);
            const qsizetype comma = body.indexOf(u',');
            bool okMin = false;
            bool okMax = true;
            min = (comma < 0 ? body : body.first(comma)).toInt(&okMin);
            if (comma < 0)
                max = min;
            else if (body.sliced(comma + 1).isEmpty())
                max = -1;
            else
                max = body.sliced(comma + 1).toInt(&okMax);
            if (!okMin || !okMax || min < 0 || (max >= 0 && max < min))
                return;
            m_pos = close; // the shared ++m_pos below steps over "}"
        } else {
            return;
        }
        ++m_pos;
        if (!atEnd() && (peek() == u'?' || peek() == u'+'))
            ++m_pos; // lazy or possessive: the same strings
        if (node.kind == Node::Kind::Empty)
            return;
        node.min = min;
        node.max = max;
    }

    QStringView m_pattern;
    qsizetype m_pos = 0;
    bool m_ok = true;
    int m_nextToken = 0;
};

using Sample = RegexSampler::Sample;

// No serialized origin is longer: a scheme, a 253-character host and a port. A sample that grows
// past this ("(a{1000}){1000}") is not an origin, and building it would only cost memory.
constexpr qsizetype kMaxSampleLength = 512;

void appendSample(Sample &to, const Sample &from, bool &ok)
{
    if (to.text.size() + from.text.size() > kMaxSampleLength) {
        ok = false;
        return;
    }
    to.text += from.text;
    to.sources += from.sources;
    to.tokens += from.tokens;
}

QList<Sample> expandAlternatives(const QList<QList<Node>> &alternatives, int limit, bool &ok);

QList<Sample> expandSequence(const QList<Node> &sequence, int limit, bool &ok);

QList<Sample> expandNode(const Node &node, int limit, bool &ok)
{
    // Optional parts are left out first, then put in once; other repeats take their minimum.
    QList<int> counts;
    if (node.min == 0)
        counts = { 0, 1 };
    else
        counts = { node.min };
    const bool quantified = node.min != 1 || node.max != 1;

    QList<Sample> once;
    switch (node.kind) {
    case Node::Kind::Empty:
        return { Sample() };
    case Node::Kind::Char:
        once = { Sample { QString(node.ch), { RegexSampler::Source::Literal }, { -1 } } };
        break;
    case Node::Kind::Set: {
        std::optional<QChar> c;
        if (node.isDot && !quantified)
            c = u'.';
        else
            c = representative(node.set);
        if (!c) {
            ok = false;
            return {};
        }
        const auto source =
            node.isDot && !quantified ? RegexSampler::Source::Dot : RegexSampler::Source::Class;
        once = { Sample { QString(*c), { source }, { node.token } } };
        break;
    }
    case Node::Kind::Group:
        once = expandAlternatives(node.alternatives, limit, ok);
        break;
    }
    if (!ok)
        return {};

    QList<Sample> result;
    for (const int count : counts) {
        QList<Sample> repeated = { Sample() };
        for (int i = 0; i < count && ok; ++i) {
            QList<Sample> next;
            for (const Sample &prefix : std::as_const(repeated)) {
                for (const Sample &part : std::as_const(once)) {
                    if (next.size() >= limit || !ok)
                        break;
                    Sample joined = prefix;
                    appendSample(joined, part, ok);
                    next.append(joined);
                }
            }
            repeated = next;
        }
        if (!ok)
            return {};
        for (const Sample &sample : std::as_const(repeated)) {
            if (result.size() < limit)
                result.append(sample);
        }
    }
    return result;
}

QList<Sample> expandSequence(const QList<Node> &sequence, int limit, bool &ok)
{
    QList<Sample> results = { Sample() };
    for (const Node &node : sequence) {
        const QList<Sample> variants = expandNode(node, limit, ok);
        if (!ok)
            return {};
        QList<Sample> next;
        for (const Sample &prefix : std::as_const(results)) {
            for (const Sample &variant : variants) {
                if (next.size() >= limit || !ok)
                    break;
                Sample joined = prefix;
                appendSample(joined, variant, ok);
                next.append(joined);
            }
        }
        if (!ok)
            return {};
        results = next;
    }
    return results;
}

QList<Sample> expandAlternatives(const QList<QList<Node>> &alternatives, int limit, bool &ok)
{
    QList<Sample> result;
    for (const QList<Node> &alternative : alternatives) {
        for (const Sample &sample : expandSequence(alternative, limit, ok)) {
            if (!ok)
                return {};
            if (result.size() < limit)
                result.append(sample);
        }
    }
    return result;
}

} // namespace

std::optional<QList<RegexSampler::Sample>> RegexSampler::sample(QStringView pattern, int limit)
{
    Parser parser(pattern);
    const auto alternatives = parser.parse();
    if (!alternatives)
        return std::nullopt;
    bool ok = true;
    const QList<Sample> expanded = expandAlternatives(*alternatives, qMax(1, limit), ok);
    if (!ok)
        return std::nullopt;
    QList<Sample> unique;
    for (const Sample &sample : expanded) {
        const bool seen = std::any_of(unique.cbegin(), unique.cend(),
                                      [&](const Sample &other) { return other.text == sample.text; });
        if (!seen)
            unique.append(sample);
    }
    return unique;
}

} // namespace cors
