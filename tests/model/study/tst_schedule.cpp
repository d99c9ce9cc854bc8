// The visit schedule: target dates and windows from anchor dates, and each
// visit's state on a given day.

#include "study/schedule.h"

#include <QTest>

// Declared before any data table uses the type.
Q_DECLARE_METATYPE(cellcrf::study::VisitState)

using namespace cellcrf;
using namespace cellcrf::study;

namespace {

Study makeStudy()
{
    Study s;
    s.oid = QStringLiteral("t");
    Event screening;
    screening.oid = QStringLiteral("screening");
    screening.anchor = QStringLiteral("infusion");
    screening.day = -17;
    screening.windowBefore = -11;
    screening.windowAfter = 11;
    screening.forms = {QStringLiteral("dm")};
    Event d7;
    d7.oid = QStringLiteral("d7");
    d7.anchor = QStringLiteral("infusion");
    d7.day = 7;
    d7.forms = {QStringLiteral("tox")};
    Event d28;
    d28.oid = QStringLiteral("d28");
    d28.anchor = QStringLiteral("infusion");
    d28.day = 28;
    d28.windowBefore = -3;
    d28.windowAfter = 3;
    d28.forms = {QStringLiteral("tox"), QStringLiteral("resp")};
    Event ae;
    ae.oid = QStringLiteral("ae");
    ae.forms = {QStringLiteral("ae")};
    s.events = {screening, d7, d28, ae};
    return s;
}

const QDate infusion(2026, 3, 1);

AnchorDates anchors(std::optional<QDate> date = infusion)
{
    return [date](const QString &oid) -> std::optional<QDate> {
        return oid == QLatin1String("infusion") ? date : std::nullopt;
    };
}

} // namespace

class TstSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void targetAndWindow_fromAnchorDate()
    {
        const Study s = makeStudy();
        const auto schedule = computeSchedule(s, anchors(), {}, infusion);
        QCOMPARE(schedule.size(), 4);
        QCOMPARE(*schedule.at(0).target, QDate(2026, 2, 12));
        QCOMPARE(*schedule.at(0).windowStart, QDate(2026, 2, 1));
        QCOMPARE(*schedule.at(0).windowEnd, QDate(2026, 2, 23));
        QCOMPARE(*schedule.at(2).target, QDate(2026, 3, 29));
        QCOMPARE(*schedule.at(2).windowStart, QDate(2026, 3, 26));
        QCOMPARE(*schedule.at(2).windowEnd, QDate(2026, 4, 1));
        QVERIFY(!schedule.at(3).target);
    }

    void withoutAnchorDate_notDueAndNoDates()
    {
        const Study s = makeStudy();
        const auto schedule = computeSchedule(s, anchors(std::nullopt), {}, infusion);
        QVERIFY(!schedule.at(1).target);
        QCOMPARE(schedule.at(1).state, VisitState::NotDue);
        QCOMPARE(schedule.at(3).state, VisitState::Unscheduled);
    }

    void state_data()
    {
        QTest::addColumn<QDate>("today");
        QTest::addColumn<QStringList>("statuses"); // event/form=status
        QTest::addColumn<int>("visit");
        QTest::addColumn<VisitState>("expected");

        QTest::newRow("before window") << QDate(2026, 3, 25) << QStringList{} << 2 << VisitState::NotDue;
        QTest::newRow("first day of window") << QDate(2026, 3, 26) << QStringList{} << 2 << VisitState::Due;
        QTest::newRow("last day of window") << QDate(2026, 4, 1) << QStringList{} << 2 << VisitState::Due;
        QTest::newRow("after window") << QDate(2026, 4, 2) << QStringList{} << 2 << VisitState::Overdue;
        QTest::newRow("partly entered after window")
            << QDate(2026, 4, 9) << QStringList{QStringLiteral("d28/tox=incomplete")} << 2 << VisitState::Overdue;
        QTest::newRow("every form complete")
            << QDate(2026, 3, 20) << QStringList{QStringLiteral("d28/tox=complete"), QStringLiteral("d28/resp=signed")}
            << 2 << VisitState::Done;
        QTest::newRow("one form still incomplete")
            << QDate(2026, 3, 28)
            << QStringList{QStringLiteral("d28/tox=complete"), QStringLiteral("d28/resp=incomplete")} << 2
            << VisitState::Due;
        QTest::newRow("skipped, a later visit started")
            << QDate(2026, 3, 30) << QStringList{QStringLiteral("d28/tox=incomplete")} << 1 << VisitState::Missed;
        QTest::newRow("skipped, nothing later yet") << QDate(2026, 3, 30) << QStringList{} << 1 << VisitState::Overdue;
        QTest::newRow("unscheduled done")
            << QDate(2026, 3, 30) << QStringList{QStringLiteral("ae/ae=locked")} << 3 << VisitState::Done;
    }

    void state()
    {
        QFETCH(QDate, today);
        QFETCH(QStringList, statuses);
        QFETCH(int, visit);
        QFETCH(VisitState, expected);
        FormStatuses forms;
        for (const auto &s : statuses) {
            const auto eq = s.indexOf(u'=');
            const auto slash = s.indexOf(u'/');
            forms.insert(formStatusKey(s.left(slash), s.mid(slash + 1, eq - slash - 1)), s.mid(eq + 1));
        }
        const Study s = makeStudy();
        const auto schedule = computeSchedule(s, anchors(), forms, today);
        QCOMPARE(visitStateName(schedule.at(visit).state), visitStateName(expected));
    }

    void nextDueVisit_prefersOverdueThenEarliestTarget()
    {
        // The schedule points into the study, which outlives it.
        const Study s = makeStudy();
        auto schedule = computeSchedule(s, anchors(), {}, QDate(2026, 3, 10));
        QCOMPARE(nextDueVisit(schedule)->event->oid, QStringLiteral("screening")); // overdue
        FormStatuses forms{
            {formStatusKey(QStringLiteral("screening"), QStringLiteral("dm")), QStringLiteral("complete")},
            {formStatusKey(QStringLiteral("d7"), QStringLiteral("tox")), QStringLiteral("complete")}};
        schedule = computeSchedule(s, anchors(), forms, QDate(2026, 3, 10));
        QCOMPARE(nextDueVisit(schedule)->event->oid, QStringLiteral("d28"));
    }

    void subjectExpectsVisits_notAfterLeavingTheStudy()
    {
        QVERIFY(subjectExpectsVisits(QStringLiteral("on_study")));
        QVERIFY(subjectExpectsVisits(QStringLiteral("randomized")));
        QVERIFY(!subjectExpectsVisits(QStringLiteral("died")));
        QVERIFY(!subjectExpectsVisits(QStringLiteral("screen_failed")));
    }
};

QTEST_GUILESS_MAIN(TstSchedule)
#include "tst_schedule.moc"
