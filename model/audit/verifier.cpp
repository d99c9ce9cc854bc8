#include "audit/verifier.h"

#include "audit/audittrail.h"
#include "audit/formcontent.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QHash>

namespace cellcrf::audit {

using store::Query;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::audit", text);
}
// A signature is only as good as its record: each row must match the
// `signature` audit event that created it (signer, time, meaning, content hash,
// form), a valid signature must still cover the form's current content, a
// broken one must name its `signature_broken` event, and no signature event may
// have lost its row.
Status verifySignatures(const store::Database &db, VerificationReport &report)
{
    Query sig(
        db, QStringLiteral("SELECT sg.id, sg.form_instance_id, sg.signer, sg.meaning, sg.utc, sg.content_hash, "
                           "sg.audit_event_id, sg.status, sg.broken_event_id, ae.action, ae.user_name, ae.utc, "
                           "ae.new_value, ae.subject_key, ae.event_oid, ae.event_repeat, ae.form_oid, ae.form_repeat, "
                           "s.subject_key, fi.event_oid, fi.event_repeat, fi.form_oid, fi.form_repeat, ae.seq, "
                           "(SELECT action FROM audit_event b WHERE b.event_id = sg.broken_event_id) "
                           "FROM signature sg LEFT JOIN audit_event ae ON ae.event_id = sg.audit_event_id "
                           "LEFT JOIN form_instance fi ON fi.id = sg.form_instance_id "
                           "LEFT JOIN subject s ON s.id = fi.subject_id ORDER BY sg.id"));
    if (Status s = sig.exec(); !s)
        return s;
    while (sig.next()) {
        ++report.signaturesChecked;
        const qint64 id = sig.integer(0);
        const QString eventId = sig.text(6);
        const QString where = QStringLiteral("%1 %2 %3").arg(sig.text(18), sig.text(19), sig.text(21)).simplified();
        if (sig.value(9).isNull() || sig.text(9) != QLatin1String(action::Signature)) {
            report.problems.append({eventId, 0,
                                    tr("signature %1 (%2) is not backed by a signature audit event: it was added "
                                       "outside CellCRF")
                                        .arg(id)
                                        .arg(where)});
            continue;
        }
        const bool matchesEvent = sig.text(2) == sig.text(10) && sig.text(4) == sig.text(11) &&
                                  signatureEventValue(sig.text(3), sig.text(5)) == sig.text(12) &&
                                  sig.text(13) == sig.text(18) && sig.text(14) == sig.text(19) &&
                                  sig.integer(15) == sig.integer(20) && sig.text(16) == sig.text(21) &&
                                  sig.integer(17) == sig.integer(22);
        if (!matchesEvent) {
            report.problems.append({eventId, sig.integer(23),
                                    tr("signature %1 (%2) differs from the audit event that recorded it: its signer, "
                                       "time, meaning, form or content hash was changed outside CellCRF")
                                        .arg(id)
                                        .arg(where)});
            continue;
        }
        const QString status = sig.text(7);
        if (status == QLatin1String("valid")) {
            Result<FormValues> values = storedFormValues(db, sig.integer(1));
            if (!values)
                return values.status();
            if (formContentHash(*values) != sig.text(5))
                report.problems.append({eventId, sig.integer(23),
                                        tr("signature %1 (%2) is shown as valid but the form's content no longer "
                                           "matches what was signed")
                                            .arg(id)
                                            .arg(where)});
        } else if (status != QLatin1String("broken") || sig.text(24) != QLatin1String(action::SignatureBroken)) {
            report.problems.append({eventId, sig.integer(23),
                                    tr("signature %1 (%2) has status '%3' without a signature_broken audit event")
                                        .arg(id)
                                        .arg(where, status)});
        }
    }

    Query orphans(db, QStringLiteral("SELECT ae.event_id, ae.seq, ae.subject_key, ae.form_oid FROM audit_event ae "
                                     "WHERE ae.action = ? AND NOT EXISTS "
                                     "(SELECT 1 FROM signature sg WHERE sg.audit_event_id = ae.event_id)"));
    orphans.bind(QString::fromLatin1(action::Signature));
    if (Status s = orphans.exec(); !s)
        return s;
    while (orphans.next())
        report.problems.append({orphans.text(0), orphans.integer(1),
                                tr("the signature recorded by this event (%1 %2) has no signature record: it was "
                                   "removed outside CellCRF")
                                    .arg(orphans.text(2), orphans.text(3))});
    return Status::ok();
}

// The same for casebook signatures: each row must match its
// `casebook_signature` event (signer, time, meaning, content hash, number of
// forms, subject), a valid one must still cover the subject's casebook as
// stored, a broken one must name its `signature_broken` event of the same
// subject, and no casebook signature event may have lost its row.
Status verifyCasebookSignatures(const store::Database &db, VerificationReport &report)
{
    Query sig(db,
              QStringLiteral("SELECT cs.id, cs.subject_id, cs.signer, cs.meaning, cs.utc, cs.form_count, "
                             "cs.content_hash, cs.audit_event_id, cs.status, ae.action, ae.user_name, ae.utc, "
                             "ae.new_value, ae.subject_key, s.subject_key, ae.seq, b.action, b.subject_key, "
                             "ae.event_oid, ae.form_oid, ae.item_oid "
                             "FROM casebook_signature cs LEFT JOIN audit_event ae ON ae.event_id = cs.audit_event_id "
                             "LEFT JOIN subject s ON s.id = cs.subject_id "
                             "LEFT JOIN audit_event b ON b.event_id = cs.broken_event_id ORDER BY cs.id"));
    if (Status s = sig.exec(); !s)
        return s;
    while (sig.next()) {
        ++report.signaturesChecked;
        const qint64 id = sig.integer(0);
        const QString eventId = sig.text(7);
        const QString subjectKey = sig.text(14);
        if (sig.value(9).isNull() || sig.text(9) != QLatin1String(action::CasebookSignature)) {
            report.problems.append({eventId, 0,
                                    tr("casebook signature %1 (%2) is not backed by a casebook_signature audit event: "
                                       "it was added outside CellCRF")
                                        .arg(id)
                                        .arg(subjectKey)});
            continue;
        }
        const bool matchesEvent =
            sig.text(2) == sig.text(10) && sig.text(4) == sig.text(11) &&
            casebookSignatureEventValue(sig.text(3), sig.text(6), int(sig.integer(5))) == sig.text(12) &&
            !sig.value(14).isNull() && sig.text(13) == subjectKey && sig.text(18).isEmpty() && sig.text(19).isEmpty() &&
            sig.text(20).isEmpty();
        if (!matchesEvent) {
            report.problems.append({eventId, sig.integer(15),
                                    tr("casebook signature %1 (%2) differs from the audit event that recorded it: its "
                                       "signer, time, meaning, subject or content hash was changed outside CellCRF")
                                        .arg(id)
                                        .arg(subjectKey)});
            continue;
        }
        const QString status = sig.text(8);
        if (status == QLatin1String("valid")) {
            Result<CasebookContent> content = storedCasebookContent(db, sig.integer(1));
            if (!content)
                return content.status();
            if (content->hash != sig.text(6))
                report.problems.append({eventId, sig.integer(15),
                                        tr("casebook signature %1 (%2) is shown as valid but the casebook no longer "
                                           "matches what was signed")
                                            .arg(id)
                                            .arg(subjectKey)});
        } else if (status != QLatin1String("broken") || sig.text(16) != QLatin1String(action::SignatureBroken) ||
                   sig.text(17) != subjectKey) {
            report.problems.append({eventId, sig.integer(15),
                                    tr("casebook signature %1 (%2) has status '%3' without a signature_broken audit "
                                       "event")
                                        .arg(id)
                                        .arg(subjectKey, status)});
        }
    }

    Query orphans(db, QStringLiteral("SELECT ae.event_id, ae.seq, ae.subject_key FROM audit_event ae "
                                     "WHERE ae.action = ? AND NOT EXISTS "
                                     "(SELECT 1 FROM casebook_signature cs WHERE cs.audit_event_id = ae.event_id)"));
    orphans.bind(QString::fromLatin1(action::CasebookSignature));
    if (Status s = orphans.exec(); !s)
        return s;
    while (orphans.next())
        report.problems.append({orphans.text(0), orphans.integer(1),
                                tr("the casebook signature recorded by this event (%1) has no signature record: it "
                                   "was removed outside CellCRF")
                                    .arg(orphans.text(2))});
    return Status::ok();
}

// Verification marks, locks and query messages each name the audit event that
// wrote them; a row whose event is missing or of another kind was written
// outside CellCRF.
Status verifyBackingEvents(const store::Database &db, VerificationReport &report)
{
    struct Backed
    {
        const char *table;
        const char *what;
        QStringList actions;
    };
    const QList<Backed> tables = {
        {"sdv", "source data verification mark", {QString::fromLatin1(action::SdvVerified)}},
        {"data_lock", "lock", {QString::fromLatin1(action::Locked)}},
        {"query_message",
         "query message",
         {QString::fromLatin1(action::QueryOpened), QString::fromLatin1(action::QueryAnswered),
          QString::fromLatin1(action::QueryClosed), QString::fromLatin1(action::QueryReopened)}},
    };
    for (const Backed &t : tables) {
        // Table names are constants above, never input.
        Query q(db, QStringLiteral("SELECT x.audit_event_id, ae.action FROM %1 x "
                                   "LEFT JOIN audit_event ae ON ae.event_id = x.audit_event_id")
                        .arg(QLatin1String(t.table)));
        if (Status s = q.exec(); !s)
            return s;
        while (q.next()) {
            if (q.value(1).isNull() || !t.actions.contains(q.text(1)))
                report.problems.append({q.text(0), 0,
                                        tr("a %1 refers to audit event %2, which does not record it: it was written "
                                           "outside CellCRF")
                                            .arg(tr(t.what), q.text(0))});
        }
    }
    return Status::ok();
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
    if (Status s = verifySignatures(db, report); !s)
        return s;
    if (Status s = verifyCasebookSignatures(db, report); !s)
        return s;
    if (Status s = verifyBackingEvents(db, report); !s)
        return s;
    return report;
}

} // namespace cellcrf::audit
