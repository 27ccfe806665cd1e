#include "tokenlist.h"

#include "httpheaders.h"

#include <QSet>

namespace cors {

namespace {
bool isOws(char c)
{
    return c == ' ' || c == '\t';
}
} // namespace

TokenList TokenList::parse(QByteArrayView fieldValue)
{
    TokenList list;
    list.appendItems(fieldValue);
    return list;
}

TokenList TokenList::parse(const QByteArrayList &fieldValues)
{
    TokenList list;
    for (const QByteArray &value : fieldValues)
        list.appendItems(value);
    return list;
}

void TokenList::appendItems(QByteArrayView fieldValue)
{
    const qsizetype size = fieldValue.size();
    qsizetype start = 0;
    while (start <= size) {
        qsizetype end = start;
        while (end < size && fieldValue[end] != ',')
            ++end;
        qsizetype first = start;
        qsizetype last = end;
        while (first < last && isOws(fieldValue[first]))
            ++first;
        while (last > first && isOws(fieldValue[last - 1]))
            --last;
        if (last > first)
            m_items.append(fieldValue.sliced(first, last - first).toByteArray());
        start = end + 1;
    }
}

QByteArrayList TokenList::invalidItems() const
{
    QByteArrayList invalid;
    for (const QByteArray &item : m_items) {
        if (!HttpHeaders::isToken(item))
            invalid.append(item);
    }
    return invalid;
}

bool TokenList::contains(QByteArrayView item, Qt::CaseSensitivity cs) const
{
    for (const QByteArray &candidate : m_items) {
        if (candidate.size() == item.size() && QByteArrayView(candidate).compare(item, cs) == 0)
            return true;
    }
    return false;
}

QByteArrayList TokenList::lowerCasedUnique() const
{
    // What browsers send is already lower-cased and unique: share it instead of copying.
    constexpr qsizetype linearLimit = 16;
    if (m_items.size() <= linearLimit) {
        bool canonical = true;
        for (qsizetype i = 0; canonical && i < m_items.size(); ++i) {
            for (const char ch : m_items[i])
                canonical = canonical && !(ch >= 'A' && ch <= 'Z');
            for (qsizetype j = 0; canonical && j < i; ++j)
                canonical = m_items[j] != m_items[i];
        }
        if (canonical)
            return m_items;
    }
    QByteArrayList result;
    result.reserve(m_items.size());
    // Browsers send a handful of names; a hash set only pays off for long (hostile) lists.
    QSet<QByteArray> seen;
    for (const QByteArray &item : m_items) {
        QByteArray lower = item.toLower();
        if (m_items.size() <= linearLimit) {
            if (result.contains(lower))
                continue;
        } else {
            if (seen.contains(lower))
                continue;
            seen.insert(lower);
        }
        result.append(std::move(lower));
    }
    return result;
}

} // namespace cors
