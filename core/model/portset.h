#pragma once

#include <QList>
#include <QStringList>

#include <optional>

namespace cors {

// The `ports` field of a CORS rule: single ports and ranges ("8080", "3000-3999"), or "*" for
// any port. Empty means "the default port of each allowed protocol" (80 for http, 443 for https).
class PortSet
{
public:
    struct Range
    {
        int first = 0;
        int last = 0;
        friend bool operator==(const Range &, const Range &) = default;
    };

    PortSet() = default;
    static PortSet any();
    // Parses every item; on failure reports the index of the first bad item and why.
    static std::optional<PortSet> parse(const QStringList &items, int *badIndex = nullptr,
                                        QString *errorMessage = nullptr);
    static std::optional<Range> parseItem(QStringView item, QString *errorMessage = nullptr);

    bool isAny() const { return m_any; }
    // No ports listed: each allowed protocol's default port.
    bool isDefault() const { return !m_any && m_ranges.isEmpty(); }
    const QList<Range> &ranges() const { return m_ranges; }
    bool contains(int port) const;
    QStringList toStringList() const;
    // "default", "any", or "80, 3000-3999" for people.
    QString displayText() const;

    friend bool operator==(const PortSet &, const PortSet &) = default;

private:
    bool m_any = false;
    QList<Range> m_ranges;
};

} // namespace cors
