#pragma once

#include "exportformat.h"
#include "exportissue.h"

#include <QByteArray>
#include <QList>

namespace cors {

// What an exporter produced for one tenant: the configuration text, and every rule it refused
// or reproduces with a stated difference, so that the designer and corsctl can show them.
struct ExportResult
{
    ExportFormat format = ExportFormat::Nginx;
    QString tenant;
    QString checksum; // TenantChecksum of the exported tenant: "sha256:<hex>"
    QByteArray text; // empty when the tenant could not be exported at all
    QList<ExportIssue> issues;

    bool isExported() const { return !text.isEmpty(); }
    QList<ExportIssue> issuesOfKind(ExportIssue::Kind kind) const;
    QList<int> refusedRules() const;

    friend bool operator==(const ExportResult &, const ExportResult &) = default;
};

} // namespace cors
