#pragma once

// Response of B-ALL after CD19 CAR-T, MRD status and S1904 randomization
// eligibility, as CLINICAL.md "Response, MRD, events" and PROTOCOLS.md define
// them (NCCN / ELN-style morphologic criteria: CR, CRi, MLFS; relapse after CR;
// MRD negative by flow below 0.01% with a 1e-4 assay, by NGS below 1e-6).
// Where the data do not decide, the category says so instead of guessing.

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cellcrf::clinical {

enum class ResponseCategory
{
    CompleteRemission,                   // CR
    CompleteRemissionIncompleteRecovery, // CRi
    MorphologicLeukemiaFree,             // MLFS
    NoResponse,
    Relapse, // after a previous CR or CRi
    NotEvaluable,
};

struct DiseaseAssessment
{
    std::optional<double> marrowBlastsPercent;
    std::optional<bool> circulatingBlasts;
    std::optional<bool> extramedullaryDisease;
    std::optional<double> ancE9PerL;       // absolute neutrophil count, x 10^9/L
    std::optional<double> plateletsE9PerL; // x 10^9/L
};

struct ResponseResult
{
    ResponseCategory category = ResponseCategory::NotEvaluable;
    bool review = false;
    QStringList reasons;
};

inline constexpr double kMarrowBlastLimitPercent = 5.0;
inline constexpr double kAncRecoveryE9PerL = 1.0;
inline constexpr double kPlateletRecoveryE9PerL = 100.0;

// `previousCompleteRemission`: the subject was in CR or CRi before this
// assessment, so disease found now is a relapse rather than no response.
ResponseResult classifyResponse(const DiseaseAssessment &assessment, bool previousCompleteRemission);

// CR, CRi and MLFS are "MLFS or better".
bool isMlfsOrBetter(ResponseCategory category);
// CR and CRi count for the overall remission rate.
bool countsForOverallRemission(ResponseCategory category);
QString responseCode(ResponseCategory category); // cr, cri, mlfs, nr, relapse, not_evaluable

enum class MrdMethod
{
    Flow,
    Ngs
};
enum class MrdSample
{
    Marrow,
    Blood
};
enum class MrdStatus
{
    Negative,
    Positive,
    NotEvaluable
};

// Levels and sensitivities are fractions of cells: 0.01% is 1e-4.
struct MrdMeasurement
{
    MrdMethod method = MrdMethod::Flow;
    MrdSample sample = MrdSample::Marrow;
    std::optional<double> level;       // measured MRD; 0 when none detected
    std::optional<double> sensitivity; // the assay's limit, e.g. 1e-4
    std::optional<qint64> cellsAnalysed;
};

inline constexpr double kFlowMrdThreshold = 1e-4;
inline constexpr double kNgsMrdThreshold = 1e-6;

struct MrdResult
{
    MrdStatus status = MrdStatus::NotEvaluable;
    QStringList reasons;
};

// Negative below the method's threshold with an assay at least that sensitive;
// positive at or above it; not evaluable when the assay cannot see the threshold.
MrdResult classifyMrd(const MrdMeasurement &measurement);

struct ResponseAssessment
{
    QDate date;
    ResponseCategory category = ResponseCategory::NotEvaluable;
    MrdStatus mrd = MrdStatus::NotEvaluable;
};

inline constexpr int kS1904RandomizationWindowDays = 84; // 12 weeks from infusion

struct RandomizationEligibility
{
    bool eligible = false;
    std::optional<QDate> qualifyingDate; // the assessment that qualified
    QStringList reasons;
};

// S1904: MLFS or better and MRD negative at one assessment no later than day 84
// after infusion, and no relapse, non-response or MRD positivity since.
RandomizationEligibility s1904RandomizationEligibility(const QDate &infusionDate,
                                                       const QList<ResponseAssessment> &assessments);

} // namespace cellcrf::clinical
