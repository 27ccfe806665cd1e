#include "workspacerows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace cors {

QString WorkspaceRows::encodeList(const QStringList &items)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(items)).toJson(QJsonDocument::Compact));
}

std::optional<QStringList> WorkspaceRows::decodeList(QStringView text)
{
    // The form encodeList() writes: ["a","b"] without spaces. A string with an escape in it
    // (a backslash) goes to the full parser below.
    const auto scan = [](QStringView text) -> std::optional<QStringList> {
        if (text.size() < 2 || text.front() != u'[' || text.back() != u']')
            return std::nullopt;
        QStringList items;
        if (text.size() == 2)
            return items;
        qsizetype i = 1;
        for (;;) {
            if (text[i] != u'"')
                return std::nullopt;
            const qsizetype end = text.indexOf(u'"', i + 1);
            if (end < 0)
                return std::nullopt;
            const QStringView item = text.sliced(i + 1, end - i - 1);
            if (item.contains(u'\\'))
                return std::nullopt;
            items.append(item.toString());
            i = end + 1;
            if (i == text.size() - 1)
                return items; // text[i] is the closing ']'
            if (text[i] != u',')
                return std::nullopt;
            ++i;
        }
    };
    if (auto items = scan(text))
        return items;

    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    if (!document.isArray())
        return std::nullopt;
    QStringList items;
    for (const QJsonValue &value : document.array()) {
        if (!value.isString())
            return std::nullopt;
        items.append(value.toString());
    }
    return items;
}

QString WorkspaceRows::encodeProtocols(Protocols protocols)
{
    return encodeList(protocolNames(protocols));
}

std::optional<Protocols> WorkspaceRows::decodeProtocols(QStringView text)
{
    const auto names = decodeList(text);
    if (!names)
        return std::nullopt;
    Protocols protocols;
    for (const QString &name : *names) {
        const auto protocol = protocolFromName(name);
        if (!protocol)
            return std::nullopt;
        protocols |= *protocol;
    }
    return protocols;
}

QString WorkspaceRows::encodePorts(const PortSet &ports)
{
    return encodeList(ports.toStringList());
}

std::optional<PortSet> WorkspaceRows::decodePorts(QStringView text)
{
    const auto items = decodeList(text);
    if (!items)
        return std::nullopt;
    return PortSet::parse(*items);
}

QString WorkspaceRows::encodeJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    // A scalar: wrapped in an array for QJsonDocument, which writes only objects and arrays.
    const QByteArray text = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

QJsonValue WorkspaceRows::decodeJson(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(u"["_s.append(text).append(u']').toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || document.array().size() != 1)
        return QJsonValue(QJsonValue::Undefined);
    return document.array().first();
}

} // namespace cors
