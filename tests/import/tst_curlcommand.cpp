// CurlCommand: "Copy as cURL (bash)" as Chromium and Firefox write it, read back as the fetch()
// the page made; and every malformed command refused with its place in the text.
#include "browser/browsersession.h"
#include "browser/engineresponder.h"
#include "bundle/bundlereader.h"
#include "import/curlcommand.h"

#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace cors;

namespace {

QString fixture(const QString &name)
{
    QFile file(QStringLiteral(CORS_IMPORT_DATA "/curl/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return QString::fromUtf8(file.readAll());
}

QString headerText(const HttpHeaders &headers)
{
    QStringList fields;
    for (const auto &[name, value] : headers)
        fields.append(QString::fromUtf8(name + ": " + value));
    return fields.join(u" | "_s);
}

QString droppedNames(const QList<AuthorHeaders::Dropped> &dropped)
{
    QStringList names;
    for (const AuthorHeaders::Dropped &header : dropped)
        names.append(QString::fromLatin1(header.name));
    return names.join(u',');
}

const QString kNoBody = u"(no body)"_s;

} // namespace

class tst_CurlCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void urlEscapes();
    void droppedHeadersSayWhy();
    void fetchSpec();
    void composerRunsIt();
    void copiedPreflight();
    void refused_data();
    void refused();
    void tooLong();
    void mutationsNeverCrash();
};

void tst_CurlCommand::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("browser");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("origin"); // serialized, or empty when unknown
    QTest::addColumn<QString>("originSource");
    QTest::addColumn<QString>("headers");
    QTest::addColumn<QString>("dropped");
    QTest::addColumn<QString>("body");
    QTest::addColumn<bool>("credentials");
    QTest::addColumn<QString>("note");

    const QString chromiumPut = fixture(u"chromium-put.sh"_s);
    QTest::newRow("Chromium: PUT with -b, $'…' body")
        << chromiumPut << u"chromium"_s << QByteArray("PUT") << u"https://api.acme.example/cart/items/42"_s
        << u"https://shop.acme.example"_s << u"origin-header"_s
        << u"accept: application/json | content-type: application/json | x-request-id: 9b1d"_s
        << u"accept-language,Cookie,origin,priority,referer,sec-ch-ua,sec-ch-ua-mobile,sec-ch-ua-platform,"
           "sec-fetch-dest,sec-fetch-mode,sec-fetch-site,user-agent"_s
        << u"{\"qty\":2,\"note\":\"gift — don't wrap!\\n\"}"_s << true << QString();
    QTest::newRow("Chromium: the same, pasted with CR LF line ends")
        << QString(chromiumPut).replace(u"\n"_s, u"\r\n"_s) << u"chromium"_s << QByteArray("PUT")
        << u"https://api.acme.example/cart/items/42"_s << u"https://shop.acme.example"_s << u"origin-header"_s
        << u"accept: application/json | content-type: application/json | x-request-id: 9b1d"_s
        << u"accept-language,Cookie,origin,priority,referer,sec-ch-ua,sec-ch-ua-mobile,sec-ch-ua-platform,"
           "sec-fetch-dest,sec-fetch-mode,sec-fetch-site,user-agent"_s
        << u"{\"qty\":2,\"note\":\"gift — don't wrap!\\n\"}"_s << true << QString();
    QTest::newRow("Chromium: GET, origin from the Referer, an empty header")
        << fixture(u"chromium-search.sh"_s) << u"chromium"_s << QByteArray("GET")
        << u"https://api.acme.example/search?filter[tag]=new&q=%7Bx%7D"_s << u"https://shop.acme.example"_s
        << u"referer"_s << u"accept: */* | x-trace: "_s
        << u"accept-language,priority,referer,sec-ch-ua,sec-ch-ua-mobile,sec-ch-ua-platform,sec-fetch-dest,"
           "sec-fetch-mode,sec-fetch-site,user-agent"_s
        << kNoBody << false << QString();
    QTest::newRow("Firefox: PATCH on one line, --compressed, \\xHH")
        << fixture(u"firefox-patch.sh"_s) << u"firefox"_s << QByteArray("PATCH")
        << u"https://api.acme.example/admin/users/7"_s << u"https://eu.admin.acme.example"_s
        << u"origin-header"_s
        << u"Accept: application/json | Content-Type: application/json | Authorization: Bearer "
           "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyZW4ifQ.c2ln"_s
        << u"User-Agent,Accept-Language,Accept-Encoding,Origin,Connection,Referer,Sec-Fetch-Dest,Sec-Fetch-Mode,Sec-Fetch-Site,Priority,Pragma,Cache-Control,TE"_s
        << QString::fromLatin1("{\"name\":\"Ren\xe9"
                               "e\"}")
        << false << u"--compressed"_s;
    QTest::newRow("Firefox: a form POST with a Cookie header")
        << fixture(u"firefox-post-form.sh"_s) << u"firefox"_s << QByteArray("POST")
        << u"http://localhost:8081/session"_s << u"http://localhost:3000"_s << u"origin-header"_s
        << u"Accept: */* | Content-Type: application/x-www-form-urlencoded"_s
        << u"User-Agent,Accept-Language,Accept-Encoding,Origin,Connection,Referer,Cookie,Sec-Fetch-Dest,"
           "Sec-Fetch-Mode,Sec-Fetch-Site,Priority"_s
        << u"user=ren&remember=1"_s << true << QString();
    QTest::newRow("typed by hand: double quotes, '\\'', URL last")
        << u"curl -sS -X POST -H \"Content-Type: application/json\" -H 'Origin: https://app.example.com' "
           "-d '{\"it'\\''s\":1}' https://api.example.com/x"_s
        << u"chromium"_s << QByteArray("POST") << u"https://api.example.com/x"_s
        << u"https://app.example.com"_s << u"origin-header"_s << u"Content-Type: application/json"_s
        << u"Origin"_s << u"{\"it's\":1}"_s << false << QString();
    QTest::newRow("-XPUT and -H'…' run together, --data-binary")
        << u"curl -XPUT -H'X-A: 1' https://a.example/ --data-binary 'x'"_s << u"chromium"_s
        << QByteArray("PUT") << u"https://a.example/"_s << QString() << QString() << u"X-A: 1"_s << QString()
        << u"x"_s << false << u"Neither an Origin nor a Referer"_s;
    QTest::newRow("-I is HEAD") << u"curl -I https://a.example/"_s << u"chromium"_s << QByteArray("HEAD")
                                << u"https://a.example/"_s << QString() << QString() << QString() << QString()
                                << kNoBody << false << QString();
    QTest::newRow("-G puts the data into the query")
        << u"curl -G https://a.example/s -d q=1 -d r=2"_s << u"chromium"_s << QByteArray("GET")
        << u"https://a.example/s?q=1&r=2"_s << QString() << QString() << QString() << QString() << kNoBody
        << false << QString();
    QTest::newRow("--data-urlencode")
        << u"curl https://a.example/ --data-urlencode 'q=a b&c'"_s << u"chromium"_s << QByteArray("POST")
        << u"https://a.example/"_s << QString() << QString() << QString() << QString() << u"q=a%20b%26c"_s
        << false << u"no Content-Type"_s;
    QTest::newRow("-A, -e with ;auto, -u")
        << u"curl https://a.example/ -A 'Agent/1' -e 'https://p.example/page;auto' -u 'ren:pw'"_s
        << u"chromium"_s << QByteArray("GET") << u"https://a.example/"_s << u"https://p.example"_s
        << u"referer"_s << u"Authorization: Basic cmVuOnB3"_s << u"User-Agent,Referer"_s << kNoBody << false
        << QString();
    QTest::newRow("Firefox allows User-Agent, but the browser sent its own")
        << u"curl https://a.example/ -A 'Agent/1'"_s << u"firefox"_s << QByteArray("GET")
        << u"https://a.example/"_s << QString() << QString() << QString() << u"User-Agent"_s << kNoBody
        << false << QString();
    QTest::newRow("-- ends the options")
        << u"curl -- https://a.example/-x"_s << u"chromium"_s << QByteArray("GET")
        << u"https://a.example/-x"_s << QString() << QString() << QString() << QString() << kNoBody << false
        << QString();
    QTest::newRow("--url") << u"curl --url 'https://a.example/' --insecure -L"_s << u"chromium"_s
                           << QByteArray("GET") << u"https://a.example/"_s << QString() << QString()
                           << QString() << QString() << kNoBody << false << u"--insecure"_s;
    QTest::newRow("Origin: null is the opaque origin")
        << u"curl https://a.example/ -H 'Origin: null'"_s << u"chromium"_s << QByteArray("GET")
        << u"https://a.example/"_s << u"null"_s << u"origin-header"_s << QString() << u"Origin"_s << kNoBody
        << false << QString();
    QTest::newRow("-H 'Accept:' sends nothing")
        << u"curl https://a.example/ -H 'Accept:'"_s << u"chromium"_s << QByteArray("GET")
        << u"https://a.example/"_s << QString() << QString() << QString() << QString() << kNoBody << false
        << u"not to send"_s;
    QTest::newRow("-b with a cookie file")
        << u"curl https://a.example/ -b cookies.txt"_s << u"chromium"_s << QByteArray("GET")
        << u"https://a.example/"_s << QString() << QString() << QString() << QString() << kNoBody << true
        << u"cookie file"_s;
    QTest::newRow("unescaped glob characters are taken literally")
        << u"curl 'https://a.example/x?a[1]=2'"_s << u"chromium"_s << QByteArray("GET")
        << u"https://a.example/x?a[1]=2"_s << QString() << QString() << QString() << QString() << kNoBody
        << false << u"glob"_s;
}

void tst_CurlCommand::parse()
{
    QFETCH(QString, text);
    QFETCH(QString, browser);
    QFETCH(QByteArray, method);
    QFETCH(QString, url);
    QFETCH(QString, origin);
    QFETCH(QString, originSource);
    QFETCH(QString, headers);
    QFETCH(QString, dropped);
    QFETCH(QString, body);
    QFETCH(bool, credentials);
    QFETCH(QString, note);

    CurlCommand::Error error;
    const auto command = CurlCommand::parse(text, *BrowserProfile::fromName(browser), &error);
    QVERIFY2(command, qPrintable(error.toString()));
    QCOMPARE(command->method, method);
    QCOMPARE(command->url.toString(QUrl::FullyEncoded), QUrl(url).toString(QUrl::FullyEncoded));
    if (origin.isEmpty()) {
        QVERIFY(!command->pageOrigin);
    } else {
        QVERIFY(command->pageOrigin);
        QCOMPARE(command->pageOrigin->origin.serialize(), origin);
        QCOMPARE(PageOrigin::sourceName(command->pageOrigin->source), originSource);
    }
    QCOMPARE(headerText(command->headers), headers);
    QCOMPARE(droppedNames(command->droppedHeaders), dropped);
    if (body == kNoBody)
        QVERIFY(!command->body);
    else
        QCOMPARE(*command->body, body.startsWith(u"{\"name\":\"Ren") ? body.toLatin1() : body.toUtf8());
    QCOMPARE(command->credentials, credentials);
    if (!note.isEmpty())
        QVERIFY2(command->notes.join(u'\n').contains(note), qPrintable(command->notes.join(u'\n')));
}

void tst_CurlCommand::urlEscapes()
{
    // Chromium escapes curl's glob characters with a backslash inside the quotes.
    const auto command =
        CurlCommand::parse(fixture(u"chromium-search.sh"_s), BrowserProfile::chromium(), nullptr);
    QVERIFY(command);
    QCOMPARE(QUrlQuery(command->url).queryItemValue(u"filter[tag]"_s), u"new"_s);
    // Firefox adds --globoff, and then a backslash is a backslash.
    const auto globoff = CurlCommand::parse(u"curl 'https://a.example/\\[x\\]' --globoff"_s,
                                            BrowserProfile::firefox(), nullptr);
    QVERIFY(globoff);
    QVERIFY(globoff->url.toString().contains(u"%5C"_s));
}

void tst_CurlCommand::droppedHeadersSayWhy()
{
    const auto command =
        CurlCommand::parse(fixture(u"firefox-patch.sh"_s), BrowserProfile::firefox(), nullptr);
    QVERIFY(command);
    QHash<QByteArray, QString> reasons;
    for (const AuthorHeaders::Dropped &header : command->droppedHeaders)
        reasons.insert(header.name, header.reason);
    QVERIFY(reasons.value("Origin").contains(u"forbidden request header"_s));
    QVERIFY(reasons.value("Priority").contains(u"RFC 9218"_s));
    QVERIFY(reasons.value("Pragma").contains(u"Disable cache"_s));
    QVERIFY(reasons.value("Cache-Control").contains(u"Disable cache"_s));
    QVERIFY(reasons.value("User-Agent").contains(u"its own User-Agent"_s));
    // Every header the command sends is either the page's or dropped with a reason.
    QCOMPARE(command->headers.size() + command->droppedHeaders.size(), command->sentHeaders.size());
}

void tst_CurlCommand::fetchSpec()
{
    const auto command =
        CurlCommand::parse(fixture(u"chromium-put.sh"_s), BrowserProfile::chromium(), nullptr);
    QVERIFY(command);
    const FetchSpec spec = command->toFetchSpec();
    QCOMPARE(spec.pageOrigin.serialize(), u"https://shop.acme.example"_s);
    QCOMPARE(spec.pageUrl, QUrl(u"https://shop.acme.example/cart"_s));
    QCOMPARE(spec.url, QUrl(u"https://api.acme.example/cart/items/42"_s));
    QCOMPARE(spec.method, QByteArray("PUT"));
    QCOMPARE(spec.headers, command->headers);
    QCOMPARE(spec.credentials, CredentialsMode::Include);
    QCOMPARE(spec.mode, RequestMode::Cors);

    const auto anonymous =
        CurlCommand::parse(u"curl https://a.example/"_s, BrowserProfile::chromium(), nullptr);
    QVERIFY(anonymous);
    QVERIFY(anonymous->toFetchSpec().pageOrigin.isOpaque());
    QCOMPARE(anonymous->toFetchSpec().credentials, CredentialsMode::SameOrigin);
}

// What the simulator's composer does with a pasted command: the browser model runs it.
void tst_CurlCommand::composerRunsIt()
{
    QFile file(QStringLiteral(CORS_IMPORT_DATA "/acme.corsbundle.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    JsonProblems problems;
    const auto bundle = BundleReader::read(QJsonDocument::fromJson(file.readAll()).object(), &problems);
    QVERIFY(bundle);
    const auto command =
        CurlCommand::parse(fixture(u"chromium-put.sh"_s), BrowserProfile::chromium(), nullptr);
    QVERIFY(command);
    EngineResponder responder { CorsEngine(bundle->tenants.first()) };
    const Outcome outcome = cors::fetch(command->toFetchSpec(), responder, BrowserProfile::chromium());
    QCOMPARE(outcome.verdict, Verdict::Allowed);
    QVERIFY(outcome.preflightSent());
    QCOMPARE(outcome.hops.last().preflight->request.headers.value("Access-Control-Request-Headers"),
             QByteArray("content-type,x-request-id"));
}

// Support often copies the failing preflight; the composer gets the request it was sent for.
void tst_CurlCommand::copiedPreflight()
{
    const QString text = u"curl 'https://api.acme.example/me/preferences' \\\n"
                         "  -X 'OPTIONS' \\\n"
                         "  -H 'accept: */*' \\\n"
                         "  -H 'access-control-request-headers: authorization,content-type' \\\n"
                         "  -H 'access-control-request-method: PUT' \\\n"
                         "  -H 'origin: https://shop.acme.example' \\\n"
                         "  -H 'sec-fetch-mode: cors'"_s;
    CurlCommand::Error error;
    const auto command = CurlCommand::parse(text, BrowserProfile::chromium(), &error);
    QVERIFY2(command, qPrintable(error.toString()));
    QVERIFY(command->preflightFor);
    QCOMPARE(command->method, QByteArray("PUT"));
    QCOMPARE(headerText(command->headers),
             u"authorization: (not in the recording) | content-type: (not in the recording)"_s);
    QCOMPARE(command->pageOrigin->origin.serialize(), u"https://shop.acme.example"_s);
    QCOMPARE(command->droppedHeaders.size(), command->sentHeaders.size());
    QVERIFY(command->notes.join(u'\n').contains(u"This is a preflight"_s));
}

void tst_CurlCommand::refused_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("nothing") << u"  "_s << 1 << 1 << u"there is no command"_s;
    QTest::newRow("not curl") << u"wget https://a/"_s << 1 << 1 << u"expected a curl command"_s;
    QTest::newRow("no URL") << u"curl -s"_s << 1 << 8 << u"has no URL"_s;
    QTest::newRow("two URLs") << u"curl https://a.example/ https://b.example/"_s << 1 << 25
                              << u"a second URL"_s;
    QTest::newRow("two commands") << u"curl 'https://a/'\ncurl 'https://b/'"_s << 2 << 1
                                  << u"a second curl command"_s;
    QTest::newRow("unknown long option")
        << u"curl https://a/ --frobnicate"_s << 1 << 17 << u"no option --frobnicate"_s;
    QTest::newRow("unknown short option") << u"curl https://a/ -sZ"_s << 1 << 19 << u"no option -Z"_s;
    QTest::newRow("option without its value") << u"curl https://a/ -X"_s << 1 << 17 << u"-X needs a value"_s;
    QTest::newRow("not a method") << u"curl https://a/ -X 'GE T'"_s << 1 << 20 << u"not an HTTP method"_s;
    QTest::newRow("a header without a colon")
        << u"curl https://a/ -H 'NoColon'"_s << 1 << 20 << u"not a header"_s;
    QTest::newRow("not a header name")
        << u"curl https://a/ -H 'Bad Name: 1'"_s << 1 << 20 << u"not a header name"_s;
    QTest::newRow("a header with a line break")
        << u"curl https://a/ -H $'X: 1\\r\\nY: 2'"_s << 1 << 20 << u"line break"_s;
    QTest::newRow("headers from a file")
        << u"curl https://a/ -H @headers.txt"_s << 1 << 20 << u"from a file"_s;
    QTest::newRow("body from a file")
        << u"curl https://a/ -d @body.json"_s << 1 << 20 << u"reads the body from a file"_s;
    QTest::newRow("multipart form") << u"curl https://a/ -F 'a=1'"_s << 1 << 17 << u"multipart"_s;
    QTest::newRow("-u without a password")
        << u"curl https://a/ -u ren"_s << 1 << 20 << u"ask for the password"_s;
    QTest::newRow("not http(s)") << u"curl 'ftp://a.example/x'"_s << 1 << 6
                                 << u"not an absolute http(s) URL"_s;
    QTest::newRow("a relative URL") << u"curl /x"_s << 1 << 6 << u"not an absolute http(s) URL"_s;
    QTest::newRow("unterminated quote, line 3")
        << u"curl 'https://a/' \\\n  -H 'x: 1' \\\n  -H 'y"_s << 3 << 6 << u"never closed"_s;
    QTest::newRow("shell expansion") << u"curl https://a/ -H \"Authorization: Bearer $TOKEN\""_s << 1 << 43
                                     << u"shell expansion"_s;
    QTest::newRow("a pipe after it") << u"curl https://a/ | jq"_s << 1 << 17 << u"shell operator"_s;
    QTest::newRow("Copy as cURL (cmd)")
        << u"curl ^\"https://a/^\" ^\n  -H ^\"accept: */*^\""_s << 1 << 6 << u"Windows form"_s;
    QTest::newRow("Copy as PowerShell")
        << u"$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession\nInvoke-WebRequest"_s << 1
        << 1 << u"Copy as PowerShell"_s;
    QTest::newRow("PowerShell line continuation")
        << u"curl 'https://a/' `\n -H 'x: 1'"_s << 1 << 19 << u"PowerShell's line continuation"_s;
    QTest::newRow("Copy as fetch") << u"fetch(\"https://a/\", {\"method\": \"GET\"});"_s << 1 << 1
                                   << u"Copy as fetch"_s;
}

void tst_CurlCommand::refused()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    CurlCommand::Error error;
    QVERIFY(!CurlCommand::parse(text, BrowserProfile::chromium(), &error));
    QVERIFY2(error.message.contains(message), qPrintable(error.toString()));
    QCOMPARE(error.line, line);
    QCOMPARE(error.column, column);
    QVERIFY(error.toString().startsWith(u"line %1, column %2: "_s.arg(line).arg(column)));
}

void tst_CurlCommand::tooLong()
{
    const QString text =
        u"curl https://a.example/ --data-raw '"_s + QString(CurlCommand::kMaxLength, u'x') + u"'"_s;
    CurlCommand::Error error;
    QVERIFY(!CurlCommand::parse(text, BrowserProfile::chromium(), &error));
    QVERIFY2(error.message.contains(u"up to 16 MiB"_s), qPrintable(error.message));
}

// Every fixture, mangled a few thousand ways (a fixed seed): each either parses or is refused
// with a place inside the text.
void tst_CurlCommand::mutationsNeverCrash()
{
    const QStringList fixtures = { fixture(u"chromium-put.sh"_s), fixture(u"chromium-search.sh"_s),
                                   fixture(u"firefox-patch.sh"_s), fixture(u"firefox-post-form.sh"_s) };
    static const QString pieces[] = { u"'"_s,           u"\""_s,   u"$'"_s,  u"\\"_s,  u"\\\n"_s,
                                      u"$"_s,           u"`"_s,    u"|"_s,   u" -H"_s, u" -X"_s,
                                      u" --data-raw"_s, u"\\x"_s,  u"\\u"_s, u"\\U"_s, u"\\c"_s,
                                      u"^\""_s,         u"\r\n"_s, u"#"_s,   u" "_s,   u"\u00e9"_s };
    QRandomGenerator random(20241105);
    int parsed = 0;
    int refused = 0;
    for (int round = 0; round < 3000; ++round) {
        QString text = fixtures[round % fixtures.size()];
        for (int edit = 0; edit < 1 + round % 3; ++edit) {
            const int at = int(random.bounded(text.size() + 1));
            if (random.bounded(2) == 0)
                text.remove(at, int(random.bounded(4)));
            else
                text.insert(at, pieces[random.bounded(int(std::size(pieces)))]);
        }
        CurlCommand::Error error;
        const auto command = CurlCommand::parse(
            text, round % 2 ? BrowserProfile::firefox() : BrowserProfile::chromium(), &error);
        if (command) {
            ++parsed;
            QVERIFY(command->url.isValid());
            // Every header sent is the page's or dropped with a reason (a copied preflight's all go).
            if (command->preflightFor)
                QCOMPARE(command->droppedHeaders.size(), command->sentHeaders.size());
            else
                QCOMPARE(command->headers.size() + command->droppedHeaders.size(),
                         command->sentHeaders.size());
        } else {
            ++refused;
            QVERIFY2(error.offset >= 0 && error.offset <= text.size(), qPrintable(error.toString()));
            QVERIFY(!error.message.isEmpty());
            QVERIFY(error.line >= 1 && error.column >= 1);
        }
    }
    qInfo("%d mangled commands parsed, %d refused", parsed, refused);
}

QTEST_APPLESS_MAIN(tst_CurlCommand)
#include "tst_curlcommand.moc"
