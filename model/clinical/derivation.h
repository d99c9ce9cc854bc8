#pragma once

// The registry of clinical derivations (CLINICAL.md): each reads a JSON object of
// named inputs and returns a JSON object with its outputs plus `review` and
// `reasons`, or an `error` naming the field. This is the contract of
// `cellcrf-cli derive NAME` and of Derived items in study definitions.

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace cellcrf::clinical {

struct DerivationInfo
{
    QString name;        // crs, icans, crcl, qtcf, bsa, dose, response, icaht, hematotox, iechs
    QString description; // one line, for --help
    QStringList inputs;  // every input name it understands
    QStringList outputs; // every output field it can produce
};

const QList<DerivationInfo> &derivations();
const DerivationInfo *findDerivation(const QString &name);

// Runs a derivation. An unknown name or invalid input yields {"error": "...",
// "field": "..."} and never a result value.
QJsonObject derive(const QString &name, const QJsonObject &input);

} // namespace cellcrf::clinical
