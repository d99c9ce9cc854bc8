#pragma once

// Signatures applies electronic signatures to forms (21 CFR Part 11 §11.50,
// §11.70, §11.200): the signer re-enters the password, chooses what the
// signature means, and the signature records the signer's name, the UTC time,
// the meaning and the SHA-256 of the form's canonical content
// (audit::formContentHash), both in the signature table and as a `signature`
// audit event. ClinicalData::saveForm breaks a signature when the signed
// content changes; audit::verify detects a signature record that was altered.

#include "core/actor.h"
#include "core/result.h"
#include "store/clinicaldata.h"

#include <optional>

namespace cellcrf {
class Clock;
}

namespace cellcrf::auth {

class AuthService;

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
    store::FormKey key;
    QString signer;
    QString signerFullName;
    QString meaning;
    QString utc;
    QString contentHash;
    QString auditEventId;
    bool valid = true;
    QString brokenEventId; // the signature_broken event, once broken
};

class Signatures
{
public:
    Signatures(store::ClinicalData &data, AuthService &auth, const Clock &clock);

    // Signs the form as it is stored now. `expectedVersion` (when >= 0) is the
    // version the signer looked at: a form changed since is refused, so nobody
    // signs what they did not see. Needs Operation::Sign; a wrong password
    // signs nothing (and counts toward the account lockout).
    Result<Signature> sign(const Actor &actor, const store::FormKey &key, SignatureMeaning meaning,
                           const QString &password, int expectedVersion = -1);
    // Every signature of a form, valid and broken, oldest first.
    Result<QList<Signature>> signatures(const Actor &actor, const store::FormKey &key) const;

private:
    store::ClinicalData &m_data;
    AuthService &m_auth;
    const Clock &m_clock;
};

} // namespace cellcrf::auth
