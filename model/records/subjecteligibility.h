#pragma once

// Eligibility of one subject as the screening forms of a study database record
// it: the data-decided criteria of clinical/eligibility.h evaluated from the stored
// demographics and screening items, the investigator's recorded decision, and
// whether that decision is signed. A subject is eligible only when every
// evaluated criterion is met, the decision says eligible, and a valid
// investigator signature covers the screening form (PROTOCOLS.md).

#include "clinical/eligibility.h"
#include "core/actor.h"
#include "core/result.h"

namespace cellcrf {
class Clock;
}
namespace cellcrf::records {

class ClinicalData;

struct SubjectEligibility
{
    QList<clinical::CriterionResult> criteria;
    int met = 0;
    int notMet = 0;
    int missing = 0;
    QString decision; // the recorded decision code (eligible / not_eligible), empty if none
    bool decisionSigned = false;
    QString signedBy;
    bool eligible = false;
    QString summary; // one sentence for the panel and the CLI
};

// The screening fields eligibility.h reads, built from a subject's stored forms.
Result<QJsonObject> screeningFieldsOf(const ClinicalData &data, const Actor &actor, qint64 subjectId);

Result<SubjectEligibility> assessSubjectEligibility(ClinicalData &data, const Actor &actor, qint64 subjectId,
                                                    const Clock &clock);

} // namespace cellcrf::records
