#pragma once

#include <QByteArray>
#include <QSettings>
#include <QStringList>

namespace cors {

// The one typed facade over QSettings (qBittorrent's pattern): widgets ask it, never QSettings.
class Settings
{
public:
    Settings();

    QStringList recentWorkspaces() const;
    void addRecentWorkspace(const QString &fileName);
    void removeRecentWorkspace(const QString &fileName);
    static constexpr int kMaxRecentWorkspaces = 8;

    QByteArray mainWindowGeometry() const;
    void setMainWindowGeometry(const QByteArray &geometry);
    QByteArray mainWindowState() const;
    void setMainWindowState(const QByteArray &state);
    QByteArray splitterState(const QString &name) const;
    void setSplitterState(const QString &name, const QByteArray &state);

    QString lastTenant() const;
    void setLastTenant(const QString &name);
    QString simulatorBrowser() const; // "chromium" or "firefox"
    void setSimulatorBrowser(const QString &browser);
    QString lastDirectory() const;
    void setLastDirectory(const QString &directory);

private:
    mutable QSettings m_settings;
};

} // namespace cors
