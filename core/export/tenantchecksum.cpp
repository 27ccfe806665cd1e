#include "tenantchecksum.h"

#include "bundle/bundlewriter.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace cors {

QByteArray TenantChecksum::canonicalJson(const Tenant &tenant)
{
    Bundle bundle;
    bundle.tenants.append(tenant);
    return BundleWriter::write(bundle);
}

QString TenantChecksum::of(const Tenant &tenant)
{
    const QByteArray digest = QCryptographicHash::hash(canonicalJson(tenant), QCryptographicHash::Sha256);
    return u"sha256:"_s + QString::fromLatin1(digest.toHex());
}

} // namespace cors
