// Response category, MRD status and S1904 randomization eligibility.

#include "clinical/response.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cellcrf::clinical;

namespace {

DiseaseAssessment remission()
{
    DiseaseAssessment a;
    a.marrowBlastsPercent = 1.0;
    a.circulatingBlasts = false;
    a.extramedullaryDisease = false;
    a.ancE9PerL = 1.5;
    a.plateletsE9PerL = 150;
    return a;
}

template<typename F> DiseaseAssessment changed(F change)
{
    DiseaseAssessment a = remission();
    change(a);
    return a;
}

MrdMeasurement measured(MrdMethod method, std::optional<double> level, std::optional<double> sensitivity)
{
    MrdMeasurement m;
    m.method = method;
    m.level = level;
    m.sensitivity = sensitivity;
    return m;
}

} // namespace

class TestResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data();
    void classify();
    void mrd_data();
    void mrd();
    void randomization_data();
    void randomization();
    void orrCountsCrAndCri();
};

void TestResponse::classify_data()
{
    QTest::addColumn<DiseaseAssessment>("assessment");
    QTest::addColumn<bool>("previousCr");
    QTest::addColumn<QString>("category");
    QTest::addColumn<bool>("review");

    QTest::newRow("CR") << remission() << false << u"cr"_s << false;
    QTest::newRow("CR at the count limits")
        << changed([](DiseaseAssessment &a) { a.ancE9PerL = 1.0, a.plateletsE9PerL = 100; }) << false << u"cr"_s
        << false;
    QTest::newRow("CRi: ANC 0.9") << changed([](DiseaseAssessment &a) { a.ancE9PerL = 0.9; }) << false << u"cri"_s
                                  << false;
    QTest::newRow("CRi: platelets 99") << changed([](DiseaseAssessment &a) { a.plateletsE9PerL = 99; }) << false
                                       << u"cri"_s << false;
    QTest::newRow("blasts 4.9%: remission")
        << changed([](DiseaseAssessment &a) { a.marrowBlastsPercent = 4.9; }) << false << u"cr"_s << false;
    QTest::newRow("blasts 5%: no response")
        << changed([](DiseaseAssessment &a) { a.marrowBlastsPercent = 5.0; }) << false << u"nr"_s << false;
    QTest::newRow("extramedullary disease: no response")
        << changed([](DiseaseAssessment &a) { a.extramedullaryDisease = true; }) << false << u"nr"_s << false;
    QTest::newRow("MLFS: counts not recorded")
        << changed([](DiseaseAssessment &a) { a.ancE9PerL.reset(), a.plateletsE9PerL.reset(); }) << false << u"mlfs"_s
        << false;
    QTest::newRow("MLFS with circulating blasts: review")
        << changed([](DiseaseAssessment &a) { a.circulatingBlasts = true; }) << false << u"mlfs"_s << true;
    QTest::newRow("marrow not recorded: not evaluable")
        << changed([](DiseaseAssessment &a) { a.marrowBlastsPercent.reset(); }) << false << u"not_evaluable"_s << false;
    QTest::newRow("extramedullary not recorded: not evaluable")
        << changed([](DiseaseAssessment &a) { a.extramedullaryDisease.reset(); }) << false << u"not_evaluable"_s
        << false;
    QTest::newRow("relapse after CR: marrow 5%")
        << changed([](DiseaseAssessment &a) { a.marrowBlastsPercent = 5.0; }) << true << u"relapse"_s << false;
    QTest::newRow("relapse after CR: circulating blasts")
        << changed([](DiseaseAssessment &a) { a.circulatingBlasts = true; }) << true << u"relapse"_s << false;
    QTest::newRow("relapse after CR: extramedullary")
        << changed([](DiseaseAssessment &a) { a.extramedullaryDisease = true; }) << true << u"relapse"_s << false;
    QTest::newRow("relapse decided even with marrow missing")
        << changed([](DiseaseAssessment &a) { a.marrowBlastsPercent.reset(), a.extramedullaryDisease = true; }) << true
        << u"relapse"_s << false;
    QTest::newRow("continuing CR after CR") << remission() << true << u"cr"_s << false;
}

void TestResponse::classify()
{
    QFETCH(DiseaseAssessment, assessment);
    QFETCH(bool, previousCr);
    QFETCH(QString, category);
    QFETCH(bool, review);
    const ResponseResult r = classifyResponse(assessment, previousCr);
    QCOMPARE(responseCode(r.category), category);
    QCOMPARE(r.review, review);
    QVERIFY(!r.reasons.isEmpty());
}

void TestResponse::mrd_data()
{
    QTest::addColumn<MrdMeasurement>("measurement");
    QTest::addColumn<int>("status");

    const int neg = int(MrdStatus::Negative);
    const int pos = int(MrdStatus::Positive);
    const int ne = int(MrdStatus::NotEvaluable);
    QTest::newRow("flow 0 at 1e-4: negative") << measured(MrdMethod::Flow, 0.0, 1e-4) << neg;
    QTest::newRow("flow 0.009% at 1e-4: negative") << measured(MrdMethod::Flow, 9e-5, 1e-4) << neg;
    QTest::newRow("flow 0.01%: positive") << measured(MrdMethod::Flow, 1e-4, 1e-5) << pos;
    QTest::newRow("flow 0.5%: positive") << measured(MrdMethod::Flow, 5e-3, 1e-4) << pos;
    QTest::newRow("flow 0 at 1e-5: negative") << measured(MrdMethod::Flow, 0.0, 1e-5) << neg;
    QTest::newRow("flow 0 at 1e-3: not evaluable") << measured(MrdMethod::Flow, 0.0, 1e-3) << ne;
    QTest::newRow("flow sensitivity missing") << measured(MrdMethod::Flow, 0.0, std::nullopt) << ne;
    QTest::newRow("flow level missing") << measured(MrdMethod::Flow, std::nullopt, 1e-4) << ne;
    QTest::newRow("NGS 0 at 1e-6: negative") << measured(MrdMethod::Ngs, 0.0, 1e-6) << neg;
    QTest::newRow("NGS 0 at 1e-5: not evaluable") << measured(MrdMethod::Ngs, 0.0, 1e-5) << ne;
    QTest::newRow("NGS 1e-6: positive") << measured(MrdMethod::Ngs, 1e-6, 1e-6) << pos;
    QTest::newRow("NGS 5e-5 (negative by flow threshold): positive") << measured(MrdMethod::Ngs, 5e-5, 1e-6) << pos;
}

void TestResponse::mrd()
{
    QFETCH(MrdMeasurement, measurement);
    QFETCH(int, status);
    const MrdResult r = classifyMrd(measurement);
    QCOMPARE(int(r.status), status);
    QVERIFY(!r.reasons.isEmpty());
}

void TestResponse::randomization_data()
{
    QTest::addColumn<QList<ResponseAssessment>>("assessments");
    QTest::addColumn<bool>("eligible");
    QTest::addColumn<int>("qualifyingDay"); // -1: none

    const QDate d0(2025, 1, 10);
    const auto at = [d0](int day, ResponseCategory c, MrdStatus m) {
        return ResponseAssessment{d0.addDays(day), c, m};
    };
    using C = ResponseCategory;
    using M = MrdStatus;
    QTest::newRow("CR MRD- day 28") << QList{at(28, C::CompleteRemission, M::Negative)} << true << 28;
    QTest::newRow("MLFS MRD- day 84 (last day)")
        << QList{at(84, C::MorphologicLeukemiaFree, M::Negative)} << true << 84;
    QTest::newRow("MLFS MRD- day 85 (too late)")
        << QList{at(85, C::MorphologicLeukemiaFree, M::Negative)} << false << -1;
    QTest::newRow("CRi MRD-") << QList{at(56, C::CompleteRemissionIncompleteRecovery, M::Negative)} << true << 56;
    QTest::newRow("CR MRD+") << QList{at(28, C::CompleteRemission, M::Positive)} << false << -1;
    QTest::newRow("CR MRD not evaluable") << QList{at(28, C::CompleteRemission, M::NotEvaluable)} << false << -1;
    QTest::newRow("no response") << QList{at(28, C::NoResponse, M::Positive)} << false << -1;
    QTest::newRow("MRD+ then MRD- later in window")
        << QList{at(28, C::CompleteRemission, M::Positive), at(56, C::CompleteRemission, M::Negative)} << true << 56;
    QTest::newRow("qualified then relapsed")
        << QList{at(28, C::CompleteRemission, M::Negative), at(70, C::Relapse, M::Positive)} << false << 28;
    QTest::newRow("qualified then MRD+") << QList{at(28, C::CompleteRemission, M::Negative),
                                                  at(70, C::CompleteRemission, M::Positive)}
                                         << false << 28;
    QTest::newRow("assessment before infusion ignored")
        << QList{at(-3, C::CompleteRemission, M::Negative)} << false << -1;
    QTest::newRow("no assessments") << QList<ResponseAssessment>{} << false << -1;
}

void TestResponse::randomization()
{
    QFETCH(QList<ResponseAssessment>, assessments);
    QFETCH(bool, eligible);
    QFETCH(int, qualifyingDay);
    const QDate d0(2025, 1, 10);
    const RandomizationEligibility r = s1904RandomizationEligibility(d0, assessments);
    QCOMPARE(r.eligible, eligible);
    QCOMPARE(r.qualifyingDate ? int(d0.daysTo(*r.qualifyingDate)) : -1, qualifyingDay);
    QVERIFY(!r.reasons.isEmpty());
}

void TestResponse::orrCountsCrAndCri()
{
    QVERIFY(countsForOverallRemission(ResponseCategory::CompleteRemission));
    QVERIFY(countsForOverallRemission(ResponseCategory::CompleteRemissionIncompleteRecovery));
    QVERIFY(!countsForOverallRemission(ResponseCategory::MorphologicLeukemiaFree));
    QVERIFY(isMlfsOrBetter(ResponseCategory::MorphologicLeukemiaFree));
    QVERIFY(!isMlfsOrBetter(ResponseCategory::Relapse));
}

QTEST_GUILESS_MAIN(TestResponse)
#include "tst_response.moc"
