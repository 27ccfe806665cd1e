#include "fetchspecjson.h"

#include "model/jsonobjectreader.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

// JavaScript's ByteString: fetch() converts method, header names and header values code point by
// code point to bytes and throws for anything above U+00FF (WebIDL §3.2.10).
std::optional<QByteArray> byteString(const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() > 0xff)
            return std::nullopt;
    }
    return text.toLatin1();
}

QString text(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes);
}

} // namespace

std::optional<FetchSpec> FetchSpecJson::read(const QJsonValue &value, const QString &path,
                                             JsonProblems *problems)
{
    const qsizetype before = problems->size();
    JsonObjectReader reader(value, path, problems, u"a fetch object"_s);
    if (!reader.isValid())
        return std::nullopt;
    reader.rejectUnknownKeys(
        { u"pageOrigin", u"pageUrl", u"url", u"method", u"headers", u"credentials", u"mode", u"delay" });

    FetchSpec spec;
    if (const auto origin = reader.requiredString(u"pageOrigin")) {
        QString message;
        if (const auto parsed = Origin::parse(QStringView(*origin), &message))
            spec.pageOrigin = *parsed;
        else
            reader.addProblem(reader.pathOf(u"pageOrigin"), message);
    }

    if (reader.has(u"pageUrl")) {
        const QString text = reader.string(u"pageUrl");
        const QUrl pageUrl(text, QUrl::StrictMode);
        if (!pageUrl.isValid() || pageUrl.isRelative() || Origin::ofUrl(pageUrl) != spec.pageOrigin)
            reader.addProblem(reader.pathOf(u"pageUrl"),
                              u"\"%1\" is not an absolute URL on pageOrigin"_s.arg(text));
        else
            spec.pageUrl = pageUrl;
    }

    if (const auto url = reader.requiredString(u"url")) {
        QUrl parsed(*url, QUrl::StrictMode);
        if (parsed.isValid() && parsed.isRelative() && !spec.pageOrigin.isOpaque())
            parsed = QUrl(spec.pageOrigin.serialize() + u'/').resolved(parsed);
        const QString scheme = parsed.scheme();
        if (!parsed.isValid() || parsed.isRelative() || parsed.host().isEmpty()
            || (scheme != u"http" && scheme != u"https")) {
            reader.addProblem(
                reader.pathOf(u"url"),
                u"\"%1\" is not an http(s) URL (absolute, or relative to pageOrigin)"_s.arg(*url));
        } else {
            spec.url = parsed;
        }
    }

    const QString method = reader.string(u"method", u"GET"_s);
    if (const auto bytes = byteString(method))
        spec.method = *bytes;
    else
        reader.addProblem(reader.pathOf(u"method"), u"a method can only hold characters up to U+00FF"_s);

    const QJsonValue headers = reader.value(u"headers");
    if (!headers.isUndefined() && !headers.isArray()) {
        reader.addProblem(
            reader.pathOf(u"headers"),
            u"expected an array of [name, value] pairs, found %1"_s.arg(JsonObjectReader::typeName(headers)));
    } else {
        const QJsonArray fields = headers.toArray();
        for (qsizetype i = 0; i < fields.size(); ++i) {
            const QString fieldPath = reader.pathOf(u"headers", i);
            const QJsonArray pair = fields[i].toArray();
            if (!fields[i].isArray() || pair.size() != 2 || !pair[0].isString() || !pair[1].isString()) {
                reader.addProblem(fieldPath, u"expected a [name, value] pair of two strings"_s);
                continue;
            }
            const auto name = byteString(pair[0].toString());
            const auto fieldValue = byteString(pair[1].toString());
            if (!name || !fieldValue) {
                reader.addProblem(fieldPath,
                                  u"header names and values can only hold characters up to U+00FF"_s);
                continue;
            }
            spec.headers.append(*name, *fieldValue);
        }
    }

    if (const auto credentials =
            reader.oneOf(u"credentials", { u"omit"_s, u"same-origin"_s, u"include"_s }, u"same-origin"_s))
        spec.credentials = *credentialsModeFromName(*credentials);
    if (const auto mode = reader.oneOf(u"mode", { u"cors"_s, u"no-cors"_s, u"same-origin"_s }, u"cors"_s))
        spec.mode = *requestModeFromName(*mode);

    const QJsonValue delay = reader.value(u"delay");
    if (!delay.isUndefined()) {
        if (!delay.isDouble() || delay.toDouble() < 0 || !std::isfinite(delay.toDouble()))
            reader.addProblem(reader.pathOf(u"delay"), u"expected a number of seconds, 0 or more"_s);
        else
            spec.delay = std::chrono::milliseconds(qint64(std::llround(delay.toDouble() * 1000)));
    }

    if (problems->size() != before)
        return std::nullopt;
    return spec;
}

std::optional<QList<FetchSpec>> FetchSpecJson::readSequence(const QJsonValue &value, const QString &path,
                                                            JsonProblems *problems, bool *isSequence)
{
    if (isSequence)
        *isSequence = value.isArray();
    QList<FetchSpec> specs;
    if (!value.isArray()) {
        const auto spec = read(value, path, problems);
        if (!spec)
            return std::nullopt;
        specs.append(*spec);
        return specs;
    }
    const QJsonArray array = value.toArray();
    if (array.isEmpty()) {
        problems->append({ path, u"the sequence is empty: expected at least one fetch object"_s });
        return std::nullopt;
    }
    bool ok = true;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const auto spec = read(array[i], JsonObjectReader::indexPath(path, i), problems);
        ok = ok && spec.has_value();
        if (spec)
            specs.append(*spec);
    }
    if (!ok)
        return std::nullopt;
    return specs;
}

QJsonObject FetchSpecJson::toJson(const FetchSpec &spec)
{
    QJsonArray headers;
    for (const auto &[name, value] : spec.headers)
        headers.append(QJsonArray { text(name), text(value) });
    QJsonObject object { { u"pageOrigin"_s, spec.pageOrigin.serialize() },
                         { u"url"_s, spec.url.toString(QUrl::FullyEncoded) },
                         { u"method"_s, text(spec.method) },
                         { u"headers"_s, headers },
                         { u"credentials"_s, credentialsModeName(spec.credentials) },
                         { u"mode"_s, requestModeName(spec.mode) } };
    if (spec.pageUrl.isValid())
        object.insert(u"pageUrl"_s, spec.pageUrl.toString(QUrl::FullyEncoded));
    if (spec.delay.count() > 0)
        object.insert(u"delay"_s, double(spec.delay.count()) / 1000.0);
    return object;
}

} // namespace cors
