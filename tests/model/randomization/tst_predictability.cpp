// Predictability and balance (RANDOMIZATION.md §3.3, §3.10): the convergence-strategy
// guess, the block-state tracker against a brute-force parser of the history, and the
// figures of §3.3 reproduced from pbr-v1 lists.

#include "randomization/listgenerator.h"
#include "randomization/predictability.h"
#include "study/studyloader.h"
#include "testsupport.h"

#include <QSet>
#include <QTest>

#include <cmath>
#include <functional>
#include <numeric>

using namespace cellcrf;
using namespace cellcrf::randomization;
using namespace Qt::StringLiterals;

namespace {

const QList<int> twoToOne{2, 1};

study::RandomizationScheme s1904Scheme(const QList<int> &blockSizes = {})
{
    auto study = study::StudyLoader::load(test::studyDir(u"s1904"_s));
    if (!study || !study->randomization)
        qFatal("%s", qPrintable(study.message()));
    study::RandomizationScheme scheme = *study->randomization;
    if (!blockSizes.isEmpty())
        scheme.blockSizes = blockSizes;
    return scheme;
}

Seed seedOf(quint8 start)
{
    Digest bytes;
    for (size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = quint8(start + 31 * i);
    return Seed(bytes);
}

QList<int> armsOf(const study::RandomizationScheme &scheme, const StratumList &list, qsizetype n)
{
    QList<int> arms;
    for (qsizetype i = 0; i < std::min(n, list.slots.size()); ++i)
        arms.append(list.slots.at(i).armOid == scheme.arms.at(0).oid ? 0 : 1);
    return arms;
}

// Independent of BlockStateTracker: tries every way to cut the history into whole
// blocks followed by one open block, from the start, and collects the arms the open
// block still has room for.
QList<int> bruteForcePossible(const QList<int> &history, const QList<int> &ratios, const QList<int> &sizes)
{
    const int ratioSum = std::accumulate(ratios.cbegin(), ratios.cend(), 0);
    QSet<int> possible;
    const std::function<void(qsizetype)> parse = [&](qsizetype start) {
        if (start == history.size()) {
            for (int a = 0; a < ratios.size(); ++a)
                possible.insert(a);
            return;
        }
        for (const int size : sizes) {
            QList<int> counts(ratios.size(), 0);
            const qsizetype end = std::min<qsizetype>(start + size, history.size());
            for (qsizetype i = start; i < end; ++i)
                ++counts[history.at(i)];
            bool fits = true;
            for (int a = 0; a < ratios.size(); ++a)
                fits = fits && counts.at(a) <= size * ratios.at(a) / ratioSum;
            if (!fits)
                continue;
            if (start + size <= history.size()) {
                parse(start + size); // a whole block (fits and full means exact)
            } else {
                for (int a = 0; a < ratios.size(); ++a) {
                    if (counts.at(a) < size * ratios.at(a) / ratioSum)
                        possible.insert(a);
                }
            }
        }
    };
    parse(0);
    QList<int> sorted(possible.cbegin(), possible.cend());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

struct Figures
{
    double correctGuessRate = 0;
    double deterministicShare = 0;
};

// Aggregated over `strata` strata of `slots` allocations each, from pbr-v1 lists.
Figures measure(const QList<int> &blockSizes, int strata, int slots)
{
    const auto scheme = s1904Scheme(blockSizes);
    qsizetype allocations = 0;
    qsizetype correct = 0;
    qsizetype deterministic = 0;
    const QList<Stratum> all = ListGenerator::strata(scheme);
    for (int i = 0; i < strata; ++i) {
        const Stratum &stratum = all.at(i % all.size());
        const QString listId = u"P-%1"_s.arg(i / all.size());
        const StratumList list =
            ListGenerator::generateStratum(scheme, listId, seedOf(quint8(blockSizes.size())), stratum, slots);
        const StratumPredictability p = Predictability::analyse(scheme, list, slots);
        allocations += p.allocations;
        correct += p.correctGuesses;
        deterministic += p.deterministic;
    }
    return {double(correct) / double(allocations), double(deterministic) / double(allocations)};
}

} // namespace

class TestPredictability : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void convergenceGuess_takesTheArmFurthestBelowItsShare_data();
    void convergenceGuess_takesTheArmFurthestBelowItsShare();
    void imbalance_isInSubjects();
    void tracker_handWorkedHistories();
    void tracker_agreesWithBruteForceOnRealHistories_data();
    void tracker_agreesWithBruteForceOnRealHistories();
    void analyse_reportsBlocksAndTheOpenBlock();
    void blocksOfThree_matchTheirExactValues();
    void longStrata_reproduceSection33_data();
    void longStrata_reproduceSection33();
    void strataOf36_reproduceTheSection33Table_data();
    void strataOf36_reproduceTheSection33Table();
    void randomStop_imbalanceStaysSmall_data();
    void randomStop_imbalanceStaysSmall();
    void balance_countsSharesPerArm();
};

void TestPredictability::convergenceGuess_takesTheArmFurthestBelowItsShare_data()
{
    QTest::addColumn<QList<int>>("ratios");
    QTest::addColumn<QList<qsizetype>>("counts");
    QTest::addColumn<int>("guess");
    QTest::newRow("start: tie goes to the majority arm") << twoToOne << QList<qsizetype>{0, 0} << 0;
    QTest::newRow("after A: B is 1/3 below, A 1/3 above") << twoToOne << QList<qsizetype>{1, 0} << 1;
    QTest::newRow("after B: A") << twoToOne << QList<qsizetype>{0, 1} << 0;
    QTest::newRow("after AB: A is 2/3 below") << twoToOne << QList<qsizetype>{1, 1} << 0;
    QTest::newRow("balanced block: tie, majority") << twoToOne << QList<qsizetype>{4, 2} << 0;
    QTest::newRow("majority listed second") << QList<int>{1, 2} << QList<qsizetype>{0, 0} << 1;
    QTest::newRow("1:1 tie: first arm") << QList<int>{1, 1} << QList<qsizetype>{3, 3} << 0;
    QTest::newRow("1:1:2 after two minority") << QList<int>{1, 1, 2} << QList<qsizetype>{1, 1, 0} << 2;
    QTest::newRow("1:1:2 tie of the minority arms") << QList<int>{1, 1, 2} << QList<qsizetype>{0, 0, 2} << 0;
}

void TestPredictability::convergenceGuess_takesTheArmFurthestBelowItsShare()
{
    QFETCH(QList<int>, ratios);
    QFETCH(QList<qsizetype>, counts);
    QFETCH(int, guess);
    QCOMPARE(Predictability::convergenceGuess(ratios, counts), guess);
}

void TestPredictability::imbalance_isInSubjects()
{
    QCOMPARE(Predictability::imbalance(twoToOne, {0, 0}), 0.0);
    QCOMPARE(Predictability::imbalance(twoToOne, {4, 2}), 0.0);
    QVERIFY(std::abs(Predictability::imbalance(twoToOne, {2, 0}) - 2.0 / 3.0) < 1e-12);
    QCOMPARE(Predictability::imbalance(twoToOne, {6, 0}), 2.0);
    QCOMPARE(Predictability::imbalance(twoToOne, {0, 3}), 2.0);
    QCOMPARE(Predictability::imbalance({1, 1, 2}, {2, 0, 2}), 1.0);
}

void TestPredictability::tracker_handWorkedHistories()
{
    // Blocks of 3 at 2:1: after A A only B is left; after B only A (twice).
    BlockStateTracker three(twoToOne, {3});
    QCOMPARE(three.possibleNextArms(), (QList<int>{0, 1}));
    three.push(0);
    QCOMPARE(three.possibleNextArms(), (QList<int>{0, 1}));
    three.push(0);
    QCOMPARE(three.possibleNextArms(), QList<int>{1});
    QVERIFY(three.nextIsDeterministic());
    three.push(1);
    QCOMPARE(three.possibleNextArms(), (QList<int>{0, 1})); // a new block
    three.push(1);
    QCOMPARE(three.possibleNextArms(), QList<int>{0});
    three.push(0);
    QCOMPARE(three.possibleNextArms(), QList<int>{0});

    // Blocks of 3 or 6: A A may be a block of 6 with room for both arms.
    BlockStateTracker mixed(twoToOne, {3, 6});
    mixed.push(0);
    mixed.push(0);
    QCOMPARE(mixed.possibleNextArms(), (QList<int>{0, 1}));
    // B B rules out a block of 3: it is a block of 6 that needs four A.
    BlockStateTracker bb(twoToOne, {3, 6});
    bb.push(1);
    bb.push(1);
    QCOMPARE(bb.possibleNextArms(), QList<int>{0});
    for (int i = 0; i < 4; ++i) {
        QVERIFY(bb.nextIsDeterministic());
        bb.push(0);
    }
    QCOMPARE(bb.possibleNextArms(), (QList<int>{0, 1}));
    QCOMPARE(bb.allocations(), qsizetype(6));
}

void TestPredictability::tracker_agreesWithBruteForceOnRealHistories_data()
{
    QTest::addColumn<QList<int>>("sizes");
    QTest::newRow("{3}") << QList<int>{3};
    QTest::newRow("{3,6}") << QList<int>{3, 6};
    QTest::newRow("{6,9}") << QList<int>{6, 9};
    QTest::newRow("{3,6,9}") << QList<int>{3, 6, 9};
}

void TestPredictability::tracker_agreesWithBruteForceOnRealHistories()
{
    QFETCH(QList<int>, sizes);
    const auto scheme = s1904Scheme(sizes);
    const QList<Stratum> strata = ListGenerator::strata(scheme);
    int deterministicSeen = 0;
    for (int i = 0; i < 12; ++i) {
        const StratumList list =
            ListGenerator::generateStratum(scheme, u"B-%1"_s.arg(i), seedOf(77), strata.at(i % strata.size()), 40);
        const QList<int> arms = armsOf(scheme, list, 40);
        BlockStateTracker tracker(twoToOne, sizes);
        for (qsizetype k = 0; k < arms.size(); ++k) {
            const QList<int> expected = bruteForcePossible(arms.mid(0, k), twoToOne, sizes);
            QCOMPARE(tracker.possibleNextArms(), expected);
            QVERIFY(expected.contains(arms.at(k))); // the real allocation is always possible
            deterministicSeen += expected.size() == 1 ? 1 : 0;
            tracker.push(arms.at(k));
        }
    }
    QVERIFY(deterministicSeen > 0);
}

void TestPredictability::analyse_reportsBlocksAndTheOpenBlock()
{
    const auto scheme = s1904Scheme();
    const StratumList list =
        ListGenerator::generateStratum(scheme, u"OPEN"_s, seedOf(3), ListGenerator::strata(scheme).at(0), 60);
    // Stop one allocation into the third block.
    qsizetype stop = 0;
    while (list.slots.at(stop).blockNo < 3)
        ++stop;
    stop += 1;
    const StratumPredictability p = Predictability::analyse(scheme, list, stop);
    QCOMPARE(p.allocations, stop);
    QCOMPARE(p.completeBlocks, 2);
    int bySize = 0;
    for (const int n : p.completeBlocksBySize)
        bySize += n;
    QCOMPARE(bySize, 2);
    QCOMPARE(p.completeBlocksBySize.value(list.slots.at(0).blockSize) > 0, true);
    QCOMPARE(p.openBlockSize, list.slots.at(stop - 1).blockSize);
    QCOMPARE(p.openBlockFilled, 1);
    // One allocation into a 2:1 block is 1/3 or 2/3 of a subject off.
    const bool first = list.slots.at(stop - 1).armOid == u"bridging_hsct"_s;
    QVERIFY(std::abs(p.openBlockImbalance - (first ? 1.0 / 3.0 : 2.0 / 3.0)) < 1e-12);
    // And it equals the stratum's imbalance, since whole blocks are exact.
    QList<qsizetype> counts{0, 0};
    for (qsizetype i = 0; i < stop; ++i)
        ++counts[list.slots.at(i).armOid == u"bridging_hsct"_s ? 0 : 1];
    QCOMPARE(p.openBlockImbalance, Predictability::imbalance(twoToOne, counts));
    // The whole list ends on a complete block.
    const StratumPredictability all = Predictability::analyse(scheme, list);
    QCOMPARE(all.openBlockSize, 0);
    QCOMPARE(all.completeBlocks, list.slots.constLast().blockNo);
}

// Blocks of 3 (A A B permuted): the guess is right 2/3, then 2/3·1/2 + 1/3, then always:
// 7/9. Deterministic: the third always, the second after B: 4/9.
void TestPredictability::blocksOfThree_matchTheirExactValues()
{
    const Figures f = measure({3}, 6, 10000);
    QVERIFY2(std::abs(f.correctGuessRate - 7.0 / 9.0) < 0.005, qPrintable(QString::number(f.correctGuessRate)));
    QVERIFY2(std::abs(f.deterministicShare - 4.0 / 9.0) < 0.005, qPrintable(QString::number(f.deterministicShare)));
}

void TestPredictability::longStrata_reproduceSection33_data()
{
    QTest::addColumn<QList<int>>("sizes");
    QTest::addColumn<double>("guessRate");
    QTest::addColumn<double>("deterministicShare");
    // RANDOMIZATION.md §3.10, 10,000-slot strata. Tolerance 0.01 absolute: about five
    // standard errors over the 60,000 allocations of six strata.
    QTest::newRow("{3,6}") << QList<int>{3, 6} << 0.74 << 0.11;
    QTest::newRow("{3,6,9}") << QList<int>{3, 6, 9} << 0.715 << 0.04;
}

void TestPredictability::longStrata_reproduceSection33()
{
    QFETCH(QList<int>, sizes);
    QFETCH(double, guessRate);
    QFETCH(double, deterministicShare);
    const Figures f = measure(sizes, 6, 10000);
    qInfo("blocks %s, 6 strata x 10000 slots: correct guesses %.4f, deterministic %.4f", QTest::currentDataTag(),
          f.correctGuessRate, f.deterministicShare);
    QVERIFY2(std::abs(f.correctGuessRate - guessRate) <= 0.01, qPrintable(QString::number(f.correctGuessRate)));
    QVERIFY2(std::abs(f.deterministicShare - deterministicShare) <= 0.01,
             qPrintable(QString::number(f.deterministicShare)));
}

void TestPredictability::strataOf36_reproduceTheSection33Table_data()
{
    QTest::addColumn<QList<int>>("sizes");
    QTest::addColumn<double>("guessRate");
    QTest::addColumn<double>("deterministicShare");
    // The table of §3.3 (strata of 36). 2,000 strata each; tolerance 0.01.
    QTest::newRow("{3}") << QList<int>{3} << 0.779 << 0.445;
    QTest::newRow("{3,6}") << QList<int>{3, 6} << 0.738 << 0.098;
    QTest::newRow("{6,9}") << QList<int>{6, 9} << 0.698 << 0.054;
    QTest::newRow("{3,6,9}") << QList<int>{3, 6, 9} << 0.712 << 0.037;
}

void TestPredictability::strataOf36_reproduceTheSection33Table()
{
    QFETCH(QList<int>, sizes);
    QFETCH(double, guessRate);
    QFETCH(double, deterministicShare);
    const Figures f = measure(sizes, 2000, 36);
    qInfo("strata of 36: correct guesses %.4f, deterministic %.4f", f.correctGuessRate, f.deterministicShare);
    QVERIFY2(std::abs(f.correctGuessRate - guessRate) <= 0.01, qPrintable(QString::number(f.correctGuessRate)));
    QVERIFY2(std::abs(f.deterministicShare - deterministicShare) <= 0.01,
             qPrintable(QString::number(f.deterministicShare)));
}

void TestPredictability::randomStop_imbalanceStaysSmall_data()
{
    QTest::addColumn<QList<int>>("sizes");
    QTest::addColumn<double>("meanBound");
    QTest::addColumn<double>("maxImbalance");
    QTest::newRow("{3}") << QList<int>{3} << 0.43 << 2.0 / 3.0;
    QTest::newRow("{3,6}") << QList<int>{3, 6} << 0.43 << 4.0 / 3.0;
    QTest::newRow("{3,6,9}") << QList<int>{3, 6, 9} << 0.43 << 2.0;
    // Not used by S1904; its mean is about 0.44, just above the 0.43 §3.3 states for every option.
    QTest::newRow("{6,9}") << QList<int>{6, 9} << 0.45 << 2.0;
}

// §3.3: stopping anywhere between n = 20 and 45, the mean imbalance from 2:1 is at
// most 0.43 subjects; the largest is bounded by the largest block (2 for blocks of 9).
// 2,000 strata, 26 stops each.
void TestPredictability::randomStop_imbalanceStaysSmall()
{
    QFETCH(QList<int>, sizes);
    QFETCH(double, meanBound);
    QFETCH(double, maxImbalance);
    const auto scheme = s1904Scheme(sizes);
    const QList<Stratum> strata = ListGenerator::strata(scheme);
    double total = 0;
    double worst = 0;
    int stops = 0;
    for (int i = 0; i < 2000; ++i) {
        const StratumList list =
            ListGenerator::generateStratum(scheme, u"I-%1"_s.arg(i), seedOf(5), strata.at(i % strata.size()), 45);
        QList<qsizetype> counts{0, 0};
        for (int n = 1; n <= 45; ++n) {
            ++counts[list.slots.at(n - 1).armOid == u"bridging_hsct"_s ? 0 : 1];
            if (n < 20)
                continue;
            const double imbalance = Predictability::imbalance(twoToOne, counts);
            total += imbalance;
            worst = std::max(worst, imbalance);
            ++stops;
        }
    }
    const double mean = total / stops;
    qInfo("blocks %s: mean imbalance %.3f, largest %.3f", QTest::currentDataTag(), mean, worst);
    QVERIFY2(mean <= meanBound, qPrintable(QString::number(mean)));
    QVERIFY(worst <= maxImbalance + 1e-12);
}

void TestPredictability::balance_countsSharesPerArm()
{
    const auto scheme = s1904Scheme();
    const auto rows =
        Predictability::balance(scheme, {u"bridging_hsct"_s, u"no_bridging"_s, u"bridging_hsct"_s, u"bridging_hsct"_s});
    QVERIFY(rows.isOk());
    QCOMPARE(rows->size(), 2);
    QCOMPARE(rows->at(0).armOid, u"bridging_hsct"_s);
    QCOMPARE(rows->at(0).n, qsizetype(3));
    QCOMPARE(rows->at(0).share, 0.75);
    QVERIFY(std::abs(rows->at(0).expectedShare - 2.0 / 3.0) < 1e-12);
    QCOMPARE(rows->at(1).n, qsizetype(1));
    QCOMPARE(rows->at(1).share, 0.25);
    const auto none = Predictability::balance(scheme, {});
    QVERIFY(none.isOk());
    QCOMPARE(none->at(0).share, 0.0);
    QVERIFY(!Predictability::balance(scheme, {u"placebo"_s}).isOk());
}

QTEST_GUILESS_MAIN(TestPredictability)
#include "tst_predictability.moc"
