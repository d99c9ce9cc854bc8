#pragma once

// One audit event: who did what to which data, when, where and why. The
// canonical encoding defined here is what the per-device hash chain covers, so
// it must never change for events already written.

#include <QByteArray>
#include <QString>

#include <optional>

namespace cellcrf::audit {

// What an event records. The text values are stored in audit_event.action.
namespace action {
inline constexpr char SubjectCreated[] = "subject_created";
inline constexpr char SubjectStatus[] = "subject_status";
inline constexpr char ItemValue[] = "item_value";
inline constexpr char ItemMissingReason[] = "item_missing_reason";
inline constexpr char SoftLimitConfirmed[] = "soft_limit_confirmed";
inline constexpr char FormStatus[] = "form_status";
inline constexpr char StudyCreated[] = "study_created";
// Accounts and sessions (model/auth).
inline constexpr char Login[] = "login";
inline constexpr char LoginFailed[] = "login_failed";
inline constexpr char AccountLocked[] = "account_locked";
inline constexpr char PasswordChanged[] = "password_changed";
inline constexpr char UserCreated[] = "user_created";
inline constexpr char UserDisabled[] = "user_disabled";
inline constexpr char RoleGranted[] = "role_granted";
// Electronic signatures: newValue holds the meaning and the signed content hash.
inline constexpr char Signature[] = "signature";
// The signature of a subject's whole casebook (no event, form or item): newValue
// holds the meaning, the casebook content hash and the number of forms covered.
inline constexpr char CasebookSignature[] = "casebook_signature";
// A form or casebook signature whose signed content changed; a casebook's has
// no event or form and its oldValue starts with "casebook;".
inline constexpr char SignatureBroken[] = "signature_broken";
// Data clarification queries.
inline constexpr char QueryOpened[] = "query_opened";
inline constexpr char QueryAnswered[] = "query_answered";
inline constexpr char QueryClosed[] = "query_closed";
inline constexpr char QueryReopened[] = "query_reopened";
// Source data verification.
inline constexpr char SdvVerified[] = "sdv_verified";
inline constexpr char SdvCleared[] = "sdv_cleared";
// Locks of a form, a subject or the whole study.
inline constexpr char Locked[] = "locked";
inline constexpr char Unlocked[] = "unlocked";
inline constexpr char Export[] = "export";
} // namespace action

struct AuditEvent
{
    qint64 seq = 0;  // local row order
    QString eventId; // "<device id>:<counter>", globally unique
    QString deviceId;
    qint64 deviceCounter = 0;
    QString userName;
    QString userRole;
    QString utc; // ISO 8601 UTC with milliseconds, e.g. 2026-11-21T08:00:00.000Z
    int siteOffsetMinutes = 0;
    QString action;
    QString subjectKey;
    QString eventOid;
    int eventRepeat = 0;
    QString formOid;
    int formRepeat = 0;
    QString itemOid;
    std::optional<QString> oldValue; // nullopt: there was no value
    std::optional<QString> newValue; // nullopt: there is no value now
    QString reason;
    QString replacesEventId; // the event that set the value this one changes
    QString prevHash;
    QString hash;

    // Length-prefixed encoding of every field but seq and the hashes.
    QByteArray canonicalEncoding() const;
    // SHA-256 (hex) of prevHash followed by the canonical encoding.
    QString computeHash() const;
};

// The prevHash of a device's first event.
QString genesisHash();

} // namespace cellcrf::audit
