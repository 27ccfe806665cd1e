#pragma once

#include "exportoptions.h"
#include "exportresult.h"

#include "model/tenant.h"

namespace cors {

class ApacheExporter
{
public:
    static ExportResult exportTenant(const Tenant &tenant, const ExportOptions &options);
};

} // namespace cors
