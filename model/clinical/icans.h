#pragma once

// Immune effector cell-associated neurotoxicity syndrome (ICANS) grade for one
// assessment, exactly as the ASTCT consensus defines it: Lee DW, Santomasso BD,
// Locke FL, et al. Biol Blood Marrow Transplant 2019;25(4):625-638, with the
// 10-point ICE score for adults and older children and, for younger children or
// developmental delay, the Cornell Assessment of Pediatric Delirium (Traube C,
// et al. Crit Care Med 2014;42:656-663). Tremor, myoclonus and intracranial
// haemorrhage do not count. Cases the paper leaves open are proposed with
// `review` set (CLINICAL.md).

#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace cellcrf::clinical {

enum class Consciousness
{
    Alert,                // no depressed consciousness
    AwakensSpontaneously, // grade 1
    AwakensToVoice,       // grade 2
    AwakensToTactile,     // grade 3
    Unarousable,          // grade 4 (or needs vigorous/repetitive stimuli, stupor, coma)
};

enum class Seizure
{
    None,
    Clinical,                          // focal or generalized
    NonconvulsiveEeg,                  // electrical only, resolved with intervention
    RepetitiveWithoutReturnToBaseline, // grade 4
};

enum class MotorFinding
{
    None,
    Tremor,            // CTCAE, not ICANS
    Myoclonus,         // CTCAE, not ICANS
    DeepFocalWeakness, // hemiparesis, paraparesis: grade 4
};

enum class IcpFinding
{
    FocalEdema, // grade 3
    DiffuseEdema,
    DecerebratePosturing,
    DecorticatePosturing,
    CranialNerveViPalsy,
    Papilledema,
    CushingsTriad,
    IntracranialHemorrhage, // does not count
};

// Domains the investigator may attribute to another cause (e.g. sedation).
// `Ice` and `Encephalopathy` both remove the encephalopathy domain, whichever
// instrument (ICE or CAPD) measured it.
enum class IcansDomain
{
    Ice,
    Encephalopathy,
    Consciousness,
    Seizure,
    Motor,
    Icp
};

enum class EncephalopathyInstrument
{
    Ice,
    Capd
};

enum class CapdAnswer
{
    Never,
    Rarely,
    Sometimes,
    Often,
    Always
};

// The ten ICE points.
struct IceItems
{
    bool orientationYear = false;
    bool orientationMonth = false;
    bool orientationCity = false;
    bool orientationHospital = false;
    int namingObjectsCorrect = 0; // 0-3
    bool followsSimpleCommand = false;
    bool writesStandardSentence = false;
    bool countsBackFrom100By10 = false;
};

// The eight CAPD items in the published order: eye contact, purposeful actions,
// aware of surroundings, communicates needs and wants (these four reversed),
// restless, inconsolable, underactive, slow to respond.
using CapdAnswers = std::array<CapdAnswer, 8>;

inline constexpr int kDefaultIceMinAgeYears = 12;

struct IcansAssessment
{
    double ageYears = 0.0;
    int iceMinAgeYears = kDefaultIceMinAgeYears; // study setting: ICE from this age
    bool developmentalDelay = false;
    std::optional<int> iceScore;  // 0-10
    std::optional<int> capdScore; // 0-32
    bool capdUnable = false;
    // A domain left empty was not assessed and contributes nothing; the JSON
    // adapter requires consciousness, seizure and motor unless excluded.
    std::optional<Consciousness> consciousness;
    std::optional<Seizure> seizure;
    // Required for a clinical seizure (the adapter checks); an EEG-only seizure
    // that resolved with treatment is graded without it.
    std::optional<double> seizureDurationMin;
    std::optional<MotorFinding> motor;
    QList<IcpFinding> icpFindings;
    QList<IcansDomain> excludedDomains;
    bool deathDueToIcans = false;
};

struct IcansResult
{
    int grade = 0; // 0 (no ICANS) to 5
    bool review = false;
    QStringList reasons;
    EncephalopathyInstrument instrument = EncephalopathyInstrument::Ice;
};

int iceScore(const IceItems &items);
// Points of one CAPD item (index 0-7); items 0-3 are scored reversed.
int capdItemScore(int itemIndex, CapdAnswer answer);
int capdScore(const CapdAnswers &answers);

// ICE from `iceMinAgeYears` completed years, CAPD below it and for children
// with developmental delay whatever their age.
EncephalopathyInstrument chooseInstrument(double ageYears, bool developmentalDelay, int iceMinAgeYears);
// True at the disputed boundary: completed age equals the cut-off and no
// developmental delay decides the question.
bool atInstrumentBoundary(double ageYears, bool developmentalDelay, int iceMinAgeYears);

// Encephalopathy-domain grades.
int iceGrade(int score, bool unarousable);
int capdGrade(int score);

IcansResult gradeIcans(const IcansAssessment &assessment);

// Input codes of the derivation contract, in CLINICAL.md order.
const QStringList &consciousnessCodes();
const QStringList &seizureCodes();
const QStringList &motorCodes();
const QStringList &icpFindingCodes();
const QStringList &icansDomainCodes();
const QStringList &capdAnswerCodes();
const QStringList &capdItemNames();
const QStringList &iceItemNames();

} // namespace cellcrf::clinical
