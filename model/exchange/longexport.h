#pragma once

// Tidy exports (EXCHANGE.md §2): the long CSV with one row per item value, and
// the audit trail with one row per audit event and its hash. Both are meant
// for spreadsheets and statistics packages, so both carry the formula guard.

#include "exchange/exportcommon.h"

namespace cellcrf::exchange {

QStringList longCsvHeader();
QStringList auditCsvHeader();

Result<ExportResult> exportLongCsv(const ExportContext &context, const ExportOptions &options, const QString &directory,
                                   const Progress &progress = {}, const CancelCheck &cancelled = {});

// Sites, events and forms filter the events about subject data; the date range
// filters by event time. Events not about a subject (logins, accounts) are
// included only when no site is chosen.
Result<ExportResult> exportAuditCsv(const ExportContext &context, const ExportOptions &options,
                                    const QString &directory, const Progress &progress = {},
                                    const CancelCheck &cancelled = {});

} // namespace cellcrf::exchange
