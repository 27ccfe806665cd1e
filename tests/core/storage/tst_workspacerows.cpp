#include "bundle/bundlewriter.h"
#include "sampletenants.h"
#include "storage/workspacerows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using namespace cors::test;

class tst_WorkspaceRows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listRoundTrip_data();
    void listRoundTrip();
    void decodesOtherJsonArrays_data();
    void decodesOtherJsonArrays();
    void refusesWhatIsNotAListOfStrings_data();
    void refusesWhatIsNotAListOfStrings();
    void protocolsAndPorts();
    void json();
    void ruleJsonIsTheBundlesRule_data();
    void ruleJsonIsTheBundlesRule();
    void tenantJsonIsTheBundlesTenant();
};

void tst_WorkspaceRows::listRoundTrip_data()
{
    QTest::addColumn<QStringList>("items");
    QTest::newRow("empty") << QStringList();
    QTest::newRow("one") << QStringList { u"GET"_s };
    QTest::newRow("several") << QStringList { u"GET"_s, u"POST"_s, u"X-Custom"_s };
    QTest::newRow("empty string") << QStringList { QString() };
    QTest::newRow("commas and brackets") << QStringList { u"a,b"_s, u"[c]"_s, u"\"d\""_s };
    QTest::newRow("escapes") << QStringList { u"back\\slash"_s, u"new\nline"_s, u"tab\t"_s,
                                              QString(QChar(1)) };
    QTest::newRow("unicode") << QStringList { u"Ünïcödé"_s, u"😀"_s };
}

void tst_WorkspaceRows::listRoundTrip()
{
    QFETCH(QStringList, items);
    const QString text = WorkspaceRows::encodeList(items);
    QCOMPARE(WorkspaceRows::decodeList(text), std::optional<QStringList>(items));
}

void tst_WorkspaceRows::decodesOtherJsonArrays_data()
{
    // What a person might write with the sqlite3 shell: still JSON, so still read.
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("items");
    QTest::newRow("spaces") << u"[ \"a\" , \"b\" ]"_s << QStringList { u"a"_s, u"b"_s };
    QTest::newRow("escaped quote") << u"[\"a\\\"b\"]"_s << QStringList { u"a\"b"_s };
    QTest::newRow("unicode escape") << u"[\"\\u00fc\"]"_s << QStringList { u"ü"_s };
}

void tst_WorkspaceRows::decodesOtherJsonArrays()
{
    QFETCH(QString, text);
    QFETCH(QStringList, items);
    QCOMPARE(WorkspaceRows::decodeList(text), std::optional<QStringList>(items));
}

void tst_WorkspaceRows::refusesWhatIsNotAListOfStrings_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty text") << QString();
    QTest::newRow("object") << u"{\"a\": 1}"_s;
    QTest::newRow("number in list") << u"[\"a\",1]"_s;
    QTest::newRow("trailing comma") << u"[\"a\",]"_s;
    QTest::newRow("unterminated") << u"[\"a]"_s;
    QTest::newRow("junk after string") << u"[\"a\"x]"_s;
    QTest::newRow("not json") << u"GET,POST"_s;
}

void tst_WorkspaceRows::refusesWhatIsNotAListOfStrings()
{
    QFETCH(QString, text);
    QCOMPARE(WorkspaceRows::decodeList(text), std::nullopt);
}

void tst_WorkspaceRows::protocolsAndPorts()
{
    for (const Protocols protocols : { Protocols(), Protocols(Protocol::Http), Protocols(Protocol::Https),
                                       Protocol::Http | Protocol::Https })
        QCOMPARE(WorkspaceRows::decodeProtocols(WorkspaceRows::encodeProtocols(protocols)), protocols);
    QCOMPARE(WorkspaceRows::encodeProtocols(Protocol::Http | Protocol::Https), u"[\"http\",\"https\"]"_s);
    QCOMPARE(WorkspaceRows::decodeProtocols(u"[\"gopher\"]"), std::nullopt);

    for (const PortSet &ports : { PortSet(), PortSet::any(), *PortSet::parse({ u"80"_s, u"3000-3999"_s }) })
        QCOMPARE(WorkspaceRows::decodePorts(WorkspaceRows::encodePorts(ports)), ports);
    QCOMPARE(WorkspaceRows::decodePorts(u"[\"99999\"]"), std::nullopt);
}

void tst_WorkspaceRows::json()
{
    for (const QJsonValue &value :
         { QJsonValue(QJsonObject { { u"a"_s, 1 } }), QJsonValue(QJsonArray { 1, u"x"_s }),
           QJsonValue(u"text"_s), QJsonValue(42), QJsonValue(true), QJsonValue() }) {
        QCOMPARE(WorkspaceRows::decodeJson(WorkspaceRows::encodeJson(value)), value);
    }
    QCOMPARE(WorkspaceRows::encodeJson(QJsonObject { { u"position"_s, 3 } }), u"{\"position\":3}"_s);
    QVERIFY(WorkspaceRows::decodeJson(u"{"_s).isUndefined());
    QVERIFY(WorkspaceRows::decodeJson(u"1, 2"_s).isUndefined());
}

void tst_WorkspaceRows::ruleJsonIsTheBundlesRule_data()
{
    QTest::addColumn<Rule>("rule");
    for (const Rule &rule : richTenant().rules)
        QTest::newRow(qPrintable(rule.domain)) << rule;
    Rule escapes = sampleRule(u"a.example"_s);
    escapes.note = u"quote \" backslash \\ newline \n tab \t bell \u0007 ünïcödé 😀"_s;
    escapes.maxAge = 2147483647;
    QTest::newRow("escapes") << escapes;
    QTest::newRow("defaults") << Rule();
}

void tst_WorkspaceRows::ruleJsonIsTheBundlesRule()
{
    QFETCH(Rule, rule);
    const QString text = WorkspaceRows::ruleJson(rule);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + u": "_s + text));
    QCOMPARE(document.object(), BundleWriter::toJson(rule));
}

void tst_WorkspaceRows::tenantJsonIsTheBundlesTenant()
{
    const Tenant tenant = richTenant();
    const QList<TestCase> testCases = { sampleTestCase(u"a"_s), sampleTestCase(u"b"_s) };
    QJsonObject expected = BundleWriter::toJson(tenant);
    QJsonArray cases;
    for (const TestCase &testCase : testCases)
        cases.append(testCase.toJson());
    expected.insert(u"testCases"_s, cases);
    QCOMPARE(WorkspaceRows::decodeJson(WorkspaceRows::tenantJson(tenant, testCases)), QJsonValue(expected));

    Tenant empty;
    empty.name = u"empty"_s;
    QJsonObject emptyExpected = BundleWriter::toJson(empty);
    emptyExpected.insert(u"testCases"_s, QJsonArray());
    QCOMPARE(WorkspaceRows::decodeJson(WorkspaceRows::tenantJson(empty, {})), QJsonValue(emptyExpected));
}

QTEST_GUILESS_MAIN(tst_WorkspaceRows)
#include "tst_workspacerows.moc"
