#pragma once

#include <QString>

struct psl_ctx_st; // libpsl's context (psl_ctx_t)

namespace cors {

// The Public Suffix List (https://publicsuffix.org), read through libpsl from the system's
// compiled copy (Debian's `publicsuffix` package, /usr/share/publicsuffix/public_suffix_list.dafsa).
// The linter asks it whether a wildcard domain spans many registrants (`*.co.uk`, `*.github.io`)
// and what the registrable domain ("eTLD+1") of a trusted host is, so that a regex bypass is
// judged by whether the attacker's origin lies under a domain the administrator never wrote.
//
// The list has two sections: ICANN (top-level and second-level registries: com, co.uk) and
// PRIVATE (companies that hand out subdomains to unrelated customers: github.io, herokuapp.com,
// s3.amazonaws.com). The private section is exactly "user content hosting" for CORS purposes.
//
// libpsl's implicit "*" rule (an unknown TLD is a public suffix) is never applied here: an unknown
// top-level domain is reported by the linter as such, not mistaken for a registry.
class PublicSuffixList
{
public:
    enum class Section { None, Icann, Private };

    // The list the system ships, loaded once (thread-safe); libpsl's psl_latest() picks the newer
    // of that file and the copy built into libpsl.
    static const PublicSuffixList &system();

    PublicSuffixList(const PublicSuffixList &) = delete;
    PublicSuffixList &operator=(const PublicSuffixList &) = delete;
    ~PublicSuffixList();

    bool isLoaded() const { return m_context != nullptr; }
    // The file the list was loaded from, for messages.
    const QString &source() const { return m_source; }

    // Whether `domain` (canonical, lower-case ASCII) is itself a public suffix, and in which section.
    Section suffixSection(const QString &domain) const;
    // Whether the names directly under `domain` belong to different registrants — `domain` is a
    // public suffix, or a wildcard entry makes each of its children one ("*.compute.amazonaws.com")
    // — and in which section the entry is.
    Section childrenSection(const QString &domain) const;
    // The registrable domain (public suffix plus one label) of a host, or an empty string for IP
    // addresses and public suffixes themselves. Under an unknown top-level domain (the reserved
    // `.example`, `.test`, an intranet name) the last label counts as the suffix, as browsers do.
    QString registrableDomain(const QString &host) const;
    // Whether the host's last label is a top-level domain the list knows.
    bool hasKnownTopLevelDomain(const QString &host) const;

private:
    PublicSuffixList();

    ::psl_ctx_st *m_context = nullptr;
    QString m_source;
};

} // namespace cors
