// IEC-HS (Hines 2023, as CLINICAL.md reads it) through the derivation contract:
// each criterion met and not met, the values exactly on 2x, 5x and 150, the open
// cases, every grade, and which missing inputs the answer depends on.

#include "clinical/derivation.h"
#include "clinical/iechs.h"
#include "jsontestutil.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cellcrf::clinical;
using cellcrf::test::hasReason;
using cellcrf::test::reasonsText;
using cellcrf::test::with;
using cellcrf::test::without;

namespace {

// Criteria met through ferritin and cytopenia after CRS resolved, nothing treated: grade 1.
QJsonObject met()
{
    return QJsonObject{{u"ferritin_ng_ml"_s, 5000},
                       {u"ferritin_uln_ng_ml"_s, 400},
                       {u"ferritin_rapidly_rising"_s, false},
                       {u"cytopenia_new_or_worsening"_s, true},
                       {u"ast_or_alt_peak_u_l"_s, 60},
                       {u"ast_or_alt_uln_u_l"_s, 40},
                       {u"fibrinogen_mg_dl"_s, 300},
                       {u"hemophagocytosis"_s, u"not_assessed"_s},
                       {u"crs_status_at_onset"_s, u"crs_resolved"_s},
                       {u"alternative_cause"_s, false}};
}

// As met(), but no laboratory feature: each row adds exactly one.
QJsonObject noLaboratoryFeature()
{
    return with(met(), {{u"cytopenia_new_or_worsening"_s, false}, {u"hemophagocytosis"_s, u"no"_s}});
}

} // namespace

class TestIechs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void registry_listsContractInputs();
    void criteriaAndGrade_data();
    void criteriaAndGrade();
    void missingOrInvalidInput_givesErrorNamingField_data();
    void missingOrInvalidInput_givesErrorNamingField();
};

void TestIechs::registry_listsContractInputs()
{
    const DerivationInfo *info = findDerivation(u"iechs"_s);
    QVERIFY(info);
    for (const QString &name :
         {u"ferritin_ng_ml"_s, u"ferritin_uln_ng_ml"_s, u"ferritin_baseline_ng_ml"_s, u"ferritin_rapidly_rising"_s,
          u"cytopenia_new_or_worsening"_s, u"ast_or_alt_peak_u_l"_s, u"ast_or_alt_uln_u_l"_s,
          u"ast_or_alt_baseline_u_l"_s, u"fibrinogen_mg_dl"_s, u"fibrinogen_lln_mg_dl"_s, u"hemophagocytosis"_s,
          u"crs_status_at_onset"_s, u"alternative_cause"_s, u"other_features"_s, u"iechs_interventions"_s,
          u"complications"_s, u"death_due_to_iechs"_s})
        QVERIFY2(info->inputs.contains(name), qPrintable(name));
    QVERIFY(info->outputs.contains(u"iechs_criteria_met"_s));
    QVERIFY(info->outputs.contains(u"iechs_grade"_s));
}

void TestIechs::criteriaAndGrade_data()
{
    QTest::addColumn<QJsonObject>("in");
    QTest::addColumn<bool>("criteriaMet");
    QTest::addColumn<int>("grade");
    QTest::addColumn<bool>("review");
    QTest::addColumn<QString>("reason");

    // Grades (all provisional).
    QTest::newRow("criteria met, no treatment: grade 1")
        << met() << true << 1 << false
        << u"No treatment for IEC-HS (steroids given for CRS or ICANS do not count) and no complication: grade 1 "
           "(provisional grade definition)"_s;
    const QStringList treatments{u"corticosteroids_for_iechs"_s,
                                 u"anakinra"_s,
                                 u"emapalumab"_s,
                                 u"ruxolitinib"_s,
                                 u"other_iechs_immunosuppression"_s,
                                 u"fibrinogen_or_cryoprecipitate_for_hypofibrinogenemia"_s};
    for (const QString &t : treatments)
        QTest::addRow("treated with %s: grade 2", qPrintable(t))
            << with(met(), {{u"iechs_interventions"_s, QJsonArray{t}}}) << true << 2 << false
            << u"Needs treatment for IEC-HS"_s;
    for (const QString &c : {u"bleeding_requiring_transfusion"_s, u"new_acute_kidney_injury"_s,
                             u"hospitalization_required_or_prolonged"_s})
        QTest::addRow("%s: grade 3", qPrintable(c))
            << with(met(), {{u"complications"_s, QJsonArray{c}}, {u"iechs_interventions"_s, QJsonArray{u"anakinra"_s}}})
            << true << 3 << false << u"Severe: "_s;
    for (const QString &c : {u"life_threatening_bleeding"_s, u"life_threatening_hypotension"_s,
                             u"respiratory_failure_requiring_intubation"_s, u"aki_requiring_dialysis"_s})
        QTest::addRow("%s: grade 4", qPrintable(c))
            << with(met(), {{u"complications"_s, QJsonArray{c, u"new_acute_kidney_injury"_s}}}) << true << 4 << false
            << u"Life-threatening: "_s;
    QTest::newRow("death due to IEC-HS: grade 5")
        << with(met(), {{u"death_due_to_iechs"_s, true}, {u"complications"_s, QJsonArray{u"aki_requiring_dialysis"_s}}})
        << true << 5 << false << u"Death due to IEC-HS: grade 5 (provisional grade definition)"_s;

    // A. Ferritin above 2 x the upper limit, and/or rising fast.
    QTest::newRow("ferritin 801 > 2 x 400: met")
        << with(met(), {{u"ferritin_ng_ml"_s, 801}}) << true << 1 << false
        << u"Ferritin 801 ng/mL is above 2 × 400 = 800 ng/mL (provisional threshold)"_s;
    QTest::newRow("ferritin exactly 2 x 400: not met by the letter, review")
        << with(met(), {{u"ferritin_ng_ml"_s, 800}}) << false << 0 << true
        << u"Ferritin 800 ng/mL is exactly 2 × 400 = 800 ng/mL: not above it by the letter"_s;
    QTest::newRow("ferritin 799: not met, no review")
        << with(met(), {{u"ferritin_ng_ml"_s, 799}}) << false << 0 << false << u"is not above 2 × 400 = 800"_s;
    QTest::newRow("ferritin 500 but rising fast: met")
        << with(met(), {{u"ferritin_ng_ml"_s, 500}, {u"ferritin_rapidly_rising"_s, true}}) << true << 1 << false
        << u"Ferritin rising fast"_s;
    QTest::newRow("ferritin exactly 2 x ULN but rising fast: met, no review")
        << with(met(), {{u"ferritin_ng_ml"_s, 800}, {u"ferritin_rapidly_rising"_s, true}}) << true << 1 << false
        << u"Ferritin rising fast"_s;
    QTest::newRow("ferritin not measured but rising fast: met")
        << with(without(met(), u"ferritin_ng_ml"_s), {{u"ferritin_rapidly_rising"_s, true}}) << true << 1 << false
        << u"Ferritin rising fast: the ferritin criterion is met"_s;
    QTest::newRow("baseline already high: compared with 2 x baseline, met")
        << with(met(), {{u"ferritin_baseline_ng_ml"_s, 1000}, {u"ferritin_ng_ml"_s, 2500}}) << true << 1 << false
        << u"so the peak is compared with 2 × baseline = 2000 ng/mL"_s;
    QTest::newRow("baseline already high, ULN and baseline disagree: not met, review")
        << with(met(), {{u"ferritin_baseline_ng_ml"_s, 1000}, {u"ferritin_ng_ml"_s, 1500}}) << false << 0 << true
        << u"the rules leave open whether a high baseline or the upper limit is the reference"_s;
    QTest::newRow("baseline already high, exactly 2 x baseline: review")
        << with(met(), {{u"ferritin_baseline_ng_ml"_s, 1000}, {u"ferritin_ng_ml"_s, 2000}}) << false << 0 << true
        << u"exactly 2 × 1000 = 2000 ng/mL"_s;
    QTest::newRow("baseline within the upper limit: the upper limit is the reference")
        << with(met(), {{u"ferritin_baseline_ng_ml"_s, 300}, {u"ferritin_ng_ml"_s, 900}}) << true << 1 << false
        << u"above 2 × 400 = 800"_s;

    // B. At least one laboratory feature.
    QTest::newRow("no laboratory feature: not met")
        << noLaboratoryFeature() << false << 0 << false
        << u"None of cytopenia, liver enzymes, fibrinogen or hemophagocytosis: criterion not met"_s;
    QTest::newRow("cytopenia alone: met") << met() << true << 1 << false
                                          << u"Features found: ferritin 5000 ng/mL above "
                                             "800 ng/mL; new or worsening cytopenia"_s;
    QTest::newRow("AST/ALT 201 > 5 x 40: met")
        << with(noLaboratoryFeature(), {{u"ast_or_alt_peak_u_l"_s, 201}}) << true << 1 << false
        << u"AST/ALT 201 U/L is above 5 × the upper limit 40 = 200 U/L"_s;
    QTest::newRow("AST/ALT exactly 5 x 40: not met by the letter, review")
        << with(noLaboratoryFeature(), {{u"ast_or_alt_peak_u_l"_s, 200}}) << false << 0 << true
        << u"AST/ALT 200 U/L is exactly 5 × 40 = 200 U/L: not above it by the letter"_s;
    QTest::newRow("AST/ALT 199: not met, no review") << with(noLaboratoryFeature(), {{u"ast_or_alt_peak_u_l"_s, 199}})
                                                     << false << 0 << false << u"is not above 5 × 40 = 200"_s;
    QTest::newRow("AST/ALT abnormal before: 5 x baseline 100, 400 is not above")
        << with(noLaboratoryFeature(), {{u"ast_or_alt_peak_u_l"_s, 400}, {u"ast_or_alt_baseline_u_l"_s, 100}}) << false
        << 0 << false << u"is not above 5 × 100 = 500"_s;
    QTest::newRow("AST/ALT abnormal before: 501 > 5 x baseline 100, met")
        << with(noLaboratoryFeature(), {{u"ast_or_alt_peak_u_l"_s, 501}, {u"ast_or_alt_baseline_u_l"_s, 100}}) << true
        << 1 << false << u"above 5 × the baseline 100 = 500 U/L (abnormal before"_s;
    QTest::newRow("fibrinogen 149 < 150: met")
        << with(noLaboratoryFeature(), {{u"fibrinogen_mg_dl"_s, 149}}) << true << 1 << false
        << u"Fibrinogen 149 mg/dL is below 150 mg/dL (provisional threshold)"_s;
    QTest::newRow("fibrinogen exactly 150: not met by the letter, review")
        << with(noLaboratoryFeature(), {{u"fibrinogen_mg_dl"_s, 150}}) << false << 0 << true
        << u"Fibrinogen exactly 150 mg/dL: not below it by the letter"_s;
    QTest::newRow("fibrinogen 151: not met, no review")
        << with(noLaboratoryFeature(), {{u"fibrinogen_mg_dl"_s, 151}}) << false << 0 << false
        << u"Fibrinogen 151 mg/dL is not below 150 mg/dL"_s;
    QTest::newRow("fibrinogen 150 below the lab's lower limit 200: met, no review")
        << with(noLaboratoryFeature(), {{u"fibrinogen_mg_dl"_s, 150}, {u"fibrinogen_lln_mg_dl"_s, 200}}) << true << 1
        << false << u"below the lab's lower limit 200 mg/dL"_s;
    QTest::newRow("fibrinogen 180 at the lab's lower limit 180: not met")
        << with(noLaboratoryFeature(), {{u"fibrinogen_mg_dl"_s, 180}, {u"fibrinogen_lln_mg_dl"_s, 180}}) << false << 0
        << false << u"neither below 150 mg/dL nor below the lab's lower limit 180 mg/dL"_s;
    QTest::newRow("hemophagocytosis alone: met") << with(noLaboratoryFeature(), {{u"hemophagocytosis"_s, u"yes"_s}})
                                                 << true << 1 << false << u"Hemophagocytosis seen"_s;
    QTest::newRow("exactly on 2x and on 150 together: review")
        << with(noLaboratoryFeature(), {{u"ferritin_ng_ml"_s, 800}, {u"fibrinogen_mg_dl"_s, 150}}) << false << 0 << true
        << u"the open case above could meet the criteria"_s;

    // C. Onset.
    QTest::newRow("onset without CRS: met")
        << with(met(), {{u"crs_status_at_onset"_s, u"no_crs"_s}}) << true << 1 << false << u"Started without CRS"_s;
    QTest::newRow("onset as CRS settles: met") << with(met(), {{u"crs_status_at_onset"_s, u"crs_resolving"_s}}) << true
                                               << 1 << false << u"Started as CRS was settling"_s;
    QTest::newRow("onset as inflammation worsens again: met")
        << with(met(), {{u"crs_status_at_onset"_s, u"worsening_after_initial_improvement"_s}}) << true << 1 << false
        << u"worsening again after first improving"_s;
    QTest::newRow("features during CRS still getting worse: not met, review")
        << with(met(), {{u"crs_status_at_onset"_s, u"crs_active_worsening"_s}}) << false << 0 << true
        << u"during CRS that is still getting worse"_s;
    QTest::newRow("CRS still worsening but ferritin normal: not met, nothing to review")
        << with(met(), {{u"crs_status_at_onset"_s, u"crs_active_worsening"_s}, {u"ferritin_ng_ml"_s, 300}}) << false
        << 0 << false << u"IEC-HS criteria not met: grade 0"_s;

    // D. No better cause.
    QTest::newRow("better cause found: not met, not graded")
        << with(met(), {{u"alternative_cause"_s, true}, {u"complications"_s, QJsonArray{u"new_acute_kidney_injury"_s}}})
        << false << 0 << false << u"recorded but not graded, as the criteria are not met"_s;
    QTest::newRow("better cause found: nothing else is needed")
        << QJsonObject{{u"alternative_cause"_s, true}} << false << 0 << false << u"finds a better cause"_s;
    QTest::newRow("death attributed to IEC-HS while criteria not met: review")
        << with(met(), {{u"alternative_cause"_s, true}, {u"death_due_to_iechs"_s, true}}) << false << 0 << true
        << u"Death attributed to IEC-HS although the criteria are not met"_s;

    // Recorded features never decide.
    QTest::newRow("other features recorded, not deciding")
        << with(noLaboratoryFeature(), {{u"other_features"_s, QJsonArray{u"splenomegaly"_s, u"ldh_elevated"_s}}})
        << false << 0 << false << u"Other features recorded (they do not decide): enlarged spleen, raised LDH"_s;

    // Inputs needed only when the answer depends on them.
    QTest::newRow("AST/ALT not measured, cytopenia present: not needed")
        << without(without(met(), u"ast_or_alt_peak_u_l"_s), u"ast_or_alt_uln_u_l"_s) << true << 1 << false
        << u"New or worsening cytopenia"_s;
    QTest::newRow("ferritin not above and onset unknown: not met without it")
        << without(with(met(), {{u"ferritin_ng_ml"_s, 500}}), u"crs_status_at_onset"_s) << false << 0 << false
        << u"is not above 2 × 400"_s;
}

void TestIechs::criteriaAndGrade()
{
    QFETCH(QJsonObject, in);
    QFETCH(bool, criteriaMet);
    QFETCH(int, grade);
    QFETCH(bool, review);
    QFETCH(QString, reason);

    const QJsonObject out = derive(u"iechs"_s, in);
    QVERIFY2(!out.contains(u"error"_s), qPrintable(out.value(u"error"_s).toString()));
    QCOMPARE(out.value(u"iechs_criteria_met"_s).toBool(!criteriaMet), criteriaMet);
    QCOMPARE(out.value(u"iechs_grade"_s).toInt(-1), grade);
    QVERIFY2(out.value(u"review"_s).toBool() == review, qPrintable(reasonsText(out)));
    QVERIFY2(hasReason(out, reason), qPrintable(reasonsText(out)));
    if (criteriaMet)
        QVERIFY2(hasReason(out, u"All IEC-HS criteria are met (provisional criteria)"_s), qPrintable(reasonsText(out)));
}

void TestIechs::missingOrInvalidInput_givesErrorNamingField_data()
{
    QTest::addColumn<QJsonObject>("in");
    QTest::addColumn<QString>("field");

    // Missing inputs the answer depends on.
    QTest::newRow("better cause not stated") << without(met(), u"alternative_cause"_s) << u"alternative_cause"_s;
    QTest::newRow("onset not stated") << without(met(), u"crs_status_at_onset"_s) << u"crs_status_at_onset"_s;
    QTest::newRow("ferritin missing and not rising fast") << without(met(), u"ferritin_ng_ml"_s) << u"ferritin_ng_ml"_s;
    QTest::newRow("ferritin upper limit missing") << without(met(), u"ferritin_uln_ng_ml"_s) << u"ferritin_uln_ng_ml"_s;
    QTest::newRow("ferritin not above 2x and rising not stated")
        << without(with(met(), {{u"ferritin_ng_ml"_s, 500}}), u"ferritin_rapidly_rising"_s)
        << u"ferritin_rapidly_rising"_s;
    QTest::newRow("no feature found and AST/ALT not measured")
        << without(noLaboratoryFeature(), u"ast_or_alt_peak_u_l"_s) << u"ast_or_alt_peak_u_l"_s;
    QTest::newRow("no feature found and AST/ALT upper limit missing")
        << without(noLaboratoryFeature(), u"ast_or_alt_uln_u_l"_s) << u"ast_or_alt_uln_u_l"_s;
    QTest::newRow("no feature found and fibrinogen not measured")
        << without(noLaboratoryFeature(), u"fibrinogen_mg_dl"_s) << u"fibrinogen_mg_dl"_s;
    QTest::newRow("no feature found and hemophagocytosis blank")
        << without(noLaboratoryFeature(), u"hemophagocytosis"_s) << u"hemophagocytosis"_s;
    QTest::newRow("no feature found and cytopenia blank")
        << without(noLaboratoryFeature(), u"cytopenia_new_or_worsening"_s) << u"cytopenia_new_or_worsening"_s;

    // Invalid values.
    QTest::newRow("ferritin negative") << with(met(), {{u"ferritin_ng_ml"_s, -1}}) << u"ferritin_ng_ml"_s;
    QTest::newRow("ferritin ULN zero") << with(met(), {{u"ferritin_uln_ng_ml"_s, 0}}) << u"ferritin_uln_ng_ml"_s;
    QTest::newRow("ferritin as text") << with(met(), {{u"ferritin_ng_ml"_s, u"5000"_s}}) << u"ferritin_ng_ml"_s;
    QTest::newRow("rising as text") << with(met(), {{u"ferritin_rapidly_rising"_s, u"yes"_s}})
                                    << u"ferritin_rapidly_rising"_s;
    QTest::newRow("hemophagocytosis unknown")
        << with(met(), {{u"hemophagocytosis"_s, u"maybe"_s}}) << u"hemophagocytosis"_s;
    QTest::newRow("onset unknown") << with(met(), {{u"crs_status_at_onset"_s, u"crs_grade_2"_s}})
                                   << u"crs_status_at_onset"_s;
    QTest::newRow("steroids for CRS are not an IEC-HS treatment code")
        << with(met(), {{u"iechs_interventions"_s, QJsonArray{u"corticosteroids"_s}}}) << u"iechs_interventions"_s;
    QTest::newRow("complication unknown")
        << with(met(), {{u"complications"_s, QJsonArray{u"sepsis"_s}}}) << u"complications"_s;
    QTest::newRow("other feature unknown")
        << with(met(), {{u"other_features"_s, QJsonArray{u"rash"_s}}}) << u"other_features"_s;
    QTest::newRow("fibrinogen in g/L range") << with(met(), {{u"fibrinogen_mg_dl"_s, 2500}}) << u"fibrinogen_mg_dl"_s;
    QTest::newRow("death as 1") << with(met(), {{u"death_due_to_iechs"_s, 1}}) << u"death_due_to_iechs"_s;
    QTest::newRow("misspelt input") << with(met(), {{u"ferritin"_s, 5000}}) << u"ferritin"_s;
}

void TestIechs::missingOrInvalidInput_givesErrorNamingField()
{
    QFETCH(QJsonObject, in);
    QFETCH(QString, field);

    const QJsonObject out = derive(u"iechs"_s, in);
    QCOMPARE(out.value(u"field"_s).toString(), field);
    QVERIFY2(out.value(u"error"_s).toString().contains(field), qPrintable(out.value(u"error"_s).toString()));
    QVERIFY(!out.contains(u"iechs_grade"_s));
    QVERIFY(!out.contains(u"iechs_criteria_met"_s));
}

QTEST_GUILESS_MAIN(TestIechs)
#include "tst_iechs.moc"
