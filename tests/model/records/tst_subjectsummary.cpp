// SubjectSummaries reads for all subjects at once what the subject list shows;
// on a generated study every summary must equal what the per-subject reads
// (ClinicalData::firstValue, formsOfSubject, anchorDate, the schedule, the
// query list) give for the same subject, and site access must hold.

#include "auth/permissions.h"
#include "core/clock.h"
#include "demo/demogenerator.h"
#include "records/queries.h"
#include "records/subjectsummary.h"
#include "study/schedule.h"

#include <QTemporaryDir>
#include <QTest>

using namespace cellcrf;

class TstSubjectSummary : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<records::StudyFile> m_file;
    const Actor m_dataManager{
        QStringLiteral("datamanager"), QStringLiteral("Dana"), QString::fromLatin1(auth::role::DataManager), {}};
    const QList<records::ItemRef> m_items{{QStringLiteral("dm"), QStringLiteral("age_at_consent")},
                                          {QStringLiteral("dm"), QStringLiteral("sex")},
                                          {QStringLiteral("infusion"), QStringLiteral("infdtc")}};
    const QDate m_today{2026, 1, 15};

    // The answer of the per-subject reads, as the subject list made it before.
    records::SubjectSummary perSubject(const records::Subject &subject)
    {
        records::ClinicalData &data = m_file->data();
        records::SubjectSummary s;
        s.subject = subject;
        for (const auto &ref : m_items)
            s.values.append(data.firstValue(subject.id, ref.formOid, ref.itemOid).value_or(QString()));
        records::QueryFilter filter;
        filter.subjectId = subject.id;
        const auto queries = records::Queries(data, m_clock).list(m_dataManager, filter);
        s.openQueries = queries ? int(queries->size()) : -1;
        if (!study::subjectExpectsVisits(subject.status))
            return s;
        study::FormStatuses statuses;
        const auto forms = data.formsOfSubject(m_dataManager, subject.id);
        for (const auto &f : *forms)
            if (f.key.eventRepeat == 1 && f.key.formRepeat == 1)
                statuses.insert(study::formStatusKey(f.key.eventOid, f.key.formOid), f.status);
        const auto schedule = study::computeSchedule(
            data.study(), [&](const QString &anchor) { return data.anchorDate(subject.id, anchor); }, statuses,
            m_today);
        if (const auto *next = study::nextDueVisit(schedule)) {
            s.nextVisitOid = next->event->oid;
            s.nextVisitDate = next->target;
            s.nextVisitState = next->state;
        }
        return s;
    }

    static void compare(const records::SubjectSummary &got, const records::SubjectSummary &want)
    {
        QCOMPARE(got.subject.id, want.subject.id);
        QCOMPARE(got.subject.key, want.subject.key);
        QCOMPARE(got.values, want.values);
        QCOMPARE(got.openQueries, want.openQueries);
        QCOMPARE(got.nextVisitOid, want.nextVisitOid);
        QCOMPARE(got.nextVisitDate, want.nextVisitDate);
        QCOMPARE(int(got.nextVisitState), int(want.nextVisitState));
    }

    ManualClock m_clock{QDateTime(QDate(2026, 1, 15), QTime(9, 0), Qt::UTC)};

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        demo::DemoOptions options;
        options.subjects = 24;
        options.seed = 5;
        auto created = demo::createDemoDatabase(m_dir.filePath(QStringLiteral("s.ccrf")), options);
        QVERIFY2(created, qPrintable(created.message()));
        m_file = std::move(created).value();

        // Open queries on two subjects, one of them twice with one closed.
        records::Queries queries(m_file->data(), m_clock);
        const auto subjects = m_file->data().subjects(m_dataManager);
        QVERIFY(subjects && subjects->size() == 24);
        const records::FormKey first{subjects->at(0).id, QStringLiteral("screening"), 1, QStringLiteral("dm"), 1};
        const records::FormKey third{subjects->at(2).id, QStringLiteral("screening"), 1, QStringLiteral("dm"), 1};
        QVERIFY(queries.open(m_dataManager, first, QStringLiteral("weight_kg"), QStringLiteral("Weight?")));
        auto closed = queries.open(m_dataManager, third, QStringLiteral("sex"), QStringLiteral("Sex?"));
        QVERIFY(closed);
        QVERIFY(queries.open(m_dataManager, third, QStringLiteral("weight_kg"), QStringLiteral("Weight?")));
        QVERIFY(queries.close(m_dataManager, closed->id));
    }

    void all_equalsThePerSubjectReads()
    {
        const auto summaries = records::SubjectSummaries(m_file->data()).all(m_dataManager, m_items, m_today);
        QVERIFY2(summaries, qPrintable(summaries.message()));
        const auto subjects = m_file->data().subjects(m_dataManager);
        QCOMPARE(summaries->size(), subjects->size());
        int withAge = 0, withInfusion = 0, withNextVisit = 0, withQueries = 0;
        for (qsizetype i = 0; i < subjects->size(); ++i) {
            compare(summaries->at(i), perSubject(subjects->at(i)));
            if (QTest::currentTestFailed())
                return;
            withAge += summaries->at(i).values.at(0).isEmpty() ? 0 : 1;
            withInfusion += summaries->at(i).values.at(2).isEmpty() ? 0 : 1;
            withNextVisit += summaries->at(i).nextVisitOid.isEmpty() ? 0 : 1;
            withQueries += summaries->at(i).openQueries > 0 ? 1 : 0;
        }
        // The study is varied enough for the comparison to mean something.
        QVERIFY(withAge > 12);
        QVERIFY(withInfusion > 0 && withInfusion < 24);
        QVERIFY(withNextVisit > 0);
        QCOMPARE(withQueries, 2);
        QCOMPARE(summaries->at(2).openQueries, 1);
    }

    void one_equalsItsRowOfAll_andKeepsSiteAccess()
    {
        const records::SubjectSummaries reader(m_file->data());
        const auto all = reader.all(m_dataManager, m_items, m_today);
        QVERIFY(all);
        for (const auto &row : *all) {
            const auto one = reader.one(m_dataManager, row.subject.id, m_items, m_today);
            QVERIFY2(one, qPrintable(one.message()));
            compare(*one, row);
            if (QTest::currentTestFailed())
                return;
        }

        const Actor siteNurse{QStringLiteral("nurse"),
                              QStringLiteral("Nora"),
                              QString::fromLatin1(auth::role::Nurse),
                              {QStringLiteral("02")}};
        const auto mine = reader.all(siteNurse, m_items, m_today);
        QVERIFY(mine);
        QVERIFY(!mine->isEmpty());
        QVERIFY(mine->size() < all->size());
        for (const auto &row : *mine)
            QCOMPARE(row.subject.siteOid, QStringLiteral("02"));
        for (const auto &row : *all) {
            if (row.subject.siteOid == QLatin1String("02"))
                continue;
            QCOMPARE(reader.one(siteNurse, row.subject.id, m_items, m_today).status().code(),
                     ErrorCode::PermissionDenied);
            break;
        }
    }
};

QTEST_GUILESS_MAIN(TstSubjectSummary)
#include "tst_subjectsummary.moc"
