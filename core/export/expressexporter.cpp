#include "expressexporter.h"

namespace cors {

ExportResult ExpressExporter::exportTenant(const Tenant &)
{
    return {};
}

} // namespace cors
