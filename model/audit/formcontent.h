#pragma once

// The canonical content of a form, and of a subject's whole casebook, that an
// electronic signature covers, and how a signature audit event records it. Both
// the signing code (model/records) and the verifier use these, so what is signed
// and what is checked cannot drift apart.

#include "core/formvalues.h"
#include "core/result.h"

#include <QList>
#include <QString>

namespace cellcrf::store {
class Database;
}

namespace cellcrf::audit {

// SHA-256 (hex) over every item that holds a value or a missing reason, in item
// oid order: "cellcrf-content-1;" then per item the length-prefixed oid, value
// and missing reason. Soft-limit confirmations are not content.
QString formContentHash(const FormValues &values);

// The stored values of one form instance.
Result<FormValues> storedFormValues(const store::Database &db, qint64 formInstanceId);

// The new_value of a `signature` audit event: "meaning=<meaning>;sha256=<hash>".
QString signatureEventValue(const QString &meaning, const QString &contentHash);

// One form of a casebook: where it sits and the formContentHash of its content.
struct CasebookForm
{
    QString eventOid;
    int eventRepeat = 1;
    QString formOid;
    int formRepeat = 1;
    QString contentHash;
};

// A subject's casebook as stored: every form instance that holds content, in
// canonical order, and the hash over them.
struct CasebookContent
{
    QString subjectKey;
    QList<CasebookForm> forms;
    QString hash;
};

// SHA-256 (hex, lower case) of a subject's casebook. The encoding is
// "cellcrf-casebook-1;", then the subject key, then for every form in order of
// event oid, event repeat, form oid, form repeat (oids compared by their UTF-8
// bytes, repeats as numbers): the event oid, the event repeat in decimal, the
// form oid, the form repeat in decimal and the form's formContentHash. Each
// field is written as "<byte length>:<UTF-8 bytes>;". Only forms that hold an
// item with a value or a missing reason are part of a casebook (a form started
// and left empty holds nothing to sign); form statuses, soft-limit
// confirmations, verification marks, queries and form signatures are not
// content. The order of `forms` as given does not matter.
QString casebookContentHash(const QString &subjectKey, QList<CasebookForm> forms);

// The stored casebook of one subject (NotFound for an unknown subject).
Result<CasebookContent> storedCasebookContent(const store::Database &db, qint64 subjectId);

// The new_value of a `casebook_signature` audit event:
// "meaning=<meaning>;sha256=<hash>;forms=<number of forms covered>".
QString casebookSignatureEventValue(const QString &meaning, const QString &contentHash, int formCount);

} // namespace cellcrf::audit
