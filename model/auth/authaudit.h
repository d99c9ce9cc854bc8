#pragma once

// Internal to the model: the audit event every operation of a person starts
// from, in model/auth and in the record services above it (records/recordaudit.h).
// Not part of the public surface.

#include "audit/auditevent.h"
#include "core/actor.h"

namespace cellcrf::auth::detail {

audit::AuditEvent actorEvent(const Actor &actor, const char *action);

} // namespace cellcrf::auth::detail
