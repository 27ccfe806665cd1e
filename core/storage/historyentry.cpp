#include "historyentry.h"

using namespace Qt::StringLiterals;

namespace cors {

QString HistoryEntry::entityName(Entity entity)
{
    switch (entity) {
    case Entity::Tenant:
        return u"tenant"_s;
    case Entity::Settings:
        return u"settings"_s;
    case Entity::Rule:
        return u"rule"_s;
    case Entity::Application:
        return u"application"_s;
    case Entity::TestCase:
        return u"testCase"_s;
    }
    return {};
}

std::optional<HistoryEntry::Entity> HistoryEntry::entityFromName(QStringView name)
{
    for (const Entity entity :
         { Entity::Tenant, Entity::Settings, Entity::Rule, Entity::Application, Entity::TestCase }) {
        if (name == entityName(entity))
            return entity;
    }
    return std::nullopt;
}

} // namespace cors
