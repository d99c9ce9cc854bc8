#include "crs.h"

#include "clinicaltext.h"

#include <algorithm>

namespace cellcrf::clinical {

using namespace Qt::StringLiterals;

namespace {

// Small tolerance so that a value entered as 38.0 (or converted from Fahrenheit
// with binary rounding) is not lost to floating point; recorded precision is 0.1.
constexpr double kEpsilon = 1e-9;

struct DomainGrade
{
    int grade = 0;
    QString reason;
};

DomainGrade hypotensionGrade(const CrsAssessment &a, QStringList &notes)
{
    switch (a.hypotension) {
    case Hypotension::None:
        return {0, ClinicalText::tr("No hypotension")};
    case Hypotension::NoVasopressor:
        return {2, ClinicalText::tr("Hypotension not needing vasopressors: grade 2")};
    case Hypotension::VasopressinOnly:
        return {3, ClinicalText::tr("Vasopressin alone counts as one vasopressor: grade 3")};
    case Hypotension::OneVasopressor:
        if (a.vasopressinAdded)
            notes.append(ClinicalText::tr("Vasopressin added to one vasopressor is not counted as a second one"));
        return {3, ClinicalText::tr("Hypotension needing one vasopressor: grade 3")};
    case Hypotension::MultipleVasopressors:
        return {4, ClinicalText::tr("Hypotension needing several vasopressors (vasopressin not counted): grade 4")};
    }
    Q_UNREACHABLE();
    return {};
}

DomainGrade classifyCannulaFlow(double flow)
{
    if (flow <= kLowFlowMaxLMin + kEpsilon)
        return {2,
                ClinicalText::tr("Nasal cannula at %1 L/min is low flow (≤ 6 L/min): grade 2").arg(plainNumber(flow))};
    return {3, ClinicalText::tr("Nasal cannula at %1 L/min is high flow (> 6 L/min): grade 3").arg(plainNumber(flow))};
}

DomainGrade hypoxiaGrade(const CrsAssessment &a, bool &conflict)
{
    switch (a.oxygen) {
    case OxygenSupport::None:
        return {0, ClinicalText::tr("No oxygen needed")};
    case OxygenSupport::NasalCannula:
        Q_ASSERT(a.nasalCannulaFlowLMin.has_value());
        return classifyCannulaFlow(a.nasalCannulaFlowLMin.value_or(0.0));
    case OxygenSupport::LowFlowLe6:
    case OxygenSupport::HighFlowGt6: {
        if (!a.nasalCannulaFlowLMin)
            return a.oxygen == OxygenSupport::LowFlowLe6
                       ? DomainGrade{2, ClinicalText::tr("Low-flow nasal cannula (≤ 6 L/min): grade 2")}
                       : DomainGrade{3, ClinicalText::tr("High-flow nasal cannula (> 6 L/min): grade 3")};
        // A nasal cannula entered with its flow is classed from the flow; a
        // category that disagrees with the flow is an entry to check.
        DomainGrade byFlow = classifyCannulaFlow(*a.nasalCannulaFlowLMin);
        const int categoryGrade = a.oxygen == OxygenSupport::LowFlowLe6 ? 2 : 3;
        if (byFlow.grade != categoryGrade) {
            conflict = true;
            byFlow.reason +=
                u"; "_s + ClinicalText::tr("the entered category (%1) disagrees with the flow, please check")
                              .arg(oxygenCodes().at(static_cast<int>(a.oxygen)));
        }
        return byFlow;
    }
    case OxygenSupport::BlowBy:
        return {2, ClinicalText::tr("Blow-by oxygen: grade 2")};
    case OxygenSupport::Facemask:
        if (a.nasalCannulaFlowLMin)
            return {3, ClinicalText::tr("Facemask: grade 3 whatever the flow")};
        return {3, ClinicalText::tr("Facemask: grade 3")};
    case OxygenSupport::Nonrebreather:
        return {3, ClinicalText::tr("Non-rebreather mask: grade 3")};
    case OxygenSupport::Venturi:
        return {3, ClinicalText::tr("Venturi mask: grade 3")};
    case OxygenSupport::Cpap:
        return {4, ClinicalText::tr("Positive pressure (CPAP): grade 4")};
    case OxygenSupport::Bipap:
        return {4, ClinicalText::tr("Positive pressure (BiPAP): grade 4")};
    case OxygenSupport::MechanicalVentilation:
        return {4, ClinicalText::tr("Intubation and mechanical ventilation: grade 4")};
    }
    Q_UNREACHABLE();
    return {};
}

} // namespace

const QStringList &hypotensionCodes()
{
    static const QStringList codes{u"none"_s, u"no_vasopressor"_s, u"vasopressin_only"_s, u"one_vasopressor"_s,
                                   u"multiple_vasopressors"_s};
    return codes;
}

const QStringList &oxygenCodes()
{
    static const QStringList codes{u"none"_s,          u"nasal_cannula"_s, u"low_flow_le6"_s,          u"blow_by"_s,
                                   u"high_flow_gt6"_s, u"facemask"_s,      u"nonrebreather"_s,         u"venturi"_s,
                                   u"cpap"_s,          u"bipap"_s,         u"mechanical_ventilation"_s};
    return codes;
}

std::optional<Hypotension> hypotensionFromCode(const QString &code)
{
    const qsizetype index = hypotensionCodes().indexOf(code);
    if (index < 0)
        return std::nullopt;
    return static_cast<Hypotension>(index);
}

std::optional<OxygenSupport> oxygenFromCode(const QString &code)
{
    const qsizetype index = oxygenCodes().indexOf(code);
    if (index < 0)
        return std::nullopt;
    return static_cast<OxygenSupport>(index);
}

bool crsNeedsTemperature(const CrsAssessment &a)
{
    return !a.temperatureC.has_value() && !a.antipyreticOrAnticytokineGiven;
}

CrsResult gradeCrs(const CrsAssessment &a)
{
    Q_ASSERT(!crsNeedsTemperature(a));
    CrsResult result;
    QStringList notes;
    bool flowConflict = false;
    const DomainGrade hypotension = hypotensionGrade(a, notes);
    const DomainGrade hypoxia = hypoxiaGrade(a, flowConflict);
    const int worst = std::max(hypotension.grade, hypoxia.grade);

    const bool aboveThreshold = a.temperatureC && *a.temperatureC >= kFeverThresholdC - kEpsilon;
    const bool fever = aboveThreshold && !a.feverAttributableToOtherCause;
    if (!a.temperatureC) {
        // Only reachable with antipyretic or anti-cytokine therapy given
        // (crsNeedsTemperature); the branches below decide what that means.
        result.reasons.append(ClinicalText::tr("No temperature recorded; antipyretic or anti-cytokine therapy "
                                               "(tocilizumab, steroids or antipyretics) was given, so a fever could "
                                               "be masked"));
    } else if (fever) {
        result.reasons.append(ClinicalText::tr("Temperature %1 °C meets the fever threshold (≥ 38.0 °C)")
                                  .arg(temperatureText(*a.temperatureC)));
    } else if (aboveThreshold) {
        result.reasons.append(ClinicalText::tr("Temperature %1 °C is attributed to another cause, so it does not "
                                               "count as CRS fever")
                                  .arg(temperatureText(*a.temperatureC)));
    } else {
        result.reasons.append(ClinicalText::tr("Temperature %1 °C is below the fever threshold (≥ 38.0 °C)")
                                  .arg(temperatureText(*a.temperatureC)));
    }

    const bool masked = !fever && a.antipyreticOrAnticytokineGiven && a.crsPreviouslyDiagnosedThisEpisode;
    result.reasons.append(hypotension.reason);
    result.reasons.append(notes);
    result.reasons.append(hypoxia.reason);
    result.review = flowConflict;

    if (fever) {
        if (worst == 0) {
            result.grade = 1;
            result.reasons.append(ClinicalText::tr("Fever without hypotension or hypoxia: grade 1"));
        } else {
            result.grade = worst;
            result.reasons.append(
                ClinicalText::tr("Fever with the more severe of hypotension and hypoxia: grade %1").arg(worst));
        }
    } else if (masked) {
        result.reasons.append(ClinicalText::tr("CRS was met earlier in this episode and antipyretic or anti-cytokine "
                                               "therapy was given, so fever is no longer required"));
        if (worst == 0) {
            // ASTCT 2019 lets hypotension and hypoxia drive the grade once fever is
            // masked, but says nothing when both are absent: ongoing grade 1 or
            // resolved. Propose the grade that keeps the episode open.
            result.grade = 1;
            result.review = true;
            result.reasons.append(ClinicalText::tr("Fever may be masked and there is neither hypotension nor "
                                                   "hypoxia: the rules do not decide; grade 1 proposed for the "
                                                   "investigator to review"));
        } else {
            result.grade = worst;
            result.reasons.append(
                ClinicalText::tr("The more severe of hypotension and hypoxia decides: grade %1").arg(worst));
        }
    } else if (a.antipyreticOrAnticytokineGiven && !a.temperatureC) {
        // No temperature and no CRS before the therapy: by the letter there is no
        // CRS, but the missing temperature may hide the fever that would make one.
        result.grade = 0;
        result.review = true;
        result.reasons.append(ClinicalText::tr("No temperature recorded and no earlier CRS in this episode: by the "
                                               "rules there is no CRS without fever, but the therapy may hide one; "
                                               "grade 0 proposed for the investigator to review"));
    } else if (a.antipyreticOrAnticytokineGiven) {
        // Therapy given before CRS was ever met: a fever may have been hidden, so
        // "no fever, no CRS" cannot be applied with confidence.
        result.grade = 0;
        result.review = true;
        result.reasons.append(ClinicalText::tr("Antipyretic or anti-cytokine therapy was given with no earlier CRS "
                                               "in this episode, so a fever may be hidden: the rules do not "
                                               "decide; grade 0 proposed for the investigator to review"));
    } else {
        result.grade = 0;
        if (a.crsPreviouslyDiagnosedThisEpisode)
            result.reasons.append(ClinicalText::tr("Fever is still required because no antipyretic or "
                                                   "anti-cytokine therapy was given"));
        if (worst > 0)
            result.reasons.append(
                ClinicalText::tr("Without fever there is no CRS, even with hypotension or hypoxia: grade 0"));
        else
            result.reasons.append(ClinicalText::tr("No fever: no CRS (grade 0)"));
    }

    if (a.organToxicityMaxCtcaeGrade) {
        result.reasons.append(ClinicalText::tr("Organ toxicity (CTCAE grade %1) is graded separately with CTCAE "
                                               "v5.0 and does not change the CRS grade")
                                  .arg(*a.organToxicityMaxCtcaeGrade));
    }

    if (a.died && a.deathDueToCrs) {
        result.grade = 5;
        result.review = false;
        result.reasons.append(ClinicalText::tr("Death due to CRS: grade 5"));
    } else if (a.died) {
        result.reasons.append(ClinicalText::tr("Death not attributed to CRS: the grade comes from the findings"));
    }
    return result;
}

} // namespace cellcrf::clinical
