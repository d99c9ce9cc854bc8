#pragma once

// Clinical formulas, unrounded (round only for display):
// - Cockcroft-Gault creatinine clearance: Cockcroft DW, Gault MH. Nephron
//   1976;16:31-41.
// - QT corrected by Fridericia: Fridericia LS. Acta Med Scand 1920;53:469-486.
// - Body surface area: Mosteller RD. N Engl J Med 1987;317:1098 (the default);
//   Du Bois D, Du Bois EF. Arch Intern Med 1916;17:863-871.
// - Lymphodepletion dose per day = mg/m2 x BSA, and CAR-T cells per kg
//   (CLINICAL.md "Formulas").
// Callers validate ranges; these functions assert their preconditions.

namespace cellcrf::clinical {

enum class Sex
{
    Male,
    Female
};

enum class CreatinineUnit
{
    MgPerDl,
    UmolPerL
};

// Conversion factor from µmol/L to mg/dL (molar mass of creatinine, 113.12 g/mol).
inline constexpr double kCreatinineUmolPerMgDl = 88.4;
// Women's clearance is 15% lower in the original paper.
inline constexpr double kCockcroftGaultFemaleFactor = 0.85;
// A given dose that differs from the planned one by more than this is flagged.
inline constexpr double kDoseDeviationLimitPercent = 10.0;

double creatinineToMgPerDl(double value, CreatinineUnit unit);

// mL/min from age in years, weight in kg (as entered) and creatinine in mg/dL.
double cockcroftGault(Sex sex, double ageYears, double weightKg, double creatinineMgPerDl);

// RR interval in seconds from the heart rate in beats per minute.
double rrSecondsFromHeartRate(double heartRateBpm);
// QTcF in ms from QT in ms and RR in seconds.
double qtcFridericia(double qtMs, double rrSeconds);

double bsaMosteller(double heightCm, double weightKg);
double bsaDuBois(double heightCm, double weightKg);

double dosePerDayMg(double mgPerM2, double bsaM2);
// Signed difference of the given dose from the planned one, in percent of the planned.
double doseDeviationPercent(double givenMg, double plannedMg);
// More than 10% off the planned dose in either direction; exactly 10% is not flagged.
bool doseDeviatesTooMuch(double givenMg, double plannedMg);

double carTCellsPerKg(double totalCarPositiveViableTCells, double weightKg);

} // namespace cellcrf::clinical
