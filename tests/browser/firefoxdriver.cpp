#include "firefoxdriver.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace cors::conformance {

QString FirefoxDriver::executable() const
{
    return u"/usr/lib/firefox-esr/firefox-esr"_s;
}

QStringList FirefoxDriver::arguments(const QString &profileDir) const
{
    return { u"--headless"_s, u"--no-remote"_s, u"--profile"_s, profileDir, u"--remote-debugging-port=0"_s,
             u"about:blank"_s };
}

QProcessEnvironment FirefoxDriver::environment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Without it Firefox ignores the remote-settings server override in user.js (BROWSERS.md).
    environment.insert(u"MOZ_REMOTE_SETTINGS_DEVTOOLS"_s, u"1"_s);
    return environment;
}

bool FirefoxDriver::prepareProfile(const QString &profileDir, QString *error)
{
    static const char *const kPreferences[][2] = {
        // No first-run pages, telemetry, studies or update checks.
        { "browser.shell.checkDefaultBrowser", "false" },
        { "browser.startup.homepage_override.mstone", "\"ignore\"" },
        { "browser.aboutwelcome.enabled", "false" },
        { "datareporting.policy.dataSubmissionEnabled", "false" },
        { "datareporting.healthreport.uploadEnabled", "false" },
        { "toolkit.telemetry.enabled", "false" },
        { "toolkit.telemetry.unified", "false" },
        { "app.normandy.enabled", "false" },
        { "app.shield.optoutstudies.enabled", "false" },
        { "messaging-system.rsexperimentloader.enabled", "false" },
        { "nimbus.enabled", "false" },
        { "services.settings.server", "\"http://127.0.0.1:9/v1\"" },
        { "browser.safebrowsing.malware.enabled", "false" },
        { "browser.safebrowsing.phishing.enabled", "false" },
        { "browser.safebrowsing.downloads.enabled", "false" },
        { "browser.safebrowsing.blockedURIs.enabled", "false" },
        { "app.update.enabled", "false" },
        { "app.update.auto", "false" },
        { "extensions.update.enabled", "false" },
        { "browser.search.update", "false" },
        { "network.captive-portal-service.enabled", "false" },
        { "network.connectivity-service.enabled", "false" },
        { "network.prefetch-next", "false" },
        { "network.dns.disablePrefetch", "true" },
        { "network.predictor.enabled", "false" },
        // Every proxy is a dead loopback port; loopback itself is never proxied.
        { "network.proxy.type", "1" },
        { "network.proxy.http", "\"127.0.0.1\"" },
        { "network.proxy.http_port", "9" },
        { "network.proxy.ssl", "\"127.0.0.1\"" },
        { "network.proxy.ssl_port", "9" },
        { "network.proxy.allow_hijacking_localhost", "false" },
        // Firefox drops a cached preflight when the host's DNS record is newer than the entry
        // (CORSCacheEntry::CheckDNSCache); records that never expire during a run keep the
        // preflight cache deterministic.
        { "network.dnsCacheExpiration", "3600" },
        { "network.dns.get-ttl", "false" },
        { "network.dnsCacheExpirationGracePeriod", "3600" },
    };
    QFile file(profileDir + u"/user.js"_s);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = u"cannot write %1: %2"_s.arg(file.fileName(), file.errorString());
        return false;
    }
    for (const auto &preference : kPreferences)
        file.write(QByteArray("user_pref(\"") + preference[0] + "\", " + preference[1] + ");\n");
    return true;
}

QUrl FirefoxDriver::endpoint(const QByteArray &stderrText) const
{
    static const QRegularExpression pattern(u"WebDriver BiDi listening on (ws://\\S+)"_s);
    const auto match = pattern.match(QString::fromLocal8Bit(stderrText));
    return match.hasMatch() ? QUrl(match.captured(1) + u"/session"_s) : QUrl();
}

bool FirefoxDriver::attachAndNavigate(const QUrl &page, QString *error)
{
    if (!call(u"session.new"_s, { { u"capabilities"_s, QJsonObject() } })
             .value(u"type")
             .toString()
             .startsWith(u"success")) {
        *error = u"Firefox refused a WebDriver BiDi session"_s;
        return false;
    }
    call(u"session.subscribe"_s, { { u"events"_s, QJsonArray { u"log.entryAdded"_s } } });
    const QJsonArray contexts =
        call(u"browsingContext.getTree"_s, {}).value(u"result").toObject().value(u"contexts").toArray();
    if (contexts.isEmpty()) {
        *error = u"Firefox has no browsing context"_s;
        return false;
    }
    const QString context = contexts.first().toObject().value(u"context").toString();
    const QJsonObject navigated =
        call(u"browsingContext.navigate"_s,
             { { u"context"_s, context }, { u"url"_s, page.toString() }, { u"wait"_s, u"none"_s } });
    if (navigated.value(u"type").toString() != u"success") {
        *error = u"Firefox did not navigate to %1"_s.arg(page.toString());
        return false;
    }
    return true;
}

void FirefoxDriver::handleEvent(const QJsonObject &message)
{
    if (message.value(u"method").toString() != u"log.entryAdded")
        return;
    const QJsonObject params = message.value(u"params").toObject();
    m_console.append({ qint64(params.value(u"timestamp").toDouble()), params.value(u"type").toString(),
                       params.value(u"level").toString(), params.value(u"text").toString(), QString() });
}

void FirefoxDriver::requestClose()
{
    send(u"browser.close"_s, {});
}

} // namespace cors::conformance
