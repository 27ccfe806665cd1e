#pragma once

// Values for the storage tests: tenants that use every field, so that a round trip through the
// workspace or a bundle that drops or changes any of them shows.

#include "model/tenant.h"
#include "storage/testcase.h"

#include <QJsonArray>
#include <QJsonObject>

namespace cors::test {

using namespace Qt::StringLiterals;

inline Rule sampleRule(const QString &domain, QStringList methods = { u"GET"_s, u"POST"_s })
{
    Rule rule;
    rule.domain = domain;
    rule.protocols = Protocol::Https;
    rule.methods = std::move(methods);
    rule.allowHeaders = { u"Content-Type"_s, u"X-Request-Id"_s };
    rule.exposeHeaders = { u"X-Request-Id"_s };
    rule.allowCredentials = true;
    rule.cachePreflight = true;
    rule.maxAge = 600;
    rule.note = u"sample rule for %1"_s.arg(domain);
    return rule;
}

// Every kind of domain, port set and flag, and text that JSON must escape.
inline Tenant richTenant(const QString &name = u"rich"_s)
{
    Tenant tenant;
    tenant.name = name;
    tenant.description = u"Ünïcödé, \"quotes\", back\\slash and a\nnewline"_s;
    tenant.production = true;
    tenant.apiType = ApiType::Advanced;
    tenant.profile = Profile::WebMethods;
    tenant.authentication = { Authentication::Type::Token, QString(), QString(), u"X-API-Key"_s,
                              u"s3cr3t"_s };
    tenant.backendMerge = BackendMerge::PassthroughIfNoRule;

    tenant.rules.append(sampleRule(u"shop.example.com"_s));
    Rule subdomains = sampleRule(u"*.admin.example.com"_s, { u"GET"_s, u"PATCH"_s, u"X-CUSTOM"_s });
    subdomains.protocols = Protocol::Http | Protocol::Https;
    subdomains.ports = *PortSet::parse({ u"8443"_s, u"3000-3999"_s });
    tenant.rules.append(subdomains);
    Rule regex = sampleRule(u"regex:https://(app|web)\\.example\\.org"_s);
    regex.allowHeaders = { u"*"_s };
    regex.exposeHeaders = { u"*"_s };
    regex.allowCredentials = false;
    regex.enabled = false;
    regex.note = QString();
    tenant.rules.append(regex);
    Rule localhost = sampleRule(u"localhost"_s);
    localhost.protocols = Protocol::Http;
    localhost.ports = PortSet::any();
    localhost.cachePreflight = false;
    localhost.maxAge = 0;
    tenant.rules.append(localhost);
    Rule nullOrigin = sampleRule(u"null"_s, {});
    nullOrigin.allowHeaders = {};
    nullOrigin.exposeHeaders = {};
    tenant.rules.append(nullOrigin);

    tenant.applications.append(
        { u"Partner portal"_s, { u"https://portal.partner.example"_s }, u"shop.example.com"_s });
    tenant.applications.append(
        { u"Any rule app"_s, { u"http://localhost:8080"_s, u"https://a.example"_s }, QString() });
    return tenant;
}

inline QJsonObject fetch(const QString &pageOrigin, const QString &url, const QString &method = u"GET"_s)
{
    return { { u"pageOrigin"_s, pageOrigin },
             { u"url"_s, url },
             { u"method"_s, method },
             { u"headers"_s, QJsonArray { QJsonArray { u"Content-Type"_s, u"application/json"_s } } },
             { u"credentials"_s, u"include"_s },
             { u"mode"_s, u"cors"_s } };
}

inline TestCase sampleTestCase(const QString &name)
{
    TestCase testCase;
    testCase.name = name;
    testCase.description = u"PUT twice: the second one uses the cached preflight"_s;
    testCase.fetches = { fetch(u"https://shop.example.com"_s, u"https://api.example.com/cart"_s, u"PUT"_s),
                         fetch(u"https://shop.example.com"_s, u"https://api.example.com/cart"_s, u"PUT"_s) };
    testCase.chromium = TestCase::Verdict::Allowed;
    testCase.firefox = TestCase::Verdict::Blocked;
    return testCase;
}

} // namespace cors::test
