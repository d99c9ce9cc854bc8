// CAR-HEMATOTOX (Rejeski 2021, as CLINICAL.md reads it) through the derivation
// contract: each cut-off from both sides and exactly on it, the unit
// conversions, the risk groups and the assessment day.

#include "clinical/derivation.h"
#include "clinical/hematotox.h"
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

// Every item scores 0 on the day lymphodepletion starts: score 0, low risk.
QJsonObject healthy()
{
    return QJsonObject{{u"assessment_day"_s, -5},     {u"lymphodepletion_start_day"_s, -5},
                       {u"platelets_value"_s, 200},   {u"platelets_unit"_s, u"e9_per_l"_s},
                       {u"anc_value"_s, 2.0},         {u"anc_unit"_s, u"e9_per_l"_s},
                       {u"hemoglobin_value"_s, 12.0}, {u"hemoglobin_unit"_s, u"g_dl"_s},
                       {u"crp_value"_s, 1.0},         {u"crp_unit"_s, u"mg_dl"_s},
                       {u"ferritin_ng_ml"_s, 300}};
}

// One point already from ferritin, so one more point makes high risk.
QJsonObject onePoint()
{
    return with(healthy(), {{u"ferritin_ng_ml"_s, 1000}});
}

} // namespace

class TestHematotox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void score_data();
    void score();
    void invalidInput_givesErrorNamingField_data();
    void invalidInput_givesErrorNamingField();
    void unitConversions();
};

void TestHematotox::score_data()
{
    QTest::addColumn<QJsonObject>("in");
    QTest::addColumn<QString>("item"); // the item whose points are checked
    QTest::addColumn<int>("points");
    QTest::addColumn<int>("score");
    QTest::addColumn<QString>("risk");
    QTest::addColumn<bool>("review");
    QTest::addColumn<QString>("reason");

    QTest::newRow("all normal: score 0, low risk") << healthy() << u"platelets_points"_s << 0 << 0 << u"low"_s << false
                                                   << u"Score 0 (0–1): low risk (provisional cut-off)"_s;

    // Platelets: > 175 none, 75-175 one point, < 75 two points.
    QTest::newRow("platelets 175.1: 0 points")
        << with(healthy(), {{u"platelets_value"_s, 175.1}}) << u"platelets_points"_s << 0 << 0 << u"low"_s << false
        << u"(above 175): 0 points (provisional cut-off)"_s;
    QTest::newRow("platelets exactly 175: 1 point, group the same either way")
        << with(healthy(), {{u"platelets_value"_s, 175}}) << u"platelets_points"_s << 1 << 1 << u"low"_s << false
        << u"the risk group is low risk either way"_s;
    QTest::newRow("platelets exactly 175 with one other point: group changes, review")
        << with(onePoint(), {{u"platelets_value"_s, 175}}) << u"platelets_points"_s << 1 << 2 << u"high"_s << true
        << u"the score could be from 1 to 2 (low risk to high risk); high risk proposed"_s;
    QTest::newRow("platelets 174.9: 1 point")
        << with(healthy(), {{u"platelets_value"_s, 174.9}}) << u"platelets_points"_s << 1 << 1 << u"low"_s << false
        << u"(75–175): 1 point"_s;
    QTest::newRow("platelets 75.1: 1 point") << with(healthy(), {{u"platelets_value"_s, 75.1}}) << u"platelets_points"_s
                                             << 1 << 1 << u"low"_s << false << u"(75–175): 1 point"_s;
    QTest::newRow("platelets exactly 75: 1 point, 2 on the other side changes the group: review")
        << with(healthy(), {{u"platelets_value"_s, 75}}) << u"platelets_points"_s << 1 << 1 << u"low"_s << true
        << u"the lower end of 75–175: 1 point"_s;
    QTest::newRow("platelets 74.9: 2 points, high risk")
        << with(healthy(), {{u"platelets_value"_s, 74.9}}) << u"platelets_points"_s << 2 << 2 << u"high"_s << false
        << u"(below 75): 2 points"_s;
    QTest::newRow("platelets 120000/µL = 120 x10^9/L: 1 point")
        << with(healthy(), {{u"platelets_value"_s, 120000}, {u"platelets_unit"_s, u"per_ul"_s}})
        << u"platelets_points"_s << 1 << 1 << u"low"_s << false << u"Platelets 120000/µL ÷ 1000 = 120 ×10⁹/L"_s;
    QTest::newRow("platelets 75000/µL is exactly on the cut-off")
        << with(healthy(), {{u"platelets_value"_s, 75000}, {u"platelets_unit"_s, u"per_ul"_s}}) << u"platelets_points"_s
        << 1 << 1 << u"low"_s << true << u"Platelets exactly 75"_s;

    // ANC: > 1.2 none, < 1.2 one point; exactly 1.2 is not in the table.
    QTest::newRow("ANC 1.21: 0 points") << with(healthy(), {{u"anc_value"_s, 1.21}}) << u"anc_points"_s << 0 << 0
                                        << u"low"_s << false << u"ANC 1.21 ×10⁹/L (above 1.2): 0 points"_s;
    QTest::newRow("ANC exactly 1.2: counted as 1 point, group the same")
        << with(healthy(), {{u"anc_value"_s, 1.2}}) << u"anc_points"_s << 1 << 1 << u"low"_s << false
        << u"nothing for exactly 1.2; counted as 1 point, the cautious reading"_s;
    QTest::newRow("ANC exactly 1.2 with one other point: review")
        << with(onePoint(), {{u"anc_value"_s, 1.2}}) << u"anc_points"_s << 1 << 2 << u"high"_s << true
        << u"A value exactly on a cut-off decides the risk group"_s;
    QTest::newRow("ANC 1.19: 1 point") << with(healthy(), {{u"anc_value"_s, 1.19}}) << u"anc_points"_s << 1 << 1
                                       << u"low"_s << false << u"(below 1.2): 1 point"_s;
    QTest::newRow("ANC 1200/µL is exactly 1.2 x10^9/L")
        << with(onePoint(), {{u"anc_value"_s, 1200}, {u"anc_unit"_s, u"per_ul"_s}}) << u"anc_points"_s << 1 << 2
        << u"high"_s << true << u"ANC 1200/µL ÷ 1000 = 1.2 ×10⁹/L"_s;
    QTest::newRow("ANC 1201/µL: 0 points")
        << with(onePoint(), {{u"anc_value"_s, 1201}, {u"anc_unit"_s, u"per_ul"_s}}) << u"anc_points"_s << 0 << 1
        << u"low"_s << false << u"(above 1.2): 0 points"_s;

    // Hemoglobin: > 9.0 none, < 9.0 one point; exactly 9.0 is not in the table.
    QTest::newRow("hemoglobin 9.1 g/dL: 0 points")
        << with(healthy(), {{u"hemoglobin_value"_s, 9.1}}) << u"hemoglobin_points"_s << 0 << 0 << u"low"_s << false
        << u"Hemoglobin 9.1 g/dL (above 9.0): 0 points"_s;
    QTest::newRow("hemoglobin exactly 9.0 g/dL with one other point: review")
        << with(onePoint(), {{u"hemoglobin_value"_s, 9.0}}) << u"hemoglobin_points"_s << 1 << 2 << u"high"_s << true
        << u"Hemoglobin exactly 9.0 g/dL"_s;
    QTest::newRow("hemoglobin 8.9 g/dL: 1 point")
        << with(healthy(), {{u"hemoglobin_value"_s, 8.9}}) << u"hemoglobin_points"_s << 1 << 1 << u"low"_s << false
        << u"(below 9.0): 1 point"_s;
    QTest::newRow("hemoglobin 90 g/L is exactly 9.0 g/dL")
        << with(onePoint(), {{u"hemoglobin_value"_s, 90}, {u"hemoglobin_unit"_s, u"g_l"_s}}) << u"hemoglobin_points"_s
        << 1 << 2 << u"high"_s << true << u"Hemoglobin 90 g/L ÷ 10 = 9 g/dL"_s;
    QTest::newRow("hemoglobin 91 g/L: 0 points")
        << with(healthy(), {{u"hemoglobin_value"_s, 91}, {u"hemoglobin_unit"_s, u"g_l"_s}}) << u"hemoglobin_points"_s
        << 0 << 0 << u"low"_s << false << u"Hemoglobin 9.1 g/dL (above 9.0)"_s;

    // CRP: < 3.0 none, > 3.0 one point; exactly 3.0 is not in the table.
    QTest::newRow("CRP 2.9 mg/dL: 0 points") << with(healthy(), {{u"crp_value"_s, 2.9}}) << u"crp_points"_s << 0 << 0
                                             << u"low"_s << false << u"CRP 2.9 mg/dL (below 3.0): 0 points"_s;
    QTest::newRow("CRP exactly 3.0 mg/dL with one other point: review")
        << with(onePoint(), {{u"crp_value"_s, 3.0}}) << u"crp_points"_s << 1 << 2 << u"high"_s << true
        << u"CRP exactly 3.0 mg/dL"_s;
    QTest::newRow("CRP 3.1 mg/dL: 1 point") << with(healthy(), {{u"crp_value"_s, 3.1}}) << u"crp_points"_s << 1 << 1
                                            << u"low"_s << false << u"(above 3.0): 1 point"_s;
    QTest::newRow("CRP 30 mg/L is exactly 3.0 mg/dL")
        << with(healthy(), {{u"crp_value"_s, 30}, {u"crp_unit"_s, u"mg_l"_s}}) << u"crp_points"_s << 1 << 1 << u"low"_s
        << false << u"CRP 30 mg/L ÷ 10 = 3 mg/dL"_s;
    QTest::newRow("CRP 29 mg/L: 0 points") << with(healthy(), {{u"crp_value"_s, 29}, {u"crp_unit"_s, u"mg_l"_s}})
                                           << u"crp_points"_s << 0 << 0 << u"low"_s << false << u"(below 3.0)"_s;

    // Ferritin: < 650 none, 650-2000 one point, > 2000 two points.
    QTest::newRow("ferritin 649: 0 points") << with(healthy(), {{u"ferritin_ng_ml"_s, 649}}) << u"ferritin_points"_s
                                            << 0 << 0 << u"low"_s << false << u"(below 650): 0 points"_s;
    QTest::newRow("ferritin exactly 650: 1 point, group the same")
        << with(healthy(), {{u"ferritin_ng_ml"_s, 650}}) << u"ferritin_points"_s << 1 << 1 << u"low"_s << false
        << u"Ferritin exactly 650 ng/mL, the lower end of 650–2000: 1 point"_s;
    QTest::newRow("ferritin 651: 1 point") << with(healthy(), {{u"ferritin_ng_ml"_s, 651}}) << u"ferritin_points"_s << 1
                                           << 1 << u"low"_s << false << u"(650–2000): 1 point"_s;
    QTest::newRow("ferritin 1999: 1 point") << with(healthy(), {{u"ferritin_ng_ml"_s, 1999}}) << u"ferritin_points"_s
                                            << 1 << 1 << u"low"_s << false << u"(650–2000): 1 point"_s;
    QTest::newRow("ferritin exactly 2000: 1 point, 2 on the other side changes the group: review")
        << with(healthy(), {{u"ferritin_ng_ml"_s, 2000}}) << u"ferritin_points"_s << 1 << 1 << u"low"_s << true
        << u"the upper end of 650–2000"_s;
    QTest::newRow("ferritin 2001: 2 points, high risk")
        << with(healthy(), {{u"ferritin_ng_ml"_s, 2001}}) << u"ferritin_points"_s << 2 << 2 << u"high"_s << false
        << u"(above 2000): 2 points"_s;

    // Risk groups and the whole range.
    QTest::newRow("score 1: low risk") << onePoint() << u"ferritin_points"_s << 1 << 1 << u"low"_s << false
                                       << u"Score 1 (0–1): low risk"_s;
    QTest::newRow("score 2: high risk") << with(onePoint(), {{u"crp_value"_s, 5.0}}) << u"crp_points"_s << 1 << 2
                                        << u"high"_s << false << u"Score 2 (2 or more): high risk"_s;
    QTest::newRow("every item at its worst: score 7")
        << with(healthy(), {{u"platelets_value"_s, 40},
                            {u"anc_value"_s, 0.4},
                            {u"hemoglobin_value"_s, 7.5},
                            {u"crp_value"_s, 8.0},
                            {u"ferritin_ng_ml"_s, 4000}})
        << u"ferritin_points"_s << 2 << 7 << u"high"_s << false << u"Score 7 (2 or more): high risk"_s;
    QTest::newRow("always shown as information outside lymphoma and myeloma")
        << healthy() << u"crp_points"_s << 0 << 0 << u"low"_s << false
        << u"validated in large B-cell lymphoma and myeloma, not in B-ALL: shown as information"_s;

    // When the samples were taken.
    QTest::newRow("assessed on the first day of lymphodepletion: no review")
        << healthy() << u"anc_points"_s << 0 << 0 << u"low"_s << false
        << u"Assessed on day -5, before or on the first day of lymphodepletion (day -5)"_s;
    QTest::newRow("assessed after lymphodepletion started: review")
        << with(healthy(), {{u"assessment_day"_s, -3}}) << u"anc_points"_s << 0 << 0 << u"low"_s << true
        << u"Assessed on day -3, after lymphodepletion started on day -5"_s;
    QTest::newRow("assessed on the infusion day: review")
        << with(without(healthy(), u"lymphodepletion_start_day"_s), {{u"assessment_day"_s, 0}}) << u"anc_points"_s << 0
        << 0 << u"low"_s << true << u"on or after the infusion"_s;
    QTest::newRow("start of lymphodepletion not given: asked to check, no review")
        << without(healthy(), u"lymphodepletion_start_day"_s) << u"anc_points"_s << 0 << 0 << u"low"_s << false
        << u"please check that the samples were taken before it"_s;
}

void TestHematotox::score()
{
    QFETCH(QJsonObject, in);
    QFETCH(QString, item);
    QFETCH(int, points);
    QFETCH(int, score);
    QFETCH(QString, risk);
    QFETCH(bool, review);
    QFETCH(QString, reason);

    const QJsonObject out = derive(u"hematotox"_s, in);
    QVERIFY2(!out.contains(u"error"_s), qPrintable(out.value(u"error"_s).toString()));
    QCOMPARE(out.value(item).toInt(-1), points);
    QCOMPARE(out.value(u"hematotox_score"_s).toInt(-1), score);
    int sum = 0;
    for (const QString &name :
         {u"platelets_points"_s, u"anc_points"_s, u"hemoglobin_points"_s, u"crp_points"_s, u"ferritin_points"_s})
        sum += out.value(name).toInt(-100);
    QCOMPARE(sum, score);
    QCOMPARE(out.value(u"hematotox_risk"_s).toString(), risk);
    QVERIFY2(out.value(u"review"_s).toBool() == review, qPrintable(reasonsText(out)));
    QVERIFY2(hasReason(out, reason), qPrintable(reasonsText(out)));
}

void TestHematotox::invalidInput_givesErrorNamingField_data()
{
    QTest::addColumn<QJsonObject>("in");
    QTest::addColumn<QString>("field");

    for (const QString &name :
         {u"assessment_day"_s, u"platelets_value"_s, u"platelets_unit"_s, u"anc_value"_s, u"anc_unit"_s,
          u"hemoglobin_value"_s, u"hemoglobin_unit"_s, u"crp_value"_s, u"crp_unit"_s, u"ferritin_ng_ml"_s})
        QTest::addRow("%s missing", qPrintable(name)) << without(healthy(), name) << name;
    QTest::newRow("platelets value null")
        << with(healthy(), {{u"platelets_value"_s, QJsonValue()}}) << u"platelets_value"_s;
    QTest::newRow("platelet unit unknown") << with(healthy(), {{u"platelets_unit"_s, u"g_l"_s}}) << u"platelets_unit"_s;
    QTest::newRow("platelets per µL entered in x10^9/L range")
        << with(healthy(), {{u"platelets_value"_s, 200000}}) << u"platelets_value"_s;
    QTest::newRow("negative platelets") << with(healthy(), {{u"platelets_value"_s, -1}}) << u"platelets_value"_s;
    QTest::newRow("ANC as text") << with(healthy(), {{u"anc_value"_s, u"2.0"_s}}) << u"anc_value"_s;
    QTest::newRow("hemoglobin 0") << with(healthy(), {{u"hemoglobin_value"_s, 0}}) << u"hemoglobin_value"_s;
    QTest::newRow("hemoglobin in g/L entered as g/dL")
        << with(healthy(), {{u"hemoglobin_value"_s, 120}}) << u"hemoglobin_value"_s;
    QTest::newRow("hemoglobin unit mmol/L")
        << with(healthy(), {{u"hemoglobin_unit"_s, u"mmol_l"_s}}) << u"hemoglobin_unit"_s;
    QTest::newRow("CRP unit unknown") << with(healthy(), {{u"crp_unit"_s, u"mg"_s}}) << u"crp_unit"_s;
    QTest::newRow("ferritin negative") << with(healthy(), {{u"ferritin_ng_ml"_s, -5}}) << u"ferritin_ng_ml"_s;
    QTest::newRow("assessment day 2.5") << with(healthy(), {{u"assessment_day"_s, -2.5}}) << u"assessment_day"_s;
    QTest::newRow("lymphodepletion after infusion")
        << with(healthy(), {{u"lymphodepletion_start_day"_s, 3}}) << u"lymphodepletion_start_day"_s;
    QTest::newRow("ferritin in µg/L under another name")
        << with(healthy(), {{u"ferritin_ug_l"_s, 300}}) << u"ferritin_ug_l"_s;
}

void TestHematotox::invalidInput_givesErrorNamingField()
{
    QFETCH(QJsonObject, in);
    QFETCH(QString, field);

    const QJsonObject out = derive(u"hematotox"_s, in);
    QCOMPARE(out.value(u"field"_s).toString(), field);
    QVERIFY2(out.value(u"error"_s).toString().contains(field), qPrintable(out.value(u"error"_s).toString()));
    QVERIFY(!out.contains(u"hematotox_score"_s));
    QVERIFY(!out.contains(u"reasons"_s));
}

void TestHematotox::unitConversions()
{
    QCOMPARE(countToE9PerL(1200.0, CountUnit::PerUl), 1.2);
    QCOMPARE(countToE9PerL(1.2, CountUnit::E9PerL), 1.2);
    QCOMPARE(hemoglobinToGPerDl(90.0, HemoglobinUnit::GPerL), 9.0);
    QCOMPARE(crpToMgPerDl(30.0, CrpUnit::MgPerL), 3.0);
    QCOMPARE(hematotoxRisk(1), HematotoxRisk::Low);
    QCOMPARE(hematotoxRisk(2), HematotoxRisk::High);
}

QTEST_GUILESS_MAIN(TestHematotox)
#include "tst_hematotox.moc"
