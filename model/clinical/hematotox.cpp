#include "hematotox.h"

#include "clinicaltext.h"

#include <algorithm>
#include <cmath>

namespace cellcrf::clinical {

using namespace Qt::StringLiterals;

namespace {

// Values converted from another unit (1200/µL ÷ 1000, 90 g/L ÷ 10) must stay on
// the cut-off they were meant to be on despite binary rounding.
constexpr double kEpsilon = 1e-9;

bool on(double value, double cutOff)
{
    return std::abs(value - cutOff) <= kEpsilon * std::max(1.0, cutOff);
}

struct ItemScore
{
    int points = 0;
    // Points the value would get on the other side of the cut-off it sits on
    // exactly; empty when it is not on a cut-off.
    std::optional<int> otherReading;
    QString reason;
};

ItemScore plateletPoints(double p)
{
    const QString v = plainNumber(p, 1);
    if (on(p, kHematotoxPlateletsHighE9PerL))
        return {1, 0,
                ClinicalText::tr("Platelets exactly 175 ×10⁹/L, the upper end of 75–175: 1 point (provisional "
                                 "cut-off)")};
    if (on(p, kHematotoxPlateletsLowE9PerL))
        return {1, 2,
                ClinicalText::tr("Platelets exactly 75 ×10⁹/L, the lower end of 75–175: 1 point (provisional "
                                 "cut-off)")};
    if (p > kHematotoxPlateletsHighE9PerL)
        return {0, {}, ClinicalText::tr("Platelets %1 ×10⁹/L (above 175): 0 points (provisional cut-off)").arg(v)};
    if (p > kHematotoxPlateletsLowE9PerL)
        return {1, {}, ClinicalText::tr("Platelets %1 ×10⁹/L (75–175): 1 point (provisional cut-off)").arg(v)};
    return {2, {}, ClinicalText::tr("Platelets %1 ×10⁹/L (below 75): 2 points (provisional cut-off)").arg(v)};
}

ItemScore ancPoints(double a)
{
    if (on(a, kHematotoxAncE9PerL))
        return {1, 0,
                ClinicalText::tr("ANC exactly 1.2 ×10⁹/L: the score gives 0 points above 1.2 and 1 point below, "
                                 "nothing for exactly 1.2; counted as 1 point, the cautious reading (provisional "
                                 "cut-off)")};
    const QString v = plainNumber(a, 3);
    if (a > kHematotoxAncE9PerL)
        return {0, {}, ClinicalText::tr("ANC %1 ×10⁹/L (above 1.2): 0 points (provisional cut-off)").arg(v)};
    return {1, {}, ClinicalText::tr("ANC %1 ×10⁹/L (below 1.2): 1 point (provisional cut-off)").arg(v)};
}

ItemScore hemoglobinPoints(double h)
{
    if (on(h, kHematotoxHemoglobinGDl))
        return {1, 0,
                ClinicalText::tr("Hemoglobin exactly 9.0 g/dL: the score gives 0 points above 9.0 and 1 point "
                                 "below, nothing for exactly 9.0; counted as 1 point, the cautious reading "
                                 "(provisional cut-off)")};
    const QString v = plainNumber(h, 2);
    if (h > kHematotoxHemoglobinGDl)
        return {0, {}, ClinicalText::tr("Hemoglobin %1 g/dL (above 9.0): 0 points (provisional cut-off)").arg(v)};
    return {1, {}, ClinicalText::tr("Hemoglobin %1 g/dL (below 9.0): 1 point (provisional cut-off)").arg(v)};
}

ItemScore crpPoints(double c)
{
    if (on(c, kHematotoxCrpMgDl))
        return {1, 0,
                ClinicalText::tr("CRP exactly 3.0 mg/dL: the score gives 0 points below 3.0 and 1 point above, "
                                 "nothing for exactly 3.0; counted as 1 point, the cautious reading (provisional "
                                 "cut-off)")};
    const QString v = plainNumber(c, 3);
    if (c > kHematotoxCrpMgDl)
        return {1, {}, ClinicalText::tr("CRP %1 mg/dL (above 3.0): 1 point (provisional cut-off)").arg(v)};
    return {0, {}, ClinicalText::tr("CRP %1 mg/dL (below 3.0): 0 points (provisional cut-off)").arg(v)};
}

ItemScore ferritinPoints(double f)
{
    if (on(f, kHematotoxFerritinLowNgMl))
        return {1, 0,
                ClinicalText::tr("Ferritin exactly 650 ng/mL, the lower end of 650–2000: 1 point (provisional "
                                 "cut-off)")};
    if (on(f, kHematotoxFerritinHighNgMl))
        return {1, 2,
                ClinicalText::tr("Ferritin exactly 2000 ng/mL, the upper end of 650–2000: 1 point (provisional "
                                 "cut-off)")};
    const QString v = plainNumber(f, 1);
    if (f < kHematotoxFerritinLowNgMl)
        return {0, {}, ClinicalText::tr("Ferritin %1 ng/mL (below 650): 0 points (provisional cut-off)").arg(v)};
    if (f < kHematotoxFerritinHighNgMl)
        return {1, {}, ClinicalText::tr("Ferritin %1 ng/mL (650–2000): 1 point (provisional cut-off)").arg(v)};
    return {2, {}, ClinicalText::tr("Ferritin %1 ng/mL (above 2000): 2 points (provisional cut-off)").arg(v)};
}

QString riskName(HematotoxRisk risk)
{
    return risk == HematotoxRisk::High ? ClinicalText::tr("high risk") : ClinicalText::tr("low risk");
}

} // namespace

double countToE9PerL(double value, CountUnit unit)
{
    return unit == CountUnit::PerUl ? value / 1000.0 : value;
}

double hemoglobinToGPerDl(double value, HemoglobinUnit unit)
{
    return unit == HemoglobinUnit::GPerL ? value / 10.0 : value;
}

double crpToMgPerDl(double value, CrpUnit unit)
{
    return unit == CrpUnit::MgPerL ? value / 10.0 : value;
}

HematotoxRisk hematotoxRisk(int score)
{
    return score >= kHematotoxHighRiskMinScore ? HematotoxRisk::High : HematotoxRisk::Low;
}

HematotoxResult scoreHematotox(const HematotoxInput &in)
{
    HematotoxResult r;
    QStringList &reasons = r.reasons;

    if (in.assessmentDay >= 0) {
        r.review = true;
        reasons.append(ClinicalText::tr("Assessed on day %1, on or after the infusion and so after lymphodepletion: "
                                        "the score is defined before lymphodepletion; for the investigator to review")
                           .arg(in.assessmentDay));
    } else if (in.lymphodepletionStartDay && in.assessmentDay > *in.lymphodepletionStartDay) {
        r.review = true;
        reasons.append(ClinicalText::tr("Assessed on day %1, after lymphodepletion started on day %2: the score is "
                                        "defined before lymphodepletion; for the investigator to review")
                           .arg(in.assessmentDay)
                           .arg(*in.lymphodepletionStartDay));
    } else if (in.lymphodepletionStartDay) {
        reasons.append(ClinicalText::tr("Assessed on day %1, before or on the first day of lymphodepletion (day %2)")
                           .arg(in.assessmentDay)
                           .arg(*in.lymphodepletionStartDay));
    } else {
        reasons.append(ClinicalText::tr("Assessed on day %1 before the infusion; the first day of lymphodepletion was "
                                        "not given, so please check that the samples were taken before it")
                           .arg(in.assessmentDay));
    }

    // Convert first, and say so, so that the points are visibly given on the
    // units of the score table.
    const double platelets = countToE9PerL(in.platelets, in.plateletsUnit);
    const double anc = countToE9PerL(in.anc, in.ancUnit);
    const double hemoglobin = hemoglobinToGPerDl(in.hemoglobin, in.hemoglobinUnit);
    const double crp = crpToMgPerDl(in.crp, in.crpUnit);
    if (in.plateletsUnit == CountUnit::PerUl)
        reasons.append(ClinicalText::tr("Platelets %1/µL ÷ 1000 = %2 ×10⁹/L")
                           .arg(plainNumber(in.platelets, 0), plainNumber(platelets, 3)));
    if (in.ancUnit == CountUnit::PerUl)
        reasons.append(
            ClinicalText::tr("ANC %1/µL ÷ 1000 = %2 ×10⁹/L").arg(plainNumber(in.anc, 0), plainNumber(anc, 3)));
    if (in.hemoglobinUnit == HemoglobinUnit::GPerL)
        reasons.append(ClinicalText::tr("Hemoglobin %1 g/L ÷ 10 = %2 g/dL")
                           .arg(plainNumber(in.hemoglobin, 1), plainNumber(hemoglobin, 2)));
    if (in.crpUnit == CrpUnit::MgPerL)
        reasons.append(
            ClinicalText::tr("CRP %1 mg/L ÷ 10 = %2 mg/dL").arg(plainNumber(in.crp, 2), plainNumber(crp, 3)));

    const ItemScore items[] = {plateletPoints(platelets), ancPoints(anc), hemoglobinPoints(hemoglobin), crpPoints(crp),
                               ferritinPoints(in.ferritinNgMl)};
    r.plateletPoints = items[0].points;
    r.ancPoints = items[1].points;
    r.hemoglobinPoints = items[2].points;
    r.crpPoints = items[3].points;
    r.ferritinPoints = items[4].points;
    int lowest = 0;
    int highest = 0;
    bool onCutOff = false;
    for (const ItemScore &item : items) {
        reasons.append(item.reason);
        r.score += item.points;
        const int other = item.otherReading.value_or(item.points);
        lowest += std::min(item.points, other);
        highest += std::max(item.points, other);
        onCutOff = onCutOff || item.otherReading.has_value();
    }
    r.risk = hematotoxRisk(r.score);
    reasons.append(r.risk == HematotoxRisk::High
                       ? ClinicalText::tr("Score %1 (2 or more): high risk (provisional cut-off)").arg(r.score)
                       : ClinicalText::tr("Score %1 (0–1): low risk (provisional cut-off)").arg(r.score));

    if (onCutOff) {
        const HematotoxRisk low = hematotoxRisk(lowest);
        const HematotoxRisk high = hematotoxRisk(highest);
        if (low != high) {
            r.review = true;
            reasons.append(ClinicalText::tr("A value exactly on a cut-off decides the risk group: read on the other "
                                            "side, the score could be from %1 to %2 (%3 to %4); %5 proposed for the "
                                            "investigator to review")
                               .arg(lowest)
                               .arg(highest)
                               .arg(riskName(low), riskName(high), riskName(r.risk)));
        } else {
            reasons.append(ClinicalText::tr("A value is exactly on a cut-off, but the risk group is %1 either way")
                               .arg(riskName(r.risk)));
        }
    }
    reasons.append(ClinicalText::tr("CAR-HEMATOTOX was validated in large B-cell lymphoma and myeloma, not in B-ALL: "
                                    "shown as information"));
    return r;
}

} // namespace cellcrf::clinical
