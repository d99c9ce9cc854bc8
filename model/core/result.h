#pragma once

// Status and Result<T>: how the model reports failures a person can cause (bad
// input, a bad file, a wrong password, a locked record). They are values, never
// exceptions; the message is fit to show a person, the detail is for logs.

#include <QString>

#include <optional>
#include <utility>

namespace cellcrf {

enum class ErrorCode
{
    None,
    InvalidInput,     // a value or argument that does not fit
    NotFound,         // a subject, form, file or user that does not exist
    Conflict,         // someone else saved in between (stale version)
    ReasonRequired,   // a saved value changes without a reason for change
    PermissionDenied, // the acting user's role does not allow it
    Locked,           // the record or account is locked
    NotCellCrfFile,   // a file that is not a CellCRF database
    TooNew,           // a database made by a newer version
    Corrupt,          // integrity check failed, tampering detected
    Io,               // the file system or database failed
    Cancelled,        // the user cancelled a long operation
    AuthenticationFailed,
};

class [[nodiscard]] Status
{
public:
    Status() = default;

    static Status ok() { return {}; }
    static Status error(ErrorCode code, QString message, QString detail = {})
    {
        Status s;
        s.m_code = code;
        s.m_message = std::move(message);
        s.m_detail = std::move(detail);
        return s;
    }

    bool isOk() const { return m_code == ErrorCode::None; }
    explicit operator bool() const { return isOk(); }
    ErrorCode code() const { return m_code; }
    const QString &message() const { return m_message; }
    const QString &detail() const { return m_detail; }

private:
    ErrorCode m_code = ErrorCode::None;
    QString m_message;
    QString m_detail;
};

template<typename T> class [[nodiscard]] Result
{
public:
    Result(T value) // NOLINT(google-explicit-constructor): a value is a success
        : m_value(std::move(value))
    {}
    Result(Status error) // NOLINT(google-explicit-constructor): a failed status is a failure
        : m_status(std::move(error))
    {
        Q_ASSERT(!m_status.isOk());
    }

    bool isOk() const { return m_status.isOk(); }
    explicit operator bool() const { return isOk(); }
    const Status &status() const { return m_status; }
    const QString &message() const { return m_status.message(); }

    T &value() &
    {
        Q_ASSERT(isOk());
        return *m_value;
    }
    const T &value() const &
    {
        Q_ASSERT(isOk());
        return *m_value;
    }
    T &&value() &&
    {
        Q_ASSERT(isOk());
        return std::move(*m_value);
    }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }

private:
    std::optional<T> m_value;
    Status m_status;
};

} // namespace cellcrf
