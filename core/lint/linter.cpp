#include "linter.h"

#include "domainskeleton.h"
#include "engine/corsengine.h"
#include "fetchnames.h"
#include "publicsuffixlist.h"
#include "regexprobe.h"
#include "usercontenthosts.h"

#include <QHash>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

// seeds/002: what APIG sends as Access-Control-Max-Age when a rule sets none.
constexpr int kApigDefaultMaxAge = 172800;
// Browsers' caps on Access-Control-Max-Age: Chromium 7200 s (two hours), Firefox 86400 s (a day).
constexpr int kChromiumMaxAgeCap = 7200;
constexpr int kFirefoxMaxAgeCap = 86400;
// More ports than this on one host is no longer "the ports of my dev servers".
constexpr int kBroadPortCount = 1024;

// The origin an unrelated attacker's page has: a domain the attacker owns.
const QString kAttacker = u"https://evil.invalid"_s;

enum class HostScope { Public, Loopback, Private };

// Names and addresses only reachable from the user's own machine or network: RFC 1918, RFC 6598
// (carrier-grade NAT), RFC 3927 (link-local), RFC 4193 (unique local IPv6), RFC 4291
// (link-local IPv6); mDNS ".local" (RFC 6762), ".internal" (ICANN, 2024), ".home.arpa"
// (RFC 8375) and the intranet names people use; single-label intranet hosts.
HostScope scopeOf(const QString &host)
{
    // Origin::isLoopback() for a canonical host, without building an origin (Secure Contexts §3.1).
    const bool ip = Origin::isIpAddressHost(host);
    if (host == u"localhost" || host.endsWith(u".localhost") || host == u"[::1]"
        || (ip && host.startsWith(u"127.")))
        return HostScope::Loopback;
    if (host.startsWith(u'[')) {
        const QString address = host.sliced(1, host.size() - 2);
        if (address.startsWith(u"fc") || address.startsWith(u"fd") || address.startsWith(u"fe8")
            || address.startsWith(u"fe9") || address.startsWith(u"fea") || address.startsWith(u"feb"))
            return HostScope::Private;
        return HostScope::Public;
    }
    if (ip) {
        const QStringList octets = host.split(u'.');
        const int a = octets.value(0).toInt();
        const int b = octets.value(1).toInt();
        if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) || (a == 169 && b == 254)
            || (a == 100 && b >= 64 && b <= 127) || a == 0)
            return HostScope::Private;
        return HostScope::Public;
    }
    if (!host.contains(u'.'))
        return HostScope::Private;
    for (const QStringView suffix : { u".local", u".internal", u".lan", u".home.arpa", u".corp", u".intranet",
                                      u".localdomain", u".private", u".home" }) {
        if (host.endsWith(suffix))
            return HostScope::Private;
    }
    return HostScope::Public;
}

// Top-level names that are not on the Public Suffix List yet are not typos: the reserved ones
// (RFC 2606, RFC 6761) and the private ones scopeOf() knows.
bool isReservedOrPrivateName(const QString &host)
{
    const QString tld = host.sliced(host.lastIndexOf(u'.') + 1);
    for (const QStringView name :
         { u"localhost", u"example", u"invalid", u"test", u"local", u"internal", u"lan", u"arpa", u"corp",
           u"intranet", u"localdomain", u"private", u"home" }) {
        if (tld == name)
            return true;
    }
    return false;
}

QString quoted(const QString &text)
{
    return u"\""_s + text + u"\""_s;
}

int portCount(const PortSet &ports)
{
    if (ports.isAny())
        return 65535;
    int count = 0;
    for (const PortSet::Range &range : ports.ranges())
        count += range.last - range.first + 1;
    return count;
}

bool containsExactly(const QStringList &items, QStringView item)
{
    return std::any_of(items.cbegin(), items.cend(), [&](const QString &i) { return i.trimmed() == item; });
}

bool containsIgnoringCase(const QStringList &items, QStringView item)
{
    return std::any_of(items.cbegin(), items.cend(),
                       [&](const QString &i) { return i.trimmed().compare(item, Qt::CaseInsensitive) == 0; });
}

// A host written out literally somewhere in the tenant, for the domain-name checks.
struct TrustedHost
{
    QString host; // canonical
    int rule = -1;
    int application = -1;
    QString field;
    int item = -1;
};

struct RuleFacts
{
    bool usable = false; // enabled and valid: the index holds it
    OriginPattern pattern;
    RegexProbe::Analysis regex;
    QList<Origin> samples; // origins the rule is written for
};

class TenantLint
{
public:
    TenantLint(const Tenant &tenant, const RuleIndex &index, const Linter::Options &options)
        : m_tenant(tenant)
        , m_index(index)
        , m_options(options)
        , m_psl(PublicSuffixList::system())
    { }

    QList<LintFinding> run()
    {
        m_facts.resize(m_tenant.rules.size());
        lintTenantSettings();
        for (int i = 0; i < m_tenant.rules.size(); ++i)
            lintRule(i);
        lintReachability();
        lintApplications();
        lintDomainNames();
        sortFindings();
        return m_findings;
    }

private:
    // Where and how bad; see Linter::checks() for what each id means.
    void add(const QString &id, Severity severity, int rule, int application, const QString &field, int item,
             const QString &message, const QString &fix, const QString &proof = QString())
    {
        m_findings.append({ id, severity, rule, application, field, item, message, fix, proof });
    }
    void addRule(const QString &id, Severity severity, int rule, const QString &field, int item,
                 const QString &message, const QString &fix, const QString &proof = QString())
    {
        add(id, severity, rule, -1, field, item, message, fix, proof);
    }

    QString ruleRef(int rule) const
    {
        return u"rules[%1] (%2)"_s.arg(rule).arg(quoted(m_tenant.rules.value(rule).domain));
    }
    QString applicationRef(int application) const
    {
        return u"application %1"_s.arg(quoted(m_tenant.applications.value(application).name));
    }

    // The Public Suffix List answers, memoized: a tenant's hosts share a handful of TLDs.
    bool knownTopLevelDomain(const QString &host)
    {
        const QString tld = host.sliced(host.lastIndexOf(u'.') + 1);
        auto it = m_knownTld.constFind(tld);
        if (it == m_knownTld.constEnd())
            it = m_knownTld.insert(tld, m_psl.hasKnownTopLevelDomain(tld));
        return *it;
    }

    bool proves(int rule, const QString &originText) const
    {
        const auto origin = Origin::parse(QStringView(originText));
        return origin && m_index.accepts(rule, *origin);
    }

    // Credentials make every trust problem worse: the attacker reads what the victim's cookies unlock.
    static Severity bySecrets(bool credentials, Severity with, Severity without)
    {
        return credentials ? with : without;
    }

    // ---- tenant ---------------------------------------------------------------------------

    void lintTenantSettings()
    {
        const bool anyEnabled = std::any_of(m_tenant.rules.cbegin(), m_tenant.rules.cend(),
                                            [](const Rule &rule) { return rule.enabled; });
        if (!m_psl.isLoaded()) {
            add(u"public-suffix-list-missing"_s, Severity::Warning, -1, -1, QString(), -1,
                u"The Public Suffix List could not be loaded, so wildcards over public suffixes and user-content hosting domains cannot be recognised."_s,
                u"Install Debian's publicsuffix package (/usr/share/publicsuffix/public_suffix_list.dafsa)."_s);
        }
        if (!m_tenant.corsEnabled() && anyEnabled) {
            add(u"cors-disabled"_s, Severity::Warning, -1, -1, u"apiType"_s, -1,
                u"API Type is %1, and CORS rules apply only to Advanced APIs (seeds/000), so no rule applies at all: browsers get no CORS headers and block every cross-origin read."_s
                    .arg(apiTypeName(m_tenant.apiType)),
                u"Set API Type to advanced, or delete the rules if the API is not meant for other origins."_s);
        }
        if (!m_tenant.corsEnabled())
            return;
        switch (m_tenant.profile) {
        case Profile::Boomi:
            add(u"boomi-rejection-status"_s, Severity::Info, -1, -1, u"profile"_s, -1,
                u"Under the boomi profile a refused preflight or request still answers 200, only without Access-Control-Allow-* headers (seeds/000), so monitoring by status code sees success while the browser blocks the call."_s,
                u"Judge CORS failures by the missing Access-Control-Allow-Origin header (or the browser console), not by the status code."_s);
            break;
        case Profile::Apig:
            lintApigOpenness();
            break;
        case Profile::Strict:
        case Profile::WebMethods:
            break;
        }
        if (m_tenant.backendMerge == BackendMerge::PassthroughIfNoRule) {
            add(u"backend-decides"_s, Severity::Info, -1, -1, u"backendMerge"_s, -1,
                u"With backend merge passthrough-if-no-rule, an origin no rule matches gets the backend's own CORS headers unchanged (seeds/003), which the linter cannot see."_s,
                u"Make sure the backend's own CORS policy is as strict as these rules, or choose gateway-wins."_s);
        }
    }

    // seeds/002: APIG answers every origin with "*" when CORS is enabled; specific rules only
    // change what their own origins get. Proven by asking the engine itself.
    void lintApigOpenness()
    {
        const bool specific =
            std::any_of(m_tenant.rules.cbegin(), m_tenant.rules.cend(), [](const Rule &rule) {
                return rule.enabled && rule.pattern().kind() != OriginPattern::Kind::Any;
            });
        if (!specific)
            return;
        HttpRequest preflight;
        preflight.method = "OPTIONS";
        preflight.url = QUrl(u"https://api.cors-lint.invalid/"_s);
        preflight.headers = { { "Origin", kAttacker.toLatin1() },
                              { "Access-Control-Request-Method", "PUT" } };
        const CorsDecision decision = CorsEngine(m_tenant).evaluate(preflight);
        const QByteArray allowOrigin = decision.headers.value("Access-Control-Allow-Origin");
        if (!decision.allowed || allowOrigin != "*")
            return;
        add(u"apig-answers-any-origin"_s, Severity::Warning, -1, -1, u"profile"_s, -1,
            u"Under the apig profile the gateway answers every origin with Access-Control-Allow-Origin: * (seeds/002), so rules for specific origins restrict nobody: the engine answers a preflight from %1 with 200 and *."_s
                .arg(kAttacker),
            u"If only these origins may read the API, enforce it in the backend (whose CORS headers win under backend-wins) or use a gateway whose CORS policy rejects other origins."_s,
            kAttacker);
    }

    // ---- rules ----------------------------------------------------------------------------

    void lintRule(int i)
    {
        const Rule &rule = m_tenant.rules[i];
        if (!rule.enabled)
            return;
        const QList<FieldProblem> problems = validate(i, rule);
        for (const FieldProblem &problem : problems) {
            addRule(u"invalid-field"_s, Severity::Error, i, problem.field, problem.index,
                    u"The rule is skipped until this is fixed: %1."_s.arg(problem.message),
                    u"Correct the field; the rule matches nothing while it is invalid."_s);
        }
        if (!problems.isEmpty())
            return;
        RuleFacts &facts = m_facts[i];
        facts.usable = true;
        const OriginPattern *compiled = m_index.pattern(i);
        facts.pattern = compiled ? *compiled : rule.pattern();
        lintCanonicalDomain(i, rule, facts.pattern);
        switch (facts.pattern.kind()) {
        case OriginPattern::Kind::Host:
            lintHost(i, rule, facts);
            break;
        case OriginPattern::Kind::Subdomains:
            lintSubdomains(i, rule, facts);
            break;
        case OriginPattern::Kind::Any:
            lintAnyOrigin(i, rule, facts);
            break;
        case OriginPattern::Kind::Null:
            lintNull(i, rule, facts);
            break;
        case OriginPattern::Kind::Regex:
            lintRegex(i, rule, facts);
            break;
        }
        lintMethods(i, rule);
        lintAllowHeaders(i, rule);
        lintExposeHeaders(i, rule);
        lintCaching(i, rule);
    }

    // Rule::validate(), without parsing (for a regex: compiling) the domain a second time when the
    // index already holds it compiled: the domain is then known to parse, and every other check
    // of validate() is the same for a stand-in domain of the same kind. A domain that carries a
    // scheme or port is validated as it is, since normalizing it can contradict the other fields.
    QList<FieldProblem> validate(int i, const Rule &rule) const
    {
        const OriginPattern *compiled = m_index.pattern(i);
        if (!compiled || !compiled->impliedScheme().isEmpty() || compiled->impliedPort() >= 0)
            return rule.validate();
        Rule standIn = rule;
        standIn.domain = compiled->kind() == OriginPattern::Kind::Null ? u"null"_s : u"stand-in.invalid"_s;
        return standIn.validate();
    }

    void lintCanonicalDomain(int i, const Rule &rule, const OriginPattern &pattern)
    {
        if (pattern.impliedScheme().isEmpty() && pattern.impliedPort() < 0
            && pattern.toString() == rule.domain)
            return; // already what normalizing would write
        Rule normalized = rule;
        if (normalized.normalize())
            return; // validate() reported the contradiction
        if (normalized.domain == rule.domain && normalized.protocols == rule.protocols
            && normalized.ports == rule.ports)
            return;
        const bool implied = !pattern.impliedScheme().isEmpty() || pattern.impliedPort() >= 0;
        if (implied) {
            addRule(
                u"non-canonical-origin"_s, Severity::Error, i, u"domain"_s, -1,
                u"The domain %1 carries a scheme or port that the rule index does not read from the domain (it uses the protocols and ports fields), so origins with that scheme or port are not matched as written."_s
                    .arg(quoted(rule.domain)),
                u"Write the domain as %1 with protocols %2 and ports %3 (what normalizing the rule does)."_s
                    .arg(quoted(normalized.domain), protocolNames(normalized.protocols).join(u", "),
                         normalized.ports.displayText()));
        } else {
            addRule(
                u"non-canonical-origin"_s, Severity::Warning, i, u"domain"_s, -1,
                u"Browsers send the host as %1, not %2; the engine canonicalizes it, but exported server configurations and people comparing text may not."_s
                    .arg(quoted(normalized.domain), quoted(rule.domain)),
                u"Write the domain as %1."_s.arg(quoted(normalized.domain)));
        }
    }

    QList<Origin> hostSamples(const Rule &rule, const QString &host) const
    {
        QList<Origin> samples;
        for (const Protocol protocol : { Protocol::Https, Protocol::Http }) {
            if (!rule.protocols.testFlag(protocol))
                continue;
            const QString scheme = protocol == Protocol::Https ? u"https"_s : u"http"_s;
            QList<int> ports;
            if (rule.ports.isDefault() || rule.ports.isAny())
                ports.append(Origin::defaultPort(scheme));
            for (const PortSet::Range &range : rule.ports.ranges()) {
                if (ports.size() < 4)
                    ports.append(range.first);
            }
            for (const int port : std::as_const(ports)) {
                const QString text = scheme + u"://"_s + host + u':' + QString::number(port);
                if (const auto origin = Origin::parse(QStringView(text)))
                    samples.append(*origin);
            }
        }
        return samples;
    }

    void lintProduction(int rule, int application, const QString &field, int item, const QString &host,
                        const QString &shown)
    {
        if (!m_tenant.production)
            return;
        const HostScope scope = scopeOf(host);
        if (scope == HostScope::Loopback) {
            add(u"loopback-in-production"_s, Severity::Warning, rule, application, field, item,
                u"This production tenant trusts %1, a page on the user's own machine: any local dev server, tool or malware that serves a page there can call the production API as the user."_s
                    .arg(shown),
                u"Remove the loopback origin from the production tenant; keep it in a development tenant."_s);
        } else if (scope == HostScope::Private) {
            add(u"private-address-in-production"_s, Severity::Warning, rule, application, field, item,
                u"This production tenant trusts %1, a private-network name or address that means a different machine on every user's network, so whoever runs a page there is trusted."_s
                    .arg(shown),
                u"Trust the public origin of the application instead of a private address or intranet name."_s);
        }
    }

    void lintHttp(int i, const Rule &rule, const QList<Origin> &samples)
    {
        if (m_options.apiScheme == Linter::ApiScheme::Http)
            return;
        for (const Origin &origin : samples) {
            if (origin.scheme() != u"http" || origin.isLoopback())
                continue;
            addRule(
                u"http-origin"_s, bySecrets(rule.allowCredentials, Severity::Error, Severity::Warning), i,
                u"protocols"_s, -1,
                u"The HTTPS API trusts %1, an http:// page that anyone on the user's network (public Wi-Fi, a hostile router) can rewrite to read the API's answers%2."_s
                    .arg(origin.serialize(),
                         rule.allowCredentials ? u" with the user's cookies"_s : QString()),
                u"Allow only the https protocol for this domain."_s, origin.serialize());
            return;
        }
    }

    void lintPortBleed(int i, const Rule &rule, const QString &host, bool loopback)
    {
        if (rule.ports.isDefault() || portCount(rule.ports) <= kBroadPortCount)
            return;
        const QString scheme = rule.protocols.testFlag(Protocol::Https) ? u"https"_s : u"http"_s;
        // 4430: the default port with a digit appended; otherwise somewhere inside the broad range.
        int port = 4430;
        if (!rule.ports.contains(port)) {
            const auto widest = std::max_element(rule.ports.ranges().cbegin(), rule.ports.ranges().cend(),
                                                 [](const PortSet::Range &a, const PortSet::Range &b) {
                                                     return a.last - a.first < b.last - b.first;
                                                 });
            port = (widest->first + widest->last) / 2;
        }
        const QString proof = scheme + u"://"_s + host + u':' + QString::number(port);
        if (!proves(i, proof))
            return;
        addRule(
            u"port-bleed"_s, loopback ? Severity::Info : Severity::Warning, i, u"ports"_s, -1,
            u"Every port of the host is trusted (the index accepts %1), so any other service on that machine — an admin console, a dev server, a forgotten test site — is trusted too."_s
                .arg(proof),
            u"List the ports the application really uses (for example 8443, or 3000-3009)."_s, proof);
    }

    void lintNeverMatchesPorts(int i, const Rule &rule, const QString &shownHost)
    {
        if (rule.ports.isDefault() || rule.ports.isAny())
            return;
        const bool httpOnly = rule.protocols == Protocols(Protocol::Http);
        const bool httpsOnly = rule.protocols == Protocols(Protocol::Https);
        const int wrongPort = httpOnly ? 443 : httpsOnly ? 80 : -1;
        if (wrongPort < 0)
            return;
        for (const PortSet::Range &range : rule.ports.ranges()) {
            if (range.first != wrongPort || range.last != wrongPort)
                return;
        }
        const QString scheme = httpOnly ? u"http"_s : u"https"_s;
        const QString meant = httpOnly ? u"https"_s : u"http"_s;
        addRule(
            u"rule-never-matches"_s, Severity::Error, i, u"ports"_s, -1,
            u"The rule allows only %1 on port %2, so it matches nothing but %1://%3:%2, an origin no real site has, while a page at %4://%3 is refused."_s
                .arg(scheme)
                .arg(wrongPort)
                .arg(shownHost, meant),
            u"Allow the %1 protocol with default ports, or list the port the %2 site really uses."_s.arg(
                meant, scheme));
    }

    void lintHost(int i, const Rule &rule, RuleFacts &facts)
    {
        const QString host = facts.pattern.host();
        facts.samples = hostSamples(rule, host);
        m_hosts.append({ host, i, -1, u"domain"_s, -1 });
        lintProduction(i, -1, u"domain"_s, -1, host, host);
        const bool loopback = scopeOf(host) == HostScope::Loopback;
        if (!loopback)
            lintHttp(i, rule, facts.samples);
        lintPortBleed(i, rule, host, loopback);
        lintNeverMatchesPorts(i, rule, host);
    }

    void lintSubdomains(int i, const Rule &rule, RuleFacts &facts)
    {
        const QString parent = facts.pattern.host();
        const QString probeHost = u"evil."_s + parent;
        facts.samples = hostSamples(rule, probeHost);
        m_hosts.append({ parent, i, -1, u"domain"_s, -1 });
        // The proof: an attacker's subdomain the index really accepts for this rule.
        QString proof;
        for (const Origin &origin : std::as_const(facts.samples)) {
            if (m_index.accepts(i, origin)) {
                proof = origin.serialize();
                break;
            }
        }
        const PublicSuffixList::Section section = m_psl.childrenSection(parent);
        if (proof.isEmpty()) {
            // Nothing under the wildcard matches (its ports or protocols rule it out).
        } else if (section == PublicSuffixList::Section::Icann) {
            addRule(
                u"wildcard-public-suffix"_s, Severity::Error, i, u"domain"_s, -1,
                u"%1 is a public suffix (Public Suffix List, ICANN section): anyone can register a name under it and is trusted, for example %2."_s
                    .arg(parent, proof),
                u"Name your own registered domain: *.yourcompany.%1, or the exact hosts."_s.arg(parent),
                proof);
        } else if (section == PublicSuffixList::Section::Private || UserContentHosts::contains(parent)) {
            addRule(
                u"wildcard-user-content"_s,
                bySecrets(rule.allowCredentials, Severity::Error, Severity::Warning), i, u"domain"_s, -1,
                u"%1 hosts sites for anyone who signs up (%2), so any of its users can publish a page at %3 and read this API%4."_s
                    .arg(parent,
                         section == PublicSuffixList::Section::Private
                             ? u"Public Suffix List, private section"_s
                             : u"a known user-content hosting domain"_s,
                         proof, rule.allowCredentials ? u" with the visitor's cookies"_s : QString()),
                u"Trust your own site's exact host (for example yourapp.%1) instead of every site under %1."_s
                    .arg(parent),
                proof);
        } else {
            addRule(
                u"any-subdomain"_s, bySecrets(rule.allowCredentials, Severity::Warning, Severity::Info), i,
                u"domain"_s, -1,
                u"Every subdomain of %1 at any depth is trusted (for example %2), so one forgotten DNS record, taken-over subdomain or page that hosts user content there can read this API%3."_s
                    .arg(parent, proof, rule.allowCredentials ? u" with the user's cookies"_s : QString()),
                rule.allowCredentials
                    ? u"List the exact hosts that need credentials, and keep the wildcard (if at all) on a rule without credentials."_s
                    : u"List the exact hosts if they are known."_s,
                proof);
        }
        lintProduction(i, -1, u"domain"_s, -1, parent, u"*."_s + parent);
        const bool loopback = scopeOf(parent) == HostScope::Loopback;
        if (!loopback)
            lintHttp(i, rule, facts.samples);
        lintPortBleed(i, rule, probeHost, loopback);
        lintNeverMatchesPorts(i, rule, u"*."_s + parent);
    }

    void lintAnyOrigin(int i, const Rule &rule, RuleFacts &facts)
    {
        facts.samples = hostSamples(rule, u"evil.invalid"_s);
        QString proof;
        for (const Origin &origin : std::as_const(facts.samples)) {
            if (m_index.accepts(i, origin)) {
                proof = origin.serialize();
                break;
            }
        }
        if (proof.isEmpty())
            return;
        reportAnyOrigin(i, rule, proof, false);
    }

    void reportAnyOrigin(int i, const Rule &rule, const QString &proof, bool regex)
    {
        const QString what =
            regex ? u"The expression matches any origin"_s : u"The domain * matches any origin"_s;
        if (rule.allowCredentials) {
            addRule(
                u"credentials-with-wildcard"_s, Severity::Error, i, u"allowCredentials"_s, -1,
                u"%1 and the rule allows credentials, so the server echoes any page's origin with Access-Control-Allow-Credentials: true and every website (proved with %2) reads this API with its visitors' cookies."_s
                    .arg(what, proof),
                u"Name the trusted origins instead of *, or turn credentials off for the catch-all rule."_s,
                proof);
        } else if (m_tenant.profile == Profile::Apig && !regex) {
            addRule(
                u"any-origin"_s, Severity::Info, i, u"domain"_s, -1,
                u"%1: APIG answers Access-Control-Allow-Origin: * (seeds/002), so every website (such as %2) can read responses that need no credentials — right for public data only."_s
                    .arg(what, proof),
                u"Keep * only if the API serves public data; otherwise name the trusted origins."_s, proof);
        } else {
            addRule(
                u"any-origin-reflected"_s, Severity::Warning, i, u"domain"_s, -1,
                u"%1 and the %2 profile echoes the request's Origin back, so every website (proved with %3) can read this API's responses from its visitors' browsers, including APIs reachable only inside their network."_s
                    .arg(what, profileName(m_tenant.profile), proof),
                u"Name the trusted origins; keep a catch-all only for public data that needs no credentials."_s,
                proof);
        }
    }

    void lintNull(int i, const Rule &rule, RuleFacts &facts)
    {
        facts.samples = { Origin::opaque() };
        if (!m_index.accepts(i, Origin::opaque()))
            return;
        addRule(
            u"null-origin"_s, bySecrets(rule.allowCredentials, Severity::Error, Severity::Warning), i,
            u"domain"_s, -1,
            u"The opaque origin null is trusted, and any website can send Origin: null from a sandboxed iframe (<iframe sandbox=\"allow-scripts\">), a data: URL or a redirect, so every site reads this API%1."_s
                .arg(rule.allowCredentials ? u" with its visitors' cookies"_s : QString()),
            u"Remove the null rule; give sandboxed or local pages a real origin to trust instead."_s,
            u"null"_s);
    }

    void lintRegex(int i, const Rule &rule, RuleFacts &facts)
    {
        const QString expression = facts.pattern.regexPattern();
        facts.regex = RegexProbe::analyse(m_index, i, expression, m_psl);
        facts.samples = facts.regex.samples;
        for (const Origin &origin : std::as_const(facts.regex.literalSamples)) {
            m_hosts.append({ origin.host(), i, -1, u"domain"_s, -1 });
            lintProduction(i, -1, u"domain"_s, -1, origin.host(), origin.serialize());
        }
        const bool credentials = rule.allowCredentials;
        const Severity bypass = bySecrets(credentials, Severity::Error, Severity::Warning);
        const QString cookies = credentials ? u" with the user's cookies"_s : QString();
        for (const RegexProbe::Result &result : std::as_const(facts.regex.results)) {
            switch (result.kind) {
            case RegexProbe::Kind::AnyOrigin:
                reportAnyOrigin(i, rule, result.proof, true);
                break;
            case RegexProbe::Kind::PrefixMatch:
                addRule(
                    u"regex-prefix-match"_s, bypass, i, u"domain"_s, -1,
                    u"The expression only checks how the origin starts, so an attacker who registers a domain like %1 is trusted%2."_s
                        .arg(result.proof, cookies),
                    u"End the expression right after the host (and optional port), e.g. https://example\\.com(:8443)? — the engine anchors it at both ends, so never let it end in .* or a class."_s,
                    result.proof);
                break;
            case RegexProbe::Kind::SuffixMatch:
                addRule(
                    u"regex-suffix-match"_s, bypass, i, u"domain"_s, -1,
                    u"The expression only checks how the host ends, so an attacker who registers %1 is trusted%2."_s
                        .arg(result.proof, cookies),
                    u"Require a dot before the domain (https://([a-z0-9-]+\\.)?example\\.com) or list the hosts exactly."_s,
                    result.proof);
                break;
            case RegexProbe::Kind::SubstringMatch:
                addRule(
                    u"regex-substring-match"_s, bypass, i, u"domain"_s, -1,
                    u"The expression finds the trusted name anywhere in the origin, so an attacker's %1 is trusted%2."_s
                        .arg(result.proof, cookies),
                    u"Spell out the whole origin: scheme, the exact host (escaping every dot) and the port."_s,
                    result.proof);
                break;
            case RegexProbe::Kind::UnescapedDot:
                addRule(
                    u"regex-unescaped-dot"_s, bypass, i, u"domain"_s, -1,
                    u"An unescaped '.' in the expression matches any character, so an attacker who registers %1 is trusted%2."_s
                        .arg(result.proof, cookies),
                    u"Escape every literal dot as \\. (app\\.example\\.com)."_s, result.proof);
                break;
            case RegexProbe::Kind::UnescapedDotUnproven:
                addRule(
                    u"regex-unescaped-dot"_s, Severity::Info, i, u"domain"_s, -1,
                    u"An unescaped '.' in the expression matches any character; no registrable attacker domain gets through it here, but one edit away it would."_s,
                    u"Escape every literal dot as \\.."_s);
                break;
            case RegexProbe::Kind::BroadClass:
                addRule(
                    u"regex-broad-class"_s, bypass, i, u"domain"_s, -1,
                    u"A character class or repeat in the expression stands for part of the registrable domain or its top-level domain, so an attacker who registers %1 is trusted%2."_s
                        .arg(result.proof, cookies),
                    u"Write the registrable domain and top-level domain literally, and keep classes to the labels in front of it."_s,
                    result.proof);
                break;
            case RegexProbe::Kind::PublicSuffixWildcard:
                addRule(
                    u"wildcard-public-suffix"_s, Severity::Error, i, u"domain"_s, -1,
                    u"The expression accepts any name registered under the public suffix %1 (Public Suffix List), so anyone who registers one, such as %2, is trusted%3."_s
                        .arg(result.detail, result.proof, cookies),
                    u"Spell out your own registered domain in the expression."_s, result.proof);
                break;
            case RegexProbe::Kind::UserContentWildcard:
                addRule(
                    u"wildcard-user-content"_s, bypass, i, u"domain"_s, -1,
                    u"The expression accepts every site under %1, which hosts sites for anyone who signs up (Public Suffix List, private section), so any of its users can publish a page at %2 and be trusted%3."_s
                        .arg(result.detail, result.proof, cookies),
                    u"Spell out your own site's host (yourapp.%1) in the expression."_s.arg(result.detail),
                    result.proof);
                break;
            case RegexProbe::Kind::AnySubdomain:
                addRule(
                    u"any-subdomain"_s, bySecrets(credentials, Severity::Warning, Severity::Info), i,
                    u"domain"_s, -1,
                    u"The expression accepts every subdomain of %1 (for example %2), so one forgotten DNS record or taken-over subdomain there can read this API%3."_s
                        .arg(result.detail, result.proof, cookies),
                    u"List the subdomains that need access, e.g. (app|admin)\\.example\\.com."_s,
                    result.proof);
                break;
            case RegexProbe::Kind::PortBleed: {
                const auto origin = Origin::parse(QStringView(result.proof));
                const bool loopback = origin && origin->isLoopback();
                addRule(
                    u"port-bleed"_s, loopback ? Severity::Info : Severity::Warning, i, u"domain"_s, -1,
                    u"The expression accepts ports nobody listed (the index accepts %1), so any other service on that host — an admin console, a dev server — is trusted too."_s
                        .arg(result.proof),
                    u"Spell out the ports, e.g. (:8443)? or :(3000|3001), and nothing after them."_s,
                    result.proof);
                break;
            }
            case RegexProbe::Kind::HttpOrigin:
                if (m_options.apiScheme == Linter::ApiScheme::Http)
                    break;
                addRule(
                    u"http-origin"_s, bySecrets(credentials, Severity::Error, Severity::Warning), i,
                    u"domain"_s, -1,
                    u"The HTTPS API trusts %1, an http:// page that anyone on the user's network can rewrite to read the API's answers%2."_s
                        .arg(result.proof, cookies),
                    u"Make the expression require https:// (not https?://)."_s, result.proof);
                break;
            case RegexProbe::Kind::NonCanonical:
                addRule(
                    u"non-canonical-origin"_s, Severity::Error, i, u"domain"_s, -1,
                    u"The rule never matches: %1."_s.arg(result.detail),
                    u"Match the origin exactly as browsers serialize it: lower-case scheme and host, no default port, no trailing slash."_s);
                break;
            case RegexProbe::Kind::NeverMatches:
                addRule(
                    u"rule-never-matches"_s, Severity::Error, i, u"domain"_s, -1,
                    u"The rule never matches: %1."_s.arg(result.detail),
                    u"Match whole serialized origins such as https://app\\.example\\.com, with a protocol the rule allows."_s);
                break;
            case RegexProbe::Kind::NotAnalysed:
                addRule(
                    u"regex-not-analysed"_s, Severity::Info, i, u"domain"_s, -1,
                    u"The expression uses syntax the linter cannot reason about (lookaround, backreferences, \\p{…}), so it was not checked for bypasses."_s,
                    u"Prefer plain alternatives of escaped hosts, which can be checked: https://(app|admin)\\.example\\.com."_s);
                break;
            }
        }
    }

    // ---- rule lists -------------------------------------------------------------------------

    // Whether the engine sends the rule's lists literally (where "*" under credentials is the
    // literal name "*" to a browser, Fetch §3.2.3), or echoes what the browser asked for.
    bool echoesRequest() const { return m_tenant.profile == Profile::Strict; }

    void lintMethods(int i, const Rule &rule)
    {
        const QStringList &methods = rule.methods;
        for (int j = 0; j < methods.size(); ++j) {
            const QString method = methods[j].trimmed();
            if (method == u"*") {
                if (rule.allowCredentials && !echoesRequest()) {
                    addRule(
                        u"wildcard-literal-with-credentials"_s, Severity::Error, i, u"methods"_s, j,
                        u"With credentials, browsers read Access-Control-Allow-Methods: * as a method literally named \"*\" (Fetch §3.2.3), and the %1 profile sends the list as written, so every credentialed preflight is refused."_s
                            .arg(profileName(m_tenant.profile)),
                        u"List the methods by name (GET, POST, PUT, DELETE, …)."_s);
                } else {
                    addRule(
                        u"methods-wildcard"_s, Severity::Warning, i, u"methods"_s, j,
                        u"Any method is allowed, so a trusted page — or a script injected into one — can send DELETE, PATCH or any custom method the backend happens to accept."_s,
                        u"List only the methods the application uses."_s);
                }
                continue;
            }
            if (FetchNames::isForbiddenMethod(method)) {
                addRule(
                    u"forbidden-method"_s, Severity::Warning, i, u"methods"_s, j,
                    u"%1 is a forbidden method (Fetch §2.2.1): fetch() throws a TypeError before sending it, so allowing it only advertises a method (TRACE enables cross-site tracing) the server should not support."_s
                        .arg(method),
                    u"Remove %1."_s.arg(method));
            } else if (method != method.toUpper()) {
                const bool normalized = FetchNames::isNormalizedMethod(method);
                addRule(
                    u"method-case"_s, normalized ? Severity::Error : Severity::Warning, i, u"methods"_s, j,
                    normalized
                        ? u"Browsers upper-case %1 before sending it (Fetch \"normalize a method\") and methods compare case-sensitively, so \"%2\" never matches and %1 requests are refused."_s
                              .arg(method.toUpper(), method)
                        : u"Browsers send %1 exactly as the page wrote it (only DELETE, GET, HEAD, OPTIONS, POST and PUT are upper-cased) and methods compare case-sensitively, so \"%2\" refuses every page that writes %1."_s
                              .arg(method.toUpper(), method),
                    u"Write the method in upper case: %1."_s.arg(method.toUpper()));
            }
        }
        if (echoesRequest()) {
            QStringList safelisted;
            int first = -1;
            for (int j = 0; j < methods.size(); ++j) {
                if (FetchNames::isSafelistedMethod(methods[j])) {
                    safelisted.append(methods[j].trimmed());
                    if (first < 0)
                        first = j;
                }
            }
            if (!safelisted.isEmpty()) {
                addRule(
                    u"safelisted-method-listed"_s, Severity::Info, i, u"methods"_s, first,
                    u"%1 %2 CORS-safelisted (Fetch §2.2.1): browsers never check them against Access-Control-Allow-Methods, so listing them changes nothing under the strict profile."_s
                        .arg(safelisted.join(u", "), safelisted.size() == 1 ? u"is"_s : u"are"_s),
                    u"List only the other methods the application sends (PUT, PATCH, DELETE, …)."_s);
            }
        }
        lintContentType(i, rule);
    }

    void lintContentType(int i, const Rule &rule)
    {
        const bool apigDefaults = m_tenant.profile == Profile::Apig;
        const QStringList methods = apigDefaults && rule.methods.isEmpty()
            ? QStringList { u"POST"_s, u"PUT"_s, u"PATCH"_s }
            : rule.methods;
        const bool sendsBodies = containsExactly(methods, u"POST") || containsExactly(methods, u"PUT")
            || containsExactly(methods, u"PATCH") || containsExactly(methods, u"*");
        if (!sendsBodies)
            return;
        if (apigDefaults && rule.allowHeaders.isEmpty())
            return; // APIG's default list includes Content-Type (seeds/002)
        if (containsIgnoringCase(rule.allowHeaders, u"Content-Type"))
            return;
        if (containsExactly(rule.allowHeaders, u"*") && (echoesRequest() || !rule.allowCredentials))
            return;
        addRule(
            u"content-type-not-allowed"_s, Severity::Warning, i, u"allowHeaders"_s, -1,
            u"The rule allows requests with a body but not the Content-Type header, so the browser's preflight for a JSON body (Content-Type: application/json is not CORS-safelisted) is refused and fetch() fails."_s,
            u"Add Content-Type to the allowed headers."_s);
    }

    void lintAllowHeaders(int i, const Rule &rule)
    {
        const QStringList &headers = rule.allowHeaders;
        QStringList safelisted;
        int firstSafelisted = -1;
        for (int j = 0; j < headers.size(); ++j) {
            const QString name = headers[j].trimmed();
            if (name == u"*") {
                if (rule.allowCredentials && !echoesRequest()) {
                    addRule(
                        u"wildcard-literal-with-credentials"_s, Severity::Error, i, u"allowHeaders"_s, j,
                        u"With credentials, browsers read Access-Control-Allow-Headers: * as a header literally named \"*\" (Fetch §3.2.3), and the %1 profile sends the list as written, so every credentialed request with a custom header is refused at preflight."_s
                            .arg(profileName(m_tenant.profile)),
                        u"List the request headers by name (Content-Type, Authorization, X-Request-Id, …)."_s);
                } else if (!echoesRequest() && !containsIgnoringCase(headers, u"Authorization")) {
                    addRule(
                        u"authorization-via-wildcard"_s, Severity::Warning, i, u"allowHeaders"_s, j,
                        u"Access-Control-Allow-Headers: * does not cover Authorization (Fetch §3.2.3); Chromium and Firefox still let it through but flag it as deprecated, so requests with Authorization will be refused once they enforce it."_s,
                        u"Add Authorization to the allowed headers explicitly, next to *."_s);
                }
                continue;
            }
            if (FetchNames::isForbiddenRequestHeader(name)) {
                addRule(
                    u"forbidden-request-header"_s, Severity::Warning, i, u"allowHeaders"_s, j,
                    u"%1 is a forbidden request-header name (Fetch §2.2.2): script cannot set it and the browser never asks for it in a preflight, so allowing it does nothing%2."_s
                        .arg(name,
                             name.compare(u"Cookie", Qt::CaseInsensitive) == 0
                                 ? u" — cookies travel with credentials, not as an allowed header"_s
                                 : QString()),
                    u"Remove %1 from the allowed headers."_s.arg(name));
            } else if (echoesRequest() && FetchNames::isSafelistedRequestHeader(name)) {
                safelisted.append(name);
                if (firstSafelisted < 0)
                    firstSafelisted = j;
            }
        }
        if (!safelisted.isEmpty()) {
            addRule(
                u"safelisted-header-listed"_s, Severity::Info, i, u"allowHeaders"_s, firstSafelisted,
                u"%1 %2 allowed by every rule already (CORS-safelisted request headers, Fetch §2.2.2), so listing them changes nothing under the strict profile."_s
                    .arg(safelisted.join(u", "), safelisted.size() == 1 ? u"is"_s : u"are"_s),
                u"Remove them from the allowed headers."_s);
        }
    }

    void lintExposeHeaders(int i, const Rule &rule)
    {
        const QStringList &headers = rule.exposeHeaders;
        QStringList safelisted;
        int firstSafelisted = -1;
        const QString tokenHeader = m_tenant.authentication.type == Authentication::Type::Token
            ? m_tenant.authentication.header
            : QString();
        for (int j = 0; j < headers.size(); ++j) {
            const QString name = headers[j].trimmed();
            if (name == u"*") {
                if (rule.allowCredentials) {
                    addRule(
                        u"wildcard-literal-with-credentials"_s, Severity::Warning, i, u"exposeHeaders"_s, j,
                        u"With credentials, browsers read Access-Control-Expose-Headers: * as a header literally named \"*\" (Fetch §3.2.3), so script on the trusted pages can read none of the other response headers."_s,
                        u"List the response headers the pages need by name."_s);
                } else {
                    addRule(
                        u"expose-any-header"_s, Severity::Info, i, u"exposeHeaders"_s, j,
                        u"Every response header is readable by the trusted pages' script, including any internal or sensitive header the backend adds later."_s,
                        u"List the response headers the pages need by name."_s);
                }
                continue;
            }
            if (FetchNames::isForbiddenResponseHeader(name)) {
                addRule(
                    u"exposed-forbidden-header"_s, Severity::Warning, i, u"exposeHeaders"_s, j,
                    u"%1 is a forbidden response-header name (Fetch §2.2.2): browsers never let script read it, whatever the server exposes, so a page that expects to read it fails."_s
                        .arg(name),
                    u"Remove %1; let the browser keep cookies (use credentials: 'include') instead of reading them."_s
                        .arg(name));
            } else if (FetchNames::isSensitiveResponseHeader(name)
                       || (!tokenHeader.isEmpty() && name.compare(tokenHeader, Qt::CaseInsensitive) == 0)) {
                addRule(
                    u"exposed-sensitive-header"_s, Severity::Warning, i, u"exposeHeaders"_s, j,
                    u"%1 carries credentials or an anti-forgery token, and exposing it lets script on every trusted origin (and any script injected into one) read it."_s
                        .arg(name),
                    u"Stop exposing %1, or return the value in the body only to the page that needs it."_s
                        .arg(name));
            } else if (FetchNames::isSafelistedResponseHeader(name)) {
                safelisted.append(name);
                if (firstSafelisted < 0)
                    firstSafelisted = j;
            }
        }
        if (!safelisted.isEmpty()) {
            addRule(
                u"safelisted-header-listed"_s, Severity::Info, i, u"exposeHeaders"_s, firstSafelisted,
                u"%1 %2 always readable by script (CORS-safelisted response-header names, Fetch §2.2.2), so exposing them changes nothing."_s
                    .arg(safelisted.join(u", "), safelisted.size() == 1 ? u"is"_s : u"are"_s),
                u"Remove them from the exposed headers."_s);
        }
    }

    void lintCaching(int i, const Rule &rule)
    {
        const bool apig = m_tenant.profile == Profile::Apig;
        // Whether the rule lets a browser send anything that needs a preflight.
        bool preflighted = apig || !rule.allowHeaders.isEmpty();
        for (const QString &method : rule.methods)
            preflighted = preflighted || !FetchNames::isSafelistedMethod(method);
        const bool sent = apig || rule.cachePreflight;
        const int maxAge = apig && !rule.cachePreflight ? kApigDefaultMaxAge : rule.maxAge;
        const QString field = rule.cachePreflight ? u"maxAge"_s : u"cachePreflight"_s;
        if (sent && maxAge > kChromiumMaxAgeCap) {
            addRule(
                u"max-age-above-cap"_s, Severity::Info, i, field, -1,
                u"Access-Control-Max-Age %1%2 is above what browsers keep: Chromium caches a preflight for at most %3 s%4, so the extra time is ignored."_s
                    .arg(maxAge)
                    .arg(apig && !rule.cachePreflight ? u" (APIG's default, seeds/002)"_s : QString())
                    .arg(kChromiumMaxAgeCap)
                    .arg(maxAge > kFirefoxMaxAgeCap ? u" and Firefox %1 s"_s.arg(kFirefoxMaxAgeCap)
                                                    : u" (Firefox %1 s)"_s.arg(kFirefoxMaxAgeCap)),
                u"Set the max age to %1 s or less so that what you configure is what browsers do."_s.arg(
                    kChromiumMaxAgeCap));
        } else if (preflighted && (!sent || maxAge == 0)) {
            addRule(
                u"preflight-cache-disabled"_s, Severity::Info, i, field, -1,
                !sent
                    ? u"No Access-Control-Max-Age is sent, so browsers keep a preflight for only 5 s (Fetch §4.8) and most non-simple requests cost an extra OPTIONS round trip."_s
                    : u"Access-Control-Max-Age 0 tells browsers not to cache the preflight, so every non-simple request costs an extra OPTIONS round trip."_s,
                u"Cache preflights, for example for 600 s (at most 7200 s, Chromium's cap)."_s);
        }
    }

    // ---- precedence ---------------------------------------------------------------------------

    // Which rule really answers each origin a rule is written for (RuleIndex precedence, the same
    // for every profile: exact hosts, the most specific wildcard, regexes, applications, "*").
    void lintReachability()
    {
        QHash<int, std::pair<Origin, RuleIndex::Match>> overlaps; // losing rule -> first origin it loses
        for (int i = 0; i < m_facts.size(); ++i) {
            const RuleFacts &facts = m_facts[i];
            if (!facts.usable || facts.samples.isEmpty())
                continue;
            int won = 0;
            std::optional<std::pair<Origin, RuleIndex::Match>> lost;
            for (const Origin &origin : facts.samples) {
                const RuleIndex::Match match = m_index.match(origin);
                if (match.rule == i && match.application < 0) {
                    ++won;
                    if (facts.pattern.kind() == OriginPattern::Kind::Host) {
                        for (const int other : m_index.rulesCoveringHost(origin)) {
                            if (other != i && m_facts.value(other).pattern.kind() != OriginPattern::Kind::Any
                                && m_index.acceptsSchemeAndPort(other, origin) && !overlaps.contains(other))
                                overlaps.insert(other, { origin, match });
                        }
                    }
                } else if (match.isValid() && !lost) {
                    lost = std::make_pair(origin, match);
                }
            }
            if (!lost)
                continue;
            const auto &[origin, match] = *lost;
            if (won == 0) {
                m_shadowed.insert(i);
                addRule(
                    u"shadowed-rule"_s, Severity::Warning, i, u"domain"_s, -1,
                    u"The rule never applies: every origin it is written for, such as %1, is answered first by %2 (precedence: exact hosts, the most specific wildcard, regexes, applications, then *; the same under every profile)."_s
                        .arg(origin.serialize(), winnerText(match)),
                    u"Delete the rule, or merge its settings into %1."_s.arg(winnerText(match)),
                    origin.serialize());
            } else if (!overlaps.contains(i)) {
                overlaps.insert(i, *lost);
            }
        }
        for (auto it = overlaps.cbegin(); it != overlaps.cend(); ++it) {
            if (m_shadowed.contains(it.key()))
                continue;
            const auto &[origin, match] = it.value();
            addRule(
                u"overlapping-rules"_s, Severity::Info, it.key(), u"domain"_s, -1,
                u"The rule also covers %1, but %2 answers that origin first (precedence: exact hosts, the most specific wildcard, regexes, applications, then *), so this rule's methods, headers and credentials do not apply to it."_s
                    .arg(origin.serialize(), winnerText(match)),
                u"Make sure %1 gives %2 what it needs, or narrow one of the two rules."_s.arg(
                    winnerText(match), origin.serialize()),
                origin.serialize());
        }
    }

    QString winnerText(const RuleIndex::Match &match) const
    {
        if (match.application >= 0)
            return applicationRef(match.application) + u" (with "_s + ruleRef(match.rule) + u")"_s;
        return ruleRef(match.rule);
    }

    // ---- applications -----------------------------------------------------------------------

    void lintApplications()
    {
        if (m_tenant.applications.isEmpty())
            return;
        // Tenant::applicationRuleIndex(), for every application in one pass over the rules.
        QHash<QString, int> firstEnabled;
        int firstRule = -1;
        for (int i = 0; i < m_tenant.rules.size(); ++i) {
            if (!m_tenant.rules[i].enabled)
                continue;
            if (firstRule < 0)
                firstRule = i;
            if (!firstEnabled.contains(m_tenant.rules[i].domain))
                firstEnabled.insert(m_tenant.rules[i].domain, i);
        }
        for (int a = 0; a < m_tenant.applications.size(); ++a) {
            const Application &application = m_tenant.applications[a];
            for (const FieldProblem &problem : application.validate()) {
                add(u"invalid-field"_s, Severity::Error, -1, a, problem.field, problem.index,
                    u"The application's origin is ignored until this is fixed: %1."_s.arg(problem.message),
                    u"Correct the field."_s);
            }
            const int ruleIndex =
                application.rule.isEmpty() ? firstRule : firstEnabled.value(application.rule, -1);
            const bool credentials = ruleIndex >= 0 && m_tenant.rules[ruleIndex].allowCredentials;
            if (application.rule.isEmpty() && ruleIndex >= 0) {
                add(u"application-implicit-rule"_s, Severity::Warning, -1, a, u"rule"_s, -1,
                    u"%1 names no rule, so its origins get the first enabled rule's settings — today %2 — and silently get another rule's methods, headers and credentials when the rules are reordered or that rule is disabled."_s
                        .arg(applicationRef(a), ruleRef(ruleIndex)),
                    u"Name the rule whose settings the application's origins should get."_s);
            }
            for (int k = 0; k < application.origins.size(); ++k) {
                const auto origin = Origin::parse(QStringView(application.origins[k]));
                if (!origin)
                    continue;
                if (origin->isOpaque()) {
                    // The index matches "Origin: null" against applications' origins too.
                    if (m_index.match(*origin).application == a) {
                        add(u"null-origin"_s, bySecrets(credentials, Severity::Error, Severity::Warning), -1,
                            a, u"origins"_s, k,
                            u"%1 registers the opaque origin null, and any website can send Origin: null from a sandboxed iframe (<iframe sandbox=\"allow-scripts\">), so every site reads this API%2."_s
                                .arg(applicationRef(a),
                                     credentials ? u" with its visitors' cookies"_s : QString()),
                            u"Remove null from the application's origins."_s, u"null"_s);
                    }
                    continue;
                }
                const QString shown = origin->serialize();
                m_hosts.append({ origin->host(), -1, a, u"origins"_s, k });
                lintProduction(-1, a, u"origins"_s, k, origin->host(), shown);
                if (origin->scheme() == u"http" && !origin->isLoopback()
                    && m_options.apiScheme == Linter::ApiScheme::Https) {
                    add(u"http-origin"_s, bySecrets(credentials, Severity::Error, Severity::Warning), -1, a,
                        u"origins"_s, k,
                        u"The HTTPS API trusts %1 through %2, an http:// page that anyone on the user's network can rewrite to read the API's answers%3."_s
                            .arg(shown, applicationRef(a),
                                 credentials ? u" with the user's cookies"_s : QString()),
                        u"Register the application's https:// origin instead."_s, shown);
                }
                const RuleIndex::Match match = m_index.match(*origin);
                if (!match.isValid())
                    continue;
                if (match.application == a) {
                    add(u"application-origin"_s, Severity::Info, -1, a, u"origins"_s, k,
                        u"%1 is trusted only because %2 registers it as a JavaScript origin (seeds/003): no rule names it, yet it gets the methods, headers and credentials of %3."_s
                            .arg(shown, applicationRef(a), ruleRef(match.rule)),
                        u"Review the application's origins together with the rules; remove the origin when the application no longer needs it."_s,
                        shown);
                } else if (match.application < 0) {
                    add(u"application-origin-shadowed"_s, Severity::Info, -1, a, u"origins"_s, k,
                        u"%1 is also matched by %2, which comes before applications, so %3's registration of it changes nothing."_s
                            .arg(shown, ruleRef(match.rule), applicationRef(a)),
                        u"Remove the origin from the application, or from the rule if the application's settings were meant."_s,
                        shown);
                }
            }
        }
    }

    // ---- domain names -------------------------------------------------------------------------

    void addHostFinding(const TrustedHost &host, const QString &id, Severity severity, const QString &message,
                        const QString &fix)
    {
        add(id, severity, host.rule, host.application, host.field, host.item, message, fix);
    }

    void lintDomainNames()
    {
        QHash<QString, QList<int>> byRegistrable; // registrable domain -> entries of m_hosts
        QHash<QString, QStringList> bySkeleton; // skeleton -> distinct registrable domains
        for (int e = 0; e < m_hosts.size(); ++e) {
            const TrustedHost &entry = m_hosts[e];
            if (Origin::isIpAddressHost(entry.host) || scopeOf(entry.host) != HostScope::Public)
                continue;
            if (DomainSkeleton::isHomograph(entry.host)) {
                addHostFinding(
                    entry, u"lookalike-domain"_s, Severity::Warning,
                    u"%1 is an internationalized name that spells Latin-looking letters in Cyrillic or Greek (it reads \"%2\"), the shape of a homograph domain registered to pass a reviewer's eye."_s
                        .arg(entry.host, QUrl::fromAce(entry.host.toLatin1(), QUrl::IgnoreIDNWhitelist)),
                    u"Check who owns the domain; write the domain you meant in plain ASCII."_s);
            }
            if (m_psl.isLoaded() && !m_psl.hasKnownTopLevelDomain(entry.host)
                && !isReservedOrPrivateName(entry.host)) {
                addHostFinding(
                    entry, u"truncated-domain"_s, Severity::Warning,
                    u"%1 ends in \"%2\", which is not a top-level domain (Public Suffix List), so no real site has this host: a typo or a truncated name, and whoever gets that name if it is ever delegated is trusted."_s
                        .arg(entry.host, entry.host.sliced(entry.host.lastIndexOf(u'.') + 1)),
                    u"Write the full host name, including its top-level domain."_s);
                continue;
            }
            const QString registrable = m_psl.registrableDomain(entry.host);
            if (registrable.isEmpty())
                continue;
            QList<int> &entries = byRegistrable[registrable];
            entries.append(e);
            if (entries.size() == 1) {
                QStringList &domains = bySkeleton[DomainSkeleton::of(registrable)];
                domains.append(registrable);
            }
        }
        // A registrable domain that is another one cut short: example.co next to example.com.
        for (auto it = byRegistrable.cbegin(); it != byRegistrable.cend(); ++it) {
            const QString &longer = it.key();
            for (int cut = 1; cut <= 3 && cut < longer.size(); ++cut) {
                const QString shorter = longer.chopped(cut);
                const auto found = byRegistrable.constFind(shorter);
                if (found == byRegistrable.cend())
                    continue;
                for (const int e : *found) {
                    const TrustedHost &entry = m_hosts[e];
                    addHostFinding(
                        entry, u"truncated-domain"_s, Severity::Warning,
                        u"%1 lies under %2, which looks like %3 (also trusted here) cut short, and %2 belongs to whoever registered it, not necessarily to you."_s
                            .arg(entry.host, shorter, longer),
                        u"Write %1 if that was meant; otherwise check who owns %2."_s.arg(longer, shorter));
                }
            }
        }
        // Two trusted registrable domains that read the same: acme.example and acrne.example.
        for (auto it = bySkeleton.cbegin(); it != bySkeleton.cend(); ++it) {
            const QStringList &domains = it.value();
            if (domains.size() < 2)
                continue;
            for (const QString &domain : domains) {
                if (domain == it.key())
                    continue; // the plain spelling is the one the look-alikes imitate
                const QString other = *std::find_if(domains.cbegin(), domains.cend(),
                                                    [&](const QString &d) { return d != domain; });
                for (const int e : byRegistrable.value(domain)) {
                    const TrustedHost &entry = m_hosts[e];
                    addHostFinding(
                        entry, u"lookalike-domain"_s, Severity::Warning,
                        u"%1 lies under %2, which reads like %3 (also trusted here) — the kind of look-alike (0/o, 1/l, rn/m, vv/w) an attacker registers to slip past a reviewer."_s
                            .arg(entry.host, domain, other),
                        u"Check which of %1 and %2 you own, and delete the other."_s.arg(domain, other));
                }
            }
        }
    }

    void sortFindings()
    {
        const auto place = [](const LintFinding &f) {
            if (f.isTenantLevel())
                return std::make_tuple(0, 0);
            if (f.rule >= 0)
                return std::make_tuple(1, f.rule);
            return std::make_tuple(2, f.application);
        };
        std::stable_sort(m_findings.begin(), m_findings.end(),
                         [&](const LintFinding &a, const LintFinding &b) {
                             const auto pa = place(a);
                             const auto pb = place(b);
                             if (pa != pb)
                                 return pa < pb;
                             return int(a.severity) > int(b.severity);
                         });
    }

    const Tenant &m_tenant;
    const RuleIndex &m_index;
    const Linter::Options m_options;
    const PublicSuffixList &m_psl;
    QList<RuleFacts> m_facts;
    QList<TrustedHost> m_hosts;
    QHash<QString, bool> m_knownTld;
    QSet<int> m_shadowed;
    QList<LintFinding> m_findings;
};

} // namespace

Linter::Linter(Options options)
    : m_options(options)
{ }

QList<LintFinding> Linter::lint(const Tenant &tenant) const
{
    const RuleIndex index(tenant);
    return lint(tenant, index);
}

QList<LintFinding> Linter::lint(const Tenant &tenant, const RuleIndex &index) const
{
    return TenantLint(tenant, index, m_options).run();
}

QList<LintFinding> lint(const Tenant &tenant, const Linter::Options &options)
{
    return Linter(options).lint(tenant);
}

const QList<Linter::Check> &Linter::checks()
{
    static const QList<Check> list = {
        // Security
        { u"credentials-with-wildcard"_s, u"error"_s,
          u"* (or a catch-all regex) with credentials: every website reads the API with its visitors' cookies."_s },
        { u"any-origin-reflected"_s, u"warning"_s,
          u"* (or a catch-all regex) echoed back as the allowed origin: every website reads the API."_s },
        { u"any-origin"_s, u"info"_s,
          u"* answered as Access-Control-Allow-Origin: * (APIG): fine for public data only."_s },
        { u"null-origin"_s, u"error with credentials, else warning"_s,
          u"The opaque origin null is trusted; any site sends it from a sandboxed iframe."_s },
        { u"regex-prefix-match"_s, u"error with credentials, else warning"_s,
          u"A regex accepts https://example.com.evil.invalid (proven through the rule index)."_s },
        { u"regex-suffix-match"_s, u"error with credentials, else warning"_s,
          u"A regex accepts https://evilexample.com (proven)."_s },
        { u"regex-substring-match"_s, u"error with credentials, else warning"_s,
          u"A regex accepts the trusted name anywhere in an attacker's origin (proven)."_s },
        { u"regex-unescaped-dot"_s, u"error with credentials, else warning; info when unexploitable"_s,
          u"An unescaped '.' lets https://appxexample.com through (proven)."_s },
        { u"regex-broad-class"_s, u"error with credentials, else warning"_s,
          u"A class or repeat stands for the registrable domain or TLD, so another domain matches (proven)."_s },
        { u"regex-not-analysed"_s, u"info"_s,
          u"A regex uses syntax the linter cannot check (lookaround, backreferences)."_s },
        { u"truncated-domain"_s, u"warning"_s,
          u"A trusted host under an unknown TLD, or under a domain that is another trusted one cut short (example.co)."_s },
        { u"lookalike-domain"_s, u"warning"_s,
          u"A homograph IDN, or two trusted domains that read the same (acme/acrne, example/examp1e)."_s },
        { u"port-bleed"_s, u"warning; info on loopback"_s,
          u"Any port (or an appended digit, :4430) of the host is trusted, so other services there are too."_s },
        { u"http-origin"_s, u"error with credentials, else warning"_s,
          u"An HTTPS API trusts an http:// origin (loopback exempt) that a network attacker can rewrite."_s },
        { u"any-subdomain"_s, u"warning with credentials, else info"_s,
          u"*.example.com (or a regex) trusts every subdomain at any depth."_s },
        { u"wildcard-public-suffix"_s, u"error"_s,
          u"A wildcard or regex spans a public suffix (*.co.uk): anyone registers under it."_s },
        { u"wildcard-user-content"_s, u"error with credentials, else warning"_s,
          u"A wildcard or regex spans a user-content host (*.github.io; PSL private section)."_s },
        { u"loopback-in-production"_s, u"warning"_s,
          u"A production tenant trusts localhost, 127.0.0.0/8 or [::1]."_s },
        { u"private-address-in-production"_s, u"warning"_s,
          u"A production tenant trusts a private address (10/8, 192.168/16, fc00::/7, …) or an intranet name."_s },
        { u"exposed-forbidden-header"_s, u"warning"_s,
          u"Set-Cookie/Set-Cookie2 exposed: browsers never expose them."_s },
        { u"exposed-sensitive-header"_s, u"warning"_s,
          u"A credential or anti-forgery header is exposed to every trusted origin's script."_s },
        { u"expose-any-header"_s, u"info"_s,
          u"exposeHeaders * exposes every response header, present and future."_s },
        { u"forbidden-method"_s, u"warning"_s,
          u"CONNECT, TRACE or TRACK allowed: fetch() cannot send them."_s },
        { u"methods-wildcard"_s, u"warning"_s,
          u"methods * allows every method, DELETE and custom ones included."_s },
        { u"application-origin"_s, u"info"_s,
          u"An origin trusted only through a registered application (webMethods JavaScript origins), made visible."_s },
        { u"application-origin-shadowed"_s, u"info"_s,
          u"An application's origin is matched by a rule first."_s },
        { u"shadowed-rule"_s, u"warning"_s,
          u"Every origin the rule is for is answered by another rule first."_s },
        { u"overlapping-rules"_s, u"info"_s, u"Two rules cover the same origin; which one wins is named."_s },
        // Correctness
        { u"non-canonical-origin"_s, u"error when it stops matching, else warning"_s,
          u"A domain or regex written in a form browsers never send (scheme/port in the domain, :443, trailing /)."_s },
        { u"wildcard-literal-with-credentials"_s, u"error (methods, allowHeaders), warning (exposeHeaders)"_s,
          u"* under credentials is the literal name \"*\" to browsers, and the profile sends it as written."_s },
        { u"authorization-via-wildcard"_s, u"warning"_s,
          u"allowHeaders * relied on for Authorization, which the wildcard does not cover (deprecated in browsers)."_s },
        { u"content-type-not-allowed"_s, u"warning"_s,
          u"POST/PUT/PATCH allowed without Content-Type, so JSON requests fail at preflight."_s },
        { u"safelisted-method-listed"_s, u"info"_s,
          u"GET/HEAD/POST listed under the strict profile, where they need no permission."_s },
        { u"safelisted-header-listed"_s, u"info"_s,
          u"A CORS-safelisted request or response header listed needlessly."_s },
        { u"method-case"_s, u"error for DELETE/GET/HEAD/OPTIONS/POST/PUT, else warning"_s,
          u"A method not in upper case: browsers upper-case only the six standard ones, and compare case-sensitively."_s },
        { u"forbidden-request-header"_s, u"warning"_s,
          u"A forbidden request-header name (Cookie, Host, Sec-*, …) allowed."_s },
        { u"max-age-above-cap"_s, u"info"_s,
          u"Max age above Chromium's 7200 s (or Firefox's 86400 s) cap."_s },
        { u"preflight-cache-disabled"_s, u"info"_s,
          u"No or zero max age: every non-simple request costs a preflight."_s },
        { u"rule-never-matches"_s, u"error"_s,
          u"A rule no browser origin can match (http with port 443 only, a regex without scheme or with a path)."_s },
        { u"invalid-field"_s, u"error"_s,
          u"A field the rule or application cannot be used with; it is skipped."_s },
        // Profiles and tenant settings
        { u"cors-disabled"_s, u"warning"_s, u"API Type is not advanced, so no rule applies at all."_s },
        { u"boomi-rejection-status"_s, u"info"_s, u"Under boomi a refused preflight still answers 200."_s },
        { u"apig-answers-any-origin"_s, u"warning"_s,
          u"Under apig every origin gets Access-Control-Allow-Origin: *, so specific rules restrict nobody (proven)."_s },
        { u"application-implicit-rule"_s, u"warning"_s,
          u"An application without a rule gets whichever rule is first (webMethods applications)."_s },
        { u"backend-decides"_s, u"info"_s,
          u"passthrough-if-no-rule leaves unmatched origins to the backend's own headers."_s },
        { u"public-suffix-list-missing"_s, u"warning"_s,
          u"The system's Public Suffix List could not be loaded."_s },
    };
    return list;
}

} // namespace cors
