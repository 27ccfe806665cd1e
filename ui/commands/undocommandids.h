#pragma once

namespace cors {

// The ids of mergeable undo commands (QUndoCommand::id()), one enum for the whole app as in
// Tiled. Commands that never merge return -1.
enum UndoCommandId {
    ChangeRuleCommandId = 1,
    ChangeTenantSettingsCommandId,
    ChangeApplicationCommandId,
};

} // namespace cors
