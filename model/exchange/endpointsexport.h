#pragma once

// The per-subject endpoints dataset (exchange::writeEndpointsCsv, datasets.h) as an export:
// one CSV and a manifest with its hash, written only when complete, checked
// against the export right and audited like the formats of EXCHANGE.md.

#include "exchange/exportcommon.h"

namespace cellcrf::records {
class ClinicalData;
}

namespace cellcrf::exchange {

// Writes <STUDY>_ENDPOINTS_<stamp>.csv and <STUDY>_endpoints_manifest.json into
// `directory`. Of the options only `sites` and `bom` apply; the others are
// refused with InvalidInput, since the dataset is derived from whole casebooks.
// A cancel stops before the next subject and leaves no file behind.
Result<ExportResult> exportEndpoints(const ExportContext &context, const records::ClinicalData &data,
                                     const ExportOptions &options, const QString &directory,
                                     const Progress &progress = {}, const CancelCheck &cancelled = {});

} // namespace cellcrf::exchange
