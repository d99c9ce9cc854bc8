// Cockcroft-Gault, QTcF, BSA and dose derivations: published examples to 0.1%,
// rounding of outputs, the 10% dose flag, and invalid input.

#include "clinical/derivation.h"
#include "clinical/formulas.h"
#include "jsontestutil.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace cellcrf::clinical;
using cellcrf::test::hasReason;
using cellcrf::test::reasonsText;
using cellcrf::test::with;
using cellcrf::test::without;

namespace {

QJsonObject crclMan()
{
    return QJsonObject{{u"sex"_s, u"M"_s},
                       {u"age_years"_s, 40},
                       {u"weight_kg"_s, 70},
                       {u"serum_creatinine"_s, 1.0},
                       {u"creatinine_unit"_s, u"mg_dl"_s}};
}

QJsonObject qt90()
{
    return QJsonObject{{u"qt_ms"_s, 400}, {u"heart_rate_bpm"_s, 90}};
}

QJsonObject bsa170()
{
    return QJsonObject{{u"height_cm"_s, 170}, {u"weight_kg"_s, 70}};
}

// 180 cm and 80 kg give a Mosteller BSA of exactly 2.000 m², so the planned
// doses are round numbers: fludarabine 60 mg, cyclophosphamide 600 mg.
QJsonObject lymphodepletion()
{
    return QJsonObject{{u"height_cm"_s, 180},
                       {u"weight_kg"_s, 80},
                       {u"fludarabine_mg_per_m2"_s, 30},
                       {u"cyclophosphamide_mg_per_m2"_s, 300}};
}

QJsonObject carT()
{
    return QJsonObject{{u"total_car_positive_viable_t_cells"_s, 1.0e8}, {u"weight_kg"_s, 50}};
}

} // namespace

class TestFormulas : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void derive_outputs_data();
    void derive_outputs();
    void invalidInput_givesErrorNamingField_data();
    void invalidInput_givesErrorNamingField();
    void typedFunctions_computeUnrounded();
};

void TestFormulas::derive_outputs_data()
{
    QTest::addColumn<QString>("derivation");
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QJsonObject>("expected"); // numbers compared to 0.1%, booleans exactly
    QTest::addColumn<bool>("review");
    QTest::addColumn<QString>("reason");

    // Cockcroft-Gault.
    QTest::newRow("CG man 40 y 70 kg 1.0 mg/dL")
        << u"crcl"_s << crclMan() << QJsonObject{{u"crcl_ml_min"_s, 97.2}} << false << u"= 97.2 mL/min"_s;
    QTest::newRow("CG same in umol/L 88.4")
        << u"crcl"_s << with(crclMan(), {{u"serum_creatinine"_s, 88.4}, {u"creatinine_unit"_s, u"umol_l"_s}})
        << QJsonObject{{u"crcl_ml_min"_s, 97.2}} << false << u"88.4 µmol/L ÷ 88.4 = 1.00 mg/dL"_s;
    QTest::newRow("CG woman x 0.85") << u"crcl"_s << with(crclMan(), {{u"sex"_s, u"F"_s}})
                                     << QJsonObject{{u"crcl_ml_min"_s, 82.6}} << false << u"0.85"_s;
    QTest::newRow("CG woman 65 y 55 kg 1.2 mg/dL")
        << u"crcl"_s
        << with(crclMan(),
                {{u"sex"_s, u"F"_s}, {u"age_years"_s, 65}, {u"weight_kg"_s, 55}, {u"serum_creatinine"_s, 1.2}})
        << QJsonObject{{u"crcl_ml_min"_s, 40.6}} << false << QString();
    QTest::newRow("CG woman 65 y 55 kg 106.08 umol/L") << u"crcl"_s
                                                       << with(crclMan(), {{u"sex"_s, u"F"_s},
                                                                           {u"age_years"_s, 65},
                                                                           {u"weight_kg"_s, 55},
                                                                           {u"serum_creatinine"_s, 106.08},
                                                                           {u"creatinine_unit"_s, u"umol_l"_s}})
                                                       << QJsonObject{{u"crcl_ml_min"_s, 40.6}} << false << QString();

    // QTcF.
    QTest::newRow("QT 400 at 90 bpm") << u"qtcf"_s << qt90() << QJsonObject{{u"qtcf_ms"_s, 457.9}} << false
                                      << u"RR = 60 ÷ 90 bpm"_s;
    QTest::newRow("QT 400 at RR 600 ms") << u"qtcf"_s << QJsonObject{{u"qt_ms"_s, 400}, {u"rr_ms"_s, 600}}
                                         << QJsonObject{{u"qtcf_ms"_s, 474.3}} << false << u"RR = 600 ms"_s;
    QTest::newRow("QT 420 at RR 800 ms") << u"qtcf"_s << QJsonObject{{u"qt_ms"_s, 420}, {u"rr_ms"_s, 800}}
                                         << QJsonObject{{u"qtcf_ms"_s, 452.4}} << false << QString();
    QTest::newRow("QT 400 at 60 bpm is unchanged") << u"qtcf"_s << with(qt90(), {{u"heart_rate_bpm"_s, 60}})
                                                   << QJsonObject{{u"qtcf_ms"_s, 400.0}} << false << QString();
    QTest::newRow("RR and matching heart rate")
        << u"qtcf"_s << with(qt90(), {{u"rr_ms"_s, 667}}) << QJsonObject{{u"qtcf_ms"_s, 457.9}} << false << QString();

    // BSA.
    QTest::newRow("BSA 170 cm 70 kg") << u"bsa"_s << bsa170()
                                      << QJsonObject{{u"bsa_mosteller_m2"_s, 1.818}, {u"bsa_dubois_m2"_s, 1.810}}
                                      << false << u"Mosteller"_s;
    QTest::newRow("BSA child 110 cm 18 kg")
        << u"bsa"_s << QJsonObject{{u"height_cm"_s, 110}, {u"weight_kg"_s, 18}}
        << QJsonObject{{u"bsa_mosteller_m2"_s, 0.742}, {u"bsa_dubois_m2"_s, 0.741}} << false << QString();

    // Lymphodepletion dose and the 10% flag.
    QTest::newRow("doses from BSA 170/70") << u"dose"_s
                                           << QJsonObject{{u"height_cm"_s, 170},
                                                          {u"weight_kg"_s, 70},
                                                          {u"fludarabine_mg_per_m2"_s, 30},
                                                          {u"cyclophosphamide_mg_per_m2"_s, 300}}
                                           << QJsonObject{{u"bsa_mosteller_m2"_s, 1.818},
                                                          {u"fludarabine_mg_per_day"_s, 54.5},
                                                          {u"cyclophosphamide_mg_per_day"_s, 545.4}}
                                           << false << u"Fludarabine 30 mg/m² × 1.818 m² = 54.5 mg per day"_s;
    QTest::newRow("doses from BSA 2.0") << u"dose"_s << lymphodepletion()
                                        << QJsonObject{{u"bsa_mosteller_m2"_s, 2.0},
                                                       {u"fludarabine_mg_per_day"_s, 60.0},
                                                       {u"cyclophosphamide_mg_per_day"_s, 600.0}}
                                        << false << QString();
    QTest::newRow("fludarabine only") << u"dose"_s << without(lymphodepletion(), u"cyclophosphamide_mg_per_m2"_s)
                                      << QJsonObject{{u"fludarabine_mg_per_day"_s, 60.0}} << false << QString();
    QTest::newRow("fludarabine +9.9%: not flagged")
        << u"dose"_s << with(lymphodepletion(), {{u"fludarabine_given_mg"_s, 65.94}})
        << QJsonObject{{u"fludarabine_deviation_percent"_s, 9.9}, {u"fludarabine_deviation_over_10_percent"_s, false}}
        << false << u"within 10%"_s;
    QTest::newRow("fludarabine +10.1%: flagged")
        << u"dose"_s << with(lymphodepletion(), {{u"fludarabine_given_mg"_s, 66.06}})
        << QJsonObject{{u"fludarabine_deviation_percent"_s, 10.1}, {u"fludarabine_deviation_over_10_percent"_s, true}}
        << true << u"Fludarabine given 66.06 mg is 10.1% above the planned 60.0 mg: more than 10% off"_s;
    QTest::newRow("fludarabine exactly +10%: not flagged")
        << u"dose"_s << with(lymphodepletion(), {{u"fludarabine_given_mg"_s, 66.0}})
        << QJsonObject{{u"fludarabine_deviation_over_10_percent"_s, false}} << false << QString();
    QTest::newRow("fludarabine -9.9%: not flagged")
        << u"dose"_s << with(lymphodepletion(), {{u"fludarabine_given_mg"_s, 54.06}})
        << QJsonObject{{u"fludarabine_deviation_percent"_s, -9.9}, {u"fludarabine_deviation_over_10_percent"_s, false}}
        << false << u"below"_s;
    QTest::newRow("fludarabine -10.1%: flagged")
        << u"dose"_s << with(lymphodepletion(), {{u"fludarabine_given_mg"_s, 53.94}})
        << QJsonObject{{u"fludarabine_deviation_percent"_s, -10.1}, {u"fludarabine_deviation_over_10_percent"_s, true}}
        << true << u"below the planned"_s;
    QTest::newRow("cyclophosphamide +9.9%: not flagged")
        << u"dose"_s << with(lymphodepletion(), {{u"cyclophosphamide_given_mg"_s, 659.4}})
        << QJsonObject{{u"cyclophosphamide_deviation_percent"_s, 9.9},
                       {u"cyclophosphamide_deviation_over_10_percent"_s, false}}
        << false << QString();
    QTest::newRow("cyclophosphamide +10.1%: flagged")
        << u"dose"_s << with(lymphodepletion(), {{u"cyclophosphamide_given_mg"_s, 660.6}})
        << QJsonObject{{u"cyclophosphamide_deviation_percent"_s, 10.1},
                       {u"cyclophosphamide_deviation_over_10_percent"_s, true}}
        << true << u"Cyclophosphamide given"_s;
    QTest::newRow("one agent flagged, the other not")
        << u"dose"_s
        << with(lymphodepletion(), {{u"fludarabine_given_mg"_s, 60}, {u"cyclophosphamide_given_mg"_s, 500}})
        << QJsonObject{{u"fludarabine_deviation_over_10_percent"_s, false},
                       {u"cyclophosphamide_deviation_over_10_percent"_s, true}}
        << true << QString();

    // CAR-T dose.
    QTest::newRow("CAR-T 1e8 cells, 50 kg")
        << u"dose"_s << carT() << QJsonObject{{u"car_t_cells_per_kg"_s, 2.0e6}} << false << u"cells/kg"_s;
    QTest::newRow("CAR-T 3.21e8 cells, 64.2 kg")
        << u"dose"_s << with(carT(), {{u"total_car_positive_viable_t_cells"_s, 3.21e8}, {u"weight_kg"_s, 64.2}})
        << QJsonObject{{u"car_t_cells_per_kg"_s, 5.0e6}} << false << QString();
}

void TestFormulas::derive_outputs()
{
    QFETCH(QString, derivation);
    QFETCH(QJsonObject, input);
    QFETCH(QJsonObject, expected);
    QFETCH(bool, review);
    QFETCH(QString, reason);

    const QJsonObject out = derive(derivation, input);
    QVERIFY2(!out.contains(u"error"_s), qPrintable(out.value(u"error"_s).toString()));
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        QVERIFY2(out.contains(it.key()), qPrintable(it.key()));
        if (it.value().isBool()) {
            QCOMPARE(out.value(it.key()).toBool(), it.value().toBool());
            continue;
        }
        const double want = it.value().toDouble();
        const double got = out.value(it.key()).toDouble();
        QVERIFY2(std::abs(got - want) <= std::abs(want) * 0.001 + 1e-12,
                 qPrintable(u"%1: got %2, want %3"_s.arg(it.key()).arg(got).arg(want)));
    }
    QCOMPARE(out.value(u"review"_s).toBool(), review);
    QVERIFY2(hasReason(out, reason), qPrintable(reasonsText(out)));
    // Every output the derivation produced is declared in the registry.
    const DerivationInfo *info = findDerivation(derivation);
    QVERIFY(info);
    for (auto it = out.begin(); it != out.end(); ++it)
        QVERIFY2(info->outputs.contains(it.key()), qPrintable(it.key()));
}

void TestFormulas::invalidInput_givesErrorNamingField_data()
{
    QTest::addColumn<QString>("derivation");
    QTest::addColumn<QJsonObject>("input");
    QTest::addColumn<QString>("field");

    // crcl: each required field missing alone, types, ranges, codes.
    for (const QString &f : {u"sex"_s, u"age_years"_s, u"weight_kg"_s, u"serum_creatinine"_s, u"creatinine_unit"_s})
        QTest::addRow("crcl %s missing", qPrintable(f)) << u"crcl"_s << without(crclMan(), f) << f;
    QTest::newRow("crcl sex unknown") << u"crcl"_s << with(crclMan(), {{u"sex"_s, u"male"_s}}) << u"sex"_s;
    QTest::newRow("crcl sex lowercase") << u"crcl"_s << with(crclMan(), {{u"sex"_s, u"f"_s}}) << u"sex"_s;
    QTest::newRow("crcl unit unknown") << u"crcl"_s << with(crclMan(), {{u"creatinine_unit"_s, u"mmol_l"_s}})
                                       << u"creatinine_unit"_s;
    QTest::newRow("crcl weight negative") << u"crcl"_s << with(crclMan(), {{u"weight_kg"_s, -70}}) << u"weight_kg"_s;
    QTest::newRow("crcl weight zero") << u"crcl"_s << with(crclMan(), {{u"weight_kg"_s, 0}}) << u"weight_kg"_s;
    QTest::newRow("crcl weight as text") << u"crcl"_s << with(crclMan(), {{u"weight_kg"_s, u"70"_s}}) << u"weight_kg"_s;
    QTest::newRow("crcl age 121") << u"crcl"_s << with(crclMan(), {{u"age_years"_s, 121}}) << u"age_years"_s;
    QTest::newRow("crcl creatinine zero")
        << u"crcl"_s << with(crclMan(), {{u"serum_creatinine"_s, 0}}) << u"serum_creatinine"_s;
    QTest::newRow("crcl creatinine 88 given as mg/dL")
        << u"crcl"_s << with(crclMan(), {{u"serum_creatinine"_s, 88}}) << u"serum_creatinine"_s;
    QTest::newRow("crcl unknown field") << u"crcl"_s << with(crclMan(), {{u"height_cm"_s, 170}}) << u"height_cm"_s;

    // qtcf.
    QTest::newRow("qtcf qt missing") << u"qtcf"_s << without(qt90(), u"qt_ms"_s) << u"qt_ms"_s;
    QTest::newRow("qtcf rate and RR missing")
        << u"qtcf"_s << without(qt90(), u"heart_rate_bpm"_s) << u"heart_rate_bpm"_s;
    QTest::newRow("qtcf heart rate 0") << u"qtcf"_s << with(qt90(), {{u"heart_rate_bpm"_s, 0}}) << u"heart_rate_bpm"_s;
    QTest::newRow("qtcf heart rate negative")
        << u"qtcf"_s << with(qt90(), {{u"heart_rate_bpm"_s, -60}}) << u"heart_rate_bpm"_s;
    QTest::newRow("qtcf heart rate as text")
        << u"qtcf"_s << with(qt90(), {{u"heart_rate_bpm"_s, u"90"_s}}) << u"heart_rate_bpm"_s;
    QTest::newRow("qtcf RR 0") << u"qtcf"_s << QJsonObject{{u"qt_ms"_s, 400}, {u"rr_ms"_s, 0}} << u"rr_ms"_s;
    QTest::newRow("qtcf RR in seconds") << u"qtcf"_s << QJsonObject{{u"qt_ms"_s, 400}, {u"rr_ms"_s, 0.8}} << u"rr_ms"_s;
    QTest::newRow("qtcf QT 0") << u"qtcf"_s << with(qt90(), {{u"qt_ms"_s, 0}}) << u"qt_ms"_s;
    QTest::newRow("qtcf RR contradicts heart rate") << u"qtcf"_s << with(qt90(), {{u"rr_ms"_s, 1000}}) << u"rr_ms"_s;
    QTest::newRow("qtcf unknown field") << u"qtcf"_s << with(qt90(), {{u"qtc_ms"_s, 450}}) << u"qtc_ms"_s;

    // bsa.
    QTest::newRow("bsa height missing") << u"bsa"_s << without(bsa170(), u"height_cm"_s) << u"height_cm"_s;
    QTest::newRow("bsa weight missing") << u"bsa"_s << without(bsa170(), u"weight_kg"_s) << u"weight_kg"_s;
    QTest::newRow("bsa weight negative") << u"bsa"_s << with(bsa170(), {{u"weight_kg"_s, -1}}) << u"weight_kg"_s;
    QTest::newRow("bsa height in metres") << u"bsa"_s << with(bsa170(), {{u"height_cm"_s, 1.7}}) << u"height_cm"_s;
    QTest::newRow("bsa height as text") << u"bsa"_s << with(bsa170(), {{u"height_cm"_s, u"170"_s}}) << u"height_cm"_s;
    QTest::newRow("bsa unknown field") << u"bsa"_s << with(bsa170(), {{u"weight"_s, 70}}) << u"weight"_s;

    // dose.
    QTest::newRow("dose nothing to compute")
        << u"dose"_s << QJsonObject{{u"weight_kg"_s, 70}} << u"fludarabine_mg_per_m2"_s;
    QTest::newRow("dose height missing") << u"dose"_s << without(lymphodepletion(), u"height_cm"_s) << u"height_cm"_s;
    QTest::newRow("dose weight missing") << u"dose"_s << without(lymphodepletion(), u"weight_kg"_s) << u"weight_kg"_s;
    QTest::newRow("dose no mg/m2") << u"dose"_s << QJsonObject{{u"height_cm"_s, 170}, {u"weight_kg"_s, 70}}
                                   << u"fludarabine_mg_per_m2"_s;
    QTest::newRow("dose fludarabine given without plan")
        << u"dose"_s << with(without(lymphodepletion(), u"fludarabine_mg_per_m2"_s), {{u"fludarabine_given_mg"_s, 60}})
        << u"fludarabine_mg_per_m2"_s;
    QTest::newRow("dose cyclophosphamide given without plan")
        << u"dose"_s
        << with(without(lymphodepletion(), u"cyclophosphamide_mg_per_m2"_s), {{u"cyclophosphamide_given_mg"_s, 600}})
        << u"cyclophosphamide_mg_per_m2"_s;
    QTest::newRow("dose mg/m2 zero") << u"dose"_s << with(lymphodepletion(), {{u"fludarabine_mg_per_m2"_s, 0}})
                                     << u"fludarabine_mg_per_m2"_s;
    QTest::newRow("dose mg/m2 as text") << u"dose"_s
                                        << with(lymphodepletion(), {{u"cyclophosphamide_mg_per_m2"_s, u"300"_s}})
                                        << u"cyclophosphamide_mg_per_m2"_s;
    QTest::newRow("dose given negative") << u"dose"_s << with(lymphodepletion(), {{u"fludarabine_given_mg"_s, -5}})
                                         << u"fludarabine_given_mg"_s;
    QTest::newRow("CAR-T weight missing") << u"dose"_s << without(carT(), u"weight_kg"_s) << u"weight_kg"_s;
    QTest::newRow("CAR-T weight negative") << u"dose"_s << with(carT(), {{u"weight_kg"_s, -50}}) << u"weight_kg"_s;
    QTest::newRow("CAR-T cells zero") << u"dose"_s << with(carT(), {{u"total_car_positive_viable_t_cells"_s, 0}})
                                      << u"total_car_positive_viable_t_cells"_s;
    QTest::newRow("CAR-T cells as text") << u"dose"_s
                                         << with(carT(), {{u"total_car_positive_viable_t_cells"_s, u"1e8"_s}})
                                         << u"total_car_positive_viable_t_cells"_s;
    QTest::newRow("dose unknown field") << u"dose"_s << with(carT(), {{u"cells_per_kg"_s, 2e6}}) << u"cells_per_kg"_s;
}

void TestFormulas::invalidInput_givesErrorNamingField()
{
    QFETCH(QString, derivation);
    QFETCH(QJsonObject, input);
    QFETCH(QString, field);

    const QJsonObject out = derive(derivation, input);
    QCOMPARE(out.value(u"field"_s).toString(), field);
    QVERIFY2(out.value(u"error"_s).toString().contains(field), qPrintable(out.value(u"error"_s).toString()));
    QCOMPARE(out.size(), 2); // error and field, never a value
}

void TestFormulas::typedFunctions_computeUnrounded()
{
    QCOMPARE(qRound(cockcroftGault(Sex::Male, 40, 70, 1.0) * 1000), 97222);
    QCOMPARE(creatinineToMgPerDl(88.4, CreatinineUnit::UmolPerL), 1.0);
    QCOMPARE(qRound(qtcFridericia(400, rrSecondsFromHeartRate(90)) * 100), 45789);
    QCOMPARE(qRound(bsaMosteller(170, 70) * 100000), 181812);
    QCOMPARE(qRound(bsaDuBois(170, 70) * 100000), 180971);
    // 30 mg/m² on the unrounded BSA, not on 1.818.
    QCOMPARE(qRound(dosePerDayMg(30, bsaMosteller(170, 70)) * 1000), 54544);
    QVERIFY(!doseDeviatesTooMuch(66.0, 60.0));
    QVERIFY(doseDeviatesTooMuch(66.06, 60.0));
    QVERIFY(doseDeviatesTooMuch(53.94, 60.0));
    QCOMPARE(carTCellsPerKg(1e8, 50), 2e6);
}

QTEST_GUILESS_MAIN(TestFormulas)
#include "tst_formulas.moc"
