#pragma once

#include "model/jsonproblem.h"
#include "model/tenant.h"
#include "testcase.h"

namespace cors {

struct TenantSettings;

// What the workspace checks before it stores a value that comes from code rather than from the
// bundle reader (the GUI, an import, a test): the bundle reader's checks, with the same JSON
// paths ("rules[3].methods[0]"), so that everything the workspace holds exports to a bundle that
// imports again.
//
// Values must also be canonical — a rule's domain normalized ("localhost" with protocols
// ["http"], not "http://localhost"), origins serialized — because the workspace stores exactly
// what it is given: what the GUI shows is then what a reload shows.
class TenantValidation
{
public:
    static JsonProblems checkTenant(const Tenant &tenant, const QString &path = QString());
    static JsonProblems checkSettings(const TenantSettings &settings, const QString &path = QString());
    static JsonProblems checkName(const QString &name, const QString &path = QString());
    static JsonProblems checkRule(const Rule &rule, const QString &path = QString());
    static JsonProblems checkApplication(const Application &application, const QString &path = QString());
    static JsonProblems checkTestCase(const TestCase &testCase, const QString &path = QString());

    // "rules[3].methods[0]: \"GE T\" is not a valid method; …" for one error message.
    static QString describe(const JsonProblems &problems);
};

} // namespace cors
