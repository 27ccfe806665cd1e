#include "jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cors {

namespace {

QByteArray scalar(const QJsonValue &value)
{
    // QJsonDocument escapes strings and formats numbers exactly as JSON wants them.
    const QByteArray text = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return text.mid(1, text.size() - 2);
}

void serializeInto(QByteArray &out, const QJsonValue &value, int depth, const QStringList &keyOrder)
{
    const QByteArray indent(depth * 2, ' ');
    const QByteArray inner((depth + 1) * 2, ' ');
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty()) {
            out += "{}";
            return;
        }
        QStringList keys = object.keys();
        const auto rank = [&](const QString &key) {
            const qsizetype r = keyOrder.indexOf(key);
            return r < 0 ? keyOrder.size() : r;
        };
        std::stable_sort(keys.begin(), keys.end(), [&](const QString &a, const QString &b) {
            const qsizetype ra = rank(a);
            const qsizetype rb = rank(b);
            return ra != rb ? ra < rb : a < b;
        });
        out += "{\n";
        for (qsizetype i = 0; i < keys.size(); ++i) {
            out += inner + scalar(keys[i]) + ": ";
            serializeInto(out, object.value(keys[i]), depth + 1, keyOrder);
            out += i + 1 < keys.size() ? ",\n" : "\n";
        }
        out += indent + '}';
        return;
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        bool simple = true;
        for (const QJsonValue &item : array)
            simple = simple && !item.isObject() && !item.isArray();
        if (array.isEmpty()) {
            out += "[]";
        } else if (simple) {
            out += '[';
            for (qsizetype i = 0; i < array.size(); ++i) {
                if (i > 0)
                    out += ", ";
                out += scalar(array[i]);
            }
            out += ']';
        } else {
            out += "[\n";
            for (qsizetype i = 0; i < array.size(); ++i) {
                out += inner;
                serializeInto(out, array[i], depth + 1, keyOrder);
                out += i + 1 < array.size() ? ",\n" : "\n";
            }
            out += indent + ']';
        }
        return;
    }
    out += scalar(value);
}

} // namespace

QByteArray JsonText::serialize(const QJsonValue &value, const QStringList &keyOrder)
{
    QByteArray out;
    serializeInto(out, value, 0, keyOrder);
    out += '\n';
    return out;
}

} // namespace cors
