#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace cors {

// The server configurations CORS Studio generates from a tenant's rules (DESIGN.md, "Bundles
// and other formats"). The JSON bundle itself is written by BundleWriter, not by an exporter.
enum class ExportFormat { Nginx, Apache, Express, Envoy };

QString exportFormatName(ExportFormat format);
std::optional<ExportFormat> exportFormatFromName(QStringView name);
// Every format name, for help texts and menus.
QStringList exportFormatNames();

} // namespace cors
