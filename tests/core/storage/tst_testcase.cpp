#include "sampletenants.h"
#include "storage/testcase.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using namespace cors::test;

namespace {
QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

QStringList pathsOf(const JsonProblems &problems)
{
    QStringList paths;
    for (const JsonProblem &problem : problems)
        paths.append(problem.path);
    return paths;
}
} // namespace

class tst_TestCase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verdictNames();
    void jsonRoundTrip();
    void fromJsonReportsEveryProblem_data();
    void fromJsonReportsEveryProblem();
    void validate();
};

void tst_TestCase::verdictNames()
{
    for (const auto verdict :
         { TestCase::Verdict::Allowed, TestCase::Verdict::Blocked, TestCase::Verdict::Opaque })
        QCOMPARE(verdictFromName(verdictName(verdict)), verdict);
    QCOMPARE(verdictFromName(u"Allowed"), std::nullopt);
    QCOMPARE(cors::verdictNames(), QStringList({ u"allowed"_s, u"blocked"_s, u"opaque"_s }));
}

void tst_TestCase::jsonRoundTrip()
{
    const TestCase testCase = sampleTestCase(u"cached"_s);
    const QJsonObject json = testCase.toJson();
    QCOMPARE(json.value(u"expected").toObject(),
             (QJsonObject { { u"chromium"_s, u"allowed"_s }, { u"firefox"_s, u"blocked"_s } }));
    JsonProblems problems;
    QCOMPARE(TestCase::fromJson(json, QString(), &problems), std::optional<TestCase>(testCase));
    QCOMPARE(problems, JsonProblems());

    TestCase one = testCase;
    one.firefox.reset();
    QCOMPARE(TestCase::fromJson(one.toJson(), QString(), &problems), std::optional<TestCase>(one));
}

void tst_TestCase::fromJsonReportsEveryProblem_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("paths");

    QTest::newRow("valid, defaults") << QByteArray(
        R"({"name": "n", "fetches": [{"pageOrigin": "https://a.example",
        "url": "https://b.example/x"}], "expected": {"firefox": "opaque"}})")
                                     << QStringList();
    QTest::newRow("not an object") << QByteArray(R"([])") << QStringList { u"case"_s };
    QTest::newRow("missing everything")
        << QByteArray(R"({})") << QStringList { u"case.name"_s, u"case.fetches"_s, u"case.expected"_s };
    QTest::newRow("unknown field") << QByteArray(
        R"({"name": "n", "fetch": [], "fetches": [{"pageOrigin": "null",
        "url": "https://b.example/"}], "expected": {"chromium": "allowed"}})")
                                   << QStringList { u"case.fetch"_s };
    QTest::newRow("bad fetch fields")
        << QByteArray(R"({"name": "n", "expected": {"chromium": "maybe", "edge": "allowed"},
        "fetches": [{"pageOrigin": "https://a.example/path", "url": "ftp://b.example/", "method": "GE T",
                     "headers": [["X-A", "1"], ["bad name", "v"]], "credentials": "always", "mode": "navigate",
                     "body": "x"}, 7]})")
        << QStringList { u"case.expected.edge"_s, u"case.expected.chromium"_s, u"case.fetches[0].body"_s,
                         u"case.fetches[0].pageOrigin"_s, u"case.fetches[0].url"_s,
                         // An invalid method or header name is stored: the browser model makes
                         // fetch() throw its TypeError for them, as a page would see.
                         u"case.fetches[0].credentials"_s, u"case.fetches[0].mode"_s, u"case.fetches[1]"_s };
    QTest::newRow("empty sequence, padded name")
        << QByteArray(R"({"name": " n", "fetches": [], "expected": {"chromium": "blocked"}})")
        << QStringList { u"case.name"_s, u"case.fetches"_s };
}

void tst_TestCase::fromJsonReportsEveryProblem()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, paths);
    const QJsonDocument document = QJsonDocument::fromJson(json);
    QVERIFY(!document.isNull());
    JsonProblems problems;
    const QJsonValue value =
        document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    const auto testCase = TestCase::fromJson(value, u"case"_s, &problems);
    QCOMPARE(pathsOf(problems), paths);
    QCOMPARE(testCase.has_value(), paths.isEmpty());
}

void tst_TestCase::validate()
{
    TestCase testCase = sampleTestCase(u"x"_s);
    QCOMPARE(testCase.validate(), JsonProblems());
    testCase.chromium.reset();
    testCase.firefox.reset();
    testCase.fetches.append(parse(R"({"url": "https://a.example/"})"));
    QCOMPARE(pathsOf(testCase.validate(u"testCases[3]"_s)),
             (QStringList { u"testCases[3].fetches[2].pageOrigin"_s, u"testCases[3].expected"_s }));
}

QTEST_GUILESS_MAIN(tst_TestCase)
#include "tst_testcase.moc"
