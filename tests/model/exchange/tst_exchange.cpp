// Exports: CSV quoting and the formula guard, the REDCap files of a small fixed
// study against golden files, long CSV against the store, de-identification,
// cancellation, permissions.
//
// Golden files live in tests/data/golden/. After an intended change of the
// output, run the test once with CELLCRF_UPDATE_GOLDEN=1 to rewrite them, then
// review the diff before committing.

#include "audit/audittrail.h"
#include "core/clock.h"
#include "demo/demogenerator.h"
#include "exchange/csvwriter.h"
#include "exchange/endpointsexport.h"
#include "exchange/longexport.h"
#include "exchange/odmexport.h"
#include "exchange/redcapexport.h"
#include "store/database.h"
#include "testsupport.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <sys/resource.h>

using namespace cellcrf;
using namespace cellcrf::exchange;

namespace {

study::LocalizedText text(const QString &en, const QString &zh = {})
{
    study::LocalizedText t;
    t.texts.insert(QStringLiteral("en"), en);
    if (!zh.isEmpty())
        t.texts.insert(QStringLiteral("zh_CN"), zh);
    return t;
}

study::Item item(const QString &oid, study::ItemType type, const QString &label)
{
    study::Item i;
    i.oid = oid;
    i.type = type;
    i.label = text(label);
    return i;
}

// Two events, a demographics form and a repeating adverse event form with a
// multiple choice whose codes are not valid variable names.
study::Study fixedStudy()
{
    using study::ItemType;
    study::Study s;
    s.oid = QStringLiteral("tiny");
    s.version = QStringLiteral("1.0");
    s.name = text(QStringLiteral("Tiny study"));
    s.sites << study::Site{QStringLiteral("bj01"), text(QStringLiteral("Beijing")), 480};
    s.sites << study::Site{QStringLiteral("sh02"), text(QStringLiteral("Shanghai")), 480};
    s.codeLists << study::CodeList{QStringLiteral("sex"),
                                   {{QStringLiteral("M"), text(QStringLiteral("Male"), QStringLiteral("男"))},
                                    {QStringLiteral("F"), text(QStringLiteral("Female"), QStringLiteral("女"))}}};
    s.codeLists << study::CodeList{QStringLiteral("sym"),
                                   {{QStringLiteral("a-b"), text(QStringLiteral("A or B"))},
                                    {QStringLiteral("C d"), text(QStringLiteral("C, \"d\""))},
                                    {QStringLiteral("x"), text(QStringLiteral("X"))}}};
    s.anchors << study::Anchor{QStringLiteral("consent"), text(QStringLiteral("Consent")), QStringLiteral("dm"),
                               QStringLiteral("rficdtc")};

    study::Form dm;
    dm.oid = QStringLiteral("dm");
    dm.name = text(QStringLiteral("Demographics"));
    dm.sections << study::Section{QStringLiteral("s1"), text(QStringLiteral("Subject"))};
    study::Item name = item(QStringLiteral("fullname"), ItemType::Text, QStringLiteral("Full name"));
    name.identifier = true;
    study::Item birth = item(QStringLiteral("brthdtc"), ItemType::Date, QStringLiteral("Date of birth"));
    birth.identifier = true;
    study::Item consent = item(QStringLiteral("rficdtc"), ItemType::Date, QStringLiteral("Consent date"));
    consent.required = true;
    study::Item age = item(QStringLiteral("age"), ItemType::Integer, QStringLiteral("Age"));
    age.unit = QStringLiteral("years");
    age.range.hardMin = 0;
    age.range.hardMax = 120;
    study::Item sex = item(QStringLiteral("sex"), ItemType::SingleChoice, QStringLiteral("Sex"));
    sex.codeListOid = QStringLiteral("sex");
    study::Item preg = item(QStringLiteral("preg"), ItemType::YesNo, QStringLiteral("Pregnant"));
    preg.showIf = QStringLiteral("sex = 'F' and age >= 12");
    study::Item note = item(QStringLiteral("note"), ItemType::Text, QStringLiteral("Note"));
    dm.items << name << birth << consent << age << sex << preg << note;
    s.forms << dm;

    study::Form ae;
    ae.oid = QStringLiteral("ae");
    ae.name = text(QStringLiteral("Adverse event"));
    ae.repeating = true;
    study::Item term = item(QStringLiteral("aeterm"), ItemType::Text, QStringLiteral("Term"));
    study::Item start = item(QStringLiteral("aestdtc"), ItemType::DateTime, QStringLiteral("Start"));
    study::Item ser = item(QStringLiteral("aeser"), ItemType::YesNo, QStringLiteral("Serious"));
    study::Item sym = item(QStringLiteral("sym"), ItemType::MultipleChoice, QStringLiteral("Symptoms"));
    sym.codeListOid = QStringLiteral("sym");
    sym.showIf = QStringLiteral("aeser = true or dm.age < 18");
    study::Item temp = item(QStringLiteral("temp"), ItemType::Decimal, QStringLiteral("Temperature"));
    temp.missingCodes << QStringLiteral("ND");
    ae.items << term << start << ser << sym << temp;
    s.forms << ae;

    study::Event scr;
    scr.oid = QStringLiteral("screening");
    scr.name = text(QStringLiteral("Screening"));
    scr.forms << QStringLiteral("dm") << QStringLiteral("ae");
    study::Event unsch;
    unsch.oid = QStringLiteral("unscheduled");
    unsch.name = text(QStringLiteral("Unscheduled visit"));
    unsch.repeating = true;
    unsch.forms << QStringLiteral("ae");
    s.events << scr << unsch;
    return s;
}

struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<store::Database> db;
    ManualClock clock{QDateTime(QDate(2026, 3, 4), QTime(5, 6), Qt::UTC)};
    study::Study study = fixedStudy();
    Actor dataManager{QStringLiteral("dana"), QStringLiteral("Dana"), QStringLiteral("data_manager"), {}};

    ExportContext context() { return ExportContext{*db, study, clock, dataManager}; }

    qint64 subject(const QString &key, const QString &site)
    {
        store::Query q(*db, QStringLiteral("INSERT INTO subject (subject_key, site_oid, screening_number, created_utc) "
                                           "VALUES (?, ?, ?, '2026-01-01T00:00:00.000Z')"));
        q.bind(key).bind(site).bind(key.section(QLatin1Char('-'), 1));
        [&] { QVERIFY(q.exec()); }();
        return q.lastInsertId().toLongLong();
    }

    void form(qint64 subjectId, const QString &event, int eventRepeat, const QString &form, int formRepeat,
              const QString &status, const QList<std::tuple<QString, QString, QString>> &values)
    {
        store::Query q(*db, QStringLiteral("INSERT INTO form_instance (subject_id, event_oid, event_repeat, form_oid, "
                                           "form_repeat, status, version, definition_version, updated_utc, updated_by) "
                                           "VALUES (?, ?, ?, ?, ?, ?, 1, '1.0', '2026-02-01T10:00:00.000Z', 'nurse')"));
        q.bind(subjectId).bind(event).bind(eventRepeat).bind(form).bind(formRepeat).bind(status);
        [&] { QVERIFY(q.exec()); }();
        const qint64 id = q.lastInsertId().toLongLong();
        for (const auto &[itemOid, value, missing] : values) {
            store::Query v(*db, QStringLiteral("INSERT INTO item_value (form_instance_id, item_oid, value, "
                                               "missing_reason, audit_event_id) VALUES (?, ?, ?, ?, 'dev:1')"));
            v.bind(id).bind(itemOid).bind(value).bind(missing);
            [&] { QVERIFY(v.exec()); }();
        }
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
        using V = std::tuple<QString, QString, QString>;
        const qint64 a = subject(QStringLiteral("bj01-001"), QStringLiteral("bj01"));
        form(a, QStringLiteral("screening"), 1, QStringLiteral("dm"), 1, QStringLiteral("verified"),
             {V{QStringLiteral("fullname"), QStringLiteral("张伟"), {}},
              V{QStringLiteral("brthdtc"), QStringLiteral("1980-05-06"), {}},
              V{QStringLiteral("rficdtc"), QStringLiteral("2026-01-10"), {}},
              V{QStringLiteral("age"), QStringLiteral("45"), {}}, V{QStringLiteral("sex"), QStringLiteral("F"), {}},
              V{QStringLiteral("preg"), QStringLiteral("0"), {}},
              V{QStringLiteral("note"), QStringLiteral("said \"fine\", then\nleft; =1+2"), {}}});
        form(a, QStringLiteral("screening"), 1, QStringLiteral("ae"), 1, QStringLiteral("complete"),
             {V{QStringLiteral("aeterm"), QStringLiteral("发热, fever"), {}},
              V{QStringLiteral("aestdtc"), QStringLiteral("2026-01-12T08:30"), {}},
              V{QStringLiteral("aeser"), QStringLiteral("1"), {}},
              V{QStringLiteral("sym"), QStringLiteral("a-b|x"), {}},
              V{QStringLiteral("temp"), QStringLiteral("38.5"), {}}});
        form(a, QStringLiteral("screening"), 1, QStringLiteral("ae"), 2, QStringLiteral("incomplete"),
             {V{QStringLiteral("aeterm"), QStringLiteral("=HYPERLINK(\"x\")"), {}},
              V{QStringLiteral("sym"), QStringLiteral("C d"), {}},
              V{QStringLiteral("temp"), {}, QStringLiteral("ND")}});
        form(a, QStringLiteral("unscheduled"), 2, QStringLiteral("ae"), 1, QStringLiteral("signed"),
             {V{QStringLiteral("aeterm"), QStringLiteral("-headache"), {}},
              V{QStringLiteral("aestdtc"), QStringLiteral("2026-02-01T23:59"), {}}});
        const qint64 b = subject(QStringLiteral("sh02-001"), QStringLiteral("sh02"));
        form(b, QStringLiteral("screening"), 1, QStringLiteral("dm"), 1, QStringLiteral("incomplete"),
             {V{QStringLiteral("rficdtc"), QStringLiteral("2026-01-20"), {}},
              V{QStringLiteral("brthdtc"), QStringLiteral("2015-07-01"), {}},
              V{QStringLiteral("age"), {}, QStringLiteral("UNK")}, V{QStringLiteral("sex"), QStringLiteral("M"), {}}});
    }
};

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QString findFile(const QString &dir, const QString &pattern)
{
    const QStringList found = QDir(dir).entryList({pattern}, QDir::Files);
    return found.size() == 1 ? QDir(dir).filePath(found.first()) : QString();
}

// Compares `actual` with the golden file, or rewrites it when asked to.
void compareGolden(const QByteArray &actual, const QString &name)
{
    const QString path = test::dataPath(QStringLiteral("golden/") + name);
    if (qEnvironmentVariableIntValue("CELLCRF_UPDATE_GOLDEN") == 1) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(actual);
        return;
    }
    const QByteArray expected = readAll(path);
    QVERIFY2(!expected.isEmpty(), qPrintable(QStringLiteral("missing golden file ") + path));
    QCOMPARE(QString::fromUtf8(actual), QString::fromUtf8(expected));
}

// Runs xmllint against the official ODM 1.3.2 schema; empty when valid.
QString validateOdm(const QString &file)
{
    const QString xsd = QDir(test::sharedDir()).filePath(QStringLiteral("schemas/odm-1.3.2/ODM1-3-2.xsd"));
    if (!QFile::exists(xsd))
        return QStringLiteral("schema not found: ") + xsd;
    QProcess p;
    p.start(QStringLiteral("xmllint"),
            {QStringLiteral("--noout"), QStringLiteral("--nonet"), QStringLiteral("--schema"), xsd, file});
    if (!p.waitForFinished(300000))
        return QStringLiteral("xmllint did not run: ") + p.errorString();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QString::fromUtf8(p.readAllStandardError()).left(4000);
    return {};
}

} // namespace

class TestExchange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvRoundTrip()
    {
        const QList<QStringList> records{
            {QStringLiteral("plain"), QStringLiteral("中文，逗号"), QStringLiteral("a,b"),
             QStringLiteral("say \"hi\"")},
            {QStringLiteral("line\nbreak"), QStringLiteral("cr\r\nlf"), QString(), QStringLiteral(" padded ")},
            {QStringLiteral("=1+2"), QStringLiteral("-3.5"), QStringLiteral("@x"), QStringLiteral("\"")}};
        QBuffer buf;
        buf.open(QIODevice::WriteOnly);
        CsvWriter w(buf, {true, false});
        for (const QStringList &r : records)
            QVERIFY(w.writeRow(r));
        QVERIFY(buf.data().startsWith("\xEF\xBB\xBF"));
        QVERIFY(buf.data().contains("\"say \"\"hi\"\"\""));
        QCOMPARE(CsvWriter::parse(buf.data()), records);
        QCOMPARE(w.sha256(), sha256Hex(buf.data()));
    }

    void formulaGuard_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("equals") << QStringLiteral("=SUM(A1)") << QStringLiteral("'=SUM(A1)");
        QTest::newRow("plus") << QStringLiteral("+1+cmd") << QStringLiteral("'+1+cmd");
        QTest::newRow("minus text") << QStringLiteral("-headache") << QStringLiteral("'-headache");
        QTest::newRow("at") << QStringLiteral("@SUM(1)") << QStringLiteral("'@SUM(1)");
        QTest::newRow("tab") << QStringLiteral("\tx") << QStringLiteral("'\tx");
        QTest::newRow("cr") << QStringLiteral("\rx") << QStringLiteral("'\rx");
        QTest::newRow("negative number") << QStringLiteral("-3.5") << QStringLiteral("-3.5");
        QTest::newRow("positive number") << QStringLiteral("+12") << QStringLiteral("+12");
        QTest::newRow("exponent") << QStringLiteral("-1e5") << QStringLiteral("-1e5");
        QTest::newRow("plain") << QStringLiteral("a=b") << QStringLiteral("a=b");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("minus only") << QStringLiteral("-") << QStringLiteral("'-");
    }

    void formulaGuard()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(CsvWriter::guardFormula(input), expected);
    }

    void variableNames()
    {
        QCOMPARE(VariableNames::checkboxColumn(QStringLiteral("sym"), QStringLiteral("a-b")),
                 QStringLiteral("sym___a_b"));
        QCOMPARE(VariableNames::sanitize(QStringLiteral("1abc")), QStringLiteral("v1abc"));
        QCOMPARE(VariableNames::uniqueEventName(QStringLiteral("screening")), QStringLiteral("screening_arm_1"));
        const study::Study s = fixedStudy();
        QCOMPARE(redcapBranchingLogic(s, QStringLiteral("ae"), QStringLiteral("aeser = true or dm.age < 18")),
                 QStringLiteral("[aeser] = '1' or [age] < 18"));
        QCOMPARE(redcapBranchingLogic(s, QStringLiteral("dm"), QStringLiteral("sex != 'F'")),
                 QStringLiteral("[sex] <> 'F'"));
        QCOMPARE(redcapBranchingLogic(s, QStringLiteral("dm"), QStringLiteral("has(sym, 'x')")),
                 QStringLiteral("[sym(x)] = '1'"));
        QCOMPARE(redcapBranchingLogic(s, QStringLiteral("dm"), QStringLiteral("days(a, b) > 3")), QString());
    }

    void redcapGolden()
    {
        Fixture fx;
        fx.build();
        QTemporaryDir out;
        ExportOptions options;
        options.dataAccessGroups = true;
        auto r = exportRedcap(fx.context(), options, out.path());
        QVERIFY2(r, qPrintable(r.message()));
        QCOMPARE(r->subjects, 2);
        const QByteArray data = readAll(findFile(out.path(), QStringLiteral("TINY_DATA_2026-03-04_0506.csv")));
        compareGolden(data, QStringLiteral("tiny_redcap_data.csv"));
        compareGolden(readAll(findFile(out.path(), QStringLiteral("TINY_DataDictionary_*.csv"))),
                      QStringLiteral("tiny_redcap_dictionary.csv"));
        compareGolden(readAll(findFile(out.path(), QStringLiteral("TINY_events.csv"))) + "--\r\n" +
                          readAll(findFile(out.path(), QStringLiteral("TINY_instrument_event_mapping.csv"))) +
                          "--\r\n" + readAll(findFile(out.path(), QStringLiteral("TINY_repeating.csv"))),
                      QStringLiteral("tiny_redcap_project.csv"));

        // The parts EXCHANGE.md fixes, checked apart from the golden bytes.
        const QList<QStringList> rows = CsvWriter::parse(data);
        const QStringList header = rows.first();
        QCOMPARE(header.mid(0, 5),
                 (QStringList{QStringLiteral("record_id"), QStringLiteral("redcap_event_name"),
                              QStringLiteral("redcap_repeat_instrument"), QStringLiteral("redcap_repeat_instance"),
                              QStringLiteral("redcap_data_access_group")}));
        QVERIFY(header.contains(QStringLiteral("sym___a_b")));
        QVERIFY(header.contains(QStringLiteral("sym___c_d")));
        QVERIFY(header.contains(QStringLiteral("dm_complete")));
        QCOMPARE(rows.size(), 1 + 5); // a: dm row, two ae repeats, one unscheduled; b: dm row
        const auto col = [&](const QString &n) { return header.indexOf(n); };
        QCOMPARE(rows.at(1).at(col(QStringLiteral("dm_complete"))), QStringLiteral("2"));
        QCOMPARE(rows.at(1).at(col(QStringLiteral("note"))), QStringLiteral("said \"fine\", then\nleft; =1+2"));
        QCOMPARE(rows.at(2).at(2), QStringLiteral("ae"));
        QCOMPARE(rows.at(2).at(3), QStringLiteral("1"));
        QCOMPARE(rows.at(2).at(col(QStringLiteral("sym___a_b"))), QStringLiteral("1"));
        QCOMPARE(rows.at(2).at(col(QStringLiteral("sym___c_d"))), QStringLiteral("0"));
        QCOMPARE(rows.at(2).at(col(QStringLiteral("aestdtc"))), QStringLiteral("2026-01-12 08:30"));
        QCOMPARE(rows.at(2).at(col(QStringLiteral("ae_complete"))), QStringLiteral("1"));
        QCOMPARE(rows.at(3).at(col(QStringLiteral("temp"))), QStringLiteral("ND"));
        QCOMPARE(rows.at(3).at(col(QStringLiteral("aeterm"))), QStringLiteral("=HYPERLINK(\"x\")")); // raw: exact
        QCOMPARE(rows.at(3).at(col(QStringLiteral("ae_complete"))), QStringLiteral("0"));
        QCOMPARE(rows.at(4).at(1), QStringLiteral("unscheduled_arm_1"));
        QCOMPARE(rows.at(4).at(2), QString());
        QCOMPARE(rows.at(4).at(3), QStringLiteral("2"));
        QCOMPARE(rows.at(5).at(col(QStringLiteral("age"))), QStringLiteral("UNK"));

        const QList<QStringList> dict =
            CsvWriter::parse(readAll(findFile(out.path(), QStringLiteral("TINY_DataDictionary_*.csv"))));
        QCOMPARE(dict.first(), redcapDictionaryHeader());
        QCOMPARE(dict.first().size(), 18);
        QVERIFY(readAll(findFile(out.path(), QStringLiteral("TINY_manifest.json"))).contains("sha256"));
    }

    void labelsVariantIsGuarded()
    {
        Fixture fx;
        fx.build();
        QTemporaryDir out;
        ExportOptions options;
        options.labels = true;
        options.bom = true;
        auto r = exportRedcap(fx.context(), options, out.path());
        QVERIFY2(r, qPrintable(r.message()));
        const QByteArray data = readAll(findFile(out.path(), QStringLiteral("TINY_DATA_LABELS_*.csv")));
        QVERIFY(data.startsWith("\xEF\xBB\xBF"));
        const QList<QStringList> rows = CsvWriter::parse(data);
        QVERIFY(rows.at(3).contains(QStringLiteral("'=HYPERLINK(\"x\")")));
        QVERIFY(rows.at(1).contains(QStringLiteral("Female")));
        QVERIFY(rows.first().contains(QStringLiteral("Symptoms (choice=A or B)")));
    }

    void longCsvEqualsStore()
    {
        Fixture fx;
        fx.build();
        QTemporaryDir out;
        auto r = exportLongCsv(fx.context(), {}, out.path());
        QVERIFY2(r, qPrintable(r.message()));
        const QList<QStringList> rows =
            CsvWriter::parse(readAll(findFile(out.path(), QStringLiteral("TINY_LONG_*.csv"))));
        QCOMPARE(rows.first(), longCsvHeader());
        store::Query q(*fx.db,
                       QStringLiteral("SELECT s.subject_key, fi.event_oid, fi.event_repeat, fi.form_oid, "
                                      "fi.form_repeat, iv.item_oid, iv.value, iv.missing_reason FROM item_value iv "
                                      "JOIN form_instance fi ON fi.id = iv.form_instance_id "
                                      "JOIN subject s ON s.id = fi.subject_id"));
        QVERIFY(q.exec());
        QSet<QString> store;
        while (q.next()) {
            QStringList k;
            for (int i = 0; i < 8; ++i)
                k << q.text(i);
            store.insert(k.join(QChar(0x1f)));
        }
        QSet<QString> exported;
        for (qsizetype i = 1; i < rows.size(); ++i) {
            const QStringList &r2 = rows.at(i);
            QString value = r2.at(7);
            if (value.startsWith(QLatin1Char('\'')) && CsvWriter::looksLikeFormula(value.mid(1)))
                value = value.mid(1); // the guard is the only change
            exported.insert(
                QStringList{r2.at(0), r2.at(2), r2.at(3), r2.at(4), r2.at(5), r2.at(6), value, r2.at(8)}.join(
                    QChar(0x1f)));
        }
        QCOMPARE(exported, store);
    }

    void deidentification()
    {
        Fixture fx;
        fx.build();
        QTemporaryDir out;
        ExportOptions options;
        options.deidentify = true;
        auto r = exportRedcap(fx.context(), options, out.path());
        QVERIFY2(r, qPrintable(r.message()));
        const QByteArray data = readAll(findFile(out.path(), QStringLiteral("TINY_DATA_*.csv")));
        QVERIFY(!data.contains("张伟"));
        QVERIFY(!data.contains("1980"));
        const QList<QStringList> rows = CsvWriter::parse(data);
        const QStringList header = rows.first();
        for (const study::Form &f : std::as_const(fx.study.forms))
            for (const study::Item &i : f.items)
                if (i.identifier)
                    QVERIFY2(!header.contains(i.oid), qPrintable(i.oid));
        const auto col = [&](const QString &n) { return header.indexOf(n); };
        QCOMPARE(rows.at(1).at(col(QStringLiteral("rficdtc"))), QStringLiteral("0"));
        QCOMPARE(rows.at(1).at(col(QStringLiteral("age"))), QStringLiteral("45")); // ages are kept
        QCOMPARE(rows.at(2).at(col(QStringLiteral("aestdtc"))), QStringLiteral("2"));
        QCOMPARE(rows.at(4).at(col(QStringLiteral("aestdtc"))), QStringLiteral("22"));
        // No date survives anywhere in the data file.
        static const QRegularExpression date(QStringLiteral("\\d{4}-\\d{2}-\\d{2}"));
        QVERIFY(!date.match(QString::fromUtf8(data)).hasMatch());

        QTemporaryDir out2;
        auto l = exportLongCsv(fx.context(), options, out2.path());
        QVERIFY(l);
        const QByteArray longData = readAll(findFile(out2.path(), QStringLiteral("TINY_LONG_*.csv")));
        QVERIFY(!longData.contains("张伟"));
        QVERIFY(!longData.contains("brthdtc"));
        // Only the change timestamps (not data) carry calendar dates in the long file.
        for (const QStringList &row : CsvWriter::parse(longData).mid(1))
            QVERIFY2(!date.match(row.at(7)).hasMatch(), qPrintable(row.at(7)));
    }

    void cancelledExportLeavesNothing()
    {
        Fixture fx;
        fx.build();
        QTemporaryDir out;
        int calls = 0;
        auto r = exportRedcap(fx.context(), {}, out.path(), {}, [&] { return ++calls > 1; });
        QVERIFY(!r);
        QCOMPARE(r.status().code(), ErrorCode::Cancelled);
        QCOMPARE(QDir(out.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
        auto l = exportLongCsv(fx.context(), {}, out.path(), {}, [] { return true; });
        QVERIFY(!l);
        QCOMPARE(QDir(out.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
    }

    // Staged documents are closed at once: an export of more documents than the
    // process may hold open files still completes, and one never committed
    // leaves nothing behind.
    void stagedFiles_holdNoFileOpen_andVanishUncommitted()
    {
        QTemporaryDir out;
        const auto files = [&] {
            return QDir(out.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
        };
        {
            OutputFiles abandoned(out.path());
            QVERIFY(abandoned.stage(QStringLiteral("a.pdf"), "%PDF-1.4 a"));
            QCOMPARE(files(), QStringList{QStringLiteral(".a.pdf.part")});
        }
        QCOMPARE(files(), QStringList());

        rlimit saved{};
        QCOMPARE(getrlimit(RLIMIT_NOFILE, &saved), 0);
        rlimit low = saved;
        low.rlim_cur = 64;
        QCOMPARE(setrlimit(RLIMIT_NOFILE, &low), 0);
        OutputFiles many(out.path());
        Status staged = Status::ok();
        for (int i = 0; i < 300 && staged; ++i)
            staged =
                many.stage(QStringLiteral("casebook_%1.pdf").arg(i), QByteArray("%PDF-1.4 ") + QByteArray::number(i));
        const Status committed = staged ? many.commitAll() : staged;
        QCOMPARE(setrlimit(RLIMIT_NOFILE, &saved), 0);
        QVERIFY2(staged, qPrintable(staged.message()));
        QVERIFY2(committed, qPrintable(committed.message()));
        const QStringList written = files();
        QCOMPARE(written.size(), 300);
        QVERIFY(!written.join(QLatin1Char(' ')).contains(QStringLiteral(".part")));
        QFile last(QDir(out.path()).filePath(QStringLiteral("casebook_299.pdf")));
        QVERIFY(last.open(QIODevice::ReadOnly));
        QCOMPARE(last.readAll(), QByteArray("%PDF-1.4 299"));
    }

    void cancelledEndpointsExportLeavesNothing()
    {
        QTemporaryDir dir;
        auto file =
            demo::createDemoDatabase(dir.filePath(QStringLiteral("demo.ccrf")), {QStringLiteral("s1904"), 12, 1});
        QVERIFY2(file, qPrintable(file.message()));
        records::StudyFile &sf = **file;
        ExportContext ctx{sf.database(), sf.study(), sf.clock(),
                          Actor{QStringLiteral("datamanager"), {}, QStringLiteral("data_manager"), {}}};
        const auto files = [](const QString &path) {
            return QDir(path).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
        };
        const qint64 before = audit::AuditTrail(sf.database(), sf.clock()).count();

        // Cancelled once the first subject has been reported: no file, no audit event.
        QTemporaryDir out;
        int reported = 0;
        auto r = exportEndpoints(
            ctx, sf.data(), {}, out.path(), [&](qint64, qint64) { ++reported; }, [&] { return reported > 0; });
        QVERIFY(!r);
        QCOMPARE(r.status().code(), ErrorCode::Cancelled);
        QCOMPARE(reported, 1);
        QCOMPARE(files(out.path()), QStringList());
        QCOMPARE(audit::AuditTrail(sf.database(), sf.clock()).count(), before);

        // The same export left to run writes the dataset and its manifest.
        auto full = exportEndpoints(ctx, sf.data(), {}, out.path(), {}, [] { return false; });
        QVERIFY2(full, qPrintable(full.message()));
        QCOMPARE(files(out.path()).size(), 2);
    }

    void backwardsDateRange_isRefusedByEveryExporter_andWritesNothing()
    {
        Fixture fx;
        fx.build();
        QTemporaryDir out;
        ExportOptions options;
        options.from = QDate(2026, 3, 1);
        options.to = QDate(2026, 2, 1);
        QCOMPARE(options.check().code(), ErrorCode::InvalidInput);
        const qint64 before = audit::AuditTrail(*fx.db, fx.clock).count();
        const QList<Result<ExportResult>> results{
            exportRedcap(fx.context(), options, out.path()), exportLongCsv(fx.context(), options, out.path()),
            exportAuditCsv(fx.context(), options, out.path()), exportOdm(fx.context(), options, out.path())};
        for (const Result<ExportResult> &r : results) {
            QVERIFY(!r);
            QCOMPARE(r.status().code(), ErrorCode::InvalidInput);
            QCOMPARE(r.message(), QStringLiteral("The date range starts after it ends."));
        }
        QCOMPARE(QDir(out.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
        QCOMPARE(audit::AuditTrail(*fx.db, fx.clock).count(), before);
    }

    void nurseIsRefused()
    {
        Fixture fx;
        fx.build();
        QTemporaryDir out;
        const qint64 before = audit::AuditTrail(*fx.db, fx.clock).count();
        ExportContext ctx{*fx.db, fx.study, fx.clock, Actor{QStringLiteral("nora"), {}, QStringLiteral("nurse"), {}}};
        auto r = exportRedcap(ctx, {}, out.path());
        QVERIFY(!r);
        QCOMPARE(r.status().code(), ErrorCode::PermissionDenied);
        QVERIFY(QDir(out.path()).isEmpty());
        QCOMPARE(audit::AuditTrail(*fx.db, fx.clock).count(), before);
        // A permitted export is audited with the file hashes.
        auto ok = exportRedcap(fx.context(), {}, out.path());
        QVERIFY(ok);
        auto events = audit::AuditTrail(*fx.db, fx.clock).events();
        QVERIFY(events);
        QCOMPARE(events->last().action, QStringLiteral("export"));
        QVERIFY(events->last().newValue->contains(ok->files.first().sha256));
    }

    void odmOfFixedStudyValidates()
    {
        Fixture fx;
        fx.build();
        QTemporaryDir out;
        auto r = exportOdm(fx.context(), {}, out.path());
        QVERIFY2(r, qPrintable(r.message()));
        const QString file = findFile(out.path(), QStringLiteral("TINY_ODM_*.xml"));
        const QString problems = validateOdm(file);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        const QByteArray xml = readAll(file);
        QVERIFY(xml.contains("xml:lang=\"zh-CN\""));
        QVERIFY(xml.contains("StudyEventRepeatKey=\"2\""));
    }

    void odmOfDemoStudiesValidates_data()
    {
        QTest::addColumn<QString>("studyOid");
        QTest::newRow("s1904") << QStringLiteral("s1904");
        QTest::newRow("peds-cd19") << QStringLiteral("peds-cd19");
    }

    void odmOfDemoStudiesValidates()
    {
        QFETCH(QString, studyOid);
        QTemporaryDir dir;
        auto file = demo::createDemoDatabase(dir.filePath(QStringLiteral("demo.ccrf")), {studyOid, 10, 1});
        QVERIFY2(file, qPrintable(file.message()));
        records::StudyFile &sf = **file;
        ExportContext ctx{sf.database(), sf.study(), sf.clock(),
                          Actor{QStringLiteral("datamanager"), {}, QStringLiteral("data_manager"), {}}};
        for (const bool deidentify : {false, true}) {
            QTemporaryDir out;
            ExportOptions options;
            options.deidentify = deidentify;
            auto r = exportOdm(ctx, options, out.path());
            QVERIFY2(r, qPrintable(r.message()));
            QCOMPARE(r->subjects, 10);
            const QString problems = validateOdm(findFile(out.path(), QStringLiteral("*_ODM_2*.xml")));
            QVERIFY2(problems.isEmpty(), qPrintable(problems));

            // The full history validates too: one transaction per value change.
            ExportOptions history = options;
            history.transactional = true;
            auto tx = exportOdm(ctx, history, out.path());
            QVERIFY2(tx, qPrintable(tx.message()));
            const QString txFile = findFile(out.path(), QStringLiteral("*_ODM_TRANSACTIONAL_*.xml"));
            const QString txProblems = validateOdm(txFile);
            QVERIFY2(txProblems.isEmpty(), qPrintable(txProblems));
            const QByteArray xml = readAll(txFile);
            QVERIFY(xml.contains("FileType=\"Transactional\""));
            QVERIFY(!xml.contains("Upsert"));
            QVERIFY(!xml.contains("TransactionType=\"Context\""));
            QCOMPARE(xml.count("<ItemData "), tx->files.first().rows);
            QCOMPARE(xml.count("<ItemData "), xml.count("TransactionType=\"Insert\" Value=") +
                                                  xml.count("TransactionType=\"Update\" Value=") +
                                                  xml.count("TransactionType=\"Remove\" IsNull=\"Yes\""));
            // Every item transaction and every new subject carries its audit record.
            QCOMPARE(xml.count("<AuditRecord>"), xml.count("<ItemData ") + 10);
            QVERIFY(xml.contains("<SignatureDef OID=\"SD.approved\""));
            // The casebooks the demo investigator signed are Signatures of their SubjectData.
            store::Query signedCasebooks(sf.database(), QStringLiteral("SELECT count(*) FROM casebook_signature"));
            QVERIFY(signedCasebooks.exec() && signedCasebooks.next());
            QVERIFY(signedCasebooks.integer(0) > 0);
            QCOMPARE(xml.count("<Signature ID=\"CSIG."), signedCasebooks.integer(0));
            QXmlStreamReader reader(xml);
            QStringList path;
            int onSubject = 0;
            while (!reader.atEnd()) {
                reader.readNext();
                if (reader.isStartElement()) {
                    if (reader.name() == QLatin1String("Signature") &&
                        reader.attributes().value(QLatin1String("ID")).startsWith(QLatin1String("CSIG.")) &&
                        path.last() == QLatin1String("SubjectData"))
                        ++onSubject;
                    path.append(reader.name().toString());
                } else if (reader.isEndElement()) {
                    path.removeLast();
                }
            }
            QVERIFY(!reader.hasError());
            QCOMPARE(onSubject, signedCasebooks.integer(0));
            // The REDCap export of the same file works too.
            auto rc = exportRedcap(ctx, options, out.path());
            QVERIFY2(rc, qPrintable(rc.message()));
        }
    }

    // The sync payload's informative view: the transactional history of a
    // subject narrowed to chosen audit events, each change still knowing what
    // it replaced although the events before it are left out.
    void subjectTransactionsKeepOnlyTheChosenEvents()
    {
        Fixture fx;
        fx.build();
        audit::AuditTrail trail(*fx.db, fx.clock);
        QStringList ids;
        const auto change = [&](const std::optional<QString> &oldValue, const std::optional<QString> &newValue,
                                const QString &reason) {
            audit::AuditEvent e;
            e.userName = QStringLiteral("nurse");
            e.userRole = QStringLiteral("nurse");
            e.action = QString::fromLatin1(audit::action::ItemValue);
            e.subjectKey = QStringLiteral("bj01-001");
            e.eventOid = QStringLiteral("screening");
            e.eventRepeat = 1;
            e.formOid = QStringLiteral("dm");
            e.formRepeat = 1;
            e.itemOid = QStringLiteral("age");
            e.oldValue = oldValue;
            e.newValue = newValue;
            e.reason = reason;
            QVERIFY(fx.db->transaction([&]() -> Status {
                auto appended = trail.append(e);
                if (!appended)
                    return appended.status();
                ids << appended->eventId;
                return Status::ok();
            }));
            fx.clock.advanceSeconds(60);
        };
        change(std::nullopt, QStringLiteral("45"), {});
        change(QStringLiteral("45"), QStringLiteral("46"), QStringLiteral("typing error"));
        change(QStringLiteral("46"), std::nullopt, QStringLiteral("entered for the wrong subject"));
        QCOMPARE(ids.size(), 3);

        StoredSubject subject;
        store::Query q(*fx.db, QStringLiteral("SELECT id, site_oid FROM subject WHERE subject_key = 'bj01-001'"));
        QVERIFY(q.exec() && q.next());
        subject.id = q.integer(0);
        subject.key = QStringLiteral("bj01-001");
        subject.siteOid = q.text(1);

        // ItemData of the view as "TransactionType Value SourceID".
        const auto view = [&](const OdmEventFilter &keep) {
            QByteArray bytes;
            QBuffer buffer(&bytes);
            buffer.open(QIODevice::WriteOnly);
            QXmlStreamWriter x(&buffer);
            x.writeStartDocument();
            x.writeStartElement(QStringLiteral("ClinicalData"));
            auto items = writeOdmSubjectTransactions(x, *fx.db, fx.study, subject, keep);
            [&] { QVERIFY2(items, qPrintable(items.message())); }();
            x.writeEndElement();
            x.writeEndDocument();
            QStringList out;
            QXmlStreamReader r(bytes);
            QString open;
            while (!r.atEnd()) {
                r.readNext();
                if (r.isStartElement() && r.name() == QLatin1String("ItemData"))
                    open = r.attributes().value(QLatin1String("TransactionType")).toString() + QLatin1Char(' ') +
                           r.attributes().value(QLatin1String("Value")).toString();
                if (r.isStartElement() && r.name() == QLatin1String("SourceID") && !open.isEmpty())
                    out << open + QLatin1Char(' ') + r.readElementText();
                if (r.isEndElement() && r.name() == QLatin1String("ItemData"))
                    open.clear();
            }
            [&] { QVERIFY2(!r.hasError(), qPrintable(r.errorString())); }();
            [&] { QCOMPARE(qint64(out.size()), *items); }();
            return out;
        };
        QCOMPARE(view({}), QStringList({QStringLiteral("Insert 45 ") + ids[0], QStringLiteral("Update 46 ") + ids[1],
                                        QStringLiteral("Remove  ") + ids[2]}));
        // The correction alone is still an Update of the value the left-out event set.
        QCOMPARE(view([&](const QString &id) { return id == ids[1]; }),
                 QStringList{QStringLiteral("Update 46 ") + ids[1]});
        QCOMPARE(view([&](const QString &id) { return id == ids[2]; }),
                 QStringList{QStringLiteral("Remove  ") + ids[2]});
        QCOMPARE(view([](const QString &) { return false; }), QStringList());
    }

    void siteFilter()
    {
        Fixture fx;
        fx.build();
        QTemporaryDir out;
        ExportOptions options;
        options.sites << QStringLiteral("sh02");
        auto r = exportRedcap(fx.context(), options, out.path());
        QVERIFY(r);
        QCOMPARE(r->subjects, 1);
        const QList<QStringList> rows =
            CsvWriter::parse(readAll(findFile(out.path(), QStringLiteral("TINY_DATA_*.csv"))));
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(1).first(), QStringLiteral("sh02-001"));
    }
};

QTEST_GUILESS_MAIN(TestExchange)
#include "tst_exchange.moc"
