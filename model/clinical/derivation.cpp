#include "derivation.h"

#include "clinicaltext.h"
#include "crs.h"
#include "formulas.h"
#include "hematologyderivations.h"
#include "icans.h"
#include "jsoninput.h"
#include "response.h"

#include <QJsonArray>

#include <cmath>

namespace cellcrf::clinical {

using namespace Qt::StringLiterals;

namespace {

QList<DerivationInfo> buildRegistry()
{
    // The input names are the contract of CLINICAL.md "Derivation inputs"; form
    // items and the study-definition loader refer to them by these exact names.
    // Additions beyond that list: icans `ice_min_age_years` (the study's ICE
    // cut-off setting), dose `*_given_mg` (given dose, checked against plan),
    // hematotox `lymphodepletion_start_day` (to check the assessment came before
    // it) and, inside icaht `anc_series` entries, `anc_e9_per_l` instead of
    // `anc_per_ul` (converted x 1000).
    QList<DerivationInfo> list;
    list.append({u"crs"_s,
                 u"CRS grade (ASTCT 2019) from fever, hypotension and hypoxia"_s,
                 {u"temperature_c"_s, u"fever_attributable_to_other_cause"_s, u"antipyretic_or_anticytokine_given"_s,
                  u"crs_previously_diagnosed_this_episode"_s, u"hypotension"_s, u"vasopressin_added"_s, u"oxygen"_s,
                  u"nasal_cannula_flow_l_min"_s, u"organ_toxicity_max_ctcae_grade"_s, u"died"_s, u"death_due_to_crs"_s},
                 {u"crs_grade"_s, u"review"_s, u"reasons"_s}});
    list.append({u"icans"_s,
                 u"ICANS grade (ASTCT 2019) with ICE for adults and CAPD for children"_s,
                 {u"age_years"_s, u"ice_min_age_years"_s, u"ice_score"_s, u"ice_items"_s, u"developmental_delay"_s,
                  u"capd_score"_s, u"capd_answers"_s, u"capd_unable"_s, u"consciousness"_s, u"seizure"_s,
                  u"seizure_duration_min"_s, u"motor"_s, u"icp_findings"_s, u"excluded_domains_other_cause"_s,
                  u"death_due_to_icans"_s},
                 {u"icans_grade"_s, u"ice_score"_s, u"capd_score"_s, u"encephalopathy_instrument"_s, u"review"_s,
                  u"reasons"_s}});
    list.append({u"crcl"_s,
                 u"Creatinine clearance by Cockcroft-Gault (mL/min)"_s,
                 {u"sex"_s, u"age_years"_s, u"weight_kg"_s, u"serum_creatinine"_s, u"creatinine_unit"_s},
                 {u"crcl_ml_min"_s, u"review"_s, u"reasons"_s}});
    list.append({u"qtcf"_s,
                 u"QT interval corrected by Fridericia (ms)"_s,
                 {u"qt_ms"_s, u"heart_rate_bpm"_s, u"rr_ms"_s},
                 {u"qtcf_ms"_s, u"review"_s, u"reasons"_s}});
    list.append({u"bsa"_s,
                 u"Body surface area by Mosteller and DuBois (m2)"_s,
                 {u"height_cm"_s, u"weight_kg"_s},
                 {u"bsa_mosteller_m2"_s, u"bsa_dubois_m2"_s, u"review"_s, u"reasons"_s}});
    list.append({u"dose"_s,
                 u"Lymphodepletion dose per day from BSA, or CAR-T cells per kg"_s,
                 {u"height_cm"_s, u"weight_kg"_s, u"fludarabine_mg_per_m2"_s, u"cyclophosphamide_mg_per_m2"_s,
                  u"fludarabine_given_mg"_s, u"cyclophosphamide_given_mg"_s, u"total_car_positive_viable_t_cells"_s},
                 {u"bsa_mosteller_m2"_s, u"fludarabine_mg_per_day"_s, u"cyclophosphamide_mg_per_day"_s,
                  u"fludarabine_deviation_percent"_s, u"fludarabine_deviation_over_10_percent"_s,
                  u"cyclophosphamide_deviation_percent"_s, u"cyclophosphamide_deviation_over_10_percent"_s,
                  u"car_t_cells_per_kg"_s, u"review"_s, u"reasons"_s}});
    list.append({u"response"_s,
                 u"Response category (CR, CRi, MLFS, NR, relapse) and MRD status of one disease assessment"_s,
                 {u"marrow_blasts_percent"_s, u"circulating_blasts"_s, u"extramedullary_disease"_s, u"anc_e9_per_l"_s,
                  u"platelets_e9_per_l"_s, u"previous_complete_remission"_s, u"mrd_method"_s, u"mrd_sample"_s,
                  u"mrd_level_percent"_s, u"mrd_sensitivity_percent"_s, u"mrd_cells_analysed"_s},
                 {u"response_category"_s, u"mrd_status"_s, u"review"_s, u"reasons"_s}});
    list.append({u"icaht"_s,
                 u"Early and late ICAHT grade (EHA/EBMT 2023) from the daily neutrophil counts after infusion"_s,
                 {u"anc_series"_s, u"days_anc_le_500_precomputed"_s, u"days_anc_le_100_precomputed"_s, u"censor_day"_s,
                  u"censor_reason"_s, u"gcsf_given"_s, u"gcsf_days"_s, u"late_window_end_day"_s},
                 {u"early_icaht_grade"_s, u"late_icaht_grade"_s, u"days_anc_le_500"_s, u"days_anc_le_100"_s,
                  u"days_anc_le_500_total"_s, u"days_anc_le_100_total"_s, u"review"_s, u"reasons"_s}});
    list.append({u"hematotox"_s,
                 u"CAR-HEMATOTOX score and risk group before lymphodepletion (information in B-ALL)"_s,
                 {u"assessment_day"_s, u"lymphodepletion_start_day"_s, u"platelets_value"_s, u"platelets_unit"_s,
                  u"anc_value"_s, u"anc_unit"_s, u"hemoglobin_value"_s, u"hemoglobin_unit"_s, u"crp_value"_s,
                  u"crp_unit"_s, u"ferritin_ng_ml"_s},
                 {u"hematotox_score"_s, u"hematotox_risk"_s, u"platelets_points"_s, u"anc_points"_s,
                  u"hemoglobin_points"_s, u"crp_points"_s, u"ferritin_points"_s, u"review"_s, u"reasons"_s}});
    list.append({u"iechs"_s,
                 u"IEC-HS (HLH-like syndrome, ASTCT 2023): criteria met with the features found, and grade 1-5"_s,
                 {u"ferritin_ng_ml"_s, u"ferritin_uln_ng_ml"_s, u"ferritin_baseline_ng_ml"_s,
                  u"ferritin_rapidly_rising"_s, u"cytopenia_new_or_worsening"_s, u"ast_or_alt_peak_u_l"_s,
                  u"ast_or_alt_uln_u_l"_s, u"ast_or_alt_baseline_u_l"_s, u"fibrinogen_mg_dl"_s,
                  u"fibrinogen_lln_mg_dl"_s, u"hemophagocytosis"_s, u"crs_status_at_onset"_s, u"alternative_cause"_s,
                  u"other_features"_s, u"iechs_interventions"_s, u"complications"_s, u"death_due_to_iechs"_s},
                 {u"iechs_criteria_met"_s, u"iechs_grade"_s, u"review"_s, u"reasons"_s}});
    return list;
}

// Plausibility limits: values outside them are typing or unit errors, not patients.
const NumberRange kTemperatureC{25.0, 45.0, true, true, u"°C"_s};
const NumberRange kCannulaFlow{0.0, 80.0, false, true, u"L/min"_s};
const NumberRange kAgeYears{0.0, 120.0, true, true, u"years"_s};
const NumberRange kSeizureMinutes{0.0, 1440.0, false, true, u"min"_s};
const NumberRange kWeightKg{0.0, 400.0, false, true, u"kg"_s};
const NumberRange kHeightCm{30.0, 260.0, true, true, u"cm"_s};
const NumberRange kCreatinineMgDl{0.0, 30.0, false, true, u"mg/dL"_s};
const NumberRange kCreatinineUmolL{0.0, 30.0 * kCreatinineUmolPerMgDl, false, true, u"µmol/L"_s};
const NumberRange kQtMs{100.0, 1000.0, true, true, u"ms"_s};
const NumberRange kHeartRate{0.0, 350.0, false, true, u"bpm"_s};
const NumberRange kRrMs{150.0, 3000.0, true, true, u"ms"_s};
const NumberRange kMgPerM2{0.0, 5000.0, false, true, u"mg/m²"_s};
const NumberRange kGivenMg{0.0, 20000.0, true, true, u"mg"_s};
const NumberRange kCells{0.0, 1e13, false, true, u"cells"_s};

QJsonArray toJson(const QStringList &reasons)
{
    QJsonArray array;
    for (const QString &r : reasons)
        array.append(r);
    return array;
}

// ---- crs ----

QJsonObject deriveCrs(const DerivationInfo &info, const QJsonObject &json)
{
    JsonInput in(json, info.inputs);
    CrsAssessment a;
    // Not required here: once fever may be masked the rules grade without it
    // (crsNeedsTemperature below decides).
    const auto temperature = in.number(u"temperature_c"_s, kTemperatureC, false);
    const auto attributable = in.boolean(u"fever_attributable_to_other_cause"_s, false);
    const auto therapy = in.boolean(u"antipyretic_or_anticytokine_given"_s, false);
    const auto previous = in.boolean(u"crs_previously_diagnosed_this_episode"_s, false);
    const auto hypotension = in.code(u"hypotension"_s, hypotensionCodes(), true);
    const auto vasopressinAdded = in.boolean(u"vasopressin_added"_s, false);
    const auto oxygen = in.code(u"oxygen"_s, oxygenCodes(), true);
    const auto flow = in.number(u"nasal_cannula_flow_l_min"_s, kCannulaFlow, false);
    const auto organ = in.integer(u"organ_toxicity_max_ctcae_grade"_s, 0, 5, false);
    const auto died = in.boolean(u"died"_s, false);
    const auto dueToCrs = in.boolean(u"death_due_to_crs"_s, false);
    if (in.failed())
        return in.error();

    a.temperatureC = temperature;
    a.feverAttributableToOtherCause = attributable.value_or(false);
    a.antipyreticOrAnticytokineGiven = therapy.value_or(false);
    a.crsPreviouslyDiagnosedThisEpisode = previous.value_or(false);
    a.hypotension = *hypotensionFromCode(*hypotension);
    a.vasopressinAdded = vasopressinAdded.value_or(false);
    a.oxygen = *oxygenFromCode(*oxygen);
    a.nasalCannulaFlowLMin = flow;
    a.organToxicityMaxCtcaeGrade = organ;
    a.deathDueToCrs = dueToCrs.value_or(false);
    // A death attributed to CRS is a death, whether or not `died` was ticked.
    a.died = died.value_or(a.deathDueToCrs);

    if (crsNeedsTemperature(a))
        return errorObject(ClinicalText::tr("temperature_c is required: without a temperature, fever can only be "
                                            "left out once CRS was diagnosed and tocilizumab, steroids or "
                                            "antipyretics were given"),
                           u"temperature_c"_s);
    if (a.oxygen == OxygenSupport::NasalCannula && !flow)
        return errorObject(ClinicalText::tr("nasal_cannula_flow_l_min is required when oxygen is nasal_cannula: a "
                                            "nasal cannula is classed from its flow"),
                           u"nasal_cannula_flow_l_min"_s);
    if (a.vasopressinAdded && (a.hypotension == Hypotension::None || a.hypotension == Hypotension::NoVasopressor))
        return errorObject(ClinicalText::tr("vasopressin_added is true but hypotension is %1; record vasopressin "
                                            "alone as hypotension = vasopressin_only")
                               .arg(*hypotension),
                           u"vasopressin_added"_s);
    if (a.deathDueToCrs && died == false)
        return errorObject(ClinicalText::tr("death_due_to_crs is true but died is false"), u"death_due_to_crs"_s);

    const CrsResult r = gradeCrs(a);
    return QJsonObject{{u"crs_grade"_s, r.grade}, {u"review"_s, r.review}, {u"reasons"_s, toJson(r.reasons)}};
}

// ---- icans ----

std::optional<int> readIceItems(JsonInput &in, const QJsonObject &items)
{
    const QString path = u"ice_items"_s;
    if (!rejectUnknownKeys(in, items, iceItemNames(), path))
        return std::nullopt;
    IceItems ice;
    const auto bit = [&](const QString &name) {
        return in.booleanOrBit(items, name, path + u'.' + name).value_or(false);
    };
    ice.orientationYear = bit(u"orientation_year"_s);
    ice.orientationMonth = bit(u"orientation_month"_s);
    ice.orientationCity = bit(u"orientation_city"_s);
    ice.orientationHospital = bit(u"orientation_hospital"_s);
    const QString namingPath = path + u".naming_objects_correct"_s;
    const QJsonValue naming = items.value(u"naming_objects_correct"_s);
    if (naming.isUndefined() || naming.isNull()) {
        in.fail(namingPath, ClinicalText::tr("%1 is required").arg(namingPath));
    } else if (!naming.isDouble() || naming.toDouble() < 0.0 || naming.toDouble() > 3.0 ||
               std::floor(naming.toDouble()) != naming.toDouble()) {
        in.fail(namingPath, ClinicalText::tr("%1 must be a whole number from 0 to 3").arg(namingPath));
    } else {
        ice.namingObjectsCorrect = static_cast<int>(naming.toDouble());
    }
    ice.followsSimpleCommand = bit(u"follows_simple_command"_s);
    ice.writesStandardSentence = bit(u"writes_standard_sentence"_s);
    ice.countsBackFrom100By10 = bit(u"counts_back_from_100_by_10"_s);
    if (in.failed())
        return std::nullopt;
    return iceScore(ice);
}

std::optional<int> readCapdAnswers(JsonInput &in, const QJsonObject &answersJson)
{
    const QString path = u"capd_answers"_s;
    if (!rejectUnknownKeys(in, answersJson, capdItemNames(), path))
        return std::nullopt;
    CapdAnswers answers{};
    for (int i = 0; i < 8; ++i) {
        const QString name = capdItemNames().at(i);
        const QString field = path + u'.' + name;
        const QJsonValue v = answersJson.value(name);
        const qsizetype index = v.isString() ? capdAnswerCodes().indexOf(v.toString()) : -1;
        if (v.isUndefined() || v.isNull()) {
            in.fail(field, ClinicalText::tr("%1 is required").arg(field));
            return std::nullopt;
        }
        if (index < 0) {
            in.fail(field, ClinicalText::tr("%1 must be one of: %2").arg(field, capdAnswerCodes().join(u", "_s)));
            return std::nullopt;
        }
        answers[static_cast<std::size_t>(i)] = static_cast<CapdAnswer>(index);
    }
    return capdScore(answers);
}

QJsonObject deriveIcans(const DerivationInfo &info, const QJsonObject &json)
{
    JsonInput in(json, info.inputs);
    IcansAssessment a;
    const auto age = in.number(u"age_years"_s, kAgeYears, true);
    const auto minAge = in.integer(u"ice_min_age_years"_s, 1, 25, false);
    const auto delay = in.boolean(u"developmental_delay"_s, false);
    const auto excludedCodes = in.codeList(u"excluded_domains_other_cause"_s, icansDomainCodes(), false);

    std::optional<int> ice = in.integer(u"ice_score"_s, 0, 10, false);
    if (const auto items = in.object(u"ice_items"_s, false)) {
        const std::optional<int> fromItems = readIceItems(in, *items);
        if (fromItems && ice && *ice != *fromItems)
            in.fail(
                u"ice_score"_s,
                ClinicalText::tr("ice_score %1 does not match the total of ice_items (%2)").arg(*ice).arg(*fromItems));
        ice = fromItems;
    }
    std::optional<int> capd = in.integer(u"capd_score"_s, 0, 32, false);
    if (const auto answers = in.object(u"capd_answers"_s, false)) {
        const std::optional<int> fromAnswers = readCapdAnswers(in, *answers);
        if (fromAnswers && capd && *capd != *fromAnswers)
            in.fail(u"capd_score"_s, ClinicalText::tr("capd_score %1 does not match the total of capd_answers (%2)")
                                         .arg(*capd)
                                         .arg(*fromAnswers));
        capd = fromAnswers;
    }
    const auto unable = in.boolean(u"capd_unable"_s, false);
    if (in.failed())
        return in.error();

    for (const QString &c : excludedCodes.value_or(QStringList()))
        a.excludedDomains.append(static_cast<IcansDomain>(icansDomainCodes().indexOf(c)));
    const auto excluded = [&a](IcansDomain d) { return a.excludedDomains.contains(d); };

    const auto consciousness = in.code(u"consciousness"_s, consciousnessCodes(), !excluded(IcansDomain::Consciousness));
    const auto seizure = in.code(u"seizure"_s, seizureCodes(), !excluded(IcansDomain::Seizure));
    const auto duration = in.number(u"seizure_duration_min"_s, kSeizureMinutes, false);
    const auto motor = in.code(u"motor"_s, motorCodes(), !excluded(IcansDomain::Motor));
    const auto icp = in.codeList(u"icp_findings"_s, icpFindingCodes(), false);
    const auto death = in.boolean(u"death_due_to_icans"_s, false);
    if (in.failed())
        return in.error();

    a.ageYears = *age;
    a.iceMinAgeYears = minAge.value_or(kDefaultIceMinAgeYears);
    a.developmentalDelay = delay.value_or(false);
    a.iceScore = ice;
    a.capdScore = capd;
    a.capdUnable = unable.value_or(false);
    if (consciousness)
        a.consciousness = static_cast<Consciousness>(consciousnessCodes().indexOf(*consciousness));
    if (seizure)
        a.seizure = static_cast<Seizure>(seizureCodes().indexOf(*seizure));
    a.seizureDurationMin = duration;
    if (motor)
        a.motor = static_cast<MotorFinding>(motorCodes().indexOf(*motor));
    for (const QString &c : icp.value_or(QStringList()))
        a.icpFindings.append(static_cast<IcpFinding>(icpFindingCodes().indexOf(c)));
    a.deathDueToIcans = death.value_or(false);

    if (a.capdUnable && capd)
        return errorObject(ClinicalText::tr("capd_unable is true but a CAPD score or answers were given"),
                           u"capd_unable"_s);
    // An EEG-only seizure that stopped with treatment is grade 3 whatever its
    // length, so only a clinical seizure needs the length to be graded.
    if (a.seizure == Seizure::Clinical && !duration && !excluded(IcansDomain::Seizure))
        return errorObject(ClinicalText::tr("seizure_duration_min is required for a %1 seizure: more than 5 min "
                                            "is grade 4")
                               .arg(*seizure),
                           u"seizure_duration_min"_s);

    // The encephalopathy instrument the age calls for must have been done, unless
    // the domain is attributed elsewhere or the patient cannot be woken to do it.
    const bool encephalopathyCounted = !excluded(IcansDomain::Ice) && !excluded(IcansDomain::Encephalopathy);
    const bool unarousable = a.consciousness == Consciousness::Unarousable;
    const bool hasIce = ice.has_value();
    const bool hasCapd = capd.has_value() || a.capdUnable;
    const bool boundary = atInstrumentBoundary(a.ageYears, a.developmentalDelay, a.iceMinAgeYears);
    const EncephalopathyInstrument wanted = chooseInstrument(a.ageYears, a.developmentalDelay, a.iceMinAgeYears);
    if (encephalopathyCounted && !unarousable && !(boundary && (hasIce || hasCapd))) {
        if (wanted == EncephalopathyInstrument::Ice && !hasIce)
            return errorObject(ClinicalText::tr("ice_score or ice_items is required: ICE is used from %1 years "
                                                "(age %2)")
                                   .arg(a.iceMinAgeYears)
                                   .arg(plainNumber(a.ageYears, 2)),
                               u"ice_score"_s);
        if (wanted == EncephalopathyInstrument::Capd && !hasCapd)
            return errorObject(ClinicalText::tr("capd_score, capd_answers or capd_unable is required: CAPD is "
                                                "used under %1 years and with developmental delay (age %2)")
                                   .arg(a.iceMinAgeYears)
                                   .arg(plainNumber(a.ageYears, 2)),
                               u"capd_score"_s);
    }

    const IcansResult r = gradeIcans(a);
    QJsonObject out{
        {u"icans_grade"_s, r.grade},
        {u"encephalopathy_instrument"_s, r.instrument == EncephalopathyInstrument::Ice ? u"ice"_s : u"capd"_s},
        {u"review"_s, r.review},
        {u"reasons"_s, toJson(r.reasons)}};
    if (ice)
        out.insert(u"ice_score"_s, *ice);
    if (capd)
        out.insert(u"capd_score"_s, *capd);
    return out;
}

// ---- crcl ----

QJsonObject deriveCrcl(const DerivationInfo &info, const QJsonObject &json)
{
    JsonInput in(json, info.inputs);
    const auto sex = in.code(u"sex"_s, {u"M"_s, u"F"_s}, true);
    const auto age = in.number(u"age_years"_s, kAgeYears, true);
    const auto weight = in.number(u"weight_kg"_s, kWeightKg, true);
    const auto unit = in.code(u"creatinine_unit"_s, {u"mg_dl"_s, u"umol_l"_s}, true);
    if (in.failed())
        return in.error();
    const CreatinineUnit creatinineUnit = *unit == u"umol_l"_s ? CreatinineUnit::UmolPerL : CreatinineUnit::MgPerDl;
    const auto creatinine = in.number(
        u"serum_creatinine"_s, creatinineUnit == CreatinineUnit::UmolPerL ? kCreatinineUmolL : kCreatinineMgDl, true);
    if (in.failed())
        return in.error();

    QStringList reasons;
    const double mgDl = creatinineToMgPerDl(*creatinine, creatinineUnit);
    if (creatinineUnit == CreatinineUnit::UmolPerL)
        reasons.append(ClinicalText::tr("Creatinine %1 µmol/L ÷ 88.4 = %2 mg/dL")
                           .arg(plainNumber(*creatinine, 2), QString::number(mgDl, 'f', 2)));
    const bool female = *sex == u"F"_s;
    const double crcl = cockcroftGault(female ? Sex::Female : Sex::Male, *age, *weight, mgDl);
    reasons.append(ClinicalText::tr("Cockcroft–Gault: (140 − %1 years) × %2 kg ÷ (72 × %3 mg/dL)%4 = %5 mL/min")
                       .arg(plainNumber(*age, 1), plainNumber(*weight, 1), plainNumber(mgDl, 2),
                            female ? ClinicalText::tr(" × 0.85 for a woman") : QString(),
                            QString::number(crcl, 'f', 1)));
    bool review = false;
    if (crcl <= 0.0) {
        // Only reachable at implausible ages; the formula has no meaning there.
        review = true;
        reasons.append(ClinicalText::tr("The formula gives no meaningful clearance at this age"));
    }
    return QJsonObject{{u"crcl_ml_min"_s, roundTo(crcl, 1)}, {u"review"_s, review}, {u"reasons"_s, toJson(reasons)}};
}

// ---- qtcf ----

QJsonObject deriveQtcf(const DerivationInfo &info, const QJsonObject &json)
{
    JsonInput in(json, info.inputs);
    const auto qt = in.number(u"qt_ms"_s, kQtMs, true);
    const auto rate = in.number(u"heart_rate_bpm"_s, kHeartRate, false);
    const auto rr = in.number(u"rr_ms"_s, kRrMs, false);
    if (in.failed())
        return in.error();
    if (!rate && !rr)
        return errorObject(ClinicalText::tr("heart_rate_bpm or rr_ms is required"), u"heart_rate_bpm"_s);

    QStringList reasons;
    double rrSeconds = 0.0;
    if (rr) {
        rrSeconds = *rr / 1000.0;
        if (rate) {
            // Both recorded: they must describe the same beat, otherwise one is a typo.
            const double fromRate = rrSecondsFromHeartRate(*rate);
            if (std::abs(fromRate - rrSeconds) / rrSeconds > 0.05)
                return errorObject(
                    ClinicalText::tr("rr_ms %1 and heart_rate_bpm %2 disagree (60 ÷ %2 = %3 ms)")
                        .arg(plainNumber(*rr, 1), plainNumber(*rate, 1), QString::number(fromRate * 1000.0, 'f', 0)),
                    u"rr_ms"_s);
        }
        reasons.append(ClinicalText::tr("RR = %1 ms = %2 s").arg(plainNumber(*rr, 1), plainNumber(rrSeconds, 3)));
    } else {
        rrSeconds = rrSecondsFromHeartRate(*rate);
        reasons.append(
            ClinicalText::tr("RR = 60 ÷ %1 bpm = %2 s").arg(plainNumber(*rate, 1), plainNumber(rrSeconds, 3)));
    }
    const double qtcf = qtcFridericia(*qt, rrSeconds);
    reasons.append(ClinicalText::tr("QTcF (Fridericia) = %1 ms ÷ cube root of %2 s = %3 ms")
                       .arg(plainNumber(*qt, 1), plainNumber(rrSeconds, 3), QString::number(qtcf, 'f', 1)));
    return QJsonObject{{u"qtcf_ms"_s, roundTo(qtcf, 1)}, {u"review"_s, false}, {u"reasons"_s, toJson(reasons)}};
}

// ---- bsa ----

QJsonObject deriveBsa(const DerivationInfo &info, const QJsonObject &json)
{
    JsonInput in(json, info.inputs);
    const auto height = in.number(u"height_cm"_s, kHeightCm, true);
    const auto weight = in.number(u"weight_kg"_s, kWeightKg, true);
    if (in.failed())
        return in.error();
    const double mosteller = bsaMosteller(*height, *weight);
    const double dubois = bsaDuBois(*height, *weight);
    const QStringList reasons{
        ClinicalText::tr("Mosteller: square root of (%1 cm × %2 kg ÷ 3600) = %3 m²")
            .arg(plainNumber(*height, 1), plainNumber(*weight, 1), QString::number(mosteller, 'f', 3)),
        ClinicalText::tr("DuBois: 0.007184 × %2 kg^0.425 × %1 cm^0.725 = %3 m²")
            .arg(plainNumber(*height, 1), plainNumber(*weight, 1), QString::number(dubois, 'f', 3))};
    return QJsonObject{{u"bsa_mosteller_m2"_s, roundTo(mosteller, 3)},
                       {u"bsa_dubois_m2"_s, roundTo(dubois, 3)},
                       {u"review"_s, false},
                       {u"reasons"_s, toJson(reasons)}};
}

// ---- dose ----

QJsonObject deriveDose(const DerivationInfo &info, const QJsonObject &json)
{
    JsonInput in(json, info.inputs);
    const auto height = in.number(u"height_cm"_s, kHeightCm, false);
    const auto weight = in.number(u"weight_kg"_s, kWeightKg, true);
    const auto fluPerM2 = in.number(u"fludarabine_mg_per_m2"_s, kMgPerM2, false);
    const auto cyPerM2 = in.number(u"cyclophosphamide_mg_per_m2"_s, kMgPerM2, false);
    const auto fluGiven = in.number(u"fludarabine_given_mg"_s, kGivenMg, false);
    const auto cyGiven = in.number(u"cyclophosphamide_given_mg"_s, kGivenMg, false);
    const auto cells = in.number(u"total_car_positive_viable_t_cells"_s, kCells, false);
    if (in.failed())
        return in.error();

    const bool lymphodepletion = height || fluPerM2 || cyPerM2 || fluGiven || cyGiven;
    if (!lymphodepletion && !cells)
        return errorObject(ClinicalText::tr("fludarabine_mg_per_m2 or cyclophosphamide_mg_per_m2 (with height_cm "
                                            "and weight_kg), or total_car_positive_viable_t_cells (with "
                                            "weight_kg), is required"),
                           u"fludarabine_mg_per_m2"_s);
    if (fluGiven && !fluPerM2)
        return errorObject(ClinicalText::tr("fludarabine_mg_per_m2 is required to check fludarabine_given_mg"),
                           u"fludarabine_mg_per_m2"_s);
    if (cyGiven && !cyPerM2)
        return errorObject(ClinicalText::tr("cyclophosphamide_mg_per_m2 is required to check "
                                            "cyclophosphamide_given_mg"),
                           u"cyclophosphamide_mg_per_m2"_s);
    if (lymphodepletion && !height)
        return errorObject(ClinicalText::tr("height_cm is required for the body surface area"), u"height_cm"_s);
    if (lymphodepletion && !fluPerM2 && !cyPerM2)
        return errorObject(ClinicalText::tr("fludarabine_mg_per_m2 or cyclophosphamide_mg_per_m2 is required with "
                                            "height_cm"),
                           u"fludarabine_mg_per_m2"_s);

    QJsonObject out;
    QStringList reasons;
    bool review = false;
    if (lymphodepletion) {
        const double bsa = bsaMosteller(*height, *weight);
        out.insert(u"bsa_mosteller_m2"_s, roundTo(bsa, 3));
        reasons.append(ClinicalText::tr("BSA (Mosteller) from %1 cm and %2 kg = %3 m²")
                           .arg(plainNumber(*height, 1), plainNumber(*weight, 1), QString::number(bsa, 'f', 3)));
        const auto agent = [&](const QString &key, const QString &agentName, std::optional<double> perM2,
                               std::optional<double> given) {
            if (!perM2)
                return;
            const double planned = dosePerDayMg(*perM2, bsa);
            out.insert(key + u"_mg_per_day"_s, roundTo(planned, 1));
            reasons.append(ClinicalText::tr("%1 %2 mg/m² × %3 m² = %4 mg per day")
                               .arg(agentName, plainNumber(*perM2, 2), QString::number(bsa, 'f', 3),
                                    QString::number(planned, 'f', 1)));
            if (!given)
                return;
            const double deviation = doseDeviationPercent(*given, planned);
            const bool flagged = doseDeviatesTooMuch(*given, planned);
            out.insert(key + u"_deviation_percent"_s, roundTo(deviation, 1));
            out.insert(key + u"_deviation_over_10_percent"_s, flagged);
            const QString direction = deviation >= 0.0 ? ClinicalText::tr("above") : ClinicalText::tr("below");
            if (flagged) {
                review = true;
                reasons.append(ClinicalText::tr("%1 given %2 mg is %3% %4 the planned %5 mg: more than 10% off, "
                                                "please check")
                                   .arg(agentName, plainNumber(*given, 2), QString::number(std::abs(deviation), 'f', 1),
                                        direction, QString::number(planned, 'f', 1)));
            } else {
                reasons.append(ClinicalText::tr("%1 given %2 mg is %3% %4 the planned %5 mg: within 10%")
                                   .arg(agentName, plainNumber(*given, 2), QString::number(std::abs(deviation), 'f', 1),
                                        direction, QString::number(planned, 'f', 1)));
            }
        };
        agent(u"fludarabine"_s, ClinicalText::tr("Fludarabine"), fluPerM2, fluGiven);
        agent(u"cyclophosphamide"_s, ClinicalText::tr("Cyclophosphamide"), cyPerM2, cyGiven);
    }
    if (cells) {
        const double perKg = carTCellsPerKg(*cells, *weight);
        // Cell counts carry about three significant digits.
        const double magnitude = std::pow(10.0, std::floor(std::log10(perKg)) - 2.0);
        out.insert(u"car_t_cells_per_kg"_s, std::round(perKg / magnitude) * magnitude);
        reasons.append(
            ClinicalText::tr("CAR-T dose: %1 CAR-positive viable T cells ÷ %2 kg = %3 cells/kg")
                .arg(QString::number(*cells, 'g', 4), plainNumber(*weight, 1), QString::number(perKg, 'g', 3)));
    }
    out.insert(u"review"_s, review);
    out.insert(u"reasons"_s, toJson(reasons));
    return out;
}

} // namespace

const QList<DerivationInfo> &derivations()
{
    static const QList<DerivationInfo> registry = buildRegistry();
    return registry;
}

const DerivationInfo *findDerivation(const QString &name)
{
    for (const DerivationInfo &info : derivations()) {
        if (info.name == name)
            return &info;
    }
    return nullptr;
}

namespace {

// The codes of the study definitions' response code list.
QString responseFormCode(ResponseCategory category)
{
    switch (category) {
    case ResponseCategory::CompleteRemission:
        return u"CR"_s;
    case ResponseCategory::CompleteRemissionIncompleteRecovery:
        return u"CRi"_s;
    case ResponseCategory::MorphologicLeukemiaFree:
        return u"MLFS"_s;
    case ResponseCategory::NoResponse:
        return u"NR"_s;
    case ResponseCategory::Relapse:
        return u"relapse"_s;
    case ResponseCategory::NotEvaluable:
        break;
    }
    return u"not_evaluable"_s;
}

QJsonObject deriveResponse(const DerivationInfo &info, const QJsonObject &json)
{
    static const NumberRange percent{0.0, 100.0, true, true, u"%"_s};
    static const NumberRange countE9{0.0, 1000.0, true, true, u"x 10^9/L"_s};
    static const NumberRange sensitivity{0.0, 100.0, false, true, u"%"_s};
    JsonInput in(json, info.inputs);
    DiseaseAssessment disease;
    disease.marrowBlastsPercent = in.number(u"marrow_blasts_percent"_s, percent, true);
    disease.circulatingBlasts = in.boolean(u"circulating_blasts"_s, false);
    disease.extramedullaryDisease = in.boolean(u"extramedullary_disease"_s, false);
    disease.ancE9PerL = in.number(u"anc_e9_per_l"_s, countE9, false);
    disease.plateletsE9PerL = in.number(u"platelets_e9_per_l"_s, countE9, false);
    const bool previousCr = in.boolean(u"previous_complete_remission"_s, false).value_or(false);
    const auto method = in.code(u"mrd_method"_s, {u"flow"_s, u"ngs"_s}, false);
    const auto sample = in.code(u"mrd_sample"_s, {u"bm"_s, u"pb"_s}, false);
    const auto level = in.number(u"mrd_level_percent"_s, percent, false);
    const auto limit = in.number(u"mrd_sensitivity_percent"_s, sensitivity, false);
    const auto cells = in.number(u"mrd_cells_analysed"_s, NumberRange{0.0, 1e12, true, true, u"cells"_s}, false);
    if (in.failed())
        return in.error();

    const ResponseResult response = classifyResponse(disease, previousCr);
    QJsonObject out;
    out.insert(u"response_category"_s, responseFormCode(response.category));
    QStringList reasons = response.reasons;
    bool review = response.review;
    if (method && level) {
        MrdMeasurement m;
        m.method = *method == u"ngs"_s ? MrdMethod::Ngs : MrdMethod::Flow;
        m.sample = sample && *sample == u"pb"_s ? MrdSample::Blood : MrdSample::Marrow;
        m.level = *level / 100.0; // the form records percent; the rule works in fractions
        if (limit)
            m.sensitivity = *limit / 100.0;
        if (cells)
            m.cellsAnalysed = qint64(*cells);
        const MrdResult mrd = classifyMrd(m);
        out.insert(u"mrd_status"_s, mrd.status == MrdStatus::Negative   ? u"negative"_s
                                    : mrd.status == MrdStatus::Positive ? u"positive"_s
                                                                        : u"not_evaluable"_s);
        reasons += mrd.reasons;
    } else {
        out.insert(u"mrd_status"_s, u"not_evaluable"_s);
        reasons.append(ClinicalText::tr("MRD not measured: its method and level are needed"));
    }
    out.insert(u"review"_s, review);
    out.insert(u"reasons"_s, toJson(reasons));
    return out;
}

} // namespace

QJsonObject derive(const QString &name, const QJsonObject &input)
{
    const DerivationInfo *info = findDerivation(name);
    if (!info)
        return errorObject(ClinicalText::tr("Unknown derivation \"%1\"").arg(name), u"derivation"_s);
    if (name == u"crs"_s)
        return deriveCrs(*info, input);
    if (name == u"icans"_s)
        return deriveIcans(*info, input);
    if (name == u"crcl"_s)
        return deriveCrcl(*info, input);
    if (name == u"qtcf"_s)
        return deriveQtcf(*info, input);
    if (name == u"bsa"_s)
        return deriveBsa(*info, input);
    if (name == u"response"_s)
        return deriveResponse(*info, input);
    if (name == u"icaht"_s)
        return deriveIcaht(info->inputs, input);
    if (name == u"hematotox"_s)
        return deriveHematotox(info->inputs, input);
    if (name == u"iechs"_s)
        return deriveIechs(info->inputs, input);
    return deriveDose(*info, input);
}

} // namespace cellcrf::clinical
