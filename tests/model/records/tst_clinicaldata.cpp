#include "audit/audittrail.h"
#include "audit/verifier.h"
#include "core/clock.h"
#include "records/clinicaldata.h"
#include "store/database.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace cellcrf;
using namespace cellcrf::records;
using store::Database;
using store::Query;

namespace {

study::LocalizedText en(const QString &s)
{
    return study::LocalizedText{{{QStringLiteral("en"), s}}};
}

study::Item item(const QString &oid, study::ItemType type)
{
    study::Item i;
    i.oid = oid;
    i.type = type;
    i.label = en(oid);
    return i;
}

// A small study: one screening form with a few typed items, a show-if and a soft range.
study::Study miniStudy()
{
    study::Study s;
    s.oid = QStringLiteral("mini");
    s.version = QStringLiteral("1.0");
    s.sites = {{QStringLiteral("01"), en(QStringLiteral("Site one")), 480},
               {QStringLiteral("02"), en(QStringLiteral("Site two")), 480}};
    s.codeLists = {
        {QStringLiteral("sex"),
         {{QStringLiteral("M"), en(QStringLiteral("Male"))}, {QStringLiteral("F"), en(QStringLiteral("Female"))}}}};
    study::Form f;
    f.oid = QStringLiteral("dm");
    f.name = en(QStringLiteral("Demographics"));
    f.sections = {{QStringLiteral("main"), en(QStringLiteral("Main"))}};
    study::Item sex = item(QStringLiteral("sex"), study::ItemType::SingleChoice);
    sex.codeListOid = QStringLiteral("sex");
    sex.required = true;
    study::Item weight = item(QStringLiteral("weight"), study::ItemType::Decimal);
    weight.range.hardMin = 1;
    weight.range.hardMax = 300;
    weight.range.softMin = 20;
    weight.range.softMax = 150;
    weight.missingCodes = {QStringLiteral("ND")};
    study::Item pregnant = item(QStringLiteral("pregnant"), study::ItemType::YesNo);
    pregnant.showIf = QStringLiteral("sex = 'F'");
    f.items = {sex, weight, pregnant};
    s.forms = {f};
    study::Event e;
    e.oid = QStringLiteral("screening");
    e.name = en(QStringLiteral("Screening"));
    e.forms = {QStringLiteral("dm")};
    s.events = {e};
    return s;
}

const Actor nurse{
    QStringLiteral("nurse1"), QStringLiteral("Nurse One"), QStringLiteral("nurse"), {QStringLiteral("01")}};
const Actor otherSiteNurse{
    QStringLiteral("nurse2"), QStringLiteral("Nurse Two"), QStringLiteral("nurse"), {QStringLiteral("02")}};

FormValues values(std::initializer_list<std::pair<QString, QString>> list)
{
    FormValues v;
    for (const auto &[k, val] : list)
        v.insert(k, ItemEntry{val, {}, false});
    return v;
}

} // namespace

class TestClinicalData : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    study::Study m_study = miniStudy();
    ManualClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC)};
    std::unique_ptr<ClinicalData> m_data;
    qint64 m_subjectId = 0;

    qint64 auditCount() const { return m_data->auditTrail().count(); }

    FormKey dmKey() const { return FormKey{m_subjectId, QStringLiteral("screening"), 1, QStringLiteral("dm"), 1}; }

    SaveOutcome save(const FormValues &v, int expectedVersion, const QString &reason = {}, bool complete = false)
    {
        SaveRequest r;
        r.key = dmKey();
        r.expectedVersion = expectedVersion;
        r.values = v;
        r.reason = reason;
        r.complete = complete;
        m_clock.advanceSeconds(30);
        return m_data->saveForm(nurse, r);
    }

private Q_SLOTS:
    void init()
    {
        static int n = 0;
        auto db = Database::open(m_dir.filePath(QStringLiteral("cd%1.db").arg(++n)), Database::Mode::CreateIfMissing);
        QVERIFY(db);
        m_db = std::move(*db);
        QVERIFY(audit::AuditTrail::registerLocalDevice(*m_db, QStringLiteral("dev"), QString(), QString()));
        for (const study::Site &s : m_study.sites) {
            Query q(*m_db, QStringLiteral("INSERT INTO site (oid, name, utc_offset_min) VALUES (?, ?, ?)"));
            q.bind(s.oid).bind(s.name.text()).bind(s.utcOffsetMinutes);
            QVERIFY(q.exec());
        }
        m_data = std::make_unique<ClinicalData>(*m_db, m_study, m_clock);
        auto subject =
            m_data->registerSubject(nurse, {QStringLiteral("01"), QStringLiteral("0001"), QStringLiteral("ab")});
        QVERIFY2(subject, qPrintable(subject.message()));
        m_subjectId = subject->id;
    }
    void cleanup()
    {
        m_data.reset();
        m_db.reset();
    }

    void registerSubject_writesSubjectAndAuditEvent()
    {
        auto s = m_data->subject(nurse, m_subjectId);
        QVERIFY(s);
        QCOMPARE(s->key, QStringLiteral("01-0001"));
        QCOMPARE(s->initials, QStringLiteral("AB"));
        QCOMPARE(s->status, QStringLiteral("screening"));
        QCOMPARE(auditCount(), 1);
    }

    void registerSubject_duplicateOrBadInput_isRefusedAndWritesNothing_data()
    {
        QTest::addColumn<QString>("site");
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("initials");
        QTest::addColumn<int>("code");
        QTest::newRow("duplicate") << "01"
                                   << "0001"
                                   << "CD" << int(ErrorCode::Conflict);
        QTest::newRow("unknown site") << "99"
                                      << "0002"
                                      << "CD" << int(ErrorCode::InvalidInput);
        QTest::newRow("other site") << "02"
                                    << "0002"
                                    << "CD" << int(ErrorCode::PermissionDenied);
        QTest::newRow("empty number") << "01"
                                      << ""
                                      << "CD" << int(ErrorCode::InvalidInput);
        QTest::newRow("number with quote") << "01"
                                           << "1'; --"
                                           << "CD" << int(ErrorCode::InvalidInput);
        QTest::newRow("initials too long") << "01"
                                           << "0003"
                                           << "ABCDE" << int(ErrorCode::InvalidInput);
    }
    void registerSubject_duplicateOrBadInput_isRefusedAndWritesNothing()
    {
        QFETCH(QString, site);
        QFETCH(QString, number);
        QFETCH(QString, initials);
        QFETCH(int, code);
        const qint64 before = auditCount();
        auto s = m_data->registerSubject(nurse, {site, number, initials});
        QVERIFY(!s);
        QCOMPARE(int(s.status().code()), code);
        QCOMPARE(auditCount(), before);
        QCOMPARE(m_data->subjectCount(), 1);
    }

    void subjects_otherSiteUser_seesNone()
    {
        auto mine = m_data->subjects(nurse);
        QVERIFY(mine);
        QCOMPARE(mine->size(), 1);
        auto theirs = m_data->subjects(otherSiteNurse);
        QVERIFY(theirs);
        QCOMPARE(theirs->size(), 0);
        QCOMPARE(m_data->subject(otherSiteNurse, m_subjectId).status().code(), ErrorCode::PermissionDenied);
        QCOMPARE(m_data->loadForm(otherSiteNurse, dmKey()).status().code(), ErrorCode::PermissionDenied);
    }

    void saveForm_firstEntry_storesValuesStatusAndOneEventPerChange()
    {
        const qint64 before = auditCount();
        SaveOutcome o = save(
            values({{QStringLiteral("sex"), QStringLiteral("M")}, {QStringLiteral("weight"), QStringLiteral("70.5")}}),
            0);
        QVERIFY2(o.status, qPrintable(o.status.message()));
        QCOMPARE(o.version, 1);
        QCOMPARE(o.formStatus, QStringLiteral("incomplete"));
        QCOMPARE(auditCount(), before + 3); // two values and the status
        auto f = m_data->loadForm(nurse, dmKey());
        QVERIFY(f);
        QCOMPARE(f->values.value(QStringLiteral("weight")).value, QStringLiteral("70.5"));
        QCOMPARE(f->version, 1);
        auto history = m_data->auditTrail().itemHistory(QStringLiteral("01-0001"), QStringLiteral("screening"), 1,
                                                        QStringLiteral("dm"), 1, QStringLiteral("weight"));
        QVERIFY(history);
        QCOMPARE(history->size(), 1);
        QCOMPARE(history->first().userName, QStringLiteral("nurse1"));
        QCOMPARE(history->first().userRole, QStringLiteral("nurse"));
        QCOMPARE(history->first().siteOffsetMinutes, 480);
        QVERIFY(!history->first().oldValue.has_value());
        QCOMPARE(history->first().newValue.value(), QStringLiteral("70.5"));
        QVERIFY(audit::verify(*m_db)->isOk());
    }

    void saveForm_changingSavedValueWithoutReason_isRefusedAndWritesNothing()
    {
        QVERIFY(save(values({{QStringLiteral("weight"), QStringLiteral("70")}}), 0).status);
        const qint64 before = auditCount();
        SaveOutcome o = save(values({{QStringLiteral("weight"), QStringLiteral("72")}}), 1);
        QCOMPARE(o.status.code(), ErrorCode::ReasonRequired);
        QCOMPARE(o.itemsNeedingReason, QStringList{QStringLiteral("weight")});
        QCOMPARE(auditCount(), before);
        QCOMPARE(m_data->loadForm(nurse, dmKey())->values.value(QStringLiteral("weight")).value, QStringLiteral("70"));

        SaveOutcome ok =
            save(values({{QStringLiteral("weight"), QStringLiteral("72")}}), 1, QStringLiteral("transcription error"));
        QVERIFY2(ok.status, qPrintable(ok.status.message()));
        auto history = m_data->auditTrail().itemHistory(QStringLiteral("01-0001"), QStringLiteral("screening"), 1,
                                                        QStringLiteral("dm"), 1, QStringLiteral("weight"));
        QCOMPARE(history->size(), 2);
        QCOMPARE(history->at(1).oldValue.value(), QStringLiteral("70"));
        QCOMPARE(history->at(1).newValue.value(), QStringLiteral("72"));
        QCOMPARE(history->at(1).reason, QStringLiteral("transcription error"));
        QCOMPARE(history->at(1).replacesEventId, history->at(0).eventId);
    }

    void saveForm_clearingSavedValue_needsReason()
    {
        QVERIFY(save(values({{QStringLiteral("weight"), QStringLiteral("70")}}), 0).status);
        QCOMPARE(save(FormValues{}, 1).status.code(), ErrorCode::ReasonRequired);
        QVERIFY(save(FormValues{}, 1, QStringLiteral("entered on wrong subject")).status);
        QVERIFY(!m_data->loadForm(nurse, dmKey())->values.contains(QStringLiteral("weight")));
    }

    void saveForm_staleVersion_isRefusedAndWritesNothing()
    {
        QVERIFY(save(values({{QStringLiteral("weight"), QStringLiteral("70")}}), 0).status);
        // Another window saved version 2 in between.
        QVERIFY(save(values({{QStringLiteral("weight"), QStringLiteral("70")},
                             {QStringLiteral("sex"), QStringLiteral("M")}}),
                     1)
                    .status);
        const qint64 before = auditCount();
        SaveOutcome o = save(
            values({{QStringLiteral("weight"), QStringLiteral("70")}, {QStringLiteral("sex"), QStringLiteral("F")}}), 1,
            QStringLiteral("x"));
        QCOMPARE(o.status.code(), ErrorCode::Conflict);
        QVERIFY(o.status.message().contains(QStringLiteral("nurse1")));
        QCOMPARE(auditCount(), before);
        QCOMPARE(m_data->loadForm(nurse, dmKey())->values.value(QStringLiteral("sex")).value, QStringLiteral("M"));
    }

    void saveForm_wrongType_isRefusedAndWritesNothing()
    {
        const qint64 before = auditCount();
        SaveOutcome o = save(values({{QStringLiteral("weight"), QStringLiteral("seventy")}}), 0);
        QCOMPARE(o.status.code(), ErrorCode::InvalidInput);
        QVERIFY(o.status.message().contains(QStringLiteral("weight")));
        QCOMPARE(auditCount(), before);
        QCOMPARE(m_data->loadForm(nurse, dmKey())->instanceId, 0);
    }

    void saveForm_unknownItem_isRefused()
    {
        QCOMPARE(save(values({{QStringLiteral("nonsense"), QStringLiteral("1")}}), 0).status.code(),
                 ErrorCode::InvalidInput);
    }

    void saveForm_complete_requiresEverythingAndConfirmedSoftLimits()
    {
        // Required sex missing: cannot complete, can save.
        QCOMPARE(save(values({{QStringLiteral("weight"), QStringLiteral("70")}}), 0, {}, true).status.code(),
                 ErrorCode::InvalidInput);
        QVERIFY(save(values({{QStringLiteral("weight"), QStringLiteral("170")}}), 0).status);
        // Outside the soft limit: completing needs the confirmation.
        FormValues v =
            values({{QStringLiteral("sex"), QStringLiteral("M")}, {QStringLiteral("weight"), QStringLiteral("170")}});
        QCOMPARE(save(v, 1, {}, true).status.code(), ErrorCode::InvalidInput);
        v[QStringLiteral("weight")].softConfirmed = true;
        SaveOutcome o = save(v, 1, {}, true);
        QVERIFY2(o.status, qPrintable(o.status.message()));
        QCOMPARE(o.formStatus, QStringLiteral("complete"));
        Query q(*m_db, QStringLiteral("SELECT count(*) FROM audit_event WHERE action = 'soft_limit_confirmed'"));
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.integer(0), 1);
    }

    void saveForm_hiddenItem_keepsNoValue()
    {
        FormValues v =
            values({{QStringLiteral("sex"), QStringLiteral("M")}, {QStringLiteral("pregnant"), QStringLiteral("1")}});
        SaveOutcome o = save(v, 0);
        QVERIFY2(o.status, qPrintable(o.status.message()));
        QVERIFY(!m_data->loadForm(nurse, dmKey())->values.contains(QStringLiteral("pregnant")));
        QVERIFY(save(values({{QStringLiteral("sex"), QStringLiteral("F")},
                             {QStringLiteral("pregnant"), QStringLiteral("0")}}),
                     1, QStringLiteral("sex corrected"))
                    .status);
        QCOMPARE(m_data->loadForm(nurse, dmKey())->values.value(QStringLiteral("pregnant")).value, QStringLiteral("0"));
    }

    void saveForm_missingReasonInsteadOfValue_isStoredApartAndAudited()
    {
        FormValues v;
        v.insert(QStringLiteral("weight"), ItemEntry{QString(), QStringLiteral("ND"), false});
        QVERIFY(save(v, 0).status);
        const ItemEntry stored = m_data->loadForm(nurse, dmKey())->values.value(QStringLiteral("weight"));
        QCOMPARE(stored.value, QString());
        QCOMPARE(stored.missingReason, QStringLiteral("ND"));
        Query q(*m_db, QStringLiteral("SELECT count(*) FROM audit_event WHERE action = 'item_missing_reason'"));
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.integer(0), 1);
        QVERIFY(audit::verify(*m_db)->isOk());
    }

    void saveForm_nothingChanged_writesNothing()
    {
        QVERIFY(save(values({{QStringLiteral("weight"), QStringLiteral("70")}}), 0).status);
        const qint64 before = auditCount();
        SaveOutcome o = save(values({{QStringLiteral("weight"), QStringLiteral("70")}}), 1);
        QVERIFY(o.status);
        QCOMPARE(o.version, 1);
        QCOMPARE(auditCount(), before);
    }

    void saveForm_otherSiteUser_isRefused()
    {
        SaveRequest r;
        r.key = dmKey();
        r.values = values({{QStringLiteral("weight"), QStringLiteral("70")}});
        QCOMPARE(m_data->saveForm(otherSiteNurse, r).status.code(), ErrorCode::PermissionDenied);
    }
};

QTEST_GUILESS_MAIN(TestClinicalData)
#include "tst_clinicaldata.moc"
