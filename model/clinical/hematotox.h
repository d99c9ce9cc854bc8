#pragma once

// The CAR-HEMATOTOX score before lymphodepletion, which predicts how long and
// how deep the cytopenias after CAR-T will be: Rejeski K, Perez A, Sesques P, et
// al. CAR-HEMATOTOX: a model for CAR T-cell-related hematologic toxicity in
// relapsed/refractory large B-cell lymphoma. Blood 2021;138(24):2499-2513, in the
// reading of CLINICAL.md "CAR-HEMATOTOX (before lymphodepletion)". Every cut-off
// is still to be checked against the paper, so the reasons call them provisional.
// The score was validated in large B-cell lymphoma and myeloma, not in B-ALL: it
// is shown as information.
//
// The paper's table leaves exactly 1.2 (ANC), 9.0 (hemoglobin) and 3.0 (CRP)
// without points (> and < only). Such a value is counted with the point, and
// like every value exactly on a cut-off it sets `review` when the other reading
// would change the risk group.

#include <QString>
#include <QStringList>

#include <optional>

namespace cellcrf::clinical {

// ---- Cut-offs (Rejeski 2021, Figure 1; all provisional) ----
inline constexpr double kHematotoxPlateletsLowE9PerL = 75.0;   // < 75: 2 points; 75-175: 1 point
inline constexpr double kHematotoxPlateletsHighE9PerL = 175.0; // > 175: 0 points
inline constexpr double kHematotoxAncE9PerL = 1.2;             // < 1.2: 1 point; > 1.2: 0
inline constexpr double kHematotoxHemoglobinGDl = 9.0;         // < 9.0: 1 point; > 9.0: 0
inline constexpr double kHematotoxCrpMgDl = 3.0;               // > 3.0: 1 point; < 3.0: 0
inline constexpr double kHematotoxFerritinLowNgMl = 650.0;     // < 650: 0; 650-2000: 1 point
inline constexpr double kHematotoxFerritinHighNgMl = 2000.0;   // > 2000: 2 points
inline constexpr int kHematotoxHighRiskMinScore = 2;           // 0-1 low risk, 2-7 high risk

enum class CountUnit
{
    PerUl,  // cells per µL
    E9PerL, // x 10^9/L
};

enum class HemoglobinUnit
{
    GPerDl,
    GPerL,
};

enum class CrpUnit
{
    MgPerDl,
    MgPerL,
};

enum class HematotoxRisk
{
    Low,
    High,
};

struct HematotoxInput
{
    int assessmentDay = -5; // relative to the infusion (day 0)
    // First day of lymphodepletion, relative to the infusion, when known.
    std::optional<int> lymphodepletionStartDay;
    double platelets = 0.0;
    CountUnit plateletsUnit = CountUnit::E9PerL;
    double anc = 0.0;
    CountUnit ancUnit = CountUnit::E9PerL;
    double hemoglobin = 0.0;
    HemoglobinUnit hemoglobinUnit = HemoglobinUnit::GPerDl;
    double crp = 0.0;
    CrpUnit crpUnit = CrpUnit::MgPerDl;
    double ferritinNgMl = 0.0;
};

struct HematotoxResult
{
    int score = 0; // 0-7
    HematotoxRisk risk = HematotoxRisk::Low;
    int plateletPoints = 0;
    int ancPoints = 0;
    int hemoglobinPoints = 0;
    int crpPoints = 0;
    int ferritinPoints = 0;
    bool review = false;
    QStringList reasons;
};

// Unit conversions to the units of the score table.
double countToE9PerL(double value, CountUnit unit);           // per µL ÷ 1000
double hemoglobinToGPerDl(double value, HemoglobinUnit unit); // g/L ÷ 10
double crpToMgPerDl(double value, CrpUnit unit);              // mg/L ÷ 10

HematotoxRisk hematotoxRisk(int score);
HematotoxResult scoreHematotox(const HematotoxInput &input);

} // namespace cellcrf::clinical
