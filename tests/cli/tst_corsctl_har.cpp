// `corsctl har`, run as a process the way support and scripts run it: real HAR files in the
// browsers' shapes, text and JSON out, exit codes 0/1/2 with messages that name the file and the
// JSON path.
#include "corsctlprocess.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using cors::test::corsctl;
using cors::test::CorsctlRun;

namespace {

QString data(const QString &name)
{
    return QStringLiteral(CORS_IMPORT_DATA "/") + name;
}

const QString kBundle = data(u"acme.corsbundle.json"_s);

} // namespace

class tst_CorsctlHar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void text();
    void json();
    void browserOption();
    void workspaceAnswersAsItsBundle();
    void firefoxAndSanitized();
    void badInput_data();
    void badInput();
    void usageErrors_data();
    void usageErrors();
    void help();

private:
    QString write(const QString &name, const QByteArray &content);
    QTemporaryDir m_dir;
};

void tst_CorsctlHar::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString tst_CorsctlHar::write(const QString &name, const QByteArray &content)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(name));
    file.write(content);
    return file.fileName();
}

void tst_CorsctlHar::text()
{
    const CorsctlRun run = corsctl({ u"har"_s, u"--bundle"_s, kBundle, u"--tenant"_s, u"acme-storefront"_s,
                                     data(u"chromium-failed-preflight.har"_s) });
    QVERIFY2(run.exitCode == 0, qPrintable(run.errorText())); // blocked requests are a result
    const QString out = QString::fromUtf8(run.out);
    QVERIFY(run.err.isEmpty());
    QVERIFY(out.contains(
        u"7 entries saved by WebInspector 537.36, replayed as Chromium (creator \"WebInspector\")"_s));
    QVERIFY(out.contains(u"Rules: tenant acme-storefront of "_s + kBundle));
    QVERIFY(out.contains(u"3 cross-origin request(s), 2 blocked with the recorded responses. Not listed: 3 "
                         "navigations and no-cors loads"_s));
    QVERIFY(out.contains(u"#2 PUT https://api.acme.example/cart/items/42\n"_s));
    QVERIFY(out.contains(u"https://shop.acme.example (the Origin header of its preflight)"_s));
    QVERIFY(out.contains(u"log.entries[4], preflight log.entries[5]"_s));
    QVERIFY(out.contains(u"status 0, net::ERR_FAILED"_s));
    QVERIFY(out.contains(u"blocked — MethodDisallowedByPreflightResponse\n"_s));
    // The browser's exact console message, on its own line.
    QVERIFY(out.contains(
        u"\n                Access to fetch at 'https://api.acme.example/cart/items/42' from origin "
        "'https://shop.acme.example' has been blocked by CORS policy: Method PUT is not allowed by "
        "Access-Control-Allow-Methods in preflight response.\n"_s));
    QVERIFY(out.contains(u"=> Blocked with the recorded responses (MethodDisallowedByPreflightResponse); the "
                         "tenant's current rules let it through."_s));
}

void tst_CorsctlHar::json()
{
    const CorsctlRun run = corsctl({ u"har"_s, u"--bundle"_s, kBundle, u"--tenant"_s, u"acme-storefront"_s,
                                     data(u"chromium-redirects.har"_s), u"--format"_s, u"json"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.errorText()));
    const QJsonObject out = run.json().toObject();
    QCOMPARE(out[u"file"].toString(), data(u"chromium-redirects.har"_s));
    QCOMPARE(out[u"entryCount"].toInt(), 4);
    QCOMPARE(out[u"browser"].toString(), u"chromium"_s);
    QCOMPARE(out[u"tenant"].toString(), u"acme-storefront"_s);
    const QJsonArray requests = out[u"requests"].toArray();
    QCOMPARE(requests.size(), 2);
    const QJsonObject image = requests[1].toObject();
    QCOMPARE(image[u"method"].toString(), u"GET"_s);
    QCOMPARE(image[u"url"].toString(), u"https://api.acme.example/images/42"_s);
    QCOMPARE(image[u"entries"].toArray(), (QJsonArray { 2, 3 }));
    QCOMPARE(image[u"replay"][u"verdict"].toString(), u"blocked"_s);
    QCOMPARE(image[u"replay"][u"error"][u"code"].toString(), u"AllowOriginMismatch"_s);
    QCOMPARE(image[u"replay"][u"redirects"].toArray().size(), 1);
    QCOMPARE(image[u"rules"][u"verdict"].toString(), u"blocked"_s);
    QCOMPARE(image[u"finding"].toString(), u"still-blocked"_s);
    // Keys in the order a person reads them.
    QVERIFY(run.out.indexOf("\"file\"") < run.out.indexOf("\"requests\""));
    QVERIFY(run.out.indexOf("\"entry\"") < run.out.indexOf("\"method\""));
    QVERIFY(run.out.indexOf("\"recorded\"") < run.out.indexOf("\"replay\""));
}

void tst_CorsctlHar::browserOption()
{
    const CorsctlRun run = corsctl({ u"har"_s, u"--bundle"_s, kBundle, u"--tenant"_s, u"acme-storefront"_s,
                                     data(u"chromium-failed-preflight.har"_s), u"--browser"_s, u"firefox"_s,
                                     u"--format"_s, u"json"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.errorText()));
    const QJsonObject out = run.json().toObject();
    QCOMPARE(out[u"browser"].toString(), u"firefox"_s);
    QCOMPARE(out[u"browserEvidence"].toString(), u"--browser"_s);
    QCOMPARE(out[u"requests"][1][u"replay"][u"error"][u"code"].toString(), u"CORSMethodNotFound"_s);
}

void tst_CorsctlHar::workspaceAnswersAsItsBundle()
{
    const QString workspace = m_dir.filePath(u"acme.corsworkspace"_s);
    const CorsctlRun imported = corsctl({ u"import"_s, u"--workspace"_s, workspace, kBundle });
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.errorText()));
    const QStringList rest { u"--tenant"_s, u"acme-storefront"_s, data(u"firefox.har"_s), u"--format"_s,
                             u"json"_s };
    const CorsctlRun fromBundle = corsctl(QStringList { u"har"_s, u"--bundle"_s, kBundle } + rest);
    const CorsctlRun fromWorkspace = corsctl(QStringList { u"har"_s, u"--workspace"_s, workspace } + rest);
    QCOMPARE(fromBundle.exitCode, 0);
    QVERIFY2(fromWorkspace.exitCode == 0, qPrintable(fromWorkspace.errorText()));
    QCOMPARE(fromWorkspace.out, fromBundle.out);
}

void tst_CorsctlHar::firefoxAndSanitized()
{
    const CorsctlRun firefox = corsctl(
        { u"har"_s, u"--bundle"_s, kBundle, u"--tenant"_s, u"acme-storefront"_s, data(u"firefox.har"_s) });
    QCOMPARE(firefox.exitCode, 0);
    const QString out = QString::fromUtf8(firefox.out);
    QVERIFY(out.contains(u"replayed as Firefox (creator \"Firefox\")"_s));
    QVERIFY(out.contains(
        u"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote "
        "resource at https://api.acme.example/admin/users/7. (Reason: header ‘authorization’ is not "
        "allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response)."_s));

    const CorsctlRun sanitized = corsctl({ u"har"_s, u"--bundle"_s, kBundle, u"--tenant"_s,
                                           u"acme-storefront"_s, data(u"chromium-sanitized.har"_s) });
    QCOMPARE(sanitized.exitCode, 0);
    const QString text = QString::fromUtf8(sanitized.out);
    QVERIFY(text.contains(u"Note: No request in this HAR carries a cookie"_s));
    QVERIFY(text.contains(u"include (inferred)"_s));
    QVERIFY(text.contains(u"authorization: (not in the recording)"_s));
}

void tst_CorsctlHar::badInput_data()
{
    QTest::addColumn<QString>("file"); // under the temporary directory, or a fixture path
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message");

    QFile fixture(data(u"chromium-failed-preflight.har"_s));
    if (!fixture.open(QIODevice::ReadOnly))
        qFatal("no fixture");
    const QByteArray whole = fixture.readAll();
    QTest::newRow("truncated") << u"truncated.har"_s << whole.left(whole.size() / 2)
                               << u"truncated.har: line "_s;
    QTest::newRow("a wrong type")
        << u"types.har"_s << QByteArray(whole).replace("\"status\": 204", "\"status\": \"204\"")
        << u"types.har: log.entries[5].response.status: expected a whole number, found a string"_s;
    QTest::newRow("base64 garbage") << u"garbage.har"_s
                                    << QByteArray(whole).replace("iVBORw0KGgo", "iVBORw0K!!o")
                                    << u"garbage.har: log.entries[2].response.content.text: not base64"_s;
    QTest::newRow("not a HAR") << u"bundle.har"_s << QByteArray(R"({"format": "cors-studio-bundle"})")
                               << u"bundle.har: log: is required: this is not a HAR file"_s;
    QTest::newRow("no such file") << u"missing.har"_s << QByteArray() << u"missing.har: cannot read: "_s;
}

void tst_CorsctlHar::badInput()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    const QString path = content.isEmpty() ? m_dir.filePath(file) : write(file, content);
    const CorsctlRun run =
        corsctl({ u"har"_s, u"--bundle"_s, kBundle, u"--tenant"_s, u"acme-storefront"_s, path });
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.isEmpty()); // nothing half-reported
    QVERIFY2(run.errorText().startsWith(u"corsctl: "_s + m_dir.path() + u'/'), qPrintable(run.errorText()));
    QVERIFY2(run.errorText().contains(message), qPrintable(run.errorText()));
    if (file == u"truncated.har")
        QVERIFY2(run.errorText().contains(u"cut off?"_s), qPrintable(run.errorText()));
}

void tst_CorsctlHar::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    const QString har = data(u"firefox.har"_s);
    QTest::newRow("no tenant source") << QStringList { har } << 2 << u"--bundle or --workspace is required"_s;
    QTest::newRow("both tenant sources")
        << QStringList { u"--bundle"_s, kBundle, u"--workspace"_s, u"w"_s, har } << 2 << u"not both"_s;
    QTest::newRow("no HAR") << QStringList { u"--bundle"_s, kBundle, u"--tenant"_s, u"acme-storefront"_s }
                            << 2 << u"expected one HAR file, got 0"_s;
    QTest::newRow("two HARs") << QStringList { u"--bundle"_s,        kBundle, u"--tenant"_s,
                                               u"acme-storefront"_s, har,     har }
                              << 2 << u"expected one HAR file, got 2"_s;
    QTest::newRow("a tenant is needed")
        << QStringList { u"--bundle"_s, kBundle, har } << 2
        << u"--tenant is required: "_s + kBundle + u" has 2 tenants (acme-storefront, partner-gateway)"_s;
    QTest::newRow("no such tenant") << QStringList { u"--bundle"_s, kBundle, u"--tenant"_s, u"nobody"_s, har }
                                    << 1 << u"nobody"_s;
    QTest::newRow("bad format") << QStringList {
        u"--bundle"_s, kBundle, u"--tenant"_s, u"acme-storefront"_s, har, u"--format"_s, u"yaml"_s
    } << 2 << u"--format must be text or json, not \"yaml\""_s;
    QTest::newRow("bad browser") << QStringList {
        u"--bundle"_s, kBundle, u"--tenant"_s, u"acme-storefront"_s, har, u"--browser"_s, u"safari"_s
    } << 2 << u"--browser must be one of chromium, firefox, not \"safari\""_s;
    QTest::newRow("a broken bundle") << QStringList { u"--bundle"_s, har, u"--tenant"_s, u"acme-storefront"_s,
                                                      har }
                                     << 1 << har + u": "_s;
}

void tst_CorsctlHar::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const CorsctlRun run = corsctl(QStringList { u"har"_s } + arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.errorText().contains(message), qPrintable(run.errorText()));
}

void tst_CorsctlHar::help()
{
    const CorsctlRun run = corsctl({ u"har"_s, u"--help"_s });
    QCOMPARE(run.exitCode, 0);
    const QString out = QString::fromUtf8(run.out);
    for (const char *option : { "--bundle", "--workspace", "--tenant", "--format", "--browser", "FILE.har" })
        QVERIFY2(out.contains(QLatin1String(option)), option);
    QVERIFY(out.contains(u"128 MiB"_s));
    QVERIFY(out.contains(u"Usage: corsctl har"_s));

    const CorsctlRun overview = corsctl({ u"--help"_s });
    QVERIFY(QString::fromUtf8(overview.out).contains(u"  har "_s));
}

QTEST_APPLESS_MAIN(tst_CorsctlHar)
#include "tst_corsctl_har.moc"
