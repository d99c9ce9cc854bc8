// cellcrf-cli driven in-process through its Cli class, as a data manager's script
// would drive the program: demo data, verification, tampering, definitions, usage.

#include "cli.h"
#include "core/clock.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace cellcrf;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &args, const QString &input = {})
{
    QString out;
    QString err;
    QString in = input;
    QTextStream outStream(&out);
    QTextStream errStream(&err);
    QTextStream inStream(&in);
    const SystemClock clock;
    cli::Cli cli(outStream, errStream, inStream, clock);
    Run r;
    r.exitCode = cli.run(QStringList{QStringLiteral("cellcrf-cli")} + args);
    outStream.flush();
    errStream.flush();
    r.out = out;
    r.err = err;
    return r;
}

// Runs SQL on a file as an outside program (the sqlite3 shell) would.
bool rawExec(const QString &path, const QStringList &statements)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery q(db);
        for (const QString &s : statements)
            ok = ok && q.exec(s);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
    return ok;
}

QString rawValue(const QString &path, const QString &sql)
{
    QString v;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                v = q.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
    return v;
}

// Everything that matters in a database, in a stable order, hashed.
QByteArray contentHash(const QString &path)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const QString &sql :
         {QStringLiteral("SELECT group_concat(subject_key || '|' || status || '|' || arm_oid, ';') FROM "
                         "(SELECT * FROM subject ORDER BY id)"),
          QStringLiteral("SELECT group_concat(item_oid || '=' || value, ';') FROM (SELECT * FROM item_value ORDER BY "
                         "form_instance_id, item_oid)"),
          QStringLiteral("SELECT group_concat(hash, ';') FROM (SELECT hash FROM audit_event ORDER BY seq)")})
        h.addData(rawValue(path, sql).toUtf8());
    return h.result().toHex();
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_demo; // one 200-subject S1904 demo shared by the read-only checks

private Q_SLOTS:
    void initTestCase()
    {
        m_demo = m_dir.filePath(QStringLiteral("demo.db"));
        const Run r = runCli({QStringLiteral("demo"), m_demo, QStringLiteral("--study"), QStringLiteral("s1904"),
                              QStringLiteral("--subjects"), QStringLiteral("200"), QStringLiteral("--seed"),
                              QStringLiteral("1")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("200 subjects")));
        QVERIFY(r.err.contains(QStringLiteral("200 of 200")));
    }

    void help_listsEveryCommandAndDerivation()
    {
        const Run r = runCli({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        for (const char *word : {"init", "demo", "verify", "derive", "check-study", "crs", "icans", "crcl"})
            QVERIFY2(r.out.contains(QString::fromLatin1(word)), word);
    }

    void version_printsTheVersion()
    {
        const Run r = runCli({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral(CELLCRF_VERSION)));
    }

    void badCommandLines_exitWithUsageCode_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("nothing") << QStringList{};
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
        QTest::newRow("init without study") << QStringList{QStringLiteral("init"), QStringLiteral("x.db")};
        QTest::newRow("verify without file") << QStringList{QStringLiteral("verify")};
        QTest::newRow("demo with bad count") << QStringList{QStringLiteral("demo"), QStringLiteral("x.db"),
                                                            QStringLiteral("--subjects"), QStringLiteral("many")};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("verify"), QStringLiteral("x.db"),
                                                       QStringLiteral("--force")};
        QTest::newRow("unknown derivation") << QStringList{QStringLiteral("derive"), QStringLiteral("nonsense")};
    }
    void badCommandLines_exitWithUsageCode()
    {
        QFETCH(QStringList, args);
        const Run r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
        QVERIFY(r.out.isEmpty());
    }

    void demo_thenVerify_saysOk()
    {
        const Run r = runCli({QStringLiteral("verify"), m_demo});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY(r.out.startsWith(QStringLiteral("OK")));
    }

    void demo_isRealistic()
    {
        QCOMPARE(rawValue(m_demo, QStringLiteral("SELECT count(*) FROM subject")).toInt(), 200);
        QVERIFY(
            rawValue(m_demo, QStringLiteral("SELECT count(*) FROM subject WHERE status = 'screen_failed'")).toInt() >
            5);
        QVERIFY(rawValue(m_demo, QStringLiteral("SELECT count(*) FROM subject WHERE status = 'died'")).toInt() > 0);
        QVERIFY(
            rawValue(m_demo, QStringLiteral("SELECT count(*) FROM subject WHERE arm_oid = 'bridging_hsct'")).toInt() >
            0);
        QVERIFY(rawValue(m_demo, QStringLiteral("SELECT count(*) FROM subject WHERE arm_oid = 'no_bridging'")).toInt() >
                0);
        // Relapses and derived CRS grades of every severity appear.
        QVERIFY(rawValue(m_demo,
                         QStringLiteral("SELECT count(*) FROM item_value WHERE item_oid = 'relapse' AND value = '1'"))
                    .toInt() > 0);
        for (int grade = 0; grade <= 3; ++grade)
            QVERIFY2(rawValue(m_demo, QStringLiteral("SELECT count(*) FROM item_value WHERE item_oid = 'crs_grade' AND "
                                                     "value = '%1'")
                                          .arg(grade))
                             .toInt() > 0,
                     qPrintable(QString::number(grade)));
        // Entered through the save path: every value has its audit event.
        QCOMPARE(rawValue(m_demo, QStringLiteral("SELECT count(*) FROM item_value iv LEFT JOIN audit_event ae ON "
                                                 "ae.event_id = iv.audit_event_id WHERE ae.seq IS NULL"))
                     .toInt(),
                 0);
        QCOMPARE(rawValue(m_demo, QStringLiteral("SELECT value FROM meta WHERE key = 'demo'")), QStringLiteral("1"));
    }

    void demo_sameSeed_givesTheSameDatabase()
    {
        const QString a = m_dir.filePath(QStringLiteral("a.db"));
        const QString b = m_dir.filePath(QStringLiteral("b.db"));
        const QString c = m_dir.filePath(QStringLiteral("c.db"));
        for (const auto &[path, seed] : {std::pair{a, QStringLiteral("7")}, std::pair{b, QStringLiteral("7")},
                                         std::pair{c, QStringLiteral("8")}}) {
            const Run r = runCli({QStringLiteral("demo"), path, QStringLiteral("--study"), QStringLiteral("peds-cd19"),
                                  QStringLiteral("--subjects"), QStringLiteral("15"), QStringLiteral("--seed"), seed});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        QCOMPARE(contentHash(a), contentHash(b));
        QVERIFY(contentHash(a) != contentHash(c));
    }

    void demo_existingFile_isRefusedAndUntouched()
    {
        const QString path = m_dir.filePath(QStringLiteral("keep.db"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("precious");
        f.close();
        const Run r = runCli({QStringLiteral("demo"), path, QStringLiteral("--subjects"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("already exists")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("precious"));
    }

    void verify_afterEditingOneAuditValueOutside_namesThatEventAndFails()
    {
        const QString copy = m_dir.filePath(QStringLiteral("tampered.db"));
        QVERIFY(rawExec(m_demo, {QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")}));
        QVERIFY(QFile::copy(m_demo, copy));
        const QString victim =
            rawValue(copy, QStringLiteral("SELECT event_id FROM audit_event WHERE item_oid = 'weight_kg' "
                                          "ORDER BY seq LIMIT 1 OFFSET 10"));
        QVERIFY(!victim.isEmpty());
        QVERIFY(rawExec(
            copy, {QStringLiteral("DROP TRIGGER audit_event_no_update"),
                   QStringLiteral("UPDATE audit_event SET new_value = '99.0' WHERE event_id = '%1'").arg(victim)}));
        const Run r = runCli({QStringLiteral("verify"), copy});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QStringLiteral("FAILED")), qPrintable(r.out));
        QVERIFY2(r.out.contains(victim), qPrintable(r.out));
    }

    void verify_notADatabase_failsWithAClearMessage()
    {
        const QString path = m_dir.filePath(QStringLiteral("notes.txt"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello");
        f.close();
        const Run r = runCli({QStringLiteral("verify"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("not a CellCRF database")));
    }

    void init_createsAnEmptyStudyThatVerifies()
    {
        const QString path = m_dir.filePath(QStringLiteral("empty.db"));
        Run r = runCli({QStringLiteral("init"), path, QStringLiteral("--study"), QStringLiteral("peds-cd19")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({QStringLiteral("verify"), path});
        QCOMPARE(r.exitCode, 0);
        r = runCli({QStringLiteral("init"), path, QStringLiteral("--study"), QStringLiteral("peds-cd19")});
        QCOMPARE(r.exitCode, 1);
        r = runCli({QStringLiteral("init"), m_dir.filePath(QStringLiteral("x.db")), QStringLiteral("--study"),
                    QStringLiteral("nosuchstudy")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("nosuchstudy")));
    }

    void checkStudy_brokenCodeListReference_namesFileAndPath()
    {
        // Copy a real definition and break one code-list reference.
        const QString dir = m_dir.filePath(QStringLiteral("broken"));
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/forms")));
        const QString source = test::studyDir(QStringLiteral("peds-cd19"));
        QVERIFY(QFile::copy(source + QStringLiteral("/study.json"), dir + QStringLiteral("/study.json")));
        for (const QString &f : QDir(source + QStringLiteral("/forms")).entryList({QStringLiteral("*.json")}))
            QVERIFY(QFile::copy(source + QStringLiteral("/forms/") + f, dir + QStringLiteral("/forms/") + f));
        QFile dm(dir + QStringLiteral("/forms/dm.json"));
        QVERIFY(dm.open(QIODevice::ReadOnly));
        QByteArray text = dm.readAll();
        dm.close();
        QVERIFY(text.contains("\"code_list\": \"sex\""));
        text.replace("\"code_list\": \"sex\"", "\"code_list\": \"sexx\"");
        QVERIFY(dm.open(QIODevice::WriteOnly | QIODevice::Truncate));
        dm.write(text);
        dm.close();

        Run r = runCli({QStringLiteral("check-study"), source});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli({QStringLiteral("check-study"), dir});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("forms/dm.json")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral(".code_list")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("sexx")), qPrintable(r.err));
    }

    void endpoints_demo_hasOneRowPerRandomizedSubjectWithDateAndStatus()
    {
        const QString csv = m_dir.filePath(QStringLiteral("endpoints.csv"));
        const Run r =
            runCli({QStringLiteral("endpoints"), m_demo, QStringLiteral("--user"), QStringLiteral("datamanager"),
                    QStringLiteral("--password-stdin"), QStringLiteral("--out"), csv},
                   QStringLiteral("demo-locks-2026\n"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const int randomized =
            rawValue(m_demo, QStringLiteral("SELECT count(*) FROM subject WHERE arm_oid <> ''")).toInt();
        QVERIFY(randomized > 50);
        QCOMPARE(lines.size(), randomized + 1);
        const QStringList header = lines.first().split(QLatin1Char(','));
        const int efsDate = int(header.indexOf(QStringLiteral("efs_date")));
        const int efsStatus = int(header.indexOf(QStringLiteral("efs_status")));
        const int osStatus = int(header.indexOf(QStringLiteral("os_status")));
        QVERIFY(efsDate > 0 && efsStatus > 0 && osStatus > 0);
        int events = 0;
        for (const QString &line : lines.mid(1)) {
            const QStringList cells = line.split(QLatin1Char(','));
            QVERIFY2(QDate::fromString(cells.value(efsDate), Qt::ISODate).isValid(), qPrintable(line));
            QVERIFY2(cells.value(efsStatus) == QLatin1String("0") || cells.value(efsStatus) == QLatin1String("1"),
                     qPrintable(line));
            events += cells.value(efsStatus) == QLatin1String("1");
        }
        QVERIFY(events > 0);
    }

    void episodes_demo_matchTheDailyGradesInTheStore()
    {
        const QString csv = m_dir.filePath(QStringLiteral("episodes.csv"));
        const Run r =
            runCli({QStringLiteral("episodes"), m_demo, QStringLiteral("--user"), QStringLiteral("datamanager"),
                    QStringLiteral("--password-stdin"), QStringLiteral("--out"), csv},
                   QStringLiteral("demo-locks-2026\n"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.size() > 20);
        QHash<QString, int> maxCrs;
        for (const QString &line : lines.mid(1)) {
            const QStringList c = line.split(QLatin1Char(','));
            QCOMPARE(c.size(), 12);
            QVERIFY2(c[4] <= c[6], qPrintable(line)); // onset <= date of the maximum
            if (!c[7].isEmpty())
                QVERIFY2(c[6] < c[7], qPrintable(line)); // maximum before resolution
            if (c[2] == QLatin1String("crs"))
                maxCrs[c[0]] = std::max(maxCrs.value(c[0]), c[5].toInt());
        }
        // The maximum CRS grade of each subject equals the highest daily derived grade stored.
        int checked = 0;
        for (auto it = maxCrs.cbegin(); it != maxCrs.cend() && checked < 15; ++it, ++checked) {
            const int stored =
                rawValue(m_demo, QStringLiteral("SELECT max(CAST(iv.value AS INTEGER)) FROM item_value iv "
                                                "JOIN form_instance fi ON fi.id = iv.form_instance_id "
                                                "JOIN subject s ON s.id = fi.subject_id WHERE "
                                                "s.subject_key = '%1' AND iv.item_oid = 'crs_grade'")
                                     .arg(it.key()))
                    .toInt();
            QCOMPARE(it.value(), stored);
        }
    }

    void endpoints_nurse_isRefused()
    {
        const Run r = runCli({QStringLiteral("endpoints"), m_demo, QStringLiteral("--user"), QStringLiteral("nurse"),
                              QStringLiteral("--password-stdin")},
                             QStringLiteral("demo-entry-2026\n"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("may not export")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void eligibility_isDecidedByDataDecisionAndSignature()
    {
        const QString copy = m_dir.filePath(QStringLiteral("elig.db"));
        QVERIFY(rawExec(m_demo, {QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")}));
        QVERIFY(QFile::copy(m_demo, copy));
        const QString subject =
            rawValue(copy, QStringLiteral("SELECT subject_key FROM subject WHERE arm_oid <> '' ORDER BY id LIMIT 1"));
        const QStringList asInvestigator{QStringLiteral("--user"), QStringLiteral("investigator"),
                                         QStringLiteral("--password-stdin")};
        const QString investigatorPassword = QStringLiteral("demo-signs-2026\n");

        Run r =
            runCli(QStringList{QStringLiteral("eligibility"), copy, subject} + asInvestigator, investigatorPassword);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(!r.out.contains(QStringLiteral("NOT MET")) && !r.out.contains(QStringLiteral("missing data")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("awaits the investigator's signature")), qPrintable(r.out));

        r = runCli(QStringList{QStringLiteral("sign"), copy, subject, QStringLiteral("screening"),
                               QStringLiteral("elig"), QStringLiteral("--meaning"), QStringLiteral("approved")} +
                       asInvestigator,
                   investigatorPassword);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = runCli(QStringList{QStringLiteral("eligibility"), copy, subject} + asInvestigator, investigatorPassword);
        QVERIFY2(r.out.contains(QStringLiteral("Eligible:")), qPrintable(r.out));

        // A positive HIV test entered afterwards: the criterion fails and the signature breaks.
        r = runCli({QStringLiteral("edit"), copy, subject, QStringLiteral("screening"), QStringLiteral("elig"),
                    QStringLiteral("hiv_ab=POS"), QStringLiteral("--reason"), QStringLiteral("late laboratory result"),
                    QStringLiteral("--user"), QStringLiteral("nurse"), QStringLiteral("--password-stdin")},
                   QStringLiteral("demo-entry-2026\n"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        r = runCli(QStringList{QStringLiteral("eligibility"), copy, subject} + asInvestigator, investigatorPassword);
        QVERIFY2(r.out.contains(QStringLiteral("hiv\tNOT MET")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Not eligible")), qPrintable(r.out));
        QCOMPARE(runCli({QStringLiteral("verify"), copy}).exitCode, 0);
    }

    void derive_crsExample_givesGrade2WithReasons()
    {
        const Run r =
            runCli({QStringLiteral("derive"), QStringLiteral("crs")},
                   QStringLiteral("{\"temperature_c\":38.0,\"hypotension\":\"none\",\"oxygen\":\"nasal_cannula\","
                                  "\"nasal_cannula_flow_l_min\":6}\n"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("\"crs_grade\":2")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("\"reasons\"")));
    }

    void derive_response_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("category");
        QTest::addColumn<QString>("mrd");
        QTest::newRow("CR, MRD negative")
            << "{\"marrow_blasts_percent\":2,\"circulating_blasts\":false,"
               "\"extramedullary_disease\":false,\"anc_e9_per_l\":1.5,\"platelets_e9_per_l\":120,"
               "\"mrd_method\":\"flow\",\"mrd_level_percent\":0,\"mrd_sensitivity_percent\":0.001}"
            << "CR"
            << "negative";
        QTest::newRow("CRi, MRD at 0.01% is positive")
            << "{\"marrow_blasts_percent\":4.9,\"circulating_blasts\":false,\"extramedullary_disease\":false,"
               "\"anc_e9_per_l\":0.8,\"platelets_e9_per_l\":120,\"mrd_method\":\"flow\",\"mrd_level_percent\":0.01,"
               "\"mrd_sensitivity_percent\":0.001}"
            << "CRi"
            << "positive";
        QTest::newRow("insensitive assay")
            << "{\"marrow_blasts_percent\":1,\"circulating_blasts\":false,"
               "\"extramedullary_disease\":false,\"anc_e9_per_l\":2,\"platelets_e9_per_l\":150,"
               "\"mrd_method\":\"flow\",\"mrd_level_percent\":0,\"mrd_sensitivity_percent\":0.1}"
            << "CR"
            << "not_evaluable";
        QTest::newRow("relapse after CR") << "{\"marrow_blasts_percent\":5,\"previous_complete_remission\":true}"
                                          << "relapse"
                                          << "not_evaluable";
        QTest::newRow("no response") << "{\"marrow_blasts_percent\":40,\"circulating_blasts\":true,"
                                        "\"extramedullary_disease\":false}"
                                     << "NR"
                                     << "not_evaluable";
    }
    void derive_response()
    {
        QFETCH(QString, line);
        QFETCH(QString, category);
        QFETCH(QString, mrd);
        const Run r = runCli({QStringLiteral("derive"), QStringLiteral("response")}, line + QLatin1Char('\n'));
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("\"response_category\":\"%1\"").arg(category)), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\"mrd_status\":\"%1\"").arg(mrd)), qPrintable(r.out));
    }

    void derive_invalidInput_givesAnErrorNotAGrade_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("line");
        QTest::newRow("crs missing temperature") << "crs"
                                                 << "{\"hypotension\":\"none\",\"oxygen\":\"none\"}";
        QTest::newRow("crs unknown oxygen") << "crs"
                                            << "{\"temperature_c\":38,\"hypotension\":\"none\",\"oxygen\":\"tent\"}";
        QTest::newRow("icans ice 11") << "icans"
                                      << "{\"age_years\":30,\"ice_score\":11,\"consciousness\":\"alert\"}";
        QTest::newRow("crcl negative weight") << "crcl"
                                              << "{\"sex\":\"M\",\"age_years\":40,\"weight_kg\":-70,"
                                                 "\"serum_creatinine\":1,\"creatinine_unit\":\"mg_dl\"}";
        QTest::newRow("qtcf zero heart rate") << "qtcf"
                                              << "{\"qt_ms\":400,\"heart_rate_bpm\":0}";
        QTest::newRow("bsa text height") << "bsa"
                                         << "{\"height_cm\":\"tall\",\"weight_kg\":70}";
        QTest::newRow("not json") << "dose"
                                  << "{height";
        QTest::newRow("response text blasts") << "response"
                                              << "{\"marrow_blasts_percent\":\"few\"}";
        QTest::newRow("response unknown method") << "response"
                                                 << "{\"marrow_blasts_percent\":2,\"mrd_method\":\"pcr\","
                                                    "\"mrd_level_percent\":0}";
    }
    void derive_invalidInput_givesAnErrorNotAGrade()
    {
        QFETCH(QString, name);
        QFETCH(QString, line);
        const Run r = runCli({QStringLiteral("derive"), name}, line + QLatin1Char('\n'));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QStringLiteral("\"error\"")), qPrintable(r.out));
        QVERIFY2(!r.out.contains(QStringLiteral("_grade\"")), qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
