// HarReader: HAR 1.2 files as Chromium and Firefox save them, and broken or hostile ones — each
// problem named by its JSON path, and nothing read from a file that has one.
#include "import/harreader.h"
#include "import/harreplay.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(CORS_IMPORT_DATA "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

QByteArray har(const QByteArrayList &entries);
QByteArray entry(const QByteArray &from = {}, const QByteArray &to = {});

QString problemText(const JsonProblems &problems)
{
    QStringList lines;
    for (const JsonProblem &problem : problems)
        lines.append(problem.toString());
    return lines.join(u'\n');
}

} // namespace

class tst_HarReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void browserFixtures_data();
    void browserFixtures();
    void chromiumEntry();
    void firefoxEntry();
    void entryHelpers();
    void lenient_data();
    void lenient();
    void broken_data();
    void broken();
    void truncated();
    void problemsAreCapped();
    void limits();
    void enormousHar();
    void hugeBodyIsNotKept();
    void files();
    void mutationsNeverCrash();
    void base64_data();
    void base64();
};

// (After the class: moc loses its way in multi-line raw strings that come before it.)
namespace {

// A HAR with these entries (JSON text of each).
QByteArray har(const QByteArrayList &entries)
{
    return R"({"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"}, "pages": [],
               "entries": [)"
        + entries.join(',') + "]}}";
}

// One entry, with `replace` applied to its text.
QByteArray entry(const QByteArray &from, const QByteArray &to)
{
    QByteArray text = R"({"startedDateTime": "2024-11-05T09:12:05.410Z", "pageref": "page_1",
        "request": {"method": "GET", "url": "https://api.example/x", "httpVersion": "http/2.0",
                    "headers": [{"name": ":authority", "value": "api.example"}, {"name": "origin", "value": "https://app.example"}],
                    "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0},
        "response": {"status": 200, "statusText": "", "httpVersion": "http/2.0",
                     "headers": [{"name": "access-control-allow-origin", "value": "*"}, {"name": "x-a", "value": "1"}],
                     "cookies": [], "content": {"size": 4, "mimeType": "text/plain", "text": "QUJDRA==", "encoding": "base64"},
                     "redirectURL": "", "headersSize": -1, "bodySize": -1, "_transferSize": 0, "_error": null},
        "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0}, "time": 1})";
    if (!from.isEmpty()) {
        if (!text.contains(from))
            qFatal("no %s in the entry", from.constData());
        text.replace(from, to);
    }
    return text;
}

} // namespace

void tst_HarReader::browserFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("entries");
    QTest::addColumn<QString>("creator");
    QTest::addColumn<QString>("savedBy");

    QTest::newRow("Chromium, failed preflight")
        << u"chromium-failed-preflight.har"_s << 7 << u"WebInspector"_s << u"chromium"_s;
    QTest::newRow("Chromium, sanitized")
        << u"chromium-sanitized.har"_s << 6 << u"WebInspector"_s << u"chromium"_s;
    QTest::newRow("Chromium, redirects")
        << u"chromium-redirects.har"_s << 4 << u"WebInspector"_s << u"chromium"_s;
    QTest::newRow("Firefox") << u"firefox.har"_s << 6 << u"Firefox"_s << u"firefox"_s;
}

void tst_HarReader::browserFixtures()
{
    QFETCH(QString, file);
    QFETCH(int, entries);
    QFETCH(QString, creator);
    QFETCH(QString, savedBy);
    JsonProblems problems;
    const auto log = HarReader::read(fixture(file), &problems);
    QVERIFY2(log, qPrintable(problemText(problems)));
    QCOMPARE(log->version, u"1.2"_s);
    QCOMPARE(log->entries.size(), entries);
    QCOMPARE(log->creatorName, creator);
    QCOMPARE(log->pages.size(), 1);
    QVERIFY(log->pages.first().title.startsWith(u"https://"));
    const auto browser = log->savedBy();
    QVERIFY(browser);
    QCOMPARE(*browser == Browser::Chromium ? u"chromium"_s : u"firefox"_s, savedBy);
    for (qsizetype i = 0; i < log->entries.size(); ++i) {
        QCOMPARE(log->entries[i].index, i);
        QVERIFY(log->entries[i].started.isValid());
    }
}

void tst_HarReader::chromiumEntry()
{
    JsonProblems problems;
    const auto log = HarReader::read(fixture(u"chromium-failed-preflight.har"_s), &problems);
    QVERIFY(log);
    // The request blocked at its preflight: provisional headers, status 0, net::ERR_FAILED.
    const HarLog::Entry &blocked = log->entries[4];
    QCOMPARE(blocked.request.method, QByteArray("PUT"));
    QCOMPARE(blocked.status, 0);
    QCOMPARE(blocked.error, u"net::ERR_FAILED"_s);
    QVERIFY(!blocked.response());
    QVERIFY(!blocked.request.headers.contains("Origin"));
    QCOMPARE(blocked.resourceType, u"fetch"_s);
    QCOMPARE(blocked.initiatorType, u"script"_s);
    // Its preflight, which Chromium marks and lists after it.
    const HarLog::Entry &preflight = log->entries[5];
    QVERIFY(preflight.isPreflight());
    QCOMPARE(preflight.initiatorType, u"preflight"_s);
    QCOMPARE(preflight.initiatorUrl, u"https://api.acme.example/cart/items/42"_s);
    QVERIFY(preflight.request.headers.contains(":authority")); // kept as recorded
    QCOMPARE(preflight.response()->status, 204);
    QVERIFY(preflight.started > blocked.started);
    QVERIFY(preflight.error.isEmpty()); // "_error": null
    QVERIFY(log->entries[0].carriesCookies());
    QCOMPARE(log->entries[1].fromCache, u"disk"_s);
}

void tst_HarReader::firefoxEntry()
{
    JsonProblems problems;
    const auto log = HarReader::read(fixture(u"firefox.har"_s), &problems);
    QVERIFY(log);
    QCOMPARE(log->browserName, u"Firefox"_s);
    const HarLog::Entry &blocked = log->entries[2];
    QCOMPARE(blocked.status, 0);
    QVERIFY(blocked.responseHeaders.isEmpty());
    QVERIFY(blocked.error.isEmpty()); // Firefox records no error text
    QCOMPARE(blocked.request.headers.value("Origin"), QByteArray("https://eu.admin.acme.example"));
    // Firefox's local time with its offset.
    QCOMPARE(log->entries[1].started.toUTC(), QDateTime(QDate(2024, 11, 8), QTime(9, 15, 4, 207), Qt::UTC));
    QVERIFY(log->entries[1].started > blocked.started);
}

void tst_HarReader::entryHelpers()
{
    JsonProblems problems;
    const auto log = HarReader::read(
        har({ entry(R"("redirectURL": "")", R"("redirectURL": "https://api.example/y")")
                  .replace(R"("status": 200)", R"("status": 302)")
                  .replace(R"({"name": "x-a", "value": "1"})", R"({"name": ":status", "value": "302"})") }),
        &problems);
    QVERIFY2(log, qPrintable(problemText(problems)));
    const auto response = log->entries.first().response();
    QVERIFY(response);
    QCOMPARE(response->status, 302);
    QVERIFY(!response->headers.contains(":status"));
    QCOMPARE(response->headers.value("Location"), QByteArray("https://api.example/y"));
    QVERIFY(!log->entries.first().isPreflight());
    QVERIFY(!log->anyCookies());
}

void tst_HarReader::lenient_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("a custom field of another type")
        << har({ entry(R"("cache": {})", R"("_resourceType": 7, "cache": {})") });
    QTest::newRow("_initiator not an object")
        << har({ entry(R"("cache": {})", R"("_initiator": "script", "cache": {})") });
    QTest::newRow("_error as text") << har({ entry(R"("_error": null)", R"("_error": "net::ERR_FAILED")") });
    QTest::newRow("no version: HAR 1.1") << QByteArray(R"({"log": {"entries": []}})");
    QTest::newRow("no headers at all") << har({ entry(
        R"("headers": [{"name": ":authority", "value": "api.example"}, {"name": "origin", "value": "https://app.example"}],)",
        "") });
    QTest::newRow("a UTF-8 byte order mark") << "\xEF\xBB\xBF" + har({ entry() });
    QTest::newRow("an unknown content encoding")
        << har({ entry(R"("encoding": "base64")", R"("encoding": "gzip")") });
    QTest::newRow("websocket messages")
        << har({ entry(R"("cache": {})", R"("_webSocketMessages": [{"type": "send"}], "cache": {})") });
}

void tst_HarReader::lenient()
{
    QFETCH(QByteArray, json);
    JsonProblems problems;
    QVERIFY2(HarReader::read(json, &problems), qPrintable(problemText(problems)));
}

void tst_HarReader::broken_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");

    QTest::newRow("not JSON") << QByteArray("<!doctype html><title>Export</title>") << u"line 1, column 2"_s
                              << u"invalid JSON"_s;
    QTest::newRow("an array") << QByteArray("[]") << QString() << u"expected a HAR file"_s;
    QTest::newRow("no log") << QByteArray(R"({"har": {}})") << u"log"_s << u"not a HAR file"_s;
    QTest::newRow("log is a string") << QByteArray(R"({"log": "x"})") << u"log"_s
                                     << u"expected a log object, found a string"_s;
    QTest::newRow("HAR 2.0") << QByteArray(R"({"log": {"version": "2.0", "entries": []}})")
                             << u"log.version"_s << u"reads HAR 1.1 and 1.2"_s;
    QTest::newRow("no entries") << QByteArray(R"({"log": {"version": "1.2"}})") << u"log.entries"_s
                                << u"is required"_s;
    QTest::newRow("entries is an object") << QByteArray(R"({"log": {"entries": {}}})") << u"log.entries"_s
                                          << u"expected an array, found an object"_s;
    QTest::newRow("pages is a string") << QByteArray(R"({"log": {"pages": "p", "entries": []}})")
                                       << u"log.pages"_s << u"expected an array"_s;
    QTest::newRow("a page without id") << QByteArray(R"({"log": {"pages": [{"title": "t"}], "entries": []}})")
                                       << u"log.pages[0].id"_s << u"is required"_s;
    QTest::newRow("creator is a number") << QByteArray(R"({"log": {"creator": 1, "entries": []}})")
                                         << u"log.creator"_s << u"expected a creator object"_s;
    QTest::newRow("an entry that is a number")
        << har({ entry(), "1" }) << u"log.entries[1]"_s << u"expected an entry object, found a number"_s;
    QTest::newRow("no request") << har(
        { entry(R"("request": {"method": "GET", "url": "https://api.example/x", "httpVersion": "http/2.0",)",
                R"("x": {"httpVersion": "http/2.0",)") })
                                << u"log.entries[0].request"_s << u"is required"_s;
    QTest::newRow("no response") << har({ entry(R"("response": {)", R"("x": {)") })
                                 << u"log.entries[0].response"_s << u"is required"_s;
    QTest::newRow("no startedDateTime")
        << har({ entry(R"("startedDateTime": "2024-11-05T09:12:05.410Z",)", "") })
        << u"log.entries[0].startedDateTime"_s << u"is required"_s;
    QTest::newRow("startedDateTime is not a date")
        << har({ entry("2024-11-05T09:12:05.410Z", "yesterday") }) << u"log.entries[0].startedDateTime"_s
        << u"\"yesterday\" is not an ISO 8601 date and time"_s;
    QTest::newRow("status is a string")
        << har({ entry(R"("status": 200)", R"("status": "200")") }) << u"log.entries[0].response.status"_s
        << u"expected a whole number, found a string"_s;
    QTest::newRow("status out of range")
        << har({ entry(R"("status": 200)", R"("status": 1e6)") }) << u"log.entries[0].response.status"_s
        << u"not a whole number from 0 to 999"_s;
    QTest::newRow("no status") << har({ entry(R"("status": 200,)", "") })
                               << u"log.entries[0].response.status"_s << u"is required"_s;
    QTest::newRow("a relative URL") << har({ entry(R"("url": "https://api.example/x")", R"("url": "/x")") })
                                    << u"log.entries[0].request.url"_s << u"\"/x\" is not an absolute URL"_s;
    QTest::newRow("url is a number") << har({ entry(R"("url": "https://api.example/x")", R"("url": 5)") })
                                     << u"log.entries[0].request.url"_s
                                     << u"expected a string, found a number"_s;
    QTest::newRow("a method with a space") << har({ entry(R"("method": "GET")", R"("method": "GE T")") })
                                           << u"log.entries[0].request.method"_s << u"not an HTTP method"_s;
    QTest::newRow("headers is an object")
        << har({ entry(R"("headers": [{"name": "access)", R"("headers": {}, "x": [{"name": "access)") })
        << u"log.entries[0].response.headers"_s << u"expected an array"_s;
    QTest::newRow("a header that is a string")
        << har({ entry(R"({"name": "x-a", "value": "1"})", R"("x-a: 1")") })
        << u"log.entries[0].response.headers[1]"_s << u"expected a header object"_s;
    QTest::newRow("a header value that is a number")
        << har({ entry(R"({"name": "x-a", "value": "1"})", R"({"name": "x-a", "value": 1})") })
        << u"log.entries[0].response.headers[1].value"_s << u"expected a string, found a number"_s;
    QTest::newRow("a header name that is not one")
        << har({ entry(R"("name": "x-a")", R"("name": "x a")") })
        << u"log.entries[0].response.headers[1].name"_s << u"\"x a\" is not a header name"_s;
    QTest::newRow("a NUL in a header value") << har({ entry(R"("value": "1")", R"("value": "1\u0000")") })
                                             << u"log.entries[0].response.headers[1].value"_s << u"NUL"_s;
    QTest::newRow("base64 garbage")
        << har({ entry(R"("QUJDRA==")", R"("QUJD!A==")") }) << u"log.entries[0].response.content.text"_s
        << u"not base64, as \"encoding\": \"base64\" says: character 4 is \"!\""_s;
    QTest::newRow("base64 cut short") << har({ entry(R"("QUJDRA==")", R"("QUJDR")") })
                                      << u"log.entries[0].response.content.text"_s << u"middle of a group"_s;
    QTest::newRow("content is a string") << har({ entry(
        R"("content": {"size": 4, "mimeType": "text/plain", "text": "QUJDRA==", "encoding": "base64"})",
        R"("content": "ABCD")") }) << u"log.entries[0].response.content"_s
                                         << u"expected a content object"_s;
    QTest::newRow("postData is a string")
        << har({ entry(R"("bodySize": 0})", R"("bodySize": 0, "postData": "a=1"})") })
        << u"log.entries[0].request.postData"_s << u"expected a postData object"_s;
    QTest::newRow("the problem is in the 3rd entry")
        << har({ entry(), entry(), entry(R"("status": 200)", R"("status": null)") })
        << u"log.entries[2].response.status"_s << u"found null"_s;
}

void tst_HarReader::broken()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    QFETCH(QString, message);
    JsonProblems problems;
    QVERIFY(!HarReader::read(json, &problems));
    QVERIFY(!problems.isEmpty());
    const bool found = std::any_of(problems.begin(), problems.end(), [&](const JsonProblem &problem) {
        return problem.path == path && problem.message.contains(message);
    });
    QVERIFY2(found, qPrintable(problemText(problems)));
}

void tst_HarReader::truncated()
{
    const QByteArray whole = fixture(u"chromium-failed-preflight.har"_s);
    for (const double fraction : { 0.1, 0.5, 0.99 }) {
        JsonProblems problems;
        QVERIFY(!HarReader::read(whole.left(qsizetype(double(whole.size()) * fraction)), &problems));
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.first().path.startsWith(u"line "));
        QVERIFY2(problems.first().message.contains(u"cut off"), qPrintable(problems.first().toString()));
    }
}

void tst_HarReader::problemsAreCapped()
{
    QByteArrayList entries;
    for (int i = 0; i < 100; ++i)
        entries.append(entry(R"("status": 200)", R"("status": "ok")"));
    JsonProblems problems;
    QVERIFY(!HarReader::read(har(entries), &problems));
    QCOMPARE(problems.size(), 21);
    QCOMPARE(problems.first().path, u"log.entries[0].response.status"_s);
    QCOMPARE(problems.last().message, u"… and 80 more problems"_s);
}

void tst_HarReader::limits()
{
    HarReader::Limits limits;
    limits.maxEntries = 3;
    JsonProblems problems;
    QVERIFY(!HarReader::read(har({ entry(), entry(), entry(), entry() }), &problems, limits));
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().path, u"log.entries"_s);
    QVERIFY(
        problems.first().message.startsWith(u"4 entries; CORS Studio reads HAR files of up to 3 entries"));

    limits = HarReader::Limits();
    limits.maxFileBytes = 1000;
    problems.clear();
    QVERIFY(!HarReader::read(fixture(u"firefox.har"_s), &problems, limits));
    QCOMPARE(problems.size(), 1);
    QVERIFY(problems.first().path.isEmpty());
    QVERIFY2(problems.first().message.contains(u"MiB; CORS Studio reads HAR files of up to 0.0 MiB"),
             qPrintable(problems.first().message));
}

// A HAR with more entries than the default limit is refused after parsing, without building them.
void tst_HarReader::enormousHar()
{
    const QByteArray small = R"({"startedDateTime": "2024-11-05T09:12:05Z", "request": {"method": "GET",
        "url": "https://a.example/", "headers": []}, "response": {"status": 200, "headers": []}})";
    QByteArrayList entries;
    entries.fill(small, HarReader::Limits().maxEntries + 1);
    JsonProblems problems;
    QVERIFY(!HarReader::read(har(entries), &problems));
    QCOMPARE(problems.size(), 1);
    QVERIFY(problems.first().message.startsWith(u"50001 entries"));

    entries.removeLast();
    QElapsedTimer timer;
    timer.start();
    const auto log = HarReader::read(har(entries), &problems);
    QVERIFY(log);
    QCOMPARE(log->entries.size(), 50000);
    qInfo("50,000 entries read in %lld ms", timer.elapsed());
}

void tst_HarReader::hugeBodyIsNotKept()
{
    // 24 MiB of base64 in one response body, under the file limit: checked, read, not kept.
    const QByteArray body = QByteArray(18 * 1024 * 1024, 'x').toBase64();
    JsonProblems problems;
    const auto log = HarReader::read(har({ entry(R"("QUJDRA==")", '"' + body + '"') }), &problems);
    QVERIFY2(log, qPrintable(problemText(problems)));
    QVERIFY(log->entries.first().request.body.isEmpty());
}

void tst_HarReader::files()
{
    JsonProblems problems;
    QVERIFY(!HarReader::readFile(u"/nonexistent/customer.har"_s, &problems));
    QCOMPARE(problems.size(), 1);
    QVERIFY(problems.first().message.startsWith(u"cannot read: "));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile big(dir.filePath(u"big.har"_s));
    QVERIFY(big.open(QIODevice::WriteOnly));
    QVERIFY(big.resize(HarReader::Limits().maxFileBytes + 1)); // sparse: refused before it is read
    big.close();
    problems.clear();
    QVERIFY(!HarReader::readFile(big.fileName(), &problems));
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().message.startsWith(u"128 MiB; CORS Studio reads HAR files of up to 128 MiB"),
             qPrintable(problems.first().message));

    problems.clear();
    const auto log = HarReader::readFile(QStringLiteral(CORS_IMPORT_DATA "/firefox.har"), &problems);
    QVERIFY(log);
}

// The browsers' fixtures, mangled a thousand ways (a fixed seed): each is read whole — and then
// replays — or is refused with at least one problem, never half read.
void tst_HarReader::mutationsNeverCrash()
{
    const QList<QByteArray> fixtures = { fixture(u"chromium-failed-preflight.har"_s),
                                         fixture(u"firefox.har"_s), fixture(u"chromium-redirects.har"_s) };
    static const QByteArray pieces[] = { "\"", "{",  "}",     "[",    "]",     ",",       ":",  "null",
                                         "0",  "-1", "1e309", "true", "\"x\"", "\\u0000", "{}", "[]" };
    QRandomGenerator random(20241108);
    int read = 0;
    int refused = 0;
    for (int round = 0; round < 1000; ++round) {
        QByteArray text = fixtures[round % fixtures.size()];
        const int at = int(random.bounded(text.size()));
        switch (round % 3) {
        case 0:
            text.truncate(at);
            break;
        case 1:
            text.remove(at, int(random.bounded(12)));
            break;
        default:
            text.insert(at, pieces[random.bounded(int(std::size(pieces)))]);
            break;
        }
        JsonProblems problems;
        const auto log = HarReader::read(text, &problems);
        if (log) {
            ++read;
            QVERIFY(problems.isEmpty());
            // And what was read replays without surprises.
            const HarReport report =
                HarReplay::run(*log, BrowserProfile::chromium(), QString(), std::nullopt);
            QVERIFY(report.requests.size() <= log->entries.size());
        } else {
            ++refused;
            QVERIFY(!problems.isEmpty());
        }
    }
    qInfo("%d mangled HARs read, %d refused", read, refused);
}

void tst_HarReader::base64_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("invalidAt");

    QTest::newRow("padded") << u"QUJDRA=="_s << -1;
    QTest::newRow("one pad") << u"QUJDREU="_s << -1;
    QTest::newRow("no padding needed") << u"QUJD"_s << -1;
    QTest::newRow("unpadded, 2 left") << u"QUJDRA"_s << -1;
    QTest::newRow("empty") << QString() << -1;
    QTest::newRow("a space") << u"QUJD RA=="_s << 4;
    QTest::newRow("base64url") << u"QU_D"_s << 2;
    QTest::newRow("padding inside") << u"QU==QUJD"_s << 2;
    QTest::newRow("one character left over") << u"QUJDR"_s << 5;
    QTest::newRow("padded, wrong length") << u"QUJDRA="_s << 7;
    QTest::newRow("three pads") << u"QUJ==="_s << 3;
}

void tst_HarReader::base64()
{
    QFETCH(QString, text);
    QFETCH(int, invalidAt);
    QCOMPARE(HarReader::invalidBase64At(text), invalidAt);
}

QTEST_APPLESS_MAIN(tst_HarReader)
#include "tst_harreader.moc"
