#pragma once

// CDISC ODM 1.3.2 snapshot export (EXCHANGE.md §3): study metadata, admin data
// (users and sites) and the clinical data, streamed subject by subject with
// QXmlStreamWriter. Every file validates against the official schema.

#include "exchange/exportcommon.h"

namespace cellcrf::exchange {

Result<ExportResult> exportOdm(const ExportContext &context, const ExportOptions &options, const QString &directory,
                               const Progress &progress = {}, const CancelCheck &cancelled = {});

} // namespace cellcrf::exchange
