#pragma once

// The REDCap-compatible export of EXCHANGE.md §1: data file, data dictionary,
// events, instrument-event mapping, repeating instruments and our manifest.
// The data file is streamed subject by subject.

#include "exchange/exportcommon.h"

namespace cellcrf::exchange {

// The 18 headers of a REDCap data dictionary, exactly as REDCap writes them.
QStringList redcapDictionaryHeader();
// The dictionary rows (without the header) for `study` under `options`.
QList<QStringList> redcapDictionaryRows(const study::Study &study, const ExportOptions &options);
// A show-if expression in REDCap branching-logic syntax; empty when the
// expression uses something REDCap cannot express.
QString redcapBranchingLogic(const study::Study &study, const QString &formOid, const QString &expression);

// Writes every file into `directory` (which must exist). Checks the export
// permission first and audits the export with the files' hashes at the end.
Result<ExportResult> exportRedcap(const ExportContext &context, const ExportOptions &options, const QString &directory,
                                  const Progress &progress = {}, const CancelCheck &cancelled = {});

} // namespace cellcrf::exchange
