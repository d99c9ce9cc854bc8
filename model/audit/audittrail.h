#pragma once

// AuditTrail appends events to the audit_event table of one database, chaining
// each to the previous event of the same device, and reads them back. It must be
// called inside the transaction that writes the data the event describes, so
// that data and audit commit or fail together.

#include "audit/auditevent.h"
#include "core/result.h"

#include <QList>

namespace cellcrf {
class Clock;
namespace store {
class Database;
class Query;
} // namespace store
} // namespace cellcrf

namespace cellcrf::audit {

class AuditTrail
{
public:
    AuditTrail(store::Database &db, const Clock &clock);

    // The device this file writes as, created with the file.
    QString localDeviceId() const;

    // Fills id, device, counter, time and hashes of `event`, then inserts it.
    // Precondition: a transaction is open on the database.
    Result<AuditEvent> append(AuditEvent event);

    // Events of one item of one form instance, oldest first.
    Result<QList<AuditEvent>> itemHistory(const QString &subjectKey, const QString &eventOid, int eventRepeat,
                                          const QString &formOid, int formRepeat, const QString &itemOid) const;
    // Every event in local order; `afterSeq` pages through a large trail.
    Result<QList<AuditEvent>> events(qint64 afterSeq = 0, int limit = -1) const;
    qint64 count() const;

    // Registers the local device of a new file (called once, by the file's creator).
    static Status registerLocalDevice(store::Database &db, const QString &deviceId, const QString &name,
                                      const QString &siteOid);

private:
    store::Database &m_db;
    const Clock &m_clock;
};

// The audit_event columns, in the order readAuditRow() expects them.
QString auditColumns();
// Reads one row selected with auditColumns().
AuditEvent readAuditRow(const store::Query &q);

} // namespace cellcrf::audit
