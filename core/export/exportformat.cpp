#include "exportformat.h"

using namespace Qt::StringLiterals;

namespace cors {

QString exportFormatName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Nginx:
        return u"nginx"_s;
    case ExportFormat::Apache:
        return u"apache"_s;
    case ExportFormat::Express:
        return u"express"_s;
    case ExportFormat::Envoy:
        return u"envoy"_s;
    }
    return {};
}

std::optional<ExportFormat> exportFormatFromName(QStringView name)
{
    for (const ExportFormat format :
         { ExportFormat::Nginx, ExportFormat::Apache, ExportFormat::Express, ExportFormat::Envoy }) {
        if (name == exportFormatName(format))
            return format;
    }
    return std::nullopt;
}

QStringList exportFormatNames()
{
    return { u"nginx"_s, u"apache"_s, u"express"_s };
}

} // namespace cors
