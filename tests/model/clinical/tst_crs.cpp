// CRS grading (ASTCT 2019) through the derivation contract and the typed function.

#include "clinical/crs.h"
#include "clinical/derivation.h"
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

// Fever, no hypotension, no oxygen: grade 1. Each row changes what it tests.
QJsonObject base()
{
    return QJsonObject{{u"temperature_c"_s, 38.5}, {u"hypotension"_s, u"none"_s}, {u"oxygen"_s, u"none"_s}};
}

QJsonObject afebrile()
{
    return with(base(), {{u"temperature_c"_s, 37.0}});
}

QJsonObject masked()
{
    return with(afebrile(),
                {{u"antipyretic_or_anticytokine_given"_s, true}, {u"crs_previously_diagnosed_this_episode"_s, true}});
}

} // namespace

class TestCrs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void registry_listsContractInputs();
    void grade_data();
    void grade();
    void invalidInput_givesErrorNamingField_data();
    void invalidInput_givesErrorNamingField();
    void typedFunction_matchesAdapter();
};

void TestCrs::registry_listsContractInputs()
{
    const DerivationInfo *info = findDerivation(u"crs"_s);
    QVERIFY(info);
    for (const QString &name :
         {u"temperature_c"_s, u"fever_attributable_to_other_cause"_s, u"antipyretic_or_anticytokine_given"_s,
          u"crs_previously_diagnosed_this_episode"_s, u"hypotension"_s, u"vasopressin_added"_s, u"oxygen"_s,
          u"nasal_cannula_flow_l_min"_s, u"organ_toxicity_max_ctcae_grade"_s, u"died"_s, u"death_due_to_crs"_s})
        QVERIFY2(info->inputs.contains(name), qPrintable(name));
    QVERIFY(info->outputs.contains(u"crs_grade"_s));
    // The CLINICAL.md derivations plus `response` (category and MRD status of a disease assessment).
    QCOMPARE(derivations().size(), 10);
    for (const QString &name : {u"crs"_s, u"icans"_s, u"crcl"_s, u"qtcf"_s, u"bsa"_s, u"dose"_s, u"response"_s,
                                u"icaht"_s, u"hematotox"_s, u"iechs"_s})
        QVERIFY2(findDerivation(name), qPrintable(name));
    QVERIFY(!findDerivation(u"cytokine"_s));
    QCOMPARE(derive(u"cytokine"_s, base()).value(u"field"_s).toString(), u"derivation"_s);
}

void TestCrs::grade_data()
{
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<int>("grade");
    QTest::addColumn<bool>("review");
    QTest::addColumn<QString>("reason");

    // Fever threshold, inclusive.
    QTest::newRow("38.0 is fever: grade 1") << with(base(), {{u"temperature_c"_s, 38.0}}) << 1 << false
                                            << u"Temperature 38.0 °C meets the fever threshold (≥ 38.0 °C)"_s;
    QTest::newRow("37.9 is not fever: grade 0") << with(base(), {{u"temperature_c"_s, 37.9}}) << 0 << false
                                                << u"Temperature 37.9 °C is below the fever threshold"_s;
    QTest::newRow("37.95 is not fever") << with(base(), {{u"temperature_c"_s, 37.95}}) << 0 << false
                                        << u"37.95 °C is below"_s;
    QTest::newRow("fever from another cause does not count")
        << with(base(), {{u"fever_attributable_to_other_cause"_s, true}}) << 0 << false
        << u"attributed to another cause"_s;
    QTest::newRow("fever, nothing else: grade 1")
        << base() << 1 << false << u"Fever without hypotension or hypoxia: grade 1"_s;

    // Hypotension.
    QTest::newRow("no vasopressor: grade 2")
        << with(base(), {{u"hypotension"_s, u"no_vasopressor"_s}}) << 2 << false << u"not needing vasopressors"_s;
    QTest::newRow("vasopressin alone = one vasopressor: grade 3")
        << with(base(), {{u"hypotension"_s, u"vasopressin_only"_s}}) << 3 << false
        << u"Vasopressin alone counts as one vasopressor"_s;
    QTest::newRow("one vasopressor: grade 3")
        << with(base(), {{u"hypotension"_s, u"one_vasopressor"_s}}) << 3 << false << u"one vasopressor: grade 3"_s;
    QTest::newRow("vasopressin added to one stays grade 3")
        << with(base(), {{u"hypotension"_s, u"one_vasopressor"_s}, {u"vasopressin_added"_s, true}}) << 3 << false
        << u"not counted as a second"_s;
    QTest::newRow("vasopressin only with vasopressin_added stays grade 3")
        << with(base(), {{u"hypotension"_s, u"vasopressin_only"_s}, {u"vasopressin_added"_s, true}}) << 3 << false
        << u"Vasopressin alone"_s;
    QTest::newRow("several vasopressors: grade 4")
        << with(base(), {{u"hypotension"_s, u"multiple_vasopressors"_s}}) << 4 << false
        << u"several vasopressors (vasopressin not counted): grade 4"_s;
    QTest::newRow("several vasopressors plus vasopressin: grade 4")
        << with(base(), {{u"hypotension"_s, u"multiple_vasopressors"_s}, {u"vasopressin_added"_s, true}}) << 4 << false
        << u"grade 4"_s;

    // Oxygen, nasal cannula classed by flow.
    const auto cannula = [](double flow) {
        return with(base(), {{u"oxygen"_s, u"nasal_cannula"_s}, {u"nasal_cannula_flow_l_min"_s, flow}});
    };
    QTest::newRow("cannula 6 L/min is low flow: grade 2")
        << cannula(6.0) << 2 << false << u"Nasal cannula at 6 L/min is low flow (≤ 6 L/min): grade 2"_s;
    QTest::newRow("cannula 6.5 L/min is high flow: grade 3")
        << cannula(6.5) << 3 << false << u"Nasal cannula at 6.5 L/min is high flow (> 6 L/min): grade 3"_s;
    QTest::newRow("cannula 2 L/min: grade 2") << cannula(2.0) << 2 << false << u"low flow"_s;
    QTest::newRow("cannula 40 L/min: grade 3") << cannula(40.0) << 3 << false << u"high flow"_s;
    QTest::newRow("low_flow_le6 category: grade 2")
        << with(base(), {{u"oxygen"_s, u"low_flow_le6"_s}}) << 2 << false << u"Low-flow nasal cannula"_s;
    QTest::newRow("high_flow_gt6 category: grade 3")
        << with(base(), {{u"oxygen"_s, u"high_flow_gt6"_s}}) << 3 << false << u"High-flow nasal cannula"_s;
    QTest::newRow("low_flow_le6 with 8 L/min: classed by flow, grade 3, check entry")
        << with(base(), {{u"oxygen"_s, u"low_flow_le6"_s}, {u"nasal_cannula_flow_l_min"_s, 8}}) << 3 << true
        << u"disagrees with the flow"_s;
    QTest::newRow("high_flow_gt6 with 6 L/min: classed by flow, grade 2, check entry")
        << with(base(), {{u"oxygen"_s, u"high_flow_gt6"_s}, {u"nasal_cannula_flow_l_min"_s, 6}}) << 2 << true
        << u"6 L/min is low flow"_s;
    QTest::newRow("blow-by: grade 2") << with(base(), {{u"oxygen"_s, u"blow_by"_s}}) << 2 << false << u"Blow-by"_s;
    QTest::newRow("facemask: grade 3") << with(base(), {{u"oxygen"_s, u"facemask"_s}}) << 3 << false
                                       << u"Facemask: grade 3"_s;
    QTest::newRow("facemask at 4 L/min still grade 3")
        << with(base(), {{u"oxygen"_s, u"facemask"_s}, {u"nasal_cannula_flow_l_min"_s, 4}}) << 3 << false
        << u"whatever the flow"_s;
    QTest::newRow("non-rebreather: grade 3")
        << with(base(), {{u"oxygen"_s, u"nonrebreather"_s}}) << 3 << false << u"Non-rebreather"_s;
    QTest::newRow("venturi: grade 3") << with(base(), {{u"oxygen"_s, u"venturi"_s}}) << 3 << false << u"Venturi"_s;
    QTest::newRow("cpap: grade 4") << with(base(), {{u"oxygen"_s, u"cpap"_s}}) << 4 << false << u"CPAP"_s;
    QTest::newRow("bipap: grade 4") << with(base(), {{u"oxygen"_s, u"bipap"_s}}) << 4 << false << u"BiPAP"_s;
    QTest::newRow("ventilation: grade 4")
        << with(base(), {{u"oxygen"_s, u"mechanical_ventilation"_s}}) << 4 << false << u"mechanical ventilation"_s;

    // The more severe of the two.
    QTest::newRow("hypotension 2 and hypoxia 3: grade 3")
        << with(base(), {{u"hypotension"_s, u"no_vasopressor"_s}, {u"oxygen"_s, u"facemask"_s}}) << 3 << false
        << u"more severe"_s;
    QTest::newRow("hypotension 4 and hypoxia 2: grade 4")
        << with(base(), {{u"hypotension"_s, u"multiple_vasopressors"_s}, {u"oxygen"_s, u"blow_by"_s}}) << 4 << false
        << u"grade 4"_s;

    // No fever, no CRS.
    QTest::newRow("no fever with vasopressor: grade 0")
        << with(afebrile(), {{u"hypotension"_s, u"one_vasopressor"_s}}) << 0 << false << u"Without fever"_s;
    QTest::newRow("no fever, earlier CRS, no therapy: fever still required")
        << with(afebrile(), {{u"crs_previously_diagnosed_this_episode"_s, true}, {u"oxygen"_s, u"facemask"_s}}) << 0
        << false << u"Fever is still required"_s;

    // Masking rule.
    QTest::newRow("masked fever with vasopressor: grade 3")
        << with(masked(), {{u"hypotension"_s, u"one_vasopressor"_s}}) << 3 << false << u"no longer required"_s;
    QTest::newRow("masked fever with hypoxia only: grade 2")
        << with(masked(), {{u"oxygen"_s, u"nasal_cannula"_s}, {u"nasal_cannula_flow_l_min"_s, 3}}) << 2 << false
        << u"no longer required"_s;
    QTest::newRow("masked fever with ventilation: grade 4")
        << with(masked(), {{u"oxygen"_s, u"mechanical_ventilation"_s}}) << 4 << false << u"grade 4"_s;
    QTest::newRow("masked fever with neither: review") << masked() << 1 << true << u"neither hypotension nor hypoxia"_s;
    QTest::newRow("antipyretic without earlier CRS: review")
        << with(afebrile(), {{u"antipyretic_or_anticytokine_given"_s, true}}) << 0 << true << u"no earlier CRS"_s;
    QTest::newRow("antipyretic without earlier CRS, hypotension: review")
        << with(afebrile(), {{u"antipyretic_or_anticytokine_given"_s, true}, {u"hypotension"_s, u"no_vasopressor"_s}})
        << 0 << true << u"fever may be hidden"_s;
    QTest::newRow("antipyretic given but fever present: not open")
        << with(base(), {{u"antipyretic_or_anticytokine_given"_s, true}, {u"oxygen"_s, u"blow_by"_s}}) << 2 << false
        << u"meets the fever threshold"_s;

    // Missing temperature (CLINICAL.md "Missing data in CRS and ICANS"): once CRS
    // was diagnosed and fever may be masked, hypotension and hypoxia decide.
    const QJsonObject maskedNoTemperature = without(masked(), u"temperature_c"_s);
    QTest::newRow("no temperature after tocilizumab, CRS diagnosed, one vasopressor: grade 3")
        << with(maskedNoTemperature, {{u"hypotension"_s, u"one_vasopressor"_s}}) << 3 << false
        << u"No temperature recorded; antipyretic or anti-cytokine therapy"_s;
    QTest::newRow("no temperature after tocilizumab, CRS diagnosed, facemask: grade 3")
        << with(maskedNoTemperature, {{u"oxygen"_s, u"facemask"_s}}) << 3 << false
        << u"The more severe of hypotension and hypoxia decides: grade 3"_s;
    QTest::newRow("no temperature after tocilizumab, CRS diagnosed, CPAP and fluids: grade 4")
        << with(maskedNoTemperature, {{u"oxygen"_s, u"cpap"_s}, {u"hypotension"_s, u"no_vasopressor"_s}}) << 4 << false
        << u"fever is no longer required"_s;
    QTest::newRow("no temperature (null) after steroids, CRS diagnosed, low-flow oxygen: grade 2")
        << with(masked(), {{u"temperature_c"_s, QJsonValue()}, {u"oxygen"_s, u"low_flow_le6"_s}}) << 2 << false
        << u"No temperature recorded"_s;
    QTest::newRow("no temperature after tocilizumab, CRS diagnosed, neither: review")
        << maskedNoTemperature << 1 << true << u"neither hypotension nor hypoxia"_s;
    QTest::newRow("no temperature, masking drug but no earlier CRS: grade 0, review")
        << with(without(afebrile(), u"temperature_c"_s),
                {{u"antipyretic_or_anticytokine_given"_s, true}, {u"hypotension"_s, u"one_vasopressor"_s}})
        << 0 << true << u"No temperature recorded and no earlier CRS in this episode"_s;
    QTest::newRow("no temperature, CRS diagnosed, death due to CRS: grade 5")
        << with(maskedNoTemperature, {{u"death_due_to_crs"_s, true}}) << 5 << false << u"Death due to CRS"_s;

    // Organ toxicity never changes the grade.
    QTest::newRow("organ toxicity grade 4 ignored")
        << with(base(), {{u"organ_toxicity_max_ctcae_grade"_s, 4}}) << 1 << false
        << u"Organ toxicity (CTCAE grade 4) is graded separately with CTCAE v5.0 and does not change the CRS grade"_s;
    QTest::newRow("organ toxicity without fever ignored")
        << with(afebrile(), {{u"organ_toxicity_max_ctcae_grade"_s, 3}}) << 0 << false << u"does not change"_s;

    // Grade 5.
    QTest::newRow("death due to CRS: grade 5")
        << with(base(), {{u"died"_s, true}, {u"death_due_to_crs"_s, true}, {u"oxygen"_s, u"mechanical_ventilation"_s}})
        << 5 << false << u"Death due to CRS: grade 5"_s;
    QTest::newRow("death due to CRS without died ticked: grade 5")
        << with(base(), {{u"death_due_to_crs"_s, true}}) << 5 << false << u"grade 5"_s;
    QTest::newRow("death from another cause: graded on findings")
        << with(base(), {{u"died"_s, true}, {u"death_due_to_crs"_s, false}, {u"hypotension"_s, u"one_vasopressor"_s}})
        << 3 << false << u"Death not attributed to CRS"_s;
    QTest::newRow("null optional field is blank")
        << with(base(), {{u"vasopressin_added"_s, QJsonValue()}}) << 1 << false << QString();
}

void TestCrs::grade()
{
    QFETCH(QJsonObject, input);
    QFETCH(int, grade);
    QFETCH(bool, review);
    QFETCH(QString, reason);

    const QJsonObject out = derive(u"crs"_s, input);
    QVERIFY2(!out.contains(u"error"_s), qPrintable(out.value(u"error"_s).toString()));
    QCOMPARE(out.value(u"crs_grade"_s).toInt(-1), grade);
    QCOMPARE(out.value(u"review"_s).toBool(), review);
    QVERIFY(out.value(u"reasons"_s).isArray());
    QVERIFY(!out.value(u"reasons"_s).toArray().isEmpty());
    QVERIFY2(hasReason(out, reason), qPrintable(reasonsText(out)));
}

void TestCrs::invalidInput_givesErrorNamingField_data()
{
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("field");

    QTest::newRow("temperature missing") << without(base(), u"temperature_c"_s) << u"temperature_c"_s;
    QTest::newRow("temperature null") << with(base(), {{u"temperature_c"_s, QJsonValue()}}) << u"temperature_c"_s;
    // The refusal stays where nothing could mask a fever.
    QTest::newRow("temperature missing, CRS diagnosed but no masking drug")
        << with(without(base(), u"temperature_c"_s),
                {{u"crs_previously_diagnosed_this_episode"_s, true}, {u"hypotension"_s, u"one_vasopressor"_s}})
        << u"temperature_c"_s;
    QTest::newRow("temperature missing, masking drug explicitly false")
        << with(without(base(), u"temperature_c"_s),
                {{u"antipyretic_or_anticytokine_given"_s, false}, {u"crs_previously_diagnosed_this_episode"_s, true}})
        << u"temperature_c"_s;
    QTest::newRow("temperature missing with fever attributed elsewhere")
        << with(without(base(), u"temperature_c"_s), {{u"fever_attributable_to_other_cause"_s, true}})
        << u"temperature_c"_s;
    QTest::newRow("temperature invalid even when masked")
        << with(masked(), {{u"temperature_c"_s, u"n/a"_s}}) << u"temperature_c"_s;
    QTest::newRow("hypotension missing") << without(base(), u"hypotension"_s) << u"hypotension"_s;
    QTest::newRow("oxygen missing") << without(base(), u"oxygen"_s) << u"oxygen"_s;
    QTest::newRow("temperature as text") << with(base(), {{u"temperature_c"_s, u"38.5"_s}}) << u"temperature_c"_s;
    QTest::newRow("temperature 24.9") << with(base(), {{u"temperature_c"_s, 24.9}}) << u"temperature_c"_s;
    QTest::newRow("temperature 45.1") << with(base(), {{u"temperature_c"_s, 45.1}}) << u"temperature_c"_s;
    QTest::newRow("temperature in Fahrenheit") << with(base(), {{u"temperature_c"_s, 101.3}}) << u"temperature_c"_s;
    QTest::newRow("unknown hypotension code")
        << with(base(), {{u"hypotension"_s, u"vasopressors"_s}}) << u"hypotension"_s;
    QTest::newRow("hypotension as number") << with(base(), {{u"hypotension"_s, 2}}) << u"hypotension"_s;
    QTest::newRow("unknown oxygen code") << with(base(), {{u"oxygen"_s, u"nasal"_s}}) << u"oxygen"_s;
    QTest::newRow("nasal cannula without flow")
        << with(base(), {{u"oxygen"_s, u"nasal_cannula"_s}}) << u"nasal_cannula_flow_l_min"_s;
    QTest::newRow("negative flow") << with(base(),
                                           {{u"oxygen"_s, u"nasal_cannula"_s}, {u"nasal_cannula_flow_l_min"_s, -1}})
                                   << u"nasal_cannula_flow_l_min"_s;
    QTest::newRow("zero flow") << with(base(), {{u"oxygen"_s, u"nasal_cannula"_s}, {u"nasal_cannula_flow_l_min"_s, 0}})
                               << u"nasal_cannula_flow_l_min"_s;
    QTest::newRow("flow as text") << with(base(),
                                          {{u"oxygen"_s, u"nasal_cannula"_s}, {u"nasal_cannula_flow_l_min"_s, u"6"_s}})
                                  << u"nasal_cannula_flow_l_min"_s;
    QTest::newRow("boolean as text") << with(base(), {{u"fever_attributable_to_other_cause"_s, u"yes"_s}})
                                     << u"fever_attributable_to_other_cause"_s;
    QTest::newRow("boolean as 1") << with(base(), {{u"antipyretic_or_anticytokine_given"_s, 1}})
                                  << u"antipyretic_or_anticytokine_given"_s;
    QTest::newRow("crs_previously as text") << with(base(), {{u"crs_previously_diagnosed_this_episode"_s, u"no"_s}})
                                            << u"crs_previously_diagnosed_this_episode"_s;
    QTest::newRow("vasopressin added to nothing")
        << with(base(), {{u"vasopressin_added"_s, true}}) << u"vasopressin_added"_s;
    QTest::newRow("vasopressin added to fluids only")
        << with(base(), {{u"vasopressin_added"_s, true}, {u"hypotension"_s, u"no_vasopressor"_s}})
        << u"vasopressin_added"_s;
    QTest::newRow("organ toxicity grade 6")
        << with(base(), {{u"organ_toxicity_max_ctcae_grade"_s, 6}}) << u"organ_toxicity_max_ctcae_grade"_s;
    QTest::newRow("organ toxicity grade 2.5")
        << with(base(), {{u"organ_toxicity_max_ctcae_grade"_s, 2.5}}) << u"organ_toxicity_max_ctcae_grade"_s;
    QTest::newRow("died as text") << with(base(), {{u"died"_s, u"true"_s}}) << u"died"_s;
    QTest::newRow("death due to CRS but not died")
        << with(base(), {{u"died"_s, false}, {u"death_due_to_crs"_s, true}}) << u"death_due_to_crs"_s;
    QTest::newRow("misspelt field name") << with(base(), {{u"temprature_c"_s, 39.0}}) << u"temprature_c"_s;
    QTest::newRow("field of another derivation") << with(base(), {{u"ice_score"_s, 10}}) << u"ice_score"_s;
}

void TestCrs::invalidInput_givesErrorNamingField()
{
    QFETCH(QJsonObject, input);
    QFETCH(QString, field);

    const QJsonObject out = derive(u"crs"_s, input);
    QCOMPARE(out.value(u"field"_s).toString(), field);
    QVERIFY(out.value(u"error"_s).toString().contains(field));
    QVERIFY(!out.contains(u"crs_grade"_s));
    QVERIFY(!out.contains(u"reasons"_s));
}

void TestCrs::typedFunction_matchesAdapter()
{
    CrsAssessment a;
    a.temperatureC = 38.0;
    a.hypotension = Hypotension::VasopressinOnly;
    a.oxygen = OxygenSupport::NasalCannula;
    a.nasalCannulaFlowLMin = 6.0;
    const CrsResult r = gradeCrs(a);
    QCOMPARE(r.grade, 3);
    QVERIFY(!r.review);
    QCOMPARE(hypotensionFromCode(u"multiple_vasopressors"_s), Hypotension::MultipleVasopressors);
    QCOMPARE(oxygenFromCode(u"mechanical_ventilation"_s), OxygenSupport::MechanicalVentilation);
    QVERIFY(!oxygenFromCode(u"helmet"_s));
}

QTEST_GUILESS_MAIN(TestCrs)
#include "tst_crs.moc"
