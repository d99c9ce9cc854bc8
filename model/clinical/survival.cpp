#include "survival.h"

#include "clinicaltext.h"

#include <algorithm>
#include <cmath>

namespace cellcrf::clinical {

namespace {

// The subjects observed at one distinct time.
struct Tally
{
    double days = 0.0;
    int events = 0;
    int competing = 0;
    int censored = 0;
};

Status checkSubjects(const QList<SurvivalTime> &subjects, bool competingAllowed)
{
    for (qsizetype i = 0; i < subjects.size(); ++i) {
        const SurvivalTime &s = subjects.at(i);
        if (!std::isfinite(s.days) || s.days < 0.0)
            return Status::error(ErrorCode::InvalidInput,
                                 ClinicalText::tr("Subject %1: the time must be a number of days from 0 up, not %2")
                                     .arg(i + 1)
                                     .arg(s.days));
        const bool known = s.status == kSurvivalCensored || s.status == kSurvivalEvent ||
                           (competingAllowed && s.status == kSurvivalCompeting);
        if (!known)
            return Status::error(ErrorCode::InvalidInput,
                                 competingAllowed
                                     ? ClinicalText::tr("Subject %1: status %2 is not 0 (censored), 1 (event) or 2 "
                                                        "(competing event)")
                                           .arg(i + 1)
                                           .arg(s.status)
                                     : ClinicalText::tr("Subject %1: status %2 is not 0 (censored) or 1 (event); a "
                                                        "competing event needs the cumulative incidence")
                                           .arg(i + 1)
                                           .arg(s.status));
    }
    return Status::ok();
}

QList<Tally> tally(QList<SurvivalTime> subjects)
{
    std::sort(subjects.begin(), subjects.end(),
              [](const SurvivalTime &a, const SurvivalTime &b) { return a.days < b.days; });
    QList<Tally> tallies;
    for (const SurvivalTime &s : subjects) {
        if (tallies.isEmpty() || tallies.last().days != s.days)
            tallies.append(Tally{s.days, 0, 0, 0});
        Tally &t = tallies.last();
        if (s.status == kSurvivalEvent)
            ++t.events;
        else if (s.status == kSurvivalCompeting)
            ++t.competing;
        else
            ++t.censored;
    }
    return tallies;
}

// The last step at or before `days`, or -1.
template<typename Step> qsizetype stepAtOrBefore(const QList<Step> &steps, double days)
{
    const auto after =
        std::upper_bound(steps.cbegin(), steps.cend(), days, [](double d, const Step &s) { return d < s.days; });
    return (after - steps.cbegin()) - 1;
}

// Subjects still followed at `days`: those of the first step at or after it.
template<typename Step> int atRiskAt(const QList<Step> &steps, double days)
{
    const auto from =
        std::lower_bound(steps.cbegin(), steps.cend(), days, [](const Step &s, double d) { return s.days < d; });
    return from == steps.cend() ? 0 : from->atRisk;
}

} // namespace

Result<KaplanMeierEstimate> kaplanMeier(const QList<SurvivalTime> &subjects)
{
    if (Status s = checkSubjects(subjects, false); !s)
        return s;
    KaplanMeierEstimate estimate;
    estimate.subjects = int(subjects.size());
    int atRisk = estimate.subjects;
    double survival = 1.0;
    double greenwoodSum = 0.0; // Σ d/(n(n−d)), the variance of log S
    bool undefined = false;    // a time where everyone at risk had the event
    for (const Tally &t : tally(subjects)) {
        KaplanMeierStep step;
        step.days = t.days;
        step.atRisk = atRisk;
        step.events = t.events;
        step.censored = t.censored;
        if (t.events > 0) {
            const double n = atRisk;
            const double d = t.events;
            survival *= (n - d) / n;
            if (t.events == atRisk)
                undefined = true;
            else
                greenwoodSum += d / (n * (n - d));
        }
        step.survival = survival;
        if (!undefined) {
            step.variance = survival * survival * greenwoodSum;
            if (survival > 0.0 && survival < 1.0) {
                const double logS = std::log(survival);
                const double shift = kNormalQuantile975 * std::sqrt(greenwoodSum) / logS;
                step.lower95 = std::exp(-std::exp(std::log(-logS) - shift));
                step.upper95 = std::exp(-std::exp(std::log(-logS) + shift));
            }
        }
        estimate.events += t.events;
        estimate.steps.append(step);
        atRisk -= t.events + t.censored;
    }
    return estimate;
}

KaplanMeierPoint kaplanMeierAt(const KaplanMeierEstimate &estimate, double days)
{
    KaplanMeierPoint point;
    point.days = days;
    point.atRisk = atRiskAt(estimate.steps, days);
    point.beyondFollowUp = estimate.steps.isEmpty() || days > estimate.steps.last().days;
    const qsizetype index = stepAtOrBefore(estimate.steps, days);
    if (index < 0) {
        point.variance = 0.0; // nothing has happened yet: S = 1 with certainty
        return point;
    }
    const KaplanMeierStep &step = estimate.steps.at(index);
    point.survival = step.survival;
    point.variance = step.variance;
    point.lower95 = step.lower95;
    point.upper95 = step.upper95;
    return point;
}

Result<CumulativeIncidenceEstimate> aalenJohansen(const QList<SurvivalTime> &subjects)
{
    if (Status s = checkSubjects(subjects, true); !s)
        return s;
    CumulativeIncidenceEstimate estimate;
    estimate.subjects = int(subjects.size());
    int atRisk = estimate.subjects;
    double eventFree = 1.0;
    double incidence = 0.0;
    double competingIncidence = 0.0;
    for (const Tally &t : tally(subjects)) {
        CumulativeIncidenceStep step;
        step.days = t.days;
        step.atRisk = atRisk;
        step.events = t.events;
        step.competing = t.competing;
        step.censored = t.censored;
        if (t.events + t.competing > 0) {
            // Each kind of event takes its share of those still free of both just before t.
            const double n = atRisk;
            incidence += eventFree * t.events / n;
            competingIncidence += eventFree * t.competing / n;
            eventFree *= (n - t.events - t.competing) / n;
        }
        step.eventFree = eventFree;
        step.incidence = incidence;
        step.competingIncidence = competingIncidence;
        estimate.events += t.events;
        estimate.competing += t.competing;
        estimate.steps.append(step);
        atRisk -= t.events + t.competing + t.censored;
    }
    return estimate;
}

CumulativeIncidencePoint cumulativeIncidenceAt(const CumulativeIncidenceEstimate &estimate, double days)
{
    CumulativeIncidencePoint point;
    point.days = days;
    point.atRisk = atRiskAt(estimate.steps, days);
    point.beyondFollowUp = estimate.steps.isEmpty() || days > estimate.steps.last().days;
    const qsizetype index = stepAtOrBefore(estimate.steps, days);
    if (index < 0)
        return point;
    const CumulativeIncidenceStep &step = estimate.steps.at(index);
    point.eventFree = step.eventFree;
    point.incidence = step.incidence;
    point.competingIncidence = step.competingIncidence;
    return point;
}

} // namespace cellcrf::clinical
