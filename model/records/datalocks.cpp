#include "records/datalocks.h"

#include "auth/permissions.h"
#include "core/clock.h"
#include "records/recordaudit.h"
#include "store/database.h"

#include <QCoreApplication>

namespace cellcrf::records {

using auth::Operation;
using auth::Permissions;
using store::Query;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::records::DataLocks", text);
}

const QString formScope = QStringLiteral("form");
const QString subjectScope = QStringLiteral("subject");
const QString studyScope = QStringLiteral("study");

audit::AuditEvent lockEvent(const store::Database &db, const Actor &actor, const char *action, const Subject *subject,
                            const FormKey *key)
{
    if (subject && key)
        return detail::formEvent(db, actor, action, *subject, *key);
    audit::AuditEvent ev = detail::actorEvent(actor, action);
    if (subject) {
        ev.subjectKey = subject->key;
        ev.siteOffsetMinutes = detail::siteOffset(db, subject->siteOid);
    }
    return ev;
}
} // namespace

DataLocks::DataLocks(ClinicalData &data, const Clock &clock)
    : m_data(data)
    , m_clock(clock)
{}

Status DataLocks::writeLock(const Actor &actor, const QString &scope, const QString &target, const Subject *subject,
                            const FormKey *key, const FormData *form, const QString &reason)
{
    store::Database &db = m_data.database();
    const QString now = m_clock.nowUtc().toString(Qt::ISODateWithMs);
    return db.transaction([&]() -> Status {
        Query exists(db, QStringLiteral("SELECT locked_by FROM data_lock WHERE scope = ? AND target = ?"));
        exists.bind(scope).bind(target);
        if (Status e = exists.exec(); !e)
            return e;
        if (exists.next())
            return Status::error(ErrorCode::Conflict,
                                 tr("This %1 is already locked (by %2).").arg(scope, exists.text(0)));
        audit::AuditEvent ev = lockEvent(db, actor, audit::action::Locked, subject, key);
        ev.utc = now;
        ev.oldValue = form ? std::optional<QString>(form->status) : std::nullopt;
        ev.newValue = QStringLiteral("scope=%1").arg(scope);
        ev.reason = reason.trimmed();
        Result<audit::AuditEvent> written = m_data.auditTrail().append(ev);
        if (!written)
            return written.status();
        Query ins(db, QStringLiteral("INSERT INTO data_lock (scope, target, locked_by, utc, prior_status, "
                                     "audit_event_id) VALUES (?, ?, ?, ?, ?, ?)"));
        ins.bind(scope)
            .bind(target)
            .bind(actor.userName)
            .bind(now)
            .bind(form ? form->status : QString())
            .bind(written->eventId);
        if (Status e = ins.exec(); !e)
            return e;
        if (!form)
            return Status::ok();
        Query upd(db, QStringLiteral("UPDATE form_instance SET status = ? WHERE id = ?"));
        upd.bind(QString::fromLatin1(formstatus::Locked)).bind(form->instanceId);
        return upd.exec();
    });
}

Status DataLocks::writeUnlock(const Actor &actor, const QString &scope, const QString &target, const Subject *subject,
                              const FormKey *key, const FormData *form, const QString &reason)
{
    if (reason.trimmed().isEmpty())
        return Status::error(ErrorCode::ReasonRequired, tr("Give a reason for unlocking."));
    store::Database &db = m_data.database();
    const QString now = m_clock.nowUtc().toString(Qt::ISODateWithMs);
    return db.transaction([&]() -> Status {
        Query lock(db, QStringLiteral("SELECT prior_status FROM data_lock WHERE scope = ? AND target = ?"));
        lock.bind(scope).bind(target);
        if (Status e = lock.exec(); !e)
            return e;
        if (!lock.next())
            return Status::error(ErrorCode::NotFound, tr("This %1 is not locked.").arg(scope));
        const QString prior = lock.text(0);
        Query del(db, QStringLiteral("DELETE FROM data_lock WHERE scope = ? AND target = ?"));
        del.bind(scope).bind(target);
        if (Status e = del.exec(); !e)
            return e;
        audit::AuditEvent ev = lockEvent(db, actor, audit::action::Unlocked, subject, key);
        ev.utc = now;
        ev.oldValue = QStringLiteral("scope=%1").arg(scope);
        if (form)
            ev.newValue = prior;
        ev.reason = reason.trimmed();
        if (Status e = m_data.auditTrail().append(ev).status(); !e)
            return e;
        if (!form)
            return Status::ok();
        // The form returns to the status it had before it was locked.
        Query upd(db, QStringLiteral("UPDATE form_instance SET status = ? WHERE id = ?"));
        upd.bind(prior.isEmpty() ? QString::fromLatin1(formstatus::Incomplete) : prior).bind(form->instanceId);
        return upd.exec();
    });
}

Status DataLocks::lockForm(const Actor &actor, const FormKey &key, const QString &reason)
{
    if (Status s = Permissions::check(actor, Operation::Lock); !s)
        return s;
    Result<Subject> subject = m_data.subject(actor, key.subjectId);
    if (!subject)
        return subject.status();
    Result<FormData> form = m_data.loadForm(actor, key);
    if (!form)
        return form.status();
    if (form->instanceId == 0)
        return Status::error(ErrorCode::InvalidInput,
                             tr("Form %1 has not been entered; there is nothing to lock.").arg(key.formOid));
    return writeLock(actor, formScope, QString::number(form->instanceId), &*subject, &key, &*form, reason);
}

Status DataLocks::unlockForm(const Actor &actor, const FormKey &key, const QString &reason)
{
    if (Status s = Permissions::check(actor, Operation::Unlock); !s)
        return s;
    Result<Subject> subject = m_data.subject(actor, key.subjectId);
    if (!subject)
        return subject.status();
    Result<FormData> form = m_data.loadForm(actor, key);
    if (!form)
        return form.status();
    if (form->instanceId == 0)
        return Status::error(ErrorCode::NotFound, tr("Form %1 is not locked.").arg(key.formOid));
    return writeUnlock(actor, formScope, QString::number(form->instanceId), &*subject, &key, &*form, reason);
}

Status DataLocks::lockSubject(const Actor &actor, qint64 subjectId, const QString &reason)
{
    if (Status s = Permissions::check(actor, Operation::Lock); !s)
        return s;
    Result<Subject> subject = m_data.subject(actor, subjectId);
    if (!subject)
        return subject.status();
    return writeLock(actor, subjectScope, QString::number(subjectId), &*subject, nullptr, nullptr, reason);
}

Status DataLocks::unlockSubject(const Actor &actor, qint64 subjectId, const QString &reason)
{
    if (Status s = Permissions::check(actor, Operation::Unlock); !s)
        return s;
    Result<Subject> subject = m_data.subject(actor, subjectId);
    if (!subject)
        return subject.status();
    return writeUnlock(actor, subjectScope, QString::number(subjectId), &*subject, nullptr, nullptr, reason);
}

Status DataLocks::lockStudy(const Actor &actor, const QString &reason)
{
    if (Status s = Permissions::check(actor, Operation::Lock); !s)
        return s;
    if (!actor.siteOids.isEmpty())
        return Status::error(ErrorCode::PermissionDenied,
                             tr("Only a data manager with access to every site may lock the whole study."));
    return writeLock(actor, studyScope, QString(), nullptr, nullptr, nullptr, reason);
}

Status DataLocks::unlockStudy(const Actor &actor, const QString &reason)
{
    if (Status s = Permissions::check(actor, Operation::Unlock); !s)
        return s;
    if (!actor.siteOids.isEmpty())
        return Status::error(ErrorCode::PermissionDenied,
                             tr("Only a data manager with access to every site may unlock the whole study."));
    return writeUnlock(actor, studyScope, QString(), nullptr, nullptr, nullptr, reason);
}

Result<QList<LockInfo>> DataLocks::locks() const
{
    Query q(m_data.database(), QStringLiteral("SELECT scope, target, locked_by, utc FROM data_lock ORDER BY utc"));
    if (Status s = q.exec(); !s)
        return s;
    QList<LockInfo> out;
    while (q.next()) {
        const QString scope = q.text(0);
        LockInfo info;
        info.scope = scope == formScope      ? LockScope::Form
                     : scope == subjectScope ? LockScope::Subject
                                             : LockScope::Study;
        info.target = q.text(1);
        info.lockedBy = q.text(2);
        info.utc = q.text(3);
        out.append(info);
    }
    return out;
}

Status recordExport(ClinicalData &data, const Actor &actor, const QString &what)
{
    if (Status s = Permissions::check(actor, Operation::Export); !s)
        return s;
    return data.database().transaction([&]() -> Status {
        audit::AuditEvent ev = detail::actorEvent(actor, audit::action::Export);
        ev.newValue = what;
        return data.auditTrail().append(ev).status();
    });
}

} // namespace cellcrf::records
