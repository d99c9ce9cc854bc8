#include "randomization/predictability.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace cellcrf::randomization {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::randomization::Predictability", text);
}

QList<int> ratiosOf(const study::RandomizationScheme &scheme)
{
    QList<int> ratios;
    for (const study::RandomizationArm &arm : scheme.arms)
        ratios.append(arm.ratio);
    return ratios;
}

} // namespace

BlockStateTracker::BlockStateTracker(QList<int> ratios, QList<int> allowedSizes)
    : m_ratios(std::move(ratios))
    , m_sizes(std::move(allowedSizes))
    , m_ratioSum(std::accumulate(m_ratios.cbegin(), m_ratios.cend(), 0))
    , m_maxSize(m_sizes.isEmpty() ? 0 : *std::max_element(m_sizes.cbegin(), m_sizes.cend()))
{
    Q_ASSERT(m_ratioSum > 0 && m_maxSize > 0);
    m_prefix.append(QList<qsizetype>(m_ratios.size(), 0));
    m_whole.append(true);
}

QList<int> BlockStateTracker::possibleNextArms() const
{
    const qsizetype k = allocations();
    QList<bool> possible(m_ratios.size(), m_whole.at(k)); // a new block may start: any arm
    if (!m_whole.at(k)) {
        // The open block started at some b after which a whole-block prefix ends; its
        // size is one of the allowed sizes larger than what it holds so far.
        for (qsizetype b = std::max<qsizetype>(0, k - m_maxSize + 1); b < k; ++b) {
            if (!m_whole.at(b))
                continue;
            for (const int size : m_sizes) {
                if (size <= k - b)
                    continue;
                bool consistent = true;
                for (int a = 0; a < m_ratios.size() && consistent; ++a)
                    consistent = count(b, k, a) <= quota(size, a);
                if (!consistent)
                    continue;
                for (int a = 0; a < m_ratios.size(); ++a) {
                    if (count(b, k, a) < quota(size, a))
                        possible[a] = true;
                }
            }
        }
    }
    QList<int> arms;
    for (int a = 0; a < possible.size(); ++a) {
        if (possible.at(a))
            arms.append(a);
    }
    return arms;
}

void BlockStateTracker::push(int arm)
{
    Q_ASSERT(arm >= 0 && arm < m_ratios.size());
    QList<qsizetype> next = m_prefix.constLast();
    ++next[arm];
    m_prefix.append(next);
    const qsizetype k = allocations();
    bool whole = false;
    for (const int size : m_sizes) {
        const qsizetype b = k - size;
        if (b < 0 || !m_whole.at(b))
            continue;
        bool exact = true;
        for (int a = 0; a < m_ratios.size() && exact; ++a)
            exact = count(b, k, a) == quota(size, a);
        whole = whole || exact;
    }
    m_whole.append(whole);
}

int Predictability::convergenceGuess(const QList<int> &ratios, const QList<qsizetype> &counts)
{
    const qint64 ratioSum = std::accumulate(ratios.cbegin(), ratios.cend(), qint64(0));
    const qint64 n = std::accumulate(counts.cbegin(), counts.cend(), qint64(0));
    int best = 0;
    qint64 bestDeficit = 0; // the shortfall in subjects, times the ratio sum to stay exact
    for (int a = 0; a < ratios.size(); ++a) {
        const qint64 deficit = n * ratios.at(a) - counts.at(a) * ratioSum;
        if (a == 0 || deficit > bestDeficit || (deficit == bestDeficit && ratios.at(a) > ratios.at(best))) {
            best = a;
            bestDeficit = deficit;
        }
    }
    return best;
}

double Predictability::imbalance(const QList<int> &ratios, const QList<qsizetype> &counts)
{
    const qint64 ratioSum = std::accumulate(ratios.cbegin(), ratios.cend(), qint64(0));
    const qint64 n = std::accumulate(counts.cbegin(), counts.cend(), qint64(0));
    qint64 worst = 0;
    for (int a = 0; a < ratios.size(); ++a)
        worst = std::max(worst, std::abs(counts.at(a) * ratioSum - n * ratios.at(a)));
    return double(worst) / double(ratioSum);
}

StratumPredictability Predictability::analyse(const QList<int> &ratios, const QList<int> &allowedSizes,
                                              const QList<Allocation> &history)
{
    StratumPredictability result;
    result.allocations = history.size();
    BlockStateTracker tracker(ratios, allowedSizes);
    QList<qsizetype> counts(ratios.size(), 0);
    QList<qsizetype> openCounts(ratios.size(), 0);
    int filled = 0;
    for (qsizetype i = 0; i < history.size(); ++i) {
        const Allocation &allocation = history.at(i);
        if (Predictability::convergenceGuess(ratios, counts) == allocation.arm)
            ++result.correctGuesses;
        if (tracker.nextIsDeterministic())
            ++result.deterministic;
        tracker.push(allocation.arm);
        ++counts[allocation.arm];
        if (i == 0 || allocation.blockNo != history.at(i - 1).blockNo) {
            filled = 0;
            std::fill(openCounts.begin(), openCounts.end(), 0);
        }
        ++filled;
        ++openCounts[allocation.arm];
        if (filled == allocation.blockSize) {
            ++result.completeBlocks;
            ++result.completeBlocksBySize[allocation.blockSize];
        }
    }
    if (!history.isEmpty() && filled < history.constLast().blockSize) {
        result.openBlockSize = history.constLast().blockSize;
        result.openBlockFilled = filled;
        result.openBlockImbalance = imbalance(ratios, openCounts);
    }
    return result;
}

StratumPredictability Predictability::analyse(const study::RandomizationScheme &scheme, const StratumList &list,
                                              qsizetype allocations)
{
    const qsizetype n = allocations < 0 ? list.slots.size() : std::min(allocations, list.slots.size());
    QList<Allocation> history;
    history.reserve(n);
    for (qsizetype i = 0; i < n; ++i) {
        const Slot &slot = list.slots.at(i);
        const auto arm = std::find_if(scheme.arms.cbegin(), scheme.arms.cend(),
                                      [&](const study::RandomizationArm &a) { return a.oid == slot.armOid; });
        Q_ASSERT(arm != scheme.arms.cend());
        history.append({int(arm - scheme.arms.cbegin()), slot.blockNo, slot.blockSize});
    }
    return analyse(ratiosOf(scheme), scheme.blockSizes, history);
}

Result<QList<ArmBalance>> Predictability::balance(const study::RandomizationScheme &scheme,
                                                  const QStringList &allocatedArms)
{
    QList<ArmBalance> rows;
    const int ratioSum = scheme.ratioSum();
    for (const study::RandomizationArm &arm : scheme.arms)
        rows.append({arm.oid, 0, 0.0, double(arm.ratio) / double(ratioSum)});
    for (const QString &oid : allocatedArms) {
        const auto row = std::find_if(rows.begin(), rows.end(), [&](const ArmBalance &r) { return r.armOid == oid; });
        if (row == rows.end())
            return Status::error(ErrorCode::InvalidInput, tr("%1 is not an arm of this randomization.").arg(oid));
        ++row->n;
    }
    for (ArmBalance &row : rows)
        row.share = allocatedArms.isEmpty() ? 0.0 : double(row.n) / double(allocatedArms.size());
    return rows;
}

} // namespace cellcrf::randomization
