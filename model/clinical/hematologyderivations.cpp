#include "hematologyderivations.h"

#include "clinicaltext.h"
#include "hematotox.h"
#include "icaht.h"
#include "iechs.h"
#include "jsoninput.h"

#include <QJsonArray>

namespace cellcrf::clinical {

using namespace Qt::StringLiterals;

namespace {

// Plausibility limits: values outside them are typing or unit errors, not patients.
constexpr int kFirstDay = -365; // relative to the infusion
constexpr int kLastDay = 3650;
const NumberRange kAncPerUl{0.0, 100000.0, true, true, u"/µL"_s};
const NumberRange kAncE9PerL{0.0, 100.0, true, true, u"×10⁹/L"_s};
const NumberRange kPlateletsPerUl{0.0, 5000000.0, true, true, u"/µL"_s};
const NumberRange kPlateletsE9PerL{0.0, 5000.0, true, true, u"×10⁹/L"_s};
const NumberRange kHemoglobinGDl{0.0, 25.0, false, true, u"g/dL"_s};
const NumberRange kHemoglobinGL{0.0, 250.0, false, true, u"g/L"_s};
const NumberRange kCrpMgDl{0.0, 100.0, true, true, u"mg/dL"_s};
const NumberRange kCrpMgL{0.0, 1000.0, true, true, u"mg/L"_s};
const NumberRange kFerritinNgMl{0.0, 1000000.0, true, true, u"ng/mL"_s};
const NumberRange kFerritinLimitNgMl{0.0, 10000.0, false, true, u"ng/mL"_s};
const NumberRange kTransaminaseUL{0.0, 100000.0, true, true, u"U/L"_s};
const NumberRange kTransaminaseLimitUL{0.0, 1000.0, false, true, u"U/L"_s};
const NumberRange kFibrinogenMgDl{0.0, 2000.0, true, true, u"mg/dL"_s};
const NumberRange kFibrinogenLimitMgDl{0.0, 1000.0, false, true, u"mg/dL"_s};

QJsonArray toJson(const QStringList &reasons)
{
    QJsonArray array;
    for (const QString &r : reasons)
        array.append(r);
    return array;
}

QJsonObject errorFrom(const Status &status)
{
    return errorObject(status.message(), status.detail());
}

template<typename Enum> QList<Enum> enumsFrom(const QStringList &codes, const QStringList &allowed)
{
    QList<Enum> values;
    for (const QString &c : codes)
        values.append(static_cast<Enum>(allowed.indexOf(c)));
    return values;
}

// ---- icaht ----

QList<AncCount> readSeries(JsonInput &in, const QJsonArray &series)
{
    static const QStringList keys{u"day"_s, u"anc_per_ul"_s, u"anc_e9_per_l"_s};
    QList<AncCount> counts;
    for (qsizetype i = 0; i < series.size(); ++i) {
        const QString path = u"anc_series[%1]"_s.arg(i);
        if (!series.at(i).isObject()) {
            in.fail(path, ClinicalText::tr("%1 must be an object with day and anc_per_ul").arg(path));
            return {};
        }
        const QJsonObject entry = series.at(i).toObject();
        if (!rejectUnknownKeys(in, entry, keys, path))
            return {};
        const auto day = in.integerValue(entry.value(u"day"_s), path + u".day"_s, kFirstDay, kLastDay, true);
        const auto perUl = in.numberValue(entry.value(u"anc_per_ul"_s), path + u".anc_per_ul"_s, kAncPerUl, false);
        const auto e9 = in.numberValue(entry.value(u"anc_e9_per_l"_s), path + u".anc_e9_per_l"_s, kAncE9PerL, false);
        if (in.failed())
            return {};
        if (perUl && e9) {
            in.fail(path + u".anc_e9_per_l"_s,
                    ClinicalText::tr("%1 has both anc_per_ul and anc_e9_per_l: give one").arg(path));
            return {};
        }
        if (!perUl && !e9) {
            in.fail(path + u".anc_per_ul"_s, ClinicalText::tr("%1.anc_per_ul is required").arg(path));
            return {};
        }
        // The thresholds are per µL; x 10^9/L is a thousand times larger a unit.
        counts.append({*day, perUl ? *perUl : *e9 * kPerUlPerE9PerL});
    }
    return counts;
}

} // namespace

QJsonObject deriveIcaht(const QStringList &inputs, const QJsonObject &json)
{
    JsonInput in(json, inputs);
    IcahtInput a;
    const auto series = in.array(u"anc_series"_s, false);
    if (series)
        a.series = readSeries(in, *series);
    a.precomputedDaysLe500 = in.integer(u"days_anc_le_500_precomputed"_s, 0, 1000, false);
    a.precomputedDaysLe100 = in.integer(u"days_anc_le_100_precomputed"_s, 0, 1000, false);
    a.censorDay = in.integer(u"censor_day"_s, 0, kLastDay, false);
    const auto reason = in.code(u"censor_reason"_s, icahtCensorReasonCodes(), false);
    const auto gcsf = in.boolean(u"gcsf_given"_s, false);
    const auto gcsfDays = in.array(u"gcsf_days"_s, false);
    a.lateWindowEndDay = in.integer(u"late_window_end_day"_s, kIcahtEarlyLastDay + 1, kLastDay, false);
    if (gcsfDays) {
        for (qsizetype i = 0; i < gcsfDays->size(); ++i) {
            const auto day = in.integerValue(gcsfDays->at(i), u"gcsf_days[%1]"_s.arg(i), kFirstDay, kLastDay, true);
            if (day)
                a.gcsfDays.append(*day);
        }
    }
    if (in.failed())
        return in.error();
    if (reason)
        a.censorReason = static_cast<IcahtCensorReason>(icahtCensorReasonCodes().indexOf(*reason));
    if (gcsf == false && !a.gcsfDays.isEmpty())
        return errorObject(ClinicalText::tr("gcsf_days is given but gcsf_given is false"), u"gcsf_days"_s);
    a.gcsfGiven = gcsf.value_or(!a.gcsfDays.isEmpty());

    const Result<IcahtResult> graded = gradeIcaht(a);
    if (!graded)
        return errorFrom(graded.status());
    const IcahtResult &r = graded.value();
    QJsonObject out{{u"early_icaht_grade"_s, r.earlyGrade},
                    {u"late_icaht_grade"_s, r.lateGrade ? QJsonValue(*r.lateGrade) : QJsonValue(u"not_evaluable"_s)},
                    {u"days_anc_le_500"_s, r.daysLe500},
                    {u"days_anc_le_100"_s, r.daysLe100},
                    {u"review"_s, r.review},
                    {u"reasons"_s, toJson(r.reasons)}};
    // Without the daily counts the totals are unknown, and are left out rather than guessed.
    if (r.totalDaysLe500)
        out.insert(u"days_anc_le_500_total"_s, *r.totalDaysLe500);
    if (r.totalDaysLe100)
        out.insert(u"days_anc_le_100_total"_s, *r.totalDaysLe100);
    return out;
}

// ---- hematotox ----

QJsonObject deriveHematotox(const QStringList &inputs, const QJsonObject &json)
{
    static const QStringList countUnits{u"per_ul"_s, u"e9_per_l"_s};
    static const QStringList hemoglobinUnits{u"g_dl"_s, u"g_l"_s};
    static const QStringList crpUnits{u"mg_dl"_s, u"mg_l"_s};
    JsonInput in(json, inputs);
    HematotoxInput a;
    const auto day = in.integer(u"assessment_day"_s, kFirstDay, kLastDay, true);
    a.lymphodepletionStartDay = in.integer(u"lymphodepletion_start_day"_s, kFirstDay, 0, false);
    const auto plateletsUnit = in.code(u"platelets_unit"_s, countUnits, true);
    const auto ancUnit = in.code(u"anc_unit"_s, countUnits, true);
    const auto hemoglobinUnit = in.code(u"hemoglobin_unit"_s, hemoglobinUnits, true);
    const auto crpUnit = in.code(u"crp_unit"_s, crpUnits, true);
    if (in.failed())
        return in.error();
    a.assessmentDay = *day;
    a.plateletsUnit = *plateletsUnit == u"per_ul"_s ? CountUnit::PerUl : CountUnit::E9PerL;
    a.ancUnit = *ancUnit == u"per_ul"_s ? CountUnit::PerUl : CountUnit::E9PerL;
    a.hemoglobinUnit = *hemoglobinUnit == u"g_l"_s ? HemoglobinUnit::GPerL : HemoglobinUnit::GPerDl;
    a.crpUnit = *crpUnit == u"mg_l"_s ? CrpUnit::MgPerL : CrpUnit::MgPerDl;
    const auto platelets =
        in.number(u"platelets_value"_s, a.plateletsUnit == CountUnit::PerUl ? kPlateletsPerUl : kPlateletsE9PerL, true);
    const auto anc = in.number(u"anc_value"_s, a.ancUnit == CountUnit::PerUl ? kAncPerUl : kAncE9PerL, true);
    const auto hemoglobin = in.number(u"hemoglobin_value"_s,
                                      a.hemoglobinUnit == HemoglobinUnit::GPerL ? kHemoglobinGL : kHemoglobinGDl, true);
    const auto crp = in.number(u"crp_value"_s, a.crpUnit == CrpUnit::MgPerL ? kCrpMgL : kCrpMgDl, true);
    const auto ferritin = in.number(u"ferritin_ng_ml"_s, kFerritinNgMl, true);
    if (in.failed())
        return in.error();
    a.platelets = *platelets;
    a.anc = *anc;
    a.hemoglobin = *hemoglobin;
    a.crp = *crp;
    a.ferritinNgMl = *ferritin;

    const HematotoxResult r = scoreHematotox(a);
    return QJsonObject{{u"hematotox_score"_s, r.score},
                       {u"hematotox_risk"_s, r.risk == HematotoxRisk::High ? u"high"_s : u"low"_s},
                       {u"platelets_points"_s, r.plateletPoints},
                       {u"anc_points"_s, r.ancPoints},
                       {u"hemoglobin_points"_s, r.hemoglobinPoints},
                       {u"crp_points"_s, r.crpPoints},
                       {u"ferritin_points"_s, r.ferritinPoints},
                       {u"review"_s, r.review},
                       {u"reasons"_s, toJson(r.reasons)}};
}

// ---- iechs ----

QJsonObject deriveIechs(const QStringList &inputs, const QJsonObject &json)
{
    JsonInput in(json, inputs);
    IechsInput a;
    a.ferritinNgMl = in.number(u"ferritin_ng_ml"_s, kFerritinNgMl, false);
    a.ferritinUlnNgMl = in.number(u"ferritin_uln_ng_ml"_s, kFerritinLimitNgMl, false);
    a.ferritinBaselineNgMl = in.number(u"ferritin_baseline_ng_ml"_s, kFerritinNgMl, false);
    a.ferritinRapidlyRising = in.boolean(u"ferritin_rapidly_rising"_s, false);
    a.cytopeniaNewOrWorsening = in.boolean(u"cytopenia_new_or_worsening"_s, false);
    a.astOrAltPeakUL = in.number(u"ast_or_alt_peak_u_l"_s, kTransaminaseUL, false);
    a.astOrAltUlnUL = in.number(u"ast_or_alt_uln_u_l"_s, kTransaminaseLimitUL, false);
    a.astOrAltBaselineUL = in.number(u"ast_or_alt_baseline_u_l"_s, kTransaminaseUL, false);
    a.fibrinogenMgDl = in.number(u"fibrinogen_mg_dl"_s, kFibrinogenMgDl, false);
    a.fibrinogenLlnMgDl = in.number(u"fibrinogen_lln_mg_dl"_s, kFibrinogenLimitMgDl, false);
    const auto hemophagocytosis = in.code(u"hemophagocytosis"_s, hemophagocytosisCodes(), false);
    const auto onset = in.code(u"crs_status_at_onset"_s, crsStatusAtOnsetCodes(), false);
    a.alternativeCause = in.boolean(u"alternative_cause"_s, false);
    const auto other = in.codeList(u"other_features"_s, iechsOtherFeatureCodes(), false);
    const auto interventions = in.codeList(u"iechs_interventions"_s, iechsInterventionCodes(), false);
    const auto complications = in.codeList(u"complications"_s, iechsComplicationCodes(), false);
    const auto death = in.boolean(u"death_due_to_iechs"_s, false);
    if (in.failed())
        return in.error();
    if (hemophagocytosis)
        a.hemophagocytosis = static_cast<Hemophagocytosis>(hemophagocytosisCodes().indexOf(*hemophagocytosis));
    if (onset)
        a.crsStatusAtOnset = static_cast<CrsStatusAtOnset>(crsStatusAtOnsetCodes().indexOf(*onset));
    a.otherFeatures = other.value_or(QStringList());
    a.interventions = enumsFrom<IechsIntervention>(interventions.value_or(QStringList()), iechsInterventionCodes());
    a.complications = enumsFrom<IechsComplication>(complications.value_or(QStringList()), iechsComplicationCodes());
    a.deathDueToIechs = death.value_or(false);

    const Result<IechsResult> graded = gradeIechs(a);
    if (!graded)
        return errorFrom(graded.status());
    const IechsResult &r = graded.value();
    return QJsonObject{{u"iechs_criteria_met"_s, r.criteriaMet},
                       {u"iechs_grade"_s, r.grade},
                       {u"review"_s, r.review},
                       {u"reasons"_s, toJson(r.reasons)}};
}

} // namespace cellcrf::clinical
