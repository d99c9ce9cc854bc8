// cellcrf-cli's signed-in commands driven in-process: refusals that say why and
// write nothing, the lockout after five failed passwords, and electronic
// signatures of a form and of a casebook that break when signed data is edited.

#include "cli.h"
#include "core/clock.h"

#include <QFile>
#include <QRegularExpression>
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

const QString password = QStringLiteral("Secret-Pass-2026");

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

// The s1904 demographics form, complete.
const QStringList completeDm = {
    QStringLiteral("rficdtc=2026-01-05"),
    QStringLiteral("icf_version=V2.0"),
    QStringLiteral("icf_signer=subject"),
    QStringLiteral("subjinit=AB"),
    QStringLiteral("hosp_rec_no=H123"),
    QStringLiteral("brthdtc=1980-02-03"),
    QStringLiteral("sex=M"),
    QStringLiteral("ethnic=han"),
    QStringLiteral("weight_kg=70"),
    QStringLiteral("height_cm=175"),
};

// Arguments from plain literals; "DB" stands for the test's database.
QStringList words(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *w : list)
        out.append(QString::fromUtf8(w));
    return out;
}

} // namespace

class TestCliAuth : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_template;
    QString m_db;
    ManualClock m_clock{QDateTime(QDate(2026, 4, 1), QTime(9, 0), Qt::UTC)};

    Run run(const QStringList &args, const QString &input = {})
    {
        QString out;
        QString err;
        QString in = input;
        QTextStream outStream(&out);
        QTextStream errStream(&err);
        QTextStream inStream(&in);
        cli::Cli cli(outStream, errStream, inStream, m_clock);
        Run r;
        r.exitCode = cli.run(QStringList{QStringLiteral("cellcrf-cli")} + args);
        outStream.flush();
        errStream.flush();
        r.out = out;
        r.err = err;
        m_clock.advanceSeconds(1);
        return r;
    }
    // Runs a command as `user` with the shared password on standard input.
    Run as(const QString &user, QStringList args, const QString &extraInput = {})
    {
        args << QStringLiteral("--user") << user << QStringLiteral("--password-stdin");
        return run(args, password + QLatin1Char('\n') + extraInput);
    }
    qint64 auditCount() const
    {
        return rawValue(m_db, QStringLiteral("SELECT count(*) FROM audit_event")).toLongLong();
    }
    int eventsOf(const QString &action) const
    {
        return rawValue(m_db, QStringLiteral("SELECT count(*) FROM audit_event WHERE action = '%1'").arg(action))
            .toInt();
    }

private Q_SLOTS:
    // One database with an administrator, one account per role (site 01 for the
    // site roles), a subject and a complete demographics form; each test copies it.
    void initTestCase()
    {
        m_template = m_dir.filePath(QStringLiteral("template.db"));
        m_db = m_template;
        QCOMPARE(run({QStringLiteral("init"), m_template, QStringLiteral("--study"), QStringLiteral("s1904")}).exitCode,
                 0);
        Run admin = as(QStringLiteral("root"), {QStringLiteral("user"), QStringLiteral("init-admin"), m_template,
                                                QStringLiteral("--full-name"), QStringLiteral("Root Admin")});
        QVERIFY2(admin.exitCode == 0, qPrintable(admin.err));
        const QList<std::pair<QString, QString>> users = {{QStringLiteral("nurse"), QStringLiteral("nurse@01")},
                                                          {QStringLiteral("inv"), QStringLiteral("investigator@01")},
                                                          {QStringLiteral("mon"), QStringLiteral("monitor")},
                                                          {QStringLiteral("dm"), QStringLiteral("data_manager")}};
        for (const auto &[user, grant] : users) {
            Run add =
                as(QStringLiteral("root"),
                   {QStringLiteral("user"), QStringLiteral("add"), m_template, user, QStringLiteral("--full-name"),
                    user + QStringLiteral(" person"), QStringLiteral("--grant"), grant},
                   QStringLiteral("Initial-Pass-1\n"));
            QVERIFY2(add.exitCode == 0, qPrintable(add.err));
            // First login: the password an administrator chose must be changed.
            Run refused = run({QStringLiteral("login-test"), m_template, QStringLiteral("--user"), user,
                               QStringLiteral("--password-stdin")},
                              QStringLiteral("Initial-Pass-1\n"));
            QCOMPARE(refused.exitCode, 1);
            QVERIFY(refused.err.contains(QStringLiteral("must change your password")));
            // Every command acting as a person refuses until then, exports included.
            Run endpoints = run({QStringLiteral("endpoints"), m_template, QStringLiteral("--user"), user,
                                 QStringLiteral("--password-stdin")},
                                QStringLiteral("Initial-Pass-1\n"));
            QCOMPARE(endpoints.exitCode, 1);
            QVERIFY2(endpoints.err.contains(QStringLiteral("must change your password")), qPrintable(endpoints.err));
            Run change = run({QStringLiteral("user"), QStringLiteral("password"), m_template, QStringLiteral("--user"),
                              user, QStringLiteral("--password-stdin")},
                             QStringLiteral("Initial-Pass-1\n") + password + QLatin1Char('\n'));
            QVERIFY2(change.exitCode == 0, qPrintable(change.err));
        }
        Run subject =
            as(QStringLiteral("nurse"), {QStringLiteral("subject-add"), m_template, QStringLiteral("01"),
                                         QStringLiteral("0001"), QStringLiteral("--initials"), QStringLiteral("AB")});
        QVERIFY2(subject.exitCode == 0, qPrintable(subject.err));
        Run edit =
            as(QStringLiteral("nurse"), QStringList{QStringLiteral("edit"), m_template, QStringLiteral("01-0001"),
                                                    QStringLiteral("screening"), QStringLiteral("dm")} +
                                            completeDm + QStringList{QStringLiteral("--complete")});
        QVERIFY2(edit.exitCode == 0, qPrintable(edit.err));
    }

    void init()
    {
        static int n = 0;
        m_db = m_dir.filePath(QStringLiteral("t%1.db").arg(++n));
        QVERIFY(QFile::copy(m_template, m_db));
    }

    void refusal_saysWhyAndWritesNothing_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("nurse locks a subject") << "nurse" << words({"lock", "DB", "--subject", "01-0001"})
                                               << "A study nurse may not lock data. Ask a data manager.";
        QTest::newRow("nurse locks the study")
            << "nurse" << words({"lock", "DB", "--study"}) << "A study nurse may not lock data. Ask a data manager.";
        QTest::newRow("monitor changes a value")
            << "mon" << words({"edit", "DB", "01-0001", "screening", "dm", "weight_kg=71", "--reason", "typo"})
            << "A monitor may not enter or change data. Ask a study nurse.";
        QTest::newRow("nurse signs") << "nurse"
                                     << words({"sign", "DB", "01-0001", "screening", "dm", "--meaning", "approved"})
                                     << "A study nurse may not sign forms. Ask an investigator.";
        QTest::newRow("nurse signs the casebook")
            << "nurse" << words({"sign", "DB", "01-0001", "--casebook", "--meaning", "approved"})
            << "A study nurse may not sign forms. Ask an investigator.";
        QTest::newRow("monitor signs the casebook")
            << "mon" << words({"sign", "DB", "01-0001", "--casebook", "--meaning", "reviewed"})
            << "A monitor may not sign forms. Ask an investigator.";
        QTest::newRow("investigator signs a casebook not reviewed")
            << "inv"
            << words({"sign", "DB", "01-0001", "--casebook", "--meaning", "approved", "--content-hash",
                      "0123456789abcdef0123"})
            << "changed after you reviewed it";
        QTest::newRow("nurse opens a query")
            << "nurse" << words({"query", "open", "DB", "01-0001", "screening", "dm", "weight_kg", "--text", "?"})
            << "A study nurse may not open queries. Ask a monitor.";
        QTest::newRow("investigator verifies") << "inv" << words({"sdv", "DB", "01-0001", "screening", "dm"})
                                               << "An investigator may not verify source data. Ask a monitor.";
        QTest::newRow("monitor unlocks") << "mon" << words({"unlock", "DB", "--study", "--reason", "x"})
                                         << "A monitor may not unlock data. Ask a data manager.";
        QTest::newRow("data manager adds a user")
            << "dm" << words({"user", "add", "DB", "eve", "--full-name", "Eve", "--grant", "nurse@01"})
            << "A data manager may not manage user accounts. Ask an administrator.";
        QTest::newRow("administrator enters data")
            << "root" << words({"subject-add", "DB", "01", "0002"})
            << "An administrator may not enter or change data. Ask a study nurse.";
    }
    void refusal_saysWhyAndWritesNothing()
    {
        QFETCH(QString, user);
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        args.replace(args.indexOf(QStringLiteral("DB")), m_db);
        const qint64 before = auditCount();
        QVERIFY(before > 0);
        Run r = as(user, args, QStringLiteral("Another-Pass-1\n"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(auditCount(), before);
        QCOMPARE(rawValue(m_db, QStringLiteral("SELECT value FROM item_value WHERE item_oid = 'weight_kg'")),
                 QStringLiteral("70"));
        Run verify = run({QStringLiteral("verify"), m_db});
        QVERIFY(verify.out.contains(QStringLiteral("OK: %1 audit events").arg(before)));
    }

    void siteUser_cannotSeeOtherSite()
    {
        Run add = as(QStringLiteral("dm"),
                     {QStringLiteral("subject-add"), m_db, QStringLiteral("02"), QStringLiteral("0001")});
        QCOMPARE(add.exitCode, 0);
        Run show = as(QStringLiteral("nurse"), {QStringLiteral("show"), m_db, QStringLiteral("02-0001"),
                                                QStringLiteral("screening"), QStringLiteral("dm")});
        QCOMPARE(show.exitCode, 1);
        QVERIFY2(show.err.contains(QStringLiteral("do not have access to the subjects of site 02")),
                 qPrintable(show.err));
    }

    void lockout_afterFiveFailures_releasedAfterFifteenMinutes()
    {
        const QStringList login = {QStringLiteral("login-test"), m_db, QStringLiteral("--user"), QStringLiteral("inv"),
                                   QStringLiteral("--password-stdin")};
        for (int i = 1; i <= 5; ++i) {
            Run r = run(login, QStringLiteral("wrong-password-%1\n").arg(i));
            QCOMPARE(r.exitCode, 1);
            QVERIFY(r.err.contains(QStringLiteral("locked for 15 minutes")));
        }
        QCOMPARE(eventsOf(QStringLiteral("login_failed")), 5);
        QCOMPARE(eventsOf(QStringLiteral("account_locked")), 1);
        Run list = as(QStringLiteral("root"), {QStringLiteral("user"), QStringLiteral("list"), m_db});
        QVERIFY2(list.out.contains(
                     QRegularExpression(QStringLiteral("^inv\\t.*\\tlocked"), QRegularExpression::MultilineOption)),
                 qPrintable(list.out));

        // The right password is refused while locked, and a signature too.
        Run locked = run(login, password + QLatin1Char('\n'));
        QCOMPARE(locked.exitCode, 1);
        Run sign = as(QStringLiteral("inv"),
                      {QStringLiteral("sign"), m_db, QStringLiteral("01-0001"), QStringLiteral("screening"),
                       QStringLiteral("dm"), QStringLiteral("--meaning"), QStringLiteral("approved")});
        QCOMPARE(sign.exitCode, 1);
        QCOMPARE(eventsOf(QStringLiteral("signature")), 0);

        m_clock.advanceSeconds(15 * 60);
        Run released = run(login, password + QLatin1Char('\n'));
        QVERIFY2(released.exitCode == 0, qPrintable(released.err));
        QVERIFY(released.out.contains(QStringLiteral("OK: inv")));
    }

    void signature_breaksWhenTheSignedFormIsEdited()
    {
        const QStringList form = {m_db, QStringLiteral("01-0001"), QStringLiteral("screening"), QStringLiteral("dm")};
        const QStringList sign =
            QStringList{QStringLiteral("sign")} + form +
            QStringList{QStringLiteral("--meaning"), QStringLiteral("approved"), QStringLiteral("--user"),
                        QStringLiteral("inv"), QStringLiteral("--password-stdin")};
        Run wrong = run(sign, QStringLiteral("not-my-password\n"));
        QCOMPARE(wrong.exitCode, 1);
        QCOMPARE(eventsOf(QStringLiteral("signature")), 0);

        Run signed_ = run(sign, password + QLatin1Char('\n'));
        QVERIFY2(signed_.exitCode == 0, qPrintable(signed_.err));
        Run show = as(QStringLiteral("inv"), QStringList{QStringLiteral("show")} + form);
        QVERIFY(show.out.contains(QStringLiteral("status signed")));
        QVERIFY(show.out.contains(QStringLiteral("VALID")));

        Run edit = as(QStringLiteral("nurse"),
                      QStringList{QStringLiteral("edit")} + form +
                          QStringList{QStringLiteral("weight_kg=72"), QStringLiteral("--reason"),
                                      QStringLiteral("transcription error"), QStringLiteral("--complete")});
        QVERIFY2(edit.exitCode == 0, qPrintable(edit.err));
        show = as(QStringLiteral("inv"), QStringList{QStringLiteral("show")} + form);
        QVERIFY(show.out.contains(QStringLiteral("status complete")));
        QVERIFY2(show.out.contains(QStringLiteral("BROKEN")), qPrintable(show.out));
        QCOMPARE(eventsOf(QStringLiteral("signature_broken")), 1);
        Run verify = run({QStringLiteral("verify"), m_db});
        QCOMPARE(verify.exitCode, 0);

        // Forging the broken signature back to valid is caught.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
            db.setDatabaseName(m_db);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("UPDATE signature SET status = 'valid', broken_event_id = ''")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
        verify = run({QStringLiteral("verify"), m_db});
        QCOMPARE(verify.exitCode, 1);
        QVERIFY2(verify.out.contains(QStringLiteral("no longer matches what was signed")), qPrintable(verify.out));
    }

    void casebook_signedFromTheCommandLine_breaksWhenAFormIsEdited()
    {
        const QStringList casebook = {QStringLiteral("show"), m_db, QStringLiteral("01-0001")};
        Run show = as(QStringLiteral("inv"), casebook);
        QVERIFY2(show.exitCode == 0, qPrintable(show.err));
        QVERIFY2(show.out.contains(QStringLiteral("casebook of 01-0001: status screening, 1 form(s) with data")),
                 qPrintable(show.out));
        QVERIFY(show.out.contains(QStringLiteral("ready to sign")));
        QVERIFY(show.out.contains(QStringLiteral("casebook signature: none (unsigned)")));
        static const QRegularExpression hashPattern(QStringLiteral("content sha256 ([0-9a-f]{64})"));
        const QString hash = hashPattern.match(show.out).captured(1);
        QCOMPARE(hash.size(), 64);

        const QStringList sign = {QStringLiteral("sign"),
                                  m_db,
                                  QStringLiteral("01-0001"),
                                  QStringLiteral("--casebook"),
                                  QStringLiteral("--meaning"),
                                  QStringLiteral("approved"),
                                  QStringLiteral("--content-hash"),
                                  hash.left(16),
                                  QStringLiteral("--user"),
                                  QStringLiteral("inv"),
                                  QStringLiteral("--password-stdin")};
        const qint64 before = auditCount();
        Run wrong = run(sign, QStringLiteral("not-my-password\n"));
        QCOMPARE(wrong.exitCode, 1);
        QCOMPARE(eventsOf(QStringLiteral("casebook_signature")), 0);
        QVERIFY(auditCount() > before); // the failed password is audited, nothing is signed
        QCOMPARE(rawValue(m_db, QStringLiteral("SELECT count(*) FROM casebook_signature")), QStringLiteral("0"));

        // Without --casebook the command still wants a form; --content-hash alone is a usage error.
        QCOMPARE(as(QStringLiteral("inv"), {QStringLiteral("sign"), m_db, QStringLiteral("01-0001"),
                                            QStringLiteral("--meaning"), QStringLiteral("approved")})
                     .exitCode,
                 2);

        Run signed_ = run(sign, password + QLatin1Char('\n'));
        QVERIFY2(signed_.exitCode == 0, qPrintable(signed_.err));
        QVERIFY2(signed_.out.contains(QStringLiteral("Signed the casebook of 01-0001 (approved) by inv person")),
                 qPrintable(signed_.out));
        QVERIFY(signed_.out.contains(hash));
        QCOMPARE(eventsOf(QStringLiteral("casebook_signature")), 1);
        show = as(QStringLiteral("nurse"), casebook);
        QVERIFY2(show.out.contains(QStringLiteral("casebook signature: inv person (inv) approved")),
                 qPrintable(show.out));
        QVERIFY(show.out.contains(QStringLiteral("VALID")));
        QCOMPARE(run({QStringLiteral("verify"), m_db}).exitCode, 0);

        // The same signature again is refused and writes nothing.
        const qint64 signedCount = auditCount();
        Run duplicate = run(sign, password + QLatin1Char('\n'));
        QCOMPARE(duplicate.exitCode, 1);
        QVERIFY2(duplicate.err.contains(QStringLiteral("already signed")), qPrintable(duplicate.err));
        QCOMPARE(auditCount(), signedCount);

        Run edit = as(QStringLiteral("nurse"),
                      {QStringLiteral("edit"), m_db, QStringLiteral("01-0001"), QStringLiteral("screening"),
                       QStringLiteral("dm"), QStringLiteral("height_cm=176"), QStringLiteral("--reason"),
                       QStringLiteral("re-measured"), QStringLiteral("--complete")});
        QVERIFY2(edit.exitCode == 0, qPrintable(edit.err));
        show = as(QStringLiteral("inv"), casebook);
        QVERIFY2(show.out.contains(QStringLiteral("BROKEN (the casebook changed after it was signed)")),
                 qPrintable(show.out));
        QVERIFY(!show.out.contains(hash));
        QCOMPARE(eventsOf(QStringLiteral("signature_broken")), 1);
        QCOMPARE(run({QStringLiteral("verify"), m_db}).exitCode, 0);

        // The old hash no longer signs; forging the broken signature back to valid is caught.
        Run stale = run(sign, password + QLatin1Char('\n'));
        QCOMPARE(stale.exitCode, 1);
        QVERIFY2(stale.err.contains(QStringLiteral("changed after you reviewed it")), qPrintable(stale.err));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
            db.setDatabaseName(m_db);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("UPDATE casebook_signature SET status = 'valid', broken_event_id = ''")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
        Run verify = run({QStringLiteral("verify"), m_db});
        QCOMPARE(verify.exitCode, 1);
        QVERIFY2(verify.out.contains(QStringLiteral("the casebook no longer matches what was signed")),
                 qPrintable(verify.out));
    }

    void queriesAndLocks_fromTheCommandLine()
    {
        Run open =
            as(QStringLiteral("mon"), {QStringLiteral("query"), QStringLiteral("open"), m_db, QStringLiteral("01-0001"),
                                       QStringLiteral("screening"), QStringLiteral("dm"), QStringLiteral("weight_kg"),
                                       QStringLiteral("--text"), QStringLiteral("Source says 72?")});
        QVERIFY2(open.exitCode == 0, qPrintable(open.err));
        QVERIFY(as(QStringLiteral("nurse"), {QStringLiteral("query"), QStringLiteral("answer"), m_db,
                                             QStringLiteral("1"), QStringLiteral("--text"), QStringLiteral("Checked")})
                    .exitCode == 0);
        Run list = as(QStringLiteral("nurse"), {QStringLiteral("query"), QStringLiteral("list"), m_db,
                                                QStringLiteral("--subject"), QStringLiteral("01-0001")});
        QVERIFY(list.out.contains(QStringLiteral("answered")));
        QVERIFY(as(QStringLiteral("mon"), {QStringLiteral("query"), QStringLiteral("close"), m_db, QStringLiteral("1")})
                    .exitCode == 0);

        QVERIFY(as(QStringLiteral("dm"), {QStringLiteral("lock"), m_db, QStringLiteral("--study")}).exitCode == 0);
        const qint64 before = auditCount();
        Run edit = as(QStringLiteral("nurse"),
                      {QStringLiteral("edit"), m_db, QStringLiteral("01-0001"), QStringLiteral("screening"),
                       QStringLiteral("dm"), QStringLiteral("weight_kg=71"), QStringLiteral("--reason"),
                       QStringLiteral("typo")});
        QCOMPARE(edit.exitCode, 1);
        QVERIFY(edit.err.contains(QStringLiteral("locked")));
        QCOMPARE(auditCount(), before);
        Run noReason = as(QStringLiteral("dm"), {QStringLiteral("unlock"), m_db, QStringLiteral("--study")});
        QCOMPARE(noReason.exitCode, 1);
        QVERIFY(noReason.err.contains(QStringLiteral("reason")));
        QVERIFY(as(QStringLiteral("dm"), {QStringLiteral("unlock"), m_db, QStringLiteral("--study"),
                                          QStringLiteral("--reason"), QStringLiteral("late correction")})
                    .exitCode == 0);
        QCOMPARE(run({QStringLiteral("verify"), m_db}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestCliAuth)
#include "tst_cli_auth.moc"
