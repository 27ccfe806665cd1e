#pragma once

#include <QByteArrayList>

namespace cors {

// A comma-separated list field such as Access-Control-Request-Headers or
// Access-Control-Allow-Methods, possibly spread over several header lines.
//
// Parsing is one pass over the bytes (a megabyte of commas costs a megabyte of work): items are
// split on ',', optional whitespace (SP / HTAB) around each item is dropped, empty items are
// skipped (RFC 9110 §5.6.1 "recipients MUST accept empty list elements").
class TokenList
{
public:
    TokenList() = default;
    static TokenList parse(QByteArrayView fieldValue);
    static TokenList parse(const QByteArrayList &fieldValues);

    const QByteArrayList &items() const { return m_items; }
    bool isEmpty() const { return m_items.isEmpty(); }
    // Items that are not RFC 9110 tokens (a header name or method can only be a token).
    QByteArrayList invalidItems() const;
    bool contains(QByteArrayView item, Qt::CaseSensitivity cs) const;
    // Lower-cased, duplicates dropped, first occurrence's position kept.
    QByteArrayList lowerCasedUnique() const;

    friend bool operator==(const TokenList &, const TokenList &) = default;

private:
    void appendItems(QByteArrayView fieldValue);

    QByteArrayList m_items;
};

} // namespace cors
