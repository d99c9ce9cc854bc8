// ICAHT grading (EHA/EBMT 2023, as CLINICAL.md reads it) through the derivation
// contract: every duration boundary of the early table from both sides, bridging
// and splitting of episodes, days without a count, censoring, the late grade and
// the errors for input the rules cannot use.

#include "clinical/derivation.h"
#include "clinical/icaht.h"
#include "jsontestutil.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cellcrf::clinical;
using cellcrf::test::hasReason;
using cellcrf::test::reasonsText;
using cellcrf::test::with;

namespace {

// One character a day from day 0, so a row reads like the ward chart:
//   P = 50/µL (profound), X = exactly 100, Y = 101, L = 300 (low), E = exactly 500,
//   N = 501, H = 1200 (recovered), . = no count that day.
QJsonArray chart(const QString &days, int firstDay = 0)
{
    QJsonArray series;
    for (int i = 0; i < days.size(); ++i) {
        double anc = 0;
        switch (days.at(i).toLatin1()) {
        case 'P':
            anc = 50;
            break;
        case 'X':
            anc = 100;
            break;
        case 'Y':
            anc = 101;
            break;
        case 'L':
            anc = 300;
            break;
        case 'E':
            anc = 500;
            break;
        case 'N':
            anc = 501;
            break;
        case 'H':
            anc = 1200;
            break;
        case '.':
            continue;
        default:
            qFatal("unknown chart letter");
        }
        series.append(QJsonObject{{u"day"_s, firstDay + i}, {u"anc_per_ul"_s, anc}});
    }
    return series;
}

QString repeat(char c, int n)
{
    return QString(n, QLatin1Char(c));
}

// The chart for days 0-30: `start`, then recovered (H) up to day 30.
QString untilDay30(const QString &start)
{
    return start + repeat('H', 31 - int(start.size()));
}

QJsonObject input(const QJsonArray &series)
{
    return QJsonObject{{u"anc_series"_s, series}};
}

QJsonObject input(const QString &earlyChart)
{
    return input(chart(earlyChart));
}

// Days 0-30 recovered, plus the given late counts (day, ANC per µL).
QJsonObject lateCounts(std::initializer_list<std::pair<int, double>> counts)
{
    QJsonArray series = chart(untilDay30(QString()));
    for (const auto &[day, anc] : counts)
        series.append(QJsonObject{{u"day"_s, day}, {u"anc_per_ul"_s, anc}});
    return input(series);
}

QJsonObject precomputed(int le500, int le100)
{
    return QJsonObject{{u"days_anc_le_500_precomputed"_s, le500}, {u"days_anc_le_100_precomputed"_s, le100}};
}

} // namespace

class TestIcaht : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void registry_listsContractInputs();
    void early_data();
    void early();
    void late_data();
    void late();
    void invalidInput_givesErrorNamingField_data();
    void invalidInput_givesErrorNamingField();
    void episodes_bridgeShortBetterSpellsOnly();
    void gcsf_isRecordedAndProvisional();
};

void TestIcaht::registry_listsContractInputs()
{
    const DerivationInfo *info = findDerivation(u"icaht"_s);
    QVERIFY(info);
    for (const QString &name :
         {u"anc_series"_s, u"days_anc_le_500_precomputed"_s, u"days_anc_le_100_precomputed"_s, u"censor_day"_s,
          u"censor_reason"_s, u"gcsf_given"_s, u"gcsf_days"_s, u"late_window_end_day"_s})
        QVERIFY2(info->inputs.contains(name), qPrintable(name));
    for (const QString &name : {u"early_icaht_grade"_s, u"late_icaht_grade"_s, u"days_anc_le_500"_s,
                                u"days_anc_le_100"_s, u"days_anc_le_500_total"_s, u"days_anc_le_100_total"_s})
        QVERIFY2(info->outputs.contains(name), qPrintable(name));
}

void TestIcaht::early_data()
{
    QTest::addColumn<QJsonObject>("in");
    QTest::addColumn<int>("grade");
    QTest::addColumn<int>("daysLe500");
    QTest::addColumn<int>("daysLe100");
    QTest::addColumn<int>("total500"); // -1: not in the output
    QTest::addColumn<bool>("review");
    QTest::addColumn<QString>("reason");

    // ANC <= 500 row: 1-6 days grade 1, 7-13 grade 2, 14-30 grade 3, all 31 grade 4.
    QTest::newRow("never at or below 500: grade 0")
        << input(untilDay30(QString())) << 0 << 0 << 0 << 0 << false << u"No day with ANC ≤ 500/µL"_s;
    QTest::newRow("1 day <= 500: grade 1")
        << input(untilDay30(u"L"_s)) << 1 << 1 << 0 << 1 << false << u"ANC ≤ 500/µL for 1 day(s) (1–6 days): grade 1"_s;
    QTest::newRow("6 days <= 500: grade 1")
        << input(untilDay30(repeat('L', 6))) << 1 << 6 << 0 << 6 << false << u"(1–6 days): grade 1"_s;
    QTest::newRow("7 days <= 500: grade 2") << input(untilDay30(repeat('L', 7))) << 2 << 7 << 0 << 7 << false
                                            << u"ANC ≤ 500/µL for 7 day(s) (7–13 days): grade 2"_s;
    QTest::newRow("13 days <= 500: grade 2")
        << input(untilDay30(repeat('L', 13))) << 2 << 13 << 0 << 13 << false << u"(7–13 days): grade 2"_s;
    QTest::newRow("14 days <= 500: grade 3")
        << input(untilDay30(repeat('L', 14))) << 3 << 14 << 0 << 14 << false << u"(14–30 days): grade 3"_s;
    QTest::newRow("30 days <= 500, above on day 30: grade 3")
        << input(untilDay30(repeat('L', 30))) << 3 << 30 << 0 << 30 << false << u"(14–30 days): grade 3"_s;
    QTest::newRow("all 31 days <= 500 (never above): grade 4")
        << input(repeat('L', 31)) << 4 << 31 << 0 << 31 << false << u"never above 500/µL"_s;
    QTest::newRow("low episode starting on day 10, 7 days: grade 2")
        << input(untilDay30(repeat('H', 10) + repeat('L', 7))) << 2 << 7 << 0 << 7 << false
        << u"days 10–16 (7 day(s))"_s;

    // Exactly on the threshold counts as low.
    QTest::newRow("exactly 500 for 7 days counts: grade 2")
        << input(untilDay30(repeat('E', 7))) << 2 << 7 << 0 << 7 << false << u"(7–13 days): grade 2"_s;
    QTest::newRow("501 for 7 days does not count: grade 0")
        << input(untilDay30(repeat('N', 7))) << 0 << 0 << 0 << 0 << false << u"No day with ANC ≤ 500/µL"_s;
    QTest::newRow("exactly 0.5 x10^9/L counts as 500: grade 2") << input([] {
        QJsonArray s;
        for (int day = 0; day <= 30; ++day)
            s.append(QJsonObject{{u"day"_s, day}, {u"anc_e9_per_l"_s, day < 7 ? 0.5 : 1.5}});
        return s;
    }()) << 2 << 7 << 0 << 7 << false << u"(7–13 days): grade 2"_s;

    // ANC <= 100 row: 7-13 days grade 3, 14 or more grade 4.
    QTest::newRow("6 days <= 100 (and <= 500): grade 1")
        << input(untilDay30(repeat('P', 6))) << 1 << 6 << 6 << 6 << false << u"(fewer than 7): no grade"_s;
    QTest::newRow("7 days <= 100: grade 3 (the 500 row gives 2)")
        << input(untilDay30(repeat('P', 7))) << 3 << 7 << 7 << 7 << false
        << u"ANC ≤ 100/µL for 7 day(s) (7–13 days): grade 3"_s;
    QTest::newRow("13 days <= 100: grade 3") << input(untilDay30(repeat('P', 13))) << 3 << 13 << 13 << 13 << false
                                             << u"ANC ≤ 100/µL for 13 day(s) (7–13 days): grade 3"_s;
    QTest::newRow("14 days <= 100: grade 4 (the 500 row gives 3)")
        << input(untilDay30(repeat('P', 14))) << 4 << 14 << 14 << 14 << false
        << u"ANC ≤ 100/µL for 14 day(s) (14 days or more): grade 4"_s;
    QTest::newRow("exactly 100 for 7 days counts: grade 3")
        << input(untilDay30(repeat('X', 7))) << 3 << 7 << 7 << 7 << false << u"(7–13 days): grade 3"_s;
    QTest::newRow("101 for 7 days is only <= 500: grade 2")
        << input(untilDay30(repeat('Y', 7))) << 2 << 7 << 0 << 7 << false << u"No day with ANC ≤ 100/µL"_s;
    QTest::newRow("early grade is the higher row: 5 days <= 100 inside 14 <= 500: grade 3")
        << input(untilDay30(repeat('P', 5) + repeat('L', 9))) << 3 << 14 << 5 << 14 << false
        << u"Early ICAHT is the higher of the two rows: grade 3"_s;

    // Bridging: recovery counts only after 3 days in a row above the threshold.
    QTest::newRow("5 low + 2 better + 5 low bridged: 12 days, grade 2")
        << input(untilDay30(u"LLLLLHHLLLLL"_s)) << 2 << 12 << 0 << 12 << false
        << u"days 0–11 (12 day(s)), counting 2 better day(s) in between as low"_s;
    QTest::newRow("6 low + 1 better + 7 low bridged: 14 days, grade 3")
        << input(untilDay30(u"LLLLLLHLLLLLLL"_s)) << 3 << 14 << 0 << 14 << false << u"counting 1 better day(s)"_s;
    QTest::newRow("5 low + 3 better + 5 low split: longest 5 (grade 1), total 10 (grade 2): review")
        << input(untilDay30(u"LLLLLHHHLLLLL"_s)) << 1 << 5 << 0 << 10 << true
        << u"the longest gives grade 1, but all low days together (10 days ≤ 500/µL, 0 days ≤ 100/µL) would give "
           "grade 2"_s;
    QTest::newRow("3 low + 3 better + 3 low split, same grade either way: no review")
        << input(untilDay30(u"LLLHHHLLL"_s)) << 1 << 3 << 0 << 6 << false << u"(1–6 days): grade 1"_s;
    QTest::newRow("profound spells bridged by 2 days at 300: 16 days <= 100, grade 4")
        << input(untilDay30(u"PPPPPPPLLPPPPPPP"_s)) << 4 << 16 << 16 << 16 << false << u"(14 days or more): grade 4"_s;
    QTest::newRow("profound spells split by 3 days at 300: 7 days <= 100, grade 3")
        << input(untilDay30(u"PPPPPPPLLLPPPPPP"_s)) << 3 << 16 << 7 << 16 << false
        << u"ANC ≤ 100/µL for 7 day(s) (7–13 days): grade 3"_s;
    QTest::newRow("31 days only by bridging: grade 4 proposed, review")
        << input(repeat('L', 14) + u"HH"_s + repeat('L', 15)) << 4 << 31 << 0 << 31 << true
        << u"All 31 days count as low only because 2 better day(s) were bridged"_s;

    // One value per day: the lowest.
    QTest::newRow("several counts a day: the lowest is used") << input([] {
        QJsonArray s = chart(untilDay30(QString()));
        for (int day = 0; day < 7; ++day)
            s.append(QJsonObject{{u"day"_s, day}, {u"anc_per_ul"_s, 450}});
        return s;
    }()) << 2 << 7 << 0 << 7 << false << u"the lowest is used"_s;

    // Days without a count.
    QTest::newRow("missing day between two low counts is low: 7 days, grade 2")
        << input(untilDay30(u"LLL.LLL"_s)) << 2 << 7 << 0 << 7 << false << u"days 0–6 (7 day(s))"_s;
    QTest::newRow("missing day between low and normal is unknown and changes the grade: review")
        << input(untilDay30(u"LLLLLL."_s)) << 1 << 6 << 0 << 6 << true
        << u"No count on day 6 next to a normal count: these days are counted as not low, but if they were low the "
           "early grade would be 2; grade 1 proposed"_s;
    QTest::newRow("unknown day that does not change the grade: no review")
        << input(untilDay30(u"LLL.HH"_s)) << 1 << 3 << 0 << 3 << false
        << u"the grade would be the same if they were low"_s;
    QTest::newRow("missing days between two normal counts are normal")
        << input(u"H..H"_s + repeat('L', 6) + repeat('H', 21)) << 1 << 6 << 0 << 6 << false << u"days 4–9"_s;
    QTest::newRow("counts stop on day 9 while low: later days unknown, review")
        << input(repeat('L', 10)) << 2 << 10 << 0 << 10 << true << u"No count on days 10–30"_s;
    QTest::newRow("first count on day 3, normal: days 0-2 unknown and could make grade 1, review")
        << input(u"..."_s + repeat('H', 28)) << 0 << 0 << 0 << 0 << true
        << u"No count on days 0–2 next to a normal count: these days are counted as not low, but if they were low "
           "the early grade would be 1"_s;
    QTest::newRow("normal count before infusion and on day 3: days 0-2 normal")
        << input(chart(u"H..."_s + repeat('H', 28), -1)) << 0 << 0 << 0 << 0 << false << u"grade 0"_s;

    // Censoring: counts after death, progression, relapse or next therapy are ignored.
    QTest::newRow("death on day 10 while still neutropenic: duration grade, review")
        << with(input(repeat('P', 31)), {{u"censor_day"_s, 10}, {u"censor_reason"_s, u"death"_s}}) << 3 << 11 << 11
        << 11 << true << u"Follow-up stopped on day 10 (death) before the ANC had stayed above 500/µL"_s;
    QTest::newRow("next therapy on day 7 after a 5-day episode and recovery: counts after ignored, no review")
        << with(input(u"LLLLLHHH"_s + repeat('L', 23)), {{u"censor_day"_s, 7}, {u"censor_reason"_s, u"next_therapy"_s}})
        << 1 << 5 << 0 << 5 << false << u"Counts after day 7 (the next line of therapy) are not used: 23 ignored"_s;
    QTest::newRow("relapse on day 20 one day after a better count: not recovered, review")
        << with(input(repeat('L', 20) + u"H"_s + repeat('H', 10)),
                {{u"censor_day"_s, 20}, {u"censor_reason"_s, u"relapse"_s}})
        << 3 << 20 << 0 << 20 << true << u"grade 4 (never recovered)"_s;
    QTest::newRow("progression on day 30 is not before day 30: no censoring review")
        << with(input(repeat('L', 31)), {{u"censor_day"_s, 30}, {u"censor_reason"_s, u"progression"_s}}) << 4 << 31 << 0
        << 31 << false << u"never above 500/µL"_s;

    // Precomputed durations, when there is no series.
    QTest::newRow("precomputed 6/0: grade 1")
        << precomputed(6, 0) << 1 << 6 << 0 << -1 << false << u"Durations entered without the daily counts"_s;
    QTest::newRow("precomputed 7/0: grade 2") << precomputed(7, 0) << 2 << 7 << 0 << -1 << false << u"grade 2"_s;
    QTest::newRow("precomputed 13/0: grade 2") << precomputed(13, 0) << 2 << 13 << 0 << -1 << false << u"grade 2"_s;
    QTest::newRow("precomputed 14/0: grade 3") << precomputed(14, 0) << 3 << 14 << 0 << -1 << false << u"grade 3"_s;
    QTest::newRow("precomputed 30/0: grade 3") << precomputed(30, 0) << 3 << 30 << 0 << -1 << false << u"grade 3"_s;
    QTest::newRow("precomputed 31/0: grade 4") << precomputed(31, 0) << 4 << 31 << 0 << -1 << false << u"grade 4"_s;
    QTest::newRow("precomputed 7/6: grade 2") << precomputed(7, 6) << 2 << 7 << 6 << -1 << false << u"grade 2"_s;
    QTest::newRow("precomputed 7/7: grade 3") << precomputed(7, 7) << 3 << 7 << 7 << -1 << false << u"grade 3"_s;
    QTest::newRow("precomputed 14/13: grade 3") << precomputed(14, 13) << 3 << 14 << 13 << -1 << false << u"grade 3"_s;
    QTest::newRow("precomputed 14/14: grade 4") << precomputed(14, 14) << 4 << 14 << 14 << -1 << false << u"grade 4"_s;
    QTest::newRow("precomputed 0/0: grade 0") << precomputed(0, 0) << 0 << 0 << 0 << -1 << false << u"grade 0"_s;
    QTest::newRow("precomputed with death on day 12: review")
        << with(precomputed(10, 0), {{u"censor_day"_s, 12}, {u"censor_reason"_s, u"death"_s}}) << 2 << 10 << 0 << -1
        << true << u"cannot be seen whether the ANC had recovered"_s;
}

void TestIcaht::early()
{
    QFETCH(QJsonObject, in);
    QFETCH(int, grade);
    QFETCH(int, daysLe500);
    QFETCH(int, daysLe100);
    QFETCH(int, total500);
    QFETCH(bool, review);
    QFETCH(QString, reason);

    const QJsonObject out = derive(u"icaht"_s, in);
    QVERIFY2(!out.contains(u"error"_s), qPrintable(out.value(u"error"_s).toString()));
    QCOMPARE(out.value(u"early_icaht_grade"_s).toInt(-1), grade);
    QCOMPARE(out.value(u"days_anc_le_500"_s).toInt(-1), daysLe500);
    QCOMPARE(out.value(u"days_anc_le_100"_s).toInt(-1), daysLe100);
    QCOMPARE(out.value(u"days_anc_le_500_total"_s).toInt(-1), total500);
    QCOMPARE(out.contains(u"days_anc_le_100_total"_s), total500 >= 0);
    QVERIFY(out.value(u"days_anc_le_100_total"_s).toInt(0) <= out.value(u"days_anc_le_500_total"_s).toInt(0));
    QVERIFY2(out.value(u"review"_s).toBool() == review, qPrintable(reasonsText(out)));
    QVERIFY2(hasReason(out, reason), qPrintable(reasonsText(out)));
}

void TestIcaht::late_data()
{
    QTest::addColumn<QJsonObject>("in");
    QTest::addColumn<int>("grade"); // -1: not_evaluable
    QTest::addColumn<bool>("review");
    QTest::addColumn<QString>("reason");

    // Second-lowest value after day 30: <= 1500 grade 1, <= 1000 grade 2, <= 500 grade 3, <= 100 grade 4.
    QTest::newRow("1501 twice: grade 0") << lateCounts({{35, 1501}, {42, 1501}}) << 0 << false
                                         << u"above 1500/µL: grade 0"_s;
    QTest::newRow("exactly 1500 twice: grade 1")
        << lateCounts({{35, 1500}, {42, 1500}}) << 1 << false << u"1500/µL on day 42, is ≤ 1500/µL: grade 1"_s;
    QTest::newRow("1001 twice: grade 1") << lateCounts({{35, 1001}, {42, 1001}}) << 1 << false << u"grade 1"_s;
    QTest::newRow("exactly 1000 twice: grade 2")
        << lateCounts({{35, 1000}, {42, 1000}}) << 2 << false << u"≤ 1000/µL: grade 2"_s;
    QTest::newRow("501 twice: grade 2") << lateCounts({{35, 501}, {42, 501}}) << 2 << false << u"grade 2"_s;
    QTest::newRow("exactly 500 twice: grade 3")
        << lateCounts({{35, 500}, {42, 500}}) << 3 << false << u"≤ 500/µL: grade 3"_s;
    QTest::newRow("101 twice: grade 3") << lateCounts({{35, 101}, {42, 101}}) << 3 << false << u"grade 3"_s;
    QTest::newRow("exactly 100 twice: grade 4")
        << lateCounts({{35, 100}, {42, 100}}) << 4 << false << u"≤ 100/µL: grade 4"_s;
    QTest::newRow("second-lowest decides: 400 and 900 give grade 2, the 400 alone would give 3: review")
        << lateCounts({{35, 400}, {42, 900}, {49, 2000}}) << 2 << true
        << u"One lower count alone (400/µL on day 35) would give grade 3"_s;
    QTest::newRow("one low value among higher ones: grade 0, review")
        << lateCounts({{35, 300}, {42, 2000}, {49, 2500}}) << 0 << true << u"a single low value is not enough"_s;
    QTest::newRow("two counts the same day are one value: not evaluable, review")
        << lateCounts({{35, 800}, {35, 900}}) << -1 << true << u"Only one count after day 30 (800/µL on day 35)"_s;
    QTest::newRow("only one count after day 30: not evaluable, review")
        << lateCounts({{60, 700}}) << -1 << true << u"at least two are needed"_s;
    QTest::newRow("no count after day 30: not evaluable")
        << lateCounts({}) << -1 << false << u"No count after day 30"_s;
    QTest::newRow("day 30 is early, not late")
        << lateCounts({{30, 1300}, {31, 300}}) << -1 << true << u"Only one count after day 30"_s;
    QTest::newRow("late window end: counts after it not used")
        << with(lateCounts({{40, 800}, {50, 900}, {120, 200}, {130, 200}}), {{u"late_window_end_day"_s, 100}}) << 2
        << false << u"2 day(s) with counts after day 100 not used"_s;
    QTest::newRow("late window end day itself is inside")
        << with(lateCounts({{40, 800}, {100, 900}}), {{u"late_window_end_day"_s, 100}}) << 2 << false
        << u"from day 31 to day 100"_s;
    QTest::newRow("no late window end: every late count used")
        << lateCounts({{40, 2000}, {400, 90}, {500, 90}}) << 4 << false << u"the study sets no end"_s;
    QTest::newRow("counts after relapse ignored")
        << with(lateCounts({{40, 2000}, {50, 1800}, {60, 200}, {70, 200}}),
                {{u"censor_day"_s, 55}, {u"censor_reason"_s, u"relapse"_s}})
        << 0 << false << u"Counts after day 55 (relapse) are not used: 2 ignored"_s;
    QTest::newRow("death before day 31: late not evaluable")
        << with(lateCounts({{40, 300}, {50, 300}}), {{u"censor_day"_s, 25}, {u"censor_reason"_s, u"death"_s}}) << -1
        << false << u"Follow-up stopped on day 25 (death), before day 31"_s;
}

void TestIcaht::late()
{
    QFETCH(QJsonObject, in);
    QFETCH(int, grade);
    QFETCH(bool, review);
    QFETCH(QString, reason);

    const QJsonObject out = derive(u"icaht"_s, in);
    QVERIFY2(!out.contains(u"error"_s), qPrintable(out.value(u"error"_s).toString()));
    QCOMPARE(out.value(u"early_icaht_grade"_s).toInt(-1), 0);
    if (grade < 0)
        QCOMPARE(out.value(u"late_icaht_grade"_s).toString(), u"not_evaluable"_s);
    else
        QCOMPARE(out.value(u"late_icaht_grade"_s).toInt(-1), grade);
    QVERIFY2(out.value(u"review"_s).toBool() == review, qPrintable(reasonsText(out)));
    QVERIFY2(hasReason(out, reason), qPrintable(reasonsText(out)));
}

void TestIcaht::invalidInput_givesErrorNamingField_data()
{
    QTest::addColumn<QJsonObject>("in");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");

    const QJsonObject ok = input(untilDay30(u"LLL"_s));
    const auto entry = [&ok](const QJsonObject &e) {
        QJsonArray s = ok.value(u"anc_series"_s).toArray();
        s.append(e);
        return input(s);
    };
    QTest::newRow("neither series nor durations") << QJsonObject() << u"anc_series"_s << u"anc_series is required"_s;
    QTest::newRow("empty series") << input(QJsonArray()) << u"anc_series"_s << u"anc_series is required"_s;
    QTest::newRow("no count in days 0-30, only later")
        << input(chart(u"LLL"_s, 31)) << u"anc_series"_s << u"no count from day 0"_s;
    QTest::newRow("no count in days 0-30, only before infusion")
        << input(chart(u"LLL"_s, -5)) << u"anc_series"_s << u"no count from day 0"_s;
    QTest::newRow("no count up to the censoring day")
        << with(input(chart(u"LLL"_s, 10)), {{u"censor_day"_s, 5}, {u"censor_reason"_s, u"death"_s}}) << u"anc_series"_s
        << u"to day 5"_s;
    QTest::newRow("series not a list") << QJsonObject{{u"anc_series"_s, 300}} << u"anc_series"_s << u"a list"_s;
    QTest::newRow("entry not an object") << input(QJsonArray{300}) << u"anc_series[0]"_s << u"must be an object"_s;
    QTest::newRow("entry without day") << entry({{u"anc_per_ul"_s, 300}}) << u"anc_series[31].day"_s
                                       << u"is required"_s;
    QTest::newRow("entry without count") << entry({{u"day"_s, 3}}) << u"anc_series[31].anc_per_ul"_s
                                         << u"is required"_s;
    QTest::newRow("entry with both units") << entry({{u"day"_s, 3}, {u"anc_per_ul"_s, 300}, {u"anc_e9_per_l"_s, 0.3}})
                                           << u"anc_series[31].anc_e9_per_l"_s << u"give one"_s;
    QTest::newRow("entry with unknown key")
        << entry({{u"day"_s, 3}, {u"anc"_s, 300}}) << u"anc_series[31].anc"_s << u"not a known item"_s;
    QTest::newRow("day 2.5") << entry({{u"day"_s, 2.5}, {u"anc_per_ul"_s, 300}}) << u"anc_series[31].day"_s
                             << u"a whole number"_s;
    QTest::newRow("ANC as text") << entry({{u"day"_s, 3}, {u"anc_per_ul"_s, u"300"_s}})
                                 << u"anc_series[31].anc_per_ul"_s << u"a number"_s;
    QTest::newRow("negative ANC") << entry({{u"day"_s, 3}, {u"anc_per_ul"_s, -1}}) << u"anc_series[31].anc_per_ul"_s
                                  << u"out of range"_s;
    QTest::newRow("ANC per µL entered as x10^9/L range")
        << entry({{u"day"_s, 3}, {u"anc_e9_per_l"_s, 300}}) << u"anc_series[31].anc_e9_per_l"_s << u"out of range"_s;
    QTest::newRow("precomputed duration over 31 days")
        << precomputed(32, 0) << u"days_anc_le_500_precomputed"_s << u"more than the 31 days"_s;
    QTest::newRow("precomputed <= 100 over 31 days")
        << precomputed(31, 32) << u"days_anc_le_100_precomputed"_s << u"more than the 31 days"_s;
    QTest::newRow("precomputed days <= 100 more than days <= 500")
        << precomputed(7, 8) << u"days_anc_le_100_precomputed"_s << u"cannot be more than"_s;
    QTest::newRow("precomputed <= 500 without <= 100")
        << QJsonObject{{u"days_anc_le_500_precomputed"_s, 7}} << u"days_anc_le_100_precomputed"_s << u"is required"_s;
    QTest::newRow("precomputed <= 100 without <= 500")
        << QJsonObject{{u"days_anc_le_100_precomputed"_s, 0}} << u"days_anc_le_500_precomputed"_s << u"is required"_s;
    QTest::newRow("precomputed negative")
        << precomputed(-1, 0) << u"days_anc_le_500_precomputed"_s << u"out of range"_s;
    QTest::newRow("precomputed longer than the days before death")
        << with(precomputed(20, 0), {{u"censor_day"_s, 9}, {u"censor_reason"_s, u"death"_s}})
        << u"days_anc_le_500_precomputed"_s << u"more than the 10 days from day 0 to censor_day 9"_s;
    QTest::newRow("precomputed and early counts together")
        << with(ok, {{u"days_anc_le_500_precomputed"_s, 7}, {u"days_anc_le_100_precomputed"_s, 0}})
        << u"days_anc_le_500_precomputed"_s << u"already has counts in days 0–30"_s;
    QTest::newRow("censor day without reason")
        << with(ok, {{u"censor_day"_s, 10}}) << u"censor_reason"_s << u"is required with censor_day"_s;
    QTest::newRow("censor reason without day")
        << with(ok, {{u"censor_reason"_s, u"death"_s}}) << u"censor_day"_s << u"is required with censor_reason"_s;
    QTest::newRow("censor reason unknown") << with(ok, {{u"censor_day"_s, 10}, {u"censor_reason"_s, u"sepsis"_s}})
                                           << u"censor_reason"_s << u"not a known code"_s;
    QTest::newRow("censor day before infusion")
        << with(ok, {{u"censor_day"_s, -1}, {u"censor_reason"_s, u"death"_s}}) << u"censor_day"_s << u"out of range"_s;
    QTest::newRow("late window ending on day 30")
        << with(ok, {{u"late_window_end_day"_s, 30}}) << u"late_window_end_day"_s << u"out of range"_s;
    QTest::newRow("G-CSF days but G-CSF not given")
        << with(ok, {{u"gcsf_given"_s, false}, {u"gcsf_days"_s, QJsonArray{3, 4}}}) << u"gcsf_days"_s
        << u"gcsf_given is false"_s;
    QTest::newRow("G-CSF day as text") << with(ok, {{u"gcsf_days"_s, QJsonArray{u"3"_s}}}) << u"gcsf_days[0]"_s
                                       << u"a number"_s;
    QTest::newRow("G-CSF given as text") << with(ok, {{u"gcsf_given"_s, u"yes"_s}}) << u"gcsf_given"_s
                                         << u"true or false"_s;
    QTest::newRow("misspelt input") << with(ok, {{u"censor_days"_s, 3}}) << u"censor_days"_s
                                    << u"not an input of this derivation"_s;
}

void TestIcaht::invalidInput_givesErrorNamingField()
{
    QFETCH(QJsonObject, in);
    QFETCH(QString, field);
    QFETCH(QString, message);

    const QJsonObject out = derive(u"icaht"_s, in);
    QCOMPARE(out.value(u"field"_s).toString(), field);
    QVERIFY2(out.value(u"error"_s).toString().contains(message), qPrintable(out.value(u"error"_s).toString()));
    QVERIFY(!out.contains(u"early_icaht_grade"_s));
    QVERIFY(!out.contains(u"late_icaht_grade"_s));
    QVERIFY(!out.contains(u"reasons"_s));
}

void TestIcaht::episodes_bridgeShortBetterSpellsOnly()
{
    // low, low, better, better, low | better x3 | low
    const QList<bool> days{true, true, false, false, true, false, false, false, true};
    const QList<IcahtEpisode> episodes = icahtEpisodes(days, 0);
    QCOMPARE(episodes.size(), 2);
    QCOMPARE(episodes.at(0).firstDay, 0);
    QCOMPARE(episodes.at(0).lastDay, 4);
    QCOMPARE(episodes.at(0).days(), 5);
    QCOMPARE(episodes.at(1).firstDay, 8);
    QCOMPARE(episodes.at(1).days(), 1);
    // Better days at the start or end are never part of an episode.
    const QList<IcahtEpisode> edges = icahtEpisodes({false, true, false, false}, 10);
    QCOMPARE(edges.size(), 1);
    QCOMPARE(edges.at(0).firstDay, 11);
    QCOMPARE(edges.at(0).lastDay, 11);
    QVERIFY(icahtEpisodes({false, false}, 0).isEmpty());
}

void TestIcaht::gcsf_isRecordedAndProvisional()
{
    const QJsonObject out =
        derive(u"icaht"_s, with(input(untilDay30(repeat('L', 7))), {{u"gcsf_days"_s, QJsonArray{5, 3, 4}}}));
    QVERIFY2(!out.contains(u"error"_s), qPrintable(out.value(u"error"_s).toString()));
    QCOMPARE(out.value(u"early_icaht_grade"_s).toInt(), 2); // graded as measured
    QVERIFY2(hasReason(out, u"G-CSF was given on days 3–5: counts under G-CSF are graded as measured (provisional"_s),
             qPrintable(reasonsText(out)));
    const QJsonObject given = derive(u"icaht"_s, with(input(untilDay30(u"L"_s)), {{u"gcsf_given"_s, true}}));
    QVERIFY2(hasReason(given, u"G-CSF was given: counts under G-CSF are graded as measured (provisional"_s),
             qPrintable(reasonsText(given)));
    const QJsonObject none = derive(u"icaht"_s, input(untilDay30(u"L"_s)));
    QVERIFY(!hasReason(none, u"G-CSF"_s));
}

QTEST_GUILESS_MAIN(TestIcaht)
#include "tst_icaht.moc"
