#pragma once

#include "browser/verdict.h"
#include "model/jsonproblem.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace cors {

// A saved test case of a tenant: a named sequence of fetch() calls made from web pages, and the
// verdict each browser is expected to reach.
//
// The fetches are kept in the JSON form of DESIGN.md ("Fetch JSON"), which corsctl simulate and
// the browser model read: {"pageOrigin", "url", "method", "headers": [[name, value], ...],
// "credentials": "omit|same-origin|include", "mode": "cors|no-cors"}. They run in order and share
// one preflight cache, so earlier fetches can set up the state the last one meets; the expected
// verdicts are those of the last fetch. The workspace checks the shape of the data only: running
// a test case is the browser model's job.
struct TestCase
{
    using Verdict = cors::Verdict;

    QString name;
    QString description;
    QJsonArray fetches;
    std::optional<Verdict> chromium; // no expectation for a browser that is not set
    std::optional<Verdict> firefox;

    // {"name", "description", "fetches": [...], "expected": {"chromium": "...", "firefox": "..."}}
    QJsonObject toJson() const;
    static QJsonObject expectedToJson(const TestCase &testCase);
    // Reads and checks a test case object; every problem is reported with its JSON path below
    // `path`, and a test case with any problem yields nothing.
    static std::optional<TestCase> fromJson(const QJsonValue &value, const QString &path,
                                            JsonProblems *problems);
    // Problems with one fetch object of DESIGN.md's format.
    static void checkFetch(const QJsonValue &fetch, const QString &path, JsonProblems *problems);

    // Every problem with the fields, with JSON paths below `path` ("fetches[1].url").
    JsonProblems validate(const QString &path = QString()) const;

    friend bool operator==(const TestCase &, const TestCase &) = default;
};

} // namespace cors
