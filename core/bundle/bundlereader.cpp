#include "bundlereader.h"

#include "model/jsonobjectreader.h"

#include <QJsonDocument>
#include <QSet>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

const QString kFormat = u"cors-studio-bundle"_s;

void reportFieldProblems(const JsonObjectReader &reader, const QList<FieldProblem> &fieldProblems,
                         JsonProblems *problems)
{
    for (const FieldProblem &problem : fieldProblems) {
        const QString path =
            problem.index >= 0 ? reader.pathOf(problem.field, problem.index) : reader.pathOf(problem.field);
        problems->append({ path, problem.message });
    }
}

} // namespace

std::optional<Bundle> BundleReader::read(const QByteArray &json, JsonProblems *problems)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        problems->append(JsonProblem::fromParseError(json, error));
        return std::nullopt;
    }
    return read(document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array()), problems);
}

std::optional<Bundle> BundleReader::read(const QJsonValue &document, JsonProblems *problems)
{
    const qsizetype before = problems->size();
    JsonObjectReader reader(document, QString(), problems,
                            u"a bundle object {\"format\": \"cors-studio-bundle\", ...}"_s);
    if (!reader.isValid())
        return std::nullopt;

    const QJsonValue format = reader.value(u"format");
    if (format.toString() != kFormat) {
        problems->append(
            { u"format"_s,
              format.isUndefined()
                  ? u"is missing: this is not a CORS Studio bundle (expected \"format\": \"cors-studio-bundle\")"_s
                  : u"%1 is not \"cors-studio-bundle\": this is not a CORS Studio bundle"_s.arg(
                      format.isString() ? u"\""_s + format.toString() + u'"'
                                        : JsonObjectReader::typeName(format)) });
        return std::nullopt;
    }
    const QJsonValue version = reader.value(u"version");
    if (!version.isDouble() || version.toDouble() != Bundle::kVersion) {
        QString message;
        if (version.isUndefined())
            message = u"is missing; this CORS Studio reads bundle version %1"_s.arg(Bundle::kVersion);
        else if (version.isDouble() && version.toDouble() > Bundle::kVersion)
            message =
                u"%1 is newer than this CORS Studio understands (it reads version %2); open it with a newer CORS Studio"_s
                    .arg(version.toDouble())
                    .arg(Bundle::kVersion);
        else
            message = u"%1 is not a bundle version this CORS Studio reads (it reads version %2)"_s
                          .arg(version.isDouble() ? QString::number(version.toDouble())
                                                  : JsonObjectReader::typeName(version))
                          .arg(Bundle::kVersion);
        problems->append({ u"version"_s, message });
        return std::nullopt;
    }
    reader.rejectUnknownKeys({ u"format", u"version", u"tenants" });

    Bundle bundle;
    const QJsonArray tenants = reader.array(u"tenants", true);
    QSet<QString> names;
    for (qsizetype i = 0; i < tenants.size(); ++i) {
        const QString path = reader.pathOf(u"tenants", i);
        if (auto tenant = readTenant(tenants[i], path, problems)) {
            if (names.contains(tenant->name))
                problems->append(
                    { path + u".name", u"another tenant is already called \"%1\""_s.arg(tenant->name) });
            names.insert(tenant->name);
            bundle.tenants.append(std::move(*tenant));
        }
    }
    if (problems->size() != before)
        return std::nullopt;
    return bundle;
}

std::optional<Tenant> BundleReader::readTenant(const QJsonValue &value, const QString &path,
                                               JsonProblems *problems)
{
    const qsizetype before = problems->size();
    JsonObjectReader reader(value, path, problems, u"a tenant object"_s);
    if (!reader.isValid())
        return std::nullopt;
    reader.rejectUnknownKeys({ u"name", u"description", u"production", u"apiType", u"profile",
                               u"authentication", u"backendMerge", u"rules", u"applications" });
    Tenant tenant;
    tenant.name = reader.requiredString(u"name").value_or(QString());
    tenant.description = reader.string(u"description");
    tenant.production = reader.boolean(u"production", false);
    if (const auto name = reader.oneOf(u"apiType", { u"basic"_s, u"intermediate"_s, u"advanced"_s },
                                       apiTypeName(tenant.apiType)))
        tenant.apiType = *apiTypeFromName(*name);
    if (const auto name = reader.oneOf(u"profile", { u"strict"_s, u"boomi"_s, u"webmethods"_s, u"apig"_s },
                                       profileName(tenant.profile)))
        tenant.profile = *profileFromName(*name);
    if (const auto name = reader.oneOf(u"backendMerge",
                                       { u"backend-wins"_s, u"gateway-wins"_s, u"passthrough-if-no-rule"_s },
                                       backendMergeName(tenant.backendMerge)))
        tenant.backendMerge = *backendMergeFromName(*name);

    if (reader.has(u"authentication")) {
        JsonObjectReader auth(reader.value(u"authentication"), reader.pathOf(u"authentication"), problems);
        if (auth.isValid()) {
            auth.rejectUnknownKeys({ u"type", u"user", u"password", u"header", u"value" });
            if (const auto type = auth.oneOf(u"type", { u"none"_s, u"basic"_s, u"token"_s }, u"none"_s))
                tenant.authentication.type = *Authentication::typeFromName(*type);
            tenant.authentication.user = auth.string(u"user");
            tenant.authentication.password = auth.string(u"password");
            tenant.authentication.header = auth.string(u"header");
            tenant.authentication.value = auth.string(u"value");
        }
    }

    const QJsonArray rules = reader.array(u"rules");
    for (qsizetype i = 0; i < rules.size(); ++i) {
        if (auto rule = readRule(rules[i], reader.pathOf(u"rules", i), problems))
            tenant.rules.append(std::move(*rule));
    }
    const QJsonArray applications = reader.array(u"applications");
    for (qsizetype i = 0; i < applications.size(); ++i) {
        if (auto application = readApplication(applications[i], reader.pathOf(u"applications", i), problems))
            tenant.applications.append(std::move(*application));
    }
    if (problems->size() == before)
        reportFieldProblems(reader, tenant.validate(), problems);
    if (problems->size() != before)
        return std::nullopt;
    return tenant;
}

std::optional<Rule> BundleReader::readRule(const QJsonValue &value, const QString &path,
                                           JsonProblems *problems)
{
    const qsizetype before = problems->size();
    JsonObjectReader reader(value, path, problems, u"a rule object"_s);
    if (!reader.isValid())
        return std::nullopt;
    reader.rejectUnknownKeys({ u"domain", u"protocols", u"ports", u"methods", u"allowHeaders",
                               u"exposeHeaders", u"allowCredentials", u"cachePreflight", u"maxAge",
                               u"enabled", u"note" });
    Rule rule;
    rule.domain = reader.requiredString(u"domain").value_or(QString());

    if (reader.has(u"protocols")) {
        rule.protocols = {};
        const QStringList names = reader.stringList(u"protocols");
        for (qsizetype i = 0; i < names.size(); ++i) {
            if (const auto protocol = protocolFromName(names[i]); protocol && names[i] == names[i].toLower())
                rule.protocols |= *protocol;
            else
                problems->append({ reader.pathOf(u"protocols", i),
                                   u"\"%1\" is not a protocol (use \"http\" or \"https\")"_s.arg(names[i]) });
        }
    }

    const QJsonArray ports = reader.array(u"ports");
    QStringList portItems;
    for (qsizetype i = 0; i < ports.size(); ++i) {
        const QJsonValue item = ports[i];
        if (item.isDouble() && item.toDouble() == std::floor(item.toDouble()))
            portItems.append(QString::number(qint64(item.toDouble())));
        else if (item.isString())
            portItems.append(item.toString());
        else
            portItems.append(u"\u0001"_s); // reported below with its index
    }
    int badPort = -1;
    QString portError;
    if (const auto set = PortSet::parse(portItems, &badPort, &portError)) {
        rule.ports = *set;
    } else {
        const QJsonValue bad = ports[badPort];
        if (bad.isDouble())
            portError = u"%1 is not a port (1–65535)"_s.arg(bad.toDouble());
        else if (!bad.isString())
            portError = u"expected a port number or a \"first-last\" range, found %1"_s.arg(
                JsonObjectReader::typeName(bad));
        problems->append({ reader.pathOf(u"ports", badPort), portError });
    }

    rule.methods = reader.stringList(u"methods");
    rule.allowHeaders = reader.stringList(u"allowHeaders");
    rule.exposeHeaders = reader.stringList(u"exposeHeaders");
    rule.allowCredentials = reader.boolean(u"allowCredentials", false);
    rule.cachePreflight = reader.boolean(u"cachePreflight", false);
    rule.maxAge = int(reader.integer(u"maxAge", 0, std::numeric_limits<int>::max()).value_or(0));
    rule.enabled = reader.boolean(u"enabled", true);
    rule.note = reader.string(u"note");

    if (problems->size() == before) {
        const QList<FieldProblem> fieldProblems = rule.validate();
        reportFieldProblems(reader, fieldProblems, problems);
        if (fieldProblems.isEmpty()) {
            if (const auto problem = rule.normalize())
                reportFieldProblems(reader, { *problem }, problems);
        }
    }
    if (problems->size() != before)
        return std::nullopt;
    return rule;
}

std::optional<Application> BundleReader::readApplication(const QJsonValue &value, const QString &path,
                                                         JsonProblems *problems)
{
    const qsizetype before = problems->size();
    JsonObjectReader reader(value, path, problems, u"an application object"_s);
    if (!reader.isValid())
        return std::nullopt;
    reader.rejectUnknownKeys({ u"name", u"origins", u"rule" });
    Application application;
    application.name = reader.requiredString(u"name").value_or(QString());
    application.origins = reader.stringList(u"origins");
    application.rule = reader.string(u"rule");
    if (problems->size() == before)
        reportFieldProblems(reader, application.validate(), problems);
    if (problems->size() != before)
        return std::nullopt;
    return application;
}

} // namespace cors
