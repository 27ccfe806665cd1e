#pragma once

#include <QString>

namespace cors {

// Where the generated configuration listens and what it fronts. The exporters write these into
// the configuration verbatim; the defaults are placeholders an administrator edits.
struct ExportOptions
{
    // nginx `listen` / Apache `Listen` + <VirtualHost>: address:port or port.
    QString listen = QStringLiteral("8080");
    // nginx `server_name` / Apache `ServerName`.
    QString serverName = QStringLiteral("api.example.com");
    // The backend the server proxies actual requests to (nginx proxy_pass, Apache ProxyPass).
    QString backend = QStringLiteral("http://127.0.0.1:8081");

    friend bool operator==(const ExportOptions &, const ExportOptions &) = default;
};

} // namespace cors
