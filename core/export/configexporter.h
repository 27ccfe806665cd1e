#pragma once

#include "exportformat.h"
#include "exportoptions.h"
#include "exportresult.h"
#include "model/tenant.h"

namespace cors {

// The one entry point the designer's File > Export and `corsctl export` call: generates the
// server configuration of `format` for one tenant (DESIGN.md, "Bundles and other formats").
//
// Every configuration answers like CorsEngine::evaluate() under the strict profile — status,
// CORS headers and their order, Vary, rejections — except where ExportResult::issues says how it
// differs or which rule it left out. The real-server tests in tests/export hold each target to
// that promise.
class ConfigExporter
{
public:
    static ExportResult exportTenant(const Tenant &tenant, ExportFormat format,
                                     const ExportOptions &options = ExportOptions());
    // The comment block every configuration starts with, one line per item, without comment
    // markers: generator, tenant, profile, checksum, then every issue.
    static QStringList headerLines(const ExportResult &result, const Tenant &tenant, const QString &usage);
    // Issues that hold for every target, because they all receive the raw Origin header.
    static void addOriginDifferences(class ExportPlan &plan);
};

} // namespace cors
