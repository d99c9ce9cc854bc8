#include "icans.h"

#include "clinicaltext.h"

#include <algorithm>
#include <cmath>

namespace cellcrf::clinical {

using namespace Qt::StringLiterals;

namespace {

constexpr double kProlongedSeizureMin = 5.0;
constexpr double kEpsilon = 1e-9;

QString instrumentName(EncephalopathyInstrument instrument)
{
    return instrument == EncephalopathyInstrument::Ice ? u"ICE"_s : u"CAPD"_s;
}

int completedYears(double ageYears)
{
    return static_cast<int>(std::floor(ageYears + kEpsilon));
}

QString iceReason(int score, bool unarousable)
{
    if (score == 10)
        return ClinicalText::tr("ICE score 10/10: no encephalopathy");
    if (score >= 7)
        return ClinicalText::tr("ICE score %1/10 (7–9): grade 1").arg(score);
    if (score >= 3)
        return ClinicalText::tr("ICE score %1/10 (3–6): grade 2").arg(score);
    if (score >= 1)
        return ClinicalText::tr("ICE score %1/10 (0–2): grade 3").arg(score);
    if (unarousable)
        return ClinicalText::tr("ICE score 0 because the patient is unarousable and cannot do ICE: grade 4");
    return ClinicalText::tr("ICE score 0 in an awake patient: grade 3");
}

QString capdReason(int score)
{
    if (score == 0)
        return ClinicalText::tr("CAPD score 0: no encephalopathy");
    if (score <= 8)
        return ClinicalText::tr("CAPD score %1 (1–8): grade 1").arg(score);
    return ClinicalText::tr("CAPD score %1 (≥ 9): grade 3").arg(score);
}

struct DomainGrade
{
    int grade = 0;
    QString reason;
};

DomainGrade consciousnessGrade(Consciousness c)
{
    switch (c) {
    case Consciousness::Alert:
        return {0, ClinicalText::tr("Alert: no depressed consciousness")};
    case Consciousness::AwakensSpontaneously:
        return {1, ClinicalText::tr("Awakens spontaneously: grade 1")};
    case Consciousness::AwakensToVoice:
        return {2, ClinicalText::tr("Awakens to voice: grade 2")};
    case Consciousness::AwakensToTactile:
        return {3, ClinicalText::tr("Awakens only to touch: grade 3")};
    case Consciousness::Unarousable:
        return {4, ClinicalText::tr("Unarousable, or needs vigorous or repeated touch to wake: grade 4")};
    }
    Q_UNREACHABLE();
    return {};
}

struct SeizureGrade
{
    int grade = 0;
    bool review = false;
    QString reason;
};

SeizureGrade seizureGrade(Seizure s, std::optional<double> durationMin)
{
    if (s == Seizure::None)
        return {0, false, ClinicalText::tr("No seizure")};
    if (s == Seizure::RepetitiveWithoutReturnToBaseline)
        return {4, false, ClinicalText::tr("Repeated seizures without return to baseline in between: grade 4")};
    const bool eegOnly = s == Seizure::NonconvulsiveEeg;
    if (!durationMin) {
        // ASTCT 2019 makes an EEG-only seizure that resolved with intervention
        // grade 3 whatever its length; the length only matters for the open case
        // of a long one, so it is asked for rather than required (CLINICAL.md
        // "Missing data in CRS and ICANS"). A clinical seizure needs its length:
        // the adapter refuses it before this point.
        return {3, false,
                eegOnly ? ClinicalText::tr("Non-convulsive seizure on EEG that resolved with treatment: grade 3, even "
                                           "though its length was not recorded. Please record the length: a seizure "
                                           "of more than 5 min needs the investigator's review")
                        : ClinicalText::tr("Clinical seizure that resolved: grade 3")};
    }
    const QString minutes = plainNumber(*durationMin, 2);
    if (std::abs(*durationMin - kProlongedSeizureMin) < kEpsilon) {
        // "> 5 min" is grade 4; exactly 5 is not above it, but close enough that
        // the paper's intent is unclear.
        return {3, true,
                ClinicalText::tr("Seizure of exactly 5 min: grade 4 needs more than 5 min, so grade 3 is proposed "
                                 "for the investigator to review")};
    }
    if (*durationMin > kProlongedSeizureMin) {
        if (eegOnly) {
            // Both the grade-3 wording (EEG seizure resolving with intervention)
            // and the grade-4 wording (prolonged > 5 min) fit: propose the more
            // severe and ask.
            return {4, true,
                    ClinicalText::tr("Non-convulsive seizure on EEG lasting %1 min (more than 5 min) that resolved "
                                     "with treatment: the rules do not decide; grade 4 proposed for the "
                                     "investigator to review")
                        .arg(minutes)};
        }
        return {4, false, ClinicalText::tr("Prolonged seizure of %1 min (more than 5 min): grade 4").arg(minutes)};
    }
    return {
        3, false,
        eegOnly
            ? ClinicalText::tr("Non-convulsive seizure on EEG of %1 min that resolved with treatment: grade 3")
                  .arg(minutes)
            : ClinicalText::tr("Clinical seizure of %1 min that resolved (not more than 5 min): grade 3").arg(minutes)};
}

DomainGrade motorGrade(MotorFinding m)
{
    switch (m) {
    case MotorFinding::None:
        return {0, ClinicalText::tr("No motor findings")};
    case MotorFinding::Tremor:
        return {0, ClinicalText::tr("Tremor is graded with CTCAE and does not count for ICANS")};
    case MotorFinding::Myoclonus:
        return {0, ClinicalText::tr("Myoclonus is graded with CTCAE and does not count for ICANS")};
    case MotorFinding::DeepFocalWeakness:
        return {4, ClinicalText::tr("Deep focal motor weakness (hemiparesis or paraparesis): grade 4")};
    }
    Q_UNREACHABLE();
    return {};
}

DomainGrade icpGrade(IcpFinding f)
{
    switch (f) {
    case IcpFinding::FocalEdema:
        return {3, ClinicalText::tr("Focal or local edema on neuroimaging: grade 3")};
    case IcpFinding::DiffuseEdema:
        return {4, ClinicalText::tr("Diffuse cerebral edema on neuroimaging: grade 4")};
    case IcpFinding::DecerebratePosturing:
        return {4, ClinicalText::tr("Decerebrate posturing: grade 4")};
    case IcpFinding::DecorticatePosturing:
        return {4, ClinicalText::tr("Decorticate posturing: grade 4")};
    case IcpFinding::CranialNerveViPalsy:
        return {4, ClinicalText::tr("Cranial nerve VI palsy: grade 4")};
    case IcpFinding::Papilledema:
        return {4, ClinicalText::tr("Papilledema: grade 4")};
    case IcpFinding::CushingsTriad:
        return {4, ClinicalText::tr("Cushing's triad: grade 4")};
    case IcpFinding::IntracranialHemorrhage:
        return {0, ClinicalText::tr("Intracranial haemorrhage does not count for ICANS")};
    }
    Q_UNREACHABLE();
    return {};
}

} // namespace

const QStringList &consciousnessCodes()
{
    static const QStringList codes{u"alert"_s, u"awakens_spontaneously"_s, u"awakens_to_voice"_s,
                                   u"awakens_to_tactile"_s, u"unarousable"_s};
    return codes;
}

const QStringList &seizureCodes()
{
    static const QStringList codes{u"none"_s, u"clinical"_s, u"nonconvulsive_eeg"_s,
                                   u"repetitive_without_return_to_baseline"_s};
    return codes;
}

const QStringList &motorCodes()
{
    static const QStringList codes{u"none"_s, u"tremor"_s, u"myoclonus"_s, u"deep_focal_weakness"_s};
    return codes;
}

const QStringList &icpFindingCodes()
{
    static const QStringList codes{u"focal_edema"_s,
                                   u"diffuse_edema"_s,
                                   u"decerebrate_posturing"_s,
                                   u"decorticate_posturing"_s,
                                   u"cranial_nerve_vi_palsy"_s,
                                   u"papilledema"_s,
                                   u"cushings_triad"_s,
                                   u"intracranial_hemorrhage_with_or_without_edema"_s};
    return codes;
}

const QStringList &icansDomainCodes()
{
    static const QStringList codes{u"ice"_s,     u"encephalopathy"_s, u"consciousness"_s,
                                   u"seizure"_s, u"motor"_s,          u"icp"_s};
    return codes;
}

const QStringList &capdAnswerCodes()
{
    static const QStringList codes{u"never"_s, u"rarely"_s, u"sometimes"_s, u"often"_s, u"always"_s};
    return codes;
}

const QStringList &capdItemNames()
{
    static const QStringList names{u"eye_contact"_s,        u"purposeful_actions"_s, u"aware_of_surroundings"_s,
                                   u"communicates_needs"_s, u"restless"_s,           u"inconsolable"_s,
                                   u"underactive"_s,        u"slow_response"_s};
    return names;
}

const QStringList &iceItemNames()
{
    static const QStringList names{u"orientation_year"_s,         u"orientation_month"_s,
                                   u"orientation_city"_s,         u"orientation_hospital"_s,
                                   u"naming_objects_correct"_s,   u"follows_simple_command"_s,
                                   u"writes_standard_sentence"_s, u"counts_back_from_100_by_10"_s};
    return names;
}

int iceScore(const IceItems &items)
{
    Q_ASSERT(items.namingObjectsCorrect >= 0 && items.namingObjectsCorrect <= 3);
    return int(items.orientationYear) + int(items.orientationMonth) + int(items.orientationCity) +
           int(items.orientationHospital) + items.namingObjectsCorrect + int(items.followsSimpleCommand) +
           int(items.writesStandardSentence) + int(items.countsBackFrom100By10);
}

int capdItemScore(int itemIndex, CapdAnswer answer)
{
    Q_ASSERT(itemIndex >= 0 && itemIndex < 8);
    const int frequency = static_cast<int>(answer); // never 0 ... always 4
    // Items 1-4 describe healthy behaviour, so "always" is the best answer.
    return itemIndex < 4 ? 4 - frequency : frequency;
}

int capdScore(const CapdAnswers &answers)
{
    int total = 0;
    for (int i = 0; i < 8; ++i)
        total += capdItemScore(i, answers[static_cast<std::size_t>(i)]);
    return total;
}

EncephalopathyInstrument chooseInstrument(double ageYears, bool developmentalDelay, int iceMinAgeYears)
{
    if (developmentalDelay || completedYears(ageYears) < iceMinAgeYears)
        return EncephalopathyInstrument::Capd;
    return EncephalopathyInstrument::Ice;
}

bool atInstrumentBoundary(double ageYears, bool developmentalDelay, int iceMinAgeYears)
{
    return !developmentalDelay && completedYears(ageYears) == iceMinAgeYears;
}

int iceGrade(int score, bool unarousable)
{
    if (score >= 10)
        return 0;
    if (score >= 7)
        return 1;
    if (score >= 3)
        return 2;
    if (score >= 1)
        return 3;
    return unarousable ? 4 : 3;
}

int capdGrade(int score)
{
    if (score == 0)
        return 0;
    return score <= 8 ? 1 : 3;
}

IcansResult gradeIcans(const IcansAssessment &a)
{
    IcansResult result;
    QStringList &reasons = result.reasons;
    const auto excluded = [&a](IcansDomain d) { return a.excludedDomains.contains(d); };
    const bool unarousable = a.consciousness == Consciousness::Unarousable;
    int grade = 0;

    // Encephalopathy: which instrument, then its grade.
    const int age = completedYears(a.ageYears);
    const bool boundary = atInstrumentBoundary(a.ageYears, a.developmentalDelay, a.iceMinAgeYears);
    EncephalopathyInstrument instrument = chooseInstrument(a.ageYears, a.developmentalDelay, a.iceMinAgeYears);
    if (a.developmentalDelay)
        reasons.append(ClinicalText::tr("Age %1 years with developmental delay: CAPD is used").arg(age));
    else if (instrument == EncephalopathyInstrument::Capd)
        reasons.append(ClinicalText::tr("Age %1 years: CAPD is used under %2 years").arg(age).arg(a.iceMinAgeYears));
    else
        reasons.append(ClinicalText::tr("Age %1 years: ICE is used from %2 years").arg(age).arg(a.iceMinAgeYears));

    const bool hasIce = a.iceScore.has_value();
    const bool hasCapd = a.capdScore.has_value() || a.capdUnable;
    if (boundary) {
        // The sources disagree at exactly the cut-off age, so either instrument is
        // acceptable there; prefer the study's setting when both were done.
        if (instrument == EncephalopathyInstrument::Ice && !hasIce && hasCapd)
            instrument = EncephalopathyInstrument::Capd;
        else if (instrument == EncephalopathyInstrument::Capd && !hasCapd && hasIce)
            instrument = EncephalopathyInstrument::Ice;
        if (instrument != chooseInstrument(a.ageYears, a.developmentalDelay, a.iceMinAgeYears))
            reasons.append(ClinicalText::tr("At exactly %1 years either instrument is accepted; only %2 was done")
                               .arg(a.iceMinAgeYears)
                               .arg(instrumentName(instrument)));
    }
    result.instrument = instrument;

    const int capdDomain = a.capdUnable ? 4 : capdGrade(a.capdScore.value_or(0));
    const QString capdText =
        a.capdUnable ? ClinicalText::tr("Unable to perform CAPD: grade 4") : capdReason(a.capdScore.value_or(0));

    if (excluded(IcansDomain::Ice) || excluded(IcansDomain::Encephalopathy)) {
        reasons.append(ClinicalText::tr("Encephalopathy (%1) attributed to another cause by the investigator: not "
                                        "counted")
                           .arg(instrumentName(instrument)));
    } else if (instrument == EncephalopathyInstrument::Ice) {
        if (hasIce) {
            grade = std::max(grade, iceGrade(*a.iceScore, unarousable));
            reasons.append(iceReason(*a.iceScore, unarousable));
        } else if (unarousable) {
            grade = 4;
            reasons.append(ClinicalText::tr("Unarousable and unable to do ICE: grade 4"));
        } else {
            reasons.append(ClinicalText::tr("ICE not done: the encephalopathy domain is not assessed"));
        }
        if (boundary && hasCapd) {
            const int other = capdDomain;
            const int own = hasIce ? iceGrade(*a.iceScore, unarousable) : (unarousable ? 4 : 0);
            reasons.append(ClinicalText::tr("CAPD was also done: %1").arg(capdText));
            if (other != own) {
                result.review = true;
                reasons.append(ClinicalText::tr("At exactly %1 years the sources disagree on ICE or CAPD, and here "
                                                "they give different grades (ICE %2, CAPD %3): investigator to "
                                                "review")
                                   .arg(a.iceMinAgeYears)
                                   .arg(own)
                                   .arg(other));
            }
        }
    } else {
        if (hasCapd) {
            grade = std::max(grade, capdDomain);
            reasons.append(capdText);
            if (!a.capdUnable && capdDomain == 1)
                reasons.append(ClinicalText::tr("With CAPD, grade 2 comes only from consciousness (awakens to "
                                                "voice)"));
        } else if (unarousable) {
            grade = 4;
            reasons.append(ClinicalText::tr("Unarousable and unable to do CAPD: grade 4"));
        } else {
            reasons.append(ClinicalText::tr("CAPD not done: the encephalopathy domain is not assessed"));
        }
        if (boundary && hasIce) {
            const int own = hasCapd ? capdDomain : (unarousable ? 4 : 0);
            const int other = iceGrade(*a.iceScore, unarousable);
            reasons.append(ClinicalText::tr("ICE was also done: %1").arg(iceReason(*a.iceScore, unarousable)));
            if (other != own) {
                result.review = true;
                reasons.append(ClinicalText::tr("At exactly %1 years the sources disagree on ICE or CAPD, and here "
                                                "they give different grades (ICE %2, CAPD %3): investigator to "
                                                "review")
                                   .arg(a.iceMinAgeYears)
                                   .arg(other)
                                   .arg(own));
            }
        }
    }

    if (!boundary && !excluded(IcansDomain::Ice) && !excluded(IcansDomain::Encephalopathy)) {
        if (instrument == EncephalopathyInstrument::Ice && a.capdScore)
            reasons.append(ClinicalText::tr("A CAPD score was also recorded but ICE is the instrument at this age: "
                                            "CAPD not used"));
        else if (instrument == EncephalopathyInstrument::Capd && hasIce)
            reasons.append(ClinicalText::tr("An ICE score was also recorded but CAPD is the instrument here: ICE "
                                            "not used"));
    }

    const auto addDomain = [&](IcansDomain domain, const QString &name, int domainGrade, const QString &reason) {
        if (excluded(domain)) {
            reasons.append(
                ClinicalText::tr("%1 attributed to another cause by the investigator: not counted").arg(name));
            return;
        }
        grade = std::max(grade, domainGrade);
        reasons.append(reason);
    };

    // A domain the investigator attributed elsewhere is reported even when it was
    // left blank, so the reasons show every domain that was considered.
    const DomainGrade c = a.consciousness ? consciousnessGrade(*a.consciousness) : DomainGrade{};
    if (a.consciousness || excluded(IcansDomain::Consciousness))
        addDomain(IcansDomain::Consciousness, ClinicalText::tr("Depressed consciousness"), c.grade, c.reason);
    const SeizureGrade s = a.seizure ? seizureGrade(*a.seizure, a.seizureDurationMin) : SeizureGrade{};
    if (a.seizure || excluded(IcansDomain::Seizure)) {
        addDomain(IcansDomain::Seizure, ClinicalText::tr("Seizure"), s.grade, s.reason);
        if (s.review && !excluded(IcansDomain::Seizure))
            result.review = true;
    }
    const DomainGrade m = a.motor ? motorGrade(*a.motor) : DomainGrade{};
    if (a.motor || excluded(IcansDomain::Motor))
        addDomain(IcansDomain::Motor, ClinicalText::tr("Motor findings"), m.grade, m.reason);
    if (excluded(IcansDomain::Icp)) {
        reasons.append(ClinicalText::tr("Raised intracranial pressure or cerebral edema attributed to another cause "
                                        "by the investigator: not counted"));
    } else if (a.icpFindings.isEmpty()) {
        reasons.append(ClinicalText::tr("No signs of raised intracranial pressure or cerebral edema recorded"));
    } else {
        for (IcpFinding f : a.icpFindings) {
            const DomainGrade g = icpGrade(f);
            grade = std::max(grade, g.grade);
            reasons.append(g.reason);
        }
    }

    if (a.deathDueToIcans) {
        result.grade = 5;
        result.review = false;
        reasons.append(ClinicalText::tr("Death due to ICANS: grade 5"));
        return result;
    }
    result.grade = grade;
    if (grade == 0)
        reasons.append(ClinicalText::tr("No domain reaches grade 1: no ICANS (grade 0)"));
    else
        reasons.append(ClinicalText::tr("ICANS grade is the most severe domain: grade %1").arg(grade));
    return result;
}

} // namespace cellcrf::clinical
