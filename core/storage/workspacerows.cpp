#include "workspacerows.h"

#include "bundle/bundlewriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

// A JSON string (RFC 8259 §7): quotation mark, reverse solidus and control characters escaped.
void appendString(QString &out, QStringView text)
{
    const auto needsEscape = [](QChar c) {
        return c == u'"' || c == u'\\' || c.unicode() < 0x20;
    };
    out += u'"';
    if (std::none_of(text.begin(), text.end(), needsEscape)) {
        out += text;
    } else {
        for (const QChar c : text) {
            switch (c.unicode()) {
            case u'"':
                out += u"\\\""_s;
                break;
            case u'\\':
                out += u"\\\\"_s;
                break;
            case u'\b':
                out += u"\\b"_s;
                break;
            case u'\f':
                out += u"\\f"_s;
                break;
            case u'\n':
                out += u"\\n"_s;
                break;
            case u'\r':
                out += u"\\r"_s;
                break;
            case u'\t':
                out += u"\\t"_s;
                break;
            default:
                if (c.unicode() < 0x20)
                    out += u"\\u%1"_s.arg(int(c.unicode()), 4, 16, QChar(u'0'));
                else
                    out += c;
            }
        }
    }
    out += u'"';
}

void appendList(QString &out, const QStringList &items)
{
    out += u'[';
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i > 0)
            out += u',';
        appendString(out, items[i]);
    }
    out += u']';
}

void appendKey(QString &out, QStringView key)
{
    out += u'"';
    out += key;
    out += u"\":"_s;
}

const QString &boolean(bool value)
{
    static const QString yes = u"true"_s;
    static const QString no = u"false"_s;
    return value ? yes : no;
}

} // namespace

QString WorkspaceRows::encodeList(const QStringList &items)
{
    QString out;
    appendList(out, items);
    return out;
}

QString WorkspaceRows::ruleJson(const Rule &rule)
{
    QString out;
    out.reserve(256);
    out += u'{';
    appendKey(out, u"domain");
    appendString(out, rule.domain);
    out += u',';
    appendKey(out, u"protocols");
    appendList(out, protocolNames(rule.protocols));
    out += u',';
    // As the bundle writes them: a single port as a number, a range or "*" as a string.
    appendKey(out, u"ports");
    out += u'[';
    const QStringList ports = rule.ports.toStringList();
    for (qsizetype i = 0; i < ports.size(); ++i) {
        if (i > 0)
            out += u',';
        bool isNumber = false;
        const int port = ports[i].toInt(&isNumber);
        if (isNumber)
            out += QString::number(port);
        else
            appendString(out, ports[i]);
    }
    out += u"],"_s;
    appendKey(out, u"methods");
    appendList(out, rule.methods);
    out += u',';
    appendKey(out, u"allowHeaders");
    appendList(out, rule.allowHeaders);
    out += u',';
    appendKey(out, u"exposeHeaders");
    appendList(out, rule.exposeHeaders);
    out += u',';
    appendKey(out, u"allowCredentials");
    out += boolean(rule.allowCredentials);
    out += u',';
    appendKey(out, u"cachePreflight");
    out += boolean(rule.cachePreflight);
    out += u',';
    appendKey(out, u"maxAge");
    out += QString::number(rule.maxAge);
    out += u',';
    appendKey(out, u"enabled");
    out += boolean(rule.enabled);
    out += u',';
    appendKey(out, u"note");
    appendString(out, rule.note);
    out += u'}';
    return out;
}

QString WorkspaceRows::tenantJson(const Tenant &tenant, const QList<TestCase> &testCases)
{
    // Everything but the rules through the bundle writer (small), the rules written directly.
    Tenant head = tenant;
    head.rules.clear();
    QJsonObject object = BundleWriter::toJson(head);
    object.remove(u"rules"_s);
    QJsonArray cases;
    for (const TestCase &testCase : testCases)
        cases.append(testCase.toJson());
    object.insert(u"testCases"_s, cases);
    QString out = encodeJson(object);
    out.chop(1); // the closing brace; the object is never empty
    out.reserve(out.size() + tenant.rules.size() * 300);
    out += u',';
    appendKey(out, u"rules");
    out += u'[';
    for (qsizetype i = 0; i < tenant.rules.size(); ++i) {
        if (i > 0)
            out += u',';
        out += ruleJson(tenant.rules[i]);
    }
    out += u"]}"_s;
    return out;
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
