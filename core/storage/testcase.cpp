#include "testcase.h"

#include "browser/fetchspecjson.h"
#include "model/httpheaders.h"
#include "model/httpmessagejson.h"
#include "model/jsonobjectreader.h"
#include "model/origin.h"

#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

QString joinPath(const QString &path, QStringView key)
{
    return path.isEmpty() ? key.toString() : path + u'.' + key;
}

} // namespace

QJsonObject TestCase::expectedToJson(const TestCase &testCase)
{
    QJsonObject expected;
    if (testCase.chromium)
        expected.insert(u"chromium"_s, verdictName(*testCase.chromium));
    if (testCase.firefox)
        expected.insert(u"firefox"_s, verdictName(*testCase.firefox));
    return expected;
}

QJsonObject TestCase::toJson() const
{
    return { { u"name"_s, name },
             { u"description"_s, description },
             { u"fetches"_s, fetches },
             { u"expected"_s, expectedToJson(*this) } };
}

void TestCase::checkFetch(const QJsonValue &fetch, const QString &path, JsonProblems *problems)
{
    // The browser model's own reader decides what a fetch object is, so that a test case stores
    // exactly what `corsctl simulate` and the Test cases view can run.
    FetchSpecJson::read(fetch, path, problems);
}

JsonProblems TestCase::validate(const QString &path) const
{
    JsonProblems problems;
    if (name.trimmed().isEmpty())
        problems.append({ joinPath(path, u"name"), u"the test case needs a name"_s });
    else if (name != name.trimmed())
        problems.append(
            { joinPath(path, u"name"), u"the test case name \"%1\" starts or ends with spaces"_s.arg(name) });
    const QString fetchesPath = joinPath(path, u"fetches");
    if (fetches.isEmpty())
        problems.append({ fetchesPath, u"a test case needs at least one fetch"_s });
    for (qsizetype i = 0; i < fetches.size(); ++i)
        checkFetch(fetches[i], JsonObjectReader::indexPath(fetchesPath, i), &problems);
    if (!chromium && !firefox)
        problems.append({ joinPath(path, u"expected"),
                          u"expect a verdict from at least one browser (chromium, firefox)"_s });
    return problems;
}

std::optional<TestCase> TestCase::fromJson(const QJsonValue &value, const QString &path,
                                           JsonProblems *problems)
{
    const qsizetype before = problems->size();
    JsonObjectReader reader(value, path, problems, u"a test case object"_s);
    if (!reader.isValid())
        return std::nullopt;
    reader.rejectUnknownKeys({ u"name", u"description", u"fetches", u"expected" });
    TestCase testCase;
    testCase.name = reader.requiredString(u"name").value_or(QString());
    testCase.description = reader.string(u"description");
    testCase.fetches = reader.array(u"fetches", true);
    if (reader.has(u"expected")) {
        JsonObjectReader expected(reader.value(u"expected"), reader.pathOf(u"expected"), problems);
        if (expected.isValid()) {
            expected.rejectUnknownKeys({ u"chromium", u"firefox" });
            if (expected.has(u"chromium")) {
                if (const auto name = expected.oneOf(u"chromium", verdictNames(), QString()))
                    testCase.chromium = verdictFromName(*name);
            }
            if (expected.has(u"firefox")) {
                if (const auto name = expected.oneOf(u"firefox", verdictNames(), QString()))
                    testCase.firefox = verdictFromName(*name);
            }
        }
    }
    // The field checks run even when reading found problems, so that every problem is reported
    // at once; a field already reported (or a field inside it) is not reported twice.
    const JsonProblems readProblems = problems->mid(before);
    for (const JsonProblem &problem : testCase.validate(path)) {
        const bool reported =
            std::any_of(readProblems.begin(), readProblems.end(),
                        [&](const JsonProblem &earlier) { return earlier.path.startsWith(problem.path); });
        if (!reported)
            problems->append(problem);
    }
    if (problems->size() != before)
        return std::nullopt;
    return testCase;
}

} // namespace cors
