#pragma once

#include "application.h"
#include "authentication.h"
#include "rule.h"

#include <QList>
#include <QString>

#include <optional>

namespace cors {

// General tab, "API Type" (seeds/000): CORS rules apply only to Advanced APIs.
enum class ApiType { Basic, Intermediate, Advanced };

// Whose behaviour the engine reproduces (DESIGN.md, "Profiles").
enum class Profile { Strict, Boomi, WebMethods, Apig };

// What happens when the backend's response already carries CORS headers.
enum class BackendMerge {
    BackendWins, // APIG / ROMA Connect: the backend's CORS headers overwrite the gateway's
    GatewayWins, // webMethods: the gateway's policy takes precedence
    PassthroughIfNoRule, // webMethods without a policy: the backend answers CORS itself
};

QString apiTypeName(ApiType type);
std::optional<ApiType> apiTypeFromName(QStringView name);
QString profileName(Profile profile);
std::optional<Profile> profileFromName(QStringView name);
QString backendMergeName(BackendMerge merge);
std::optional<BackendMerge> backendMergeFromName(QStringView name);

// "Each tenant account can define its own CORS rules" (seeds/000).
struct Tenant
{
    QString name;
    QString description;
    bool production = false;
    ApiType apiType = ApiType::Advanced;
    Profile profile = Profile::Strict;
    Authentication authentication;
    BackendMerge backendMerge = BackendMerge::GatewayWins;
    QList<Rule> rules;
    QList<Application> applications;

    bool corsEnabled() const { return apiType == ApiType::Advanced; }
    // Index of the rule an application's origins get, or -1 when there is none.
    int applicationRuleIndex(const Application &application) const;

    // Problems with the tenant's own fields; rules and applications report theirs separately.
    QList<FieldProblem> validate() const;

    friend bool operator==(const Tenant &, const Tenant &) = default;
};

} // namespace cors
