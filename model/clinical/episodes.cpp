#include "episodes.h"

#include <QMap>

#include <algorithm>

namespace cellcrf::clinical {

namespace {

struct Day
{
    std::optional<int> grade;
    bool tocilizumab = false;
    bool corticosteroids = false;
    bool icuTransfer = false;
};

} // namespace

QList<ToxicityEpisode> deriveEpisodes(const QList<DailyAssessment> &assessments, Toxicity toxicity)
{
    // One entry per date, in date order.
    QMap<QDate, Day> days;
    for (const DailyAssessment &a : assessments) {
        if (!a.date.isValid())
            continue;
        const std::optional<int> grade = toxicity == Toxicity::Crs ? a.crsGrade : a.icansGrade;
        Q_ASSERT(!grade || (*grade >= 0 && *grade <= 5));
        Day &day = days[a.date];
        if (grade)
            day.grade = std::max(day.grade.value_or(0), *grade);
        day.tocilizumab = day.tocilizumab || a.tocilizumab;
        day.corticosteroids = day.corticosteroids || a.corticosteroids;
        day.icuTransfer = day.icuTransfer || a.icuTransfer;
    }

    QList<ToxicityEpisode> episodes;
    std::optional<ToxicityEpisode> current;
    for (auto it = days.cbegin(); it != days.cend(); ++it) {
        const QDate date = it.key();
        const Day &day = it.value();
        if (current) {
            if (day.grade == 0) {
                current->resolutionDate = date;
                current->durationDays = static_cast<int>(current->onsetDate.daysTo(date));
                episodes.append(*current);
                current.reset();
                continue;
            }
            current->tocilizumab = current->tocilizumab || day.tocilizumab;
            current->corticosteroids = current->corticosteroids || day.corticosteroids;
            current->icuTransfer = current->icuTransfer || day.icuTransfer;
            if (day.grade) {
                current->lastGradedDate = date;
                if (*day.grade > current->maxGrade) {
                    current->maxGrade = *day.grade;
                    current->maxGradeDate = date;
                }
            }
            continue;
        }
        if (day.grade.value_or(0) >= 1) {
            ToxicityEpisode e;
            e.toxicity = toxicity;
            e.onsetDate = date;
            e.maxGrade = *day.grade;
            e.maxGradeDate = date;
            e.lastGradedDate = date;
            e.tocilizumab = day.tocilizumab;
            e.corticosteroids = day.corticosteroids;
            e.icuTransfer = day.icuTransfer;
            current = e;
        }
    }
    if (current)
        episodes.append(*current);
    return episodes;
}

} // namespace cellcrf::clinical
