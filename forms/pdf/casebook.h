#pragma once

// A subject casebook for site archiving at study close: a cover page (subject,
// site, arm, status, dates, casebook signatures), a contents page, then every
// started form in schedule order with its values as a reader needs them (coded
// values as label and code, missing-data reasons with their meaning, derived
// values marked), its status, source data verification, queries, a summary of
// its audit history and its electronic signatures, valid or broken.
//
// Reading (readCasebook) and printing (casebookHtml) are apart: the reader goes
// through the same services as the screens (records::ClinicalData and the
// auth:: services), so the actor's sites and rights apply, and the printer
// works on plain values that tests can fill in.

#include "core/actor.h"
#include "core/result.h"
#include "records/clinicaldata.h"
#include "records/queries.h"
#include "records/signatures.h"
#include "records/sourceverification.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

namespace cellcrf::pdf {

// What the audit trail says about one form instance.
struct FormAuditSummary
{
    QString createdBy;
    QString createdUtc;
    QString lastChangedBy; // the last value, missing reason, confirmation or status change (signing changes the status)
    QString lastChangedUtc;
    int dataEvents = 0;  // values, missing reasons, confirmations and status changes recorded
    int changes = 0;     // values or missing reasons replaced after they were first entered
    QStringList reasons; // the reasons for change given, each once, oldest first
};

// The audit summaries of the forms of a set of subjects, from one pass over the trail.
class AuditSummaries
{
public:
    // Reads every event of the file's trail once and keeps a summary per form
    // instance of the subjects in `subjectKeys`. `cancelled` is polled between pages.
    static Result<AuditSummaries> read(const audit::AuditTrail &trail, const QSet<QString> &subjectKeys,
                                       const std::function<bool()> &cancelled = {});

    FormAuditSummary summary(const QString &subjectKey, const records::FormKey &key) const;
    void add(const audit::AuditEvent &event);

private:
    QHash<QString, FormAuditSummary> m_forms;
    QSet<QString> m_subjects;
};

// A signature given to the whole casebook rather than to one form.
using CasebookSignature = records::CasebookSignature;

struct CasebookForm
{
    records::FormData form;
    FormAuditSummary audit;
    QList<records::Signature> signatures;
    QList<records::VerificationMark> verified;
    QList<records::DataQuery> queries;
};

struct Casebook
{
    records::Subject subject;
    QMap<QString, QDate> anchorDates; // anchor oid -> the subject's date, when entered
    QList<CasebookForm> forms;        // schedule order: event, event repeat, form within the event, form repeat
    QList<CasebookSignature> casebookSignatures;
};

// The services a casebook is read through.
struct CasebookSources
{
    const records::ClinicalData &data;
    const records::Signatures &signatures;
    const records::SourceVerification &verification;
    const records::Queries &queries;
};

// One subject's casebook as `actor` may see it (ViewData and the subject's site).
Result<Casebook> readCasebook(const CasebookSources &sources, const Actor &actor, qint64 subjectId,
                              const AuditSummaries &audit);

// The signatures given to the casebook as a whole (records::Signatures), valid
// and broken, oldest first; the cover page lists them.
Result<QList<CasebookSignature>> readCasebookSignatures(const CasebookSources &sources, const Actor &actor,
                                                        const records::Subject &subject);

// The anchor a form's heading carries, for the table of contents (index into Casebook::forms).
QString casebookFormAnchor(int index);

// The body of the casebook; `pages` gives the page of each form anchor.
QString casebookHtml(const study::Study &study, const Casebook &casebook, const QString &locale,
                     const QDateTime &generatedUtc, const QHash<QString, int> &pages = {});

// A stored value as the casebook prints it: "Female (2)", "ND (not done)", a date as stored.
QString displayValue(const study::Study &study, const study::Item &item, const ItemEntry &entry, const QString &locale);

} // namespace cellcrf::pdf
