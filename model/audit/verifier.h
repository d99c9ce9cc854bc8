#pragma once

// Verifier checks that a database's audit trail is whole: every device's chain
// is contiguous and every hash matches its event, the newest event of each chain
// is the one the device table last recorded (nothing cut off the end), and every
// current value is the one its latest audit event set. Electronic signatures
// (of forms and of casebooks), verification marks, locks and query messages must
// each match the audit event that recorded them, and a valid signature must
// still cover its form's (or its subject's casebook's) content.

#include "core/result.h"

#include <QList>
#include <QString>

#include <functional>

namespace cellcrf::store {
class Database;
}

namespace cellcrf::audit {

struct VerificationProblem
{
    QString eventId; // the first event found wrong (or empty for table-level problems)
    qint64 seq = 0;
    QString description;
};

struct VerificationReport
{
    qint64 eventsChecked = 0;
    int devicesChecked = 0;
    qint64 valuesChecked = 0;
    qint64 signaturesChecked = 0;        // form and casebook signatures
    QList<VerificationProblem> problems; // the first problem of each chain, then value mismatches

    bool isOk() const { return problems.isEmpty(); }
};

// `progress` is called now and then with the number of events checked so far.
Result<VerificationReport> verify(const store::Database &db,
                                  const std::function<void(qint64 done, qint64 total)> &progress = {});

} // namespace cellcrf::audit
