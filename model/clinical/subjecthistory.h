#pragma once

// Reads what the time-to-event endpoints need (endpoints.h) from the forms a
// subject has in a study database, and writes the per-subject endpoints dataset.
// The item names are those of the study definitions' response, survival,
// infusion and randomization forms (resources/studies/*/forms).

#include "clinical/endpoints.h"
#include "clinical/episodes.h"
#include "clinical/response.h"
#include "core/actor.h"
#include "core/result.h"

#include <QTextStream>

#include <functional>

namespace cellcrf::store {
class ClinicalData;
}

namespace cellcrf::clinical {

Result<SubjectHistory> readSubjectHistory(const store::ClinicalData &data, const Actor &actor, qint64 subjectId);

// One CSV row per subject with endpoints: for S1904 every randomized subject
// (EFS, RFS, cumulative incidence of relapse, OS from randomization), for the
// paediatric study every infused subject (best response by day 28, remission,
// EFS and OS at 1 and 3 months). Returns the number of rows written, or
// ErrorCode::Cancelled when `cancelled` says so before a subject is read.
Result<int> writeEndpointsCsv(const store::ClinicalData &data, const Actor &actor, QTextStream &out,
                              const std::function<void(int done, int total)> &progress = {},
                              const std::function<bool()> &cancelled = {});

// S1904: may the subject be randomized (MLFS or better and MRD negative within 12
// weeks of infusion), from the stored response assessments.
Result<RandomizationEligibility> randomizationEligibilityOf(const store::ClinicalData &data, const Actor &actor,
                                                            qint64 subjectId);

// The daily CRS/ICANS assessments of a subject in date order. The grade of a day
// is the derived one the investigator confirmed, or the investigator's override.
Result<QList<DailyAssessment>> readDailyAssessments(const store::ClinicalData &data, const Actor &actor,
                                                    qint64 subjectId);

// One CSV row per CRS or ICANS episode of every subject the actor may see: onset,
// maximum grade and its date, resolution, duration, tocilizumab, corticosteroids
// and ICU transfer (the fields CIBMTR and EBMT registries ask for).
Result<int> writeEpisodesCsv(const store::ClinicalData &data, const Actor &actor, QTextStream &out,
                             const std::function<void(int done, int total)> &progress = {});

} // namespace cellcrf::clinical
