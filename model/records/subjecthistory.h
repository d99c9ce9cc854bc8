#pragma once

// Reads what the clinical derivations of a subject need from the forms it has in
// a study database: the history the time-to-event endpoints are computed from
// (clinical/endpoints.h), S1904's randomization eligibility, and the daily
// CRS/ICANS assessments that episodes are derived from (clinical/episodes.h).
// The item names are those of the study definitions' response, survival,
// infusion, randomization and CRS/ICANS forms (resources/studies/*/forms). The
// datasets written from them are exchange/datasets.h.

#include "clinical/endpoints.h"
#include "clinical/episodes.h"
#include "clinical/response.h"
#include "core/actor.h"
#include "core/result.h"

namespace cellcrf::records {

class ClinicalData;

Result<clinical::SubjectHistory> readSubjectHistory(const ClinicalData &data, const Actor &actor, qint64 subjectId);

// S1904: may the subject be randomized (MLFS or better and MRD negative within 12
// weeks of infusion), from the stored response assessments.
Result<clinical::RandomizationEligibility> randomizationEligibilityOf(const ClinicalData &data, const Actor &actor,
                                                                      qint64 subjectId);

// The daily CRS/ICANS assessments of a subject in date order. The grade of a day
// is the derived one the investigator confirmed, or the investigator's override.
Result<QList<clinical::DailyAssessment>> readDailyAssessments(const ClinicalData &data, const Actor &actor,
                                                              qint64 subjectId);

} // namespace cellcrf::records
