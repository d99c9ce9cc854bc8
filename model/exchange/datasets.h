#pragma once

// The per-subject datasets a statistician analyses, as CSV: the time-to-event
// endpoints and the CRS/ICANS episodes, computed by the clinical derivations
// (clinical/endpoints.h, clinical/episodes.h) from what records/subjecthistory.h
// reads of each subject the actor may see.

#include "core/actor.h"
#include "core/result.h"

#include <QTextStream>

#include <functional>

namespace cellcrf::records {
class ClinicalData;
}

namespace cellcrf::exchange {

// One CSV row per subject with endpoints: for S1904 every randomized subject
// (EFS, RFS, cumulative incidence of relapse, OS from randomization), for the
// paediatric study every infused subject (best response by day 28, remission,
// EFS and OS at 1 and 3 months). Returns the number of rows written, or
// ErrorCode::Cancelled when `cancelled` says so before a subject is read.
Result<int> writeEndpointsCsv(const records::ClinicalData &data, const Actor &actor, QTextStream &out,
                              const std::function<void(int done, int total)> &progress = {},
                              const std::function<bool()> &cancelled = {});

// One CSV row per CRS or ICANS episode of every subject the actor may see: onset,
// maximum grade and its date, resolution, duration, tocilizumab, corticosteroids
// and ICU transfer (the fields CIBMTR and EBMT registries ask for).
Result<int> writeEpisodesCsv(const records::ClinicalData &data, const Actor &actor, QTextStream &out,
                             const std::function<void(int done, int total)> &progress = {});

} // namespace cellcrf::exchange
