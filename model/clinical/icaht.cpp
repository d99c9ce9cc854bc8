#include "icaht.h"

#include "clinicaltext.h"

#include <QMap>

#include <algorithm>
#include <limits>

namespace cellcrf::clinical {

using namespace Qt::StringLiterals;

namespace {

// Counts are whole cells per µL, or converted from x 10^9/L with binary rounding:
// a value meant to be exactly on a threshold must stay on it.
constexpr double kEpsilon = 1e-9;

enum class DayState
{
    Low,
    High,
    Unknown,
};

Status invalid(const QString &field, const QString &message)
{
    return Status::error(ErrorCode::InvalidInput, message, field);
}

QString censorText(IcahtCensorReason reason)
{
    switch (reason) {
    case IcahtCensorReason::Death:
        return ClinicalText::tr("death");
    case IcahtCensorReason::Progression:
        return ClinicalText::tr("progression");
    case IcahtCensorReason::Relapse:
        return ClinicalText::tr("relapse");
    case IcahtCensorReason::NextTherapy:
        return ClinicalText::tr("the next line of therapy");
    }
    Q_UNREACHABLE();
    return {};
}

QString dayRange(int first, int last)
{
    if (first == last)
        return ClinicalText::tr("day %1").arg(first);
    return ClinicalText::tr("days %1–%2").arg(first).arg(last);
}

QString dayRanges(const QList<int> &sortedDays)
{
    QStringList parts;
    for (qsizetype i = 0; i < sortedDays.size();) {
        qsizetype j = i;
        while (j + 1 < sortedDays.size() && sortedDays.at(j + 1) == sortedDays.at(j) + 1)
            ++j;
        parts.append(dayRange(sortedDays.at(i), sortedDays.at(j)));
        i = j + 1;
    }
    return parts.join(u", "_s);
}

QString perUlText(double perUl)
{
    return plainNumber(perUl, 1);
}

bool atOrBelow(double value, double threshold)
{
    return value <= threshold + kEpsilon;
}

// The lowest count of each day, without the counts after the censoring day.
QMap<int, double> dailyLowest(const QList<AncCount> &series, std::optional<int> censorDay)
{
    QMap<int, double> daily;
    for (const AncCount &c : series) {
        if (censorDay && c.day > *censorDay)
            continue;
        auto it = daily.find(c.day);
        if (it == daily.end())
            daily.insert(c.day, c.perUl);
        else
            *it = std::min(*it, c.perUl);
    }
    return daily;
}

// The state of days 0..lastDay for one threshold. A day without a count takes the
// state of its two neighbouring counts when they agree; otherwise it is unknown.
QList<DayState> earlyStates(const QMap<int, double> &daily, double threshold, int lastDay)
{
    QList<DayState> states;
    for (int day = kIcahtEarlyFirstDay; day <= lastDay; ++day) {
        const auto found = daily.constFind(day);
        if (found != daily.constEnd()) {
            states.append(atOrBelow(*found, threshold) ? DayState::Low : DayState::High);
            continue;
        }
        const auto next = daily.lowerBound(day); // first count after the day
        if (next == daily.constBegin() || next == daily.constEnd()) {
            states.append(DayState::Unknown);
            continue;
        }
        const bool nextLow = atOrBelow(*next, threshold);
        const bool previousLow = atOrBelow(*std::prev(next), threshold);
        if (nextLow && previousLow)
            states.append(DayState::Low);
        else if (!nextLow && !previousLow)
            states.append(DayState::High);
        else
            states.append(DayState::Unknown);
    }
    return states;
}

QList<bool> resolve(const QList<DayState> &states, bool unknownIsLow)
{
    QList<bool> low;
    low.reserve(states.size());
    for (DayState s : states)
        low.append(s == DayState::Low || (unknownIsLow && s == DayState::Unknown));
    return low;
}

struct EpisodeSummary
{
    QList<IcahtEpisode> episodes;
    IcahtEpisode longest;
    int longestDays = 0;
    int totalDays = 0;
    // Non-low days after the last low day up to the end of the run.
    int trailingNotLowDays = 0;
};

EpisodeSummary summarize(const QList<bool> &low)
{
    EpisodeSummary s;
    s.episodes = icahtEpisodes(low, kIcahtEarlyFirstDay);
    for (const IcahtEpisode &e : s.episodes) {
        s.totalDays += e.days();
        if (e.days() > s.longestDays) {
            s.longestDays = e.days();
            s.longest = e;
        }
    }
    const int lastDay = kIcahtEarlyFirstDay + int(low.size()) - 1;
    s.trailingNotLowDays = s.episodes.isEmpty() ? int(low.size()) : lastDay - s.episodes.last().lastDay;
    return s;
}

int earlyGrade(int daysLe500, int daysLe100)
{
    return std::max(icahtSevereRowGrade(daysLe500), icahtProfoundRowGrade(daysLe100));
}

QString severeRowReason(int days)
{
    switch (icahtSevereRowGrade(days)) {
    case 0:
        return ClinicalText::tr("No day with ANC ≤ 500/µL in days 0–30: grade 0 from the ≤ 500 row");
    case 1:
        return ClinicalText::tr("ANC ≤ 500/µL for %n day(s) (1–6 days): grade 1", nullptr, days);
    case 2:
        return ClinicalText::tr("ANC ≤ 500/µL for %n day(s) (7–13 days): grade 2", nullptr, days);
    case 3:
        return ClinicalText::tr("ANC ≤ 500/µL for %n day(s) (14–30 days): grade 3", nullptr, days);
    default:
        return ClinicalText::tr("ANC ≤ 500/µL on all 31 days of days 0–30 (never above 500/µL): grade 4");
    }
}

QString profoundRowReason(int days)
{
    if (days == 0)
        return ClinicalText::tr("No day with ANC ≤ 100/µL in days 0–30: grade 0 from the ≤ 100 row");
    switch (icahtProfoundRowGrade(days)) {
    case 3:
        return ClinicalText::tr("ANC ≤ 100/µL for %n day(s) (7–13 days): grade 3", nullptr, days);
    case 4:
        return ClinicalText::tr("ANC ≤ 100/µL for %n day(s) (14 days or more): grade 4", nullptr, days);
    default:
        return ClinicalText::tr("ANC ≤ 100/µL for %n day(s) (fewer than 7): no grade from the ≤ 100 row", nullptr,
                                days);
    }
}

// Empty when there was no low day (the row reason says so).
QString episodeReason(const EpisodeSummary &s, const QList<DayState> &states, int threshold)
{
    if (s.longestDays == 0)
        return {};
    int bridged = 0;
    for (int day = s.longest.firstDay; day <= s.longest.lastDay; ++day) {
        if (states.at(day - kIcahtEarlyFirstDay) != DayState::Low)
            ++bridged;
    }
    const QString range = dayRange(s.longest.firstDay, s.longest.lastDay);
    if (bridged == 0)
        return ClinicalText::tr("Longest time with ANC ≤ %1/µL: %2 (%n day(s))", nullptr, s.longestDays)
            .arg(threshold)
            .arg(range);
    return ClinicalText::tr("Longest time with ANC ≤ %1/µL: %2 (%n day(s)), counting %3 better day(s) in between "
                            "as low because the count did not stay above %1/µL for 3 days in a row",
                            nullptr, s.longestDays)
        .arg(threshold)
        .arg(range)
        .arg(bridged);
}

struct EarlyOutcome
{
    int grade = 0;
    int daysLe500 = 0;
    int daysLe100 = 0;
    std::optional<int> totalLe500;
    std::optional<int> totalLe100;
};

EarlyOutcome earlyFromSeries(const QMap<int, double> &daily, int lastDay, IcahtResult &r,
                             const std::optional<int> &censorDay, const std::optional<IcahtCensorReason> &censorReason)
{
    const QList<DayState> states500 = earlyStates(daily, kIcahtSevereNeutropeniaPerUl, lastDay);
    const QList<DayState> states100 = earlyStates(daily, kIcahtProfoundNeutropeniaPerUl, lastDay);
    // Unknown days counted as not low give the proposal; counted as low, the
    // worst case the missing counts could hide.
    const EpisodeSummary known500 = summarize(resolve(states500, false));
    const EpisodeSummary known100 = summarize(resolve(states100, false));
    const EpisodeSummary worst500 = summarize(resolve(states500, true));
    const EpisodeSummary worst100 = summarize(resolve(states100, true));
    // A day at or below 100 is at or below 500, and a better spell for 500 is one
    // for 100 too, so an episode for 100 always lies inside one for 500.
    Q_ASSERT(known100.longestDays <= known500.longestDays);

    EarlyOutcome out;
    out.daysLe500 = known500.longestDays;
    out.daysLe100 = known100.longestDays;
    out.totalLe500 = known500.totalDays;
    out.totalLe100 = known100.totalDays;
    out.grade = earlyGrade(out.daysLe500, out.daysLe100);

    for (const QString &reason :
         {episodeReason(known500, states500, int(kIcahtSevereNeutropeniaPerUl)), severeRowReason(out.daysLe500),
          episodeReason(known100, states100, int(kIcahtProfoundNeutropeniaPerUl)), profoundRowReason(out.daysLe100)}) {
        if (!reason.isEmpty())
            r.reasons.append(reason);
    }
    r.reasons.append(ClinicalText::tr("Early ICAHT is the higher of the two rows: grade %1").arg(out.grade));

    // Open case: episodes separated by stable recovery, where the total would grade differently.
    const int totalGrade = earlyGrade(known500.totalDays, known100.totalDays);
    if (totalGrade != out.grade) {
        r.review = true;
        r.reasons.append(ClinicalText::tr("There were separate episodes with a stable recovery in between: the "
                                          "longest gives grade %1, but all low days together (%2 days ≤ 500/µL, "
                                          "%3 days ≤ 100/µL) would give grade %4; grade %1 proposed from the "
                                          "longest episode for the investigator to review")
                             .arg(out.grade)
                             .arg(known500.totalDays)
                             .arg(known100.totalDays)
                             .arg(totalGrade));
    }

    // Open case: days without a count whose state would change the grade.
    QList<int> unknownDays;
    for (int i = 0; i < states500.size(); ++i) {
        if (states500.at(i) == DayState::Unknown || states100.at(i) == DayState::Unknown)
            unknownDays.append(kIcahtEarlyFirstDay + i);
    }
    if (!unknownDays.isEmpty()) {
        const int worstGrade = earlyGrade(worst500.longestDays, worst100.longestDays);
        if (worstGrade != out.grade) {
            r.review = true;
            r.reasons.append(ClinicalText::tr("No count on %1 next to a normal count: these days are counted as not "
                                              "low, but if they were low the early grade would be %2; grade %3 "
                                              "proposed for the investigator to review")
                                 .arg(dayRanges(unknownDays))
                                 .arg(worstGrade)
                                 .arg(out.grade));
        } else {
            r.reasons.append(ClinicalText::tr("No count on %1 next to a normal count: counted as not low; the grade "
                                              "would be the same if they were low")
                                 .arg(dayRanges(unknownDays)));
        }
    }

    // Grade 4 means the count never rose above 500; a bridged better day did.
    if (out.daysLe500 == kIcahtSevereGrade4Days) {
        int notLow = 0;
        for (DayState s : states500)
            notLow += s == DayState::Low ? 0 : 1;
        if (notLow > 0) {
            r.review = true;
            r.reasons.append(ClinicalText::tr("All 31 days count as low only because %1 better day(s) were bridged, "
                                              "while grade 4 means never above 500/µL: grade 4 proposed for the "
                                              "investigator to review")
                                 .arg(notLow));
        }
    }

    // Open case: follow-up stopped before day 30 while still neutropenic.
    if (censorDay && *censorDay < kIcahtEarlyLastDay && worst500.longestDays > 0 &&
        worst500.trailingNotLowDays < kIcahtRecoveryDaysInRow) {
        r.review = true;
        r.reasons.append(ClinicalText::tr("Follow-up stopped on day %1 (%2) before the ANC had stayed above 500/µL "
                                          "for 3 days: the rules do not decide between the grade from the duration "
                                          "so far (grade %3) and grade 4 (never recovered); grade %3 proposed for "
                                          "the investigator to review")
                             .arg(*censorDay)
                             .arg(censorText(*censorReason))
                             .arg(out.grade));
    }
    return out;
}

void gradeLate(const QMap<int, double> &daily, const IcahtInput &in, IcahtResult &r)
{
    if (in.censorDay && *in.censorDay <= kIcahtEarlyLastDay) {
        r.reasons.append(ClinicalText::tr("Follow-up stopped on day %1 (%2), before day 31: late ICAHT not "
                                          "evaluable")
                             .arg(*in.censorDay)
                             .arg(censorText(*in.censorReason)));
        return;
    }
    int lastDay = std::numeric_limits<int>::max();
    if (in.lateWindowEndDay)
        lastDay = *in.lateWindowEndDay;
    if (in.censorDay)
        lastDay = std::min(lastDay, *in.censorDay);

    QList<std::pair<double, int>> late; // value, day
    int afterWindow = 0;
    for (auto it = daily.constBegin(); it != daily.constEnd(); ++it) {
        if (it.key() <= kIcahtEarlyLastDay)
            continue;
        if (it.key() > lastDay) {
            ++afterWindow;
            continue;
        }
        late.append({it.value(), it.key()});
    }
    if (in.lateWindowEndDay)
        r.reasons.append(ClinicalText::tr("Late ICAHT uses the counts from day 31 to day %1 (study setting)")
                             .arg(*in.lateWindowEndDay));
    else
        r.reasons.append(ClinicalText::tr("Late ICAHT uses every count from day 31 on (the study sets no end)"));
    if (afterWindow > 0 && in.lateWindowEndDay && (!in.censorDay || *in.lateWindowEndDay <= *in.censorDay))
        r.reasons.append(ClinicalText::tr("%n day(s) with counts after day %1 not used", nullptr, afterWindow)
                             .arg(*in.lateWindowEndDay));

    if (late.isEmpty()) {
        r.reasons.append(ClinicalText::tr("No count after day 30: late ICAHT not evaluable"));
        return;
    }
    std::sort(late.begin(), late.end());
    if (late.size() < kIcahtLateMinValues) {
        r.review = true;
        r.reasons.append(ClinicalText::tr("Only one count after day 30 (%1/µL on day %2): at least two are needed, so "
                                          "late ICAHT is not evaluable; for the investigator to review")
                             .arg(perUlText(late.first().first))
                             .arg(late.first().second));
        return;
    }
    const auto [second, secondDay] = late.at(1);
    const int grade = icahtLateGrade(second);
    r.lateGrade = grade;
    switch (grade) {
    case 0:
        r.reasons.append(ClinicalText::tr("Late ICAHT: the second-lowest of %1 daily counts after day 30, %2/µL on "
                                          "day %3, is above 1500/µL: grade 0")
                             .arg(late.size())
                             .arg(perUlText(second))
                             .arg(secondDay));
        break;
    case 1:
        r.reasons.append(ClinicalText::tr("Late ICAHT: the second-lowest of %1 daily counts after day 30, %2/µL on "
                                          "day %3, is ≤ 1500/µL: grade 1")
                             .arg(late.size())
                             .arg(perUlText(second))
                             .arg(secondDay));
        break;
    case 2:
        r.reasons.append(ClinicalText::tr("Late ICAHT: the second-lowest of %1 daily counts after day 30, %2/µL on "
                                          "day %3, is ≤ 1000/µL: grade 2")
                             .arg(late.size())
                             .arg(perUlText(second))
                             .arg(secondDay));
        break;
    case 3:
        r.reasons.append(ClinicalText::tr("Late ICAHT: the second-lowest of %1 daily counts after day 30, %2/µL on "
                                          "day %3, is ≤ 500/µL: grade 3")
                             .arg(late.size())
                             .arg(perUlText(second))
                             .arg(secondDay));
        break;
    default:
        r.reasons.append(ClinicalText::tr("Late ICAHT: the second-lowest of %1 daily counts after day 30, %2/µL on "
                                          "day %3, is ≤ 100/µL: grade 4")
                             .arg(late.size())
                             .arg(perUlText(second))
                             .arg(secondDay));
        break;
    }
    const auto [lowest, lowestDay] = late.first();
    const int lowestGrade = icahtLateGrade(lowest);
    if (lowestGrade > grade) {
        r.review = true;
        r.reasons.append(ClinicalText::tr("One lower count alone (%1/µL on day %2) would give grade %3, but a single "
                                          "low value is not enough; grade %4 proposed for the investigator to "
                                          "review")
                             .arg(perUlText(lowest))
                             .arg(lowestDay)
                             .arg(lowestGrade)
                             .arg(grade));
    }
}

} // namespace

const QStringList &icahtCensorReasonCodes()
{
    static const QStringList codes{u"death"_s, u"progression"_s, u"relapse"_s, u"next_therapy"_s};
    return codes;
}

int icahtSevereRowGrade(int days)
{
    if (days >= kIcahtSevereGrade4Days)
        return 4;
    if (days >= kIcahtSevereGrade3MinDays)
        return 3;
    if (days >= kIcahtSevereGrade2MinDays)
        return 2;
    return days >= 1 ? 1 : 0;
}

int icahtProfoundRowGrade(int days)
{
    if (days >= kIcahtProfoundGrade4MinDays)
        return 4;
    return days >= kIcahtProfoundGrade3MinDays ? 3 : 0;
}

int icahtLateGrade(double perUl)
{
    if (atOrBelow(perUl, kIcahtLateGrade4MaxPerUl))
        return 4;
    if (atOrBelow(perUl, kIcahtLateGrade3MaxPerUl))
        return 3;
    if (atOrBelow(perUl, kIcahtLateGrade2MaxPerUl))
        return 2;
    if (atOrBelow(perUl, kIcahtLateGrade1MaxPerUl))
        return 1;
    return 0;
}

QList<IcahtEpisode> icahtEpisodes(const QList<bool> &lowDays, int firstDay)
{
    QList<IcahtEpisode> episodes;
    int betterInRow = 0;
    for (int i = 0; i < lowDays.size(); ++i) {
        const int day = firstDay + i;
        if (!lowDays.at(i)) {
            ++betterInRow;
            continue;
        }
        // A better spell shorter than the recovery run is bridged: the episode
        // goes on and those days count as low.
        if (!episodes.isEmpty() && betterInRow < kIcahtRecoveryDaysInRow)
            episodes.last().lastDay = day;
        else
            episodes.append({day, day});
        betterInRow = 0;
    }
    return episodes;
}

Result<IcahtResult> gradeIcaht(const IcahtInput &in)
{
    if (in.censorDay.has_value() != in.censorReason.has_value()) {
        if (in.censorDay)
            return invalid(u"censor_reason"_s,
                           ClinicalText::tr("censor_reason is required with censor_day (death, progression, relapse "
                                            "or next_therapy)"));
        return invalid(u"censor_day"_s, ClinicalText::tr("censor_day is required with censor_reason"));
    }
    if (in.censorDay && *in.censorDay < kIcahtEarlyFirstDay)
        return invalid(u"censor_day"_s,
                       ClinicalText::tr("censor_day %1 is before the infusion (day 0)").arg(*in.censorDay));
    if (in.lateWindowEndDay && *in.lateWindowEndDay <= kIcahtEarlyLastDay)
        return invalid(u"late_window_end_day"_s,
                       ClinicalText::tr("late_window_end_day %1 must be after day 30").arg(*in.lateWindowEndDay));

    const int earlyLastDay = in.censorDay ? std::min(kIcahtEarlyLastDay, *in.censorDay) : kIcahtEarlyLastDay;
    const int observedDays = earlyLastDay - kIcahtEarlyFirstDay + 1;
    const QMap<int, double> daily = dailyLowest(in.series, in.censorDay);
    const bool earlyCounts = std::any_of(daily.keyBegin(), daily.keyEnd(),
                                         [&](int day) { return day >= kIcahtEarlyFirstDay && day <= earlyLastDay; });
    const bool precomputed = in.precomputedDaysLe500 || in.precomputedDaysLe100;

    if (precomputed) {
        if (!in.precomputedDaysLe500)
            return invalid(u"days_anc_le_500_precomputed"_s,
                           ClinicalText::tr("days_anc_le_500_precomputed is required with "
                                            "days_anc_le_100_precomputed"));
        if (!in.precomputedDaysLe100)
            return invalid(u"days_anc_le_100_precomputed"_s,
                           ClinicalText::tr("days_anc_le_100_precomputed is required with "
                                            "days_anc_le_500_precomputed"));
        if (earlyCounts)
            return invalid(u"days_anc_le_500_precomputed"_s,
                           ClinicalText::tr("days_anc_le_500_precomputed and days_anc_le_100_precomputed are for when "
                                            "there is no series: anc_series already has counts in days 0–30"));
        const auto checkDuration = [&](const QString &field, int days) -> std::optional<Status> {
            if (days > kIcahtEarlyWindowDays)
                return invalid(field,
                               ClinicalText::tr("%1 = %2 is more than the 31 days of days 0–30").arg(field).arg(days));
            if (days > observedDays)
                return invalid(field, ClinicalText::tr("%1 = %2 is more than the %3 days from day 0 to censor_day %4")
                                          .arg(field)
                                          .arg(days)
                                          .arg(observedDays)
                                          .arg(earlyLastDay));
            return std::nullopt;
        };
        if (auto e = checkDuration(u"days_anc_le_500_precomputed"_s, *in.precomputedDaysLe500))
            return *e;
        if (auto e = checkDuration(u"days_anc_le_100_precomputed"_s, *in.precomputedDaysLe100))
            return *e;
        if (*in.precomputedDaysLe100 > *in.precomputedDaysLe500)
            return invalid(u"days_anc_le_100_precomputed"_s,
                           ClinicalText::tr("days_anc_le_100_precomputed (%1) cannot be more than "
                                            "days_anc_le_500_precomputed (%2): a count ≤ 100/µL is also ≤ 500/µL")
                               .arg(*in.precomputedDaysLe100)
                               .arg(*in.precomputedDaysLe500));
    } else if (!earlyCounts) {
        if (in.series.isEmpty())
            return invalid(u"anc_series"_s,
                           ClinicalText::tr("anc_series is required (or days_anc_le_500_precomputed and "
                                            "days_anc_le_100_precomputed)"));
        return invalid(u"anc_series"_s, ClinicalText::tr("anc_series has no count from day 0 (the infusion day) to "
                                                         "day %1: the early grade needs at least one")
                                            .arg(earlyLastDay));
    }

    IcahtResult r;
    if (in.censorDay) {
        const auto ignored = std::count_if(in.series.cbegin(), in.series.cend(),
                                           [&](const AncCount &c) { return c.day > *in.censorDay; });
        r.reasons.append(ClinicalText::tr("Counts after day %1 (%2) are not used: %3 ignored")
                             .arg(*in.censorDay)
                             .arg(censorText(*in.censorReason))
                             .arg(ignored));
    }
    if (in.gcsfGiven || !in.gcsfDays.isEmpty()) {
        QList<int> days = in.gcsfDays;
        std::sort(days.begin(), days.end());
        days.erase(std::unique(days.begin(), days.end()), days.end());
        if (days.isEmpty())
            r.reasons.append(ClinicalText::tr("G-CSF was given: counts under G-CSF are graded as measured "
                                              "(provisional until the protocol team confirms this rule)"));
        else
            r.reasons.append(ClinicalText::tr("G-CSF was given on %1: counts under G-CSF are graded as measured "
                                              "(provisional until the protocol team confirms this rule)")
                                 .arg(dayRanges(days)));
    }

    if (precomputed) {
        r.daysLe500 = *in.precomputedDaysLe500;
        r.daysLe100 = *in.precomputedDaysLe100;
        r.earlyGrade = earlyGrade(r.daysLe500, r.daysLe100);
        r.reasons.append(ClinicalText::tr("Durations entered without the daily counts: longest time with ANC ≤ "
                                          "500/µL %1 days, with ANC ≤ 100/µL %2 days")
                             .arg(r.daysLe500)
                             .arg(r.daysLe100));
        r.reasons.append(severeRowReason(r.daysLe500));
        r.reasons.append(profoundRowReason(r.daysLe100));
        r.reasons.append(ClinicalText::tr("Early ICAHT is the higher of the two rows: grade %1").arg(r.earlyGrade));
        if (in.censorDay && *in.censorDay < kIcahtEarlyLastDay && r.daysLe500 > 0) {
            r.review = true;
            r.reasons.append(ClinicalText::tr("Follow-up stopped on day %1 (%2) and without the daily counts it cannot "
                                              "be seen whether the ANC had recovered: the rules do not decide between "
                                              "the grade from the duration (grade %3) and grade 4 (never recovered); "
                                              "grade %3 proposed for the investigator to review")
                                 .arg(*in.censorDay)
                                 .arg(censorText(*in.censorReason))
                                 .arg(r.earlyGrade));
        }
    } else {
        r.reasons.append(
            ClinicalText::tr("Day 0 is the infusion day; when a day has several counts the lowest is used, "
                             "and a count exactly on 500 or 100/µL counts as low"));
        const EarlyOutcome early = earlyFromSeries(daily, earlyLastDay, r, in.censorDay, in.censorReason);
        r.earlyGrade = early.grade;
        r.daysLe500 = early.daysLe500;
        r.daysLe100 = early.daysLe100;
        r.totalDaysLe500 = early.totalLe500;
        r.totalDaysLe100 = early.totalLe100;
    }

    gradeLate(daily, in, r);
    return r;
}

} // namespace cellcrf::clinical
