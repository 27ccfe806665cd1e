#pragma once

#include "exportresult.h"

#include "model/tenant.h"

namespace cors {

class ExpressExporter
{
public:
    static ExportResult exportTenant(const Tenant &tenant);
};

} // namespace cors
