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

#include <functional>

class QXmlStreamWriter;

namespace cellcrf::exchange {

Result<ExportResult> exportOdm(const ExportContext &context, const ExportOptions &options, const QString &directory,
                               const Progress &progress = {}, const CancelCheck &cancelled = {});

// The parts of the export that other ODM documents of this program reuse (the
// sync payload, model/sync), so that the study, its people and its history are
// written one way only. Each writes into a document the caller has opened, in
// the ODM namespace; the caller checks QXmlStreamWriter::hasError().

// "MDV.<version>": the OID of the study's MetaDataVersion.
QString odmMetaDataVersionOid(const study::Study &study);

// <Study> with the global variables, measurement units and the whole
// MetaDataVersion (every event and form, nothing de-identified).
void writeOdmStudy(QXmlStreamWriter &x, const study::Study &study);

// One person named in AdminData; the full name is left out when empty.
struct OdmUser
{
    QString loginName;
    QString fullName;
};

// <AdminData> with exactly these users, every site of the study as a Location
// and the signature meanings as SignatureDefs.
void writeOdmAdminData(QXmlStreamWriter &x, const study::Study &study, const QList<OdmUser> &users);

// Accepts the audit event ids whose changes a transactional view writes.
using OdmEventFilter = std::function<bool(const QString &eventId)>;

// The transactional history of one subject, as the transactional export
// writes it (SubjectData elements with their AuditRecords), restricted to the
// changes made by the audit events `keep` accepts. Every earlier event of the
// subject is still read, so a change knows what it replaced (Insert, Update or
// Remove). Returns the number of ItemData written.
Result<qint64> writeOdmSubjectTransactions(QXmlStreamWriter &x, const store::Database &db, const study::Study &study,
                                           const StoredSubject &subject, const OdmEventFilter &keep);

} // namespace cellcrf::exchange
