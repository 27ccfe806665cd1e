#include "regexprobe.h"

#include "publicsuffixlist.h"
#include "regexsampler.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace cors {

namespace {

using Kind = RegexProbe::Kind;
using Source = RegexSampler::Source;

// Reserved top-level domains (RFC 2606, RFC 6761) stand for real ones in examples and tests:
// "evil.invalid" is the attacker's own domain, "acme.example" an administrator's.
bool hasReservedTopLevelDomain(QStringView host)
{
    for (const QStringView tld : { u".invalid", u".example", u".test" }) {
        if (host.endsWith(tld))
            return true;
    }
    return false;
}

// A host as a DNS name has it: no empty labels.
bool isPlausibleHost(QStringView host)
{
    return !host.isEmpty() && !host.startsWith(u'.') && !host.endsWith(u'.') && !host.contains(u"..");
}

struct ValidSample
{
    Origin origin;
    RegexSampler::Sample sample;
    qsizetype hostStart = -1; // where the host begins in sample.text, or -1 when not mapped
    // The host without the characters classes put at its ends ("aacme.examplea" from
    // ".+acme\.example.+" gives "acme.example"): the part the expression spells out, which the
    // prefix, suffix and substring probes extend. Empty when there is no such part.
    QString core;
};

class Prober
{
public:
    Prober(const RuleIndex &index, int ruleIndex, const PublicSuffixList &psl, RegexProbe::Analysis &analysis)
        : m_index(index)
        , m_rule(ruleIndex)
        , m_psl(psl)
        , m_analysis(analysis)
    { }

    std::optional<Origin> accepted(const QString &text) const
    {
        const auto origin = Origin::parse(QStringView(text));
        if (!origin || !isPlausibleHost(origin->host()) || !m_index.accepts(m_rule, *origin))
            return std::nullopt;
        return origin;
    }

    QString registrable(const Origin &origin) const
    {
        if (origin.isIpAddress())
            return origin.host();
        return m_psl.registrableDomain(origin.host());
    }

    // Whether an attacker can own the origin's host while the expression never spelled out its
    // registrable domain.
    bool isBypass(const Origin &origin) const
    {
        const QString domain = registrable(origin);
        if (domain.isEmpty() || m_intended.contains(domain))
            return false;
        return hasReservedTopLevelDomain(origin.host()) || m_psl.hasKnownTopLevelDomain(origin.host());
    }

    bool has(Kind kind) const
    {
        return std::any_of(m_analysis.results.cbegin(), m_analysis.results.cend(),
                           [&](const RegexProbe::Result &r) { return r.kind == kind; });
    }

    void add(Kind kind, const QString &proof, const QString &detail = QString())
    {
        if (has(kind) || (!proof.isEmpty() && m_proofs.contains(proof)))
            return;
        m_proofs.insert(proof);
        m_analysis.results.append({ kind, proof, detail });
    }

    // Tries each candidate host in the sample's scheme and port; reports the first accepted bypass.
    bool tryHosts(Kind kind, const ValidSample &v, const QStringList &hosts, bool requireBypass = true)
    {
        for (const QString &host : hosts) {
            const auto origin = accepted(withHost(v.origin, host));
            if (origin && (!requireBypass || isBypass(*origin))) {
                add(kind, origin->serialize());
                return true;
            }
        }
        return false;
    }

    static QString withHost(const Origin &origin, const QString &host)
    {
        QString text = origin.scheme() + u"://" + host;
        if (!origin.usesDefaultPort())
            text += u':' + QString::number(origin.port());
        return text;
    }

    void run(const QList<ValidSample> &samples)
    {
        for (const ValidSample &v : samples) {
            const QString domain = registrable(v.origin);
            if (!domain.isEmpty() && isLiteral(v, domain))
                m_intended.insert(domain);
        }
        for (const ValidSample &v : samples)
            m_intendedPorts.insert(v.origin.port());
        m_analysis.intendedDomains = QStringList(m_intended.cbegin(), m_intended.cend());
        m_analysis.intendedDomains.sort();

        for (const ValidSample &v : samples)
            probeHttp(v);
        // Appending and prepending extend what the expression spells out.
        for (const ValidSample &v : samples) {
            const QString &host = v.core;
            if (v.origin.isIpAddress() || host.isEmpty())
                continue;
            QStringList longer = { host + u".evil.invalid"_s, host + u"-evil.invalid"_s,
                                   host + u"_.evil.invalid"_s };
            // The top-level domain continued into a longer real one: example.com -> example.community.
            for (const QStringView more : { u"munity", u"pany", u"work", u"anic", u"s" }) {
                const QString candidate = host + more;
                if (m_psl.hasKnownTopLevelDomain(candidate))
                    longer.append(candidate);
            }
            tryHosts(Kind::PrefixMatch, v, longer);
            tryHosts(Kind::SuffixMatch, v, { u"evil"_s + host, u"evil-"_s + host });
        }
        if (!has(Kind::PrefixMatch) && !has(Kind::SuffixMatch)) {
            for (const ValidSample &v : samples) {
                if (!v.origin.isIpAddress() && !v.core.isEmpty())
                    tryHosts(Kind::SubstringMatch, v, { u"evil"_s + v.core + u".evil.invalid"_s });
            }
        }
        for (const ValidSample &v : samples)
            probeDots(v);
        for (const ValidSample &v : samples)
            probeClasses(v);
        for (const ValidSample &v : samples)
            probeSubdomains(v);
        for (const ValidSample &v : samples)
            probePorts(v);
    }

private:
    // Whether the trailing `domain` of the sample's host was written literally (or with an
    // unescaped dot, which the administrator meant as a dot).
    bool isLiteral(const ValidSample &v, const QString &domain) const
    {
        if (v.hostStart < 0)
            return false;
        const qsizetype end = v.hostStart + v.origin.host().size();
        for (qsizetype i = end - domain.size(); i < end; ++i) {
            if (v.sample.sources.value(i, Source::Class) == Source::Class)
                return false;
        }
        return true;
    }

    void probeHttp(const ValidSample &v)
    {
        if (has(Kind::HttpOrigin))
            return;
        if (v.origin.scheme() == u"http") {
            if (!v.origin.isLoopback())
                add(Kind::HttpOrigin, v.origin.serialize());
            return;
        }
        if (v.origin.scheme() != u"https" || v.origin.isLoopback())
            return;
        QString text = u"http://"_s + v.origin.host();
        if (!v.origin.usesDefaultPort())
            text += u':' + QString::number(v.origin.port());
        if (const auto origin = accepted(text))
            add(Kind::HttpOrigin, origin->serialize());
    }

    void probeDots(const ValidSample &v)
    {
        if (v.hostStart < 0 || v.origin.isIpAddress())
            return;
        const QString host = v.origin.host();
        for (qsizetype i = 0; i < host.size(); ++i) {
            if (host[i] != u'.' || v.sample.sources.value(v.hostStart + i) != Source::Dot)
                continue;
            QStringList hosts;
            for (const QChar replacement : { u'x', u'-' }) {
                QString mutated = host;
                mutated[i] = replacement;
                hosts.append(mutated);
            }
            if (!tryHosts(Kind::UnescapedDot, v, hosts) && !has(Kind::UnescapedDot))
                add(Kind::UnescapedDotUnproven, QString(), v.origin.serialize());
        }
    }

    void probeClasses(const ValidSample &v)
    {
        if (v.hostStart < 0 || v.origin.isIpAddress())
            return;
        const QString host = v.origin.host();
        for (qsizetype i = 0; i < host.size();) {
            const qsizetype at = v.hostStart + i;
            if (v.sample.sources.value(at) != Source::Class) {
                ++i;
                continue;
            }
            const int token = v.sample.tokens.value(at);
            qsizetype end = i;
            while (end < host.size() && v.sample.sources.value(v.hostStart + end) == Source::Class
                   && v.sample.tokens.value(v.hostStart + end) == token)
                ++end;
            // A class that opens or closes the host is the weakness a suffix, prefix or substring
            // finding already names.
            const bool opens = i == 0 && (has(Kind::SuffixMatch) || has(Kind::SubstringMatch));
            const bool closes = end == host.size() && (has(Kind::PrefixMatch) || has(Kind::SubstringMatch));
            if (opens || closes) {
                i = end;
                continue;
            }
            for (const QString &fill : { u"evil"_s, u"net"_s, u"evil-net"_s }) {
                const QString mutated = host.first(i) + fill + host.sliced(end);
                const auto origin = accepted(withHost(v.origin, mutated));
                if (!origin || !isBypass(*origin))
                    continue;
                // A class that fills the whole label under a public suffix accepts every name
                // registered under that suffix: "https://[a-z0-9-]+\.github\.io".
                const QString domain = registrable(*origin);
                const qsizetype labelStart = mutated.size() - domain.size();
                const qsizetype labelEnd = domain.indexOf(u'.') + labelStart;
                if (labelEnd > labelStart && i == labelStart && i + fill.size() == labelEnd) {
                    const QString suffix = domain.sliced(domain.indexOf(u'.') + 1);
                    const auto section = m_psl.suffixSection(suffix);
                    add(section == PublicSuffixList::Section::Private ? Kind::UserContentWildcard
                                                                      : Kind::PublicSuffixWildcard,
                        origin->serialize(), suffix);
                } else {
                    add(Kind::BroadClass, origin->serialize());
                }
                break;
            }
            i = end;
        }
    }

    void probeSubdomains(const ValidSample &v)
    {
        if (has(Kind::AnySubdomain) || v.origin.isIpAddress())
            return;
        const QString domain = registrable(v.origin);
        if (domain.isEmpty() || !m_intended.contains(domain))
            return;
        for (const QString &host : QStringList { u"evil."_s + domain, u"evil."_s + v.origin.host() }) {
            if (const auto origin = accepted(withHost(v.origin, host))) {
                add(Kind::AnySubdomain, origin->serialize(), domain);
                return;
            }
        }
    }

    void probePorts(const ValidSample &v)
    {
        if (has(Kind::PortBleed))
            return;
        // A digit appended to the port (443 -> 4430, 3000 -> 30000), then ports commonly used.
        QList<int> ports = { 4430 };
        const int port = v.origin.port();
        if (port * 10 <= 65535)
            ports.append(port * 10);
        ports += { 8443, 8080 };
        for (const int candidate : std::as_const(ports)) {
            if (m_intendedPorts.contains(candidate))
                continue; // a port the expression is written for
            const QString text =
                v.origin.scheme() + u"://" + v.origin.host() + u':' + QString::number(candidate);
            if (const auto origin = accepted(text)) {
                add(Kind::PortBleed, origin->serialize());
                return;
            }
        }
    }

    const RuleIndex &m_index;
    const int m_rule;
    const PublicSuffixList &m_psl;
    RegexProbe::Analysis &m_analysis;
    QSet<QString> m_intended;
    QSet<int> m_intendedPorts;
    QSet<QString> m_proofs;
};

// Why a sample the expression matches is not an origin a browser sends, or an empty string when
// there is no reason the linter can name.
RegexProbe::Result whyNotAnOrigin(const QString &text, const std::optional<Origin> &origin,
                                  const RuleIndex &index, int ruleIndex, const QString &expression)
{
    const qsizetype separator = text.indexOf(u"://");
    if (separator < 0) {
        return {
            Kind::NeverMatches, QString(),
            u"it matches \"%1\", which has no scheme, while every Origin header starts with one (https://…)"_s
                .arg(text)
        };
    }
    const QString afterScheme = text.sliced(separator + 3);
    if (afterScheme.contains(u'/') || afterScheme.contains(u'?') || afterScheme.contains(u'#')) {
        return { Kind::NeverMatches, QString(),
                 u"it matches \"%1\", but an Origin header never carries a path or a trailing '/'"_s.arg(
                     text) };
    }
    if (!origin)
        return {};
    const QString scheme = origin->scheme();
    if (scheme != u"http" && scheme != u"https") {
        return { Kind::NeverMatches, QString(),
                 u"it matches \"%1\", but rules only ever accept http and https origins"_s.arg(text) };
    }
    const QString canonical = origin->serialize();
    QString ignored;
    const QString domain = u"regex:"_s + expression;
    const auto pattern = OriginPattern::parse(domain, &ignored);
    if (pattern && canonical.compare(text, Qt::CaseInsensitive) != 0 && !pattern->matches(*origin)) {
        return { Kind::NonCanonical, QString(),
                 u"it matches \"%1\", but browsers send that origin as \"%2\""_s.arg(text, canonical) };
    }
    if (pattern && pattern->matches(*origin) && !index.accepts(ruleIndex, *origin)) {
        return { Kind::NeverMatches, QString(),
                 u"it matches %1 origins, which the rule's protocols or ports do not allow"_s.arg(scheme) };
    }
    return {};
}

} // namespace

RegexProbe::Analysis RegexProbe::analyse(const RuleIndex &index, int ruleIndex, const QString &expression,
                                         const PublicSuffixList &publicSuffixes)
{
    Analysis analysis;
    Prober prober(index, ruleIndex, publicSuffixes, analysis);

    // An unrelated origin first: a catch-all expression trusts everyone, and nothing narrower
    // needs saying.
    for (const QString &attacker :
         { u"https://evil.invalid"_s, u"http://evil.invalid"_s, u"https://evil.invalid:4430"_s }) {
        if (const auto origin = prober.accepted(attacker)) {
            analysis.results.append({ Kind::AnyOrigin, origin->serialize(), QString() });
            return analysis;
        }
    }

    const auto samples = RegexSampler::sample(expression);
    if (!samples) {
        analysis.results.append({ Kind::NotAnalysed, QString(), QString() });
        return analysis;
    }
    QList<ValidSample> valid;
    std::optional<Result> reason;
    for (const RegexSampler::Sample &sample : *samples) {
        const auto origin = Origin::parse(QStringView(sample.text));
        if (origin && isPlausibleHost(origin->host()) && index.accepts(ruleIndex, *origin)) {
            ValidSample v { *origin, sample, -1, QString() };
            if (origin->serialize().compare(sample.text, Qt::CaseInsensitive) == 0)
                v.hostStart = sample.text.indexOf(u"://") + 3;
            analysis.samples.append(*origin);
            bool literal = v.hostStart >= 0;
            for (qsizetype i = 0; literal && i < origin->host().size(); ++i)
                literal = sample.sources.value(v.hostStart + i) != Source::Class;
            if (literal)
                analysis.literalSamples.append(*origin);
            if (v.hostStart >= 0) {
                const QString &host = origin->host();
                qsizetype first = 0;
                qsizetype last = host.size();
                while (first < last && sample.sources.value(v.hostStart + first) == Source::Class)
                    ++first;
                while (last > first && sample.sources.value(v.hostStart + last - 1) == Source::Class)
                    --last;
                const QString core = host.sliced(first, last - first);
                const auto isEdge = [](QChar c) {
                    return c == u'.' || c == u'-';
                };
                if (!core.isEmpty() && !isEdge(core.front()) && !isEdge(core.back()))
                    v.core = core;
            }
            valid.append(v);
        } else if (!reason) {
            const Result why = whyNotAnOrigin(sample.text, origin, index, ruleIndex, expression);
            if (!why.detail.isEmpty())
                reason = why;
        }
    }
    if (valid.isEmpty()) {
        if (reason)
            analysis.results.append(*reason);
        return analysis;
    }
    prober.run(valid);
    return analysis;
}

} // namespace cors
