#pragma once

// Session is one person's signed-in session in the GUI: it locks after a
// configurable idle time (21 CFR Part 11 §11.300 asks for controls against use
// of an unattended workstation) and resumes only with the same person's
// password. It holds no timer: the GUI calls touch() on activity and asks
// isLocked() from its own timer, so the rule is testable with a ManualClock.

#include "core/actor.h"
#include "core/result.h"

#include <QDateTime>

namespace cellcrf {
class Clock;
}

namespace cellcrf::auth {

class AuthService;

class Session
{
public:
    static constexpr int DefaultIdleMinutes = 15;

    Session(AuthService &auth, Actor actor, const Clock &clock, int idleMinutes = DefaultIdleMinutes);

    const Actor &actor() const { return m_actor; }
    int idleMinutes() const { return m_idleMinutes; }
    // At least one minute.
    void setIdleMinutes(int minutes);

    // Records activity now; ignored while the session is locked.
    void touch();
    bool isLocked(const QDateTime &nowUtc) const;
    bool isLocked() const;
    // Locks at once (the user stepped away and said so).
    void lock();
    // Resumes a locked session. Only the session's own user may do so; another
    // person must close the session and log in. A wrong password counts toward
    // the account lockout like any failed login.
    Status unlock(const QString &userName, const QString &password);

private:
    AuthService &m_auth;
    Actor m_actor;
    const Clock &m_clock;
    int m_idleMinutes;
    QDateTime m_lastActivity;
    bool m_lockedByUser = false;
};

} // namespace cellcrf::auth
