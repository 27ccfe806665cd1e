#pragma once

#include "model/tenant.h"

#include <QString>

namespace cors {

// The checksum every generated configuration carries in its header comment, so that a server's
// configuration can be traced back to the exact rules it came from:
//
//   sha256:<64 lower-case hex digits> of the canonical bundle JSON of that one tenant, that is
//   the bytes BundleWriter::write() produces for a bundle holding only this tenant
//   ({"format": "cors-studio-bundle", "version": 1, "tenants": [<tenant>]}: every field written,
//   keys in CORS Studio's fixed order, two-space indentation, UTF-8, ending in a newline).
//
// The digest does not depend on which bundle or workspace the tenant came from, nor on the other
// tenants beside it: the same rules always give the same checksum.
class TenantChecksum
{
public:
    static QString of(const Tenant &tenant);
    static QByteArray canonicalJson(const Tenant &tenant);
};

} // namespace cors
