#pragma once

// Internal to model/records: the audit event the workflow services (signatures,
// queries, source data verification, locks) start from, and the site offset
// they record. Not part of the public surface.

#include "audit/auditevent.h"
#include "auth/authaudit.h"
#include "core/actor.h"
#include "records/clinicaldata.h"

namespace cellcrf::records::detail {

// Who acts, and what they do: the same start as every auth event.
using auth::detail::actorEvent;
// The same, about one form (or item) of a subject.
audit::AuditEvent formEvent(const store::Database &db, const Actor &actor, const char *action, const Subject &subject,
                            const FormKey &key, const QString &itemOid = {});
int siteOffset(const store::Database &db, const QString &siteOid);

} // namespace cellcrf::records::detail
