#include "auth/session.h"

#include "auth/authservice.h"
#include "core/clock.h"

#include <QCoreApplication>

namespace cellcrf::auth {

Session::Session(AuthService &auth, Actor actor, const Clock &clock, int idleMinutes)
    : m_auth(auth)
    , m_actor(std::move(actor))
    , m_clock(clock)
    , m_idleMinutes(qMax(1, idleMinutes))
    , m_lastActivity(clock.nowUtc())
{}

void Session::setIdleMinutes(int minutes)
{
    m_idleMinutes = qMax(1, minutes);
}

void Session::touch()
{
    const QDateTime now = m_clock.nowUtc();
    if (!isLocked(now))
        m_lastActivity = now;
}

bool Session::isLocked(const QDateTime &nowUtc) const
{
    return m_lockedByUser || m_lastActivity.secsTo(nowUtc) >= qint64(m_idleMinutes) * 60;
}

bool Session::isLocked() const
{
    return isLocked(m_clock.nowUtc());
}

void Session::lock()
{
    m_lockedByUser = true;
}

Status Session::unlock(const QString &userName, const QString &password)
{
    if (userName.trimmed() != m_actor.userName)
        return Status::error(ErrorCode::PermissionDenied,
                             QCoreApplication::translate("cellcrf::auth::Session",
                                                         "This session belongs to %1. Only they can resume it; "
                                                         "anyone else must close it and log in.")
                                 .arg(m_actor.fullName));
    Result<LoginResult> who = m_auth.authenticate(userName, password, m_actor.role);
    if (!who)
        return who.status();
    m_lockedByUser = false;
    m_lastActivity = m_clock.nowUtc();
    return Status::ok();
}

} // namespace cellcrf::auth
