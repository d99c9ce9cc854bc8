#include "records/subjecteligibility.h"

#include "auth/authservice.h"
#include "records/clinicaldata.h"
#include "records/signatures.h"

#include <QCoreApplication>

namespace cellcrf::records {

using clinical::CriterionResult;
using clinical::CriterionStatus;
using clinical::evaluateEligibility;
using clinical::Protocol;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::records", text);
}

// How one stored item becomes one screening field.
enum class Conversion
{
    Text,
    Number,
    YesNo,
    Positive,
    Detected
};

struct FieldSource
{
    const char *form;
    const char *item;
    const char *field;
    Conversion conversion;
};

// The item names of the study definitions (resources/studies/*/forms/dm.json and elig.json).
constexpr FieldSource sources[] = {
    {"dm", "brthdtc", "date_of_birth", Conversion::Text},
    {"dm", "rficdtc", "consent_date", Conversion::Text},
    {"dm", "sex", "sex", Conversion::Text},
    {"dm", "weight_kg", "weight_kg", Conversion::Number},
    {"elig", "ecog", "ecog", Conversion::Number},
    {"elig", "lansky", "lansky", Conversion::Number},
    {"elig", "karnofsky", "karnofsky", Conversion::Number},
    {"elig", "scr_bm_blasts", "marrow_blasts_percent", Conversion::Number},
    {"elig", "cd19_flow", "cd19_positive", Conversion::Positive},
    {"elig", "ast", "ast_u_l", Conversion::Number},
    {"elig", "ast_uln", "ast_uln_u_l", Conversion::Number},
    {"elig", "alt", "alt_u_l", Conversion::Number},
    {"elig", "alt_uln", "alt_uln_u_l", Conversion::Number},
    {"elig", "tbil", "total_bilirubin", Conversion::Number},
    {"elig", "tbil_uln", "total_bilirubin_uln", Conversion::Number},
    {"elig", "creat", "serum_creatinine", Conversion::Number},
    {"elig", "creat_unit", "creatinine_unit", Conversion::Text},
    {"elig", "creat_uln", "creatinine_uln", Conversion::Number},
    {"elig", "spo2_scr", "spo2_percent", Conversion::Number},
    {"elig", "qt_ms", "qt_ms", Conversion::Number},
    {"elig", "heart_rate", "heart_rate_bpm", Conversion::Number},
    {"elig", "lvef", "lvef_percent", Conversion::Number},
    {"elig", "sbp", "systolic_bp_mmhg", Conversion::Number},
    {"elig", "dbp", "diastolic_bp_mmhg", Conversion::Number},
    {"elig", "hbsag", "hbsag_positive", Conversion::Positive},
    {"elig", "hbv_dna", "hbv_dna_positive", Conversion::Detected},
    {"elig", "hcv_rna", "hcv_rna_positive", Conversion::Detected},
    {"elig", "hiv_ab", "hiv_positive", Conversion::Positive},
    {"elig", "cmv_dna", "cmv_dna_positive", Conversion::Detected},
    {"elig", "ebv_dna", "ebv_dna_positive", Conversion::Detected},
    {"elig", "syph_trep", "syphilis_treponemal_positive", Conversion::Positive},
    {"elig", "syph_nontrep", "syphilis_nontreponemal_positive", Conversion::Positive},
    {"elig", "prior_hsct", "prior_hsct", Conversion::YesNo},
    {"elig", "prior_cd19", "prior_cd19_therapy", Conversion::YesNo},
    {"elig", "prior_cart", "prior_car_t", Conversion::YesNo},
    {"elig", "prior_cd20", "prior_cd20_therapy", Conversion::YesNo},
    {"elig", "childbearing", "childbearing_potential", Conversion::YesNo},
    {"elig", "preg_test", "pregnancy_test_positive", Conversion::Positive},
};

QJsonValue convert(const QString &stored, Conversion conversion)
{
    switch (conversion) {
    case Conversion::Text:
        return stored;
    case Conversion::Number: {
        bool ok = false;
        const double v = stored.toDouble(&ok);
        return ok ? QJsonValue(v) : QJsonValue();
    }
    case Conversion::YesNo:
        return stored == QLatin1String("1");
    case Conversion::Positive:
        // An indeterminate result decides nothing: it stays missing.
        return stored == QLatin1String("IND") ? QJsonValue() : QJsonValue(stored == QLatin1String("POS"));
    case Conversion::Detected:
        return stored == QLatin1String("DET");
    }
    return {};
}

} // namespace

Result<QJsonObject> screeningFieldsOf(const ClinicalData &data, const Actor &actor, qint64 subjectId)
{
    if (auto subject = data.subject(actor, subjectId); !subject)
        return subject.status();
    QJsonObject fields;
    for (const FieldSource &s : sources) {
        const std::optional<QString> stored =
            data.firstValue(subjectId, QString::fromLatin1(s.form), QString::fromLatin1(s.item));
        if (!stored)
            continue;
        const QJsonValue v = convert(*stored, s.conversion);
        if (!v.isNull() && !v.isUndefined())
            fields.insert(QString::fromLatin1(s.field), v);
    }
    // The screening form asks for a viral load only after a positive antibody or
    // antigen screen (its show-if): negative screens mean no detectable virus.
    auto negative = [&](const char *item) {
        return data.firstValue(subjectId, QStringLiteral("elig"), QString::fromLatin1(item)) == QStringLiteral("NEG");
    };
    if (!fields.contains(QStringLiteral("hbv_dna_positive")) && negative("hbsag") && negative("hbcab"))
        fields.insert(QStringLiteral("hbv_dna_positive"), false);
    if (!fields.contains(QStringLiteral("hcv_rna_positive")) && negative("hcv_ab"))
        fields.insert(QStringLiteral("hcv_rna_positive"), false);
    return fields;
}

Result<SubjectEligibility> assessSubjectEligibility(ClinicalData &data, const Actor &actor, qint64 subjectId,
                                                    const Clock &clock)
{
    Result<QJsonObject> fields = screeningFieldsOf(data, actor, subjectId);
    if (!fields)
        return fields.status();
    const Protocol protocol = data.study().oid == QLatin1String("s1904") ? Protocol::S1904 : Protocol::Pediatric;
    Result<QList<CriterionResult>> criteria = evaluateEligibility(protocol, *fields);
    if (!criteria)
        return criteria.status();

    SubjectEligibility e;
    e.criteria = *criteria;
    for (const CriterionResult &c : e.criteria) {
        e.met += c.status == CriterionStatus::Met;
        e.notMet += c.status == CriterionStatus::NotMet;
        e.missing += c.status == CriterionStatus::MissingData;
    }
    e.decision =
        data.firstValue(subjectId, QStringLiteral("elig"), QStringLiteral("elig_decision")).value_or(QString());

    // The decision is signed when a valid signature covers the screening form's current content.
    for (const study::Event &event : data.study().events) {
        if (!event.forms.contains(QStringLiteral("elig")))
            continue;
        auth::AuthService authService(data.database(), clock);
        Signatures signatures(data, authService, clock);
        auto list = signatures.signatures(actor, FormKey{subjectId, event.oid, 1, QStringLiteral("elig"), 1});
        if (!list)
            return list.status();
        for (const Signature &s : *list) {
            if (s.valid) {
                e.decisionSigned = true;
                e.signedBy = s.signerFullName.isEmpty() ? s.signer : s.signerFullName;
            }
        }
        break;
    }

    e.eligible = e.notMet == 0 && e.missing == 0 && e.decision == QLatin1String("eligible") && e.decisionSigned;
    if (e.eligible)
        e.summary =
            tr("Eligible: every criterion the data decide is met, and the decision is signed by %1.").arg(e.signedBy);
    else if (e.notMet > 0)
        e.summary = tr("Not eligible: %1 criterion(s) not met.").arg(e.notMet);
    else if (e.missing > 0)
        e.summary = tr("Not yet decided: data missing for %1 criterion(s).").arg(e.missing);
    else if (e.decision != QLatin1String("eligible"))
        e.summary = tr("The criteria are met; the investigator has not recorded the decision as eligible.");
    else
        e.summary = tr("The criteria are met and the decision recorded; it awaits the investigator's signature.");
    return e;
}

} // namespace cellcrf::records
