#pragma once

// Signatures applies electronic signatures to forms (21 CFR Part 11 §11.50,
// §11.70, §11.200): the signer re-enters the password, chooses what the
// signature means, and the signature records the signer's name, the UTC time,
// the meaning and the SHA-256 of the form's canonical content
// (audit::formContentHash), both in the signature table and as a `signature`
// audit event. ClinicalData::saveForm breaks a signature when the signed
// content changes; audit::verify detects a signature record that was altered.
//
// An investigator also signs a subject's whole casebook (signCasebook): the
// signature covers every form of the subject that holds content, by the
// SHA-256 of audit::casebookContentHash (the canonical encoding is documented
// in audit/formcontent.h), and is recorded in the casebook_signature table and
// as a `casebook_signature` audit event. The signer states which content they
// reviewed (the hash reviewCasebook showed them); a casebook that changed since
// is refused. A casebook may be signed when
//   - the signer may sign (Operation::Sign) at the subject's site,
//   - neither the study nor the subject is locked (locked forms are fine),
//   - at least one form holds data,
//   - every started form is complete (complete, verified or signed; a locked
//     form counts by the status it had when it was locked), and
//   - no data clarification query of the subject is open or answered.
// Forms never started (visits not yet due, a subject who left the study) are
// not part of the casebook. Any later change of a value or missing reason in
// any form of the subject breaks every valid casebook signature
// (`signature_broken`, status 'broken'); signing again covers the new content.

#include "core/actor.h"
#include "core/result.h"
#include "records/clinicaldata.h"

#include <optional>

namespace cellcrf {
class Clock;
}
namespace cellcrf::auth {
class AuthService;
}

namespace cellcrf::records {

enum class SignatureMeaning
{
    Authored, // I entered or am responsible for this data
    Reviewed, // I reviewed this data
    Approved, // I approve this data (e.g. an eligibility decision, a casebook)
};

QString meaningName(SignatureMeaning meaning); // "authored", "reviewed", "approved"
std::optional<SignatureMeaning> parseMeaning(const QString &name);

struct Signature
{
    qint64 id = 0;
    QString subjectKey;
    FormKey key;
    QString signer;
    QString signerFullName;
    QString meaning;
    QString utc;
    QString contentHash;
    QString auditEventId;
    bool valid = true;
    QString brokenEventId; // the signature_broken event, once broken
};

struct CasebookSignature
{
    qint64 id = 0;
    qint64 subjectId = 0;
    QString subjectKey;
    QString signer;
    QString signerFullName;
    QString meaning;
    QString utc;
    int formCount = 0; // forms covered
    QString contentHash;
    QString auditEventId;
    bool valid = true;
    QString brokenEventId; // the signature_broken event, once broken
};

// What signing a subject's casebook would cover now, and what stands in the way.
struct CasebookReview
{
    qint64 subjectId = 0;
    QString subjectKey;
    int formCount = 0;           // forms holding data: what a signature covers
    QString contentHash;         // audit::casebookContentHash of those forms
    QStringList incompleteForms; // started forms not complete: "event/form" ("event[2]/form[3]" when repeated)
    int openQueries = 0;         // queries of the subject that are open or answered
    Status blocker;              // ok, or why the casebook cannot be signed now (without the permission check)

    bool maySign() const { return blocker.isOk(); }
};

class Signatures
{
public:
    Signatures(ClinicalData &data, auth::AuthService &auth, const Clock &clock);

    // Signs the form as it is stored now. `expectedVersion` (when >= 0) is the
    // version the signer looked at: a form changed since is refused, so nobody
    // signs what they did not see. Needs Operation::Sign; a wrong password
    // signs nothing (and counts toward the account lockout).
    Result<Signature> sign(const Actor &actor, const FormKey &key, SignatureMeaning meaning, const QString &password,
                           int expectedVersion = -1);
    // Every signature of a form, valid and broken, oldest first.
    Result<QList<Signature>> signatures(const Actor &actor, const FormKey &key) const;

    // The subject's casebook as it stands (needs only ViewData at the site).
    Result<CasebookReview> reviewCasebook(const Actor &actor, qint64 subjectId) const;
    // Signs the subject's casebook as stored now. `reviewedContentHash` is the
    // contentHash of the review the signer saw: a casebook changed since is
    // refused (Conflict). Needs Operation::Sign and the preconditions above; a
    // wrong password signs nothing (and counts toward the account lockout). A
    // signer's second signature with the same meaning over unchanged content
    // is refused as a duplicate.
    Result<CasebookSignature> signCasebook(const Actor &actor, qint64 subjectId, SignatureMeaning meaning,
                                           const QString &password, const QString &reviewedContentHash);
    // Every signature of the subject's casebook, valid and broken, oldest first.
    Result<QList<CasebookSignature>> casebookSignatures(const Actor &actor, qint64 subjectId) const;

private:
    ClinicalData &m_data;
    auth::AuthService &m_auth;
    const Clock &m_clock;
};

} // namespace cellcrf::records
