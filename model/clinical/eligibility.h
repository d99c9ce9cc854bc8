#pragma once

// Evaluation of the eligibility criteria that the screening data decide, for the
// two protocols CellCRF carries (PROTOCOLS.md): S1904 (NCT06581081, inclusion
// 1-11 and exclusion 1-23 of the registry record) and the pediatric anti-CD19
// CAR-T study. Each criterion becomes Met, NotMet or MissingData with its reason
// in words. The investigator still confirms every criterion, and criteria that
// need judgement (life expectancy, Ph+ TKI history, active infection, ...) are not
// evaluated here.
//
// Screening fields (JSON names; a null counts as not recorded):
//   date_of_birth, consent_date           ISO dates (yyyy-MM-dd)
//   sex                                   "M" or "F"
//   ecog                                  0-5 (S1904)
//   lansky, karnofsky                     0-100 (pediatric: Lansky under 16, Karnofsky from 16)
//   marrow_blasts_percent                 0-100
//   cd19_positive                         bool, CD19 on blasts by flow cytometry
//   ast_u_l, ast_uln_u_l, alt_u_l, alt_uln_u_l
//   total_bilirubin, total_bilirubin_uln  same unit for both
//   serum_creatinine, creatinine_unit ("mg_dl" or "umol_l"), creatinine_uln (same unit)
//   weight_kg                             for Cockcroft-Gault
//   spo2_percent                          room air
//   qtcf_ms                               or qt_ms with heart_rate_bpm or rr_ms (computed by Fridericia)
//   lvef_percent
//   systolic_bp_mmhg, diastolic_bp_mmhg
//   hbsag_positive, hbv_dna_positive, hcv_rna_positive, hiv_positive, cmv_dna_positive,
//   ebv_dna_positive, syphilis_treponemal_positive, syphilis_nontreponemal_positive   bools
//   prior_hsct, prior_cd19_therapy, prior_car_t, prior_cd20_therapy                     bools
//   childbearing_potential, pregnancy_test_positive                                     bools
//
// Age rules: age is completed years at the consent date. S1904 admits 12-65,
// the pediatric study 2-18, both inclusive. Creatinine in S1904: adults (18 and
// over) need CrCl >= 60 mL/min by Cockcroft-Gault OR creatinine <= 1.5 x ULN;
// under 18 the protocol's age- and sex-specific limits apply, read as half-open
// bands so every age has one limit: 10 to under 13, <= 1.2 mg/dL; males 13 to
// under 16, <= 1.5; males 16 to under 18, <= 1.7; females 13 to under 18, <= 1.4.
// Below 10 the protocol gives no limit (such subjects fail the age criterion).

#include "core/result.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cellcrf::clinical {

enum class Protocol
{
    S1904,
    Pediatric
};

enum class CriterionStatus
{
    Met,
    NotMet,
    MissingData
};
enum class CriterionKind
{
    Inclusion,
    Exclusion
};

struct CriterionResult
{
    QString criterionId; // stable, e.g. "age", "ast_alt", "hiv"
    CriterionKind kind = CriterionKind::Inclusion;
    QString text; // the requirement for eligibility, e.g. "No previous stem cell transplant"
    CriterionStatus status = CriterionStatus::MissingData;
    QString reason; // why, in words
};

// Every screening field name above.
const QStringList &screeningFieldNames();

// Completed years between the two dates (a 29 February birthday is reached on
// 1 March in other years).
int completedYears(const QDate &birth, const QDate &onDate);

// Pediatric creatinine limit in mg/dL for S1904, or empty when the protocol
// gives none (under 10, or adults who use the adult rule).
std::optional<double> pediatricCreatinineLimitMgDl(int ageYears, bool female);

// Fails (InvalidInput) on an unknown field name or a value of the wrong type,
// naming the field; otherwise one result per data-decided criterion.
Result<QList<CriterionResult>> evaluateEligibility(Protocol protocol, const QJsonObject &screening);

} // namespace cellcrf::clinical
