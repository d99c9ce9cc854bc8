#include "records/sourceverification.h"

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
    return QCoreApplication::translate("cellcrf::records::SourceVerification", text);
}
} // namespace

SourceVerification::SourceVerification(ClinicalData &data, const Clock &clock)
    : m_data(data)
    , m_clock(clock)
{}

Status SourceVerification::verifyForm(const Actor &actor, const FormKey &key)
{
    if (Status s = Permissions::check(actor, Operation::Verify); !s)
        return s;
    Result<FormData> form = m_data.loadForm(actor, key);
    if (!form)
        return form.status();
    QStringList items;
    for (auto it = form->values.cbegin(); it != form->values.cend(); ++it) {
        if (!it->value.isEmpty() || !it->missingReason.isEmpty())
            items.append(it.key());
    }
    if (items.isEmpty())
        return Status::error(ErrorCode::InvalidInput, tr("Form %1 holds no data to verify.").arg(key.formOid));
    return verifyItems(actor, key, items);
}

Status SourceVerification::verifyItems(const Actor &actor, const FormKey &key, const QStringList &itemOids)
{
    if (Status s = Permissions::check(actor, Operation::Verify); !s)
        return s;
    Result<Subject> subject = m_data.subject(actor, key.subjectId);
    if (!subject)
        return subject.status();
    Result<FormData> form = m_data.loadForm(actor, key);
    if (!form)
        return form.status();
    if (form->instanceId == 0)
        return Status::error(ErrorCode::InvalidInput, tr("Form %1 has not been entered yet.").arg(key.formOid));
    if (Status s = m_data.checkUnlocked(*subject, form->instanceId); !s)
        return s;
    for (const QString &oid : itemOids) {
        const auto it = form->values.constFind(oid);
        if (it == form->values.cend() || (it->value.isEmpty() && it->missingReason.isEmpty()))
            return Status::error(ErrorCode::InvalidInput,
                                 tr("Item %1 of form %2 holds no data to verify.").arg(oid, key.formOid));
    }

    store::Database &db = m_data.database();
    const QString now = m_clock.nowUtc().toString(Qt::ISODateWithMs);
    return db.transaction([&]() -> Status {
        Result<FormData> current = m_data.loadForm(actor, key);
        if (!current)
            return current.status();
        if (current->version != form->version)
            return Status::error(ErrorCode::Conflict, tr("This form changed while you were verifying it; reload it."));
        for (const QString &oid : itemOids) {
            Query exists(db, QStringLiteral("SELECT 1 FROM sdv WHERE form_instance_id = ? AND item_oid = ?"));
            exists.bind(current->instanceId).bind(oid);
            if (Status e = exists.exec(); !e)
                return e;
            if (exists.next())
                continue;
            const ItemEntry entry = current->values.value(oid);
            audit::AuditEvent ev = detail::formEvent(db, actor, audit::action::SdvVerified, *subject, key, oid);
            ev.utc = now;
            ev.newValue = entry.value.isEmpty() ? QStringLiteral("missing=%1").arg(entry.missingReason)
                                                : QStringLiteral("value=%1").arg(entry.value);
            Result<audit::AuditEvent> written = m_data.auditTrail().append(ev);
            if (!written)
                return written.status();
            Query ins(db, QStringLiteral("INSERT INTO sdv (form_instance_id, item_oid, verified_by, utc, "
                                         "audit_event_id) VALUES (?, ?, ?, ?, ?)"));
            ins.bind(current->instanceId).bind(oid).bind(actor.userName).bind(now).bind(written->eventId);
            if (Status e = ins.exec(); !e)
                return e;
        }

        // A complete form whose every item with data is verified shows as verified.
        if (current->status != QLatin1String(formstatus::Complete))
            return Status::ok();
        Query open(db, QStringLiteral("SELECT count(*) FROM item_value iv WHERE iv.form_instance_id = ? AND "
                                      "(iv.value <> '' OR iv.missing_reason <> '') AND NOT EXISTS (SELECT 1 FROM sdv "
                                      "WHERE sdv.form_instance_id = iv.form_instance_id AND sdv.item_oid = "
                                      "iv.item_oid)"));
        open.bind(current->instanceId);
        if (Status e = open.exec(); !e)
            return e;
        if (!open.next() || open.integer(0) != 0)
            return Status::ok();
        Query upd(db, QStringLiteral("UPDATE form_instance SET status = ? WHERE id = ?"));
        upd.bind(QString::fromLatin1(formstatus::Verified)).bind(current->instanceId);
        if (Status e = upd.exec(); !e)
            return e;
        audit::AuditEvent st = detail::formEvent(db, actor, audit::action::FormStatus, *subject, key);
        st.utc = now;
        st.oldValue = current->status;
        st.newValue = QString::fromLatin1(formstatus::Verified);
        return m_data.auditTrail().append(st).status();
    });
}

Result<QList<VerificationMark>> SourceVerification::marks(const Actor &actor, const FormKey &key) const
{
    Result<FormData> form = m_data.loadForm(actor, key);
    if (!form)
        return form.status();
    QList<VerificationMark> out;
    if (form->instanceId == 0)
        return out;
    Query q(m_data.database(),
            QStringLiteral("SELECT item_oid, verified_by, utc FROM sdv WHERE form_instance_id = ? ORDER BY item_oid"));
    q.bind(form->instanceId);
    if (Status s = q.exec(); !s)
        return s;
    while (q.next())
        out.append({q.text(0), q.text(1), q.text(2)});
    return out;
}

} // namespace cellcrf::records
