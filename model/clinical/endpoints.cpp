#include "endpoints.h"

#include "clinicaltext.h"

#include <algorithm>

namespace cellcrf::clinical {

using namespace Qt::StringLiterals;

namespace {

QString day(const QDate &d)
{
    return d.toString(Qt::ISODate);
}

// Assessments on or after the origin, in date order.
QList<EndpointAssessment> assessmentsFrom(const SubjectHistory &h, const QDate &origin)
{
    QList<EndpointAssessment> list;
    for (const EndpointAssessment &a : h.assessments) {
        if (a.date.isValid() && a.date >= origin)
            list.append(a);
    }
    std::stable_sort(list.begin(), list.end(),
                     [](const EndpointAssessment &x, const EndpointAssessment &y) { return x.date < y.date; });
    return list;
}

std::optional<QDate> effectiveRelapse(const SubjectHistory &h, const QList<EndpointAssessment> &assessments)
{
    std::optional<QDate> relapse = h.relapseDate;
    for (const EndpointAssessment &a : assessments) {
        if (a.category == ResponseCategory::Relapse) {
            if (!relapse || a.date < *relapse)
                relapse = a.date;
            break;
        }
    }
    if (!relapse && h.deathDate && h.deathCause == DeathCause::Relapse)
        relapse = h.deathDate;
    return relapse;
}

Status checkHistory(const SubjectHistory &h, const QDate &origin, const QString &originName)
{
    if (!origin.isValid())
        return Status::error(ErrorCode::InvalidInput, ClinicalText::tr("The %1 date is required").arg(originName),
                             originName);
    if (h.relapseDate && *h.relapseDate < origin)
        return Status::error(ErrorCode::InvalidInput,
                             ClinicalText::tr("The relapse date is before the %1 date").arg(originName),
                             u"relapse_date"_s);
    if (h.deathDate && *h.deathDate < origin)
        return Status::error(ErrorCode::InvalidInput,
                             ClinicalText::tr("The death date is before the %1 date").arg(originName), u"death_date"_s);
    if (h.deathDate && !h.deathCause)
        return Status::error(ErrorCode::InvalidInput,
                             ClinicalText::tr("A death needs its cause (relapse or non-relapse)"), u"death_cause"_s);
    return Status::ok();
}

EndpointOutcome outcome(const QDate &origin, const QDate &date, EndpointStatus status, const QString &reason)
{
    return {date, status, static_cast<int>(origin.daysTo(date)), reason};
}

// The last date the subject is known to be alive, from every dated record.
QDate lastKnownAlive(const SubjectHistory &h, const QList<EndpointAssessment> &assessments, const QDate &origin)
{
    QDate last = origin;
    if (h.lastContactDate && *h.lastContactDate > last)
        last = *h.lastContactDate;
    if (!assessments.isEmpty() && assessments.last().date > last)
        last = assessments.last().date;
    if (h.relapseDate && *h.relapseDate > last)
        last = *h.relapseDate;
    return last;
}

} // namespace

Result<S1904Endpoints> s1904Endpoints(const SubjectHistory &h)
{
    const QDate origin = h.randomizationDate;
    const Status valid = checkHistory(h, origin, u"randomization"_s);
    if (!valid)
        return valid;

    const QList<EndpointAssessment> assessments = assessmentsFrom(h, origin);
    const std::optional<QDate> relapse = effectiveRelapse(h, assessments);
    const bool nonRelapseDeath = h.deathDate && h.deathCause == DeathCause::NonRelapse;
    const QDate lastAssessment = assessments.isEmpty() ? origin : assessments.last().date;
    S1904Endpoints e;

    // EFS: the first of MRD positivity, relapse and non-relapse death.
    {
        std::optional<QDate> eventDate;
        QString why;
        const auto consider = [&](const QDate &d, const QString &reason) {
            if (!eventDate || d < *eventDate) {
                eventDate = d;
                why = reason;
            }
        };
        for (const EndpointAssessment &a : assessments) {
            if (a.mrdNegative == false) {
                consider(a.date, ClinicalText::tr("MRD positive on %1").arg(day(a.date)));
                break;
            }
        }
        if (relapse)
            consider(*relapse, ClinicalText::tr("Relapse on %1").arg(day(*relapse)));
        if (nonRelapseDeath)
            consider(*h.deathDate, ClinicalText::tr("Non-relapse death on %1").arg(day(*h.deathDate)));
        if (eventDate) {
            e.efs = outcome(origin, *eventDate, EndpointStatus::Event, why);
        } else {
            QDate lastNegative = origin;
            for (const EndpointAssessment &a : assessments) {
                if (a.mrdNegative == true)
                    lastNegative = a.date;
            }
            e.efs = outcome(
                origin, lastNegative, EndpointStatus::Censored,
                lastNegative == origin
                    ? ClinicalText::tr("No MRD-negative assessment after randomization: censored at "
                                       "randomization")
                    : ClinicalText::tr("Censored at the last MRD-negative assessment on %1").arg(day(lastNegative)));
        }
    }

    // RFS: relapse or death from any cause.
    if (relapse && (!h.deathDate || *relapse <= *h.deathDate)) {
        e.rfs = outcome(origin, *relapse, EndpointStatus::Event, ClinicalText::tr("Relapse on %1").arg(day(*relapse)));
    } else if (h.deathDate) {
        e.rfs = outcome(origin, *h.deathDate, EndpointStatus::Event,
                        ClinicalText::tr("Death on %1").arg(day(*h.deathDate)));
    } else {
        e.rfs = outcome(origin, lastAssessment, EndpointStatus::Censored,
                        ClinicalText::tr("Censored at the last disease assessment on %1").arg(day(lastAssessment)));
    }

    // Cumulative incidence of relapse: non-relapse death before relapse competes.
    if (relapse && (!nonRelapseDeath || *relapse <= *h.deathDate)) {
        e.cumulativeIncidenceOfRelapse =
            outcome(origin, *relapse, EndpointStatus::Event, ClinicalText::tr("Relapse on %1").arg(day(*relapse)));
    } else if (nonRelapseDeath) {
        e.cumulativeIncidenceOfRelapse =
            outcome(origin, *h.deathDate, EndpointStatus::Competing,
                    ClinicalText::tr("Non-relapse death on %1: competing risk").arg(day(*h.deathDate)));
    } else {
        e.cumulativeIncidenceOfRelapse =
            outcome(origin, lastAssessment, EndpointStatus::Censored,
                    ClinicalText::tr("Censored at the last disease assessment on %1").arg(day(lastAssessment)));
    }

    // OS: death from any cause.
    if (h.deathDate) {
        e.os = outcome(origin, *h.deathDate, EndpointStatus::Event,
                       ClinicalText::tr("Death on %1").arg(day(*h.deathDate)));
    } else {
        const QDate alive = lastKnownAlive(h, assessments, origin);
        e.os = outcome(origin, alive, EndpointStatus::Censored,
                       ClinicalText::tr("Censored at the last date known alive, %1").arg(day(alive)));
    }
    return e;
}

namespace {

int responseRank(ResponseCategory c)
{
    switch (c) {
    case ResponseCategory::CompleteRemission:
        return 0;
    case ResponseCategory::CompleteRemissionIncompleteRecovery:
        return 1;
    case ResponseCategory::MorphologicLeukemiaFree:
        return 2;
    case ResponseCategory::NoResponse:
        return 3;
    case ResponseCategory::Relapse:
        return 4;
    case ResponseCategory::NotEvaluable:
        return 5;
    }
    return 6;
}

LandmarkOutcome landmark(const std::optional<QDate> &event, const QDate &followedUntil, const QDate &origin, int days,
                         const QString &eventName)
{
    const QDate point = origin.addDays(days);
    if (event && *event <= point)
        return {LandmarkStatus::Event,
                ClinicalText::tr("%1 on day %2 (by day %3)").arg(eventName).arg(origin.daysTo(*event)).arg(days)};
    if (followedUntil >= point || (event && *event > point))
        return {LandmarkStatus::Free, ClinicalText::tr("No %1 by day %2").arg(eventName.toLower()).arg(days)};
    return {LandmarkStatus::NotEvaluable,
            ClinicalText::tr("Follow-up ended on day %1, before day %2").arg(origin.daysTo(followedUntil)).arg(days)};
}

} // namespace

Result<PediatricOutcomes> pediatricOutcomes(const SubjectHistory &h, int responseTimePointDays)
{
    const QDate origin = h.infusionDate;
    const Status valid = checkHistory(h, origin, u"infusion"_s);
    if (!valid)
        return valid;

    const QList<EndpointAssessment> assessments = assessmentsFrom(h, origin);
    PediatricOutcomes p;
    const QDate responsePoint = origin.addDays(responseTimePointDays);
    for (const EndpointAssessment &a : assessments) {
        if (a.date > responsePoint)
            break;
        if (!p.bestResponse || responseRank(a.category) < responseRank(*p.bestResponse))
            p.bestResponse = a.category;
    }
    p.overallRemission = p.bestResponse && countsForOverallRemission(*p.bestResponse);

    const std::optional<QDate> relapse = effectiveRelapse(h, assessments);
    std::optional<QDate> efsEvent = relapse;
    if (h.deathDate && (!efsEvent || *h.deathDate < *efsEvent))
        efsEvent = h.deathDate;
    const QDate followed = lastKnownAlive(h, assessments, origin);
    const QString eventName = ClinicalText::tr("Relapse or death");
    p.efs1Month = landmark(efsEvent, followed, origin, kOneMonthDays, eventName);
    p.efs3Months = landmark(efsEvent, followed, origin, kThreeMonthsDays, eventName);
    p.os1Month = landmark(h.deathDate, followed, origin, kOneMonthDays, ClinicalText::tr("Death"));
    p.os3Months = landmark(h.deathDate, followed, origin, kThreeMonthsDays, ClinicalText::tr("Death"));
    return p;
}

} // namespace cellcrf::clinical
