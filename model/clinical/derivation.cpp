#include "derivation.h"

#include <QJsonArray>

namespace cellcrf::clinical {

using namespace Qt::StringLiterals;

namespace {

QList<DerivationInfo> buildRegistry()
{
    // The input names are the contract of CLINICAL.md "Derivation inputs"; form
    // items and the study-definition loader refer to them by these exact names.
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
    return list;
}

QJsonObject errorObject(const QString &message, const QString &field)
{
    return QJsonObject{{u"error"_s, message}, {u"field"_s, field}};
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

QJsonObject derive(const QString &name, const QJsonObject &input)
{
    Q_UNUSED(input)
    if (!findDerivation(name))
        return errorObject(u"Unknown derivation \"%1\""_s.arg(name), u"derivation"_s);
    return errorObject(u"Derivation \"%1\" is not available yet"_s.arg(name), u"derivation"_s);
}

} // namespace cellcrf::clinical
