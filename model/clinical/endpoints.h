#pragma once

// Time-to-event endpoints per subject, as the protocols define them
// (PROTOCOLS.md, CLINICAL.md "Response, MRD, events"):
// - S1904 (NCT06581081), all from randomization: EFS (MRD positivity, relapse or
//   non-relapse death; censored at the last MRD-negative assessment), RFS
//   (relapse or death from any cause; censored at the last disease assessment),
//   cumulative incidence of relapse (relapse = event, non-relapse death =
//   competing, otherwise censored at the last disease assessment), OS (death from
//   any cause; censored at the last date known alive).
// - Pediatric study, from infusion: best response by a time point (CR and CRi
//   count for the overall remission rate), EFS and OS status at 1 month (30
//   days) and 3 months (91 days). The pediatric protocol does not define EFS
//   events; here they are relapse and death from any cause (non-response is not
//   counted as an event, which keeps EFS separate from the remission rate).
//
// A relapse is the earliest of the recorded relapse date and the first
// assessment classed as relapse; a death from relapse with no relapse recorded
// counts as a relapse on the date of death. Assessments before the origin are
// ignored; a relapse or death before the origin is an error.

#include "core/result.h"
#include "response.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace cellcrf::clinical {

enum class DeathCause
{
    Relapse,
    NonRelapse
};

struct EndpointAssessment
{
    QDate date;
    ResponseCategory category = ResponseCategory::NotEvaluable;
    std::optional<bool> mrdNegative; // empty when MRD was not measured or not evaluable
};

struct SubjectHistory
{
    QDate infusionDate;
    QDate randomizationDate; // S1904 only
    QList<EndpointAssessment> assessments;
    std::optional<QDate> relapseDate;
    std::optional<QDate> deathDate;
    std::optional<DeathCause> deathCause; // required with a death date
    std::optional<QDate> lastContactDate; // last date known alive
};

enum class EndpointStatus
{
    Event,     // status 1
    Censored,  // status 0
    Competing, // status 2 (cumulative incidence only)
};

struct EndpointOutcome
{
    QDate date;
    EndpointStatus status = EndpointStatus::Censored;
    int days = 0; // from the origin (randomization or infusion)
    QString reason;
};

struct S1904Endpoints
{
    EndpointOutcome efs;
    EndpointOutcome rfs;
    EndpointOutcome cumulativeIncidenceOfRelapse;
    EndpointOutcome os;
};

Result<S1904Endpoints> s1904Endpoints(const SubjectHistory &history);

inline constexpr int kOneMonthDays = 30;
inline constexpr int kThreeMonthsDays = 91;

enum class LandmarkStatus
{
    Free,         // event-free (EFS) or alive (OS) at the time point
    Event,        // the event happened on or before the time point
    NotEvaluable, // follow-up ended before the time point without an event
};

struct LandmarkOutcome
{
    LandmarkStatus status = LandmarkStatus::NotEvaluable;
    QString reason;
};

struct PediatricOutcomes
{
    std::optional<ResponseCategory> bestResponse; // empty: no assessment by the time point
    bool overallRemission = false;                // CR or CRi by the time point
    LandmarkOutcome efs1Month;
    LandmarkOutcome efs3Months;
    LandmarkOutcome os1Month;
    LandmarkOutcome os3Months;
};

// `responseTimePointDays`: the protocol's response time point after infusion (day 28 by default).
Result<PediatricOutcomes> pediatricOutcomes(const SubjectHistory &history, int responseTimePointDays = 28);

} // namespace cellcrf::clinical
