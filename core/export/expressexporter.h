#pragma once

#include "exportresult.h"
#include "model/tenant.h"

namespace cors {

// Express: a CommonJS module for the `cors` npm package (2.8). It exports
//
//   options  an options delegate, cors(options): for each request it computes the options the
//            engine's strict answer needs — `origin` is the one canonical origin a rule accepts
//            (never `true`, never a reflection of anything else), `methods` the requested method,
//            `allowedHeaders` the requested names, `credentials`, `maxAge`, `exposedHeaders` —
//            or `origin: false`, which makes cors add nothing;
//   finish   a middleware to mount right after cors(options): it answers preflights itself (204,
//            or 403 for a rejected one, which the cors package cannot do) and puts Vary where
//            the engine puts it.
//
//   const cors = require('cors');
//   const corsStudio = require('./cors-studio.js');
//   app.use(cors(corsStudio.options), corsStudio.finish);
//
// Matching runs in the module: the rules' origin expressions (RegExp, in precedence order) are
// tested against the Origin header, which must be a canonical serialized origin.
class ExpressExporter
{
public:
    static ExportResult exportTenant(const Tenant &tenant);
    // Request methods Node's HTTP parser accepts (http.METHODS of Node 18-22); it answers 400 to
    // any other method before Express sees the request.
    static bool isNodeMethod(QStringView method);
};

} // namespace cors
