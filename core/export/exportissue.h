#pragma once

#include <QJsonObject>
#include <QString>

namespace cors {

// Something an exporter could not express exactly (issue 8: "never a silent approximation").
//
//   Refused  the rule (or, with rule == -1, the whole tenant) is left out of the configuration
//   Differs  the configuration was generated, and answers differently from the engine's strict
//            profile in the way `message` states
struct ExportIssue
{
    enum class Kind { Refused, Differs };

    Kind kind = Kind::Differs;
    int rule = -1; // index into Tenant::rules, or -1 for the tenant as a whole
    QString message;

    static QString kindName(Kind kind);
    // "rule 2 (*.example.com) refused: ..." for people.
    QString toString(const QString &ruleDomain = QString()) const;
    QJsonObject toJson() const;

    friend bool operator==(const ExportIssue &, const ExportIssue &) = default;
};

} // namespace cors
