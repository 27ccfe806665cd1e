#include "apacheexporter.h"

namespace cors {

ExportResult ApacheExporter::exportTenant(const Tenant &, const ExportOptions &)
{
    return {};
}

} // namespace cors
