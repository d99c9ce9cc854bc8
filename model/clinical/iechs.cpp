#include "iechs.h"

#include "clinicaltext.h"

#include <QHash>

#include <algorithm>
#include <cmath>

namespace cellcrf::clinical {

using namespace Qt::StringLiterals;

namespace {

constexpr double kEpsilon = 1e-9;

bool on(double value, double cutOff)
{
    return std::abs(value - cutOff) <= kEpsilon * std::max(1.0, cutOff);
}

// A criterion's answer under one reading of the open cases.
enum class Answer
{
    No,
    Yes,
    Missing,
};

// Each criterion is answered twice: by the letter of the rules (strict: a value
// exactly on a threshold is not beyond it, a high baseline ferritin is the
// reference, worsening CRS is not one of the listed onsets) and with every open
// case read the other way (lenient). Both readings only differ on open cases.
struct Criterion
{
    Answer strict = Answer::No;
    Answer lenient = Answer::No;
    QString missingField; // the first input whose absence left the strict answer open
};

Answer allOf(std::initializer_list<Answer> answers)
{
    bool missing = false;
    for (Answer a : answers) {
        if (a == Answer::No)
            return Answer::No;
        missing = missing || a == Answer::Missing;
    }
    return missing ? Answer::Missing : Answer::Yes;
}

Answer anyOf(std::initializer_list<Answer> answers)
{
    bool missing = false;
    for (Answer a : answers) {
        if (a == Answer::Yes)
            return Answer::Yes;
        missing = missing || a == Answer::Missing;
    }
    return missing ? Answer::Missing : Answer::No;
}

Answer fromBool(std::optional<bool> value)
{
    if (!value)
        return Answer::Missing;
    return *value ? Answer::Yes : Answer::No;
}

QString number(double value)
{
    return plainNumber(value, 1);
}

Criterion ferritinCriterion(const IechsInput &in, QStringList &reasons, QStringList &found)
{
    Criterion c;
    const Answer rising = fromBool(in.ferritinRapidlyRising);
    if (rising == Answer::Yes) {
        found.append(ClinicalText::tr("ferritin rising fast"));
        reasons.append(ClinicalText::tr("Ferritin rising fast: the ferritin criterion is met (provisional criterion)"));
    }
    if (!in.ferritinNgMl || !in.ferritinUlnNgMl) {
        c.strict = c.lenient = rising == Answer::Yes ? Answer::Yes : Answer::Missing;
        if (c.strict == Answer::Missing)
            c.missingField = !in.ferritinNgMl ? u"ferritin_ng_ml"_s : u"ferritin_uln_ng_ml"_s;
        return c;
    }
    const double ferritin = *in.ferritinNgMl;
    const double uln = *in.ferritinUlnNgMl;
    const bool baselineHigh = in.ferritinBaselineNgMl && *in.ferritinBaselineNgMl > uln;
    const double reference = baselineHigh ? *in.ferritinBaselineNgMl : uln;
    const double limit = kIechsFerritinTimesReference * reference;
    const double ulnLimit = kIechsFerritinTimesReference * uln;
    const bool onLimit = on(ferritin, limit);
    const bool strictAbove = ferritin > limit && !onLimit;
    // The lenient reading compares with the upper limit and counts "exactly on" as above.
    const bool lenientAbove = ferritin > ulnLimit || on(ferritin, ulnLimit) || strictAbove;

    if (baselineHigh)
        reasons.append(ClinicalText::tr("Baseline ferritin %1 ng/mL was already above the upper limit (%2 ng/mL), so "
                                        "the peak is compared with 2 × baseline = %3 ng/mL (provisional threshold)")
                           .arg(number(*in.ferritinBaselineNgMl), number(uln), number(limit)));
    if (onLimit) {
        reasons.append(ClinicalText::tr("Ferritin %1 ng/mL is exactly 2 × %2 = %3 ng/mL: not above it by the "
                                        "letter, an open case (provisional threshold)")
                           .arg(number(ferritin), number(reference), number(limit)));
    } else if (strictAbove) {
        found.append(ClinicalText::tr("ferritin %1 ng/mL above %2 ng/mL").arg(number(ferritin), number(limit)));
        reasons.append(ClinicalText::tr("Ferritin %1 ng/mL is above 2 × %2 = %3 ng/mL (provisional threshold)")
                           .arg(number(ferritin), number(reference), number(limit)));
    } else {
        reasons.append(ClinicalText::tr("Ferritin %1 ng/mL is not above 2 × %2 = %3 ng/mL (provisional threshold)")
                           .arg(number(ferritin), number(reference), number(limit)));
    }
    if (baselineHigh && strictAbove != (ferritin > ulnLimit && !on(ferritin, ulnLimit)) && rising != Answer::Yes)
        reasons.append(ClinicalText::tr("Compared with 2 × the upper limit (%1 ng/mL) instead, the answer would "
                                        "differ: the rules leave open whether a high baseline or the upper limit is "
                                        "the reference")
                           .arg(number(ulnLimit)));

    const auto answer = [&](bool above) { return above ? Answer::Yes : rising; };
    c.strict = answer(strictAbove);
    c.lenient = answer(lenientAbove);
    if (c.strict == Answer::Missing)
        c.missingField = u"ferritin_rapidly_rising"_s;
    return c;
}

Criterion laboratoryCriterion(const IechsInput &in, QStringList &reasons, QStringList &found)
{
    QString firstMissing;
    const auto missing = [&firstMissing](const QString &field) {
        if (firstMissing.isEmpty())
            firstMissing = field;
        return Answer::Missing;
    };

    // New or worsening cytopenia.
    Answer cytopenia = fromBool(in.cytopeniaNewOrWorsening);
    if (cytopenia == Answer::Yes) {
        found.append(ClinicalText::tr("new or worsening cytopenia"));
        reasons.append(ClinicalText::tr("New or worsening cytopenia"));
    } else if (cytopenia == Answer::Missing) {
        missing(u"cytopenia_new_or_worsening"_s);
    }

    // AST or ALT above 5 x the upper limit, or 5 x baseline when abnormal before.
    Answer liverStrict = Answer::Missing;
    Answer liverLenient = Answer::Missing;
    if (!in.astOrAltPeakUL) {
        missing(u"ast_or_alt_peak_u_l"_s);
    } else if (!in.astOrAltUlnUL) {
        missing(u"ast_or_alt_uln_u_l"_s);
    } else {
        const double peak = *in.astOrAltPeakUL;
        const bool abnormalBefore = in.astOrAltBaselineUL && *in.astOrAltBaselineUL > *in.astOrAltUlnUL;
        const double reference = abnormalBefore ? *in.astOrAltBaselineUL : *in.astOrAltUlnUL;
        const double limit = kIechsTransaminaseTimesReference * reference;
        const bool onLimit = on(peak, limit);
        if (onLimit) {
            liverStrict = Answer::No;
            liverLenient = Answer::Yes;
            reasons.append(ClinicalText::tr("AST/ALT %1 U/L is exactly 5 × %2 = %3 U/L: not above it by the letter, "
                                            "an open case (provisional threshold)")
                               .arg(number(peak), number(reference), number(limit)));
        } else if (peak > limit) {
            liverStrict = liverLenient = Answer::Yes;
            found.append(ClinicalText::tr("AST/ALT %1 U/L above %2 U/L").arg(number(peak), number(limit)));
            reasons.append(abnormalBefore
                               ? ClinicalText::tr("AST/ALT %1 U/L is above 5 × the baseline %2 = %3 U/L (abnormal "
                                                  "before; provisional threshold)")
                                     .arg(number(peak), number(reference), number(limit))
                               : ClinicalText::tr("AST/ALT %1 U/L is above 5 × the upper limit %2 = %3 U/L "
                                                  "(provisional threshold)")
                                     .arg(number(peak), number(reference), number(limit)));
        } else {
            liverStrict = liverLenient = Answer::No;
            reasons.append(ClinicalText::tr("AST/ALT %1 U/L is not above 5 × %2 = %3 U/L (provisional threshold)")
                               .arg(number(peak), number(reference), number(limit)));
        }
    }

    // Fibrinogen below 150 mg/dL or below the lab's lower limit.
    Answer fibrinogenStrict = Answer::Missing;
    Answer fibrinogenLenient = Answer::Missing;
    if (!in.fibrinogenMgDl) {
        missing(u"fibrinogen_mg_dl"_s);
    } else {
        const double f = *in.fibrinogenMgDl;
        const bool belowLln = in.fibrinogenLlnMgDl && f < *in.fibrinogenLlnMgDl && !on(f, *in.fibrinogenLlnMgDl);
        const bool onLimit = on(f, kIechsFibrinogenBelowMgDl);
        const bool below150 = f < kIechsFibrinogenBelowMgDl && !onLimit;
        if (below150 || belowLln) {
            fibrinogenStrict = fibrinogenLenient = Answer::Yes;
            found.append(ClinicalText::tr("fibrinogen %1 mg/dL").arg(number(f)));
            reasons.append(
                below150
                    ? ClinicalText::tr("Fibrinogen %1 mg/dL is below 150 mg/dL (provisional threshold)").arg(number(f))
                    : ClinicalText::tr("Fibrinogen %1 mg/dL is below the lab's lower limit %2 mg/dL")
                          .arg(number(f), number(*in.fibrinogenLlnMgDl)));
        } else if (onLimit) {
            fibrinogenStrict = Answer::No;
            fibrinogenLenient = Answer::Yes;
            reasons.append(ClinicalText::tr("Fibrinogen exactly 150 mg/dL: not below it by the letter, an open case "
                                            "(provisional threshold)"));
        } else {
            fibrinogenStrict = fibrinogenLenient = Answer::No;
            reasons.append(in.fibrinogenLlnMgDl
                               ? ClinicalText::tr("Fibrinogen %1 mg/dL is neither below 150 mg/dL nor below the lab's "
                                                  "lower limit %2 mg/dL (provisional threshold)")
                                     .arg(number(f), number(*in.fibrinogenLlnMgDl))
                               : ClinicalText::tr("Fibrinogen %1 mg/dL is not below 150 mg/dL (provisional threshold)")
                                     .arg(number(f)));
        }
    }

    Answer hemophagocytosis = Answer::Missing;
    if (!in.hemophagocytosis) {
        missing(u"hemophagocytosis"_s);
    } else if (*in.hemophagocytosis == Hemophagocytosis::Yes) {
        hemophagocytosis = Answer::Yes;
        found.append(ClinicalText::tr("hemophagocytosis"));
        reasons.append(ClinicalText::tr("Hemophagocytosis seen"));
    } else {
        hemophagocytosis = Answer::No;
        reasons.append(*in.hemophagocytosis == Hemophagocytosis::No
                           ? ClinicalText::tr("No hemophagocytosis")
                           : ClinicalText::tr("Hemophagocytosis not assessed"));
    }

    Criterion c;
    c.strict = anyOf({cytopenia, liverStrict, fibrinogenStrict, hemophagocytosis});
    c.lenient = anyOf({cytopenia, liverLenient, fibrinogenLenient, hemophagocytosis});
    if (c.strict == Answer::Missing)
        c.missingField = firstMissing;
    if (c.strict == Answer::Yes)
        reasons.append(ClinicalText::tr("At least one of cytopenia, liver enzymes, fibrinogen or hemophagocytosis: "
                                        "criterion met (provisional criterion)"));
    else if (c.strict == Answer::No)
        reasons.append(ClinicalText::tr("None of cytopenia, liver enzymes, fibrinogen or hemophagocytosis: criterion "
                                        "not met (provisional criterion)"));
    return c;
}

Criterion onsetCriterion(const IechsInput &in, QStringList &reasons)
{
    Criterion c;
    if (!in.crsStatusAtOnset) {
        c.strict = c.lenient = Answer::Missing;
        c.missingField = u"crs_status_at_onset"_s;
        return c;
    }
    switch (*in.crsStatusAtOnset) {
    case CrsStatusAtOnset::NoCrs:
        reasons.append(ClinicalText::tr("Started without CRS: fits the criteria (provisional criterion)"));
        break;
    case CrsStatusAtOnset::CrsResolving:
        reasons.append(ClinicalText::tr("Started as CRS was settling: fits the criteria (provisional criterion)"));
        break;
    case CrsStatusAtOnset::CrsResolved:
        reasons.append(ClinicalText::tr("Started after CRS had resolved: fits the criteria (provisional criterion)"));
        break;
    case CrsStatusAtOnset::WorseningAfterInitialImprovement:
        reasons.append(ClinicalText::tr("Inflammation worsening again after first improving: fits the criteria "
                                        "(provisional criterion)"));
        break;
    case CrsStatusAtOnset::CrsActiveWorsening:
        c.strict = Answer::No;
        c.lenient = Answer::Yes;
        reasons.append(ClinicalText::tr("The features appeared during CRS that is still getting worse: not one of "
                                        "the onsets the criteria name, an open case"));
        return c;
    }
    c.strict = c.lenient = Answer::Yes;
    return c;
}

Criterion causeCriterion(const IechsInput &in, QStringList &reasons)
{
    Criterion c;
    c.strict = c.lenient = in.alternativeCause ? (*in.alternativeCause ? Answer::No : Answer::Yes) : Answer::Missing;
    if (c.strict == Answer::Missing)
        c.missingField = u"alternative_cause"_s;
    else if (*in.alternativeCause)
        reasons.append(ClinicalText::tr("The investigator finds a better cause (such as infection or disease "
                                        "progression): criteria not met"));
    else
        reasons.append(ClinicalText::tr("The investigator finds no better cause"));
    return c;
}

QString interventionText(IechsIntervention i)
{
    switch (i) {
    case IechsIntervention::CorticosteroidsForIechs:
        return ClinicalText::tr("corticosteroids for IEC-HS");
    case IechsIntervention::Anakinra:
        return ClinicalText::tr("anakinra");
    case IechsIntervention::Emapalumab:
        return ClinicalText::tr("emapalumab");
    case IechsIntervention::Ruxolitinib:
        return ClinicalText::tr("ruxolitinib");
    case IechsIntervention::OtherIechsImmunosuppression:
        return ClinicalText::tr("other immunosuppression for IEC-HS");
    case IechsIntervention::FibrinogenOrCryoprecipitate:
        return ClinicalText::tr("fibrinogen or cryoprecipitate for low fibrinogen");
    }
    Q_UNREACHABLE();
    return {};
}

QString complicationText(IechsComplication c)
{
    switch (c) {
    case IechsComplication::BleedingRequiringTransfusion:
        return ClinicalText::tr("bleeding needing transfusion");
    case IechsComplication::NewAcuteKidneyInjury:
        return ClinicalText::tr("new kidney injury");
    case IechsComplication::HospitalizationRequiredOrProlonged:
        return ClinicalText::tr("hospital stay needed or prolonged");
    case IechsComplication::LifeThreateningBleeding:
        return ClinicalText::tr("life-threatening bleeding");
    case IechsComplication::LifeThreateningHypotension:
        return ClinicalText::tr("life-threatening low blood pressure");
    case IechsComplication::RespiratoryFailureRequiringIntubation:
        return ClinicalText::tr("respiratory failure needing intubation");
    case IechsComplication::AkiRequiringDialysis:
        return ClinicalText::tr("kidney injury needing dialysis");
    }
    Q_UNREACHABLE();
    return {};
}

QString otherFeatureText(const QString &code)
{
    static const QHash<QString, const char *> words{
        {u"ldh_elevated"_s, QT_TRANSLATE_NOOP("ClinicalText", "raised LDH")},
        {u"coagulopathy_pt_ptt"_s, QT_TRANSLATE_NOOP("ClinicalText", "prolonged PT or PTT")},
        {u"direct_hyperbilirubinemia"_s, QT_TRANSLATE_NOOP("ClinicalText", "raised direct bilirubin")},
        {u"splenomegaly"_s, QT_TRANSLATE_NOOP("ClinicalText", "enlarged spleen")},
        {u"fever"_s, QT_TRANSLATE_NOOP("ClinicalText", "fever")},
        {u"neurotoxicity"_s, QT_TRANSLATE_NOOP("ClinicalText", "neurotoxicity")},
        {u"pulmonary"_s, QT_TRANSLATE_NOOP("ClinicalText", "lung involvement")},
        {u"renal_insufficiency"_s, QT_TRANSLATE_NOOP("ClinicalText", "kidney insufficiency")},
        {u"hypertriglyceridemia"_s, QT_TRANSLATE_NOOP("ClinicalText", "raised triglycerides")}};
    const char *text = words.value(code, nullptr);
    Q_ASSERT(text);
    return text ? ClinicalText::tr(text) : code;
}

bool lifeThreatening(IechsComplication c)
{
    return c == IechsComplication::LifeThreateningBleeding || c == IechsComplication::LifeThreateningHypotension ||
           c == IechsComplication::RespiratoryFailureRequiringIntubation ||
           c == IechsComplication::AkiRequiringDialysis;
}

void grade(const IechsInput &in, IechsResult &r)
{
    if (in.deathDueToIechs) {
        r.grade = 5;
        r.reasons.append(ClinicalText::tr("Death due to IEC-HS: grade 5 (provisional grade definition)"));
        return;
    }
    QStringList grade4;
    QStringList grade3;
    for (IechsComplication c : in.complications)
        (lifeThreatening(c) ? grade4 : grade3).append(complicationText(c));
    if (!grade4.isEmpty()) {
        r.grade = 4;
        r.reasons.append(
            ClinicalText::tr("Life-threatening: %1: grade 4 (provisional grade definition)").arg(grade4.join(u", "_s)));
        return;
    }
    if (!grade3.isEmpty()) {
        r.grade = 3;
        r.reasons.append(
            ClinicalText::tr("Severe: %1: grade 3 (provisional grade definition)").arg(grade3.join(u", "_s)));
        return;
    }
    if (!in.interventions.isEmpty()) {
        QStringList names;
        for (IechsIntervention i : in.interventions)
            names.append(interventionText(i));
        r.grade = 2;
        r.reasons.append(ClinicalText::tr("Needs treatment for IEC-HS: %1: grade 2 (provisional grade definition)")
                             .arg(names.join(u", "_s)));
        return;
    }
    r.grade = 1;
    r.reasons.append(ClinicalText::tr("No treatment for IEC-HS (steroids given for CRS or ICANS do not count) and no "
                                      "complication: grade 1 (provisional grade definition)"));
}

} // namespace

const QStringList &hemophagocytosisCodes()
{
    static const QStringList codes{u"yes"_s, u"no"_s, u"not_assessed"_s};
    return codes;
}

const QStringList &crsStatusAtOnsetCodes()
{
    static const QStringList codes{u"no_crs"_s, u"crs_resolving"_s, u"crs_resolved"_s,
                                   u"worsening_after_initial_improvement"_s, u"crs_active_worsening"_s};
    return codes;
}

const QStringList &iechsOtherFeatureCodes()
{
    static const QStringList codes{u"ldh_elevated"_s,
                                   u"coagulopathy_pt_ptt"_s,
                                   u"direct_hyperbilirubinemia"_s,
                                   u"splenomegaly"_s,
                                   u"fever"_s,
                                   u"neurotoxicity"_s,
                                   u"pulmonary"_s,
                                   u"renal_insufficiency"_s,
                                   u"hypertriglyceridemia"_s};
    return codes;
}

const QStringList &iechsInterventionCodes()
{
    static const QStringList codes{u"corticosteroids_for_iechs"_s,
                                   u"anakinra"_s,
                                   u"emapalumab"_s,
                                   u"ruxolitinib"_s,
                                   u"other_iechs_immunosuppression"_s,
                                   u"fibrinogen_or_cryoprecipitate_for_hypofibrinogenemia"_s};
    return codes;
}

const QStringList &iechsComplicationCodes()
{
    static const QStringList codes{u"bleeding_requiring_transfusion"_s,
                                   u"new_acute_kidney_injury"_s,
                                   u"hospitalization_required_or_prolonged"_s,
                                   u"life_threatening_bleeding"_s,
                                   u"life_threatening_hypotension"_s,
                                   u"respiratory_failure_requiring_intubation"_s,
                                   u"aki_requiring_dialysis"_s};
    return codes;
}

Result<IechsResult> gradeIechs(const IechsInput &in)
{
    IechsResult r;
    QStringList criteriaReasons;
    const Criterion ferritin = ferritinCriterion(in, criteriaReasons, r.featuresFound);
    const Criterion laboratory = laboratoryCriterion(in, criteriaReasons, r.featuresFound);
    const Criterion onset = onsetCriterion(in, criteriaReasons);
    const Criterion cause = causeCriterion(in, criteriaReasons);

    const Answer strict = allOf({ferritin.strict, laboratory.strict, onset.strict, cause.strict});
    const Answer lenient = allOf({ferritin.lenient, laboratory.lenient, onset.lenient, cause.lenient});
    if (strict == Answer::Missing) {
        // Every criterion is met or still open, so the first missing input decides.
        for (const Criterion *c : {&ferritin, &laboratory, &onset, &cause}) {
            if (c->strict == Answer::Missing)
                return Status::error(
                    ErrorCode::InvalidInput,
                    ClinicalText::tr("%1 is required: the IEC-HS criteria depend on it here").arg(c->missingField),
                    c->missingField);
        }
    }

    r.reasons = criteriaReasons;
    r.criteriaMet = strict == Answer::Yes;
    if (!r.featuresFound.isEmpty())
        r.reasons.append(ClinicalText::tr("Features found: %1").arg(r.featuresFound.join(u"; "_s)));
    if (!in.otherFeatures.isEmpty()) {
        QStringList words;
        for (const QString &code : in.otherFeatures)
            words.append(otherFeatureText(code));
        r.reasons.append(ClinicalText::tr("Other features recorded (they do not decide): %1").arg(words.join(u", "_s)));
    }

    if (r.criteriaMet) {
        r.reasons.append(ClinicalText::tr("All IEC-HS criteria are met (provisional criteria)"));
        grade(in, r);
        return r;
    }
    r.grade = 0;
    r.reasons.append(ClinicalText::tr("IEC-HS criteria not met: grade 0"));
    if (lenient != Answer::No) {
        r.review = true;
        r.reasons.append(ClinicalText::tr("Read the other way, the open case above could meet the criteria: for the "
                                          "investigator to review"));
    }
    if (in.deathDueToIechs) {
        r.review = true;
        r.reasons.append(ClinicalText::tr("Death attributed to IEC-HS although the criteria are not met: for the "
                                          "investigator to review"));
    } else if (!in.interventions.isEmpty() || !in.complications.isEmpty()) {
        r.reasons.append(ClinicalText::tr("Treatments and complications are recorded but not graded, as the criteria "
                                          "are not met"));
    }
    return r;
}

} // namespace cellcrf::clinical
