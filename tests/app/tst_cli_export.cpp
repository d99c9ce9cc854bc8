// cellcrf-cli export driven in-process through its Cli class: every format
// writes the files EXCHANGE.md names with a manifest whose hashes match, the
// REDCap file has REDCap's columns, a nurse is refused without a trace, and
// mistakes in the options are usage errors. `export pdf` runs as the real
// program, which paints on the offscreen platform without a display.

#include "cli.h"
#include "core/clock.h"
#include "exchange/csvwriter.h"
#include "exchange/exportcommon.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace cellcrf;

namespace {

const QString dataManagerPassword = QStringLiteral("demo-locks-2026");
const QString nursePassword = QStringLiteral("demo-entry-2026");

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

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

// The one file in `dir` matching the wildcard `pattern`, or empty.
QString findFile(const QString &dir, const QString &pattern)
{
    const QStringList found = QDir(dir).entryList({pattern}, QDir::Files);
    return found.size() == 1 ? QDir(dir).filePath(found.first()) : QString();
}

// Whether exactly one file in `dir` is named `name`, where STAMP stands for the
// export time as yyyy-MM-dd_HHmm.
bool hasFile(const QStringList &files, const QString &name)
{
    QString pattern = QRegularExpression::escape(name);
    pattern.replace(QStringLiteral("STAMP"), QStringLiteral("\\d{4}-\\d{2}-\\d{2}_\\d{4}"));
    const QRegularExpression re(QRegularExpression::anchoredPattern(pattern));
    return std::count_if(files.cbegin(), files.cend(), [&](const QString &f) { return re.match(f).hasMatch(); }) == 1;
}

// Runs the cellcrf-cli program itself, without QT_QPA_PLATFORM (as from a plain shell).
Run runProgram(const QStringList &args, const QString &input)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CELLCRF_CLI_PROGRAM), args);
    Run r;
    if (!p.waitForStarted(30000))
        return r;
    p.write(input.toUtf8());
    p.closeWriteChannel();
    if (!p.waitForFinished(300000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
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

class TestCliExport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_demo; // one small S1904 demo shared by every check

    Run exportAs(const QString &user, const QString &password, const QStringList &arguments)
    {
        QStringList args{QStringLiteral("export")};
        args << arguments;
        args << QStringLiteral("--user") << user << QStringLiteral("--password-stdin");
        return runCli(args, password + QLatin1Char('\n'));
    }

    Run exportFormat(const QString &format, const QString &out, const QStringList &extra = {})
    {
        return exportAs(QStringLiteral("datamanager"), dataManagerPassword,
                        QStringList{format, m_demo, QStringLiteral("--out"), out} + extra);
    }

    QString newDir(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(path);
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_demo = m_dir.filePath(QStringLiteral("demo.db"));
        const Run r =
            runCli({QStringLiteral("demo"), m_demo, QStringLiteral("--study"), QStringLiteral("s1904"),
                    QStringLiteral("--subjects"), QStringLiteral("12"), QStringLiteral("--seed"), QStringLiteral("1")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void help_listsExport()
    {
        const Run r = runCli({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("export csv|long|audit|odm|endpoints|pdf")));
        QVERIFY(r.out.contains(QStringLiteral("pdf [--crf] [--casebooks] [--subjects A,B]")));
    }

    void everyFormat_writesTheNamedFilesAndAManifestThatMatches_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QStringList>("patterns");
        QTest::addColumn<QString>("manifest");
        QTest::newRow("csv") << QStringLiteral("csv")
                             << QStringList{QStringLiteral("S1904_DATA_STAMP.csv"),
                                            QStringLiteral("S1904_DataDictionary_STAMP.csv"),
                                            QStringLiteral("S1904_events.csv"),
                                            QStringLiteral("S1904_instrument_event_mapping.csv"),
                                            QStringLiteral("S1904_repeating.csv")}
                             << QStringLiteral("S1904_manifest.json");
        QTest::newRow("long") << QStringLiteral("long") << QStringList{QStringLiteral("S1904_LONG_STAMP.csv")}
                              << QStringLiteral("S1904_long_manifest.json");
        QTest::newRow("audit") << QStringLiteral("audit") << QStringList{QStringLiteral("S1904_AUDIT_STAMP.csv")}
                               << QStringLiteral("S1904_audit_manifest.json");
        QTest::newRow("odm") << QStringLiteral("odm") << QStringList{QStringLiteral("S1904_ODM_STAMP.xml")}
                             << QStringLiteral("S1904_odm_manifest.json");
        QTest::newRow("endpoints") << QStringLiteral("endpoints")
                                   << QStringList{QStringLiteral("S1904_ENDPOINTS_STAMP.csv")}
                                   << QStringLiteral("S1904_endpoints_manifest.json");
    }

    void everyFormat_writesTheNamedFilesAndAManifestThatMatches()
    {
        QFETCH(QString, format);
        QFETCH(QStringList, patterns);
        QFETCH(QString, manifest);
        // A folder that does not exist yet is created.
        const QString out = m_dir.filePath(QStringLiteral("all-") + format + QStringLiteral("/sub"));
        const Run r = exportFormat(format, out);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral(" of ")), qPrintable(r.err)); // progress
        QVERIFY2(r.err.contains(QStringLiteral("(100%)")), qPrintable(r.err));

        const QStringList files = filesIn(out);
        QCOMPARE(files.size(), patterns.size() + 1);
        for (const QString &pattern : std::as_const(patterns))
            QVERIFY2(hasFile(files, pattern), qPrintable(pattern + QStringLiteral(" in ") + files.join(u' ')));
        QVERIFY2(files.contains(manifest), qPrintable(files.join(u' ')));

        QJsonParseError error;
        const QJsonObject m = QJsonDocument::fromJson(readAll(QDir(out).filePath(manifest)), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(m.value(QStringLiteral("study")).toString(), QStringLiteral("s1904"));
        QCOMPARE(m.value(QStringLiteral("exported_by")).toString(), QStringLiteral("datamanager"));
        QCOMPARE(m.value(QStringLiteral("export_kind")).toString(),
                 format == QLatin1String("csv") ? QStringLiteral("redcap") : format);
        const QJsonArray listed = m.value(QStringLiteral("files")).toArray();
        QCOMPARE(listed.size(), patterns.size());
        QStringList seen;
        for (const QJsonValue &v : listed) {
            const QString name = v.toObject().value(QStringLiteral("file")).toString();
            const QString sha = v.toObject().value(QStringLiteral("sha256")).toString();
            QVERIFY2(files.contains(name), qPrintable(name));
            QCOMPARE(
                sha,
                QString::fromLatin1(
                    QCryptographicHash::hash(readAll(QDir(out).filePath(name)), QCryptographicHash::Sha256).toHex()));
            seen << name;
        }
        seen << manifest;
        seen.sort();
        QCOMPARE(seen, files);
        // Standard output lists every file with its hash, manifest included.
        for (const QString &name : files)
            QVERIFY2(r.out.contains(name), qPrintable(r.out));
    }

    void redcapData_hasRedcapColumnsAndCheckboxes()
    {
        const QString out = newDir(QStringLiteral("redcap"));
        const Run r = exportFormat(QStringLiteral("csv"), out);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QList<QStringList> data =
            exchange::CsvWriter::parse(readAll(findFile(out, QStringLiteral("S1904_DATA_*.csv"))));
        QVERIFY(data.size() > 12);
        const QStringList header = data.first();
        QCOMPARE(header.mid(0, 4),
                 (QStringList{QStringLiteral("record_id"), QStringLiteral("redcap_event_name"),
                              QStringLiteral("redcap_repeat_instrument"), QStringLiteral("redcap_repeat_instance")}));
        QVERIFY(!header.contains(QStringLiteral("redcap_data_access_group")));

        // Every checkbox field of the dictionary has one column per choice.
        const QList<QStringList> dictionary =
            exchange::CsvWriter::parse(readAll(findFile(out, QStringLiteral("S1904_DataDictionary_*.csv"))));
        int checkboxes = 0;
        for (const QStringList &row : dictionary.mid(1)) {
            if (row.value(3) != QLatin1String("checkbox"))
                continue;
            ++checkboxes;
            for (const QString &choice : row.value(5).split(QStringLiteral(" | "))) {
                const QString code = choice.section(QStringLiteral(", "), 0, 0);
                const QString column =
                    row.value(0) + QStringLiteral("___") +
                    code.toLower().replace(QRegularExpression(QStringLiteral("[^a-z0-9_]")), QStringLiteral("_"));
                QVERIFY2(header.contains(column), qPrintable(column));
            }
        }
        QVERIFY2(checkboxes > 0, "the S1904 dictionary has no checkbox field");
        const QRegularExpression checkboxColumn(QStringLiteral("^[a-z][a-z0-9_]*___[a-z0-9_]+$"));
        QVERIFY(std::any_of(header.cbegin(), header.cend(),
                            [&](const QString &h) { return checkboxColumn.match(h).hasMatch(); }));
        // Every subject of the demo is there.
        QStringList records;
        for (const QStringList &row : data.mid(1))
            if (!records.contains(row.first()))
                records << row.first();
        QCOMPARE(records.size(), 12);
    }

    void redcapData_withDataAccessGroupAndSiteFilter()
    {
        const QString site = rawValue(m_demo, QStringLiteral("SELECT site_oid FROM subject ORDER BY id LIMIT 1"));
        const int expected =
            rawValue(m_demo, QStringLiteral("SELECT count(*) FROM subject WHERE site_oid = '%1'").arg(site)).toInt();
        QVERIFY(!site.isEmpty());
        const QString out = newDir(QStringLiteral("dag"));
        const Run r = exportFormat(
            QStringLiteral("csv"), out,
            {QStringLiteral("--data-access-group"), QStringLiteral("--sites"), site, QStringLiteral("--bom")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QByteArray bytes = readAll(findFile(out, QStringLiteral("S1904_DATA_*.csv")));
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
        const QList<QStringList> data = exchange::CsvWriter::parse(bytes);
        QCOMPARE(data.first().value(4), QStringLiteral("redcap_data_access_group"));
        QStringList records;
        for (const QStringList &row : data.mid(1)) {
            QCOMPARE(row.value(4), exchange::VariableNames::sanitize(site));
            if (!records.contains(row.first()))
                records << row.first();
        }
        QCOMPARE(records.size(), expected);
    }

    void odm_transactionalHoldsEveryChangeWithItsAuditRecord()
    {
        // A copy of the demo with a correction, a cleared value and a signature.
        const QString db = m_dir.filePath(QStringLiteral("history.db"));
        QVERIFY(QFile::copy(m_demo, db));
        const QString subject = rawValue(db, QStringLiteral("SELECT subject_key FROM subject ORDER BY id LIMIT 1"));
        const QString site = rawValue(db, QStringLiteral("SELECT site_oid FROM subject ORDER BY id LIMIT 1"));
        const QStringList form{db, subject, QStringLiteral("screening"), QStringLiteral("dm")};
        const auto as = [](const QString &user, const QString &password, const QStringList &args) {
            return runCli(args + QStringList{QStringLiteral("--user"), user, QStringLiteral("--password-stdin")},
                          password + QLatin1Char('\n'));
        };
        Run r = as(QStringLiteral("nurse"), nursePassword,
                   QStringList{QStringLiteral("edit")} + form +
                       QStringList{QStringLiteral("weight_kg=70.5"), QStringLiteral("--reason"),
                                   QStringLiteral("transcription error")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = as(QStringLiteral("nurse"), nursePassword,
               QStringList{QStringLiteral("edit")} + form +
                   QStringList{QStringLiteral("ethnic="), QStringLiteral("--reason"), QStringLiteral("not asked")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = as(QStringLiteral("nurse"), nursePassword,
               QStringList{QStringLiteral("edit")} + form +
                   QStringList{QStringLiteral("ethnic=han"), QStringLiteral("--reason"), QStringLiteral("asked again"),
                               QStringLiteral("--complete")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = as(QStringLiteral("investigator"), QStringLiteral("demo-signs-2026"),
               QStringList{QStringLiteral("sign")} + form +
                   QStringList{QStringLiteral("--meaning"), QStringLiteral("approved")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        const QString out = newDir(QStringLiteral("odm-tx"));
        r = exportAs(QStringLiteral("datamanager"), dataManagerPassword,
                     {QStringLiteral("odm"), db, QStringLiteral("--out"), out, QStringLiteral("--transactional")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString file = findFile(out, QStringLiteral("S1904_ODM_TRANSACTIONAL_*.xml"));
        QVERIFY(!file.isEmpty());
        const QString problems = validateOdm(file);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        const QString xml = QString::fromUtf8(readAll(file));
        QVERIFY(xml.contains(QStringLiteral("FileType=\"Transactional\"")));
        QVERIFY(!xml.contains(QStringLiteral("Upsert")));

        const auto eventId = [&](const QString &item, const QString &reason) {
            return rawValue(db, QStringLiteral("SELECT event_id FROM audit_event WHERE subject_key = '%1' AND "
                                               "item_oid = '%2' AND reason = '%3' AND action = 'item_value'")
                                    .arg(subject, item, reason));
        };
        // The correction: an Update with the reason and the audit event id.
        const QRegularExpression update(
            QStringLiteral(
                "<ItemData ItemOID=\"I.dm.weight_kg\" TransactionType=\"Update\" Value=\"70.5\">\\s*"
                "<AuditRecord>\\s*<UserRef UserOID=\"USR.nurse\"/>\\s*<LocationRef LocationOID=\"LOC.%1\"/>"
                "\\s*<DateTimeStamp>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d</DateTimeStamp>"
                "\\s*<ReasonForChange>transcription error</ReasonForChange>\\s*<SourceID>%2</SourceID>")
                .arg(QRegularExpression::escape(site),
                     QRegularExpression::escape(
                         eventId(QStringLiteral("weight_kg"), QStringLiteral("transcription error")))));
        QVERIFY2(update.match(xml).hasMatch(), "no Update of weight_kg with its audit record");
        // The cleared value: a Remove; the value given again: an Insert.
        const QRegularExpression remove(QStringLiteral("<ItemData ItemOID=\"I.dm.ethnic\" TransactionType=\"Remove\" "
                                                       "IsNull=\"Yes\">\\s*<AuditRecord>(?:(?!</AuditRecord>).)*"
                                                       "<ReasonForChange>not asked</ReasonForChange>"),
                                        QRegularExpression::DotMatchesEverythingOption);
        QVERIFY2(remove.match(xml).hasMatch(), "no Remove of the cleared value");
        const QRegularExpression reinsert(QStringLiteral("<ItemData ItemOID=\"I.dm.ethnic\" TransactionType=\"Insert\" "
                                                         "Value=\"han\">\\s*<AuditRecord>(?:(?!</AuditRecord>).)*"
                                                         "<ReasonForChange>asked again</ReasonForChange>"),
                                          QRegularExpression::DotMatchesEverythingOption);
        QVERIFY2(reinsert.match(xml).hasMatch(), "no Insert of the value given again");
        QVERIFY(xml.indexOf(QStringLiteral("<ReasonForChange>not asked")) <
                xml.indexOf(QStringLiteral("<ReasonForChange>asked again")));
        // The signature, with its meaning defined in AdminData.
        QVERIFY(xml.contains(QStringLiteral("<SignatureDef OID=\"SD.approved\" Methodology=\"Electronic\">")));
        const QRegularExpression signature(
            QStringLiteral("<Signature ID=\"SIG.\\d+\">\\s*<UserRef UserOID=\"USR.investigator\"/>\\s*<LocationRef "
                           "LocationOID=\"LOC.[^\"]+\"/>\\s*<SignatureRef SignatureOID=\"SD.approved\"/>"));
        QVERIFY2(signature.match(xml).hasMatch(), "no Signature");
        QVERIFY(xml.indexOf(QStringLiteral("asked again")) < xml.indexOf(QStringLiteral("<Signature ")));
    }

    void exportIsAudited()
    {
        const int before = rawValue(m_demo, QStringLiteral("SELECT count(*) FROM audit_event")).toInt();
        const QString out = newDir(QStringLiteral("audited"));
        const Run r = exportFormat(QStringLiteral("long"), out);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(rawValue(m_demo, QStringLiteral("SELECT count(*) FROM audit_event")).toInt(), before + 1);
        QCOMPARE(rawValue(m_demo, QStringLiteral("SELECT action || ':' || user_name FROM audit_event ORDER BY seq "
                                                 "DESC LIMIT 1")),
                 QStringLiteral("export:datamanager"));
    }

    void nurse_isRefusedWithNothingWritten_data()
    {
        QTest::addColumn<QString>("format");
        for (const char *f : {"csv", "long", "audit", "odm", "endpoints"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }

    void nurse_isRefusedWithNothingWritten()
    {
        QFETCH(QString, format);
        const QString before = rawValue(m_demo, QStringLiteral("SELECT count(*) FROM audit_event"));
        const QString out = m_dir.filePath(QStringLiteral("nurse-") + format);
        const Run r = exportAs(QStringLiteral("nurse"), nursePassword, {format, m_demo, QStringLiteral("--out"), out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!r.err.isEmpty());
        QVERIFY(r.out.isEmpty());
        QVERIFY2(!QFileInfo::exists(out), "a refused export created its folder");
        QCOMPARE(rawValue(m_demo, QStringLiteral("SELECT count(*) FROM audit_event")), before);

        // Into an existing folder: still nothing.
        const QString existing = newDir(QStringLiteral("nurse-existing-") + format);
        const Run again =
            exportAs(QStringLiteral("nurse"), nursePassword, {format, m_demo, QStringLiteral("--out"), existing});
        QCOMPARE(again.exitCode, 1);
        QCOMPARE(filesIn(existing), QStringList());
        QCOMPARE(rawValue(m_demo, QStringLiteral("SELECT count(*) FROM audit_event")), before);
    }

    // `export pdf` runs the real program: it must choose QGuiApplication and the
    // offscreen platform by itself, with no display and QT_QPA_PLATFORM unset.
    void pdf_writesTheBlankCrfAndCasebooksWithoutADisplay()
    {
        const QString subject =
            rawValue(m_demo, QStringLiteral("SELECT subject_key FROM subject ORDER BY subject_key LIMIT 1"));
        QVERIFY(!subject.isEmpty());
        const QString out = m_dir.filePath(QStringLiteral("pdf/new"));
        const QString before =
            rawValue(m_demo, QStringLiteral("SELECT count(*) FROM audit_event WHERE action = 'export'"));
        const Run r = runProgram({QStringLiteral("export"), QStringLiteral("pdf"), m_demo, QStringLiteral("--user"),
                                  QStringLiteral("datamanager"), QStringLiteral("--password-stdin"),
                                  QStringLiteral("--out"), out, QStringLiteral("--crf"), QStringLiteral("--forms"),
                                  QStringLiteral("dm,elig"), QStringLiteral("--subjects"), subject},
                                 dataManagerPassword + QLatin1Char('\n'));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("export pdf: 2 of 2 documents (100%)")), qPrintable(r.err));

        const QStringList files = filesIn(out);
        QCOMPARE(files.size(), 3);
        QVERIFY2(hasFile(files, QStringLiteral("S1904_annotated_crf_STAMP.pdf")), qPrintable(files.join(u' ')));
        QVERIFY2(hasFile(files, QStringLiteral("S1904_casebook_") + subject + QStringLiteral("_STAMP.pdf")),
                 qPrintable(files.join(u' ')));
        QVERIFY(files.contains(QStringLiteral("S1904_pdf_manifest.json")));
        const QJsonObject m =
            QJsonDocument::fromJson(readAll(QDir(out).filePath(QStringLiteral("S1904_pdf_manifest.json")))).object();
        QCOMPARE(m.value(QStringLiteral("export_kind")).toString(), QStringLiteral("pdf"));
        const QJsonArray listed = m.value(QStringLiteral("files")).toArray();
        QCOMPARE(listed.size(), 2);
        for (const QJsonValue &v : listed) {
            const QString name = v.toObject().value(QStringLiteral("file")).toString();
            const QByteArray bytes = readAll(QDir(out).filePath(name));
            QVERIFY2(bytes.startsWith("%PDF-"), qPrintable(name));
            QVERIFY(v.toObject().value(QStringLiteral("rows")).toInt() >= 3); // pages
            const QString sha =
                QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
            QCOMPARE(v.toObject().value(QStringLiteral("sha256")).toString(), sha);
            QVERIFY2(r.out.contains(sha), qPrintable(r.out));
            // The audit event of the export names the file and its hash.
            QVERIFY(rawValue(m_demo, QStringLiteral("SELECT new_value FROM audit_event WHERE action = 'export' "
                                                    "ORDER BY seq DESC LIMIT 1"))
                        .contains(name + QStringLiteral(" sha256=") + sha));
        }
        QCOMPARE(rawValue(m_demo, QStringLiteral("SELECT count(*) FROM audit_event WHERE action = 'export'")).toInt(),
                 before.toInt() + 1);
    }

    void pdf_nurseIsRefusedWithNothingWritten()
    {
        const QString before = rawValue(m_demo, QStringLiteral("SELECT count(*) FROM audit_event"));
        const QString out = m_dir.filePath(QStringLiteral("pdf-nurse"));
        const Run r = runProgram({QStringLiteral("export"), QStringLiteral("pdf"), m_demo, QStringLiteral("--user"),
                                  QStringLiteral("nurse"), QStringLiteral("--password-stdin"), QStringLiteral("--out"),
                                  out, QStringLiteral("--crf"), QStringLiteral("--casebooks")},
                                 nursePassword + QLatin1Char('\n'));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("export")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(out));
        QCOMPARE(rawValue(m_demo, QStringLiteral("SELECT count(*) FROM audit_event")), before);
    }

    void pdf_unknownSubjectIsRefusedBeforeTheFolderIsCreated()
    {
        const QString out = m_dir.filePath(QStringLiteral("pdf-unknown"));
        const Run r =
            exportFormat(QStringLiteral("pdf"), out, {QStringLiteral("--subjects"), QStringLiteral("99-999")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("99-999")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(out));
    }

    void pdf_withoutAGuiApplicationFailsCleanly()
    {
        // In-process there is only a QCoreApplication: the export says so and writes nothing.
        const QString out = newDir(QStringLiteral("pdf-core"));
        const Run r = exportFormat(QStringLiteral("pdf"), out, {QStringLiteral("--crf")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("QGuiApplication")), qPrintable(r.err));
        QCOMPARE(filesIn(out), QStringList());
    }

    void wrongPassword_fails()
    {
        const QString out = m_dir.filePath(QStringLiteral("wrong-password"));
        const Run r = exportAs(QStringLiteral("datamanager"), QStringLiteral("not-the-password"),
                               {QStringLiteral("csv"), m_demo, QStringLiteral("--out"), out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!QFileInfo::exists(out));
    }

    void badOptions_exitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        const QString out = QStringLiteral("--out");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("csv"), QStringLiteral("DB"), out,
                                                       QStringLiteral("OUT"), QStringLiteral("--bogus")};
        QTest::newRow("unknown format") << QStringList{QStringLiteral("sas"), QStringLiteral("DB"), out,
                                                       QStringLiteral("OUT")};
        QTest::newRow("no database") << QStringList{QStringLiteral("csv"), out, QStringLiteral("OUT")};
        QTest::newRow("no --out") << QStringList{QStringLiteral("csv"), QStringLiteral("DB")};
        QTest::newRow("bad date") << QStringList{
            QStringLiteral("csv"), QStringLiteral("DB"),     out,
            QStringLiteral("OUT"), QStringLiteral("--from"), QStringLiteral("2026-13-01")};
        QTest::newRow("from after to") << QStringList{
            QStringLiteral("csv"),  QStringLiteral("DB"),        out,
            QStringLiteral("OUT"),  QStringLiteral("--from"),    QStringLiteral("2026-05-01"),
            QStringLiteral("--to"), QStringLiteral("2026-04-01")};
        QTest::newRow("transactional csv") << QStringList{QStringLiteral("csv"), QStringLiteral("DB"), out,
                                                          QStringLiteral("OUT"), QStringLiteral("--transactional")};
        QTest::newRow("labels odm") << QStringList{QStringLiteral("odm"), QStringLiteral("DB"), out,
                                                   QStringLiteral("OUT"), QStringLiteral("--labels")};
        QTest::newRow("unknown site") << QStringList{
            QStringLiteral("csv"), QStringLiteral("DB"),      out,
            QStringLiteral("OUT"), QStringLiteral("--sites"), QStringLiteral("nowhere")};
        QTest::newRow("unknown form") << QStringList{
            QStringLiteral("long"), QStringLiteral("DB"),      out,
            QStringLiteral("OUT"),  QStringLiteral("--forms"), QStringLiteral("nothing")};
        QTest::newRow("pdf without a document")
            << QStringList{QStringLiteral("pdf"), QStringLiteral("DB"), out, QStringLiteral("OUT")};
        QTest::newRow("pdf with events") << QStringList{
            QStringLiteral("pdf"),      QStringLiteral("DB"),       out, QStringLiteral("OUT"), QStringLiteral("--crf"),
            QStringLiteral("--events"), QStringLiteral("screening")};
        QTest::newRow("pdf forms without crf") << QStringList{
            QStringLiteral("pdf"),     QStringLiteral("DB"), out, QStringLiteral("OUT"), QStringLiteral("--casebooks"),
            QStringLiteral("--forms"), QStringLiteral("dm")};
        QTest::newRow("pdf unknown locale") << QStringList{
            QStringLiteral("pdf"),      QStringLiteral("DB"), out, QStringLiteral("OUT"), QStringLiteral("--crf"),
            QStringLiteral("--locale"), QStringLiteral("fr")};
        QTest::newRow("crf with csv") << QStringList{QStringLiteral("csv"), QStringLiteral("DB"), out,
                                                     QStringLiteral("OUT"), QStringLiteral("--crf")};
        QTest::newRow("endpoints with forms")
            << QStringList{QStringLiteral("endpoints"), QStringLiteral("DB"),      out,
                           QStringLiteral("OUT"),       QStringLiteral("--forms"), QStringLiteral("dm")};
    }

    void badOptions_exitTwo()
    {
        QFETCH(QStringList, args);
        const QString before = rawValue(m_demo, QStringLiteral("SELECT count(*) FROM audit_event"));
        const QString out = m_dir.filePath(QStringLiteral("bad-options"));
        args.replaceInStrings(QRegularExpression(QStringLiteral("^DB$")), m_demo);
        args.replaceInStrings(QRegularExpression(QStringLiteral("^OUT$")), out);
        const Run r = exportAs(QStringLiteral("datamanager"), dataManagerPassword, args);
        QVERIFY2(r.exitCode == 2, qPrintable(QString::number(r.exitCode) + QLatin1Char(' ') + r.err));
        QVERIFY(!r.err.isEmpty());
        QVERIFY(!QFileInfo::exists(out));
        QCOMPARE(rawValue(m_demo, QStringLiteral("SELECT count(*) FROM audit_event")), before);
    }

    void missingDatabase_fails()
    {
        const Run missing = exportAs(QStringLiteral("datamanager"), dataManagerPassword,
                                     {QStringLiteral("csv"), m_dir.filePath(QStringLiteral("none.db")),
                                      QStringLiteral("--out"), m_dir.filePath(QStringLiteral("y"))});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("none.db"))));
    }
};

QTEST_GUILESS_MAIN(TestCliExport)
#include "tst_cli_export.moc"
