#include "workspaceerror.h"

using namespace Qt::StringLiterals;

namespace cors {

QString WorkspaceError::codeName(Code code)
{
    switch (code) {
    case Code::NotFound:
        return u"not-found"_s;
    case Code::NotAWorkspace:
        return u"not-a-workspace"_s;
    case Code::NewerVersion:
        return u"newer-version"_s;
    case Code::NeedsUpgrade:
        return u"needs-upgrade"_s;
    case Code::ReadOnly:
        return u"read-only"_s;
    case Code::Locked:
        return u"locked"_s;
    case Code::InUse:
        return u"in-use"_s;
    case Code::Invalid:
        return u"invalid"_s;
    case Code::Conflict:
        return u"conflict"_s;
    case Code::Failed:
        return u"failed"_s;
    }
    return {};
}

} // namespace cors
