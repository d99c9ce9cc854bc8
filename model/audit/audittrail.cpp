#include "audit/audittrail.h"

#include "core/clock.h"
#include "store/database.h"

#include <QCoreApplication>

namespace cellcrf::audit {

using store::Query;

namespace {

QVariant optionalText(const std::optional<QString> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::QString));
}

std::optional<QString> readOptional(const Query &q, int column)
{
    const QVariant v = q.value(column);
    if (v.isNull())
        return std::nullopt;
    return v.toString();
}

AuditEvent readEvent(const Query &q)
{
    AuditEvent e;
    e.seq = q.integer(0);
    e.eventId = q.text(1);
    e.deviceId = q.text(2);
    e.deviceCounter = q.integer(3);
    e.userName = q.text(4);
    e.userRole = q.text(5);
    e.utc = q.text(6);
    e.siteOffsetMinutes = int(q.integer(7));
    e.action = q.text(8);
    e.subjectKey = q.text(9);
    e.eventOid = q.text(10);
    e.eventRepeat = int(q.integer(11));
    e.formOid = q.text(12);
    e.formRepeat = int(q.integer(13));
    e.itemOid = q.text(14);
    e.oldValue = readOptional(q, 15);
    e.newValue = readOptional(q, 16);
    e.reason = q.text(17);
    e.replacesEventId = q.text(18);
    e.prevHash = q.text(19);
    e.hash = q.text(20);
    return e;
}

} // namespace

QString auditColumns()
{
    return QStringLiteral("seq, event_id, device_id, device_counter, user_name, user_role, utc, site_offset_min, "
                          "action, subject_key, event_oid, event_repeat, form_oid, form_repeat, item_oid, old_value, "
                          "new_value, reason, replaces_event_id, prev_hash, hash");
}

AuditTrail::AuditTrail(store::Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

QString AuditTrail::localDeviceId() const
{
    return m_db.meta(QStringLiteral("device_id"));
}

Status AuditTrail::registerLocalDevice(store::Database &db, const QString &deviceId, const QString &name,
                                       const QString &siteOid)
{
    Query q(db, QStringLiteral("INSERT INTO device (id, name, site_oid, is_local, last_counter, last_hash) "
                               "VALUES (?, ?, ?, 1, 0, ?)"));
    q.bind(deviceId).bind(name).bind(siteOid).bind(genesisHash());
    if (Status s = q.exec(); !s)
        return s;
    return db.setMeta(QStringLiteral("device_id"), deviceId);
}

Result<AuditEvent> AuditTrail::append(AuditEvent event)
{
    Q_ASSERT(m_db.inTransaction());
    const QString deviceId = localDeviceId();
    Query dev(m_db, QStringLiteral("SELECT last_counter, last_hash FROM device WHERE id = ?"));
    dev.bind(deviceId);
    if (Status s = dev.exec(); !s)
        return s;
    if (!dev.next())
        return Status::error(ErrorCode::Corrupt,
                             QCoreApplication::translate("cellcrf::audit", "This database has no local device."));

    event.deviceId = deviceId;
    event.deviceCounter = dev.integer(0) + 1;
    event.eventId = QStringLiteral("%1:%2").arg(deviceId).arg(event.deviceCounter);
    event.prevHash = dev.text(1);
    if (event.utc.isEmpty())
        event.utc = m_clock.nowUtc().toString(Qt::ISODateWithMs);
    event.hash = event.computeHash();

    Query ins(m_db, QStringLiteral("INSERT INTO audit_event (event_id, device_id, device_counter, user_name, "
                                   "user_role, utc, site_offset_min, action, subject_key, event_oid, event_repeat, "
                                   "form_oid, form_repeat, item_oid, old_value, new_value, reason, "
                                   "replaces_event_id, prev_hash, hash) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    ins.bind(event.eventId)
        .bind(event.deviceId)
        .bind(event.deviceCounter)
        .bind(event.userName)
        .bind(event.userRole)
        .bind(event.utc)
        .bind(event.siteOffsetMinutes)
        .bind(event.action)
        .bind(event.subjectKey)
        .bind(event.eventOid)
        .bind(event.eventRepeat)
        .bind(event.formOid)
        .bind(event.formRepeat)
        .bind(event.itemOid)
        .bind(optionalText(event.oldValue))
        .bind(optionalText(event.newValue))
        .bind(event.reason)
        .bind(event.replacesEventId)
        .bind(event.prevHash)
        .bind(event.hash);
    if (Status s = ins.exec(); !s)
        return s;
    event.seq = ins.lastInsertId().toLongLong();

    Query upd(m_db, QStringLiteral("UPDATE device SET last_counter = ?, last_hash = ? WHERE id = ?"));
    upd.bind(event.deviceCounter).bind(event.hash).bind(deviceId);
    if (Status s = upd.exec(); !s)
        return s;
    return event;
}

Result<QList<AuditEvent>> AuditTrail::itemHistory(const QString &subjectKey, const QString &eventOid, int eventRepeat,
                                                  const QString &formOid, int formRepeat, const QString &itemOid) const
{
    Query q(m_db, QStringLiteral("SELECT %1 FROM audit_event WHERE subject_key = ? AND form_oid = ? AND item_oid = ? "
                                 "AND event_oid = ? AND event_repeat = ? AND form_repeat = ? ORDER BY seq")
                      .arg(auditColumns()));
    q.bind(subjectKey).bind(formOid).bind(itemOid).bind(eventOid).bind(eventRepeat).bind(formRepeat);
    if (Status s = q.exec(); !s)
        return s;
    QList<AuditEvent> out;
    while (q.next())
        out.append(readEvent(q));
    return out;
}

Result<QList<AuditEvent>> AuditTrail::events(qint64 afterSeq, int limit) const
{
    Query q(m_db, QStringLiteral("SELECT %1 FROM audit_event WHERE seq > ? ORDER BY seq LIMIT ?").arg(auditColumns()));
    q.bind(afterSeq).bind(limit);
    if (Status s = q.exec(); !s)
        return s;
    QList<AuditEvent> out;
    while (q.next())
        out.append(readEvent(q));
    return out;
}

qint64 AuditTrail::count() const
{
    Query q(m_db, QStringLiteral("SELECT count(*) FROM audit_event"));
    if (q.exec() && q.next())
        return q.integer(0);
    return -1;
}

AuditEvent readAuditRow(const Query &q)
{
    return readEvent(q);
}

} // namespace cellcrf::audit
