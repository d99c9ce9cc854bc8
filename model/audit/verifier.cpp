#include "audit/verifier.h"

#include "audit/audittrail.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QHash>

namespace cellcrf::audit {

using store::Query;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::audit::Verifier", text);
}
} // namespace

Result<VerificationReport> verify(const store::Database &db, const std::function<void(qint64, qint64)> &progress)
{
    VerificationReport report;

    Query total(db, QStringLiteral("SELECT count(*) FROM audit_event"));
    if (Status s = total.exec(); !s)
        return s;
    const qint64 totalEvents = total.next() ? total.integer(0) : 0;

    struct ChainState
    {
        qint64 counter = 0;
        QString hash;
        bool broken = false;
    };
    QHash<QString, ChainState> chains;

    // Walk every device's chain in counter order; the first wrong event of each
    // chain is reported (everything after it is unverifiable).
    Query q(db, QStringLiteral("SELECT %1 FROM audit_event ORDER BY device_id, device_counter").arg(auditColumns()));
    if (Status s = q.exec(); !s)
        return s;
    while (q.next()) {
        const AuditEvent e = readAuditRow(q);
        ++report.eventsChecked;
        if (progress && report.eventsChecked % 10000 == 0)
            progress(report.eventsChecked, totalEvents);
        ChainState &chain = chains[e.deviceId];
        if (chain.hash.isEmpty())
            chain.hash = genesisHash();
        if (chain.broken)
            continue;
        auto fail = [&](const QString &what) {
            report.problems.append({e.eventId, e.seq, what});
            chain.broken = true;
        };
        const QString expectedId = QStringLiteral("%1:%2").arg(e.deviceId).arg(e.deviceCounter);
        if (e.deviceCounter != chain.counter + 1) {
            fail(tr("event %1 of device %2 follows event %3: %4 event(s) are missing from the chain")
                     .arg(e.deviceCounter)
                     .arg(e.deviceId)
                     .arg(chain.counter)
                     .arg(e.deviceCounter - chain.counter - 1));
        } else if (e.eventId != expectedId) {
            fail(tr("the event id %1 does not match its device and counter (%2)").arg(e.eventId, expectedId));
        } else if (e.prevHash != chain.hash) {
            fail(tr("the previous-hash field does not match the hash of the event before it"));
        } else if (e.computeHash() != e.hash) {
            fail(tr("the content does not match its hash: the event (%1 of %2, %3 %4) was changed after it was "
                    "written")
                     .arg(e.action, e.subjectKey, e.formOid, e.itemOid)
                     .simplified());
        }
        chain.counter = e.deviceCounter;
        chain.hash = e.hash;
    }
    report.devicesChecked = int(chains.size());

    // The device table remembers each chain's newest event: a trail cut short (or
    // rows deleted with the triggers dropped) no longer ends there.
    Query dev(db, QStringLiteral("SELECT id, last_counter, last_hash FROM device"));
    if (Status s = dev.exec(); !s)
        return s;
    while (dev.next()) {
        const QString id = dev.text(0);
        const qint64 lastCounter = dev.integer(1);
        const ChainState chain = chains.value(id);
        if (chain.broken)
            continue;
        if (chain.counter != lastCounter || (lastCounter > 0 && chain.hash != dev.text(2)))
            report.problems.append({QStringLiteral("%1:%2").arg(id).arg(lastCounter), 0,
                                    tr("device %1 recorded %2 event(s) but the trail holds %3: events were removed")
                                        .arg(id)
                                        .arg(lastCounter)
                                        .arg(chain.counter)});
    }

    // Every current value must be the one its latest audit event set.
    Query values(
        db,
        QStringLiteral("SELECT iv.item_oid, iv.value, iv.audit_event_id, ae.new_value, ae.item_oid, ae.action, ae.seq "
                       "FROM item_value iv LEFT JOIN audit_event ae ON ae.event_id = iv.audit_event_id"));
    if (Status s = values.exec(); !s)
        return s;
    while (values.next()) {
        ++report.valuesChecked;
        const QString eventId = values.text(2);
        if (values.value(5).isNull()) {
            report.problems.append({eventId, 0,
                                    tr("the value of item %1 refers to audit event %2, which does not exist")
                                        .arg(values.text(0), eventId)});
            continue;
        }
        const QString action = values.text(5);
        if (action == QLatin1String("item_value") && values.text(1) != values.value(3).toString())
            report.problems.append({eventId, values.integer(6),
                                    tr("the stored value of item %1 differs from what its audit event recorded: it was "
                                       "changed outside CellCRF")
                                        .arg(values.text(0))});
    }
    return report;
}

} // namespace cellcrf::audit
