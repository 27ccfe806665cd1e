#include "browserprofile.h"

using namespace Qt::StringLiterals;

namespace cors {

BrowserProfile BrowserProfile::chromium()
{
    return BrowserProfile();
}

BrowserProfile BrowserProfile::firefox()
{
    BrowserProfile profile;
    profile.browser = Browser::Firefox;
    profile.joinsRepeatedHeaders = false;
    profile.forbidsUserAgent = false;
    profile.safelistsClientHints = false;
    profile.limitsSafelistedTotal = false;
    profile.sortsRequestHeaders = false;
    profile.taintsPreflightOrigin = false;
    profile.preflightsEveryRedirectHop = true;
    profile.checksRedirectedPreflightOrigin = true;
    profile.maxAgeCap = std::chrono::seconds(86400);
    profile.mergesCacheEntries = true;
    profile.separatesCacheByCredentials = true;
    profile.dropsEntryThatFailsToCover = false;
    profile.forgetsUrlAfterFailedCheck = true;
    profile.cacheHonoursWildcards = false;
    profile.cacheExemptsHead = false;
    profile.maxAgeDigitsOnly = true;
    return profile;
}

std::optional<BrowserProfile> BrowserProfile::fromName(QStringView name)
{
    if (name == u"chromium")
        return chromium();
    if (name == u"firefox")
        return firefox();
    return std::nullopt;
}

QStringList BrowserProfile::names()
{
    return { u"chromium"_s, u"firefox"_s };
}

QString BrowserProfile::name() const
{
    return isChromium() ? u"chromium"_s : u"firefox"_s;
}

QString BrowserProfile::displayName() const
{
    return isChromium() ? u"Chromium"_s : u"Firefox"_s;
}

} // namespace cors
