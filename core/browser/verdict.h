#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace cors {

// allowed: script gets the response. blocked: fetch() rejects (or throws). opaque: a no-cors
// fetch resolves with a response script cannot look into.
enum class Verdict { Allowed, Blocked, Opaque };

// "allowed", "blocked", "opaque": the names in corsctl's JSON, test cases and workspaces.
QString verdictName(Verdict verdict);
std::optional<Verdict> verdictFromName(QStringView name);
const QStringList &verdictNames();

} // namespace cors
