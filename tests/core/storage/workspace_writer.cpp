// A helper process for the workspace tests: it edits, holds or locks a workspace until it is
// killed or its standard input closes, and says on standard output what it has done.
//
//   workspace_writer edit FILE      edits forever; after each committed edit prints
//                                   "<edit id> <kind> <detail>" (kinds: tenant, rule, settings,
//                                   import, move)
//   workspace_writer hold FILE      opens FILE for editing, prints "ready", waits for EOF
//   workspace_writer sqlite-lock FILE
//                                   takes SQLite's exclusive lock on FILE without writing,
//                                   prints "ready", waits for EOF

#include "storage/workspace.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace cors;

namespace {

const QString kTenant = u"crash"_s;

void say(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    // Before the next edit starts: the test may kill us at any moment after this.
    std::fflush(stdout);
}

int fail(const QString &message)
{
    std::fputs(qPrintable(u"workspace_writer: "_s + message + u'\n'), stderr);
    return 1;
}

void waitForEndOfInput()
{
    while (std::getchar() != EOF) { }
}

Rule rule(const QString &domain)
{
    Rule rule;
    rule.domain = domain;
    rule.protocols = Protocol::Https;
    rule.methods = { u"GET"_s, u"PUT"_s };
    rule.allowHeaders = { u"Content-Type"_s };
    rule.note = u"written by the crash test"_s;
    return rule;
}

int edit(const QString &fileName)
{
    auto workspace = Workspace::open(fileName, Workspace::OpenMode::EditOrCreate);
    if (!workspace)
        return fail(workspace.errorMessage());
    const auto names = (*workspace)->tenantNames();
    if (!names)
        return fail(names.errorMessage());
    qsizetype ruleCount = 0;
    if (names->contains(kTenant)) {
        const auto tenant = (*workspace)->tenant(kTenant);
        if (!tenant)
            return fail(tenant.errorMessage());
        ruleCount = tenant->rules.size();
    } else {
        Tenant tenant;
        tenant.name = kTenant;
        const auto id = (*workspace)->addTenant(tenant);
        if (!id)
            return fail(id.errorMessage());
        say(u"%1 tenant %2"_s.arg(*id).arg(kTenant));
    }
    // Names unique across runs: this process's id and a counter.
    const QString run = QString::number(QCoreApplication::applicationPid());
    for (qint64 k = 0;; ++k) {
        const QString serial = run + u'-' + QString::number(k);
        switch (k % 6) {
        case 0:
        case 1:
        case 2: {
            const QString domain = u"r%1.crash.example"_s.arg(serial);
            const auto id = (*workspace)->insertRule(kTenant, Workspace::kAtEnd, rule(domain));
            if (!id)
                return fail(id.errorMessage());
            ++ruleCount;
            say(u"%1 rule %2"_s.arg(*id).arg(domain));
            break;
        }
        case 3: {
            TenantSettings settings;
            settings.description = u"after %1"_s.arg(serial);
            const auto id = (*workspace)->updateTenantSettings(kTenant, settings);
            if (!id)
                return fail(id.errorMessage());
            say(u"%1 settings %2"_s.arg(*id).arg(settings.description));
            break;
        }
        case 4: {
            // A bigger transaction: 50 rules in one import.
            Tenant tenant;
            tenant.name = kTenant;
            for (int j = 0; j < 50; ++j)
                tenant.rules.append(rule(u"b%1-%2.crash.example"_s.arg(serial).arg(j)));
            Bundle bundle;
            bundle.tenants.append(tenant);
            const auto report = (*workspace)->importBundle(bundle, ImportMode::Merge);
            if (!report)
                return fail(report.errorMessage());
            ruleCount += 50;
            say(u"%1 import %2"_s.arg(report->edit).arg(serial));
            break;
        }
        case 5: {
            // Shifts the position of every rule of the tenant.
            const int last = int(ruleCount) - 1;
            if (last < 1)
                break;
            const auto id = (*workspace)->moveRule(kTenant, last, 0);
            if (!id)
                return fail(id.errorMessage());
            say(u"%1 move %2"_s.arg(*id).arg(last));
            break;
        }
        }
    }
}

int hold(const QString &fileName)
{
    auto workspace = Workspace::open(fileName, Workspace::OpenMode::Edit);
    if (!workspace)
        return fail(workspace.errorMessage());
    say(u"ready"_s);
    waitForEndOfInput();
    return 0;
}

int sqliteLock(const QString &fileName)
{
    int status = 0;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"lock"_s);
        database.setDatabaseName(fileName);
        if (!database.open())
            return fail(database.lastError().text());
        QSqlQuery query(database);
        // Another program's exclusive lock, as `sqlite3 FILE` with these statements takes it.
        for (const QString &statement : { u"PRAGMA locking_mode = EXCLUSIVE"_s, u"BEGIN EXCLUSIVE"_s,
                                          u"SELECT count(*) FROM sqlite_master"_s }) {
            if (!query.exec(statement))
                return fail(statement + u": "_s + query.lastError().text());
            while (query.next()) { }
        }
        say(u"ready"_s);
        waitForEndOfInput();
        query.exec(u"ROLLBACK"_s);
        query.finish();
        database.close();
    }
    QSqlDatabase::removeDatabase(u"lock"_s);
    return status;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() != 3)
        return fail(u"usage: workspace_writer edit|hold|sqlite-lock FILE"_s);
    const QString &mode = arguments[1];
    if (mode == u"edit")
        return edit(arguments[2]);
    if (mode == u"hold")
        return hold(arguments[2]);
    if (mode == u"sqlite-lock")
        return sqliteLock(arguments[2]);
    return fail(u"unknown mode "_s + mode);
}
