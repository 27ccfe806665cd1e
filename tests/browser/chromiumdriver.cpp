#include "chromiumdriver.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace cors::conformance {

QString ChromiumDriver::executable() const
{
    // The binary itself: the /usr/bin/chromium wrapper adds flags of its own (BROWSERS.md).
    return u"/usr/lib/chromium/chromium"_s;
}

QStringList ChromiumDriver::arguments(const QString &profileDir) const
{
    return { u"--headless"_s, u"--no-sandbox"_s, u"--disable-gpu"_s, u"--disable-quic"_s, u"--no-first-run"_s,
             u"--no-default-browser-check"_s, u"--disable-background-networking"_s,
             u"--disable-component-update"_s, u"--disable-sync"_s, u"--disable-extensions"_s,
             // Nothing listens there; loopback bypasses the proxy, so only the test's own
             // servers are reachable.
             u"--proxy-server=127.0.0.1:9"_s, u"--user-data-dir="_s + profileDir,
             u"--remote-debugging-port=0"_s, u"about:blank"_s };
}

QUrl ChromiumDriver::endpoint(const QByteArray &stderrText) const
{
    static const QRegularExpression pattern(u"DevTools listening on (ws://\\S+)"_s);
    const auto match = pattern.match(QString::fromLocal8Bit(stderrText));
    return match.hasMatch() ? QUrl(match.captured(1)) : QUrl();
}

bool ChromiumDriver::attachAndNavigate(const QUrl &page, QString *error)
{
    const QJsonArray targets =
        call(u"Target.getTargets"_s, {}).value(u"result").toObject().value(u"targetInfos").toArray();
    QString targetId;
    for (const QJsonValue &target : targets) {
        if (target.toObject().value(u"type").toString() == u"page") {
            targetId = target.toObject().value(u"targetId").toString();
            break;
        }
    }
    if (targetId.isEmpty()) {
        *error = u"Chromium has no page target"_s;
        return false;
    }
    const QString session =
        call(u"Target.attachToTarget"_s, { { u"targetId"_s, targetId }, { u"flatten"_s, true } })
            .value(u"result")
            .toObject()
            .value(u"sessionId")
            .toString();
    if (session.isEmpty()) {
        *error = u"cannot attach to Chromium's page"_s;
        return false;
    }
    call(u"Network.enable"_s, {}, session);
    call(u"Log.enable"_s, {}, session);
    const QJsonObject navigated = call(u"Page.navigate"_s, { { u"url"_s, page.toString() } }, session);
    if (!navigated.contains(u"result")) {
        *error = u"Chromium did not navigate to %1"_s.arg(page.toString());
        return false;
    }
    return true;
}

void ChromiumDriver::handleEvent(const QJsonObject &message)
{
    const QString method = message.value(u"method").toString();
    const QJsonObject params = message.value(u"params").toObject();
    if (method == u"Network.requestWillBeSent") {
        const QJsonObject request = params.value(u"request").toObject();
        m_requests.insert(
            params.value(u"requestId").toString(),
            { request.value(u"url").toString(), qint64(params.value(u"wallTime").toDouble() * 1000) });
    } else if (method == u"Network.loadingFailed") {
        const Sent sent = m_requests.value(params.value(u"requestId").toString());
        const QJsonObject cors = params.value(u"corsErrorStatus").toObject();
        const QString code =
            cors.isEmpty() ? params.value(u"errorText").toString() : cors.value(u"corsError").toString();
        m_failures.append({ sent.time, sent.url, code, !cors.isEmpty() });
    } else if (method == u"Log.entryAdded") {
        const QJsonObject entry = params.value(u"entry").toObject();
        m_console.append({ qint64(entry.value(u"timestamp").toDouble()), entry.value(u"source").toString(),
                           entry.value(u"level").toString(), entry.value(u"text").toString(),
                           entry.value(u"url").toString() });
    }
}

void ChromiumDriver::requestClose()
{
    send(u"Browser.close"_s, {});
}

} // namespace cors::conformance
