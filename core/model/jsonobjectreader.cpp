#include "jsonobjectreader.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace cors {

JsonObjectReader::JsonObjectReader(const QJsonValue &value, QString path, JsonProblems *problems,
                                   QString what)
    : m_path(std::move(path))
    , m_problems(problems)
{
    if (!value.isObject()) {
        m_valid = false;
        addProblem(m_path,
                   u"expected %1, found %2"_s.arg(what.isEmpty() ? u"an object"_s : what, typeName(value)));
        return;
    }
    m_object = value.toObject();
}

QString JsonObjectReader::typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        return u"nothing"_s;
    }
    return u"an unknown value"_s;
}

QString JsonObjectReader::pathOf(QStringView key) const
{
    return m_path.isEmpty() ? key.toString() : m_path + u'.' + key;
}

QString JsonObjectReader::pathOf(QStringView key, qsizetype index) const
{
    return indexPath(pathOf(key), index);
}

QString JsonObjectReader::indexPath(const QString &path, qsizetype index)
{
    return path + u'[' + QString::number(index) + u']';
}

void JsonObjectReader::addProblem(const QString &path, const QString &message)
{
    if (m_problems)
        m_problems->append({ path, message });
}

std::optional<QString> JsonObjectReader::requiredString(QStringView key)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined()) {
        addProblem(pathOf(key), u"is required"_s);
        return std::nullopt;
    }
    if (!v.isString()) {
        addProblem(pathOf(key), u"expected a string, found %1"_s.arg(typeName(v)));
        return std::nullopt;
    }
    return v.toString();
}

QString JsonObjectReader::string(QStringView key, const QString &fallback)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        return fallback;
    if (!v.isString()) {
        addProblem(pathOf(key), u"expected a string, found %1"_s.arg(typeName(v)));
        return fallback;
    }
    return v.toString();
}

bool JsonObjectReader::boolean(QStringView key, bool fallback)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        return fallback;
    if (!v.isBool()) {
        addProblem(pathOf(key), u"expected true or false, found %1"_s.arg(typeName(v)));
        return fallback;
    }
    return v.toBool();
}

std::optional<qint64> JsonObjectReader::integer(QStringView key, qint64 minimum, qint64 maximum)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        return std::nullopt;
    const double d = v.toDouble();
    if (!v.isDouble() || d != std::floor(d) || d < double(minimum) || d > double(maximum)) {
        addProblem(
            pathOf(key),
            v.isDouble()
                ? u"%1 is not a whole number from %2 to %3"_s.arg(v.toDouble()).arg(minimum).arg(maximum)
                : u"expected a whole number, found %1"_s.arg(typeName(v)));
        return std::nullopt;
    }
    return qint64(d);
}

QJsonArray JsonObjectReader::array(QStringView key, bool required)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined()) {
        if (required)
            addProblem(pathOf(key), u"is required"_s);
        return {};
    }
    if (!v.isArray()) {
        addProblem(pathOf(key), u"expected an array, found %1"_s.arg(typeName(v)));
        return {};
    }
    return v.toArray();
}

QStringList JsonObjectReader::stringList(QStringView key)
{
    QStringList result;
    const QJsonArray items = array(key);
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items[i].isString()) {
            addProblem(pathOf(key, i), u"expected a string, found %1"_s.arg(typeName(items[i])));
            continue;
        }
        result.append(items[i].toString());
    }
    return result;
}

std::optional<QString> JsonObjectReader::oneOf(QStringView key, const QStringList &allowed,
                                               const QString &fallback)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        return fallback;
    if (!v.isString() || !allowed.contains(v.toString())) {
        const QString found = v.isString() ? u"\""_s + v.toString() + u'"' : typeName(v);
        addProblem(pathOf(key),
                   u"%1 is not one of %2"_s.arg(found, u"\""_s + allowed.join(u"\", \""_s) + u'"'));
        return std::nullopt;
    }
    return v.toString();
}

void JsonObjectReader::rejectUnknownKeys(std::initializer_list<QStringView> known)
{
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        bool isKnown = false;
        for (QStringView k : known)
            isKnown = isKnown || it.key() == k;
        if (!isKnown) {
            QStringList names;
            for (QStringView k : known)
                names.append(k.toString());
            addProblem(pathOf(it.key()), u"unknown field (expected one of: %1)"_s.arg(names.join(u", ")));
        }
    }
}

} // namespace cors
