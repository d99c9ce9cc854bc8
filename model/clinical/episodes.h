#pragma once

// CRS and ICANS episodes from the daily grades: onset, maximum grade and its
// date, resolution, duration and treatment, the items the CIBMTR cellular therapy
// forms (4100 series) and the EBMT cellular therapy registry ask for. Grades come
// from the ASTCT 2019 derivations (crs.h, icans.h) once the investigator has
// confirmed them.
//
// Rules: an episode starts on the first day graded >= 1 and resolves on the first
// later day graded 0; a later grade >= 1 starts a new episode. Days without a
// grade (not assessed) neither extend nor resolve an episode. Several
// assessments on one date count as one day: the highest grade and any treatment.

#include <QDate>
#include <QList>

#include <optional>

namespace cellcrf::clinical {

struct DailyAssessment
{
    QDate date;
    std::optional<int> crsGrade;   // 0-5, empty when not assessed
    std::optional<int> icansGrade; // 0-5, empty when not assessed
    bool tocilizumab = false;
    bool corticosteroids = false;
    bool icuTransfer = false;
};

enum class Toxicity
{
    Crs,
    Icans
};

struct ToxicityEpisode
{
    Toxicity toxicity = Toxicity::Crs;
    QDate onsetDate;                     // first day graded >= 1
    int maxGrade = 0;                    // highest grade in the episode
    QDate maxGradeDate;                  // first day the highest grade was reached
    std::optional<QDate> resolutionDate; // first day back to grade 0; empty while open
    std::optional<int> durationDays;     // resolution - onset (days graded >= 1); empty while open
    QDate lastGradedDate;                // last day graded >= 1 in the episode
    // Given on any day from onset up to the day before resolution (or to the last
    // assessment while the episode is open).
    bool tocilizumab = false;
    bool corticosteroids = false;
    bool icuTransfer = false;

    bool isOpen() const { return !resolutionDate.has_value(); }
};

// Assessments may come in any order; invalid dates are ignored.
QList<ToxicityEpisode> deriveEpisodes(const QList<DailyAssessment> &assessments, Toxicity toxicity);

} // namespace cellcrf::clinical
