#include "portset.h"

using namespace Qt::StringLiterals;

namespace cors {

namespace {
std::optional<int> parsePortNumber(QStringView text)
{
    if (text.isEmpty() || text.size() > 5)
        return std::nullopt;
    for (QChar c : text) {
        if (c.unicode() < '0' || c.unicode() > '9')
            return std::nullopt;
    }
    const int value = text.toInt();
    if (value < 1 || value > 65535)
        return std::nullopt;
    return value;
}
} // namespace

PortSet PortSet::any()
{
    PortSet set;
    set.m_any = true;
    return set;
}

std::optional<PortSet::Range> PortSet::parseItem(QStringView input, QString *errorMessage)
{
    const QStringView item = input.trimmed();
    const qsizetype dash = item.indexOf(u'-');
    if (dash < 0) {
        if (const auto port = parsePortNumber(item))
            return Range { *port, *port };
    } else {
        const auto first = parsePortNumber(item.first(dash).trimmed());
        const auto last = parsePortNumber(item.sliced(dash + 1).trimmed());
        if (first && last) {
            if (*first <= *last)
                return Range { *first, *last };
            if (errorMessage)
                *errorMessage = u"\"%1\" is a range that ends before it starts"_s.arg(item);
            return std::nullopt;
        }
    }
    if (errorMessage)
        *errorMessage =
            u"\"%1\" is not a port or range (1–65535, or first-last such as 3000-3999)"_s.arg(item);
    return std::nullopt;
}

std::optional<PortSet> PortSet::parse(const QStringList &items, int *badIndex, QString *errorMessage)
{
    PortSet set;
    for (int i = 0; i < items.size(); ++i) {
        const QString item = items[i].trimmed();
        if (item == u"*") {
            if (items.size() > 1) {
                if (badIndex)
                    *badIndex = i;
                if (errorMessage)
                    *errorMessage = u"\"*\" (any port) cannot be combined with other ports"_s;
                return std::nullopt;
            }
            return any();
        }
        const auto range = parseItem(item, errorMessage);
        if (!range) {
            if (badIndex)
                *badIndex = i;
            return std::nullopt;
        }
        set.m_ranges.append(*range);
    }
    return set;
}

bool PortSet::contains(int port) const
{
    if (m_any)
        return true;
    for (const Range &range : m_ranges) {
        if (port >= range.first && port <= range.last)
            return true;
    }
    return false;
}

QStringList PortSet::toStringList() const
{
    if (m_any)
        return { u"*"_s };
    QStringList items;
    for (const Range &range : m_ranges) {
        items.append(range.first == range.last ? QString::number(range.first)
                                               : u"%1-%2"_s.arg(range.first).arg(range.last));
    }
    return items;
}

QString PortSet::displayText() const
{
    if (m_any)
        return u"any"_s;
    if (m_ranges.isEmpty())
        return u"default"_s;
    return toStringList().join(u", ");
}

} // namespace cors
