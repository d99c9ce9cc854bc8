#pragma once

// CDISC ODM 1.3.2 export (EXCHANGE.md §3): study metadata, admin data (users,
// sites, signature meanings) and the clinical data, streamed subject by subject
// with QXmlStreamWriter. Every file validates against the official schema.
//
// A snapshot holds the current values. With ExportOptions::transactional the
// file holds the full history instead: every change of an item value from the
// audit trail as an Insert, Update or Remove transaction in document order,
// each with one AuditRecord (user, site, time with the site's offset, reason
// for change, audit event id as SourceID), and every signature as a Signature
// of its form. The date range then selects changes by the time they were made.

#include "exchange/exportcommon.h"

namespace cellcrf::exchange {

Result<ExportResult> exportOdm(const ExportContext &context, const ExportOptions &options, const QString &directory,
                               const Progress &progress = {}, const CancelCheck &cancelled = {});

} // namespace cellcrf::exchange
