#pragma once

// Immune effector cell-associated haematotoxicity (ICAHT): the early grade from
// how long the neutrophil count stays low in days 0-30 after the infusion and the
// late grade from the counts after day 30, as the EHA/EBMT consensus defines
// them: Rejeski K, et al. Immune effector cell-associated hematotoxicity:
// EHA/EBMT consensus grading and best practice recommendations. Blood
// 2023;142(10):865-877. The reading of the paper is the one written down in
// CLINICAL.md "ICAHT (neutropenia after CAR-T)":
//
// - Day 0 is the infusion day; one value per day, the lowest of that day; a
//   count exactly on a threshold (500 or 100 per µL) counts as low.
// - An episode ends only after 3 days in a row above the threshold; one or two
//   better days between two low spells are bridged and counted as low days. The
//   early grade comes from the longest such episode in days 0-30.
// - A day without a count between two low days is low, between two days above
//   the threshold it is above, and otherwise (next to one low and one normal
//   count, or before the first or after the last count) it is unknown. The grade
//   counts unknown days as not low and says when counting them as low would give
//   a higher grade (an open case for the investigator).
// - Counts after death, progression, relapse or the next line of therapy are
//   ignored; counts on that day itself are kept.
// - The late grade uses the second-lowest daily value after day 30 (up to the
//   study's late-window end), so a single low value is never enough.
// - Counts under G-CSF are graded as measured (provisional until confirmed); the
//   engraftment date is never used (CIBMTR counts ANC >= 500 as recovered).
//
// The cases the paper leaves open are proposed with `review` set.

#include "core/result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cellcrf::clinical {

// ---- Thresholds (Rejeski 2023, Table 2), in neutrophils per µL ----

// Early ICAHT, days 0-30: the duration rows count days at or below these.
inline constexpr double kIcahtSevereNeutropeniaPerUl = 500.0;   // ANC <= 500/µL row
inline constexpr double kIcahtProfoundNeutropeniaPerUl = 100.0; // ANC <= 100/µL row
inline constexpr int kIcahtEarlyFirstDay = 0;                   // the infusion day
inline constexpr int kIcahtEarlyLastDay = 30;
inline constexpr int kIcahtEarlyWindowDays = kIcahtEarlyLastDay - kIcahtEarlyFirstDay + 1; // 31
// ANC <= 500 row: 1-6 days grade 1, 7-13 grade 2, 14-30 grade 3, all 31 days grade 4.
inline constexpr int kIcahtSevereGrade2MinDays = 7;
inline constexpr int kIcahtSevereGrade3MinDays = 14;
inline constexpr int kIcahtSevereGrade4Days = kIcahtEarlyWindowDays; // never above 500
// ANC <= 100 row: 7-13 days grade 3, 14 days or more grade 4.
inline constexpr int kIcahtProfoundGrade3MinDays = 7;
inline constexpr int kIcahtProfoundGrade4MinDays = 14;
// Recovery counts only after this many days in a row above the threshold;
// shorter better spells between low ones are bridged (Rejeski 2023, Table 2 notes).
inline constexpr int kIcahtRecoveryDaysInRow = 3;

// Late ICAHT, after day 30: grade of the second-lowest value.
inline constexpr double kIcahtLateGrade1MaxPerUl = 1500.0;
inline constexpr double kIcahtLateGrade2MaxPerUl = 1000.0;
inline constexpr double kIcahtLateGrade3MaxPerUl = 500.0;
inline constexpr double kIcahtLateGrade4MaxPerUl = 100.0;
inline constexpr int kIcahtLateMinValues = 2; // one low value alone is not enough

// ANC entered in x 10^9/L is converted to per µL by this factor.
inline constexpr double kPerUlPerE9PerL = 1000.0;

enum class IcahtCensorReason
{
    Death,
    Progression,
    Relapse,
    NextTherapy,
};

struct AncCount
{
    int day = 0;        // relative to the infusion (day 0); may be negative
    double perUl = 0.0; // neutrophils per µL
};

struct IcahtInput
{
    // Several counts a day are allowed; the lowest of each day is used.
    QList<AncCount> series;
    // Longest bridged episodes in days 0-30, when there is no series for that
    // window (both or neither).
    std::optional<int> precomputedDaysLe500;
    std::optional<int> precomputedDaysLe100;
    std::optional<int> censorDay; // with censorReason: counts after this day are ignored
    std::optional<IcahtCensorReason> censorReason;
    bool gcsfGiven = false;
    QList<int> gcsfDays;
    std::optional<int> lateWindowEndDay; // study setting; empty: no end
};

struct IcahtResult
{
    int earlyGrade = 0;
    std::optional<int> lateGrade; // empty: not evaluable
    int daysLe500 = 0;            // longest bridged episode in days 0-30
    int daysLe100 = 0;
    std::optional<int> totalDaysLe500; // all bridged episodes; empty when precomputed
    std::optional<int> totalDaysLe100;
    bool review = false;
    QStringList reasons;
};

// Grades from the grid of the consensus table.
int icahtSevereRowGrade(int daysLe500);
int icahtProfoundRowGrade(int daysLe100);
int icahtLateGrade(double ancPerUl);

// A bridged low episode, inclusive days.
struct IcahtEpisode
{
    int firstDay = 0;
    int lastDay = 0;
    int days() const { return lastDay - firstDay + 1; }
};

// The low episodes of a run of days (true = low), with better spells shorter than
// kIcahtRecoveryDaysInRow between two low spells bridged. `firstDay` is the day
// of lowDays[0].
QList<IcahtEpisode> icahtEpisodes(const QList<bool> &lowDays, int firstDay);

// Grades one subject. Input the rules cannot use is an InvalidInput error whose
// detail() is the name of the derivation field at fault: no count in days 0-30,
// a precomputed duration over 31 days or longer than the days observed, more days
// at or below 100 than at or below 500, a censoring day without its reason.
Result<IcahtResult> gradeIcaht(const IcahtInput &input);

const QStringList &icahtCensorReasonCodes();

} // namespace cellcrf::clinical
