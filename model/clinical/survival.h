#pragma once

// Survival arithmetic for the study outcomes: the Kaplan-Meier estimate with
// Greenwood's variance and a log-log 95% confidence interval, numbers at risk at
// chosen times, and the cumulative incidence of an event with a competing risk by
// Aalen-Johansen (relapse, with non-relapse death competing). Each subject is a
// time in days from the origin and a status: 0 censored, 1 event, 2 competing
// event (the codes of EndpointStatus in endpoints.h).
//
// Conventions (those of R's survival package, so results can be checked against
// survfit): at a time with both events and censorings the events come first, so
// a subject censored at t is still at risk at t; the estimate has one step per
// distinct observed time, censoring-only times included. The log-log interval is
// exp(-exp(log(-log S) ± z·se/log S)) with se² = Σ d/(n(n−d)), and it is left
// empty where it is undefined (S = 1 before any event, S = 0 after the last).
//
// Kalbfleisch JD, Prentice RL. The Statistical Analysis of Failure Time Data,
// 2nd ed. Wiley 2002 (sections 1.4 and 8.2); Greenwood M. Reports on Public
// Health and Medical Subjects 1926;33; Aalen OO, Johansen S. Scand J Stat
// 1978;5:141-150.

#include "core/result.h"

#include <QList>

#include <optional>

namespace cellcrf::clinical {

inline constexpr int kSurvivalCensored = 0;
inline constexpr int kSurvivalEvent = 1;
inline constexpr int kSurvivalCompeting = 2;

// The two-sided 95% normal quantile, qnorm(0.975).
inline constexpr double kNormalQuantile975 = 1.959963984540054;

struct SurvivalTime
{
    double days = 0.0; // from the origin, >= 0
    int status = kSurvivalCensored;
};

struct KaplanMeierStep
{
    double days = 0.0;
    int atRisk = 0; // subjects with a time >= days
    int events = 0;
    int censored = 0;
    double survival = 1.0;
    // Greenwood's variance of the survival, S² Σ d/(n(n−d)); empty once every
    // subject at risk had the event (S = 0), where it is undefined.
    std::optional<double> variance;
    std::optional<double> lower95; // log-log interval; empty where undefined
    std::optional<double> upper95;
};

struct KaplanMeierEstimate
{
    int subjects = 0;
    int events = 0;
    QList<KaplanMeierStep> steps; // by increasing time
};

// The estimate read at one time, as a table of outcomes shows it.
struct KaplanMeierPoint
{
    double days = 0.0;
    int atRisk = 0; // subjects with a time >= days
    double survival = 1.0;
    std::optional<double> variance;
    std::optional<double> lower95;
    std::optional<double> upper95;
    // The time lies beyond the last observed time: the estimate is carried
    // forward but nobody is followed any more.
    bool beyondFollowUp = false;
};

// Competing status 2 is refused: a Kaplan-Meier estimate treats competing events
// as censoring, which overstates the incidence; use aalenJohansen() instead.
Result<KaplanMeierEstimate> kaplanMeier(const QList<SurvivalTime> &subjects);
KaplanMeierPoint kaplanMeierAt(const KaplanMeierEstimate &estimate, double days);

struct CumulativeIncidenceStep
{
    double days = 0.0;
    int atRisk = 0;
    int events = 0;
    int competing = 0;
    int censored = 0;
    double eventFree = 1.0;          // Kaplan-Meier of "no event of either kind"
    double incidence = 0.0;          // cumulative incidence of the event (status 1)
    double competingIncidence = 0.0; // cumulative incidence of the competing event (status 2)
};

struct CumulativeIncidenceEstimate
{
    int subjects = 0;
    int events = 0;
    int competing = 0;
    QList<CumulativeIncidenceStep> steps;
};

struct CumulativeIncidencePoint
{
    double days = 0.0;
    int atRisk = 0;
    double eventFree = 1.0;
    double incidence = 0.0;
    double competingIncidence = 0.0;
    bool beyondFollowUp = false;
};

Result<CumulativeIncidenceEstimate> aalenJohansen(const QList<SurvivalTime> &subjects);
CumulativeIncidencePoint cumulativeIncidenceAt(const CumulativeIncidenceEstimate &estimate, double days);

} // namespace cellcrf::clinical
