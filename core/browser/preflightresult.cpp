#include "preflightresult.h"

#include "model/tokenlist.h"

using namespace Qt::StringLiterals;

namespace cors {

namespace {

const QByteArray kAllowMethods = QByteArrayLiteral("Access-Control-Allow-Methods");
const QByteArray kAllowHeaders = QByteArrayLiteral("Access-Control-Allow-Headers");
const QByteArray kMaxAge = QByteArrayLiteral("Access-Control-Max-Age");

bool parseList(const HttpHeaders &response, const QByteArray &name, CorsFailure::Kind kind,
               QByteArrayList *items, CorsFailure *failure)
{
    // Fetch §2.2 "extracting header list values": the combined value split on commas, each item a
    // token ("#method" / "#field-name"); empty items are skipped by both browsers.
    const TokenList list = TokenList::parse(response.values(name));
    const QByteArrayList invalid = list.invalidItems();
    if (!invalid.isEmpty()) {
        *failure = CorsFailure { kind, true, invalid.first(), 0 };
        return false;
    }
    *items = list.items();
    return true;
}

} // namespace

bool PreflightResult::parseAllowMethods(const HttpHeaders &response, PreflightResult *result,
                                        CorsFailure *failure)
{
    return parseList(response, kAllowMethods, CorsFailure::Kind::InvalidAllowMethods, &result->methods,
                     failure);
}

bool PreflightResult::parseAllowHeaders(const HttpHeaders &response, PreflightResult *result,
                                        CorsFailure *failure)
{
    return parseList(response, kAllowHeaders, CorsFailure::Kind::InvalidAllowHeaders, &result->headerNames,
                     failure);
}

std::optional<std::chrono::milliseconds>
PreflightResult::parseMaxAge(const HttpHeaders &response, const BrowserProfile &browser, QString *explanation)
{
    using std::chrono::seconds;
    // "If max-age is failure or null, then set max-age to 5" (Fetch §4.8 step 7.7); both browsers
    // agree on the 5 seconds when the header is absent.
    constexpr seconds kDefault(5);
    const seconds cap = browser.maxAgeCap;
    if (!response.contains(kMaxAge)) {
        *explanation = u"no Access-Control-Max-Age: cached for the default 5 seconds"_s;
        return kDefault;
    }
    const QByteArray value = response.combinedValue(kMaxAge).trimmed();
    const QString shown = u"Access-Control-Max-Age: %1"_s.arg(QString::fromLatin1(value));

    if (browser.maxAgeDigitsOnly) {
        // nsCORSPreflightListener::AddResultToCache: empty means the default, digits are capped at
        // 24 hours, anything else means the result is not cached.
        if (value.isEmpty()) {
            *explanation = shown + u" is empty: cached for the default 5 seconds"_s;
            return kDefault;
        }
        qint64 age = 0;
        for (const char c : value) {
            if (c < '0' || c > '9') {
                *explanation = shown
                    + u" is not all digits: Firefox does not cache the result (the Fetch standard would use 5 seconds)"_s;
                return std::nullopt;
            }
            age = std::min<qint64>(age * 10 + (c - '0'), cap.count());
        }
        if (age == 0) {
            *explanation = shown + u": not cached"_s;
            return std::nullopt;
        }
        *explanation = age == cap.count()
            ? shown + u": cached for Firefox's maximum of %1 seconds"_s.arg(cap.count())
            : shown + u": cached for %1 seconds"_s.arg(age);
        return seconds(age);
    }

    // preflight_result.cc, ParseAccessControlMaxAge: base::StringToInt64, else the default.
    bool ok = false;
    const qint64 parsed = value.toLongLong(&ok, 10);
    const bool plain = ok && !value.isEmpty()
        && (value[0] == '-' || value[0] == '+' || (value[0] >= '0' && value[0] <= '9'));
    if (!plain) {
        *explanation = shown + u" is not an integer: Chromium uses the default of 5 seconds"_s;
        return kDefault;
    }
    if (parsed <= 0) {
        *explanation = shown + u": not cached"_s;
        return std::chrono::milliseconds(0);
    }
    if (parsed >= cap.count()) {
        *explanation = shown + u": cached for Chromium's maximum of %1 seconds"_s.arg(cap.count());
        return cap;
    }
    *explanation = shown + u": cached for %1 seconds"_s.arg(parsed);
    return seconds(parsed);
}

bool PreflightResult::allowsMethodWildcard(bool includeCredentials) const
{
    // "*" is a wildcard only for requests without credentials (Fetch §4.8 step 7.5).
    return !includeCredentials && methods.contains("*");
}

bool PreflightResult::allowsHeaderWildcard(bool includeCredentials) const
{
    return !includeCredentials && headerNames.contains("*");
}

bool PreflightResult::listsMethod(QByteArrayView method) const
{
    return methods.contains(method);
}

bool PreflightResult::listsHeader(QByteArrayView name) const
{
    for (const QByteArray &listed : headerNames) {
        if (HttpHeaders::nameEquals(listed, name))
            return true;
    }
    return false;
}

} // namespace cors
