// AuthorHeaders: which recorded request headers the page set, with and without its preflight.
#include "browser/corssafelist.h"
#include "import/authorheaders.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

namespace {

HttpHeaders parseHeaders(const QString &text)
{
    HttpHeaders headers;
    for (const QString &line : text.split(u'|', Qt::SkipEmptyParts)) {
        const qsizetype colon = line.indexOf(u':', line.startsWith(u':') ? 1 : 0);
        headers.append(line.left(colon).trimmed().toUtf8(), line.mid(colon + 1).trimmed().toUtf8());
    }
    return headers;
}

QString names(const HttpHeaders &headers)
{
    QStringList list;
    for (const auto &[name, value] : headers)
        list.append(QString::fromLatin1(name));
    return list.join(u',');
}

} // namespace

class tst_AuthorHeaders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromRecorded_data();
    void fromRecorded();
    void restoredStayUnsafe();
    void parseRequestHeaderNames();
};

void tst_AuthorHeaders::fromRecorded_data()
{
    QTest::addColumn<QString>("recorded");
    QTest::addColumn<QString>("browser");
    QTest::addColumn<bool>("hasPreflight");
    QTest::addColumn<QString>("preflightNames");
    QTest::addColumn<QString>("kept");
    QTest::addColumn<QString>("restored");

    QTest::newRow("HTTP/2 pseudo-headers and forbidden headers go")
        << u":authority: a|:method: GET|:path: /|:scheme: https|accept: */*|accept-encoding: gzip|cookie: "
           "a=1|origin: https://p|referer: https://p/|sec-fetch-mode: cors|host: a|content-length: 3|x-a: 1"_s
        << u"chromium"_s << false << QString() << u"accept,x-a"_s << QString();
    QTest::newRow("User-Agent: Chromium forbids it")
        << u"user-agent: UA|x-a: 1"_s << u"chromium"_s << false << QString() << u"x-a"_s << QString();
    QTest::newRow("User-Agent: Firefox allows it, but sends its own")
        << u"User-Agent: UA|X-A: 1"_s << u"firefox"_s << false << QString() << u"X-A"_s << QString();
    QTest::newRow("Priority, and Disable cache's Pragma + Cache-Control")
        << u"Priority: u=4|Pragma: no-cache|Cache-Control: no-cache|X-A: 1"_s << u"firefox"_s << false
        << QString() << u"X-A"_s << QString();
    QTest::newRow("a Cache-Control of the page's own stays")
        << u"Cache-Control: max-age=0|X-A: 1"_s << u"chromium"_s << false << QString()
        << u"Cache-Control,X-A"_s << QString();
    QTest::newRow("Cache-Control: no-cache alone stays")
        << u"Cache-Control: no-cache"_s << u"chromium"_s << false << QString() << u"Cache-Control"_s
        << QString();
    QTest::newRow("a safelisted Accept-Language goes, an unsafe one stays")
        << u"Accept-Language: en-US,en;q=0.5"_s << u"firefox"_s << false << QString() << QString()
        << QString();
    QTest::newRow("an unsafe Accept-Language was the page's")
        << u"Accept-Language: {x}"_s << u"firefox"_s << false << QString() << u"Accept-Language"_s
        << QString();
    QTest::newRow("preflight: listed and safelisted stay, the rest was the browser's")
        << u"accept: */*|content-type: application/json|x-request-id: 1|x-late: 2|priority: u=1, i"_s
        << u"chromium"_s << true << u"content-type,x-request-id"_s << u"accept,content-type,x-request-id"_s
        << QString();
    QTest::newRow("preflight: a listed name the recording lacks is restored")
        << u"content-type: application/json"_s << u"chromium"_s << true << u"authorization,content-type"_s
        << u"content-type,authorization"_s << u"authorization"_s;
    QTest::newRow("preflight: only the method needed it")
        << u"accept: */*|x-added-later: 1"_s << u"chromium"_s << true << QString() << u"accept"_s
        << QString();
    QTest::newRow("preflight: a listed Priority was the page's")
        << u"priority: high"_s << u"chromium"_s << true << u"priority"_s << u"priority"_s << QString();
    QTest::newRow("a preflight only (the request is not in the HAR)")
        << QString() << u"firefox"_s << true << u"authorization,x-b"_s << u"authorization,x-b"_s
        << u"authorization,x-b"_s;
}

void tst_AuthorHeaders::fromRecorded()
{
    QFETCH(QString, recorded);
    QFETCH(QString, browser);
    QFETCH(bool, hasPreflight);
    QFETCH(QString, preflightNames);
    QFETCH(QString, kept);
    QFETCH(QString, restored);

    std::optional<QByteArrayList> names;
    if (hasPreflight)
        names = AuthorHeaders::parseRequestHeaderNames(preflightNames.toLatin1());
    const HttpHeaders input = parseHeaders(recorded);
    const auto result = AuthorHeaders::fromRecorded(input, *BrowserProfile::fromName(browser), names);
    QCOMPARE(::names(result.headers), kept);
    QCOMPARE(QString::fromLatin1(result.restored.join(',')), restored);
    // Nothing is lost without a reason.
    QCOMPARE(result.headers.size() - result.restored.size() + result.dropped.size(), input.size());
    for (const AuthorHeaders::Dropped &dropped : result.dropped)
        QVERIFY2(!dropped.reason.isEmpty(), dropped.name.constData());
}

void tst_AuthorHeaders::restoredStayUnsafe()
{
    // A restored header keeps the preflight the recording showed: its placeholder is never safelisted.
    const auto result = AuthorHeaders::fromRecorded(
        {}, BrowserProfile::chromium(), QByteArrayList { "accept", "content-type", "range", "dpr" });
    for (const auto &[name, value] : result.headers) {
        QCOMPARE(value, AuthorHeaders::placeholderValue());
        QVERIFY(!CorsSafelist::isSafelistedRequestHeader(name, value, BrowserProfile::chromium()));
    }
}

void tst_AuthorHeaders::parseRequestHeaderNames()
{
    QCOMPARE(AuthorHeaders::parseRequestHeaderNames(" Content-Type , x-a,,X-B "),
             (QByteArrayList { "content-type", "x-a", "x-b" }));
    QVERIFY(AuthorHeaders::parseRequestHeaderNames("").isEmpty());
}

QTEST_APPLESS_MAIN(tst_AuthorHeaders)
#include "tst_authorheaders.moc"
