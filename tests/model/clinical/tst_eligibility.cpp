// Data-decided eligibility criteria of S1904 and the pediatric study, on
// constructed subjects where each criterion fails (or is missing) alone.

#include "clinical/eligibility.h"
#include "jsontestutil.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cellcrf::clinical;
using cellcrf::test::with;
using cellcrf::test::without;

namespace {

const QDate kConsent(2025, 3, 1);

QString iso(const QDate &d)
{
    return d.toString(Qt::ISODate);
}

// Date of birth that makes the subject exactly `age` on the consent date (birthday that day).
QString bornAged(int age)
{
    return iso(kConsent.addYears(-age));
}

// Date of birth that makes the subject `age`, turning age + 1 tomorrow.
QString bornTurningTomorrow(int age)
{
    return iso(kConsent.addYears(-(age + 1)).addDays(1));
}

// A 39-year-old man who meets every S1904 criterion evaluated here.
QJsonObject adult()
{
    return QJsonObject{{u"date_of_birth"_s, u"1985-06-15"_s},
                       {u"consent_date"_s, iso(kConsent)},
                       {u"sex"_s, u"M"_s},
                       {u"ecog"_s, 1},
                       {u"marrow_blasts_percent"_s, 40},
                       {u"cd19_positive"_s, true},
                       {u"ast_u_l"_s, 30},
                       {u"ast_uln_u_l"_s, 40},
                       {u"alt_u_l"_s, 30},
                       {u"alt_uln_u_l"_s, 40},
                       {u"total_bilirubin"_s, 1.0},
                       {u"total_bilirubin_uln"_s, 1.2},
                       {u"serum_creatinine"_s, 1.0},
                       {u"creatinine_unit"_s, u"mg_dl"_s},
                       {u"creatinine_uln"_s, 1.2},
                       {u"weight_kg"_s, 70},
                       {u"spo2_percent"_s, 97},
                       {u"qtcf_ms"_s, 430},
                       {u"lvef_percent"_s, 60},
                       {u"systolic_bp_mmhg"_s, 120},
                       {u"diastolic_bp_mmhg"_s, 80},
                       {u"hbsag_positive"_s, false},
                       {u"hbv_dna_positive"_s, false},
                       {u"hcv_rna_positive"_s, false},
                       {u"hiv_positive"_s, false},
                       {u"cmv_dna_positive"_s, false},
                       {u"ebv_dna_positive"_s, false},
                       {u"syphilis_treponemal_positive"_s, false},
                       {u"syphilis_nontreponemal_positive"_s, false},
                       {u"prior_hsct"_s, false},
                       {u"prior_cd19_therapy"_s, false},
                       {u"prior_car_t"_s, false}};
}

QJsonObject teen(int age, const QString &sex, double creatinineMgDl)
{
    return with(adult(), {{u"date_of_birth"_s, bornAged(age)},
                          {u"sex"_s, sex},
                          {u"serum_creatinine"_s, creatinineMgDl},
                          {u"childbearing_potential"_s, false}});
}

QJsonObject woman()
{
    return with(adult(),
                {{u"sex"_s, u"F"_s}, {u"childbearing_potential"_s, true}, {u"pregnancy_test_positive"_s, false}});
}

// A 9-year-old who meets every pediatric criterion evaluated here.
QJsonObject child()
{
    return QJsonObject{{u"date_of_birth"_s, u"2015-05-01"_s},
                       {u"consent_date"_s, iso(kConsent)},
                       {u"sex"_s, u"F"_s},
                       {u"lansky"_s, 80},
                       {u"marrow_blasts_percent"_s, 30},
                       {u"cd19_positive"_s, true},
                       {u"prior_cd19_therapy"_s, false},
                       {u"prior_cd20_therapy"_s, false}};
}

const char *statusName(CriterionStatus s)
{
    switch (s) {
    case CriterionStatus::Met:
        return "Met";
    case CriterionStatus::NotMet:
        return "NotMet";
    case CriterionStatus::MissingData:
        return "MissingData";
    }
    return "?";
}

} // namespace

class TestEligibility : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void criterion_data();
    void criterion();
    void missingField_givesMissingData_data();
    void missingField_givesMissingData();
    void invalidInput_isRejectedNamingField_data();
    void invalidInput_isRejectedNamingField();
    void completedYears_countsBirthdays();
    void consentBeforeBirth_failsAge();
    void pediatricCreatinineLimits();
};

void TestEligibility::criterion_data()
{
    QTest::addColumn<int>("protocol");
    QTest::addColumn<QJsonObject>("screening");
    QTest::addColumn<QString>("criterionId"); // empty: every criterion met
    QTest::addColumn<int>("status");          // of that criterion; all others must be Met

    const int s1904 = int(Protocol::S1904);
    const int peds = int(Protocol::Pediatric);
    const int metS = int(CriterionStatus::Met);
    const int fail = int(CriterionStatus::NotMet);

    QTest::newRow("S1904 eligible adult") << s1904 << adult() << QString() << metS;
    QTest::newRow("S1904 eligible woman") << s1904 << woman() << QString() << metS;
    QTest::newRow("pediatric eligible child") << peds << child() << QString() << metS;

    // Age at consent.
    QTest::newRow("age 12 on consent day") << s1904 << teen(12, u"M"_s, 1.0) << u"age"_s << metS;
    QTest::newRow("age 11, turning 12 tomorrow")
        << s1904 << with(teen(12, u"M"_s, 1.0), {{u"date_of_birth"_s, bornTurningTomorrow(11)}}) << u"age"_s << fail;
    QTest::newRow("age 65 turning 66 tomorrow")
        << s1904 << with(adult(), {{u"date_of_birth"_s, bornTurningTomorrow(65)}}) << u"age"_s << metS;
    QTest::newRow("age 66 on consent day")
        << s1904 << with(adult(), {{u"date_of_birth"_s, bornAged(66)}}) << u"age"_s << fail;

    // Performance, disease.
    QTest::newRow("ECOG 0") << s1904 << with(adult(), {{u"ecog"_s, 0}}) << u"performance_status"_s << metS;
    QTest::newRow("ECOG 2") << s1904 << with(adult(), {{u"ecog"_s, 2}}) << u"performance_status"_s << fail;
    QTest::newRow("blasts 5%") << s1904 << with(adult(), {{u"marrow_blasts_percent"_s, 5}}) << u"marrow_blasts"_s
                               << fail;
    QTest::newRow("blasts 5.1%") << s1904 << with(adult(), {{u"marrow_blasts_percent"_s, 5.1}}) << u"marrow_blasts"_s
                                 << metS;
    QTest::newRow("CD19 negative") << s1904 << with(adult(), {{u"cd19_positive"_s, false}}) << u"cd19"_s << fail;

    // Liver.
    QTest::newRow("AST 2.5 x ULN") << s1904 << with(adult(), {{u"ast_u_l"_s, 100}}) << u"ast_alt"_s << metS;
    QTest::newRow("AST 2.525 x ULN") << s1904 << with(adult(), {{u"ast_u_l"_s, 101}}) << u"ast_alt"_s << fail;
    QTest::newRow("ALT 2.525 x ULN") << s1904 << with(adult(), {{u"alt_u_l"_s, 101}}) << u"ast_alt"_s << fail;
    QTest::newRow("bilirubin 2.0 x ULN") << s1904 << with(adult(), {{u"total_bilirubin"_s, 2.4}}) << u"bilirubin"_s
                                         << metS;
    QTest::newRow("bilirubin 2.08 x ULN")
        << s1904 << with(adult(), {{u"total_bilirubin"_s, 2.5}}) << u"bilirubin"_s << fail;

    // Adult kidney: either clearance >= 60 or creatinine <= 1.5 x ULN.
    QTest::newRow("adult: CrCl 49 and 1.67 x ULN")
        << s1904 << with(adult(), {{u"serum_creatinine"_s, 2.0}}) << u"creatinine"_s << fail;
    QTest::newRow("adult: CrCl 58 but 1.42 x ULN")
        << s1904 << with(adult(), {{u"serum_creatinine"_s, 1.7}}) << u"creatinine"_s << metS;
    QTest::newRow("adult: 1.9 x ULN but CrCl 74")
        << s1904 << with(adult(), {{u"serum_creatinine"_s, 1.9}, {u"creatinine_uln"_s, 1.0}, {u"weight_kg"_s, 100}})
        << u"creatinine"_s << metS;
    QTest::newRow("adult: creatinine in umol/L")
        << s1904
        << with(adult(),
                {{u"serum_creatinine"_s, 88.4}, {u"creatinine_unit"_s, u"umol_l"_s}, {u"creatinine_uln"_s, 106}})
        << u"creatinine"_s << metS;
    QTest::newRow("adult: woman CrCl x 0.85 below 60, 1.58 x ULN")
        << s1904 << with(woman(), {{u"serum_creatinine"_s, 1.9}, {u"weight_kg"_s, 55}}) << u"creatinine"_s << fail;
    QTest::newRow("adult at 18: adult rule")
        << s1904 << with(teen(18, u"M"_s, 1.75), {{u"creatinine_uln"_s, 1.2}}) << u"creatinine"_s << metS;

    // Children in S1904: age- and sex-specific limits.
    QTest::newRow("12 y: 1.2 mg/dL") << s1904 << teen(12, u"F"_s, 1.2) << u"creatinine"_s << metS;
    QTest::newRow("12 y: 1.3 mg/dL") << s1904 << teen(12, u"M"_s, 1.3) << u"creatinine"_s << fail;
    QTest::newRow("male 13 y: 1.5") << s1904 << teen(13, u"M"_s, 1.5) << u"creatinine"_s << metS;
    QTest::newRow("male 15 y: 1.6") << s1904 << teen(15, u"M"_s, 1.6) << u"creatinine"_s << fail;
    QTest::newRow("male 16 y: 1.7") << s1904 << teen(16, u"M"_s, 1.7) << u"creatinine"_s << metS;
    QTest::newRow("male 17 y: 1.8") << s1904 << teen(17, u"M"_s, 1.8) << u"creatinine"_s << fail;
    QTest::newRow("female 13 y: 1.4") << s1904 << teen(13, u"F"_s, 1.4) << u"creatinine"_s << metS;
    QTest::newRow("female 13 y: 1.5") << s1904 << teen(13, u"F"_s, 1.5) << u"creatinine"_s << fail;
    QTest::newRow("female 17 y: 1.5") << s1904 << teen(17, u"F"_s, 1.5) << u"creatinine"_s << fail;
    QTest::newRow("child limit ignores ULN rule")
        << s1904 << with(teen(14, u"F"_s, 1.6), {{u"creatinine_uln"_s, 1.2}}) << u"creatinine"_s << fail;

    // Oxygen, heart, blood pressure.
    QTest::newRow("SpO2 92%") << s1904 << with(adult(), {{u"spo2_percent"_s, 92}}) << u"spo2"_s << fail;
    QTest::newRow("SpO2 93%") << s1904 << with(adult(), {{u"spo2_percent"_s, 93}}) << u"spo2"_s << metS;
    QTest::newRow("QTcF 470") << s1904 << with(adult(), {{u"qtcf_ms"_s, 470}}) << u"qtcf"_s << fail;
    QTest::newRow("QTcF 469") << s1904 << with(adult(), {{u"qtcf_ms"_s, 469}}) << u"qtcf"_s << metS;
    QTest::newRow("QTcF from QT 400 at 90 bpm (457.9)")
        << s1904 << with(without(adult(), u"qtcf_ms"_s), {{u"qt_ms"_s, 400}, {u"heart_rate_bpm"_s, 90}}) << u"qtcf"_s
        << metS;
    QTest::newRow("QTcF from QT 420 at RR 600 ms (498)")
        << s1904 << with(without(adult(), u"qtcf_ms"_s), {{u"qt_ms"_s, 420}, {u"rr_ms"_s, 600}}) << u"qtcf"_s << fail;
    QTest::newRow("LVEF 49%") << s1904 << with(adult(), {{u"lvef_percent"_s, 49}}) << u"lvef"_s << fail;
    QTest::newRow("LVEF 50%") << s1904 << with(adult(), {{u"lvef_percent"_s, 50}}) << u"lvef"_s << metS;
    QTest::newRow("BP 150/80") << s1904 << with(adult(), {{u"systolic_bp_mmhg"_s, 150}}) << u"blood_pressure"_s << fail;
    QTest::newRow("BP 120/95") << s1904 << with(adult(), {{u"diastolic_bp_mmhg"_s, 95}}) << u"blood_pressure"_s << fail;
    QTest::newRow("BP 149/94") << s1904 << with(adult(), {{u"systolic_bp_mmhg"_s, 149}, {u"diastolic_bp_mmhg"_s, 94}})
                               << u"blood_pressure"_s << metS;

    // Pregnancy.
    QTest::newRow("pregnancy test positive")
        << s1904 << with(woman(), {{u"pregnancy_test_positive"_s, true}}) << u"pregnancy"_s << fail;
    QTest::newRow("woman not of childbearing potential")
        << s1904 << without(with(woman(), {{u"childbearing_potential"_s, false}}), u"pregnancy_test_positive"_s)
        << u"pregnancy"_s << metS;

    // Previous treatment.
    QTest::newRow("previous HSCT") << s1904 << with(adult(), {{u"prior_hsct"_s, true}}) << u"prior_hsct"_s << fail;
    QTest::newRow("previous CD19 therapy")
        << s1904 << with(adult(), {{u"prior_cd19_therapy"_s, true}}) << u"prior_cd19_or_car_t"_s << fail;
    QTest::newRow("previous CAR-T") << s1904 << with(adult(), {{u"prior_car_t"_s, true}}) << u"prior_cd19_or_car_t"_s
                                    << fail;

    // Serology.
    for (const QString &id : {u"hbsag"_s, u"hbv_dna"_s, u"hcv_rna"_s, u"hiv"_s, u"cmv_dna"_s, u"ebv_dna"_s}) {
        QTest::addRow("%s positive", qPrintable(id))
            << s1904 << with(adult(), {{id + u"_positive"_s, true}}) << id << fail;
    }
    QTest::newRow("syphilis both positive")
        << s1904
        << with(adult(), {{u"syphilis_treponemal_positive"_s, true}, {u"syphilis_nontreponemal_positive"_s, true}})
        << u"syphilis"_s << fail;
    QTest::newRow("syphilis treponemal only (past infection)")
        << s1904 << with(adult(), {{u"syphilis_treponemal_positive"_s, true}}) << u"syphilis"_s << metS;

    // Pediatric study.
    QTest::newRow("peds age 2") << peds << with(child(), {{u"date_of_birth"_s, bornAged(2)}}) << u"age"_s << metS;
    QTest::newRow("peds age 1") << peds << with(child(), {{u"date_of_birth"_s, bornTurningTomorrow(1)}}) << u"age"_s
                                << fail;
    QTest::newRow("peds age 18") << peds
                                 << with(without(child(), u"lansky"_s),
                                         {{u"date_of_birth"_s, bornAged(18)}, {u"karnofsky"_s, 70}})
                                 << u"age"_s << metS;
    QTest::newRow("peds age 19") << peds
                                 << with(without(child(), u"lansky"_s),
                                         {{u"date_of_birth"_s, bornAged(19)}, {u"karnofsky"_s, 70}})
                                 << u"age"_s << fail;
    QTest::newRow("Lansky 50") << peds << with(child(), {{u"lansky"_s, 50}}) << u"performance_status"_s << fail;
    QTest::newRow("Lansky 60") << peds << with(child(), {{u"lansky"_s, 60}}) << u"performance_status"_s << metS;
    QTest::newRow("Karnofsky 60 at 16") << peds
                                        << with(without(child(), u"lansky"_s),
                                                {{u"date_of_birth"_s, bornAged(16)}, {u"karnofsky"_s, 60}})
                                        << u"performance_status"_s << metS;
    QTest::newRow("Karnofsky 50 at 16") << peds
                                        << with(without(child(), u"lansky"_s),
                                                {{u"date_of_birth"_s, bornAged(16)}, {u"karnofsky"_s, 50}})
                                        << u"performance_status"_s << fail;
    QTest::newRow("Lansky at 15 turning 16 tomorrow")
        << peds << with(child(), {{u"date_of_birth"_s, bornTurningTomorrow(15)}}) << u"performance_status"_s << metS;
    QTest::newRow("no marrow disease") << peds << with(child(), {{u"marrow_blasts_percent"_s, 0}})
                                       << u"marrow_disease"_s << fail;
    QTest::newRow("peds CD19 negative") << peds << with(child(), {{u"cd19_positive"_s, false}}) << u"cd19"_s << fail;
    QTest::newRow("previous anti-CD20") << peds << with(child(), {{u"prior_cd20_therapy"_s, true}})
                                        << u"prior_anti_cd19_or_cd20"_s << fail;
    QTest::newRow("previous anti-CD19") << peds << with(child(), {{u"prior_cd19_therapy"_s, true}})
                                        << u"prior_anti_cd19_or_cd20"_s << fail;
}

void TestEligibility::criterion()
{
    QFETCH(int, protocol);
    QFETCH(QJsonObject, screening);
    QFETCH(QString, criterionId);
    QFETCH(int, status);

    const auto result = evaluateEligibility(static_cast<Protocol>(protocol), screening);
    QVERIFY2(result.isOk(), qPrintable(result.message()));
    bool found = criterionId.isEmpty();
    for (const CriterionResult &c : *result) {
        QVERIFY(!c.text.isEmpty());
        QVERIFY(!c.reason.isEmpty());
        const CriterionStatus want =
            c.criterionId == criterionId ? static_cast<CriterionStatus>(status) : CriterionStatus::Met;
        found = found || c.criterionId == criterionId;
        QVERIFY2(c.status == want,
                 qPrintable(u"%1: %2 (%3), expected %4"_s.arg(c.criterionId, QLatin1StringView(statusName(c.status)),
                                                              c.reason, QLatin1StringView(statusName(want)))));
    }
    QVERIFY(found);
}

void TestEligibility::missingField_givesMissingData_data()
{
    QTest::addColumn<int>("protocol");
    QTest::addColumn<QJsonObject>("screening");
    QTest::addColumn<QString>("criterionId");

    const int s1904 = int(Protocol::S1904);
    const QList<std::pair<QString, QString>> fields{
        {u"date_of_birth"_s, u"age"_s},
        {u"consent_date"_s, u"age"_s},
        {u"ecog"_s, u"performance_status"_s},
        {u"marrow_blasts_percent"_s, u"marrow_blasts"_s},
        {u"cd19_positive"_s, u"cd19"_s},
        {u"ast_u_l"_s, u"ast_alt"_s},
        {u"alt_uln_u_l"_s, u"ast_alt"_s},
        {u"total_bilirubin"_s, u"bilirubin"_s},
        {u"serum_creatinine"_s, u"creatinine"_s},
        {u"creatinine_unit"_s, u"creatinine"_s},
        {u"spo2_percent"_s, u"spo2"_s},
        {u"qtcf_ms"_s, u"qtcf"_s},
        {u"lvef_percent"_s, u"lvef"_s},
        {u"diastolic_bp_mmhg"_s, u"blood_pressure"_s},
        {u"sex"_s, u"pregnancy"_s},
        {u"prior_hsct"_s, u"prior_hsct"_s},
        {u"prior_car_t"_s, u"prior_cd19_or_car_t"_s},
        {u"hiv_positive"_s, u"hiv"_s},
    };
    for (const auto &[field, id] : fields)
        QTest::addRow("%s missing", qPrintable(field)) << s1904 << without(adult(), field) << id;
    QTest::newRow("null counts as missing")
        << s1904 << with(adult(), {{u"ecog"_s, QJsonValue()}}) << u"performance_status"_s;
    QTest::newRow("adult creatinine high, no ULN and no weight")
        << s1904 << without(without(with(adult(), {{u"serum_creatinine"_s, 2.0}}), u"creatinine_uln"_s), u"weight_kg"_s)
        << u"creatinine"_s;
    QTest::newRow("child creatinine without sex")
        << s1904 << without(teen(14, u"F"_s, 1.0), u"sex"_s) << u"creatinine"_s;
    QTest::newRow("pregnancy test missing")
        << s1904 << without(woman(), u"pregnancy_test_positive"_s) << u"pregnancy"_s;
    QTest::newRow("childbearing potential missing")
        << s1904 << without(woman(), u"childbearing_potential"_s) << u"pregnancy"_s;
    QTest::newRow("syphilis both missing")
        << s1904 << without(without(adult(), u"syphilis_treponemal_positive"_s), u"syphilis_nontreponemal_positive"_s)
        << u"syphilis"_s;
    QTest::newRow("syphilis one positive, other missing")
        << s1904
        << without(with(adult(), {{u"syphilis_treponemal_positive"_s, true}}), u"syphilis_nontreponemal_positive"_s)
        << u"syphilis"_s;
    QTest::newRow("Karnofsky missing at 16")
        << int(Protocol::Pediatric) << with(child(), {{u"date_of_birth"_s, bornAged(16)}}) << u"performance_status"_s;
}

void TestEligibility::missingField_givesMissingData()
{
    QFETCH(int, protocol);
    QFETCH(QJsonObject, screening);
    QFETCH(QString, criterionId);

    const auto result = evaluateEligibility(static_cast<Protocol>(protocol), screening);
    QVERIFY2(result.isOk(), qPrintable(result.message()));
    bool found = false;
    for (const CriterionResult &c : *result) {
        if (c.criterionId != criterionId)
            continue;
        found = true;
        QVERIFY2(c.status == CriterionStatus::MissingData, statusName(c.status));
    }
    QVERIFY(found);
}

void TestEligibility::invalidInput_isRejectedNamingField_data()
{
    QTest::addColumn<QJsonObject>("screening");
    QTest::addColumn<QString>("field");

    QTest::newRow("unknown field") << with(adult(), {{u"ecog_score"_s, 1}}) << u"ecog_score"_s;
    QTest::newRow("number as text") << with(adult(), {{u"ecog"_s, u"1"_s}}) << u"ecog"_s;
    QTest::newRow("negative number") << with(adult(), {{u"lvef_percent"_s, -5}}) << u"lvef_percent"_s;
    QTest::newRow("bad date") << with(adult(), {{u"consent_date"_s, u"01/03/2025"_s}}) << u"consent_date"_s;
    QTest::newRow("bad sex") << with(adult(), {{u"sex"_s, u"male"_s}}) << u"sex"_s;
    QTest::newRow("bad unit") << with(adult(), {{u"creatinine_unit"_s, u"mmol_l"_s}}) << u"creatinine_unit"_s;
    QTest::newRow("bool as text") << with(adult(), {{u"hiv_positive"_s, u"no"_s}}) << u"hiv_positive"_s;
}

void TestEligibility::invalidInput_isRejectedNamingField()
{
    QFETCH(QJsonObject, screening);
    QFETCH(QString, field);
    const auto result = evaluateEligibility(Protocol::S1904, screening);
    QVERIFY(!result.isOk());
    QCOMPARE(result.status().code(), cellcrf::ErrorCode::InvalidInput);
    QCOMPARE(result.status().detail(), field);
    QVERIFY(result.message().contains(field));
}

void TestEligibility::completedYears_countsBirthdays()
{
    QCOMPARE(completedYears(QDate(2013, 3, 1), QDate(2025, 3, 1)), 12);
    QCOMPARE(completedYears(QDate(2013, 3, 2), QDate(2025, 3, 1)), 11);
    QCOMPARE(completedYears(QDate(2012, 2, 29), QDate(2025, 2, 28)), 12);
    QCOMPARE(completedYears(QDate(2012, 2, 29), QDate(2025, 3, 1)), 13);
    QCOMPARE(completedYears(QDate(2012, 2, 29), QDate(2024, 2, 29)), 12);
}

void TestEligibility::consentBeforeBirth_failsAge()
{
    const auto result = evaluateEligibility(Protocol::S1904, with(adult(), {{u"consent_date"_s, u"1980-01-01"_s}}));
    QVERIFY(result.isOk());
    QCOMPARE(result->first().criterionId, u"age"_s);
    QCOMPARE(result->first().status, CriterionStatus::NotMet);
}

void TestEligibility::pediatricCreatinineLimits()
{
    QVERIFY(!pediatricCreatinineLimitMgDl(9, false));
    QCOMPARE(pediatricCreatinineLimitMgDl(10, false), 1.2);
    QCOMPARE(pediatricCreatinineLimitMgDl(12, true), 1.2);
    QCOMPARE(pediatricCreatinineLimitMgDl(13, false), 1.5);
    QCOMPARE(pediatricCreatinineLimitMgDl(15, false), 1.5);
    QCOMPARE(pediatricCreatinineLimitMgDl(16, false), 1.7);
    QCOMPARE(pediatricCreatinineLimitMgDl(13, true), 1.4);
    QCOMPARE(pediatricCreatinineLimitMgDl(17, true), 1.4);
    QVERIFY(!pediatricCreatinineLimitMgDl(18, true));
}

QTEST_GUILESS_MAIN(TestEligibility)
#include "tst_eligibility.moc"
