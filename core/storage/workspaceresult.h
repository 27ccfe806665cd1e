#pragma once

#include "workspaceerror.h"

#include <QtGlobal>

#include <optional>
#include <utility>

namespace cors {

// The value of a workspace operation, or why there is none (C++20 has no std::expected).
// Every edit returns one: the GUI applies a change to its own state only when ok().
template<typename T> class WorkspaceResult
{
public:
    WorkspaceResult(T value)
        : m_value(std::move(value))
    { }
    WorkspaceResult(WorkspaceError error)
        : m_error(std::move(error))
    { }
    WorkspaceResult(WorkspaceError::Code code, QString message)
        : m_error { code, std::move(message) }
    { }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    T &value()
    {
        Q_ASSERT(ok());
        return *m_value;
    }
    const T &value() const
    {
        Q_ASSERT(ok());
        return *m_value;
    }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    // Meaningful only when !ok().
    const WorkspaceError &error() const { return m_error; }
    WorkspaceError::Code errorCode() const { return m_error.code; }
    const QString &errorMessage() const { return m_error.message; }

private:
    std::optional<T> m_value;
    WorkspaceError m_error;
};

} // namespace cors
