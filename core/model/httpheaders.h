#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QList>

#include <utility>

namespace cors {

// An ordered list of HTTP header fields. Names compare case-insensitively (RFC 9110 §5.1),
// a name may repeat, and the order in which fields were added is kept: CORS Studio reports
// response headers in the order a server would send them.
class HttpHeaders
{
public:
    using Field = std::pair<QByteArray, QByteArray>;

    HttpHeaders() = default;
    HttpHeaders(std::initializer_list<Field> fields);

    qsizetype size() const { return m_fields.size(); }
    bool isEmpty() const { return m_fields.isEmpty(); }
    const QList<Field> &fields() const { return m_fields; }
    auto begin() const { return m_fields.cbegin(); }
    auto end() const { return m_fields.cend(); }

    bool contains(QByteArrayView name) const;
    qsizetype count(QByteArrayView name) const;
    // The first value of `name`, or a null QByteArray when absent.
    QByteArray value(QByteArrayView name) const;
    QByteArrayList values(QByteArrayView name) const;
    // All values of `name` combined as one field value, joined by ", " (RFC 9110 §5.3).
    QByteArray combinedValue(QByteArrayView name) const;

    void reserve(qsizetype size) { m_fields.reserve(size); }
    void append(const QByteArray &name, const QByteArray &value);
    // Replaces every field called `name` by one field at the position of the first.
    void set(const QByteArray &name, const QByteArray &value);
    qsizetype remove(QByteArrayView name);

    static bool nameEquals(QByteArrayView a, QByteArrayView b);
    // RFC 9110 §5.6.2 token, the syntax of a field name and of a method.
    static bool isToken(QByteArrayView text);

    friend bool operator==(const HttpHeaders &, const HttpHeaders &) = default;

private:
    QList<Field> m_fields;
};

} // namespace cors
