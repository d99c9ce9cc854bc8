#pragma once

// Cytokine release syndrome grade for one assessment, exactly as the ASTCT
// consensus defines it: Lee DW, Santomasso BD, Locke FL, et al. ASTCT Consensus
// Grading for Cytokine Release Syndrome and Neurologic Toxicity Associated with
// Immune Effector Cells. Biol Blood Marrow Transplant 2019;25(4):625-638.
// Organ toxicities are graded separately with CTCAE v5.0 and never change the
// grade. Cases the paper leaves open are proposed with `review` set, for the
// investigator to decide (CLINICAL.md).

#include <QString>
#include <QStringList>

#include <optional>

namespace cellcrf::clinical {

enum class Hypotension
{
    None,
    NoVasopressor,        // fluids only: grade 2
    VasopressinOnly,      // vasopressin alone counts as one vasopressor: grade 3
    OneVasopressor,       // grade 3, with or without vasopressin
    MultipleVasopressors, // grade 4; vasopressin is never counted towards "several"
};

enum class OxygenSupport
{
    None,
    NasalCannula, // classed from its flow (required)
    LowFlowLe6,   // low-flow nasal cannula <= 6 L/min
    BlowBy,
    HighFlowGt6, // high-flow nasal cannula > 6 L/min
    Facemask,    // grade 3 whatever the flow
    Nonrebreather,
    Venturi,
    Cpap,
    Bipap,
    MechanicalVentilation,
};

struct CrsAssessment
{
    // Empty when no temperature was recorded. Grading then goes on only when fever
    // is masked (CRS met earlier and antipyretic or anti-cytokine therapy given),
    // or proposes "no CRS" for review when the therapy came with no earlier CRS;
    // with no masking therapy the temperature is required (see crsNeedsTemperature).
    std::optional<double> temperatureC;
    bool feverAttributableToOtherCause = false;
    // Antipyretic or anti-cytokine therapy (tocilizumab, corticosteroids) given.
    bool antipyreticOrAnticytokineGiven = false;
    // CRS criteria were met earlier in this episode (before the therapy above).
    bool crsPreviouslyDiagnosedThisEpisode = false;
    Hypotension hypotension = Hypotension::None;
    bool vasopressinAdded = false; // vasopressin on top of the vasopressors above
    OxygenSupport oxygen = OxygenSupport::None;
    std::optional<double> nasalCannulaFlowLMin;
    std::optional<int> organToxicityMaxCtcaeGrade; // recorded, never graded here
    bool died = false;
    bool deathDueToCrs = false;
};

struct CrsResult
{
    int grade = 0; // 0 (no CRS) to 5
    bool review = false;
    QStringList reasons;
};

// The fever threshold, inclusive.
inline constexpr double kFeverThresholdC = 38.0;
// Nasal cannula flow at or below this is low flow (grade 2); above it, high flow.
inline constexpr double kLowFlowMaxLMin = 6.0;

// True when the rules cannot grade without the temperature: none was recorded and
// no antipyretic or anti-cytokine therapy could have masked a fever (CLINICAL.md
// "Missing data in CRS and ICANS"). The caller reports the missing field.
bool crsNeedsTemperature(const CrsAssessment &assessment);

// Grades one assessment. The caller has validated the input: a nasal cannula
// without a flow, or a missing temperature that crsNeedsTemperature() calls for,
// is rejected before this point (see derive("crs", ...)).
CrsResult gradeCrs(const CrsAssessment &assessment);

// Input codes of the derivation contract, in CLINICAL.md order.
const QStringList &hypotensionCodes();
const QStringList &oxygenCodes();
std::optional<Hypotension> hypotensionFromCode(const QString &code);
std::optional<OxygenSupport> oxygenFromCode(const QString &code);

} // namespace cellcrf::clinical
