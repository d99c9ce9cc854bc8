#pragma once

// Internal to model/auth: the audit event every auth operation starts from, and
// the few lookups the services share. Not part of the public surface.

#include "audit/auditevent.h"
#include "core/actor.h"
#include "store/clinicaldata.h"

namespace cellcrf::auth::detail {

audit::AuditEvent actorEvent(const Actor &actor, const char *action);
// The same, about one form (or item) of a subject.
audit::AuditEvent formEvent(const store::Database &db, const Actor &actor, const char *action,
                            const store::Subject &subject, const store::FormKey &key, const QString &itemOid = {});
int siteOffset(const store::Database &db, const QString &siteOid);

} // namespace cellcrf::auth::detail
