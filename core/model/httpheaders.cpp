#include "httpheaders.h"

namespace cors {

HttpHeaders::HttpHeaders(std::initializer_list<Field> fields)
    : m_fields(fields)
{ }

bool HttpHeaders::nameEquals(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

bool HttpHeaders::isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        const bool alnum = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
        if (alnum)
            continue;
        switch (c) {
        case '!':
        case '#':
        case '$':
        case '%':
        case '&':
        case '\'':
        case '*':
        case '+':
        case '-':
        case '.':
        case '^':
        case '_':
        case '`':
        case '|':
        case '~':
            continue;
        default:
            return false;
        }
    }
    return true;
}

bool HttpHeaders::contains(QByteArrayView name) const
{
    for (const auto &field : m_fields) {
        if (nameEquals(field.first, name))
            return true;
    }
    return false;
}

qsizetype HttpHeaders::count(QByteArrayView name) const
{
    qsizetype n = 0;
    for (const auto &field : m_fields) {
        if (nameEquals(field.first, name))
            ++n;
    }
    return n;
}

QByteArray HttpHeaders::value(QByteArrayView name) const
{
    for (const auto &field : m_fields) {
        if (nameEquals(field.first, name))
            return field.second;
    }
    return {};
}

QByteArrayList HttpHeaders::values(QByteArrayView name) const
{
    QByteArrayList result;
    for (const auto &field : m_fields) {
        if (nameEquals(field.first, name))
            result.append(field.second);
    }
    return result;
}

QByteArray HttpHeaders::combinedValue(QByteArrayView name) const
{
    QByteArray result;
    bool first = true;
    for (const auto &field : m_fields) {
        if (!nameEquals(field.first, name))
            continue;
        if (!first)
            result += ", ";
        result += field.second;
        first = false;
    }
    return result;
}

void HttpHeaders::append(const QByteArray &name, const QByteArray &value)
{
    m_fields.append({ name, value });
}

void HttpHeaders::set(const QByteArray &name, const QByteArray &value)
{
    auto it = m_fields.begin();
    for (; it != m_fields.end(); ++it) {
        if (nameEquals(it->first, name))
            break;
    }
    if (it == m_fields.end()) {
        m_fields.append({ name, value });
        return;
    }
    it->first = name;
    it->second = value;
    const auto position = std::distance(m_fields.begin(), it);
    m_fields.erase(std::remove_if(m_fields.begin() + position + 1, m_fields.end(),
                                  [&](const Field &f) { return nameEquals(f.first, name); }),
                   m_fields.end());
}

qsizetype HttpHeaders::remove(QByteArrayView name)
{
    return m_fields.removeIf([&](const Field &f) { return nameEquals(f.first, name); });
}

} // namespace cors
