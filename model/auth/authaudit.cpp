#include "auth/authaudit.h"

namespace cellcrf::auth::detail {

audit::AuditEvent actorEvent(const Actor &actor, const char *action)
{
    audit::AuditEvent ev;
    ev.userName = actor.userName;
    ev.userRole = actor.role;
    ev.action = QString::fromLatin1(action);
    return ev;
}

} // namespace cellcrf::auth::detail
