#include "settings.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace cors {

Settings::Settings() = default;

QStringList Settings::recentWorkspaces() const
{
    return m_settings.value(u"workspaces/recent"_s).toStringList();
}

void Settings::addRecentWorkspace(const QString &fileName)
{
    const QString path = QFileInfo(fileName).absoluteFilePath();
    QStringList recent = recentWorkspaces();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecentWorkspaces)
        recent.removeLast();
    m_settings.setValue(u"workspaces/recent"_s, recent);
}

void Settings::removeRecentWorkspace(const QString &fileName)
{
    QStringList recent = recentWorkspaces();
    recent.removeAll(fileName);
    m_settings.setValue(u"workspaces/recent"_s, recent);
}

QByteArray Settings::mainWindowGeometry() const
{
    return m_settings.value(u"mainWindow/geometry"_s).toByteArray();
}

void Settings::setMainWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(u"mainWindow/geometry"_s, geometry);
}

QByteArray Settings::mainWindowState() const
{
    return m_settings.value(u"mainWindow/state"_s).toByteArray();
}

void Settings::setMainWindowState(const QByteArray &state)
{
    m_settings.setValue(u"mainWindow/state"_s, state);
}

QByteArray Settings::splitterState(const QString &name) const
{
    return m_settings.value(u"splitters/"_s + name).toByteArray();
}

void Settings::setSplitterState(const QString &name, const QByteArray &state)
{
    m_settings.setValue(u"splitters/"_s + name, state);
}

QString Settings::lastTenant() const
{
    return m_settings.value(u"session/lastTenant"_s).toString();
}

void Settings::setLastTenant(const QString &name)
{
    m_settings.setValue(u"session/lastTenant"_s, name);
}

QString Settings::simulatorBrowser() const
{
    const QString browser = m_settings.value(u"simulator/browser"_s, u"chromium"_s).toString();
    return browser == u"firefox" ? browser : u"chromium"_s;
}

void Settings::setSimulatorBrowser(const QString &browser)
{
    m_settings.setValue(u"simulator/browser"_s, browser);
}

QString Settings::lastDirectory() const
{
    return m_settings.value(u"session/lastDirectory"_s, QDir::homePath()).toString();
}

void Settings::setLastDirectory(const QString &directory)
{
    m_settings.setValue(u"session/lastDirectory"_s, directory);
}

} // namespace cors
