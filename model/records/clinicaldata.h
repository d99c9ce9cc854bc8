#pragma once

// ClinicalData is the one service through which subjects and form data are read
// and written. Every write checks the actor's role and sites (auth::Permissions)
// and the locks, validates against the study definition, checks the form's
// version (optimistic concurrency between windows and workstations), and writes
// values, status and audit events in one transaction: all of it or none. A
// changed value clears its source data verification and breaks the form's
// signatures and the signatures of the subject's casebook, audited in the same
// transaction. Every path that writes clinical data (a form typed in, a sync
// import, a randomization) goes through this class, so the checks and the audit
// events cannot differ between paths (DESIGN.md §1).

#include "audit/audittrail.h"
#include "core/actor.h"
#include "core/formvalues.h"
#include "core/result.h"
#include "rules/validator.h"
#include "study/study.h"

#include <QDate>
#include <QList>
#include <QString>

namespace cellcrf {
class Clock;
}
namespace cellcrf::store {
class Database;
}

namespace cellcrf::records {

namespace subjectstatus {
inline constexpr char Screening[] = "screening";
inline constexpr char ScreenFailed[] = "screen_failed";
inline constexpr char OnStudy[] = "on_study";
inline constexpr char Randomized[] = "randomized";
inline constexpr char Completed[] = "completed";
inline constexpr char Withdrawn[] = "withdrawn";
inline constexpr char Died[] = "died";
} // namespace subjectstatus

namespace formstatus {
inline constexpr char NotStarted[] = "not_started";
inline constexpr char Incomplete[] = "incomplete";
inline constexpr char Complete[] = "complete";
inline constexpr char Verified[] = "verified";
inline constexpr char Signed[] = "signed";
inline constexpr char Locked[] = "locked";
} // namespace formstatus

struct Subject
{
    qint64 id = 0;
    QString key; // study-wide subject id: <site>-<screening number>
    QString siteOid;
    QString screeningNumber;
    QString initials;
    QString status;
    QString armOid;
    QString randomizationNumber;
    QString createdUtc;
};

struct NewSubject
{
    QString siteOid;
    QString screeningNumber;
    QString initials;
};

// Identifies one form of one subject at one event.
struct FormKey
{
    qint64 subjectId = 0;
    QString eventOid;
    int eventRepeat = 1;
    QString formOid;
    int formRepeat = 1;
};

struct FormData
{
    FormKey key;
    qint64 instanceId = 0; // 0 while not started
    QString status = QString::fromLatin1(formstatus::NotStarted);
    int version = 0;
    QString definitionVersion;
    QString updatedUtc;
    QString updatedBy;
    FormValues values;
};

struct SaveRequest
{
    FormKey key;
    int expectedVersion = 0;            // the version the user's copy was loaded at
    FormValues values;                  // the whole form as the user sees it
    bool complete = false;              // mark complete: refused while anything blocks completion
    QString reason;                     // reason for change, for every saved value that changes
    QMap<QString, QString> itemReasons; // a reason for one item, overriding `reason`
};

struct [[nodiscard]] SaveOutcome
{
    Status status;
    rules::ValidationResult validation;
    int version = 0;
    QString formStatus;
    QStringList changedItems;
    QStringList itemsNeedingReason; // when refused for want of a reason
};

class ClinicalData
{
public:
    ClinicalData(store::Database &db, const study::Study &study, const Clock &clock);

    const study::Study &study() const { return m_study; }
    store::Database &database() const { return m_db; }
    audit::AuditTrail &auditTrail() { return m_audit; }
    const Clock &clock() const { return m_clock; }

    // Subjects
    Result<Subject> registerSubject(const Actor &actor, const NewSubject &subject);
    Result<QList<Subject>> subjects(const Actor &actor) const;
    Result<Subject> subject(const Actor &actor, qint64 subjectId) const;
    Result<Subject> subjectByKey(const Actor &actor, const QString &key) const;
    Status setSubjectStatus(const Actor &actor, qint64 subjectId, const QString &status, const QString &reason);
    Status setSubjectArm(const Actor &actor, qint64 subjectId, const QString &armOid,
                         const QString &randomizationNumber);

    // Forms
    Result<FormData> loadForm(const Actor &actor, const FormKey &key) const;
    // Validates without saving (what the form view shows as the user types).
    Result<rules::ValidationResult> validate(const Actor &actor, const FormKey &key, const FormValues &values,
                                             const QString &locale = QStringLiteral("en")) const;
    SaveOutcome saveForm(const Actor &actor, const SaveRequest &request);
    // Every form instance of a subject that has been started.
    Result<QList<FormData>> formsOfSubject(const Actor &actor, qint64 subjectId, bool withValues = false) const;

    // The stored value of one item in the first instance of a form (any event),
    // for references across forms ("dm.brthdtc") and anchor dates.
    std::optional<QString> firstValue(qint64 subjectId, const QString &formOid, const QString &itemOid) const;
    // The date of an anchor (infusion, randomization) for a subject, if entered.
    std::optional<QDate> anchorDate(qint64 subjectId, const QString &anchorOid) const;

    // Counts for status displays and tests.
    qint64 subjectCount() const;

    // Ok, or ErrorCode::Locked with who locked what and when, if the study, the
    // subject or the form instance (0: none yet) is locked (see DataLocks).
    Status checkUnlocked(const Subject &subject, qint64 formInstanceId) const;
    int siteUtcOffset(const QString &siteOid) const;

private:
    // Who saves what and when, for the steps of saveForm that write.
    struct FormWrite
    {
        const Actor &actor;
        const Subject &subject;
        const FormKey &key;
        QString utc;    // one time for every row and audit event of the save
        int siteOffset; // minutes east of UTC at the subject's site
    };
    // One item whose entry differs from what is stored (null: none).
    struct ItemChange
    {
        const study::Item *item;
        const ItemEntry *before;
        const ItemEntry *after;
    };

    // The steps of saveForm, in the order it takes them.
    // The actor may enter data and see the subject.
    Result<Subject> authoriseSave(const Actor &actor, const FormKey &key) const;
    // The form exists at the event, repeats only where it may, and has every item sent.
    Result<const study::Form *> formOfRequest(const SaveRequest &request) const;
    // Validates and computes calculated and derived items into `validation`;
    // refuses what may not be saved, or completed when completion is asked.
    Status validateForSave(const SaveRequest &request, const study::Form &form,
                           rules::ValidationResult &validation) const;
    // Inside the transaction: the rest of the steps.
    Status writeForm(const FormWrite &write, const study::Form &form, const SaveRequest &request, SaveOutcome &out);
    // The committed form, refused when locked or at another version than the user's copy.
    Result<FormData> loadCurrentVersion(const FormWrite &write, int expectedVersion) const;
    // What changes, refused (ReasonRequired, naming the items) when a saved value
    // changes without a reason.
    static Result<QList<ItemChange>> changesOf(const study::Form &form, const FormData &current,
                                               const FormValues &newValues, const SaveRequest &request,
                                               QStringList &itemsNeedingReason);
    static QString statusAfterSave(const FormData &current, const QList<ItemChange> &changes, bool complete);
    // Creates or updates the form instance; its new version goes to `version`.
    Result<qint64> writeInstance(const FormWrite &write, const FormData &current, const QString &newStatus,
                                 int &version);
    static audit::AuditEvent formEvent(const FormWrite &write, const QString &action, const QString &itemOid);
    // Each changed value, missing reason and soft-limit confirmation, with its audit event.
    Status writeValues(const FormWrite &write, qint64 instanceId, const QList<ItemChange> &changes,
                       const SaveRequest &request, QStringList &changedItems);
    // The audit events of one changed item (value, missing reason, soft-limit
    // confirmation); gives the id of the event its stored value now comes from.
    Result<QString> auditItemChange(const FormWrite &write, qint64 instanceId, const ItemChange &change,
                                    const QString &reason, QStringList &changedItems);
    // The item's row: removed when nothing is left, else written with that event id.
    Status storeItemEntry(qint64 instanceId, const ItemChange &change, const QString &valueEventId);
    // What a change of content undoes: source data verification, form and casebook signatures.
    Status applyChangedContent(const FormWrite &write, qint64 instanceId, const QStringList &changedItems);

    Result<Subject> readSubject(const QString &where, const QVariant &value) const;
    Status checkSiteAccess(const Actor &actor, const Subject &subject) const;
    int siteOffset(const QString &siteOid) const;
    // Inside saveForm's transaction (applyChangedContent): a changed value loses
    // its verification and every valid signature of the form breaks, each audited.
    Status clearVerification(const Actor &actor, const Subject &subject, const FormKey &key, qint64 instanceId,
                             const QStringList &items, const QString &nowUtc);
    Status breakSignatures(const Actor &actor, const Subject &subject, const FormKey &key, qint64 instanceId,
                           const QStringList &items, const QString &nowUtc);
    // Inside saveForm's transaction: every valid signature of the subject's
    // casebook breaks when any of its forms changes content, each audited.
    Status breakCasebookSignatures(const Actor &actor, const Subject &subject, const FormKey &key,
                                   const QStringList &items, const QString &nowUtc);

    store::Database &m_db;
    const study::Study &m_study;
    const Clock &m_clock;
    audit::AuditTrail m_audit;
};

} // namespace cellcrf::records
