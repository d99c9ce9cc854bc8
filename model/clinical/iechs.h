#pragma once

// Immune effector cell-associated HLH-like syndrome (IEC-HS): whether the
// criteria are met, with the features found, and its grade 1-5, after the ASTCT
// consensus: Hines MR, Knight TE, McNerney KO, et al. Immune effector
// cell-associated hemophagocytic lymphohistiocytosis-like syndrome. Transplant
// Cell Ther 2023;29(7):438.e1-438.e16, in the reading of CLINICAL.md "IEC-HS
// (HLH-like syndrome)". All its thresholds and grade definitions are still to be
// checked against the paper, so the reasons call them provisional.
//
// The criteria are met when all four hold:
// A. ferritin above 2 x the upper limit (2 x baseline when the baseline was
//    already above it), and/or rising fast;
// B. at least one of: new or worsening cytopenia, AST or ALT above 5 x the upper
//    limit (5 x baseline when abnormal before), fibrinogen below 150 mg/dL or
//    below the lab's lower limit, hemophagocytosis;
// C. onset without CRS, as CRS settles, after CRS, or as inflammation worsens
//    again after first improving;
// D. the investigator finds no better cause.
//
// An input is required only when the answer depends on it: once one criterion
// is clearly not met the others need no data. The open cases (a value exactly on
// 2x, 5x or 150; a baseline ferritin already high when ULN and baseline disagree;
// features during CRS that is still worsening) set `review` when reading them the
// other way would change whether the criteria are met.

#include "core/result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cellcrf::clinical {

// ---- Thresholds (Hines 2023; all provisional) ----
inline constexpr double kIechsFerritinTimesReference = 2.0;     // ferritin > 2 x ULN (or baseline)
inline constexpr double kIechsTransaminaseTimesReference = 5.0; // AST/ALT > 5 x ULN (or baseline)
inline constexpr double kIechsFibrinogenBelowMgDl = 150.0;      // fibrinogen < 150 mg/dL

enum class Hemophagocytosis
{
    Yes,
    No,
    NotAssessed,
};

enum class CrsStatusAtOnset
{
    NoCrs,
    CrsResolving,
    CrsResolved,
    WorseningAfterInitialImprovement,
    CrsActiveWorsening, // open case: the criteria name no onset during worsening CRS
};

// Treatments for IEC-HS (grade 2). Steroids given for CRS or ICANS are not one.
enum class IechsIntervention
{
    CorticosteroidsForIechs,
    Anakinra,
    Emapalumab,
    Ruxolitinib,
    OtherIechsImmunosuppression,
    FibrinogenOrCryoprecipitate,
};

enum class IechsComplication
{
    BleedingRequiringTransfusion,          // grade 3
    NewAcuteKidneyInjury,                  // grade 3
    HospitalizationRequiredOrProlonged,    // grade 3
    LifeThreateningBleeding,               // grade 4
    LifeThreateningHypotension,            // grade 4
    RespiratoryFailureRequiringIntubation, // grade 4
    AkiRequiringDialysis,                  // grade 4
};

struct IechsInput
{
    std::optional<double> ferritinNgMl; // peak
    std::optional<double> ferritinUlnNgMl;
    std::optional<double> ferritinBaselineNgMl; // at infusion
    std::optional<bool> ferritinRapidlyRising;
    std::optional<bool> cytopeniaNewOrWorsening;
    std::optional<double> astOrAltPeakUL;
    std::optional<double> astOrAltUlnUL;
    std::optional<double> astOrAltBaselineUL;
    std::optional<double> fibrinogenMgDl;
    std::optional<double> fibrinogenLlnMgDl;
    std::optional<Hemophagocytosis> hemophagocytosis;
    std::optional<CrsStatusAtOnset> crsStatusAtOnset;
    std::optional<bool> alternativeCause;
    QStringList otherFeatures; // codes of iechsOtherFeatureCodes(): recorded, never deciding
    QList<IechsIntervention> interventions;
    QList<IechsComplication> complications;
    bool deathDueToIechs = false;
};

struct IechsResult
{
    bool criteriaMet = false;
    int grade = 0; // 0 when the criteria are not met
    bool review = false;
    QStringList featuresFound; // in words, for the reasons and the form
    QStringList reasons;
};

// Decides the criteria and the grade. An input the answer depends on that is
// missing gives an InvalidInput error whose detail() names the field.
Result<IechsResult> gradeIechs(const IechsInput &input);

// Input codes of the derivation contract, in CLINICAL.md order.
const QStringList &hemophagocytosisCodes();
const QStringList &crsStatusAtOnsetCodes();
const QStringList &iechsOtherFeatureCodes();
const QStringList &iechsInterventionCodes();
const QStringList &iechsComplicationCodes();

} // namespace cellcrf::clinical
