#include "formulas.h"

#include <QtGlobal>

#include <cmath>

namespace cellcrf::clinical {

double creatinineToMgPerDl(double value, CreatinineUnit unit)
{
    return unit == CreatinineUnit::UmolPerL ? value / kCreatinineUmolPerMgDl : value;
}

double cockcroftGault(Sex sex, double ageYears, double weightKg, double creatinineMgPerDl)
{
    Q_ASSERT(creatinineMgPerDl > 0.0);
    const double clearance = (140.0 - ageYears) * weightKg / (72.0 * creatinineMgPerDl);
    return sex == Sex::Female ? clearance * kCockcroftGaultFemaleFactor : clearance;
}

double rrSecondsFromHeartRate(double heartRateBpm)
{
    Q_ASSERT(heartRateBpm > 0.0);
    return 60.0 / heartRateBpm;
}

double qtcFridericia(double qtMs, double rrSeconds)
{
    Q_ASSERT(rrSeconds > 0.0);
    return qtMs / std::cbrt(rrSeconds);
}

double bsaMosteller(double heightCm, double weightKg)
{
    return std::sqrt(heightCm * weightKg / 3600.0);
}

double bsaDuBois(double heightCm, double weightKg)
{
    return 0.007184 * std::pow(weightKg, 0.425) * std::pow(heightCm, 0.725);
}

double dosePerDayMg(double mgPerM2, double bsaM2)
{
    return mgPerM2 * bsaM2;
}

double doseDeviationPercent(double givenMg, double plannedMg)
{
    Q_ASSERT(plannedMg > 0.0);
    return (givenMg - plannedMg) / plannedMg * 100.0;
}

bool doseDeviatesTooMuch(double givenMg, double plannedMg)
{
    // The tolerance keeps a dose of exactly planned x 1.10 from being flagged by
    // binary rounding; doses are recorded to 0.1 mg at best.
    return std::abs(doseDeviationPercent(givenMg, plannedMg)) > kDoseDeviationLimitPercent + 1e-9;
}

double carTCellsPerKg(double totalCarPositiveViableTCells, double weightKg)
{
    Q_ASSERT(weightKg > 0.0);
    return totalCarPositiveViableTCells / weightKg;
}

} // namespace cellcrf::clinical
