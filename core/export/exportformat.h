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
// The formats CORS Studio offers, for help texts and menus. Envoy is recognised by name (so that
// asking for it explains why it is not offered) but not listed.
QStringList exportFormatNames();

} // namespace cors
