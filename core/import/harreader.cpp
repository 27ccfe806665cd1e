#include "harreader.h"

#include "model/jsonobjectreader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

QString mebibytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', bytes < qint64(10) * 1024 * 1024 ? 1 : 0);
}

// A browser's custom field ("_resourceType", …): a string when it is one, else ignored.
QString customString(const QJsonObject &object, QStringView key)
{
    const QJsonValue value = object.value(key);
    return value.isString() ? value.toString() : QString();
}

class Reader
{
public:
    explicit Reader(JsonProblems *problems)
        : m_problems(problems)
    { }

    std::optional<HarLog> read(const QJsonValue &root, const HarReader::Limits &limits);

private:
    void problem(const QString &path, const QString &message) { m_problems->append({ path, message }); }
    std::optional<QDateTime> dateTime(JsonObjectReader &reader, QStringView key, bool required);
    HttpHeaders headers(JsonObjectReader &reader);
    void readPage(const QJsonValue &value, const QString &path, HarLog &log);
    void readEntry(const QJsonValue &value, int index, HarLog &log);
    void readRequest(const QJsonValue &value, const QString &path, HarLog::Entry &entry);
    void readResponse(const QJsonValue &value, const QString &path, HarLog::Entry &entry);

    JsonProblems *m_problems;
};

std::optional<QDateTime> Reader::dateTime(JsonObjectReader &reader, QStringView key, bool required)
{
    const std::optional<QString> text =
        required ? reader.requiredString(key) : std::optional<QString>(reader.string(key));
    if (!text || text->isEmpty())
        return std::nullopt;
    // HAR 1.2: "Date and time stamp … (ISO 8601 - YYYY-MM-DDThh:mm:ss.sTZD)"; Chromium writes UTC
    // with "Z", Firefox the local time with its offset ("+01:00").
    const QDateTime parsed = QDateTime::fromString(*text, Qt::ISODateWithMs);
    if (!parsed.isValid()) {
        problem(reader.pathOf(key), u"\"%1\" is not an ISO 8601 date and time"_s.arg(*text));
        return std::nullopt;
    }
    return parsed;
}

HttpHeaders Reader::headers(JsonObjectReader &reader)
{
    HttpHeaders result;
    const QJsonArray fields = reader.array(u"headers");
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const QString path = reader.pathOf(u"headers", i);
        JsonObjectReader field(fields[i], path, m_problems, u"a header object {\"name\", \"value\"}"_s);
        if (!field.isValid())
            continue;
        const auto name = field.requiredString(u"name");
        const auto value = field.requiredString(u"value");
        if (!name || !value)
            continue;
        const QByteArray nameBytes = name->toUtf8();
        // HTTP/2 and HTTP/3 requests are recorded with their pseudo-headers (":authority", …).
        const bool pseudo = nameBytes.startsWith(':') && HttpHeaders::isToken(nameBytes.mid(1));
        if (!pseudo && !HttpHeaders::isToken(nameBytes)) {
            problem(path + u".name"_s, u"\"%1\" is not a header name"_s.arg(*name));
            continue;
        }
        if (value->contains(QChar(0))) {
            problem(path + u".value"_s, u"a header value cannot contain NUL"_s);
            continue;
        }
        // DevTools writes a header that arrived several times as one value with the values on
        // separate lines.
        for (const QString &line : value->split(u'\n'))
            result.append(nameBytes, line.trimmed().toUtf8());
    }
    return result;
}

void Reader::readPage(const QJsonValue &value, const QString &path, HarLog &log)
{
    JsonObjectReader reader(value, path, m_problems, u"a page object"_s);
    if (!reader.isValid())
        return;
    HarLog::Page page;
    page.id = reader.requiredString(u"id").value_or(QString());
    page.title = reader.string(u"title");
    page.started = dateTime(reader, u"startedDateTime", false).value_or(QDateTime());
    log.pages.append(page);
}

void Reader::readRequest(const QJsonValue &value, const QString &path, HarLog::Entry &entry)
{
    JsonObjectReader reader(value, path, m_problems, u"a request object"_s);
    if (!reader.isValid())
        return;
    if (const auto method = reader.requiredString(u"method")) {
        entry.request.method = method->toUtf8();
        if (!HttpHeaders::isToken(entry.request.method))
            problem(reader.pathOf(u"method"), u"\"%1\" is not an HTTP method"_s.arg(*method));
    }
    if (const auto url = reader.requiredString(u"url")) {
        const QUrl parsed(*url, QUrl::TolerantMode);
        if (!parsed.isValid() || parsed.isRelative())
            problem(reader.pathOf(u"url"), u"\"%1\" is not an absolute URL"_s.arg(url->left(200)));
        entry.request.url = parsed;
    }
    entry.httpVersion = reader.string(u"httpVersion");
    entry.request.headers = headers(reader);
    entry.requestCookies = !reader.array(u"cookies").isEmpty();
    if (reader.has(u"postData")) {
        JsonObjectReader postData(reader.value(u"postData"), reader.pathOf(u"postData"), m_problems,
                                  u"a postData object"_s);
        if (postData.isValid()) {
            postData.string(u"mimeType");
            postData.string(u"text");
        }
    }
}

void Reader::readResponse(const QJsonValue &value, const QString &path, HarLog::Entry &entry)
{
    JsonObjectReader reader(value, path, m_problems, u"a response object"_s);
    if (!reader.isValid())
        return;
    if (!reader.has(u"status"))
        problem(reader.pathOf(u"status"), u"is required"_s);
    // Chromium and Firefox write 0 for a request that got no response.
    entry.status = int(reader.integer(u"status", 0, 999).value_or(0));
    entry.statusText = reader.string(u"statusText");
    entry.responseHeaders = headers(reader);
    entry.redirectUrl = reader.string(u"redirectURL");
    if (reader.has(u"content")) {
        const QString contentPath = reader.pathOf(u"content");
        JsonObjectReader content(reader.value(u"content"), contentPath, m_problems, u"a content object"_s);
        if (content.isValid()) {
            const QString encoding = content.string(u"encoding");
            const QString text = content.string(u"text");
            if (encoding.compare(u"base64", Qt::CaseInsensitive) == 0) {
                if (const qsizetype bad = HarReader::invalidBase64At(text); bad >= 0) {
                    problem(
                        content.pathOf(u"text"),
                        bad < text.size()
                            ? u"not base64, as \"encoding\": \"base64\" says: character %1 is \"%2\""_s
                                  .arg(bad)
                                  .arg(text.at(bad))
                            : u"not base64, as \"encoding\": \"base64\" says: it ends in the middle of a group"_s);
                }
            }
        }
    }
    const QJsonValue error = reader.value(u"_error");
    if (error.isString())
        entry.error = error.toString();
}

void Reader::readEntry(const QJsonValue &value, int index, HarLog &log)
{
    const QString path = u"log.entries[%1]"_s.arg(index);
    JsonObjectReader reader(value, path, m_problems, u"an entry object"_s);
    if (!reader.isValid())
        return;
    HarLog::Entry entry;
    entry.index = index;
    entry.pageref = reader.string(u"pageref");
    entry.started = dateTime(reader, u"startedDateTime", true).value_or(QDateTime());
    if (!reader.has(u"request"))
        problem(reader.pathOf(u"request"), u"is required"_s);
    else
        readRequest(reader.value(u"request"), reader.pathOf(u"request"), entry);
    if (!reader.has(u"response"))
        problem(reader.pathOf(u"response"), u"is required"_s);
    else
        readResponse(reader.value(u"response"), reader.pathOf(u"response"), entry);

    const QJsonObject object = value.toObject();
    entry.resourceType = customString(object, u"_resourceType");
    entry.fromCache = customString(object, u"_fromCache");
    const QJsonObject initiator = object.value(u"_initiator").toObject();
    entry.initiatorType = customString(initiator, u"type");
    entry.initiatorUrl = customString(initiator, u"url");
    log.entries.append(entry);
}

std::optional<HarLog> Reader::read(const QJsonValue &root, const HarReader::Limits &limits)
{
    const qsizetype before = m_problems->size();
    if (!root.isObject()) {
        problem(QString(),
                u"expected a HAR file: a JSON object with \"log\", found %1"_s.arg(
                    JsonObjectReader::typeName(root)));
        return std::nullopt;
    }
    JsonObjectReader top(root, QString(), m_problems);
    if (!top.has(u"log")) {
        problem(u"log"_s, u"is required: this is not a HAR file"_s);
        return std::nullopt;
    }
    JsonObjectReader reader(top.value(u"log"), u"log"_s, m_problems, u"a log object"_s);
    if (!reader.isValid())
        return std::nullopt;

    HarLog log;
    // HAR 1.2 §log: "version [string] - Version number of the format. If empty, string "1.1" is
    // assumed by default."
    log.version = reader.string(u"version");
    if (log.version.isEmpty())
        log.version = u"1.1"_s;
    if (log.version != u"1.1" && log.version != u"1.2") {
        problem(reader.pathOf(u"version"),
                u"version \"%1\": CORS Studio reads HAR 1.1 and 1.2"_s.arg(log.version.left(20)));
    }
    if (reader.has(u"creator")) {
        JsonObjectReader creator(reader.value(u"creator"), reader.pathOf(u"creator"), m_problems,
                                 u"a creator object"_s);
        if (creator.isValid()) {
            log.creatorName = creator.string(u"name");
            log.creatorVersion = creator.string(u"version");
        }
    }
    if (reader.has(u"browser")) {
        JsonObjectReader browser(reader.value(u"browser"), reader.pathOf(u"browser"), m_problems,
                                 u"a browser object"_s);
        if (browser.isValid()) {
            log.browserName = browser.string(u"name");
            log.browserVersion = browser.string(u"version");
        }
    }
    const QJsonArray pages = reader.array(u"pages");
    for (qsizetype i = 0; i < pages.size(); ++i)
        readPage(pages[i], reader.pathOf(u"pages", i), log);

    if (!reader.has(u"entries")) {
        problem(reader.pathOf(u"entries"), u"is required"_s);
        return std::nullopt;
    }
    const QJsonArray entries = reader.array(u"entries");
    if (entries.size() > limits.maxEntries) {
        problem(reader.pathOf(u"entries"),
                u"%1 entries; CORS Studio reads HAR files of up to %2 entries — save only the requests "
                "that matter (filter DevTools' network panel first)"_s.arg(entries.size())
                    .arg(limits.maxEntries));
        return std::nullopt;
    }
    log.entries.reserve(entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i)
        readEntry(entries[i], int(i), log);

    if (m_problems->size() != before)
        return std::nullopt;
    return log;
}

} // namespace

qsizetype HarReader::invalidBase64At(QStringView text)
{
    const auto isAlphabet = [](QChar c) {
        return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'+'
            || c == u'/';
    };
    qsizetype length = text.size();
    qsizetype padding = 0;
    while (length > 0 && text[length - 1] == u'=' && padding < 2) {
        --length;
        ++padding;
    }
    for (qsizetype i = 0; i < length; ++i) {
        if (!isAlphabet(text[i]))
            return i;
    }
    // Padded: a multiple of 4 in all. Unpadded: a last group of 2 or 3 characters, never 1.
    if (padding > 0 ? text.size() % 4 != 0 : length % 4 == 1)
        return text.size();
    return -1;
}

std::optional<HarLog> HarReader::read(const QByteArray &json, JsonProblems *problems)
{
    return read(json, problems, Limits());
}

std::optional<HarLog> HarReader::read(const QByteArray &json, JsonProblems *problems, const Limits &limits)
{
    JsonProblems found;
    std::optional<HarLog> log;
    if (json.size() > limits.maxFileBytes) {
        found.append({ QString(),
                       u"%1 MiB; CORS Studio reads HAR files of up to %2 MiB — save only the "
                       "requests that matter (filter DevTools' network panel first)"_s.arg(
                           mebibytes(json.size()), mebibytes(limits.maxFileBytes)) });
    } else {
        // Some tools write a UTF-8 byte order mark, which JSON does not allow (RFC 8259 §8.1).
        const QByteArray text = json.startsWith("\xEF\xBB\xBF") ? json.mid(3) : json;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(text, &error);
        if (error.error != QJsonParseError::NoError) {
            JsonProblem problem = JsonProblem::fromParseError(text, error);
            if (error.offset >= text.trimmed().size() - 1 && !text.trimmed().isEmpty())
                problem.message += u" — the file ends too early: was it cut off?"_s;
            found.append(problem);
        } else {
            Reader reader(&found);
            log = reader.read(
                document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array()), limits);
        }
    }
    if (!found.isEmpty()) {
        const qsizetype shown = qMin(found.size(), qMax<qsizetype>(1, limits.maxProblems));
        problems->append(found.first(shown));
        if (found.size() > shown) {
            problems->append({ QString(), u"… and %1 more problems"_s.arg(found.size() - shown) });
        }
        return std::nullopt;
    }
    return log;
}

std::optional<HarLog> HarReader::readFile(const QString &fileName, JsonProblems *problems)
{
    return readFile(fileName, problems, Limits());
}

std::optional<HarLog> HarReader::readFile(const QString &fileName, JsonProblems *problems,
                                          const Limits &limits)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        problems->append({ QString(), u"cannot read: %1"_s.arg(file.errorString()) });
        return std::nullopt;
    }
    if (file.size() > limits.maxFileBytes) {
        problems->append({ QString(),
                           u"%1 MiB; CORS Studio reads HAR files of up to %2 MiB — save only "
                           "the requests that matter (filter DevTools' network panel first)"_s.arg(
                               mebibytes(file.size()), mebibytes(limits.maxFileBytes)) });
        return std::nullopt;
    }
    return read(file.readAll(), problems, limits);
}

} // namespace cors
