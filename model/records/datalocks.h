#pragma once

// DataLocks freezes data: a data manager locks one form, one subject or the
// whole study (database lock); ClinicalData refuses every change to locked data
// with ErrorCode::Locked, as do signing and verification. Unlocking needs a
// reason. Each lock and unlock is an audit event in the same transaction.

#include "core/actor.h"
#include "core/result.h"
#include "records/clinicaldata.h"

namespace cellcrf {
class Clock;
}

namespace cellcrf::records {

enum class LockScope
{
    Form,
    Subject,
    Study,
};

struct LockInfo
{
    LockScope scope = LockScope::Study;
    QString target; // form instance id, subject id, or empty for the study
    QString lockedBy;
    QString utc;
};

class DataLocks
{
public:
    DataLocks(ClinicalData &data, const Clock &clock);

    // Each needs Operation::Lock; the form must have been entered.
    Status lockForm(const Actor &actor, const FormKey &key, const QString &reason = {});
    Status lockSubject(const Actor &actor, qint64 subjectId, const QString &reason = {});
    // Needs access to every site.
    Status lockStudy(const Actor &actor, const QString &reason = {});

    // Each needs Operation::Unlock and a reason.
    Status unlockForm(const Actor &actor, const FormKey &key, const QString &reason);
    Status unlockSubject(const Actor &actor, qint64 subjectId, const QString &reason);
    Status unlockStudy(const Actor &actor, const QString &reason);

    Result<QList<LockInfo>> locks() const;

private:
    Status writeLock(const Actor &actor, const QString &scope, const QString &target, const Subject *subject,
                     const FormKey *key, const FormData *form, const QString &reason);
    Status writeUnlock(const Actor &actor, const QString &scope, const QString &target, const Subject *subject,
                       const FormKey *key, const FormData *form, const QString &reason);

    ClinicalData &m_data;
    const Clock &m_clock;
};

// Records an export (CSV, ODM) as an audit event after checking
// Operation::Export; the exchange code calls it before writing any file, so
// a refused export writes nothing. `what` names the format and scope.
Status recordExport(ClinicalData &data, const Actor &actor, const QString &what);

} // namespace cellcrf::records
