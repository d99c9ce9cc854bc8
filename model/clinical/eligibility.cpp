#include "eligibility.h"

#include "clinicaltext.h"
#include "formulas.h"

#include <QHash>

namespace cellcrf::clinical {

using namespace Qt::StringLiterals;

namespace {

enum class FieldType
{
    Date,
    Sex,
    Number,
    Boolean,
    CreatinineUnitCode
};

const QList<std::pair<QString, FieldType>> &fieldTypes()
{
    static const QList<std::pair<QString, FieldType>> fields{
        {u"date_of_birth"_s, FieldType::Date},
        {u"consent_date"_s, FieldType::Date},
        {u"sex"_s, FieldType::Sex},
        {u"ecog"_s, FieldType::Number},
        {u"lansky"_s, FieldType::Number},
        {u"karnofsky"_s, FieldType::Number},
        {u"marrow_blasts_percent"_s, FieldType::Number},
        {u"cd19_positive"_s, FieldType::Boolean},
        {u"ast_u_l"_s, FieldType::Number},
        {u"ast_uln_u_l"_s, FieldType::Number},
        {u"alt_u_l"_s, FieldType::Number},
        {u"alt_uln_u_l"_s, FieldType::Number},
        {u"total_bilirubin"_s, FieldType::Number},
        {u"total_bilirubin_uln"_s, FieldType::Number},
        {u"serum_creatinine"_s, FieldType::Number},
        {u"creatinine_unit"_s, FieldType::CreatinineUnitCode},
        {u"creatinine_uln"_s, FieldType::Number},
        {u"weight_kg"_s, FieldType::Number},
        {u"spo2_percent"_s, FieldType::Number},
        {u"qtcf_ms"_s, FieldType::Number},
        {u"qt_ms"_s, FieldType::Number},
        {u"heart_rate_bpm"_s, FieldType::Number},
        {u"rr_ms"_s, FieldType::Number},
        {u"lvef_percent"_s, FieldType::Number},
        {u"systolic_bp_mmhg"_s, FieldType::Number},
        {u"diastolic_bp_mmhg"_s, FieldType::Number},
        {u"hbsag_positive"_s, FieldType::Boolean},
        {u"hbv_dna_positive"_s, FieldType::Boolean},
        {u"hcv_rna_positive"_s, FieldType::Boolean},
        {u"hiv_positive"_s, FieldType::Boolean},
        {u"cmv_dna_positive"_s, FieldType::Boolean},
        {u"ebv_dna_positive"_s, FieldType::Boolean},
        {u"syphilis_treponemal_positive"_s, FieldType::Boolean},
        {u"syphilis_nontreponemal_positive"_s, FieldType::Boolean},
        {u"prior_hsct"_s, FieldType::Boolean},
        {u"prior_cd19_therapy"_s, FieldType::Boolean},
        {u"prior_car_t"_s, FieldType::Boolean},
        {u"prior_cd20_therapy"_s, FieldType::Boolean},
        {u"childbearing_potential"_s, FieldType::Boolean},
        {u"pregnancy_test_positive"_s, FieldType::Boolean},
    };
    return fields;
}

// Read access to validated screening data; absent and null read as not recorded.
class Screening
{
public:
    explicit Screening(const QJsonObject &o)
        : m_o(o)
    {}
    std::optional<double> number(const QString &name) const
    {
        const QJsonValue v = m_o.value(name);
        return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
    }
    std::optional<bool> flag(const QString &name) const
    {
        const QJsonValue v = m_o.value(name);
        return v.isBool() ? std::optional<bool>(v.toBool()) : std::nullopt;
    }
    std::optional<QString> text(const QString &name) const
    {
        const QJsonValue v = m_o.value(name);
        return v.isString() ? std::optional<QString>(v.toString()) : std::nullopt;
    }
    std::optional<QDate> date(const QString &name) const
    {
        const auto t = text(name);
        return t ? std::optional<QDate>(QDate::fromString(*t, Qt::ISODate)) : std::nullopt;
    }

private:
    QJsonObject m_o;
};

Status validate(const QJsonObject &screening)
{
    QHash<QString, FieldType> types;
    for (const auto &[name, type] : fieldTypes())
        types.insert(name, type);
    for (auto it = screening.begin(); it != screening.end(); ++it) {
        const QString &name = it.key();
        if (!types.contains(name))
            return Status::error(ErrorCode::InvalidInput,
                                 ClinicalText::tr("%1 is not a known screening field").arg(name), name);
        const QJsonValue v = it.value();
        if (v.isNull())
            continue;
        bool ok = false;
        QString expected;
        switch (types.value(name)) {
        case FieldType::Date:
            ok = v.isString() && QDate::fromString(v.toString(), Qt::ISODate).isValid();
            expected = ClinicalText::tr("a date (yyyy-MM-dd)");
            break;
        case FieldType::Sex:
            ok = v.toString() == u"M"_s || v.toString() == u"F"_s;
            expected = ClinicalText::tr("\"M\" or \"F\"");
            break;
        case FieldType::Number:
            ok = v.isDouble() && v.toDouble() >= 0.0;
            expected = ClinicalText::tr("a number, not negative");
            break;
        case FieldType::Boolean:
            ok = v.isBool();
            expected = ClinicalText::tr("true or false");
            break;
        case FieldType::CreatinineUnitCode:
            ok = v.toString() == u"mg_dl"_s || v.toString() == u"umol_l"_s;
            expected = ClinicalText::tr("\"mg_dl\" or \"umol_l\"");
            break;
        }
        if (!ok)
            return Status::error(ErrorCode::InvalidInput, ClinicalText::tr("%1 must be %2").arg(name, expected), name);
    }
    return Status::ok();
}

CriterionResult met(const QString &id, CriterionKind kind, const QString &text, const QString &reason)
{
    return {id, kind, text, CriterionStatus::Met, reason};
}
CriterionResult notMet(const QString &id, CriterionKind kind, const QString &text, const QString &reason)
{
    return {id, kind, text, CriterionStatus::NotMet, reason};
}
CriterionResult missing(const QString &id, CriterionKind kind, const QString &text, const QString &reason)
{
    return {id, kind, text, CriterionStatus::MissingData, reason};
}

constexpr auto Incl = CriterionKind::Inclusion;
constexpr auto Excl = CriterionKind::Exclusion;

std::optional<int> ageAtConsent(const Screening &s)
{
    const auto birth = s.date(u"date_of_birth"_s);
    const auto consent = s.date(u"consent_date"_s);
    if (!birth || !consent || *consent < *birth)
        return std::nullopt;
    return completedYears(*birth, *consent);
}

CriterionResult ageCriterion(const Screening &s, int minAge, int maxAge)
{
    const QString text = ClinicalText::tr("Age %1 to %2 years at consent").arg(minAge).arg(maxAge);
    const auto birth = s.date(u"date_of_birth"_s);
    const auto consent = s.date(u"consent_date"_s);
    if (!birth || !consent)
        return missing(u"age"_s, Incl, text, ClinicalText::tr("Date of birth or consent date not recorded"));
    if (*consent < *birth)
        return notMet(u"age"_s, Incl, text, ClinicalText::tr("Consent date is before the date of birth"));
    const int age = completedYears(*birth, *consent);
    if (age < minAge || age > maxAge)
        return notMet(u"age"_s, Incl, text,
                      ClinicalText::tr("Age %1 years at consent is outside %2 to %3").arg(age).arg(minAge).arg(maxAge));
    return met(u"age"_s, Incl, text, ClinicalText::tr("Age %1 years at consent").arg(age));
}

// "a <= limit x ULN" for one lab.
struct UlnCheck
{
    std::optional<bool> passes;
    QString reason;
};

UlnCheck checkUln(const Screening &s, const QString &valueField, const QString &ulnField, double factor,
                  const QString &label)
{
    const auto value = s.number(valueField);
    const auto uln = s.number(ulnField);
    if (!value || !uln || *uln <= 0.0)
        return {std::nullopt, ClinicalText::tr("%1 or its upper limit of normal not recorded").arg(label)};
    const double ratio = *value / *uln;
    const bool ok = *value <= factor * *uln;
    return {ok, ClinicalText::tr("%1 %2 is %3 × ULN (%4 %5 × ULN)")
                    .arg(label, plainNumber(*value, 2), plainNumber(ratio, 2), ok ? u"≤"_s : u">"_s,
                         plainNumber(factor, 1))};
}

CriterionResult astAltCriterion(const Screening &s)
{
    const QString id = u"ast_alt"_s;
    const QString text = ClinicalText::tr("AST and ALT ≤ 2.5 × ULN");
    const UlnCheck ast = checkUln(s, u"ast_u_l"_s, u"ast_uln_u_l"_s, 2.5, u"AST"_s);
    const UlnCheck alt = checkUln(s, u"alt_u_l"_s, u"alt_uln_u_l"_s, 2.5, u"ALT"_s);
    const QString reason = ast.reason + u"; "_s + alt.reason;
    if (ast.passes == false || alt.passes == false)
        return notMet(id, Incl, text, reason);
    if (!ast.passes || !alt.passes)
        return missing(id, Incl, text, reason);
    return met(id, Incl, text, reason);
}

CriterionResult bilirubinCriterion(const Screening &s)
{
    const QString text = ClinicalText::tr("Total bilirubin ≤ 2 × ULN");
    const UlnCheck b =
        checkUln(s, u"total_bilirubin"_s, u"total_bilirubin_uln"_s, 2.0, ClinicalText::tr("Total bilirubin"));
    if (!b.passes)
        return missing(u"bilirubin"_s, Incl, text, b.reason);
    return *b.passes ? met(u"bilirubin"_s, Incl, text, b.reason) : notMet(u"bilirubin"_s, Incl, text, b.reason);
}

CriterionResult creatinineCriterion(const Screening &s)
{
    const QString id = u"creatinine"_s;
    const auto age = ageAtConsent(s);
    const auto sex = s.text(u"sex"_s);
    const auto creatinine = s.number(u"serum_creatinine"_s);
    const auto unitCode = s.text(u"creatinine_unit"_s);
    const QString genericText = ClinicalText::tr("Kidney function within the protocol limits for age and sex");
    if (!age)
        return missing(id, Incl, genericText, ClinicalText::tr("Age at consent not known"));
    if (!creatinine || !unitCode)
        return missing(id, Incl, genericText, ClinicalText::tr("Serum creatinine or its unit not recorded"));
    const CreatinineUnit unit = *unitCode == u"umol_l"_s ? CreatinineUnit::UmolPerL : CreatinineUnit::MgPerDl;
    const double mgDl = creatinineToMgPerDl(*creatinine, unit);

    if (*age >= 18) {
        const QString text = ClinicalText::tr("Adult: creatinine clearance ≥ 60 mL/min (Cockcroft–Gault) or "
                                              "creatinine ≤ 1.5 × ULN");
        std::optional<bool> byClearance;
        std::optional<bool> byUln;
        QStringList reasons;
        const auto weight = s.number(u"weight_kg"_s);
        if (sex && weight && *weight > 0.0 && mgDl > 0.0) {
            const double crcl = cockcroftGault(*sex == u"F"_s ? Sex::Female : Sex::Male, *age, *weight, mgDl);
            byClearance = crcl >= 60.0;
            reasons.append(ClinicalText::tr("Creatinine clearance %1 mL/min (Cockcroft–Gault)")
                               .arg(QString::number(crcl, 'f', 1)));
        } else {
            reasons.append(ClinicalText::tr("Clearance not computable (sex or weight not recorded)"));
        }
        const auto uln = s.number(u"creatinine_uln"_s);
        if (uln && *uln > 0.0) {
            byUln = *creatinine <= 1.5 * *uln;
            reasons.append(ClinicalText::tr("Creatinine %1 × ULN").arg(plainNumber(*creatinine / *uln, 2)));
        } else {
            reasons.append(ClinicalText::tr("Creatinine upper limit of normal not recorded"));
        }
        const QString reason = reasons.join(u"; "_s);
        if (byClearance == true || byUln == true)
            return met(id, Incl, text, reason);
        if (byClearance == false && byUln == false)
            return notMet(id, Incl, text, reason);
        return missing(id, Incl, text, reason);
    }

    if (!sex)
        return missing(id, Incl, genericText, ClinicalText::tr("Sex not recorded: the limit under 18 depends on it"));
    const bool female = *sex == u"F"_s;
    const auto limit = pediatricCreatinineLimitMgDl(*age, female);
    if (!limit)
        return notMet(id, Incl, genericText,
                      ClinicalText::tr("The protocol gives no creatinine limit at age %1").arg(*age));
    const QString text = ClinicalText::tr("Creatinine ≤ %1 mg/dL (age %2, %3)")
                             .arg(plainNumber(*limit, 1))
                             .arg(*age)
                             .arg(female ? ClinicalText::tr("female") : ClinicalText::tr("male"));
    const QString reason = ClinicalText::tr("Creatinine %1 mg/dL").arg(plainNumber(mgDl, 2));
    return mgDl <= *limit + 1e-9 ? met(id, Incl, text, reason) : notMet(id, Incl, text, reason);
}

// value compared to a limit: `strictly` for > / <.
CriterionResult threshold(const Screening &s, const QString &id, const QString &field, const QString &text,
                          const QString &label, double limit, bool above, bool strictly)
{
    const auto v = s.number(field);
    if (!v)
        return missing(id, Incl, text, ClinicalText::tr("%1 not recorded").arg(label));
    const bool ok = above ? (strictly ? *v > limit : *v >= limit) : (strictly ? *v < limit : *v <= limit);
    const QString reason = ClinicalText::tr("%1 %2").arg(label, plainNumber(*v, 1));
    return ok ? met(id, Incl, text, reason) : notMet(id, Incl, text, reason);
}

CriterionResult qtcfCriterion(const Screening &s)
{
    const QString text = ClinicalText::tr("QTcF < 470 ms");
    std::optional<double> qtcf = s.number(u"qtcf_ms"_s);
    QString source;
    if (!qtcf) {
        const auto qt = s.number(u"qt_ms"_s);
        const auto rate = s.number(u"heart_rate_bpm"_s);
        const auto rr = s.number(u"rr_ms"_s);
        if (qt && rr && *rr > 0.0)
            qtcf = qtcFridericia(*qt, *rr / 1000.0);
        else if (qt && rate && *rate > 0.0)
            qtcf = qtcFridericia(*qt, rrSecondsFromHeartRate(*rate));
        source = ClinicalText::tr(" (Fridericia from QT)");
    }
    if (!qtcf)
        return missing(u"qtcf"_s, Incl, text, ClinicalText::tr("QTcF, or QT with heart rate, not recorded"));
    const QString reason = ClinicalText::tr("QTcF %1 ms%2").arg(QString::number(*qtcf, 'f', 1), source);
    return *qtcf < 470.0 ? met(u"qtcf"_s, Incl, text, reason) : notMet(u"qtcf"_s, Incl, text, reason);
}

CriterionResult bloodPressureCriterion(const Screening &s)
{
    const QString text = ClinicalText::tr("Blood pressure < 150/95 mmHg");
    const auto sys = s.number(u"systolic_bp_mmhg"_s);
    const auto dia = s.number(u"diastolic_bp_mmhg"_s);
    if ((sys && *sys >= 150.0) || (dia && *dia >= 95.0))
        return notMet(u"blood_pressure"_s, Incl, text,
                      ClinicalText::tr("Blood pressure %1/%2 mmHg")
                          .arg(sys ? plainNumber(*sys, 0) : u"?"_s, dia ? plainNumber(*dia, 0) : u"?"_s));
    if (!sys || !dia)
        return missing(u"blood_pressure"_s, Incl, text, ClinicalText::tr("Blood pressure not recorded"));
    return met(u"blood_pressure"_s, Incl, text,
               ClinicalText::tr("Blood pressure %1/%2 mmHg").arg(plainNumber(*sys, 0), plainNumber(*dia, 0)));
}

CriterionResult pregnancyCriterion(const Screening &s)
{
    const QString id = u"pregnancy"_s;
    const QString text = ClinicalText::tr("Negative pregnancy test for women of childbearing potential");
    const auto sex = s.text(u"sex"_s);
    if (!sex)
        return missing(id, Excl, text, ClinicalText::tr("Sex not recorded"));
    if (*sex == u"M"_s)
        return met(id, Excl, text, ClinicalText::tr("Not applicable to men"));
    const auto potential = s.flag(u"childbearing_potential"_s);
    if (!potential)
        return missing(id, Excl, text, ClinicalText::tr("Childbearing potential not recorded"));
    if (!*potential)
        return met(id, Excl, text, ClinicalText::tr("Not of childbearing potential"));
    const auto positive = s.flag(u"pregnancy_test_positive"_s);
    if (!positive)
        return missing(id, Excl, text, ClinicalText::tr("Pregnancy test result not recorded"));
    return *positive ? notMet(id, Excl, text, ClinicalText::tr("Pregnancy test positive"))
                     : met(id, Excl, text, ClinicalText::tr("Pregnancy test negative"));
}

// An exclusion decided by one or more yes/no fields: any yes excludes.
CriterionResult absent(const Screening &s, const QString &id, const QString &text, const QStringList &fields,
                       const QString &presentReason, const QString &absentReason)
{
    bool anyMissing = false;
    for (const QString &f : fields) {
        const auto v = s.flag(f);
        if (v == true)
            return notMet(id, Excl, text, presentReason);
        if (!v)
            anyMissing = true;
    }
    if (anyMissing)
        return missing(id, Excl, text, ClinicalText::tr("Not recorded: %1").arg(fields.join(u", "_s)));
    return met(id, Excl, text, absentReason);
}

CriterionResult syphilisCriterion(const Screening &s)
{
    const QString id = u"syphilis"_s;
    const QString text = ClinicalText::tr("Not positive on both syphilis tests (treponemal and non-treponemal)");
    const auto t = s.flag(u"syphilis_treponemal_positive"_s);
    const auto nt = s.flag(u"syphilis_nontreponemal_positive"_s);
    if (t == true && nt == true)
        return notMet(id, Excl, text, ClinicalText::tr("Both syphilis tests positive"));
    if (t == false || nt == false)
        return met(id, Excl, text, ClinicalText::tr("At least one syphilis test negative"));
    return missing(id, Excl, text, ClinicalText::tr("Syphilis test results not recorded"));
}

CriterionResult cd19Criterion(const Screening &s)
{
    const QString text = ClinicalText::tr("CD19-positive by flow cytometry");
    const auto v = s.flag(u"cd19_positive"_s);
    if (!v)
        return missing(u"cd19"_s, Incl, text, ClinicalText::tr("CD19 status not recorded"));
    return *v ? met(u"cd19"_s, Incl, text, ClinicalText::tr("CD19 positive"))
              : notMet(u"cd19"_s, Incl, text, ClinicalText::tr("CD19 negative"));
}

QList<CriterionResult> s1904(const Screening &s)
{
    QList<CriterionResult> list;
    list.append(ageCriterion(s, 12, 65));
    list.append(threshold(s, u"performance_status"_s, u"ecog"_s, ClinicalText::tr("ECOG performance status 0 or 1"),
                          u"ECOG"_s, 1.0, false, false));
    list.append(threshold(s, u"marrow_blasts"_s, u"marrow_blasts_percent"_s,
                          ClinicalText::tr("Bone marrow blasts > 5%"), ClinicalText::tr("Marrow blasts (%)"), 5.0, true,
                          true));
    list.append(cd19Criterion(s));
    list.append(astAltCriterion(s));
    list.append(bilirubinCriterion(s));
    list.append(creatinineCriterion(s));
    list.append(threshold(s, u"spo2"_s, u"spo2_percent"_s, ClinicalText::tr("SpO2 > 92% on room air"),
                          ClinicalText::tr("SpO2 (%)"), 92.0, true, true));
    list.append(qtcfCriterion(s));
    list.append(threshold(s, u"lvef"_s, u"lvef_percent"_s, ClinicalText::tr("LVEF ≥ 50%"), ClinicalText::tr("LVEF (%)"),
                          50.0, true, false));
    list.append(bloodPressureCriterion(s));
    list.append(pregnancyCriterion(s));
    list.append(absent(s, u"prior_hsct"_s, ClinicalText::tr("No previous haematopoietic stem cell transplant"),
                       {u"prior_hsct"_s}, ClinicalText::tr("Previous transplant"),
                       ClinicalText::tr("No previous transplant")));
    list.append(absent(s, u"prior_cd19_or_car_t"_s, ClinicalText::tr("No previous CD19-directed therapy or CAR-T"),
                       {u"prior_cd19_therapy"_s, u"prior_car_t"_s},
                       ClinicalText::tr("Previous CD19-directed therapy or CAR-T"),
                       ClinicalText::tr("No previous CD19-directed therapy or CAR-T")));
    const QList<std::pair<QString, QString>> serology{
        {u"hbsag"_s, ClinicalText::tr("HBsAg")},     {u"hbv_dna"_s, ClinicalText::tr("HBV DNA")},
        {u"hcv_rna"_s, ClinicalText::tr("HCV RNA")}, {u"hiv"_s, ClinicalText::tr("HIV")},
        {u"cmv_dna"_s, ClinicalText::tr("CMV DNA")}, {u"ebv_dna"_s, ClinicalText::tr("EBV DNA")},
    };
    for (const auto &[id, label] : serology) {
        list.append(absent(s, id, ClinicalText::tr("%1 negative").arg(label), {id + u"_positive"_s},
                           ClinicalText::tr("%1 positive").arg(label), ClinicalText::tr("%1 negative").arg(label)));
    }
    list.append(syphilisCriterion(s));
    return list;
}

CriterionResult pediatricPerformance(const Screening &s)
{
    const QString id = u"performance_status"_s;
    const QString text = ClinicalText::tr("Lansky (under 16) or Karnofsky (16 and over) > 50%");
    const auto age = ageAtConsent(s);
    if (!age)
        return missing(id, Incl, text, ClinicalText::tr("Age at consent not known: the scale depends on it"));
    const bool karnofsky = *age >= 16;
    const QString field = karnofsky ? u"karnofsky"_s : u"lansky"_s;
    const QString label = karnofsky ? ClinicalText::tr("Karnofsky") : ClinicalText::tr("Lansky");
    const auto v = s.number(field);
    if (!v)
        return missing(id, Incl, text, ClinicalText::tr("%1 not recorded (age %2)").arg(label).arg(*age));
    const QString reason = ClinicalText::tr("%1 %2% at age %3").arg(label, plainNumber(*v, 0)).arg(*age);
    return *v > 50.0 ? met(id, Incl, text, reason) : notMet(id, Incl, text, reason);
}

QList<CriterionResult> pediatric(const Screening &s)
{
    QList<CriterionResult> list;
    list.append(ageCriterion(s, 2, 18));
    list.append(pediatricPerformance(s));
    list.append(threshold(s, u"marrow_disease"_s, u"marrow_blasts_percent"_s,
                          ClinicalText::tr("Leukemia in the bone marrow (marrow blasts above 0%)"),
                          ClinicalText::tr("Marrow blasts (%)"), 0.0, true, true));
    list.append(cd19Criterion(s));
    list.append(absent(s, u"prior_anti_cd19_or_cd20"_s, ClinicalText::tr("No previous anti-CD19 or anti-CD20 therapy"),
                       {u"prior_cd19_therapy"_s, u"prior_cd20_therapy"_s},
                       ClinicalText::tr("Previous anti-CD19 or anti-CD20 therapy"),
                       ClinicalText::tr("No previous anti-CD19 or anti-CD20 therapy")));
    return list;
}

} // namespace

const QStringList &screeningFieldNames()
{
    static const QStringList names = [] {
        QStringList n;
        for (const auto &[name, type] : fieldTypes())
            n.append(name);
        return n;
    }();
    return names;
}

int completedYears(const QDate &birth, const QDate &onDate)
{
    int years = onDate.year() - birth.year();
    if (onDate.month() < birth.month() || (onDate.month() == birth.month() && onDate.day() < birth.day()))
        --years;
    return years;
}

std::optional<double> pediatricCreatinineLimitMgDl(int ageYears, bool female)
{
    if (ageYears < 10 || ageYears >= 18)
        return std::nullopt;
    if (ageYears < 13)
        return 1.2;
    if (female)
        return 1.4;
    return ageYears < 16 ? 1.5 : 1.7;
}

Result<QList<CriterionResult>> evaluateEligibility(Protocol protocol, const QJsonObject &screening)
{
    const Status valid = validate(screening);
    if (!valid)
        return valid;
    const Screening s(screening);
    return protocol == Protocol::S1904 ? s1904(s) : pediatric(s);
}

} // namespace cellcrf::clinical
