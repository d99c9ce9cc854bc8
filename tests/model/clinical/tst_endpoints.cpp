// S1904 time-to-event endpoints from randomization and pediatric landmark
// outcomes from infusion, on constructed histories.

#include "clinical/endpoints.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cellcrf::clinical;

namespace {

const QDate kInfusion(2025, 1, 1);
const QDate kRandomized(2025, 3, 1);

using C = ResponseCategory;

EndpointAssessment at(const QDate &origin, int day, C category, std::optional<bool> mrdNegative)
{
    return {origin.addDays(day), category, mrdNegative};
}

SubjectHistory s1904Base()
{
    SubjectHistory h;
    h.infusionDate = kInfusion;
    h.randomizationDate = kRandomized;
    return h;
}

// "status days" for one endpoint: E (event), C (censored), R (competing).
QString describe(const EndpointOutcome &o)
{
    const QChar s = o.status == EndpointStatus::Event ? u'E' : o.status == EndpointStatus::Competing ? u'R' : u'C';
    return u"%1 %2"_s.arg(s).arg(o.days);
}

QString describe(LandmarkStatus s)
{
    return s == LandmarkStatus::Event ? u"event"_s : s == LandmarkStatus::Free ? u"free"_s : u"ne"_s;
}

} // namespace

class TestEndpoints : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void s1904_data();
    void s1904();
    void s1904_invalidHistory_isRejected_data();
    void s1904_invalidHistory_isRejected();
    void pediatric_data();
    void pediatric();
};

void TestEndpoints::s1904_data()
{
    QTest::addColumn<SubjectHistory>("history");
    QTest::addColumn<QString>("efs");
    QTest::addColumn<QString>("rfs");
    QTest::addColumn<QString>("cir");
    QTest::addColumn<QString>("os");

    const QDate r = kRandomized;
    {
        SubjectHistory h = s1904Base();
        h.assessments = {at(r, 0, C::CompleteRemission, true), at(r, 90, C::CompleteRemission, true),
                         at(r, 180, C::CompleteRemission, true)};
        h.lastContactDate = r.addDays(200);
        QTest::newRow("in remission: all censored") << h << u"C 180"_s << u"C 180"_s << u"C 180"_s << u"C 200"_s;
    }
    {
        SubjectHistory h = s1904Base();
        h.assessments = {at(r, 90, C::CompleteRemission, true), at(r, 180, C::CompleteRemission, false),
                         at(r, 270, C::CompleteRemission, true)};
        h.lastContactDate = r.addDays(300);
        QTest::newRow("MRD conversion: EFS event only") << h << u"E 180"_s << u"C 270"_s << u"C 270"_s << u"C 300"_s;
    }
    {
        SubjectHistory h = s1904Base();
        h.assessments = {at(r, 90, C::CompleteRemission, true), at(r, 200, C::Relapse, false)};
        h.relapseDate = r.addDays(200);
        h.lastContactDate = r.addDays(250);
        QTest::newRow("relapse") << h << u"E 200"_s << u"E 200"_s << u"E 200"_s << u"C 250"_s;
    }
    {
        SubjectHistory h = s1904Base();
        h.assessments = {at(r, 90, C::CompleteRemission, true), at(r, 150, C::Relapse, std::nullopt)};
        QTest::newRow("relapse from an assessment without a relapse date")
            << h << u"E 150"_s << u"E 150"_s << u"E 150"_s << u"C 150"_s;
    }
    {
        SubjectHistory h = s1904Base();
        h.assessments = {at(r, 90, C::CompleteRemission, true)};
        h.relapseDate = r.addDays(200);
        h.deathDate = r.addDays(260);
        h.deathCause = DeathCause::Relapse;
        QTest::newRow("relapse then death from relapse") << h << u"E 200"_s << u"E 200"_s << u"E 200"_s << u"E 260"_s;
    }
    {
        SubjectHistory h = s1904Base();
        h.assessments = {at(r, 90, C::CompleteRemission, true)};
        h.deathDate = r.addDays(120);
        h.deathCause = DeathCause::NonRelapse;
        QTest::newRow("non-relapse death: competing for CIR")
            << h << u"E 120"_s << u"E 120"_s << u"R 120"_s << u"E 120"_s;
    }
    {
        SubjectHistory h = s1904Base();
        h.assessments = {at(r, 90, C::CompleteRemission, true)};
        h.deathDate = r.addDays(120);
        h.deathCause = DeathCause::Relapse;
        QTest::newRow("death from relapse with no relapse recorded")
            << h << u"E 120"_s << u"E 120"_s << u"E 120"_s << u"E 120"_s;
    }
    {
        SubjectHistory h = s1904Base();
        h.assessments = {at(r, 90, C::CompleteRemission, false)};
        h.relapseDate = r.addDays(150);
        h.deathDate = r.addDays(200);
        h.deathCause = DeathCause::NonRelapse;
        QTest::newRow("MRD+ before relapse and death: earliest counts")
            << h << u"E 90"_s << u"E 150"_s << u"E 150"_s << u"E 200"_s;
    }
    {
        SubjectHistory h = s1904Base();
        h.lastContactDate = r.addDays(30);
        QTest::newRow("no assessments after randomization") << h << u"C 0"_s << u"C 0"_s << u"C 0"_s << u"C 30"_s;
    }
    {
        SubjectHistory h = s1904Base();
        h.assessments = {at(kInfusion, 28, C::CompleteRemission, false), at(r, 90, C::CompleteRemission, true),
                         at(r, 150, C::CompleteRemission, std::nullopt)};
        QTest::newRow("pre-randomization assessments ignored; MRD not measured")
            << h << u"C 90"_s << u"C 150"_s << u"C 150"_s << u"C 150"_s;
    }
}

void TestEndpoints::s1904()
{
    QFETCH(SubjectHistory, history);
    QFETCH(QString, efs);
    QFETCH(QString, rfs);
    QFETCH(QString, cir);
    QFETCH(QString, os);

    const auto result = s1904Endpoints(history);
    QVERIFY2(result.isOk(), qPrintable(result.message()));
    QCOMPARE(describe(result->efs), efs);
    QCOMPARE(describe(result->rfs), rfs);
    QCOMPARE(describe(result->cumulativeIncidenceOfRelapse), cir);
    QCOMPARE(describe(result->os), os);
    QCOMPARE(result->os.date, kRandomized.addDays(result->os.days));
    QVERIFY(!result->efs.reason.isEmpty());
}

void TestEndpoints::s1904_invalidHistory_isRejected_data()
{
    QTest::addColumn<SubjectHistory>("history");
    QTest::addColumn<QString>("field");

    SubjectHistory noRandomization = s1904Base();
    noRandomization.randomizationDate = QDate();
    QTest::newRow("no randomization date") << noRandomization << u"randomization"_s;
    SubjectHistory earlyRelapse = s1904Base();
    earlyRelapse.relapseDate = kRandomized.addDays(-1);
    QTest::newRow("relapse before randomization") << earlyRelapse << u"relapse_date"_s;
    SubjectHistory earlyDeath = s1904Base();
    earlyDeath.deathDate = kRandomized.addDays(-1);
    earlyDeath.deathCause = DeathCause::NonRelapse;
    QTest::newRow("death before randomization") << earlyDeath << u"death_date"_s;
    SubjectHistory noCause = s1904Base();
    noCause.deathDate = kRandomized.addDays(10);
    QTest::newRow("death without cause") << noCause << u"death_cause"_s;
}

void TestEndpoints::s1904_invalidHistory_isRejected()
{
    QFETCH(SubjectHistory, history);
    QFETCH(QString, field);
    const auto result = s1904Endpoints(history);
    QVERIFY(!result.isOk());
    QCOMPARE(result.status().detail(), field);
}

void TestEndpoints::pediatric_data()
{
    QTest::addColumn<SubjectHistory>("history");
    QTest::addColumn<QString>("best"); // response code, or "none"
    QTest::addColumn<bool>("orr");
    QTest::addColumn<QString>("landmarks"); // efs1 efs3 os1 os3

    const QDate i = kInfusion;
    const auto base = [] {
        SubjectHistory h;
        h.infusionDate = kInfusion;
        return h;
    };
    {
        SubjectHistory h = base();
        h.assessments = {at(i, 28, C::CompleteRemission, true), at(i, 90, C::CompleteRemission, true)};
        h.lastContactDate = i.addDays(95);
        QTest::newRow("CR, followed past 3 months") << h << u"cr"_s << true << u"free free free free"_s;
    }
    {
        SubjectHistory h = base();
        h.assessments = {at(i, 14, C::MorphologicLeukemiaFree, std::nullopt),
                         at(i, 28, C::CompleteRemissionIncompleteRecovery, true)};
        h.lastContactDate = i.addDays(60);
        QTest::newRow("CRi counts for ORR; follow-up ends day 60") << h << u"cri"_s << true << u"free ne free ne"_s;
    }
    {
        SubjectHistory h = base();
        h.assessments = {at(i, 28, C::MorphologicLeukemiaFree, true), at(i, 35, C::CompleteRemission, true)};
        h.lastContactDate = i.addDays(100);
        QTest::newRow("CR after the time point not counted") << h << u"mlfs"_s << false << u"free free free free"_s;
    }
    {
        SubjectHistory h = base();
        h.assessments = {at(i, 28, C::NoResponse, false)};
        h.lastContactDate = i.addDays(100);
        QTest::newRow("no response") << h << u"nr"_s << false << u"free free free free"_s;
    }
    {
        SubjectHistory h = base();
        h.assessments = {at(i, 28, C::CompleteRemission, true)};
        h.relapseDate = i.addDays(60);
        h.lastContactDate = i.addDays(120);
        QTest::newRow("relapse day 60") << h << u"cr"_s << true << u"free event free free"_s;
    }
    {
        SubjectHistory h = base();
        h.deathDate = i.addDays(30);
        h.deathCause = DeathCause::NonRelapse;
        QTest::newRow("death on day 30 counts at 1 month") << h << u"none"_s << false << u"event event event event"_s;
    }
    {
        SubjectHistory h = base();
        h.assessments = {at(i, 28, C::CompleteRemission, true)};
        h.deathDate = i.addDays(91);
        h.deathCause = DeathCause::NonRelapse;
        QTest::newRow("death on day 91 counts at 3 months") << h << u"cr"_s << true << u"free event free event"_s;
    }
    {
        SubjectHistory h = base();
        h.assessments = {at(i, 28, C::CompleteRemission, true)};
        h.deathDate = i.addDays(92);
        h.deathCause = DeathCause::Relapse;
        QTest::newRow("death on day 92 after 3 months") << h << u"cr"_s << true << u"free free free free"_s;
    }
    {
        SubjectHistory h = base();
        h.lastContactDate = i.addDays(20);
        QTest::newRow("lost before 1 month") << h << u"none"_s << false << u"ne ne ne ne"_s;
    }
}

void TestEndpoints::pediatric()
{
    QFETCH(SubjectHistory, history);
    QFETCH(QString, best);
    QFETCH(bool, orr);
    QFETCH(QString, landmarks);

    const auto result = pediatricOutcomes(history);
    QVERIFY2(result.isOk(), qPrintable(result.message()));
    QCOMPARE(result->bestResponse ? responseCode(*result->bestResponse) : u"none"_s, best);
    QCOMPARE(result->overallRemission, orr);
    const QString got = QStringList{describe(result->efs1Month.status), describe(result->efs3Months.status),
                                    describe(result->os1Month.status), describe(result->os3Months.status)}
                            .join(u' ');
    QCOMPARE(got, landmarks);
    QVERIFY(!result->efs1Month.reason.isEmpty());
}

QTEST_GUILESS_MAIN(TestEndpoints)
#include "tst_endpoints.moc"
