#pragma once

// Internal to model/clinical: the JSON adapters of the `icaht`, `hematotox` and
// `iechs` derivations (CLINICAL.md "Derivation inputs"). Each reads the named
// inputs, refuses what it cannot use with an error naming the field, and writes
// the outputs with `review` and `reasons`. derive() dispatches here.

#include <QJsonObject>
#include <QStringList>

namespace cellcrf::clinical {

// `inputs` is every input name the derivation understands (its registry entry).
QJsonObject deriveIcaht(const QStringList &inputs, const QJsonObject &json);
QJsonObject deriveHematotox(const QStringList &inputs, const QJsonObject &json);
QJsonObject deriveIechs(const QStringList &inputs, const QJsonObject &json);

} // namespace cellcrf::clinical
