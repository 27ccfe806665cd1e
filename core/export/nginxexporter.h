#pragma once

#include "exportoptions.h"
#include "exportresult.h"
#include "model/tenant.h"

namespace cors {

// nginx: one file for the http {} block (Debian: /etc/nginx/conf.d/) with a chain of `map`s on
// $http_origin and the Access-Control-Request-* headers, and a server {} whose location answers
// preflights in nginx itself (`if` + `return 204` / `return 403`), adds the CORS headers of
// actual requests with `add_header … always` (also to the backend's 4xx/5xx answers), removes
// the backend's own CORS headers (gateway-wins) and proxies to the backend.
//
// Only stock modules are used (map, headers, rewrite, proxy), so Debian's `nginx` package runs it.
class NginxExporter
{
public:
    static ExportResult exportTenant(const Tenant &tenant, const ExportOptions &options);
    // How many Access-Control-Request-Headers names the configuration re-joins with ", ".
    static constexpr int kMaxRequestHeaders = 24;
    // "quoted string" in nginx's configuration syntax.
    static QString quoted(const QString &text);
    // Whether nginx accepts `method` on a request line at all (it answers 400 otherwise).
    static bool isNginxMethod(QStringView method);
};

} // namespace cors
