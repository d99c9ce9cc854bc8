#include "records/signatures.h"

#include "audit/formcontent.h"
#include "auth/authservice.h"
#include "auth/permissions.h"
#include "core/clock.h"
#include "records/queries.h"
#include "records/recordaudit.h"
#include "store/database.h"

#include <QCoreApplication>

namespace cellcrf::records {

using auth::LoginResult;
using auth::Operation;
using auth::Permissions;
using store::Query;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::records::Signatures", text);
}
QString tr(const char *text, int n)
{
    return QCoreApplication::translate("cellcrf::records::Signatures", text, nullptr, n);
}

bool isCompleteStatus(const QString &status)
{
    return status == QLatin1String(formstatus::Complete) || status == QLatin1String(formstatus::Verified) ||
           status == QLatin1String(formstatus::Signed);
}

QString formPlace(const FormKey &key)
{
    if (key.eventRepeat == 1 && key.formRepeat == 1)
        return QStringLiteral("%1/%2").arg(key.eventOid, key.formOid);
    return QStringLiteral("%1[%2]/%3[%4]").arg(key.eventOid).arg(key.eventRepeat).arg(key.formOid).arg(key.formRepeat);
}

CasebookSignature readCasebookRow(const Query &q, const QString &subjectKey)
{
    CasebookSignature sig;
    sig.id = q.integer(0);
    sig.subjectId = q.integer(1);
    sig.subjectKey = subjectKey;
    sig.signer = q.text(2);
    sig.signerFullName = q.text(3);
    sig.meaning = q.text(4);
    sig.utc = q.text(5);
    sig.formCount = int(q.integer(6));
    sig.contentHash = q.text(7);
    sig.auditEventId = q.text(8);
    sig.valid = q.text(9) == QLatin1String("valid");
    sig.brokenEventId = q.text(10);
    return sig;
}

const QString casebookColumns = QStringLiteral("id, subject_id, signer, signer_full_name, meaning, utc, form_count, "
                                               "content_hash, audit_event_id, status, broken_event_id");
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

Signatures::Signatures(ClinicalData &data, auth::AuthService &auth, const Clock &clock)
    : m_data(data)
    , m_auth(auth)
    , m_clock(clock)
{}

Result<Signature> Signatures::sign(const Actor &actor, const FormKey &key, SignatureMeaning meaning,
                                   const QString &password, int expectedVersion)
{
    if (Status s = Permissions::check(actor, Operation::Sign); !s)
        return s;
    Result<Subject> subject = m_data.subject(actor, key.subjectId);
    if (!subject)
        return subject.status();
    Result<FormData> form = m_data.loadForm(actor, key);
    if (!form)
        return form.status();
    const QStringList signable = {QString::fromLatin1(formstatus::Complete), QString::fromLatin1(formstatus::Verified),
                                  QString::fromLatin1(formstatus::Signed)};
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
        Result<FormData> current = m_data.loadForm(actor, key);
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

        if (current->status != QLatin1String(formstatus::Signed)) {
            Query upd(db, QStringLiteral("UPDATE form_instance SET status = ? WHERE id = ?"));
            upd.bind(QString::fromLatin1(formstatus::Signed)).bind(current->instanceId);
            if (Status e = upd.exec(); !e)
                return e;
            audit::AuditEvent st = detail::formEvent(db, who->actor, audit::action::FormStatus, *subject, key);
            st.utc = sig.utc;
            st.oldValue = current->status;
            st.newValue = QString::fromLatin1(formstatus::Signed);
            if (Status e = m_data.auditTrail().append(st).status(); !e)
                return e;
        }
        return Status::ok();
    });
    if (!s)
        return s;
    return sig;
}

Result<QList<Signature>> Signatures::signatures(const Actor &actor, const FormKey &key) const
{
    Result<Subject> subject = m_data.subject(actor, key.subjectId);
    if (!subject)
        return subject.status();
    Result<FormData> form = m_data.loadForm(actor, key);
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

Result<CasebookReview> Signatures::reviewCasebook(const Actor &actor, qint64 subjectId) const
{
    Result<Subject> subject = m_data.subject(actor, subjectId);
    if (!subject)
        return subject.status();
    Result<QList<FormData>> forms = m_data.formsOfSubject(actor, subjectId);
    if (!forms)
        return forms.status();
    Result<audit::CasebookContent> content = audit::storedCasebookContent(m_data.database(), subjectId);
    if (!content)
        return content.status();

    CasebookReview review;
    review.subjectId = subjectId;
    review.subjectKey = subject->key;
    review.formCount = int(content->forms.size());
    review.contentHash = content->hash;
    for (const FormData &f : std::as_const(*forms)) {
        if (f.instanceId == 0)
            continue;
        QString status = f.status;
        if (status == QLatin1String(formstatus::Locked)) {
            // A locked form counts by the status it had when it was locked.
            Query lock(m_data.database(),
                       QStringLiteral("SELECT prior_status FROM data_lock WHERE scope = 'form' AND target = ?"));
            lock.bind(QString::number(f.instanceId));
            if (Status e = lock.exec(); !e)
                return e;
            status = lock.next() ? lock.text(0) : QString();
        }
        if (!isCompleteStatus(status))
            review.incompleteForms.append(formPlace(f.key));
    }
    Query queries(m_data.database(), QStringLiteral("SELECT count(*) FROM query WHERE subject_id = ? AND status <> ?"));
    queries.bind(subjectId).bind(QString::fromLatin1(querystatus::Closed));
    if (Status e = queries.exec(); !e)
        return e;
    review.openQueries = queries.next() ? int(queries.integer(0)) : 0;

    if (Status locked = m_data.checkUnlocked(*subject, 0); !locked) {
        review.blocker = locked;
    } else if (review.formCount == 0) {
        review.blocker =
            Status::error(ErrorCode::InvalidInput,
                          tr("The casebook of %1 holds no data yet: there is nothing to sign.").arg(subject->key));
    } else if (!review.incompleteForms.isEmpty()) {
        QStringList shown = review.incompleteForms.mid(0, 5);
        if (review.incompleteForms.size() > 5)
            shown.append(tr("and %n more", int(review.incompleteForms.size()) - 5));
        review.blocker = Status::error(ErrorCode::InvalidInput,
                                       tr("The casebook of %1 cannot be signed while %n form(s) are not complete: %2. "
                                          "Complete them first.",
                                          int(review.incompleteForms.size()))
                                           .arg(subject->key, shown.join(QStringLiteral(", "))));
    } else if (review.openQueries > 0) {
        review.blocker =
            Status::error(ErrorCode::InvalidInput, tr("The casebook of %1 cannot be signed while %n data clarification "
                                                      "query(ies) are open. Have them answered and closed first.",
                                                      review.openQueries)
                                                       .arg(subject->key));
    }
    return review;
}

Result<CasebookSignature> Signatures::signCasebook(const Actor &actor, qint64 subjectId, SignatureMeaning meaning,
                                                   const QString &password, const QString &reviewedContentHash)
{
    if (Status s = Permissions::check(actor, Operation::Sign); !s)
        return s;
    Result<CasebookReview> review = reviewCasebook(actor, subjectId);
    if (!review)
        return review.status();
    if (!review->maySign())
        return review->blocker;
    if (reviewedContentHash.isEmpty())
        return Status::error(ErrorCode::InvalidInput, tr("A casebook is signed for the content its signer reviewed: "
                                                         "review the casebook of %1 first.")
                                                          .arg(review->subjectKey));
    if (review->contentHash != reviewedContentHash)
        return Status::error(ErrorCode::Conflict, tr("The casebook of %1 changed after you reviewed it (it now holds "
                                                     "%2 forms). Review it again before signing.")
                                                      .arg(review->subjectKey)
                                                      .arg(review->formCount));
    const QString meaningText = meaningName(meaning);
    {
        Query dup(m_data.database(), QStringLiteral("SELECT utc FROM casebook_signature WHERE subject_id = ? AND "
                                                    "signer = ? AND meaning = ? AND content_hash = ? AND "
                                                    "status = 'valid'"));
        dup.bind(subjectId).bind(actor.userName).bind(meaningText).bind(review->contentHash);
        if (Status e = dup.exec(); !e)
            return e;
        if (dup.next())
            return Status::error(ErrorCode::Conflict,
                                 tr("You already signed the casebook of %1 as %2 on %3 UTC, and it has not changed "
                                    "since.")
                                     .arg(review->subjectKey, meaningText,
                                          dup.text(0).left(16).replace(QLatin1Char('T'), QLatin1Char(' '))));
    }

    // The password proves that the person at the keyboard is the signer
    // (§11.200(a)(1)); it is checked before anything is written.
    Result<LoginResult> who = m_auth.authenticate(actor.userName, password, actor.role);
    if (!who)
        return who.status();

    store::Database &db = m_data.database();
    Result<Subject> subject = m_data.subject(actor, subjectId);
    if (!subject)
        return subject.status();
    CasebookSignature sig;
    sig.subjectId = subjectId;
    sig.subjectKey = subject->key;
    sig.signer = who->actor.userName;
    sig.signerFullName = who->actor.fullName;
    sig.meaning = meaningText;
    sig.utc = m_clock.nowUtc().toString(Qt::ISODateWithMs);
    Status s = db.transaction([&]() -> Status {
        // Again inside the transaction: nothing may change between the check and the record.
        Result<CasebookReview> now = reviewCasebook(actor, subjectId);
        if (!now)
            return now.status();
        if (!now->maySign())
            return now->blocker;
        if (now->contentHash != reviewedContentHash)
            return Status::error(ErrorCode::Conflict,
                                 tr("The casebook changed while you were signing. Review it and sign again."));
        sig.formCount = now->formCount;
        sig.contentHash = now->contentHash;

        audit::AuditEvent ev = detail::actorEvent(who->actor, audit::action::CasebookSignature);
        ev.subjectKey = subject->key;
        ev.siteOffsetMinutes = detail::siteOffset(db, subject->siteOid);
        ev.utc = sig.utc;
        ev.newValue = audit::casebookSignatureEventValue(sig.meaning, sig.contentHash, sig.formCount);
        ev.reason = QStringLiteral("casebook electronically signed by %1 (%2)").arg(sig.signerFullName, sig.meaning);
        Result<audit::AuditEvent> written = m_data.auditTrail().append(ev);
        if (!written)
            return written.status();
        sig.auditEventId = written->eventId;

        Query ins(db, QStringLiteral("INSERT INTO casebook_signature (subject_id, signer, signer_full_name, meaning, "
                                     "utc, form_count, content_hash, audit_event_id, status) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'valid')"));
        ins.bind(subjectId)
            .bind(sig.signer)
            .bind(sig.signerFullName)
            .bind(sig.meaning)
            .bind(sig.utc)
            .bind(sig.formCount)
            .bind(sig.contentHash)
            .bind(sig.auditEventId);
        if (Status e = ins.exec(); !e)
            return e;
        sig.id = ins.lastInsertId().toLongLong();
        return Status::ok();
    });
    if (!s)
        return s;
    return sig;
}

Result<QList<CasebookSignature>> Signatures::casebookSignatures(const Actor &actor, qint64 subjectId) const
{
    Result<Subject> subject = m_data.subject(actor, subjectId);
    if (!subject)
        return subject.status();
    Query q(m_data.database(),
            QStringLiteral("SELECT %1 FROM casebook_signature WHERE subject_id = ? ORDER BY id").arg(casebookColumns));
    q.bind(subjectId);
    if (Status s = q.exec(); !s)
        return s;
    QList<CasebookSignature> out;
    while (q.next())
        out.append(readCasebookRow(q, subject->key));
    return out;
}

} // namespace cellcrf::records
