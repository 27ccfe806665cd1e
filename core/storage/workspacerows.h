#pragma once

#include "model/portset.h"
#include "model/rule.h"
#include "model/tenant.h"
#include "testcase.h"

#include <QJsonValue>
#include <QStringList>

#include <optional>

namespace cors {

// The column form of the values a workspace stores: lists as compact JSON arrays of strings,
// JSON values as compact text. Decoding is on the path of loading a workspace (five lists per
// rule, tens of thousands of rules), so the arrays this class writes are read by a scanner of
// their own form, and only anything else by QJsonDocument.
class WorkspaceRows
{
public:
    static QString encodeList(const QStringList &items);
    // nullopt when the text is not a JSON array of strings (a damaged or hand-edited row).
    static std::optional<QStringList> decodeList(QStringView text);

    static QString encodeProtocols(Protocols protocols);
    static std::optional<Protocols> decodeProtocols(QStringView text);

    static QString encodePorts(const PortSet &ports);
    static std::optional<PortSet> decodePorts(QStringView text);

    static QString encodeJson(const QJsonValue &value);

    // Compact JSON text with the content of BundleWriter::toJson(rule) (keys in another order),
    // written directly: a history entry for an imported tenant holds thousands of rules.
    static QString ruleJson(const Rule &rule);
    // BundleWriter::toJson(tenant) plus "testCases", as compact JSON text.
    static QString tenantJson(const Tenant &tenant, const QList<TestCase> &testCases);
    // Undefined when the text is not JSON.
    static QJsonValue decodeJson(const QString &text);
};

} // namespace cors
