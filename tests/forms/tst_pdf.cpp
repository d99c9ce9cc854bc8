// The PDF documents of forms/pdf: the annotated blank CRF of a small fixed study
// (variable names, types, code lists, limits, conditions, derivations, visits,
// Chinese labels), a casebook read through the record services
// (values with labels, missing reasons, derived values, the audit summary, SDV,
// queries, valid and broken signatures), and the export around them: real PDF
// files with the pages they claim, a manifest and an audit event naming the
// hashes, a nurse refused without a trace, a cancel that leaves nothing, and
// site restrictions that hold.

#include "annotatedcrf.h"
#include "casebook.h"
#include "pdfdocument.h"
#include "pdfexport.h"

#include "audit/audittrail.h"
#include "auth/authservice.h"
#include "core/clock.h"
#include "demo/demogenerator.h"
#include "records/clinicaldata.h"
#include "records/studyfile.h"
#include "store/database.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTranslator>

using namespace cellcrf;

namespace {

const QString nursePassword = QStringLiteral("entry-pass-2026");
const QString investigatorPassword = QStringLiteral("signs-pass-2026");

study::LocalizedText text(const QString &en, const QString &zh = {})
{
    study::LocalizedText t;
    t.texts.insert(QStringLiteral("en"), en);
    if (!zh.isEmpty())
        t.texts.insert(QStringLiteral("zh_CN"), zh);
    return t;
}

study::Item item(const QString &oid, study::ItemType type, const QString &label, const QString &zh = {})
{
    study::Item i;
    i.oid = oid;
    i.type = type;
    i.label = text(label, zh);
    return i;
}

// Two sites, a screening visit and a day 7 visit, a demographics form with a
// code list, limits, a condition and a derived body surface area, and an
// adverse event form whose temperature may be missing.
study::Study fixedStudy()
{
    using study::ItemType;
    study::Study s;
    s.oid = QStringLiteral("tiny");
    s.version = QStringLiteral("2.1");
    s.protocolId = QStringLiteral("TINY-001");
    s.name = text(QStringLiteral("Tiny CAR-T study"), QStringLiteral("小型CAR-T研究"));
    s.sites << study::Site{QStringLiteral("bj01"), text(QStringLiteral("Beijing"), QStringLiteral("北京")), 480};
    s.sites << study::Site{QStringLiteral("sh02"), text(QStringLiteral("Shanghai")), 480};
    s.codeLists << study::CodeList{QStringLiteral("sex"),
                                   {{QStringLiteral("M"), text(QStringLiteral("Male"), QStringLiteral("男"))},
                                    {QStringLiteral("F"), text(QStringLiteral("Female"), QStringLiteral("女"))}}};
    s.anchors << study::Anchor{QStringLiteral("consent"), text(QStringLiteral("Consent")), QStringLiteral("dm"),
                               QStringLiteral("rficdtc")};

    study::Form dm;
    dm.oid = QStringLiteral("dm");
    dm.name = text(QStringLiteral("Demographics"), QStringLiteral("人口学资料"));
    dm.sections << study::Section{QStringLiteral("subject"), text(QStringLiteral("Subject"))};
    dm.sections << study::Section{QStringLiteral("body"), text(QStringLiteral("Body measurements"))};
    study::Item consent = item(QStringLiteral("rficdtc"), ItemType::Date, QStringLiteral("Consent date"));
    consent.cdashName = QStringLiteral("RFICDTC");
    consent.required = true;
    study::Item age = item(QStringLiteral("age"), ItemType::Integer, QStringLiteral("Age"), QStringLiteral("年龄"));
    age.cdashName = QStringLiteral("AGE");
    age.unit = QStringLiteral("years");
    age.range.hardMin = 0;
    age.range.hardMax = 120;
    age.range.softMin = 18;
    age.range.softMax = 80;
    study::Item sex =
        item(QStringLiteral("sex"), ItemType::SingleChoice, QStringLiteral("Sex"), QStringLiteral("性别"));
    sex.cdashName = QStringLiteral("SEX");
    sex.codeListOid = QStringLiteral("sex");
    sex.required = true;
    study::Item preg = item(QStringLiteral("preg"), ItemType::YesNo, QStringLiteral("Pregnant"));
    preg.showIf = QStringLiteral("sex = 'F'");
    study::Item height = item(QStringLiteral("height"), ItemType::Decimal, QStringLiteral("Height"));
    height.unit = QStringLiteral("cm");
    height.section = 1;
    study::Item weight = item(QStringLiteral("weight"), ItemType::Decimal, QStringLiteral("Weight"));
    weight.unit = QStringLiteral("kg");
    weight.section = 1;
    study::Item bsa = item(QStringLiteral("bsa"), ItemType::Derived, QStringLiteral("Body surface area"));
    bsa.unit = QStringLiteral("m2");
    bsa.decimals = 2;
    bsa.section = 1;
    bsa.derivation = QStringLiteral("bsa");
    bsa.derivationOutput = QStringLiteral("bsa_mosteller_m2");
    bsa.derivationInputs.insert(
        QStringLiteral("height_cm"),
        study::DerivationInput{study::DerivationInput::Kind::Item, QStringLiteral("height"), {}});
    bsa.derivationInputs.insert(
        QStringLiteral("weight_kg"),
        study::DerivationInput{study::DerivationInput::Kind::Item, QStringLiteral("weight"), {}});
    dm.items << consent << age << sex << preg << height << weight << bsa;
    s.forms << dm;

    study::Form ae;
    ae.oid = QStringLiteral("ae");
    ae.name = text(QStringLiteral("Adverse event"));
    ae.repeating = true;
    ae.sections << study::Section{QStringLiteral("event"), text(QStringLiteral("Event"))};
    study::Item term = item(QStringLiteral("aeterm"), ItemType::Text, QStringLiteral("Term"));
    term.cdashName = QStringLiteral("AETERM");
    term.maxLength = 200;
    study::Item temp = item(QStringLiteral("temp"), ItemType::Decimal, QStringLiteral("Temperature"));
    temp.unit = QStringLiteral("C");
    temp.missingCodes << QStringLiteral("ND") << QStringLiteral("UNK");
    ae.items << term << temp;
    s.forms << ae;

    study::Event scr;
    scr.oid = QStringLiteral("screening");
    scr.name = text(QStringLiteral("Screening"), QStringLiteral("筛选期"));
    scr.forms << QStringLiteral("dm");
    study::Event d7;
    d7.oid = QStringLiteral("d7");
    d7.name = text(QStringLiteral("Day 7"));
    d7.anchor = QStringLiteral("consent");
    d7.day = 7;
    d7.windowBefore = 1;
    d7.windowAfter = 2;
    d7.forms << QStringLiteral("ae");
    s.events << scr << d7;
    return s;
}

QString plainText(const QString &html)
{
    return pdf::makeDocument(html)->toPlainText();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

// Page objects of a PDF as Qt writes them ("/Type /Page", not "/Pages").
int pdfPages(const QByteArray &pdf)
{
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?!s)"));
    return int(QString::fromLatin1(pdf).count(page));
}

struct Fixture
{
    QTemporaryDir dir;
    ManualClock clock{QDateTime(QDate(2026, 3, 4), QTime(5, 6), Qt::UTC)};
    study::Study study = fixedStudy();
    std::unique_ptr<store::Database> db;
    std::unique_ptr<records::ClinicalData> data;
    std::unique_ptr<auth::AuthService> auth;
    Actor nurse{
        QStringLiteral("nora"), QStringLiteral("Nora Nurse"), QStringLiteral("nurse"), {QStringLiteral("bj01")}};
    Actor investigator{QStringLiteral("ivan"),
                       QStringLiteral("Ivan Investigator"),
                       QStringLiteral("investigator"),
                       {QStringLiteral("bj01")}};
    Actor monitor{QStringLiteral("mona"), QStringLiteral("Mona Monitor"), QStringLiteral("monitor"), {}};
    Actor dataManager{QStringLiteral("dana"), QStringLiteral("Dana Manager"), QStringLiteral("data_manager"), {}};
    qint64 subjectId = 0;
    records::FormKey dmKey;
    records::FormKey aeKey;

    exchange::ExportContext context(const Actor &actor) { return exchange::ExportContext{*db, study, clock, actor}; }

    void save(const Actor &actor, const records::FormKey &key, const FormValues &values, bool complete,
              const QString &reason = {})
    {
        auto form = data->loadForm(actor, key);
        QVERIFY2(form, qPrintable(form.message()));
        records::SaveRequest request;
        request.key = key;
        request.expectedVersion = form->version;
        request.values = values;
        request.complete = complete;
        request.reason = reason;
        const records::SaveOutcome outcome = data->saveForm(actor, request);
        QVERIFY2(outcome.status, qPrintable(outcome.status.message() + QLatin1Char(' ') + outcome.status.detail()));
    }

    void build()
    {
        auto opened =
            store::Database::open(dir.filePath(QStringLiteral("tiny.ccrf")), store::Database::Mode::CreateIfMissing);
        QVERIFY2(opened, qPrintable(opened.message()));
        db = std::move(opened).value();
        for (const study::Site &s : std::as_const(study.sites)) {
            store::Query q(*db, QStringLiteral("INSERT INTO site (oid, name, utc_offset_min) VALUES (?, ?, ?)"));
            q.bind(s.oid).bind(s.name.text()).bind(s.utcOffsetMinutes);
            QVERIFY(q.exec());
        }
        QVERIFY(audit::AuditTrail::registerLocalDevice(*db, QStringLiteral("dev"), QStringLiteral("test"), {}));
        data = std::make_unique<records::ClinicalData>(*db, study, clock);
        auth = std::make_unique<auth::AuthService>(*db, clock);
        QVERIFY(auth->createInitialAccount(
            {nurse.userName, nurse.fullName, nursePassword, {{QStringLiteral("nurse"), QStringLiteral("bj01")}}, false},
            false));
        QVERIFY(auth->createInitialAccount({investigator.userName,
                                            investigator.fullName,
                                            investigatorPassword,
                                            {{QStringLiteral("investigator"), QStringLiteral("bj01")}},
                                            false},
                                           false));

        auto subject =
            data->registerSubject(nurse, {QStringLiteral("bj01"), QStringLiteral("001"), QStringLiteral("ZW")});
        QVERIFY2(subject, qPrintable(subject.message()));
        subjectId = subject->id;
        auto other =
            data->registerSubject(nurse, {QStringLiteral("bj01"), QStringLiteral("002"), QStringLiteral("LN")});
        QVERIFY(other);

        dmKey = {subjectId, QStringLiteral("screening"), 1, QStringLiteral("dm"), 1};
        aeKey = {subjectId, QStringLiteral("d7"), 1, QStringLiteral("ae"), 1};
        FormValues dm;
        dm.insert(QStringLiteral("rficdtc"), {QStringLiteral("2026-01-10"), {}, false});
        dm.insert(QStringLiteral("age"), {QStringLiteral("45"), {}, false});
        dm.insert(QStringLiteral("sex"), {QStringLiteral("F"), {}, false});
        dm.insert(QStringLiteral("preg"), {QStringLiteral("0"), {}, false});
        dm.insert(QStringLiteral("height"), {QStringLiteral("170"), {}, false});
        dm.insert(QStringLiteral("weight"), {QStringLiteral("70"), {}, false});
        clock.advanceSeconds(60);
        save(nurse, dmKey, dm, true);
        // One value corrected later, with a reason.
        clock.advanceSeconds(3600);
        dm[QStringLiteral("age")].value = QStringLiteral("46");
        save(nurse, dmKey, dm, true, QStringLiteral("transcription error"));

        FormValues ae;
        ae.insert(QStringLiteral("aeterm"), {QStringLiteral("发热 fever"), {}, false});
        ae.insert(QStringLiteral("temp"), {QString(), QStringLiteral("ND"), false});
        clock.advanceSeconds(60);
        save(nurse, aeKey, ae, true);

        // The investigator signs both forms; the adverse event is changed afterwards.
        records::Signatures signatures(*data, *auth, clock);
        clock.advanceSeconds(60);
        auto signed1 = signatures.sign(investigator, dmKey, records::SignatureMeaning::Authored, investigatorPassword);
        QVERIFY2(signed1, qPrintable(signed1.message()));
        auto signed2 = signatures.sign(investigator, aeKey, records::SignatureMeaning::Reviewed, investigatorPassword);
        QVERIFY2(signed2, qPrintable(signed2.message()));
        clock.advanceSeconds(60);
        ae[QStringLiteral("aeterm")].value = QStringLiteral("发热 fever grade 1");
        save(nurse, aeKey, ae, true, QStringLiteral("grade added"));

        // The monitor verifies the demographics and asks about the temperature.
        records::SourceVerification sdv(*data, clock);
        QVERIFY(sdv.verifyForm(monitor, dmKey));
        records::Queries queries(*data, clock);
        auto q = queries.open(monitor, aeKey, QStringLiteral("temp"), QStringLiteral("Was the temperature measured?"));
        QVERIFY2(q, qPrintable(q.message()));
        clock.advanceSeconds(60);
    }

    Result<pdf::Casebook> casebook(const Actor &actor)
    {
        records::Signatures signatures(*data, *auth, clock);
        records::SourceVerification sdv(*data, clock);
        records::Queries queries(*data, clock);
        auto subject = data->subject(actor, subjectId);
        if (!subject)
            return subject.status();
        auto summaries = pdf::AuditSummaries::read(data->auditTrail(), {subject->key});
        if (!summaries)
            return summaries.status();
        return pdf::readCasebook({*data, signatures, sdv, queries}, actor, subjectId, *summaries);
    }

    QString newDir(const QString &name)
    {
        const QString path = dir.filePath(name);
        QDir().mkpath(path);
        return path;
    }

    int exportEvents()
    {
        auto events = data->auditTrail().events();
        int n = 0;
        for (const audit::AuditEvent &e : *events)
            n += e.action == QLatin1String(audit::action::Export) ? 1 : 0;
        return n;
    }
};

} // namespace

class TestPdf : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void crf_annotatesEveryItemWithNameTypeCodesLimitsConditionsAndVisits()
    {
        const study::Study s = fixedStudy();
        const QString t = plainText(pdf::annotatedCrfHtml(s, {}, QDateTime(QDate(2026, 3, 4), QTime(5, 6), Qt::UTC)));
        // Title page.
        QVERIFY(t.contains(QStringLiteral("Tiny CAR-T study")));
        QVERIFY(t.contains(QStringLiteral("小型CAR-T研究")));
        QVERIFY(t.contains(QStringLiteral("TINY-001")));
        QVERIFY(t.contains(QStringLiteral("2.1")));
        QVERIFY(t.contains(QStringLiteral("2026-03-04 05:06 UTC")));
        // Variable names and item OIDs.
        for (const char *name : {"RFICDTC", "dm.rficdtc", "AGE", "dm.age", "SEX", "dm.sex", "AETERM", "ae.aeterm",
                                 "PREG", "dm.preg", "dm.bsa"})
            QVERIFY2(t.contains(QString::fromLatin1(name)), name);
        // Types, units, required flags, code lists, limits, conditions, derivations, missing codes.
        QVERIFY(t.contains(QStringLiteral("Integer \u00b7 unit years \u00b7 optional")));
        QVERIFY(t.contains(QStringLiteral("Single choice, code list sex \u00b7 required")));
        QVERIFY(t.contains(QStringLiteral("Text, at most 200 characters")));
        QVERIFY(t.contains(QStringLiteral("M = Male")));
        QVERIFY(t.contains(QStringLiteral("F = Female")));
        QVERIFY(t.contains(QStringLiteral("性别")));
        QVERIFY(t.contains(QStringLiteral("hard limits 0 \u2013 120; soft limits 18 \u2013 80")));
        QVERIFY(t.contains(QStringLiteral("Shown only if sex = 'F'")));
        QVERIFY(t.contains(QStringLiteral("Derived by bsa, output bsa_mosteller_m2")));
        QVERIFY(t.contains(QStringLiteral("Derived \u00b7 unit m2\n"))); // neither required nor optional
        QVERIFY(t.contains(QStringLiteral("height_cm \u2190 height, weight_kg \u2190 weight")));
        QVERIFY(t.contains(QStringLiteral("ND not done")));
        QVERIFY(t.contains(QStringLiteral("UNK unknown")));
        // The visits each form is scheduled at.
        QVERIFY(t.contains(QStringLiteral("Scheduled at: Screening screening")));
        QVERIFY(t.contains(QStringLiteral("Day 7 d7 \u2013 day 7 from Consent, window \u22121/+2 days")));
    }

    void crf_formsOption_printsOnlyTheChosenForms()
    {
        const study::Study s = fixedStudy();
        pdf::CrfOptions options;
        options.forms = {QStringLiteral("ae")};
        const QString t = plainText(pdf::annotatedCrfHtml(s, options, QDateTime::currentDateTimeUtc()));
        QVERIFY(t.contains(QStringLiteral("Adverse event")));
        QVERIFY(t.contains(QStringLiteral("AETERM")));
        QVERIFY(!t.contains(QStringLiteral("Demographics")));
        QVERIFY(!t.contains(QStringLiteral("RFICDTC")));
    }

    void crf_contentsGiveTheFormsPages()
    {
        // Laid out on A4 pages, the contents name the page each form starts on.
        const study::Study s = fixedStudy();
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QHash<QString, int> seen;
        const auto build = [&](const QHash<QString, int> &pages) {
            seen = pages;
            return pdf::annotatedCrfHtml(s, {}, QDateTime::currentDateTimeUtc(), pages);
        };
        auto pages = pdf::writePdf(build, {}, buffer);
        QVERIFY2(pages, qPrintable(pages.message()));
        // Title page, contents, then one page at least per form, each on a new page.
        QCOMPARE(seen.value(pdf::formAnchor(QStringLiteral("dm"))), 3);
        QVERIFY(seen.value(pdf::formAnchor(QStringLiteral("ae"))) > 3);
        QCOMPARE(*pages, pdfPages(buffer.data()));
        QVERIFY(buffer.data().startsWith("%PDF-"));
    }

    void casebook_showsValuesWithLabelsMissingReasonsDerivedValuesAndAudit()
    {
        Fixture f;
        f.build();
        if (QTest::currentTestFailed())
            return;
        auto cb = f.casebook(f.dataManager);
        QVERIFY2(cb, qPrintable(cb.message()));
        QCOMPARE(cb->subject.key, QStringLiteral("bj01-001"));
        QCOMPARE(cb->forms.size(), 2);
        QCOMPARE(cb->forms.at(0).form.key.formOid, QStringLiteral("dm")); // schedule order
        QCOMPARE(cb->forms.at(1).form.key.formOid, QStringLiteral("ae"));
        QCOMPARE(cb->anchorDates.value(QStringLiteral("consent")), QDate(2026, 1, 10));

        // The audit summary: created and changed by the nurse, one correction with its reason.
        const pdf::FormAuditSummary &dmAudit = cb->forms.at(0).audit;
        QCOMPARE(dmAudit.createdBy, QStringLiteral("nora"));
        QCOMPARE(dmAudit.changes, 1);
        QCOMPARE(dmAudit.reasons, QStringList{QStringLiteral("transcription error")});
        QVERIFY(dmAudit.dataEvents >= 8); // seven values and a status at least
        QVERIFY(dmAudit.lastChangedUtc > dmAudit.createdUtc);
        QCOMPARE(cb->forms.at(1).audit.changes, 1);

        const QString bsa = cb->forms.at(0).form.values.value(QStringLiteral("bsa")).value;
        QVERIFY2(bsa.startsWith(QStringLiteral("1.8")), qPrintable(bsa)); // sqrt(170 * 70 / 3600)

        const QString t = plainText(
            pdf::casebookHtml(f.study, *cb, QStringLiteral("en"), QDateTime(QDate(2026, 3, 5), QTime(9, 0), Qt::UTC)));
        QVERIFY(t.contains(QStringLiteral("bj01-001")));
        QVERIFY(t.contains(QStringLiteral("Beijing")));
        QVERIFY(t.contains(QStringLiteral("北京")));
        QVERIFY(t.contains(QStringLiteral("Consent date")));
        QVERIFY(t.contains(QStringLiteral("2026-01-10")));
        QVERIFY(t.contains(QStringLiteral("Female (F)")));
        QVERIFY(t.contains(QStringLiteral("No (0)")));
        QVERIFY(t.contains(QStringLiteral("46 years")));
        QVERIFY(t.contains(QStringLiteral("ND (not done)")));
        QVERIFY(t.contains(bsa + QStringLiteral(" m2")));
        QVERIFY(t.contains(QStringLiteral("derived")));
        QVERIFY(t.contains(QStringLiteral("发热 fever grade 1")));
        QVERIFY(t.contains(QStringLiteral("Created by nora at 2026-03-04 05:07 UTC.")));
        // Signing moves the form to "signed": the investigator made the last change of status.
        QVERIFY(t.contains(QStringLiteral("Values or status last changed by ivan at 2026-03-04 06:09 UTC.")));
        // Six entered values, the derived one, two status changes and the correction.
        QVERIFY(t.contains(QStringLiteral("10 audit event(s) on the data, 1 change(s) to entered values.")));
        QVERIFY(t.contains(QStringLiteral("1 change(s) to entered values.")));
        QVERIFY(t.contains(QStringLiteral("Reasons for change: \u201ctranscription error\u201d")));
        QVERIFY(t.contains(QStringLiteral("\u201cgrade added\u201d")));
    }

    void casebook_showsSignaturesVerificationAndQueries()
    {
        Fixture f;
        f.build();
        if (QTest::currentTestFailed())
            return;
        auto cb = f.casebook(f.dataManager);
        QVERIFY2(cb, qPrintable(cb.message()));
        QCOMPARE(cb->forms.at(0).signatures.size(), 1);
        QVERIFY(cb->forms.at(0).signatures.first().valid);
        QCOMPARE(cb->forms.at(1).signatures.size(), 1);
        QVERIFY(!cb->forms.at(1).signatures.first().valid); // the term changed after signing
        QCOMPARE(cb->forms.at(0).verified.size(), 7);
        QCOMPARE(cb->forms.at(1).queries.size(), 1);

        const QString t =
            plainText(pdf::casebookHtml(f.study, *cb, QStringLiteral("en"), QDateTime::currentDateTimeUtc()));
        QVERIFY(t.contains(QStringLiteral("Ivan Investigator (ivan)")));
        QVERIFY(t.contains(QStringLiteral("Authored: I entered or am responsible for this data")));
        QVERIFY(t.contains(QStringLiteral("Reviewed: I reviewed this data")));
        QVERIFY(t.contains(QStringLiteral("valid")));
        QVERIFY(t.contains(QStringLiteral("broken (changed after signing)")));
        QVERIFY(t.contains(QStringLiteral("1 valid, 1 broken")));
        QVERIFY(t.contains(QStringLiteral("7 of 7 items verified, last by mona")));
        QVERIFY(t.contains(QStringLiteral("\u2713 verified")));
        QVERIFY(t.contains(QStringLiteral("1 open, 0 closed.")));
        QVERIFY(t.contains(QStringLiteral("Was the temperature measured?")));
        QVERIFY(t.contains(QStringLiteral("1 open query(ies)")));
        QVERIFY(t.contains(QStringLiteral("No signature has been given to the casebook as a whole.")));
    }

    void casebook_listsCasebookSignaturesOnTheCover()
    {
        Fixture f;
        f.build();
        if (QTest::currentTestFailed())
            return;
        auto cb = f.casebook(f.dataManager);
        QVERIFY(cb);
        pdf::CasebookSignature signature;
        signature.signer = QStringLiteral("ivan");
        signature.signerFullName = QStringLiteral("Ivan Investigator");
        signature.meaning = QStringLiteral("approved");
        signature.utc = QStringLiteral("2026-03-05T10:00:00.000Z");
        signature.formCount = 7;
        cb->casebookSignatures << signature;
        const QString t =
            plainText(pdf::casebookHtml(f.study, *cb, QStringLiteral("en"), QDateTime::currentDateTimeUtc()));
        QVERIFY(t.contains(QStringLiteral("Casebook signatures")));
        QVERIFY(t.contains(QStringLiteral("Approved: I approve this data")));
        QVERIFY(t.contains(QStringLiteral("2026-03-05 10:00 UTC")));
        QVERIFY(!t.contains(QStringLiteral("No signature has been given to the casebook as a whole.")));
    }

    void casebook_readsTheSignaturesGivenToTheWholeCasebook()
    {
        // The demo's investigator signs the casebooks of finished subjects.
        QTemporaryDir dir;
        auto file =
            demo::createDemoDatabase(dir.filePath(QStringLiteral("demo.ccrf")), {QStringLiteral("s1904"), 40, 1});
        QVERIFY2(file, qPrintable(file.message()));
        records::StudyFile &sf = **file;
        store::Query q(sf.database(), QStringLiteral("SELECT subject_id, signer, form_count FROM casebook_signature "
                                                     "WHERE status = 'valid' ORDER BY id LIMIT 1"));
        QVERIFY(q.exec());
        QVERIFY2(q.next(), "the demo signs some casebooks");
        const qint64 subjectId = q.integer(0);
        const QString signer = q.text(1);
        const int formCount = int(q.integer(2));

        auth::AuthService authService(sf.database(), sf.clock());
        records::Signatures signatures(sf.data(), authService, sf.clock());
        records::SourceVerification sdv(sf.data(), sf.clock());
        records::Queries queries(sf.data(), sf.clock());
        const Actor dataManager{QStringLiteral("datamanager"), {}, QStringLiteral("data_manager"), {}};
        auto subject = sf.data().subject(dataManager, subjectId);
        QVERIFY(subject);
        auto summaries = pdf::AuditSummaries::read(sf.data().auditTrail(), {subject->key});
        QVERIFY(summaries);
        auto cb = pdf::readCasebook({sf.data(), signatures, sdv, queries}, dataManager, subjectId, *summaries);
        QVERIFY2(cb, qPrintable(cb.message()));
        QCOMPARE(cb->casebookSignatures.size(), 1);
        QCOMPARE(cb->casebookSignatures.first().signer, signer);
        QCOMPARE(cb->casebookSignatures.first().formCount, formCount);
        QVERIFY(cb->casebookSignatures.first().valid);
        const QString t =
            plainText(pdf::casebookHtml(sf.study(), *cb, QStringLiteral("en"), QDateTime::currentDateTimeUtc()));
        QVERIFY(t.contains(QStringLiteral("Casebook signatures")));
        QVERIFY(!t.contains(QStringLiteral("No signature has been given to the casebook as a whole.")));
    }

    void casebook_inChinese_translatesTheDocumentsOwnHeadings()
    {
        Fixture f;
        f.build();
        if (QTest::currentTestFailed())
            return;
        auto cb = f.casebook(f.dataManager);
        QVERIFY(cb);
        // The translations travel with the PDF library, so cellcrf-cli has them too.
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/cellcrf_zh_CN.qm")));
        QVERIFY(QCoreApplication::installTranslator(&translator));
        const QString t =
            plainText(pdf::casebookHtml(f.study, *cb, QStringLiteral("zh_CN"), QDateTime::currentDateTimeUtc()));
        QCoreApplication::removeTranslator(&translator);
        QVERIFY2(t.contains(QStringLiteral("病例簿签名")), qPrintable(t.left(400)));
        QVERIFY(t.contains(QStringLiteral("稽查历史")));
        QVERIFY(!t.contains(QStringLiteral("Casebook signatures")));
    }

    void casebook_otherSiteIsRefused()
    {
        Fixture f;
        f.build();
        if (QTest::currentTestFailed())
            return;
        Actor shanghai = f.dataManager;
        shanghai.siteOids = {QStringLiteral("sh02")};
        auto cb = f.casebook(shanghai);
        QVERIFY(!cb);
    }

    void export_writesPdfsAndAManifest_andAuditsTheirHashes()
    {
        Fixture f;
        f.build();
        if (QTest::currentTestFailed())
            return;
        const QString out = f.newDir(QStringLiteral("out"));
        pdf::PdfExportOptions options;
        options.crf = true;
        options.casebooks = true;
        options.subjects = {QStringLiteral("bj01-001")};
        QList<qint64> progress;
        auto result = pdf::exportPdf(f.context(f.dataManager), *f.data, options, out,
                                     [&](qint64 done, qint64 total) { progress << done << total; });
        QVERIFY2(result, qPrintable(result.message()));
        QCOMPARE(result->subjects, 1);
        QCOMPARE(progress, (QList<qint64>{0, 2, 1, 2, 2, 2}));

        const QStringList files = filesIn(out);
        QCOMPARE(files, (QStringList{QStringLiteral("TINY_annotated_crf_2026-03-04_0611.pdf"),
                                     QStringLiteral("TINY_casebook_bj01-001_2026-03-04_0611.pdf"),
                                     QStringLiteral("TINY_pdf_manifest.json")}));
        QCOMPARE(result->files.size(), 3);
        for (const exchange::ExportedFile &file : std::as_const(result->files)) {
            const QByteArray bytes = readAll(QDir(out).filePath(file.fileName));
            QCOMPARE(file.sha256,
                     QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
            if (!file.fileName.endsWith(QLatin1String(".pdf")))
                continue;
            QVERIFY(bytes.startsWith("%PDF-"));
            QVERIFY(bytes.trimmed().endsWith("%%EOF"));
            QCOMPARE(pdfPages(bytes), int(file.rows));
        }
        // The blank CRF: title, contents, two forms. The casebook: cover, contents, two forms.
        QVERIFY2(result->files.at(0).rows >= 4 && result->files.at(0).rows <= 8,
                 qPrintable(QString::number(result->files.at(0).rows)));
        QVERIFY2(result->files.at(1).rows >= 4 && result->files.at(1).rows <= 8,
                 qPrintable(QString::number(result->files.at(1).rows)));

        const QJsonObject manifest =
            QJsonDocument::fromJson(readAll(QDir(out).filePath(QStringLiteral("TINY_pdf_manifest.json")))).object();
        QCOMPARE(manifest.value(QStringLiteral("export_kind")).toString(), QStringLiteral("pdf"));
        QCOMPARE(manifest.value(QStringLiteral("casebook_subjects")).toArray().first().toString(),
                 QStringLiteral("bj01-001"));
        QCOMPARE(manifest.value(QStringLiteral("files")).toArray().size(), 2);

        // The audit event of the export names every file with its hash.
        auto events = f.data->auditTrail().events();
        QVERIFY(events);
        const audit::AuditEvent last = events->last();
        QCOMPARE(last.action, QStringLiteral("export"));
        QCOMPARE(last.userName, QStringLiteral("dana"));
        QVERIFY(last.newValue->contains(QStringLiteral("kind=pdf")));
        for (const exchange::ExportedFile &file : std::as_const(result->files))
            QVERIFY2(last.newValue->contains(file.fileName + QStringLiteral(" sha256=") + file.sha256),
                     qPrintable(*last.newValue));
    }

    void export_nurseIsRefusedAndNothingIsWritten()
    {
        Fixture f;
        f.build();
        if (QTest::currentTestFailed())
            return;
        const QString out = f.newDir(QStringLiteral("nurse"));
        pdf::PdfExportOptions options;
        options.crf = true;
        options.casebooks = true;
        auto result = pdf::exportPdf(f.context(f.nurse), *f.data, options, out);
        QVERIFY(!result);
        QCOMPARE(result.status().code(), ErrorCode::PermissionDenied);
        QVERIFY(filesIn(out).isEmpty());
        QCOMPARE(f.exportEvents(), 0);
    }

    void export_cancelLeavesNoFile_data()
    {
        QTest::addColumn<int>("cancelAfter"); // polls answered "go on" before the cancel
        QTest::newRow("before anything") << 0;
        QTest::newRow("while painting the blank CRF") << 2;
        QTest::newRow("during the casebooks") << 12;
    }

    void export_cancelLeavesNoFile()
    {
        QFETCH(int, cancelAfter);
        Fixture f;
        f.build();
        if (QTest::currentTestFailed())
            return;
        const QString out = f.newDir(QStringLiteral("cancel"));
        pdf::PdfExportOptions options;
        options.crf = true;
        options.casebooks = true;
        int polls = 0;
        auto result =
            pdf::exportPdf(f.context(f.dataManager), *f.data, options, out, {}, [&] { return polls++ >= cancelAfter; });
        QVERIFY(!result);
        QCOMPARE(result.status().code(), ErrorCode::Cancelled);
        QVERIFY2(filesIn(out).isEmpty(), qPrintable(filesIn(out).join(u' ')));
        QCOMPARE(f.exportEvents(), 0);
    }

    void export_subjectOfAnotherSiteIsRefused()
    {
        Fixture f;
        f.build();
        if (QTest::currentTestFailed())
            return;
        Actor shanghai = f.dataManager;
        shanghai.siteOids = {QStringLiteral("sh02")};
        const QString out = f.newDir(QStringLiteral("site"));
        pdf::PdfExportOptions options;
        options.casebooks = true;
        options.subjects = {QStringLiteral("bj01-001")};
        auto result = pdf::exportPdf(f.context(shanghai), *f.data, options, out);
        QVERIFY(!result);
        QVERIFY(filesIn(out).isEmpty());
        // Sites narrow what a data manager sees: only bj01's two subjects.
        options.subjects.clear();
        options.sites = {QStringLiteral("bj01")};
        auto all = pdf::exportPdf(f.context(f.dataManager), *f.data, options, out);
        QVERIFY2(all, qPrintable(all.message()));
        QCOMPARE(all->subjects, 2);
        QCOMPARE(filesIn(out).size(), 3);
    }
};

QTEST_MAIN(TestPdf)
#include "tst_pdf.moc"
