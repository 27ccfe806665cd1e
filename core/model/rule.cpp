#include "rule.h"

#include "httpheaders.h"

using namespace Qt::StringLiterals;

namespace cors {

QStringList protocolNames(Protocols protocols)
{
    QStringList names;
    if (protocols.testFlag(Protocol::Http))
        names.append(u"http"_s);
    if (protocols.testFlag(Protocol::Https))
        names.append(u"https"_s);
    return names;
}

std::optional<Protocol> protocolFromName(QStringView name)
{
    if (name.compare(u"http", Qt::CaseInsensitive) == 0)
        return Protocol::Http;
    if (name.compare(u"https", Qt::CaseInsensitive) == 0)
        return Protocol::Https;
    return std::nullopt;
}

QList<FieldProblem> Rule::validate() const
{
    QList<FieldProblem> problems;
    QString error;
    const auto parsed = OriginPattern::parse(domain, &error);
    if (!parsed) {
        problems.append({ u"domain"_s, -1, error });
    } else if (!parsed->impliedScheme().isEmpty() || parsed->impliedPort() >= 0) {
        Rule copy = *this;
        if (const auto problem = copy.normalize())
            problems.append(*problem);
    }
    const bool needsProtocols = !parsed || (parsed->kind() != OriginPattern::Kind::Null);
    if (needsProtocols && protocols == Protocols())
        problems.append({ u"protocols"_s, -1, u"no protocol is allowed; choose HTTP, HTTPS or both"_s });

    const auto checkTokens = [&](const QStringList &items, const QString &field, const QString &what) {
        for (int i = 0; i < items.size(); ++i) {
            const QString item = items[i].trimmed();
            if (item.isEmpty()) {
                problems.append({ field, i, u"the %1 is empty"_s.arg(what) });
            } else if (!HttpHeaders::isToken(item.toLatin1()) || item.toLatin1() != item.toUtf8()) {
                problems.append(
                    { field, i,
                      u"\"%1\" is not a valid %2 (letters, digits and !#$%&'*+-.^_`|~ only)"_s.arg(item,
                                                                                                   what) });
            }
        }
    };
    checkTokens(methods, u"methods"_s, u"method"_s);
    checkTokens(allowHeaders, u"allowHeaders"_s, u"header name"_s);
    checkTokens(exposeHeaders, u"exposeHeaders"_s, u"header name"_s);
    if (maxAge < 0)
        problems.append({ u"maxAge"_s, -1, u"the max age cannot be negative (%1 s)"_s.arg(maxAge) });
    return problems;
}

std::optional<FieldProblem> Rule::normalize()
{
    QString error;
    const auto parsed = OriginPattern::parse(domain, &error);
    if (!parsed)
        return FieldProblem { u"domain"_s, -1, error };
    if (const QString scheme = parsed->impliedScheme(); !scheme.isEmpty()) {
        const Protocol protocol = *protocolFromName(scheme);
        if (!protocols.testFlag(protocol)) {
            return FieldProblem { u"protocols"_s, -1,
                                  u"the domain \"%1\" says %2:// but the rule does not allow %3"_s.arg(
                                      domain, scheme, scheme.toUpper()) };
        }
        protocols = protocol;
    }
    if (const int port = parsed->impliedPort(); port >= 0) {
        const QString scheme = parsed->impliedScheme();
        const bool isDefaultPort = !scheme.isEmpty() && port == Origin::defaultPort(scheme);
        if (!ports.isDefault() && !ports.contains(port)) {
            return FieldProblem {
                u"ports"_s, -1,
                u"the domain \"%1\" names port %2, which the rule's ports (%3) do not include"_s.arg(domain)
                    .arg(port)
                    .arg(ports.displayText())
            };
        }
        if (!isDefaultPort)
            ports = *PortSet::parse({ QString::number(port) });
    }
    domain = parsed->toString();
    return std::nullopt;
}

OriginPattern Rule::pattern() const
{
    return OriginPattern::parse(domain).value_or(OriginPattern());
}

} // namespace cors
