#include "auth/signatures.h"

#include "audit/formcontent.h"
#include "auth/authaudit.h"
#include "auth/authservice.h"
#include "auth/permissions.h"
#include "core/clock.h"
#include "store/database.h"

#include <QCoreApplication>

namespace cellcrf::auth {

using store::Query;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::auth::Signatures", text);
}
} // namespace

QString meaningName(SignatureMeaning meaning)
{
    switch (meaning) {
    case SignatureMeaning::Authored:
        return QStringLiteral("authored");
    case SignatureMeaning::Reviewed:
        return QStringLiteral("reviewed");
    case SignatureMeaning::Approved:
        return QStringLiteral("approved");
    }
    return {};
}

std::optional<SignatureMeaning> parseMeaning(const QString &name)
{
    for (SignatureMeaning m : {SignatureMeaning::Authored, SignatureMeaning::Reviewed, SignatureMeaning::Approved}) {
        if (meaningName(m) == name)
            return m;
    }
    return std::nullopt;
}

Signatures::Signatures(store::ClinicalData &data, AuthService &auth, const Clock &clock)
    : m_data(data)
    , m_auth(auth)
    , m_clock(clock)
{}

Result<Signature> Signatures::sign(const Actor &actor, const store::FormKey &key, SignatureMeaning meaning,
                                   const QString &password, int expectedVersion)
{
    if (Status s = Permissions::check(actor, Operation::Sign); !s)
        return s;
    Result<store::Subject> subject = m_data.subject(actor, key.subjectId);
    if (!subject)
        return subject.status();
    Result<store::FormData> form = m_data.loadForm(actor, key);
    if (!form)
        return form.status();
    const QStringList signable = {QString::fromLatin1(store::formstatus::Complete),
                                  QString::fromLatin1(store::formstatus::Verified),
                                  QString::fromLatin1(store::formstatus::Signed)};
    if (form->instanceId == 0 || !signable.contains(form->status))
        return Status::error(ErrorCode::InvalidInput,
                             tr("Only a complete form can be signed. Complete form %1 first.").arg(key.formOid));
    if (Status s = m_data.checkUnlocked(*subject, form->instanceId); !s)
        return s;

    // The password proves that the person at the keyboard is the signer
    // (§11.200(a)(1)); it is checked before anything is written.
    Result<LoginResult> who = m_auth.authenticate(actor.userName, password, actor.role);
    if (!who)
        return who.status();

    store::Database &db = m_data.database();
    Signature sig;
    sig.subjectKey = subject->key;
    sig.key = key;
    sig.signer = who->actor.userName;
    sig.signerFullName = who->actor.fullName;
    sig.meaning = meaningName(meaning);
    sig.utc = m_clock.nowUtc().toString(Qt::ISODateWithMs);
    Status s = db.transaction([&]() -> Status {
        Result<store::FormData> current = m_data.loadForm(actor, key);
        if (!current)
            return current.status();
        if (expectedVersion >= 0 && current->version != expectedVersion)
            return Status::error(ErrorCode::Conflict, tr("This form was changed by %1 after you opened it. Reopen it "
                                                         "and review the current values before signing.")
                                                          .arg(current->updatedBy));
        if (current->version != form->version)
            return Status::error(ErrorCode::Conflict, tr("This form changed while you were signing. Review it and "
                                                         "sign again."));
        sig.contentHash = audit::formContentHash(current->values);

        audit::AuditEvent ev = detail::formEvent(db, who->actor, audit::action::Signature, *subject, key);
        ev.utc = sig.utc;
        ev.newValue = audit::signatureEventValue(sig.meaning, sig.contentHash);
        ev.reason = QStringLiteral("electronically signed by %1 (%2)").arg(sig.signerFullName, sig.meaning);
        Result<audit::AuditEvent> written = m_data.auditTrail().append(ev);
        if (!written)
            return written.status();
        sig.auditEventId = written->eventId;

        Query ins(db, QStringLiteral("INSERT INTO signature (form_instance_id, signer, signer_full_name, meaning, utc, "
                                     "content_hash, audit_event_id, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'valid')"));
        ins.bind(current->instanceId)
            .bind(sig.signer)
            .bind(sig.signerFullName)
            .bind(sig.meaning)
            .bind(sig.utc)
            .bind(sig.contentHash)
            .bind(sig.auditEventId);
        if (Status e = ins.exec(); !e)
            return e;
        sig.id = ins.lastInsertId().toLongLong();

        if (current->status != QLatin1String(store::formstatus::Signed)) {
            Query upd(db, QStringLiteral("UPDATE form_instance SET status = ? WHERE id = ?"));
            upd.bind(QString::fromLatin1(store::formstatus::Signed)).bind(current->instanceId);
            if (Status e = upd.exec(); !e)
                return e;
            audit::AuditEvent st = detail::formEvent(db, who->actor, audit::action::FormStatus, *subject, key);
            st.utc = sig.utc;
            st.oldValue = current->status;
            st.newValue = QString::fromLatin1(store::formstatus::Signed);
            if (Status e = m_data.auditTrail().append(st).status(); !e)
                return e;
        }
        return Status::ok();
    });
    if (!s)
        return s;
    return sig;
}

Result<QList<Signature>> Signatures::signatures(const Actor &actor, const store::FormKey &key) const
{
    Result<store::Subject> subject = m_data.subject(actor, key.subjectId);
    if (!subject)
        return subject.status();
    Result<store::FormData> form = m_data.loadForm(actor, key);
    if (!form)
        return form.status();
    QList<Signature> out;
    if (form->instanceId == 0)
        return out;
    Query q(m_data.database(),
            QStringLiteral("SELECT id, signer, signer_full_name, meaning, utc, content_hash, audit_event_id, status, "
                           "broken_event_id FROM signature WHERE form_instance_id = ? ORDER BY id"));
    q.bind(form->instanceId);
    if (Status s = q.exec(); !s)
        return s;
    while (q.next()) {
        Signature sig;
        sig.id = q.integer(0);
        sig.subjectKey = subject->key;
        sig.key = key;
        sig.signer = q.text(1);
        sig.signerFullName = q.text(2);
        sig.meaning = q.text(3);
        sig.utc = q.text(4);
        sig.contentHash = q.text(5);
        sig.auditEventId = q.text(6);
        sig.valid = q.text(7) == QLatin1String("valid");
        sig.brokenEventId = q.text(8);
        out.append(sig);
    }
    return out;
}

} // namespace cellcrf::auth
