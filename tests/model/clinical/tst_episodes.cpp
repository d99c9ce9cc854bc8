// CRS/ICANS episodes from daily grades: onset, maximum and its first date,
// resolution, duration, treatment, recurrence.

#include "clinical/episodes.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cellcrf::clinical;

namespace {

const QDate kDay0(2025, 3, 1);

// "0 1 2 - 3 0" → one assessment per day from day 0; "-" is a day without a
// grade. Flags: day offsets with tocilizumab (t), corticosteroids (s), ICU (i).
QList<DailyAssessment> history(const QString &grades, const QString &flags = {})
{
    QList<DailyAssessment> list;
    const QStringList tokens = grades.split(u' ', Qt::SkipEmptyParts);
    for (int day = 0; day < tokens.size(); ++day) {
        DailyAssessment a;
        a.date = kDay0.addDays(day);
        if (tokens.at(day) != u"-"_s)
            a.crsGrade = tokens.at(day).toInt();
        list.append(a);
    }
    for (const QString &flag : flags.split(u' ', Qt::SkipEmptyParts)) {
        const int day = flag.left(flag.size() - 1).toInt();
        DailyAssessment &a = list[day];
        if (flag.endsWith(u't'))
            a.tocilizumab = true;
        else if (flag.endsWith(u's'))
            a.corticosteroids = true;
        else if (flag.endsWith(u'i'))
            a.icuTransfer = true;
    }
    return list;
}

// "onset max maxDay resolution|open duration|- flags" per episode, days as
// offsets from day 0, flags any of t s i or "none"; episodes separated by ";".
QString describe(const QList<ToxicityEpisode> &episodes)
{
    QStringList parts;
    for (const ToxicityEpisode &e : episodes) {
        QString flags;
        if (e.tocilizumab)
            flags += u't';
        if (e.corticosteroids)
            flags += u's';
        if (e.icuTransfer)
            flags += u'i';
        parts.append(u"%1 %2 %3 %4 %5 %6"_s.arg(kDay0.daysTo(e.onsetDate))
                         .arg(e.maxGrade)
                         .arg(kDay0.daysTo(e.maxGradeDate))
                         .arg(e.resolutionDate ? QString::number(kDay0.daysTo(*e.resolutionDate)) : u"open"_s,
                              e.durationDays ? QString::number(*e.durationDays) : u"-"_s,
                              flags.isEmpty() ? u"none"_s : flags));
    }
    return parts.join(u"; "_s);
}

} // namespace

class TestEpisodes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void crsEpisodes_data();
    void crsEpisodes();
    void icansUsesItsOwnGrades();
    void unorderedAndDuplicateDates_areMerged();
};

void TestEpisodes::crsEpisodes_data()
{
    QTest::addColumn<QString>("grades");
    QTest::addColumn<QString>("flags");
    QTest::addColumn<QString>("expected");

    QTest::newRow("no CRS") << u"0 0 0 0"_s << QString() << QString();
    QTest::newRow("nothing assessed") << u"- - -"_s << QString() << QString();
    QTest::newRow("one resolved episode") << u"0 1 2 1 0 0"_s << QString() << u"1 2 2 4 3 none"_s;
    QTest::newRow("maximum first reached date") << u"1 3 2 3 0"_s << QString() << u"0 3 1 4 4 none"_s;
    QTest::newRow("open episode") << u"0 0 1 2"_s << QString() << u"2 2 3 open - none"_s;
    QTest::newRow("recurrence gives two episodes")
        << u"1 2 0 0 1 0"_s << QString() << u"0 2 1 2 2 none; 4 1 4 5 1 none"_s;
    QTest::newRow("gap neither resolves nor extends") << u"1 - 2 - 0"_s << QString() << u"0 2 2 4 4 none"_s;
    QTest::newRow("one-day episode") << u"0 1 0"_s << QString() << u"1 1 1 2 1 none"_s;
    QTest::newRow("grade 5 never resolves") << u"2 4 5"_s << QString() << u"0 5 2 open - none"_s;
    QTest::newRow("tocilizumab during episode") << u"0 2 3 1 0"_s << u"2t"_s << u"1 3 2 4 3 t"_s;
    QTest::newRow("steroids and ICU") << u"1 3 3 0"_s << u"1s 1i"_s << u"0 3 1 3 3 si"_s;
    QTest::newRow("treatment before onset not counted") << u"0 1 0"_s << u"0t"_s << u"1 1 1 2 1 none"_s;
    QTest::newRow("treatment on resolution day not counted") << u"1 0"_s << u"1s"_s << u"0 1 0 1 1 none"_s;
    QTest::newRow("treatment on an ungraded day inside counted") << u"1 - 1 0"_s << u"1t"_s << u"0 1 0 3 3 t"_s;
    QTest::newRow("treatment goes to the right episode") << u"1 0 2 0"_s << u"2t"_s << u"0 1 0 1 1 none; 2 2 2 3 1 t"_s;
}

void TestEpisodes::crsEpisodes()
{
    QFETCH(QString, grades);
    QFETCH(QString, flags);
    QFETCH(QString, expected);
    QCOMPARE(describe(deriveEpisodes(history(grades, flags), Toxicity::Crs)), expected);
}

void TestEpisodes::icansUsesItsOwnGrades()
{
    QList<DailyAssessment> days = history(u"1 1 0 0"_s);
    days[2].icansGrade = 2;
    days[3].icansGrade = 0;
    const QList<ToxicityEpisode> icans = deriveEpisodes(days, Toxicity::Icans);
    QCOMPARE(icans.size(), 1);
    QCOMPARE(icans.first().toxicity, Toxicity::Icans);
    QCOMPARE(icans.first().onsetDate, kDay0.addDays(2));
    QCOMPARE(icans.first().resolutionDate, kDay0.addDays(3));
    QCOMPARE(deriveEpisodes(days, Toxicity::Crs).size(), 1);
}

void TestEpisodes::unorderedAndDuplicateDates_areMerged()
{
    QList<DailyAssessment> days = history(u"0 1 2 0"_s);
    std::reverse(days.begin(), days.end());
    DailyAssessment evening;
    evening.date = kDay0.addDays(2);
    evening.crsGrade = 3;
    evening.tocilizumab = true;
    days.append(evening);
    days.append(DailyAssessment{}); // invalid date, ignored
    QCOMPARE(describe(deriveEpisodes(days, Toxicity::Crs)), u"1 3 2 3 2 t"_s);
}

QTEST_GUILESS_MAIN(TestEpisodes)
#include "tst_episodes.moc"
