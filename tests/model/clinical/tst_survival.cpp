// Kaplan-Meier with Greenwood's variance and the log-log interval, numbers at
// risk, and the Aalen-Johansen cumulative incidence with a competing risk,
// against tables worked out by hand below (the arithmetic is in the comments),
// and, where R is installed, against R's survival::survfit on the same data.

#include "clinical/survival.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;
using namespace cellcrf::clinical;

namespace {

constexpr int C = kSurvivalCensored;
constexpr int E = kSurvivalEvent;
constexpr int K = kSurvivalCompeting; // competing event (non-relapse death)

// Ten subjects with ties: three at day 3 (two events, one censored), two at day 6
// (one event, one censored), two events at day 9.
QList<SurvivalTime> tenWithTies()
{
    return {{2, E}, {3, E}, {3, E}, {3, C}, {5, C}, {6, E}, {6, C}, {8, E}, {9, E}, {9, E}};
}

// Ten subjects, relapse (1) with non-relapse death (2) competing.
QList<SurvivalTime> relapseWithCompetingDeath()
{
    return {{1, E}, {2, K}, {2, C}, {3, E}, {4, E}, {4, C}, {5, K}, {6, E}, {7, C}, {8, K}};
}

// A larger fixed cohort with many ties, from a small linear congruential
// generator so it is the same on every machine.
QList<SurvivalTime> generatedCohort(bool competing)
{
    QList<SurvivalTime> subjects;
    quint32 x = 20240916u;
    const auto next = [&x] {
        x = x * 1103515245u + 12345u;
        return (x >> 16) & 0x7fffu;
    };
    for (int i = 0; i < 300; ++i) {
        const double days = next() % 61;
        const int draw = int(next() % 10);
        const int status = draw < 5 ? E : (competing && draw < 7 ? K : C);
        subjects.append({days, status});
    }
    return subjects;
}

struct ExpectedStep
{
    double days;
    int atRisk;
    int events;
    int censored;
    double survival;
    std::optional<double> variance;
    std::optional<double> lower;
    std::optional<double> upper;
};

void compareOptional(const std::optional<double> &actual, const std::optional<double> &expected, double tolerance,
                     const char *what, double days)
{
    const QByteArray where = QByteArray(what) + " at day " + QByteArray::number(days);
    QVERIFY2(actual.has_value() == expected.has_value(), where.constData());
    if (expected)
        QVERIFY2(std::abs(*actual - *expected) <= tolerance,
                 (where + ": " + QByteArray::number(*actual, 'g', 17) + " != " + QByteArray::number(*expected, 'g', 17))
                     .constData());
}

void compareSteps(const KaplanMeierEstimate &estimate, const QList<ExpectedStep> &expected, double tolerance)
{
    QCOMPARE(estimate.steps.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const KaplanMeierStep &s = estimate.steps.at(i);
        const ExpectedStep &e = expected.at(i);
        QCOMPARE(s.days, e.days);
        QCOMPARE(s.atRisk, e.atRisk);
        QCOMPARE(s.events, e.events);
        QCOMPARE(s.censored, e.censored);
        QVERIFY2(std::abs(s.survival - e.survival) <= tolerance, qPrintable(u"survival at day %1"_s.arg(e.days)));
        compareOptional(s.variance, e.variance, tolerance, "variance", e.days);
        if (QTest::currentTestFailed())
            return;
        compareOptional(s.lower95, e.lower, tolerance, "lower 95%", e.days);
        if (QTest::currentTestFailed())
            return;
        compareOptional(s.upper95, e.upper, tolerance, "upper 95%", e.days);
        if (QTest::currentTestFailed())
            return;
    }
}

// The data sets checked against R, by name: Kaplan-Meier (status 0/1) or
// cumulative incidence (status 0/1/2).
struct RDataSet
{
    QString name;
    bool competing = false;
    QList<SurvivalTime> subjects;
};

QList<RDataSet> rDataSets()
{
    return {{u"km: ten with ties"_s, false, tenWithTies()},
            {u"km: event and censoring at the same time"_s, false, {{5, E}, {5, C}, {7, E}}},
            {u"km: all censored"_s, false, {{1, C}, {2, C}, {2, C}, {3, C}}},
            {u"km: 300 generated, many ties"_s, false, generatedCohort(false)},
            {u"aj: relapse with competing death"_s, true, relapseWithCompetingDeath()},
            {u"aj: event and competing at the same time"_s, true, {{3, E}, {3, K}, {5, E}, {6, C}}},
            {u"aj: 300 generated, many ties"_s, true, generatedCohort(true)}};
}

// One R session for every data set (R takes seconds to start): each file is
// "km" or "aj" then its path; each output line starts with the data set's index.
// For Kaplan-Meier: time, n.risk, n.event, n.censor, surv, Greenwood variance of S
// (survfit's std.err is that of the cumulative hazard, so S x std.err is the
// standard error of S) and the log-log interval, NA where R leaves it undefined.
// For the cumulative incidence (a factor status gives Aalen-Johansen): time,
// n.risk and pstate = (event-free, state 1, state 2).
const char kRScript[] = R"R(suppressMessages(library(survival))
args <- commandArgs(TRUE)
for (i in seq(1, length(args), by = 2)) {
  d <- read.csv(args[i + 1])
  k <- (i - 1) / 2
  if (args[i] == "km") {
    f <- survfit(Surv(days, status) ~ 1, data = d, conf.type = "log-log")
    v <- (f$surv * f$std.err)^2
    cat(sprintf("%d %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g
", k, f$time, f$n.risk, f$n.event,
                f$n.censor, f$surv, v, f$lower, f$upper), sep = "")
  } else {
    f <- survfit(Surv(days, factor(status, 0:2)) ~ 1, data = d)
    cat(sprintf("%d %.17g %.17g %.17g %.17g %.17g
", k, f$time, f$n.risk[, 1], f$pstate[, 1], f$pstate[, 2],
                f$pstate[, 3]), sep = "")
  }
}
)R";

struct ROutput
{
    QString skip;             // why R could not be used
    QString failure;          // R was there but failed
    QList<QStringList> lines; // per data set, the fields of each line
};

ROutput runR(const QList<RDataSet> &sets)
{
    ROutput out;
    const QString rscript = QStandardPaths::findExecutable(u"Rscript"_s);
    if (rscript.isEmpty()) {
        out.skip = u"Rscript is not installed (Debian: r-base-core r-cran-survival)"_s;
        return out;
    }
    QTemporaryDir dir;
    if (!dir.isValid()) {
        out.failure = u"temporary folder failed"_s;
        return out;
    }
    QStringList args{u"--vanilla"_s, u"-e"_s, QString::fromUtf8(kRScript)};
    for (qsizetype i = 0; i < sets.size(); ++i) {
        QFile csv(dir.filePath(u"set%1.csv"_s.arg(i)));
        if (!csv.open(QIODevice::WriteOnly)) {
            out.failure = u"cannot write "_s + csv.fileName();
            return out;
        }
        csv.write("days,status\n");
        for (const SurvivalTime &s : sets.at(i).subjects)
            csv.write(QByteArray::number(s.days, 'g', 17) + ',' + QByteArray::number(s.status) + '\n');
        csv.close();
        args << (sets.at(i).competing ? u"aj"_s : u"km"_s) << csv.fileName();
    }

    QProcess r;
    r.start(rscript, args);
    if (!r.waitForFinished(300000)) {
        r.kill();
        r.waitForFinished();
        out.failure = u"Rscript did not finish"_s;
        return out;
    }
    const QString err = QString::fromUtf8(r.readAllStandardError());
    if (err.contains(u"there is no package called"_s)) {
        out.skip = u"R's survival package is not installed (Debian: r-cran-survival)"_s;
        return out;
    }
    if (r.exitStatus() != QProcess::NormalExit || r.exitCode() != 0) {
        out.failure = u"Rscript failed: "_s + err;
        return out;
    }
    out.lines.resize(sets.size());
    for (const QString &line : QString::fromUtf8(r.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts)) {
        QStringList fields = line.split(u' ');
        const int index = fields.takeFirst().toInt();
        if (index >= 0 && index < sets.size())
            out.lines[index].append(fields.join(u' '));
    }
    return out;
}

std::optional<double> rNumber(const QString &text)
{
    if (text == u"NA"_s || text == u"NaN"_s || text == u"Inf"_s)
        return std::nullopt;
    bool ok = false;
    const double v = text.toDouble(&ok);
    return ok ? std::optional<double>(v) : std::nullopt;
}

} // namespace

class TestSurvival : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void kaplanMeier_tiesAndGreenwood_matchHandTable();
    void kaplanMeier_eventsComeBeforeCensoringsAtTheSameTime();
    void kaplanMeier_allCensored();
    void kaplanMeier_singleSubject();
    void kaplanMeier_empty();
    void kaplanMeier_readAtChosenTimes_data();
    void kaplanMeier_readAtChosenTimes();
    void kaplanMeier_refusesCompetingAndBadTimes();
    void aalenJohansen_matchesHandTable();
    void aalenJohansen_eventAndCompetingAtTheSameTime();
    void aalenJohansen_edgeCases();
    void aalenJohansen_readAtChosenTimes();
    void aalenJohansen_refusesBadStatus();
    void matchesRSurvfit_data();
    void matchesRSurvfit();

private:
    std::optional<ROutput> m_r; // run once, on the first row that needs it
};

void TestSurvival::kaplanMeier_tiesAndGreenwood_matchHandTable()
{
    // n = at risk just before t (time >= t), d = events, c = censored at t.
    // S(t) = S(t-) x (n - d) / n. Greenwood: Var S = S² x Σ d / (n (n - d)).
    // Log-log 95%: exp(-exp(log(-log S) ∓ 1.959964 x sqrt(Σ) / |log S|)).
    //
    //  t   n  d  c  S                     Σ d/(n(n-d))                 Var = S² Σ
    //  2  10  1  0  9/10 = 0.9            1/90                          0.81/90 = 0.009
    //  3   9  2  1  0.9 x 7/9 = 0.7       1/90 + 2/63 = 27/630 = 3/70   0.49 x 3/70 = 0.021
    //  5   6  0  1  0.7                   3/70                          0.021
    //  6   5  1  1  0.7 x 4/5 = 0.56      3/70 + 1/20 = 13/140          0.3136 x 13/140 = 0.02912
    //  8   3  1  0  0.56 x 2/3 = 28/75    13/140 + 1/6 = 109/420        784/5625 x 109/420 = 0.0361718518...
    //  9   2  2  0  0                     d = n: infinite               undefined
    //
    // Interval at t = 2: log(-log 0.9) = -2.250367327, sqrt(1/90) / |log 0.9| x 1.959964 = 1.960870662,
    //   lower = exp(-exp(-2.250367327 + 1.960870662)) = 0.473009271362,
    //   upper = exp(-exp(-2.250367327 - 1.960870662)) = 0.985281393367.
    // t = 3: -1.030930433 ± 1.137593486 -> 0.328716593280, 0.891949041225.
    // t = 6: -0.545040164 ± 1.030062756 -> 0.197066961124, 0.813030830257.
    // t = 8: -0.014825757 ± 1.013387258 -> 0.066246384218, 0.699320942425.
    const auto estimate = kaplanMeier(tenWithTies());
    QVERIFY2(estimate.isOk(), qPrintable(estimate.message()));
    QCOMPARE(estimate.value().subjects, 10);
    QCOMPARE(estimate.value().events, 7);
    compareSteps(estimate.value(),
                 {{2, 10, 1, 0, 0.9, 0.009, 0.473009271362, 0.985281393367},
                  {3, 9, 2, 1, 0.7, 0.021, 0.328716593280, 0.891949041225},
                  {5, 6, 0, 1, 0.7, 0.021, 0.328716593280, 0.891949041225},
                  {6, 5, 1, 1, 0.56, 0.02912, 0.197066961124, 0.813030830257},
                  {8, 3, 1, 0, 28.0 / 75.0, 784.0 / 5625.0 * 109.0 / 420.0, 0.066246384218, 0.699320942425},
                  {9, 2, 2, 0, 0.0, std::nullopt, std::nullopt, std::nullopt}},
                 1e-11);
}

void TestSurvival::kaplanMeier_eventsComeBeforeCensoringsAtTheSameTime()
{
    // Day 5: one event and one censoring. The censored subject is still at risk
    // when the event happens: n = 3, S = 2/3 (censoring first would give n = 2,
    // S = 1/2). Σ = 1/(3 x 2) = 1/6, Var = (4/9)(1/6) = 2/27.
    // Interval: log(-log 2/3) = -0.902720456, shift 1.973417515 -> 0.054073426787, 0.945206387272.
    // Day 7: the last subject at risk has the event: S = 0, variance undefined.
    // The input order must not matter.
    for (const QList<SurvivalTime> &subjects :
         {QList<SurvivalTime>{{5, E}, {5, C}, {7, E}}, QList<SurvivalTime>{{7, E}, {5, C}, {5, E}}}) {
        const auto estimate = kaplanMeier(subjects);
        QVERIFY(estimate.isOk());
        compareSteps(estimate.value(),
                     {{5, 3, 1, 1, 2.0 / 3.0, 2.0 / 27.0, 0.054073426787, 0.945206387272},
                      {7, 1, 1, 0, 0.0, std::nullopt, std::nullopt, std::nullopt}},
                     1e-11);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestSurvival::kaplanMeier_allCensored()
{
    // No event: S = 1 throughout, variance 0, no interval on the log-log scale.
    const auto estimate = kaplanMeier({{1, C}, {2, C}, {2, C}, {3, C}});
    QVERIFY(estimate.isOk());
    QCOMPARE(estimate.value().events, 0);
    compareSteps(estimate.value(),
                 {{1, 4, 0, 1, 1.0, 0.0, std::nullopt, std::nullopt},
                  {2, 3, 0, 2, 1.0, 0.0, std::nullopt, std::nullopt},
                  {3, 1, 0, 1, 1.0, 0.0, std::nullopt, std::nullopt}},
                 0.0);
    const KaplanMeierPoint at10 = kaplanMeierAt(estimate.value(), 10);
    QCOMPARE(at10.survival, 1.0);
    QCOMPARE(at10.atRisk, 0);
    QVERIFY(at10.beyondFollowUp);
}

void TestSurvival::kaplanMeier_singleSubject()
{
    // One event: S drops from 1 to 0 (n = d = 1, variance undefined).
    const auto event = kaplanMeier({{4, E}});
    QVERIFY(event.isOk());
    compareSteps(event.value(), {{4, 1, 1, 0, 0.0, std::nullopt, std::nullopt, std::nullopt}}, 0.0);
    const KaplanMeierPoint before = kaplanMeierAt(event.value(), 3);
    QCOMPARE(before.survival, 1.0);
    QCOMPARE(before.atRisk, 1);
    QCOMPARE(before.variance, std::optional<double>(0.0));
    QVERIFY(!before.beyondFollowUp);
    // One censoring: S stays 1.
    const auto censored = kaplanMeier({{4, C}});
    QVERIFY(censored.isOk());
    compareSteps(censored.value(), {{4, 1, 0, 1, 1.0, 0.0, std::nullopt, std::nullopt}}, 0.0);
    // An event on the day of the origin counts.
    const auto dayZero = kaplanMeier({{0, E}, {10, C}});
    QVERIFY(dayZero.isOk());
    QCOMPARE(dayZero.value().steps.first().survival, 0.5);
}

void TestSurvival::kaplanMeier_empty()
{
    const auto estimate = kaplanMeier({});
    QVERIFY(estimate.isOk());
    QCOMPARE(estimate.value().subjects, 0);
    QVERIFY(estimate.value().steps.isEmpty());
    const KaplanMeierPoint p = kaplanMeierAt(estimate.value(), 30);
    QCOMPARE(p.survival, 1.0);
    QCOMPARE(p.atRisk, 0);
    QVERIFY(p.beyondFollowUp);
}

void TestSurvival::kaplanMeier_readAtChosenTimes_data()
{
    QTest::addColumn<double>("days");
    QTest::addColumn<int>("atRisk");
    QTest::addColumn<double>("survival");
    QTest::addColumn<bool>("beyond");

    // The ten subjects with ties; at risk at t = subjects with a time >= t.
    QTest::newRow("day 0: everyone at risk, S = 1") << 0.0 << 10 << 1.0 << false;
    QTest::newRow("day 1.5: before the first event") << 1.5 << 10 << 1.0 << false;
    QTest::newRow("day 2: the first event included") << 2.0 << 10 << 0.9 << false;
    QTest::newRow("day 3: 9 at risk, S = 0.7") << 3.0 << 9 << 0.7 << false;
    QTest::newRow("day 4: 6 at risk (times 5, 6, 6, 8, 9, 9)") << 4.0 << 6 << 0.7 << false;
    QTest::newRow("day 7: 3 at risk, S = 0.56") << 7.0 << 3 << 0.56 << false;
    QTest::newRow("day 9: 2 at risk, S = 0") << 9.0 << 2 << 0.0 << false;
    QTest::newRow("day 10: nobody followed") << 10.0 << 0 << 0.0 << true;
}

void TestSurvival::kaplanMeier_readAtChosenTimes()
{
    QFETCH(double, days);
    QFETCH(int, atRisk);
    QFETCH(double, survival);
    QFETCH(bool, beyond);
    const auto estimate = kaplanMeier(tenWithTies());
    QVERIFY(estimate.isOk());
    const KaplanMeierPoint p = kaplanMeierAt(estimate.value(), days);
    QCOMPARE(p.atRisk, atRisk);
    QVERIFY(std::abs(p.survival - survival) < 1e-12);
    QCOMPARE(p.beyondFollowUp, beyond);
    if (days >= 3.0 && days < 5.0) {
        QVERIFY(p.variance && std::abs(*p.variance - 0.021) < 1e-12);
        QVERIFY(p.lower95 && std::abs(*p.lower95 - 0.328716593280) < 1e-11);
    }
}

void TestSurvival::kaplanMeier_refusesCompetingAndBadTimes()
{
    const auto competing = kaplanMeier({{1, E}, {2, K}});
    QVERIFY(!competing.isOk());
    QCOMPARE(competing.status().code(), cellcrf::ErrorCode::InvalidInput);
    QVERIFY2(competing.message().contains(u"Subject 2"_s), qPrintable(competing.message()));
    QVERIFY(competing.message().contains(u"cumulative incidence"_s));
    const auto negative = kaplanMeier({{1, E}, {-1, C}});
    QVERIFY(!negative.isOk());
    QVERIFY2(negative.message().contains(u"Subject 2"_s), qPrintable(negative.message()));
    QVERIFY(!kaplanMeier({{std::nan(""), E}}).isOk());
    QVERIFY(!kaplanMeier({{INFINITY, C}}).isOk());
    QVERIFY(!kaplanMeier({{3, 7}}).isOk());
}

void TestSurvival::aalenJohansen_matchesHandTable()
{
    // Before each time, S(t-) is the probability of being free of both events.
    // Each event takes S(t-) x d/n; S(t) = S(t-) x (n - d1 - d2)/n.
    //
    //  t   n  d1 d2 c  S(t-)   relapse CI                     death CI                 S(t)
    //  1  10  1  0  0  1       1 x 1/10 = 0.1                 0                        0.9
    //  2   9  0  1  1  0.9     0.1                            0.9 x 1/9 = 0.1          0.9 x 8/9 = 0.8
    //  3   7  1  0  0  0.8     0.1 + 0.8/7 = 0.2142857...     0.1                      0.8 x 6/7 = 24/35
    //  4   6  1  0  1  24/35   + (24/35)/6 = 4/35: 0.3285714  0.1                      24/35 x 5/6 = 4/7
    //  5   4  0  1  0  4/7     0.3285714                      0.1 + (4/7)/4 = 0.2428571 4/7 x 3/4 = 3/7
    //  6   3  1  0  0  3/7     + (3/7)/3 = 1/7: 33/70         0.2428571                3/7 x 2/3 = 2/7
    //  7   2  0  0  1  2/7     33/70                          0.2428571                2/7
    //  8   1  0  1  0  2/7     33/70 = 0.4714286              + 2/7 = 37/70            0
    // Check: 33/70 + 37/70 + 0 = 1.
    const auto estimate = aalenJohansen(relapseWithCompetingDeath());
    QVERIFY2(estimate.isOk(), qPrintable(estimate.message()));
    const CumulativeIncidenceEstimate &e = estimate.value();
    QCOMPARE(e.subjects, 10);
    QCOMPARE(e.events, 4);
    QCOMPARE(e.competing, 3);
    struct Row
    {
        double days;
        int atRisk, events, competing, censored;
        double eventFree, incidence, competingIncidence;
    };
    const QList<Row> expected{{1, 10, 1, 0, 0, 0.9, 0.1, 0.0},
                              {2, 9, 0, 1, 1, 0.8, 0.1, 0.1},
                              {3, 7, 1, 0, 0, 24.0 / 35.0, 0.1 + 0.8 / 7.0, 0.1},
                              {4, 6, 1, 0, 1, 4.0 / 7.0, 0.1 + 0.8 / 7.0 + 4.0 / 35.0, 0.1},
                              {5, 4, 0, 1, 0, 3.0 / 7.0, 23.0 / 70.0, 0.1 + 1.0 / 7.0},
                              {6, 3, 1, 0, 0, 2.0 / 7.0, 33.0 / 70.0, 0.1 + 1.0 / 7.0},
                              {7, 2, 0, 0, 1, 2.0 / 7.0, 33.0 / 70.0, 0.1 + 1.0 / 7.0},
                              {8, 1, 0, 1, 0, 0.0, 33.0 / 70.0, 37.0 / 70.0}};
    QCOMPARE(e.steps.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const CumulativeIncidenceStep &s = e.steps.at(i);
        const Row &x = expected.at(i);
        QCOMPARE(s.days, x.days);
        QCOMPARE(s.atRisk, x.atRisk);
        QCOMPARE(s.events, x.events);
        QCOMPARE(s.competing, x.competing);
        QCOMPARE(s.censored, x.censored);
        QVERIFY2(std::abs(s.eventFree - x.eventFree) < 1e-12, qPrintable(u"event-free at %1"_s.arg(x.days)));
        QVERIFY2(std::abs(s.incidence - x.incidence) < 1e-12, qPrintable(u"incidence at %1"_s.arg(x.days)));
        QVERIFY2(std::abs(s.competingIncidence - x.competingIncidence) < 1e-12,
                 qPrintable(u"competing at %1"_s.arg(x.days)));
        // The three always add up to one.
        QVERIFY(std::abs(s.eventFree + s.incidence + s.competingIncidence - 1.0) < 1e-12);
    }
}

void TestSurvival::aalenJohansen_eventAndCompetingAtTheSameTime()
{
    // Day 3: n = 4, one relapse and one death: each takes 1 x 1/4; S = 2/4.
    // Day 5: n = 2, one relapse: + 0.5 x 1/2 = 0.25, so relapse 0.5; S = 0.25.
    // Day 6: the last subject is censored; nothing changes.
    const auto estimate = aalenJohansen({{3, E}, {3, K}, {5, E}, {6, C}});
    QVERIFY(estimate.isOk());
    const auto &steps = estimate.value().steps;
    QCOMPARE(steps.size(), 3);
    QCOMPARE(steps.at(0).incidence, 0.25);
    QCOMPARE(steps.at(0).competingIncidence, 0.25);
    QCOMPARE(steps.at(0).eventFree, 0.5);
    QCOMPARE(steps.at(1).incidence, 0.5);
    QCOMPARE(steps.at(1).eventFree, 0.25);
    QCOMPARE(steps.at(2).incidence, 0.5);
    QCOMPARE(steps.at(2).competingIncidence, 0.25);
    QCOMPARE(steps.at(2).censored, 1);
    // The Kaplan-Meier "1 - S" treating deaths as censoring would say 1 - (3/4 x 1/2) = 0.625 by day 5: more
    // than the 0.5 that can really have relapsed.
}

void TestSurvival::aalenJohansen_edgeCases()
{
    const auto censored = aalenJohansen({{5, C}, {9, C}});
    QVERIFY(censored.isOk());
    for (const CumulativeIncidenceStep &s : censored.value().steps) {
        QCOMPARE(s.incidence, 0.0);
        QCOMPARE(s.competingIncidence, 0.0);
        QCOMPARE(s.eventFree, 1.0);
    }
    const auto oneDeath = aalenJohansen({{12, K}});
    QVERIFY(oneDeath.isOk());
    QCOMPARE(oneDeath.value().steps.size(), 1);
    QCOMPARE(oneDeath.value().steps.first().competingIncidence, 1.0);
    QCOMPARE(oneDeath.value().steps.first().incidence, 0.0);
    const auto oneRelapse = aalenJohansen({{12, E}});
    QVERIFY(oneRelapse.isOk());
    QCOMPARE(oneRelapse.value().steps.first().incidence, 1.0);
    const auto empty = aalenJohansen({});
    QVERIFY(empty.isOk());
    QVERIFY(empty.value().steps.isEmpty());
    QVERIFY(cumulativeIncidenceAt(empty.value(), 10).beyondFollowUp);
}

void TestSurvival::aalenJohansen_readAtChosenTimes()
{
    const auto estimate = aalenJohansen(relapseWithCompetingDeath());
    QVERIFY(estimate.isOk());
    const CumulativeIncidencePoint start = cumulativeIncidenceAt(estimate.value(), 0);
    QCOMPARE(start.atRisk, 10);
    QCOMPARE(start.incidence, 0.0);
    const CumulativeIncidencePoint mid = cumulativeIncidenceAt(estimate.value(), 4.5);
    QCOMPARE(mid.atRisk, 4); // times 5, 6, 7, 8
    QVERIFY(std::abs(mid.incidence - 23.0 / 70.0) < 1e-12);
    QVERIFY(std::abs(mid.competingIncidence - 0.1) < 1e-12);
    const CumulativeIncidencePoint after = cumulativeIncidenceAt(estimate.value(), 100);
    QCOMPARE(after.atRisk, 0);
    QVERIFY(after.beyondFollowUp);
    QVERIFY(std::abs(after.incidence - 33.0 / 70.0) < 1e-12);
}

void TestSurvival::aalenJohansen_refusesBadStatus()
{
    const auto bad = aalenJohansen({{1, E}, {2, 3}});
    QVERIFY(!bad.isOk());
    QVERIFY2(bad.message().contains(u"Subject 2: status 3"_s), qPrintable(bad.message()));
    QVERIFY(!aalenJohansen({{-0.5, K}}).isOk());
}

void TestSurvival::matchesRSurvfit_data()
{
    QTest::addColumn<int>("set");
    const QList<RDataSet> sets = rDataSets();
    for (qsizetype i = 0; i < sets.size(); ++i)
        QTest::newRow(qPrintable(sets.at(i).name)) << int(i);
}

void TestSurvival::matchesRSurvfit()
{
    QFETCH(int, set);
    const QList<RDataSet> sets = rDataSets();
    if (!m_r)
        m_r = runR(sets);
    if (!m_r->skip.isEmpty())
        QSKIP(qPrintable(m_r->skip));
    QVERIFY2(m_r->failure.isEmpty(), qPrintable(m_r->failure));
    const QStringList &lines = m_r->lines.at(set);
    const RDataSet &data = sets.at(set);

    if (!data.competing) {
        const auto estimate = kaplanMeier(data.subjects);
        QVERIFY(estimate.isOk());
        QCOMPARE(lines.size(), estimate.value().steps.size());
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QStringList f = lines.at(i).split(u' ');
            QCOMPARE(f.size(), 8);
            const KaplanMeierStep &s = estimate.value().steps.at(i);
            QCOMPARE(s.days, f.at(0).toDouble());
            QCOMPARE(s.atRisk, f.at(1).toInt());
            QCOMPARE(s.events, f.at(2).toInt());
            QCOMPARE(s.censored, f.at(3).toInt());
            QVERIFY2(std::abs(s.survival - f.at(4).toDouble()) <= 1e-9, qPrintable(lines.at(i)));
            // R gives NaN (0 x Inf) where every subject at risk had the event.
            compareOptional(s.variance, rNumber(f.at(5)), 1e-9, "variance", s.days);
            compareOptional(s.lower95, rNumber(f.at(6)), 1e-9, "lower 95%", s.days);
            compareOptional(s.upper95, rNumber(f.at(7)), 1e-9, "upper 95%", s.days);
            if (QTest::currentTestFailed())
                return;
        }
        return;
    }
    const auto estimate = aalenJohansen(data.subjects);
    QVERIFY(estimate.isOk());
    QCOMPARE(lines.size(), estimate.value().steps.size());
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringList f = lines.at(i).split(u' ');
        QCOMPARE(f.size(), 5);
        const CumulativeIncidenceStep &s = estimate.value().steps.at(i);
        QCOMPARE(s.days, f.at(0).toDouble());
        QCOMPARE(s.atRisk, f.at(1).toInt());
        QVERIFY2(std::abs(s.eventFree - f.at(2).toDouble()) <= 1e-9, qPrintable(lines.at(i)));
        QVERIFY2(std::abs(s.incidence - f.at(3).toDouble()) <= 1e-9, qPrintable(lines.at(i)));
        QVERIFY2(std::abs(s.competingIncidence - f.at(4).toDouble()) <= 1e-9, qPrintable(lines.at(i)));
    }
}

QTEST_GUILESS_MAIN(TestSurvival)
#include "tst_survival.moc"
