#pragma once

#include "exportoptions.h"
#include "exportresult.h"
#include "model/tenant.h"

namespace cors {

// Apache httpd 2.4: a <VirtualHost> in which mod_rewrite works out, in request-environment
// variables, what the engine decides (the canonical origin, the rule in precedence order, the
// kind of request, the allowed method and headers), answers preflights itself ([R=204] / [F]),
// and mod_headers writes the CORS headers with `Header always set … expr=…`, so that they are
// also on error answers; mod_proxy forwards actual requests to the backend and `Header unset`
// removes the backend's own CORS headers (gateway-wins).
//
// Needs mod_rewrite, mod_headers, mod_proxy and mod_proxy_http (Debian: a2enmod rewrite headers
// proxy proxy_http).
class ApacheExporter
{
public:
    static ExportResult exportTenant(const Tenant &tenant, const ExportOptions &options);
    // How many repeated Access-Control-Request-Headers names the configuration drops.
    static constexpr int kMaxRepeatedHeaders = 8;
};

} // namespace cors
