#pragma once

// How guessable and how balanced a stratum's allocations are (RANDOMIZATION.md
// §3.3 and the predictability and balance reports of §3.10). S1904 is open label, so
// every earlier allocation of a stratum is known at the site; these measures say
// what an observer who also knows the allowed block sizes can infer from that.
//
// - Convergence strategy: guess the arm furthest below its target share of the
//   allocations so far (in subjects: n·ratio/Σratio − count); ties go to the arm
//   with the largest ratio, then to the earlier arm in definition order.
// - Deterministic share: BlockStateTracker follows every block state (start,
//   size, counts so far) consistent with the history; an allocation is
//   deterministic when those states together leave only one arm possible.
// - Imbalance: max over arms of |count − n·ratio/Σratio|, in subjects.

#include "core/result.h"
#include "randomization/listgenerator.h"
#include "study/study.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace cellcrf::randomization {

// The observer's knowledge of block boundaries in one stratum, updated one
// allocation at a time in constant time (the window is the largest block size).
class BlockStateTracker final
{
public:
    // `ratios` per arm (definition order, each >= 1); `allowedSizes` the scheme's block
    // sizes (not empty, each a multiple of the ratio sum), as the loader guarantees.
    BlockStateTracker(QList<int> ratios, QList<int> allowedSizes);

    // The arms (indices) the next allocation can take in some consistent state,
    // ascending. Every arm when the history so far may end with a complete block.
    QList<int> possibleNextArms() const;
    bool nextIsDeterministic() const { return possibleNextArms().size() == 1; }
    void push(int arm);
    qsizetype allocations() const { return m_prefix.size() - 1; }

private:
    int quota(int size, int arm) const { return size * m_ratios.at(arm) / m_ratioSum; }
    qsizetype count(qsizetype from, qsizetype to, int arm) const
    {
        return m_prefix.at(to).at(arm) - m_prefix.at(from).at(arm);
    }

    QList<int> m_ratios;
    QList<int> m_sizes;
    int m_ratioSum = 0;
    int m_maxSize = 0;
    QList<QList<qsizetype>> m_prefix; // m_prefix[k][a]: allocations of arm a among the first k
    QList<bool> m_whole;              // m_whole[k]: the first k allocations can be whole blocks
};

// One allocation of a stratum's history, with the block the list put it in.
struct Allocation
{
    int arm = 0; // index into the scheme's arms
    int blockNo = 0;
    int blockSize = 0;
};

struct StratumPredictability
{
    qsizetype allocations = 0;
    int completeBlocks = 0;
    QMap<int, int> completeBlocksBySize; // block size -> complete blocks of that size
    qsizetype correctGuesses = 0;        // by the convergence strategy
    qsizetype deterministic = 0;         // allocations the observer could deduce with certainty
    int openBlockSize = 0;               // 0 when the last block is complete (or nothing is allocated)
    int openBlockFilled = 0;
    double openBlockImbalance = 0; // in subjects; equals the stratum's imbalance (whole blocks are exact)

    double correctGuessRate() const { return allocations ? double(correctGuesses) / double(allocations) : 0.0; }
    double deterministicShare() const { return allocations ? double(deterministic) / double(allocations) : 0.0; }
};

struct ArmBalance
{
    QString armOid;
    qsizetype n = 0;
    double share = 0;         // n / all allocations (0 when there are none)
    double expectedShare = 0; // ratio / ratio sum
};

class Predictability final
{
public:
    // The convergence-strategy guess (an arm index) after `counts` allocations per arm.
    static int convergenceGuess(const QList<int> &ratios, const QList<qsizetype> &counts);
    // max over arms of |counts[a] − n·ratios[a]/Σratios| with n = Σcounts.
    static double imbalance(const QList<int> &ratios, const QList<qsizetype> &counts);

    static StratumPredictability analyse(const QList<int> &ratios, const QList<int> &allowedSizes,
                                         const QList<Allocation> &history);
    // The first `allocations` slots of a generated stratum (all of them when negative).
    static StratumPredictability analyse(const study::RandomizationScheme &scheme, const StratumList &list,
                                         qsizetype allocations = -1);

    // Per arm of the scheme, in definition order: count, share and expected share of
    // `allocatedArms` (arm oids). An oid that is not an arm of the scheme is refused.
    static Result<QList<ArmBalance>> balance(const study::RandomizationScheme &scheme,
                                             const QStringList &allocatedArms);
};

} // namespace cellcrf::randomization
