#include "records/recordaudit.h"

#include "store/database.h"

namespace cellcrf::records::detail {

audit::AuditEvent formEvent(const store::Database &db, const Actor &actor, const char *action, const Subject &subject,
                            const FormKey &key, const QString &itemOid)
{
    audit::AuditEvent ev = actorEvent(actor, action);
    ev.subjectKey = subject.key;
    ev.eventOid = key.eventOid;
    ev.eventRepeat = key.eventRepeat;
    ev.formOid = key.formOid;
    ev.formRepeat = key.formRepeat;
    ev.itemOid = itemOid;
    ev.siteOffsetMinutes = siteOffset(db, subject.siteOid);
    return ev;
}

int siteOffset(const store::Database &db, const QString &siteOid)
{
    store::Query q(db, QStringLiteral("SELECT utc_offset_min FROM site WHERE oid = ?"));
    q.bind(siteOid);
    if (q.exec() && q.next())
        return int(q.integer(0));
    return 0;
}

} // namespace cellcrf::records::detail
