#include "publicsuffixlist.h"

#include "model/origin.h"

#include <libpsl.h>

using namespace Qt::StringLiterals;

namespace cors {

namespace {
// A label no registry hands out, to ask whether a wildcard entry makes the children of a domain
// public suffixes ("*.compute.amazonaws.com" makes x.compute.amazonaws.com one).
constexpr char kProbeLabel[] = "cors-lint-probe.";
} // namespace

const PublicSuffixList &PublicSuffixList::system()
{
    static const PublicSuffixList list;
    return list;
}

PublicSuffixList::PublicSuffixList()
{
    // psl_latest() loads the system's DAFSA file (CORS_PSL_FILE, found at configure time) and
    // keeps libpsl's built-in copy if that one is newer — never a hand-made list.
    m_context = psl_latest(CORS_PSL_FILE);
    if (m_context)
        m_source = QString::fromUtf8(CORS_PSL_FILE);
}

PublicSuffixList::~PublicSuffixList()
{
    psl_free(m_context);
}

PublicSuffixList::Section PublicSuffixList::suffixSection(const QString &domain) const
{
    if (!m_context || domain.isEmpty())
        return Section::None;
    const QByteArray utf8 = domain.toUtf8();
    // PSL_TYPE_NO_STAR_RULE: an unknown TLD is not a suffix here (libpsl would say it is).
    if (!psl_is_public_suffix2(m_context, utf8.constData(), PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE))
        return Section::None;
    return psl_is_public_suffix2(m_context, utf8.constData(), PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE)
        ? Section::Icann
        : Section::Private;
}

PublicSuffixList::Section PublicSuffixList::childrenSection(const QString &domain) const
{
    if (const Section section = suffixSection(domain); section != Section::None)
        return section;
    return suffixSection(QString::fromLatin1(kProbeLabel) + domain);
}

QString PublicSuffixList::registrableDomain(const QString &host) const
{
    if (!m_context || host.isEmpty() || Origin::isIpAddressHost(host))
        return {};
    const QByteArray utf8 = host.toUtf8();
    const char *registrable = psl_registrable_domain(m_context, utf8.constData());
    return registrable ? QString::fromUtf8(registrable) : QString();
}

bool PublicSuffixList::hasKnownTopLevelDomain(const QString &host) const
{
    if (Origin::isIpAddressHost(host))
        return true;
    const qsizetype dot = host.lastIndexOf(u'.');
    const QString tld = dot < 0 ? host : host.sliced(dot + 1);
    return suffixSection(tld) != Section::None;
}

} // namespace cors
