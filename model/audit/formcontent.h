#pragma once

// The canonical content of a form that an electronic signature covers, and how a
// signature audit event records it. Both the signing code (model/auth) and the
// verifier use these, so what is signed and what is checked cannot drift apart.

#include "core/formvalues.h"
#include "core/result.h"

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

} // namespace cellcrf::audit
