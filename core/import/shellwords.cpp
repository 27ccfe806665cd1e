#include "shellwords.h"

using namespace Qt::StringLiterals;

namespace cors {

namespace {

bool isBlank(QChar c)
{
    // Bash splits words at spaces, tabs and newlines. A carriage return is not a separator to
    // bash, but text copied on Windows or from a chat window carries CR LF line ends, and a stray
    // CR inside a word is never what was meant.
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

bool isOperator(QChar c)
{
    return c == u';' || c == u'&' || c == u'|' || c == u'<' || c == u'>' || c == u'(' || c == u')';
}

// After "$": what bash expands (a name, a positional or special parameter, ${…}, $(…)).
bool startsExpansion(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'{' || c == u'(' || c == u'@' || c == u'*' || c == u'#'
        || c == u'?' || c == u'$' || c == u'!' || c == u'-';
}

int hexValue(QChar c)
{
    if (c >= u'0' && c <= u'9')
        return c.unicode() - u'0';
    if (c >= u'a' && c <= u'f')
        return c.unicode() - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c.unicode() - u'A' + 10;
    return -1;
}

void appendCodePoint(QByteArray &out, char32_t cp)
{
    if (cp < 0x80) {
        out.append(char(cp));
    } else if (cp < 0x800) {
        out.append(char(0xC0 | (cp >> 6)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.append(char(0xE0 | (cp >> 12)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else {
        out.append(char(0xF0 | (cp >> 18)));
        out.append(char(0x80 | ((cp >> 12) & 0x3F)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    }
}

class Splitter
{
public:
    Splitter(QStringView text, ShellWords::Error *error)
        : m_text(text)
        , m_error(error)
    { }

    std::optional<QList<ShellWords::Word>> run();

private:
    QChar at(qsizetype i) const { return i < m_text.size() ? m_text[i] : QChar(); }
    bool fail(qsizetype offset, const QString &message)
    {
        *m_error = { offset, message };
        return false;
    }
    void begin(qsizetype offset)
    {
        if (m_inWord)
            return;
        m_inWord = true;
        m_word = ShellWords::Word { {}, offset, false };
    }
    void finish()
    {
        if (!m_inWord)
            return;
        m_words.append(m_word);
        m_inWord = false;
    }
    // Appends the character at m_pos (with its low surrogate) as UTF-8 and moves past it.
    void appendCharacter()
    {
        const QChar c = m_text[m_pos];
        if (c.isHighSurrogate() && at(m_pos + 1).isLowSurrogate()) {
            appendCodePoint(m_word.text, QChar::surrogateToUcs4(c, m_text[m_pos + 1]));
            m_pos += 2;
            return;
        }
        appendCodePoint(m_word.text, c.isSurrogate() ? char32_t(0xFFFD) : char32_t(c.unicode()));
        ++m_pos;
    }
    // Length of a backslash-newline line continuation at `i` (0 when there is none).
    qsizetype continuationAt(qsizetype i) const
    {
        if (at(i) != u'\\')
            return 0;
        if (at(i + 1) == u'\n')
            return 2;
        if (at(i + 1) == u'\r' && at(i + 2) == u'\n')
            return 3;
        return 0;
    }
    bool refuseExpansion(qsizetype offset)
    {
        return fail(offset,
                    u"\"$%1\" is shell expansion, which a shell would replace before curl sees it; CORS "
                    "Studio reads the command as DevTools writes it, without running a shell: put the value "
                    "itself there"_s.arg(at(offset + 1)));
    }

    bool singleQuoted();
    bool doubleQuoted();
    bool ansiCQuoted();

    QStringView m_text;
    ShellWords::Error *m_error;
    QList<ShellWords::Word> m_words;
    ShellWords::Word m_word;
    bool m_inWord = false;
    qsizetype m_pos = 0;
};

bool Splitter::singleQuoted()
{
    const qsizetype open = m_pos;
    const qsizetype close = m_text.indexOf(u'\'', open + 1);
    if (close < 0)
        return fail(open, u"this single quote is never closed"_s);
    m_word.text.append(m_text.sliced(open + 1, close - open - 1).toUtf8());
    m_pos = close + 1;
    return true;
}

bool Splitter::doubleQuoted()
{
    const qsizetype open = m_pos;
    ++m_pos;
    while (m_pos < m_text.size()) {
        const QChar c = m_text[m_pos];
        if (c == u'"') {
            ++m_pos;
            return true;
        }
        if (const qsizetype length = continuationAt(m_pos)) {
            m_pos += length;
            continue;
        }
        if (c == u'\\') {
            // Inside double quotes a backslash escapes only $ ` " \ (bash manual, "Double Quotes").
            const QChar next = at(m_pos + 1);
            if (next == u'$' || next == u'`' || next == u'"' || next == u'\\') {
                m_word.text.append(char(next.unicode()));
                m_pos += 2;
            } else {
                m_word.text.append('\\');
                ++m_pos;
            }
            continue;
        }
        if (c == u'$' && startsExpansion(at(m_pos + 1)))
            return refuseExpansion(m_pos);
        if (c == u'`')
            return fail(
                m_pos, u"`…` is command substitution, which a shell would run; put the value itself there"_s);
        appendCharacter();
    }
    return fail(open, u"this double quote is never closed"_s);
}

bool Splitter::ansiCQuoted()
{
    const qsizetype open = m_pos; // at "$"
    m_pos += 2;
    // Reads up to `max` digits of base `base` after m_pos; -1 when there is none.
    const auto digits = [&](int base, int max) -> qint64 {
        qint64 value = -1;
        for (int n = 0; n < max; ++n) {
            const int digit = hexValue(at(m_pos));
            if (digit < 0 || digit >= base)
                break;
            value = (value < 0 ? 0 : value) * base + digit;
            ++m_pos;
        }
        return value;
    };
    while (m_pos < m_text.size()) {
        const QChar c = m_text[m_pos];
        if (c == u'\'') {
            ++m_pos;
            return true;
        }
        if (c != u'\\') {
            appendCharacter();
            continue;
        }
        const qsizetype escape = m_pos;
        const QChar e = at(m_pos + 1);
        if (e.isNull())
            break;
        m_pos += 2;
        switch (e.unicode()) {
        case u'a':
            m_word.text.append('\a');
            break;
        case u'b':
            m_word.text.append('\b');
            break;
        case u'e':
        case u'E':
            m_word.text.append('\x1b');
            break;
        case u'f':
            m_word.text.append('\f');
            break;
        case u'n':
            m_word.text.append('\n');
            break;
        case u'r':
            m_word.text.append('\r');
            break;
        case u't':
            m_word.text.append('\t');
            break;
        case u'v':
            m_word.text.append('\v');
            break;
        case u'\\':
        case u'\'':
        case u'"':
        case u'?':
            m_word.text.append(char(e.unicode()));
            break;
        case u'x': {
            // \xHH is one byte, as bash passes it on (Firefox writes \xe9 for "é").
            const qint64 value = digits(16, 2);
            if (value < 0)
                m_word.text.append("\\x");
            else
                m_word.text.append(char(value));
            break;
        }
        case u'u':
        case u'U': {
            qint64 value = digits(16, e == u'u' ? 4 : 8);
            if (value < 0) {
                m_word.text.append('\\');
                m_word.text.append(char(e.unicode()));
                break;
            }
            // Firefox escapes each UTF-16 code unit of a character outside the BMP on its own
            // (\ud83d\ude00); the two together are the one character the page sent.
            if (value >= 0xD800 && value <= 0xDBFF && at(m_pos) == u'\\' && at(m_pos + 1) == u'u') {
                const qsizetype save = m_pos;
                m_pos += 2;
                const qint64 low = digits(16, 4);
                if (low >= 0xDC00 && low <= 0xDFFF)
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00);
                else
                    m_pos = save;
            }
            if (value > 0x10FFFF)
                return fail(escape, u"\\%1%2 is not a Unicode character"_s.arg(e).arg(value, 0, 16));
            appendCodePoint(m_word.text, (value >= 0xD800 && value <= 0xDFFF) ? 0xFFFD : char32_t(value));
            break;
        }
        case u'c': {
            const QChar control = at(m_pos);
            if (control.isNull() || control.unicode() > 0x7F)
                return fail(escape, u"\\c must be followed by an ASCII character"_s);
            m_word.text.append(char(control.unicode() & 0x1F));
            ++m_pos;
            break;
        }
        default:
            if (e >= u'0' && e <= u'7') {
                --m_pos; // the first digit is part of the number
                m_word.text.append(char(digits(8, 3) & 0xFF));
            } else {
                // Bash keeps an unknown escape as it is.
                m_word.text.append('\\');
                m_pos = escape + 1;
                appendCharacter();
            }
            break;
        }
    }
    return fail(open, u"this $'…' quote is never closed"_s);
}

std::optional<QList<ShellWords::Word>> Splitter::run()
{
    while (m_pos < m_text.size()) {
        const QChar c = m_text[m_pos];
        if (const qsizetype length = continuationAt(m_pos)) {
            m_pos += length;
            continue;
        }
        if (isBlank(c)) {
            finish();
            ++m_pos;
            continue;
        }
        if (c == u'#' && !m_inWord) {
            while (m_pos < m_text.size() && m_text[m_pos] != u'\n')
                ++m_pos;
            continue;
        }
        if (isOperator(c)) {
            fail(
                m_pos,
                u"\"%1\" is a shell operator: paste one curl command, without what comes before or after it"_s
                    .arg(c));
            return std::nullopt;
        }
        if (c == u'`') {
            fail(m_pos,
                 u"`…` is command substitution, which a shell would run; put the value itself there"_s);
            return std::nullopt;
        }
        begin(m_pos);
        bool ok = true;
        if (c == u'\\') {
            if (m_pos + 1 >= m_text.size()) {
                fail(m_pos, u"the command ends with a backslash: was its last line cut off?"_s);
                return std::nullopt;
            }
            m_word.quoted = true;
            ++m_pos;
            appendCharacter();
        } else if (c == u'\'') {
            m_word.quoted = true;
            ok = singleQuoted();
        } else if (c == u'"') {
            m_word.quoted = true;
            ok = doubleQuoted();
        } else if (c == u'$' && at(m_pos + 1) == u'\'') {
            m_word.quoted = true;
            ok = ansiCQuoted();
        } else if (c == u'$' && at(m_pos + 1) == u'"') {
            // $"…" is a double-quoted string translated by the locale: here, the string itself.
            m_word.quoted = true;
            ++m_pos;
            ok = doubleQuoted();
        } else if (c == u'$' && startsExpansion(at(m_pos + 1))) {
            ok = refuseExpansion(m_pos);
        } else {
            appendCharacter();
        }
        if (!ok)
            return std::nullopt;
    }
    finish();
    return m_words;
}

} // namespace

std::optional<QList<ShellWords::Word>> ShellWords::split(QStringView text, Error *error)
{
    Error ignored;
    return Splitter(text, error ? error : &ignored).run();
}

std::pair<int, int> ShellWords::lineAndColumn(QStringView text, qsizetype offset)
{
    int line = 1;
    int column = 1;
    const qsizetype end = qMin(offset, text.size());
    for (qsizetype i = 0; i < end; ++i) {
        if (text[i] == u'\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return { line, column };
}

} // namespace cors
