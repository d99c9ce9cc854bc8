#include "audit/audittrail.h"
#include "audit/formcontent.h"
#include "audit/verifier.h"
#include "auth/authservice.h"
#include "auth/permissions.h"
#include "auth/session.h"
#include "core/clock.h"
#include "records/clinicaldata.h"
#include "records/datalocks.h"
#include "records/queries.h"
#include "records/signatures.h"
#include "records/sourceverification.h"
#include "store/database.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace cellcrf;
using namespace cellcrf::auth;
using namespace cellcrf::records;
using records::FormKey;
using store::Database;

Q_DECLARE_METATYPE(cellcrf::auth::Operation)

namespace {

study::LocalizedText en(const QString &s)
{
    return study::LocalizedText{{{QStringLiteral("en"), s}}};
}

// Two sites, one screening form: sex (required, coded) and weight.
study::Study miniStudy()
{
    study::Study s;
    s.oid = QStringLiteral("mini");
    s.version = QStringLiteral("1.0");
    s.sites = {{QStringLiteral("01"), en(QStringLiteral("Site A")), 60},
               {QStringLiteral("02"), en(QStringLiteral("Site B")), 60}};
    s.codeLists = {
        {QStringLiteral("sex"),
         {{QStringLiteral("M"), en(QStringLiteral("Male"))}, {QStringLiteral("F"), en(QStringLiteral("Female"))}}}};
    study::Form f;
    f.oid = QStringLiteral("dm");
    f.name = en(QStringLiteral("Demographics"));
    f.sections = {{QStringLiteral("main"), en(QStringLiteral("Main"))}};
    study::Item sex;
    sex.oid = QStringLiteral("sex");
    sex.type = study::ItemType::SingleChoice;
    sex.label = en(QStringLiteral("Sex"));
    sex.codeListOid = QStringLiteral("sex");
    sex.required = true;
    study::Item weight;
    weight.oid = QStringLiteral("weight");
    weight.type = study::ItemType::Decimal;
    weight.label = en(QStringLiteral("Weight"));
    weight.range.hardMin = 1;
    weight.range.hardMax = 300;
    f.items = {sex, weight};
    // A second form, so that a casebook holds more than one.
    study::Form vs;
    vs.oid = QStringLiteral("vs");
    vs.name = en(QStringLiteral("Vital signs"));
    vs.sections = {{QStringLiteral("main"), en(QStringLiteral("Main"))}};
    study::Item pulse;
    pulse.oid = QStringLiteral("pulse");
    pulse.type = study::ItemType::Integer;
    pulse.label = en(QStringLiteral("Pulse"));
    pulse.required = true;
    vs.items = {pulse};
    s.forms = {f, vs};
    study::Event e;
    e.oid = QStringLiteral("screening");
    e.name = en(QStringLiteral("Screening"));
    e.forms = {QStringLiteral("dm"), QStringLiteral("vs")};
    s.events = {e};
    return s;
}

Actor as(const char *role, const char *user = nullptr, QStringList sites = {})
{
    const QString r = QString::fromLatin1(role);
    return Actor{user ? QString::fromLatin1(user) : r, r, r, std::move(sites)};
}

const QString demoPassword(const QString &user)
{
    for (const DemoAccount &d : demoAccountList()) {
        if (d.userName == user)
            return d.password;
    }
    return {};
}

const QString siteANursePassword = QStringLiteral("ward-a-secret");

} // namespace

class TestAuth : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_template;
    study::Study m_study = miniStudy();
    ManualClock m_clock{QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC)};
    std::unique_ptr<Database> m_db;
    std::unique_ptr<records::ClinicalData> m_data;
    std::unique_ptr<AuthService> m_auth;
    qint64 m_subjectA = 0;
    qint64 m_subjectB = 0;

    qint64 auditCount() const { return m_data->auditTrail().count(); }
    FormKey dmKey(qint64 subject = 0) const
    {
        return FormKey{subject ? subject : m_subjectA, QStringLiteral("screening"), 1, QStringLiteral("dm"), 1};
    }
    int eventsOf(const char *action) const
    {
        store::Query q(*m_db, QStringLiteral("SELECT count(*) FROM audit_event WHERE action = ?"));
        q.bind(QString::fromLatin1(action));
        return q.exec() && q.next() ? int(q.integer(0)) : -1;
    }
    void rawSql(const QString &sql)
    {
        QSqlQuery q(m_db->connection());
        QVERIFY2(q.exec(sql), qPrintable(sql));
    }
    records::SaveOutcome save(const Actor &actor, const QString &sex, const QString &weight, const QString &reason = {},
                              bool complete = true)
    {
        Result<records::FormData> form = m_data->loadForm(as("data_manager"), dmKey());
        records::SaveRequest r;
        r.key = dmKey();
        r.expectedVersion = form ? form->version : 0;
        r.values.insert(QStringLiteral("sex"), ItemEntry{sex, {}, false});
        r.values.insert(QStringLiteral("weight"), ItemEntry{weight, {}, false});
        r.reason = reason;
        r.complete = complete;
        m_clock.advanceSeconds(60);
        return m_data->saveForm(actor, r);
    }
    FormKey vsKey() const { return FormKey{m_subjectA, QStringLiteral("screening"), 1, QStringLiteral("vs"), 1}; }
    records::SaveOutcome saveVs(const QString &pulse, const QString &reason = {}, bool complete = true)
    {
        Result<records::FormData> form = m_data->loadForm(as("data_manager"), vsKey());
        records::SaveRequest r;
        r.key = vsKey();
        r.expectedVersion = form ? form->version : 0;
        r.values.insert(QStringLiteral("pulse"), ItemEntry{pulse, {}, false});
        r.reason = reason;
        r.complete = complete;
        m_clock.advanceSeconds(60);
        return m_data->saveForm(as("nurse"), r);
    }
    // Subject A with both forms complete: a casebook ready to sign.
    void fillCasebook()
    {
        QVERIFY(save(as("nurse"), QStringLiteral("M"), QStringLiteral("70")).status);
        QVERIFY(saveVs(QStringLiteral("72")).status);
    }
    Result<CasebookSignature> signCasebook(const Actor &actor, const QString &password, QString hash = {},
                                           SignatureMeaning meaning = SignatureMeaning::Approved)
    {
        Signatures signatures(*m_data, *m_auth, m_clock);
        if (hash.isEmpty()) {
            auto review = signatures.reviewCasebook(as("investigator"), m_subjectA);
            hash = review ? review->contentHash : QString();
        }
        return signatures.signCasebook(actor, m_subjectA, meaning, password, hash);
    }
    int casebookRows() const
    {
        store::Query q(*m_db, QStringLiteral("SELECT count(*) FROM casebook_signature"));
        return q.exec() && q.next() ? int(q.integer(0)) : -1;
    }
    bool verifyOk()
    {
        auto report = audit::verify(*m_db);
        if (!report)
            return false;
        for (const auto &p : report->problems)
            qWarning() << p.eventId << p.description;
        return report->isOk();
    }

private Q_SLOTS:
    // Hashing passwords is slow by design, so the accounts are created once in
    // a template file that each test copies.
    void initTestCase()
    {
        m_template = m_dir.filePath(QStringLiteral("template.db"));
        auto db = Database::open(m_template, Database::Mode::CreateIfMissing);
        QVERIFY(db);
        QVERIFY(audit::AuditTrail::registerLocalDevice(**db, QStringLiteral("dev"), QString(), QString()));
        for (const study::Site &s : m_study.sites) {
            store::Query q(**db, QStringLiteral("INSERT INTO site (oid, name, utc_offset_min) VALUES (?, ?, ?)"));
            q.bind(s.oid).bind(s.name.text()).bind(s.utcOffsetMinutes);
            QVERIFY(q.exec());
        }
        QVERIFY(createDemoAccounts(**db, m_clock));
        AuthService auth(**db, m_clock);
        QVERIFY(auth.createAccount(as("administrator", "admin"), {QStringLiteral("nurse.a"),
                                                                  QStringLiteral("Site A Nurse"),
                                                                  siteANursePassword,
                                                                  {{QStringLiteral("nurse"), QStringLiteral("01")}},
                                                                  false}));
        records::ClinicalData data(**db, m_study, m_clock);
        QVERIFY(
            data.registerSubject(as("nurse"), {QStringLiteral("01"), QStringLiteral("0001"), QStringLiteral("AB")}));
        QVERIFY(
            data.registerSubject(as("nurse"), {QStringLiteral("02"), QStringLiteral("0001"), QStringLiteral("CD")}));
    }

    void init()
    {
        static int n = 0;
        const QString path = m_dir.filePath(QStringLiteral("t%1.db").arg(++n));
        QVERIFY(QFile::copy(m_template, path));
        auto db = Database::open(path);
        QVERIFY2(db, qPrintable(db.message()));
        m_db = std::move(*db);
        m_data = std::make_unique<records::ClinicalData>(*m_db, m_study, m_clock);
        m_auth = std::make_unique<AuthService>(*m_db, m_clock);
        m_subjectA = m_data->subjectByKey(as("nurse"), QStringLiteral("01-0001"))->id;
        m_subjectB = m_data->subjectByKey(as("nurse"), QStringLiteral("02-0001"))->id;
        m_clock.set(QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC));
    }

    void cleanup()
    {
        m_auth.reset();
        m_data.reset();
        m_db.reset();
    }

    // --- permissions -------------------------------------------------------

    void permissions_eachRoleAndOperation_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<Operation>("op");
        QTest::addColumn<bool>("allowed");
        // DESIGN.md §6, restated here so that a change of the table in code has
        // to be made twice, on purpose.
        const QMap<QString, QList<Operation>> allowed = {
            {QStringLiteral("nurse"), {Operation::ViewData, Operation::EnterData, Operation::AnswerQuery}},
            {QStringLiteral("investigator"),
             {Operation::ViewData, Operation::EnterData, Operation::AnswerQuery, Operation::Sign}},
            {QStringLiteral("monitor"),
             {Operation::ViewData, Operation::OpenQuery, Operation::CloseQuery, Operation::Verify}},
            {QStringLiteral("data_manager"),
             {Operation::ViewData, Operation::EnterData, Operation::OpenQuery, Operation::CloseQuery, Operation::Lock,
              Operation::Unlock, Operation::Export, Operation::Sync, Operation::ResolveConflict}},
            {QStringLiteral("administrator"), {Operation::ManageUsers, Operation::ManageDevices}},
            {QStringLiteral("guest"), {}},
        };
        for (auto it = allowed.cbegin(); it != allowed.cend(); ++it) {
            for (Operation op : Permissions::allOperations()) {
                const QString name = QStringLiteral("%1 %2").arg(it.key(), Permissions::operationName(op));
                QTest::newRow(qPrintable(name)) << it.key() << op << it->contains(op);
            }
        }
    }
    void permissions_eachRoleAndOperation()
    {
        QFETCH(QString, role);
        QFETCH(Operation, op);
        QFETCH(bool, allowed);
        const Actor actor{QStringLiteral("someone"), QStringLiteral("Some One"), role, {}};
        const Status s = Permissions::check(actor, op);
        QCOMPARE(s.isOk(), allowed);
        if (!allowed) {
            QCOMPARE(s.code(), ErrorCode::PermissionDenied);
            QVERIFY(s.message().contains(QStringLiteral(" may not ")));
            QVERIFY(s.message().contains(QStringLiteral("Ask ")));
        }
    }

    void permissions_refusal_saysWhoToAsk()
    {
        QCOMPARE(Permissions::check(as("nurse"), Operation::Lock).message(),
                 QStringLiteral("A study nurse may not lock data. Ask a data manager."));
        QCOMPARE(Permissions::check(as("monitor"), Operation::EnterData).message(),
                 QStringLiteral("A monitor may not enter or change data. Ask a study nurse."));
        QCOMPARE(Permissions::check(as("nurse"), Operation::Export).message(),
                 QStringLiteral("A study nurse may not export data. Ask a data manager."));
    }

    // Every refused operation, run through the real service, writes nothing.
    void refusedOperation_writesNothing_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<int>("code");
        const int denied = int(ErrorCode::PermissionDenied);
        QTest::newRow("nurse locks a form") << "nurse"
                                            << "lockForm" << denied;
        QTest::newRow("nurse locks a subject") << "nurse"
                                               << "lockSubject" << denied;
        QTest::newRow("nurse locks the study") << "nurse"
                                               << "lockStudy" << denied;
        QTest::newRow("nurse exports") << "nurse"
                                       << "export" << denied;
        QTest::newRow("nurse opens a query") << "nurse"
                                             << "openQuery" << denied;
        QTest::newRow("nurse verifies") << "nurse"
                                        << "verify" << denied;
        QTest::newRow("nurse signs") << "nurse"
                                     << "sign" << denied;
        QTest::newRow("nurse creates a user") << "nurse"
                                              << "createUser" << denied;
        QTest::newRow("monitor changes a value") << "monitor"
                                                 << "save" << denied;
        QTest::newRow("monitor registers a subject") << "monitor"
                                                     << "register" << denied;
        QTest::newRow("monitor changes subject status") << "monitor"
                                                        << "subjectStatus" << denied;
        QTest::newRow("monitor signs") << "monitor"
                                       << "sign" << denied;
        QTest::newRow("monitor locks") << "monitor"
                                       << "lockForm" << denied;
        QTest::newRow("monitor exports") << "monitor"
                                         << "export" << denied;
        QTest::newRow("investigator locks") << "investigator"
                                            << "lockForm" << denied;
        QTest::newRow("investigator verifies") << "investigator"
                                               << "verify" << denied;
        QTest::newRow("investigator unlocks") << "investigator"
                                              << "unlockForm" << denied;
        QTest::newRow("data manager signs") << "data_manager"
                                            << "sign" << denied;
        QTest::newRow("data manager verifies") << "data_manager"
                                               << "verify" << denied;
        QTest::newRow("data manager creates a user") << "data_manager"
                                                     << "createUser" << denied;
        QTest::newRow("administrator changes a value") << "administrator"
                                                       << "save" << denied;
        QTest::newRow("administrator reads subjects") << "administrator"
                                                      << "read" << denied;
        QTest::newRow("administrator locks") << "administrator"
                                             << "lockStudy" << denied;
        QTest::newRow("system signs") << "system"
                                      << "sign" << denied;
    }
    void refusedOperation_writesNothing()
    {
        QFETCH(QString, role);
        QFETCH(QString, operation);
        QFETCH(int, code);
        QVERIFY(save(as("nurse"), QStringLiteral("M"), QStringLiteral("70")).status);
        const Actor actor{role, role, role, {}};
        const qint64 before = auditCount();
        Status s;
        if (operation == QLatin1String("lockForm")) {
            s = DataLocks(*m_data, m_clock).lockForm(actor, dmKey());
        } else if (operation == QLatin1String("lockSubject")) {
            s = DataLocks(*m_data, m_clock).lockSubject(actor, m_subjectA);
        } else if (operation == QLatin1String("lockStudy")) {
            s = DataLocks(*m_data, m_clock).lockStudy(actor);
        } else if (operation == QLatin1String("unlockForm")) {
            s = DataLocks(*m_data, m_clock).unlockForm(actor, dmKey(), QStringLiteral("correction"));
        } else if (operation == QLatin1String("export")) {
            s = recordExport(*m_data, actor, QStringLiteral("csv wide"));
        } else if (operation == QLatin1String("openQuery")) {
            s = Queries(*m_data, m_clock).open(actor, dmKey(), QStringLiteral("weight"), QStringLiteral("?")).status();
        } else if (operation == QLatin1String("verify")) {
            s = SourceVerification(*m_data, m_clock).verifyForm(actor, dmKey());
        } else if (operation == QLatin1String("sign")) {
            s = Signatures(*m_data, *m_auth, m_clock)
                    .sign(actor, dmKey(), SignatureMeaning::Approved, demoPassword(role))
                    .status();
        } else if (operation == QLatin1String("createUser")) {
            s = m_auth->createAccount(actor, {QStringLiteral("newuser"),
                                              QStringLiteral("New User"),
                                              QStringLiteral("long-enough-password"),
                                              {{QStringLiteral("nurse"), QStringLiteral("01")}}});
        } else if (operation == QLatin1String("save")) {
            s = save(actor, QStringLiteral("F"), QStringLiteral("71"), QStringLiteral("typo")).status;
        } else if (operation == QLatin1String("register")) {
            s = m_data->registerSubject(actor, {QStringLiteral("01"), QStringLiteral("0009"), QStringLiteral("ZZ")})
                    .status();
        } else if (operation == QLatin1String("subjectStatus")) {
            s = m_data->setSubjectStatus(actor, m_subjectA, QStringLiteral("withdrawn"), QStringLiteral("x"));
        } else if (operation == QLatin1String("read")) {
            s = m_data->subjects(actor).status();
        } else {
            QFAIL("unknown operation");
        }
        QVERIFY(!s);
        QCOMPARE(int(s.code()), code);
        QVERIFY(!s.message().isEmpty());
        QCOMPARE(auditCount(), before);
        QCOMPARE(m_data->loadForm(as("nurse"), dmKey())->values.value(QStringLiteral("weight")).value,
                 QStringLiteral("70"));
    }

    // --- site access -------------------------------------------------------

    void siteAUser_cannotReadOrChangeSiteB()
    {
        auto login = m_auth->authenticate(QStringLiteral("nurse.a"), siteANursePassword);
        QVERIFY2(login, qPrintable(login.message()));
        const Actor nurseA = login->actor;
        QCOMPARE(nurseA.siteOids, QStringList{QStringLiteral("01")});
        auto visible = m_data->subjects(nurseA);
        QVERIFY(visible);
        QCOMPARE(visible->size(), 1);
        QCOMPARE(visible->first().siteOid, QStringLiteral("01"));
        QCOMPARE(m_data->subject(nurseA, m_subjectB).status().code(), ErrorCode::PermissionDenied);
        QCOMPARE(m_data->loadForm(nurseA, dmKey(m_subjectB)).status().code(), ErrorCode::PermissionDenied);
        const qint64 before = auditCount();
        records::SaveRequest r;
        r.key = dmKey(m_subjectB);
        r.values.insert(QStringLiteral("sex"), ItemEntry{QStringLiteral("M"), {}, false});
        QCOMPARE(m_data->saveForm(nurseA, r).status.code(), ErrorCode::PermissionDenied);
        QCOMPARE(auditCount(), before);
        // The demo nurse holds every site.
        QCOMPARE(m_data->subjects(as("nurse"))->size(), 2);
    }

    // --- login and lockout -------------------------------------------------

    void login_correctPassword_givesActorAndAuditsLogin()
    {
        const qint64 before = auditCount();
        auto r = m_auth->login(QStringLiteral("investigator"), demoPassword(QStringLiteral("investigator")));
        QVERIFY2(r, qPrintable(r.message()));
        QCOMPARE(r->actor.role, QStringLiteral("investigator"));
        QVERIFY(r->actor.siteOids.isEmpty());
        QVERIFY(!r->mustChangePassword);
        QCOMPARE(auditCount(), before + 1);
        QCOMPARE(eventsOf(audit::action::Login), 1);
        // authenticate() checks without a login event.
        QVERIFY(m_auth->authenticate(QStringLiteral("investigator"), demoPassword(QStringLiteral("investigator"))));
        QCOMPARE(auditCount(), before + 1);
    }

    void login_unknownUserAndWrongPassword_readTheSame()
    {
        auto unknown = m_auth->login(QStringLiteral("nobody"), QStringLiteral("whatever-password"));
        auto wrong = m_auth->login(QStringLiteral("nurse"), QStringLiteral("whatever-password"));
        QVERIFY(!unknown);
        QVERIFY(!wrong);
        QCOMPARE(unknown.status().code(), ErrorCode::AuthenticationFailed);
        QCOMPARE(unknown.message(), wrong.message());
        QCOMPARE(eventsOf(audit::action::LoginFailed), 2);
    }

    void login_fiveFailures_lockForFifteenMinutes()
    {
        const QString user = QStringLiteral("monitor");
        const QString good = demoPassword(user);
        for (int i = 1; i <= 4; ++i) {
            QVERIFY(!m_auth->login(user, QStringLiteral("wrong-password-%1").arg(i)));
            QVERIFY(!m_auth->account(user)->isLockedAt(m_clock.nowUtc()));
        }
        QCOMPARE(eventsOf(audit::action::AccountLocked), 0);
        QVERIFY(!m_auth->login(user, QStringLiteral("wrong-password-5")));
        QCOMPARE(eventsOf(audit::action::AccountLocked), 1);
        QCOMPARE(eventsOf(audit::action::LoginFailed), 5);
        QVERIFY(m_auth->account(user)->isLockedAt(m_clock.nowUtc()));

        // Locked: even the right password is refused, with the same message.
        m_clock.advanceSeconds(14 * 60);
        auto locked = m_auth->login(user, good);
        QVERIFY(!locked);
        QCOMPARE(locked.status().code(), ErrorCode::AuthenticationFailed);

        // Released after 15 minutes.
        m_clock.advanceSeconds(60);
        auto released = m_auth->login(user, good);
        QVERIFY2(released, qPrintable(released.message()));
        QCOMPARE(m_auth->account(user)->failedCount, 0);
        QVERIFY(verifyOk());
    }

    void login_successResetsFailureCount()
    {
        const QString user = QStringLiteral("nurse");
        for (int i = 0; i < 4; ++i)
            QVERIFY(!m_auth->login(user, QStringLiteral("wrong-password")));
        QVERIFY(m_auth->login(user, demoPassword(user)));
        for (int i = 0; i < 4; ++i)
            QVERIFY(!m_auth->login(user, QStringLiteral("wrong-password")));
        QVERIFY(!m_auth->account(user)->isLockedAt(m_clock.nowUtc()));
    }

    void login_disabledAccount_isRefused()
    {
        QVERIFY(m_auth->disableAccount(as("administrator", "admin"), QStringLiteral("nurse.a"),
                                       QStringLiteral("left the site")));
        QCOMPARE(eventsOf(audit::action::UserDisabled), 1);
        QVERIFY(!m_auth->login(QStringLiteral("nurse.a"), siteANursePassword));
        QCOMPARE(m_auth->disableAccount(as("administrator", "admin"), QStringLiteral("nurse"), QString()).code(),
                 ErrorCode::ReasonRequired);
    }

    // --- passwords ---------------------------------------------------------

    void passwordRules_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<bool>("ok");
        QTest::newRow("long enough") << "alice"
                                     << "correct horse" << true;
        QTest::newRow("nine characters") << "alice"
                                         << "123456789" << false;
        QTest::newRow("exactly ten") << "alice"
                                     << "1234567890" << true;
        QTest::newRow("contains user name") << "alice"
                                            << "xxALICE-2026" << false;
        QTest::newRow("only spaces") << "alice" << QString(12, QLatin1Char(' ')) << false;
    }
    void passwordRules()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(bool, ok);
        QCOMPARE(AuthService::checkPasswordRules(user, password).isOk(), ok);
    }

    void resetPassword_mustBeChangedAtNextLogin()
    {
        const Actor admin = as("administrator", "admin");
        QCOMPARE(m_auth->resetPassword(admin, QStringLiteral("nurse.a"), QStringLiteral("short")).code(),
                 ErrorCode::InvalidInput);
        QVERIFY(m_auth->resetPassword(admin, QStringLiteral("nurse.a"), QStringLiteral("temporary-pass-1")));
        auto first = m_auth->login(QStringLiteral("nurse.a"), QStringLiteral("temporary-pass-1"));
        QVERIFY(first);
        QVERIFY(first->mustChangePassword);
        QCOMPARE(m_auth
                     ->changePassword(QStringLiteral("nurse.a"), QStringLiteral("temporary-pass-1"),
                                      QStringLiteral("my-nurse.a-pass"))
                     .code(),
                 ErrorCode::InvalidInput);
        QCOMPARE(m_auth
                     ->changePassword(QStringLiteral("nurse.a"), QStringLiteral("not-the-old-one"),
                                      QStringLiteral("brand-new-secret"))
                     .code(),
                 ErrorCode::AuthenticationFailed);
        QVERIFY(m_auth->changePassword(QStringLiteral("nurse.a"), QStringLiteral("temporary-pass-1"),
                                       QStringLiteral("brand-new-secret")));
        auto second = m_auth->login(QStringLiteral("nurse.a"), QStringLiteral("brand-new-secret"));
        QVERIFY(second);
        QVERIFY(!second->mustChangePassword);
        QCOMPARE(eventsOf(audit::action::PasswordChanged), 2);
    }

    void createAccount_byAdministrator_isAuditedAndMustChangePassword()
    {
        const Actor admin = as("administrator", "admin");
        const qint64 before = auditCount();
        QVERIFY(m_auth->createAccount(admin, {QStringLiteral("inv.b"),
                                              QStringLiteral("Investigator B"),
                                              QStringLiteral("initial-password"),
                                              {{QStringLiteral("investigator"), QStringLiteral("02")}}}));
        QCOMPARE(auditCount(), before + 2); // user_created, role_granted
        auto acc = m_auth->account(QStringLiteral("inv.b"));
        QVERIFY(acc);
        QVERIFY(acc->mustChangePassword);
        QCOMPARE(acc->roles(), QStringList{QStringLiteral("investigator")});
        QCOMPARE(m_auth
                     ->createAccount(admin, {QStringLiteral("inv.b"),
                                             QStringLiteral("Again"),
                                             QStringLiteral("initial-password"),
                                             {{QStringLiteral("investigator"), QStringLiteral("02")}}})
                     .code(),
                 ErrorCode::Conflict);
        QCOMPARE(m_auth
                     ->createAccount(admin, {QStringLiteral("x.y"),
                                             QStringLiteral("X"),
                                             QStringLiteral("initial-password"),
                                             {{QStringLiteral("superuser"), QStringLiteral("*")}}})
                     .code(),
                 ErrorCode::InvalidInput);
        QVERIFY(m_auth->grantRole(admin, QStringLiteral("inv.b"), {QStringLiteral("nurse"), QStringLiteral("02")}));
        QCOMPARE(m_auth->account(QStringLiteral("inv.b"))->roles().size(), 2);
        QVERIFY(verifyOk());
    }

    void demoAccounts_onePerRoleWithDocumentedPasswords()
    {
        auto demo = m_auth->demoAccounts();
        QVERIFY(demo);
        QCOMPARE(demo->size(), 5);
        QStringList roles;
        for (const DemoAccount &d : demoAccountList()) {
            auto r = m_auth->authenticate(d.userName, d.password);
            QVERIFY2(r, qPrintable(d.userName));
            QCOMPARE(r->actor.role, d.role);
            roles.append(d.role);
        }
        QCOMPARE(roles, Permissions::grantableRoles());
        QCOMPARE(createDemoAccounts(*m_db, m_clock).code(), ErrorCode::Conflict);
        QCOMPARE(createAdministrator(*m_db, m_clock, QStringLiteral("root"), QStringLiteral("Root"),
                                     QStringLiteral("long-password-1"))
                     .code(),
                 ErrorCode::Conflict);
    }

    void createAdministrator_newFile_firstAccountOnly()
    {
        auto db = Database::open(m_dir.filePath(QStringLiteral("fresh.db")), Database::Mode::CreateIfMissing);
        QVERIFY(db);
        QVERIFY(audit::AuditTrail::registerLocalDevice(**db, QStringLiteral("dev2"), QString(), QString()));
        AuthService auth(**db, m_clock);
        QVERIFY(!auth.hasAccounts());
        QCOMPARE(createAdministrator(**db, m_clock, QStringLiteral("root"), QStringLiteral("Root"),
                                     QStringLiteral("root-password"))
                     .code(),
                 ErrorCode::InvalidInput);
        QVERIFY(createAdministrator(**db, m_clock, QStringLiteral("root"), QStringLiteral("Root"),
                                    QStringLiteral("long-password-1")));
        QVERIFY(auth.hasAccounts());
        auto r = auth.login(QStringLiteral("root"), QStringLiteral("long-password-1"));
        QVERIFY(r);
        QCOMPARE(r->actor.role, QStringLiteral("administrator"));
        QVERIFY(auth.demoAccounts()->isEmpty());
    }

    // --- session -----------------------------------------------------------

    void session_locksWhenIdle_andResumesOnlyForTheSameUser()
    {
        auto r = m_auth->login(QStringLiteral("nurse"), demoPassword(QStringLiteral("nurse")));
        QVERIFY(r);
        Session session(*m_auth, r->actor, m_clock);
        QCOMPARE(session.idleMinutes(), 15);
        m_clock.advanceSeconds(14 * 60);
        QVERIFY(!session.isLocked());
        session.touch();
        m_clock.advanceSeconds(14 * 60);
        QVERIFY(!session.isLocked());
        m_clock.advanceSeconds(60);
        QVERIFY(session.isLocked());
        session.touch(); // activity does not unlock
        QVERIFY(session.isLocked());

        QCOMPARE(session.unlock(QStringLiteral("monitor"), demoPassword(QStringLiteral("monitor"))).code(),
                 ErrorCode::PermissionDenied);
        QVERIFY(session.isLocked());
        QCOMPARE(session.unlock(QStringLiteral("nurse"), QStringLiteral("wrong-password")).code(),
                 ErrorCode::AuthenticationFailed);
        QVERIFY(session.isLocked());
        QVERIFY(session.unlock(QStringLiteral("nurse"), demoPassword(QStringLiteral("nurse"))));
        QVERIFY(!session.isLocked());

        session.setIdleMinutes(5);
        m_clock.advanceSeconds(5 * 60);
        QVERIFY(session.isLocked());
        QVERIFY(session.unlock(QStringLiteral("nurse"), demoPassword(QStringLiteral("nurse"))));
        session.lock();
        QVERIFY(session.isLocked());
    }

    // --- signatures --------------------------------------------------------

    void sign_wrongPassword_neverSigns()
    {
        QVERIFY(save(as("nurse"), QStringLiteral("M"), QStringLiteral("70")).status);
        Signatures signatures(*m_data, *m_auth, m_clock);
        auto r = signatures.sign(as("investigator"), dmKey(), SignatureMeaning::Approved, QStringLiteral("guess"));
        QVERIFY(!r);
        QCOMPARE(r.status().code(), ErrorCode::AuthenticationFailed);
        QCOMPARE(eventsOf(audit::action::Signature), 0);
        QVERIFY(signatures.signatures(as("investigator"), dmKey())->isEmpty());
        QCOMPARE(m_data->loadForm(as("nurse"), dmKey())->status, QStringLiteral("complete"));
        // Another person's password does not sign either.
        QVERIFY(!signatures.sign(as("investigator"), dmKey(), SignatureMeaning::Approved,
                                 demoPassword(QStringLiteral("nurse"))));
        QCOMPARE(eventsOf(audit::action::Signature), 0);
    }

    void sign_incompleteForm_isRefused()
    {
        QVERIFY(save(as("nurse"), QStringLiteral("M"), QStringLiteral("70"), {}, false).status);
        Signatures signatures(*m_data, *m_auth, m_clock);
        const qint64 before = auditCount();
        auto r = signatures.sign(as("investigator"), dmKey(), SignatureMeaning::Approved,
                                 demoPassword(QStringLiteral("investigator")));
        QCOMPARE(r.status().code(), ErrorCode::InvalidInput);
        QCOMPARE(auditCount(), before);
    }

    void sign_recordsSignerTimeMeaningAndHash_andBreaksWhenEdited()
    {
        QVERIFY(save(as("nurse"), QStringLiteral("M"), QStringLiteral("70")).status);
        Signatures signatures(*m_data, *m_auth, m_clock);
        const Actor investigator = as("investigator");
        auto sig = signatures.sign(investigator, dmKey(), SignatureMeaning::Approved,
                                   demoPassword(QStringLiteral("investigator")));
        QVERIFY2(sig, qPrintable(sig.message()));
        QCOMPARE(sig->signer, QStringLiteral("investigator"));
        QCOMPARE(sig->signerFullName, QStringLiteral("Ivan Demo (investigator)"));
        QCOMPARE(sig->meaning, QStringLiteral("approved"));
        QCOMPARE(sig->utc, m_clock.nowUtc().toString(Qt::ISODateWithMs));
        QCOMPARE(sig->contentHash.size(), 64);
        QCOMPARE(m_data->loadForm(investigator, dmKey())->status, QStringLiteral("signed"));
        QCOMPARE(eventsOf(audit::action::Signature), 1);
        QVERIFY(verifyOk());

        // Saving the same values again keeps the signature.
        QVERIFY(save(as("nurse"), QStringLiteral("M"), QStringLiteral("70")).status);
        QCOMPARE(m_data->loadForm(investigator, dmKey())->status, QStringLiteral("signed"));

        // A changed value breaks it, visibly and audited.
        auto o = save(as("nurse"), QStringLiteral("M"), QStringLiteral("72"), QStringLiteral("transcription error"));
        QVERIFY2(o.status, qPrintable(o.status.message()));
        QCOMPARE(o.formStatus, QStringLiteral("complete"));
        auto after = signatures.signatures(investigator, dmKey());
        QVERIFY(after);
        QCOMPARE(after->size(), 1);
        QVERIFY(!after->first().valid);
        QVERIFY(!after->first().brokenEventId.isEmpty());
        QCOMPARE(eventsOf(audit::action::SignatureBroken), 1);
        QVERIFY(verifyOk());

        // Signing again covers the new content.
        auto again = signatures.sign(investigator, dmKey(), SignatureMeaning::Reviewed,
                                     demoPassword(QStringLiteral("investigator")));
        QVERIFY(again);
        QVERIFY(again->contentHash != sig->contentHash);
        QVERIFY(verifyOk());
    }

    void sign_staleVersion_isRefused()
    {
        QVERIFY(save(as("nurse"), QStringLiteral("M"), QStringLiteral("70")).status);
        const int seen = m_data->loadForm(as("investigator"), dmKey())->version;
        QVERIFY(save(as("nurse"), QStringLiteral("M"), QStringLiteral("71"), QStringLiteral("typo")).status);
        auto r = Signatures(*m_data, *m_auth, m_clock)
                     .sign(as("investigator"), dmKey(), SignatureMeaning::Approved,
                           demoPassword(QStringLiteral("investigator")), seen);
        QCOMPARE(r.status().code(), ErrorCode::Conflict);
        QCOMPARE(eventsOf(audit::action::Signature), 0);
    }

    void tamperedSignature_isDetectedByVerify_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("content hash changed") << "UPDATE signature SET content_hash = "
                                                 "'0000000000000000000000000000000000000000000000000000000000000000'";
        QTest::newRow("signer changed") << "UPDATE signature SET signer = 'nurse'";
        QTest::newRow("meaning changed") << "UPDATE signature SET meaning = 'authored'";
        QTest::newRow("time changed") << "UPDATE signature SET utc = '2020-01-01T00:00:00.000Z'";
        QTest::newRow("signature removed") << "DELETE FROM signature";
        QTest::newRow("marked broken without event") << "UPDATE signature SET status = 'broken'";
        QTest::newRow("pointed at another event") << "UPDATE signature SET audit_event_id = 'dev:1'";
        QTest::newRow("forged signature") << "INSERT INTO signature (form_instance_id, signer, signer_full_name, "
                                             "meaning, utc, content_hash, audit_event_id) SELECT form_instance_id, "
                                             "'investigator', 'x', 'approved', utc, content_hash, 'dev:9999' "
                                             "FROM signature";
        QTest::newRow("signed value changed, signature kept")
            << "UPDATE item_value SET value = '99' WHERE item_oid = 'weight'";
    }
    void tamperedSignature_isDetectedByVerify()
    {
        QFETCH(QString, sql);
        QVERIFY(save(as("nurse"), QStringLiteral("M"), QStringLiteral("70")).status);
        QVERIFY(Signatures(*m_data, *m_auth, m_clock)
                    .sign(as("investigator"), dmKey(), SignatureMeaning::Approved,
                          demoPassword(QStringLiteral("investigator"))));
        QVERIFY(verifyOk());
        rawSql(sql);
        auto report = audit::verify(*m_db);
        QVERIFY(report);
        QVERIFY(!report->isOk());
    }

    // --- casebook signatures -----------------------------------------------

    void casebook_investigatorSigns_recordsWhoWhenMeaningAndHash()
    {
        fillCasebook();
        Signatures signatures(*m_data, *m_auth, m_clock);
        const Actor investigator = as("investigator");
        auto review = signatures.reviewCasebook(investigator, m_subjectA);
        QVERIFY2(review, qPrintable(review.message()));
        QVERIFY2(review->maySign(), qPrintable(review->blocker.message()));
        QCOMPARE(review->formCount, 2);
        QCOMPARE(review->subjectKey, QStringLiteral("01-0001"));

        // The documented canonical encoding, written out by hand.
        auto field = [](const QString &text) {
            const QByteArray b = text.toUtf8();
            return QByteArray::number(b.size()) + ':' + b + ';';
        };
        const QString dmHash = audit::formContentHash(m_data->loadForm(investigator, dmKey())->values);
        const QString vsHash = audit::formContentHash(m_data->loadForm(investigator, vsKey())->values);
        const QByteArray encoding = QByteArray("cellcrf-casebook-1;") + field(QStringLiteral("01-0001")) +
                                    field(QStringLiteral("screening")) + field(QStringLiteral("1")) +
                                    field(QStringLiteral("dm")) + field(QStringLiteral("1")) + field(dmHash) +
                                    field(QStringLiteral("screening")) + field(QStringLiteral("1")) +
                                    field(QStringLiteral("vs")) + field(QStringLiteral("1")) + field(vsHash);
        QCOMPARE(review->contentHash,
                 QString::fromLatin1(QCryptographicHash::hash(encoding, QCryptographicHash::Sha256).toHex()));

        auto sig = signatures.signCasebook(investigator, m_subjectA, SignatureMeaning::Approved,
                                           demoPassword(QStringLiteral("investigator")), review->contentHash);
        QVERIFY2(sig, qPrintable(sig.message()));
        QCOMPARE(sig->signer, QStringLiteral("investigator"));
        QCOMPARE(sig->signerFullName, QStringLiteral("Ivan Demo (investigator)"));
        QCOMPARE(sig->meaning, QStringLiteral("approved"));
        QCOMPARE(sig->utc, m_clock.nowUtc().toString(Qt::ISODateWithMs));
        QCOMPARE(sig->formCount, 2);
        QCOMPARE(sig->contentHash, review->contentHash);
        QCOMPARE(eventsOf(audit::action::CasebookSignature), 1);
        auto listed = signatures.casebookSignatures(investigator, m_subjectA);
        QVERIFY(listed);
        QCOMPARE(listed->size(), 1);
        QVERIFY(listed->first().valid);
        QCOMPARE(listed->first().auditEventId, sig->auditEventId);
        QVERIFY(signatures.casebookSignatures(investigator, m_subjectB)->isEmpty());
        // The form statuses are untouched: a casebook signature is not a form signature.
        QCOMPARE(m_data->loadForm(investigator, dmKey())->status, QStringLiteral("complete"));
        QVERIFY(verifyOk());

        // The same signer and meaning over unchanged content is a duplicate; another meaning is not.
        const qint64 before = auditCount();
        auto duplicate = signCasebook(investigator, demoPassword(QStringLiteral("investigator")));
        QCOMPARE(duplicate.status().code(), ErrorCode::Conflict);
        QVERIFY(duplicate.message().contains(QStringLiteral("already signed")));
        QCOMPARE(auditCount(), before);
        QVERIFY(
            signCasebook(investigator, demoPassword(QStringLiteral("investigator")), {}, SignatureMeaning::Reviewed));
        QCOMPARE(casebookRows(), 2);

        // Signing a form afterwards changes its status, not the casebook's content.
        QVERIFY(signatures.sign(investigator, dmKey(), SignatureMeaning::Approved,
                                demoPassword(QStringLiteral("investigator"))));
        QVERIFY(signatures.casebookSignatures(investigator, m_subjectA)->first().valid);
        QVERIFY(verifyOk());
    }

    void casebook_refusedRoles_writeNothing_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<QStringList>("sites");
        QTest::newRow("nurse") << "nurse" << QStringList();
        QTest::newRow("monitor") << "monitor" << QStringList();
        QTest::newRow("data manager") << "data_manager" << QStringList();
        QTest::newRow("administrator") << "administrator" << QStringList();
        QTest::newRow("investigator of another site") << "investigator" << QStringList{QStringLiteral("02")};
    }
    void casebook_refusedRoles_writeNothing()
    {
        QFETCH(QString, role);
        QFETCH(QStringList, sites);
        fillCasebook();
        const qint64 before = auditCount();
        const Actor actor{role, role, role, sites};
        auto r = signCasebook(actor, demoPassword(role == QLatin1String("data_manager") ? QStringLiteral("datamanager")
                                                  : role == QLatin1String("administrator") ? QStringLiteral("admin")
                                                                                           : role));
        QVERIFY(!r);
        QCOMPARE(r.status().code(), ErrorCode::PermissionDenied);
        QCOMPARE(auditCount(), before);
        QCOMPARE(casebookRows(), 0);
    }

    void casebook_wrongPassword_signsNothing()
    {
        fillCasebook();
        auto r = signCasebook(as("investigator"), QStringLiteral("guess-guess"));
        QCOMPARE(r.status().code(), ErrorCode::AuthenticationFailed);
        QVERIFY(!signCasebook(as("investigator"), demoPassword(QStringLiteral("nurse"))));
        QCOMPARE(eventsOf(audit::action::CasebookSignature), 0);
        QCOMPARE(casebookRows(), 0);
        QVERIFY(verifyOk());
    }

    void casebook_changedSinceReviewed_isRefused()
    {
        fillCasebook();
        Signatures signatures(*m_data, *m_auth, m_clock);
        const QString seen = signatures.reviewCasebook(as("investigator"), m_subjectA)->contentHash;
        QVERIFY(saveVs(QStringLiteral("80"), QStringLiteral("re-measured")).status);
        const qint64 before = auditCount();
        auto r = signCasebook(as("investigator"), demoPassword(QStringLiteral("investigator")), seen);
        QCOMPARE(r.status().code(), ErrorCode::Conflict);
        QVERIFY2(r.message().contains(QStringLiteral("changed after you reviewed it")), qPrintable(r.message()));
        // Nobody signs without saying what they reviewed.
        auto blind = signatures.signCasebook(as("investigator"), m_subjectA, SignatureMeaning::Approved,
                                             demoPassword(QStringLiteral("investigator")), QString());
        QCOMPARE(blind.status().code(), ErrorCode::InvalidInput);
        QCOMPARE(auditCount(), before);
        QCOMPARE(casebookRows(), 0);
    }

    void casebook_preconditions_sayWhatIsMissing()
    {
        Signatures signatures(*m_data, *m_auth, m_clock);
        const Actor investigator = as("investigator");
        const QString password = demoPassword(QStringLiteral("investigator"));
        const qint64 before = auditCount();
        // Nothing entered yet.
        auto empty = signatures.reviewCasebook(investigator, m_subjectA);
        QVERIFY(empty && !empty->maySign());
        QVERIFY2(empty->blocker.message().contains(QStringLiteral("nothing to sign")),
                 qPrintable(empty->blocker.message()));
        QCOMPARE(signCasebook(investigator, password).status().code(), ErrorCode::InvalidInput);
        QCOMPARE(auditCount(), before);

        // An incomplete form is named.
        QVERIFY(save(as("nurse"), QStringLiteral("M"), QStringLiteral("70")).status);
        QVERIFY(saveVs(QStringLiteral("72"), {}, false).status);
        auto incomplete = signatures.reviewCasebook(investigator, m_subjectA);
        QCOMPARE(incomplete->incompleteForms, QStringList{QStringLiteral("screening/vs")});
        QVERIFY2(incomplete->blocker.message().contains(QStringLiteral("1 form(s) are not complete: screening/vs")),
                 qPrintable(incomplete->blocker.message()));
        qint64 count = auditCount();
        QCOMPARE(signCasebook(investigator, password).status().code(), ErrorCode::InvalidInput);
        QCOMPARE(auditCount(), count);

        // An open query, and still one once answered, until it is closed.
        QVERIFY(saveVs(QStringLiteral("72")).status);
        Queries queries(*m_data, m_clock);
        auto q = queries.open(as("monitor"), dmKey(), QStringLiteral("weight"), QStringLiteral("Source says 72?"));
        QVERIFY(q);
        QVERIFY(queries.answer(as("nurse"), q->id, QStringLiteral("Checked: 70")));
        auto queried = signatures.reviewCasebook(investigator, m_subjectA);
        QCOMPARE(queried->openQueries, 1);
        QVERIFY2(queried->blocker.message().contains(QStringLiteral("1 data clarification query(ies) are open")),
                 qPrintable(queried->blocker.message()));
        count = auditCount();
        QCOMPARE(signCasebook(investigator, password).status().code(), ErrorCode::InvalidInput);
        QCOMPARE(auditCount(), count);
        QVERIFY(queries.close(as("monitor"), q->id));

        // A locked subject cannot be signed; a locked complete form is fine.
        DataLocks locks(*m_data, m_clock);
        QVERIFY(locks.lockSubject(as("data_manager"), m_subjectA));
        count = auditCount();
        QCOMPARE(signCasebook(investigator, password).status().code(), ErrorCode::Locked);
        QCOMPARE(auditCount(), count);
        QVERIFY(locks.unlockSubject(as("data_manager"), m_subjectA, QStringLiteral("casebook review")));
        QVERIFY(locks.lockForm(as("data_manager"), dmKey()));
        QVERIFY(signatures.reviewCasebook(investigator, m_subjectA)->maySign());
        QVERIFY(signCasebook(investigator, password));
        QVERIFY(verifyOk());
    }

    void casebook_editingAnyForm_breaksItVisiblyAndAudited()
    {
        fillCasebook();
        Signatures signatures(*m_data, *m_auth, m_clock);
        const Actor investigator = as("investigator");
        auto sig = signCasebook(investigator, demoPassword(QStringLiteral("investigator")));
        QVERIFY2(sig, qPrintable(sig.message()));

        // Saving the same values again keeps it.
        QVERIFY(saveVs(QStringLiteral("72")).status);
        QVERIFY(signatures.casebookSignatures(investigator, m_subjectA)->first().valid);
        QCOMPARE(eventsOf(audit::action::SignatureBroken), 0);

        // A change in the other form breaks it, in the same transaction as the change.
        auto o = saveVs(QStringLiteral("75"), QStringLiteral("transcription error"));
        QVERIFY2(o.status, qPrintable(o.status.message()));
        auto after = signatures.casebookSignatures(investigator, m_subjectA);
        QCOMPARE(after->size(), 1);
        QVERIFY(!after->first().valid);
        QVERIFY(!after->first().brokenEventId.isEmpty());
        QCOMPARE(eventsOf(audit::action::SignatureBroken), 1);
        store::Query ev(*m_db, QStringLiteral("SELECT subject_key, form_oid, old_value, reason FROM audit_event "
                                              "WHERE event_id = ?"));
        ev.bind(after->first().brokenEventId);
        QVERIFY(ev.exec() && ev.next());
        QCOMPARE(ev.text(0), QStringLiteral("01-0001"));
        QCOMPARE(ev.text(1), QString());
        QVERIFY(ev.text(2).startsWith(QStringLiteral("casebook;signer=investigator;meaning=approved;sha256=")));
        QVERIFY2(ev.text(3).contains(QStringLiteral("screening/vs: pulse")), qPrintable(ev.text(3)));
        QVERIFY(verifyOk());

        // Signing again covers the new content.
        auto again = signCasebook(investigator, demoPassword(QStringLiteral("investigator")));
        QVERIFY2(again, qPrintable(again.message()));
        QVERIFY(again->contentHash != sig->contentHash);
        QVERIFY(verifyOk());
    }

    void tamperedCasebookSignature_isDetectedByVerify_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("problem");
        QTest::newRow("content hash changed") << "UPDATE casebook_signature SET content_hash = "
                                                 "'0000000000000000000000000000000000000000000000000000000000000000'"
                                              << "differs from the audit event";
        QTest::newRow("signer changed") << "UPDATE casebook_signature SET signer = 'nurse'"
                                        << "differs from the audit event";
        QTest::newRow("meaning changed") << "UPDATE casebook_signature SET meaning = 'authored'"
                                         << "differs from the audit event";
        QTest::newRow("time changed") << "UPDATE casebook_signature SET utc = '2020-01-01T00:00:00.000Z'"
                                      << "differs from the audit event";
        QTest::newRow("form count changed") << "UPDATE casebook_signature SET form_count = 1"
                                            << "differs from the audit event";
        QTest::newRow("moved to another subject")
            << "UPDATE casebook_signature SET subject_id = (SELECT id FROM subject WHERE subject_key = '02-0001')"
            << "differs from the audit event";
        QTest::newRow("signature removed") << "DELETE FROM casebook_signature"
                                           << "has no signature record";
        QTest::newRow("marked broken without event") << "UPDATE casebook_signature SET status = 'broken'"
                                                     << "without a signature_broken audit event";
        QTest::newRow("pointed at another event")
            << "UPDATE casebook_signature SET audit_event_id = (SELECT event_id FROM audit_event WHERE action = "
               "'item_value' LIMIT 1)"
            << "not backed by a casebook_signature audit event";
        QTest::newRow("forged signature")
            << "INSERT INTO casebook_signature (subject_id, signer, signer_full_name, meaning, utc, form_count, "
               "content_hash, audit_event_id) SELECT subject_id, 'investigator', 'x', 'approved', utc, form_count, "
               "content_hash, 'dev:9999' FROM casebook_signature"
            << "not backed by a casebook_signature audit event";
    }
    void tamperedCasebookSignature_isDetectedByVerify()
    {
        QFETCH(QString, sql);
        QFETCH(QString, problem);
        fillCasebook();
        QVERIFY(signCasebook(as("investigator"), demoPassword(QStringLiteral("investigator"))));
        QVERIFY(verifyOk());
        rawSql(sql);
        auto report = audit::verify(*m_db);
        QVERIFY(report);
        QVERIFY(!report->isOk());
        QStringList problems;
        for (const auto &p : report->problems)
            problems.append(p.description);
        QVERIFY2(problems.join(QLatin1Char('\n')).contains(problem), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void brokenCasebookSignature_forgedBackToValid_isDetectedByVerify()
    {
        fillCasebook();
        QVERIFY(signCasebook(as("investigator"), demoPassword(QStringLiteral("investigator"))));
        QVERIFY(saveVs(QStringLiteral("75"), QStringLiteral("transcription error")).status);
        QVERIFY(verifyOk());
        rawSql(QStringLiteral("UPDATE casebook_signature SET status = 'valid', broken_event_id = ''"));
        auto report = audit::verify(*m_db);
        QVERIFY(report);
        QCOMPARE(report->problems.size(), 1);
        QVERIFY2(report->problems.first().description.contains(QStringLiteral("casebook no longer matches")),
                 qPrintable(report->problems.first().description));
    }

    // A file written before casebook signatures existed (schema 2) opens,
    // migrates and verifies, and its casebooks can be signed.
    void casebook_fileFromBeforeCasebookSignatures_migrates()
    {
        fillCasebook();
        QVERIFY(Signatures(*m_data, *m_auth, m_clock)
                    .sign(as("investigator"), dmKey(), SignatureMeaning::Approved,
                          demoPassword(QStringLiteral("investigator"))));
        const QString path = m_db->path();
        rawSql(QStringLiteral("DROP TABLE casebook_signature"));
        rawSql(QStringLiteral("PRAGMA user_version=2"));
        cleanup();
        {
            auto db = Database::open(path);
            QVERIFY2(db, qPrintable(db.message()));
            QCOMPARE((*db)->schemaVersion(), Database::currentSchemaVersion());
            m_db = std::move(*db);
        }
        QVERIFY(QFile::exists(path + QStringLiteral(".schema2.bak")));
        m_data = std::make_unique<records::ClinicalData>(*m_db, m_study, m_clock);
        m_auth = std::make_unique<AuthService>(*m_db, m_clock);
        QVERIFY(verifyOk());
        QCOMPARE(casebookRows(), 0);
        QCOMPARE(m_data->loadForm(as("investigator"), dmKey())->status, QStringLiteral("signed"));
        auto sig = signCasebook(as("investigator"), demoPassword(QStringLiteral("investigator")));
        QVERIFY2(sig, qPrintable(sig.message()));
        QVERIFY(verifyOk());
    }

    // --- queries -----------------------------------------------------------

    void queries_openAnswerCloseReopen_eachStepAudited()
    {
        Queries queries(*m_data, m_clock);
        const Actor monitor = as("monitor");
        const Actor nurse = as("nurse");
        const Actor otherMonitor = as("monitor", "monitor2");
        auto q = queries.open(monitor, dmKey(), QStringLiteral("weight"), QStringLiteral("Weight not in source?"));
        QVERIFY2(q, qPrintable(q.message()));
        QCOMPARE(q->status, QStringLiteral("open"));
        QCOMPARE(q->openedBy, QStringLiteral("monitor"));
        QCOMPARE(eventsOf(audit::action::QueryOpened), 1);

        QCOMPARE(queries.open(monitor, dmKey(), QStringLiteral("nosuch"), QStringLiteral("?")).status().code(),
                 ErrorCode::NotFound);
        QCOMPARE(queries.answer(monitor, q->id, QStringLiteral("x")).code(), ErrorCode::PermissionDenied);
        QVERIFY(queries.answer(nurse, q->id, QStringLiteral("Scale was recalibrated; 70 kg is right.")));
        QCOMPARE(queries.query(nurse, q->id)->status, QStringLiteral("answered"));
        QCOMPARE(eventsOf(audit::action::QueryAnswered), 1);

        // The same rule asked in advance, with the reason a screen shows.
        QCOMPARE(Queries::mayClose(nurse, *q).code(), ErrorCode::PermissionDenied);
        const Status notOpener = Queries::mayClose(otherMonitor, *q);
        QCOMPARE(notOpener.code(), ErrorCode::PermissionDenied);
        QVERIFY2(notOpener.message().contains(QStringLiteral("monitor, who opened")), qPrintable(notOpener.message()));
        QVERIFY(Queries::mayClose(monitor, *q));
        QVERIFY(Queries::mayClose(as("data_manager"), *q));

        const qint64 before = auditCount();
        QCOMPARE(queries.close(nurse, q->id).code(), ErrorCode::PermissionDenied);
        QCOMPARE(queries.close(otherMonitor, q->id).code(), ErrorCode::PermissionDenied);
        QCOMPARE(auditCount(), before);
        QVERIFY(queries.close(monitor, q->id, QStringLiteral("Thank you.")));
        QCOMPARE(eventsOf(audit::action::QueryClosed), 1);
        QCOMPARE(queries.answer(nurse, q->id, QStringLiteral("late")).code(), ErrorCode::InvalidInput);

        QVERIFY(queries.reopen(monitor, q->id, QStringLiteral("Source shows 72 kg.")));
        QCOMPARE(eventsOf(audit::action::QueryReopened), 1);
        // A data manager may close anyone's query.
        QVERIFY(queries.close(as("data_manager"), q->id, QStringLiteral("Resolved by phone.")));

        auto full = queries.query(nurse, q->id);
        QVERIFY(full);
        QCOMPARE(full->messages.size(), 5);
        QCOMPARE(full->messages.at(1).kind, QStringLiteral("answer"));
        QCOMPARE(full->messages.at(1).userName, QStringLiteral("nurse"));
        QVERIFY(verifyOk());
    }

    void queries_listedPerSubjectAndPerSite()
    {
        Queries queries(*m_data, m_clock);
        const Actor monitor = as("monitor");
        auto a1 = queries.open(monitor, dmKey(m_subjectA), QStringLiteral("weight"), QStringLiteral("a1"));
        auto a2 = queries.open(monitor, dmKey(m_subjectA), QStringLiteral("sex"), QStringLiteral("a2"));
        auto b1 = queries.open(monitor, dmKey(m_subjectB), QStringLiteral("sex"), QStringLiteral("b1"));
        QVERIFY(a1 && a2 && b1);
        QVERIFY(queries.close(monitor, a2->id));

        QCOMPARE(queries.list(monitor)->size(), 2);
        QCOMPARE(queries.list(monitor, {m_subjectA, {}, false})->size(), 1);
        QCOMPARE(queries.list(monitor, {m_subjectA, {}, true})->size(), 2);
        QCOMPARE(queries.list(monitor, {0, QStringLiteral("02"), false})->size(), 1);

        auto nurseA = m_auth->authenticate(QStringLiteral("nurse.a"), siteANursePassword);
        QVERIFY(nurseA);
        auto mine = queries.list(nurseA->actor);
        QVERIFY(mine);
        QCOMPARE(mine->size(), 1);
        QCOMPARE(mine->first().itemOid, QStringLiteral("weight"));
        QCOMPARE(queries.list(nurseA->actor, {0, QStringLiteral("02"), false}).status().code(),
                 ErrorCode::PermissionDenied);
        QCOMPARE(queries.answer(nurseA->actor, b1->id, QStringLiteral("x")).code(), ErrorCode::PermissionDenied);
    }

    // --- source data verification -----------------------------------------

    void sdv_markedByMonitor_clearedByEdit()
    {
        QVERIFY(save(as("nurse"), QStringLiteral("M"), QStringLiteral("70")).status);
        SourceVerification sdv(*m_data, m_clock);
        const Actor monitor = as("monitor");
        QVERIFY(sdv.verifyItems(monitor, dmKey(), {QStringLiteral("weight")}));
        QCOMPARE(m_data->loadForm(monitor, dmKey())->status, QStringLiteral("complete"));
        QVERIFY(sdv.verifyForm(monitor, dmKey()));
        QCOMPARE(sdv.marks(monitor, dmKey())->size(), 2);
        QCOMPARE(eventsOf(audit::action::SdvVerified), 2);
        QCOMPARE(m_data->loadForm(monitor, dmKey())->status, QStringLiteral("verified"));
        QVERIFY(verifyOk());

        auto o = save(as("nurse"), QStringLiteral("M"), QStringLiteral("75"), QStringLiteral("re-weighed"));
        QVERIFY2(o.status, qPrintable(o.status.message()));
        auto marks = sdv.marks(monitor, dmKey());
        QCOMPARE(marks->size(), 1);
        QCOMPARE(marks->first().itemOid, QStringLiteral("sex"));
        QCOMPARE(eventsOf(audit::action::SdvCleared), 1);
        QCOMPARE(m_data->loadForm(monitor, dmKey())->status, QStringLiteral("complete"));
        QVERIFY(verifyOk());
    }

    void sdv_blankItem_isRefused()
    {
        QVERIFY(save(as("nurse"), QStringLiteral("M"), QString()).status);
        const qint64 before = auditCount();
        QCOMPARE(
            SourceVerification(*m_data, m_clock).verifyItems(as("monitor"), dmKey(), {QStringLiteral("weight")}).code(),
            ErrorCode::InvalidInput);
        QCOMPARE(auditCount(), before);
    }

    // --- locks -------------------------------------------------------------

    void lockForm_refusesSaves_untilUnlockedWithReason()
    {
        QVERIFY(save(as("nurse"), QStringLiteral("M"), QStringLiteral("70")).status);
        DataLocks locks(*m_data, m_clock);
        const Actor dm = as("data_manager");
        QVERIFY(locks.lockForm(dm, dmKey()));
        QCOMPARE(m_data->loadForm(dm, dmKey())->status, QStringLiteral("locked"));
        QCOMPARE(eventsOf(audit::action::Locked), 1);

        const qint64 before = auditCount();
        auto refused = save(as("nurse"), QStringLiteral("M"), QStringLiteral("71"), QStringLiteral("typo"));
        QCOMPARE(refused.status.code(), ErrorCode::Locked);
        QVERIFY(refused.status.message().contains(QStringLiteral("data manager")));
        QCOMPARE(locks.lockForm(dm, dmKey()).code(), ErrorCode::Conflict);
        QCOMPARE(locks.unlockForm(dm, dmKey(), QString()).code(), ErrorCode::ReasonRequired);
        QCOMPARE(SourceVerification(*m_data, m_clock).verifyForm(as("monitor"), dmKey()).code(), ErrorCode::Locked);
        QCOMPARE(auditCount(), before);

        QVERIFY(locks.unlockForm(dm, dmKey(), QStringLiteral("query on weight")));
        QCOMPARE(eventsOf(audit::action::Unlocked), 1);
        QCOMPARE(m_data->loadForm(dm, dmKey())->status, QStringLiteral("complete"));
        QVERIFY(save(as("nurse"), QStringLiteral("M"), QStringLiteral("71"), QStringLiteral("typo")).status);
        QVERIFY(verifyOk());
    }

    void lockSubjectAndStudy_refuseChanges()
    {
        QVERIFY(save(as("nurse"), QStringLiteral("M"), QStringLiteral("70")).status);
        DataLocks locks(*m_data, m_clock);
        const Actor dm = as("data_manager");
        QVERIFY(locks.lockSubject(dm, m_subjectA));
        auto refused = save(as("nurse"), QStringLiteral("M"), QStringLiteral("71"), QStringLiteral("typo"));
        QCOMPARE(refused.status.code(), ErrorCode::Locked);
        QVERIFY(refused.status.message().contains(QStringLiteral("01-0001")));
        QCOMPARE(
            m_data->setSubjectStatus(as("nurse"), m_subjectA, QStringLiteral("withdrawn"), QStringLiteral("x")).code(),
            ErrorCode::Locked);
        QVERIFY(locks.unlockSubject(dm, m_subjectA, QStringLiteral("late lab result")));

        QCOMPARE(locks.lockStudy(as("data_manager", "dm.a", {QStringLiteral("01")})).code(),
                 ErrorCode::PermissionDenied);
        QVERIFY(locks.lockStudy(dm, QStringLiteral("database lock")));
        QCOMPARE(m_data->registerSubject(as("nurse"), {QStringLiteral("01"), QStringLiteral("0002"), QString()})
                     .status()
                     .code(),
                 ErrorCode::Locked);
        QCOMPARE(save(as("nurse"), QStringLiteral("M"), QStringLiteral("71"), QStringLiteral("typo")).status.code(),
                 ErrorCode::Locked);
        QCOMPARE(Signatures(*m_data, *m_auth, m_clock)
                     .sign(as("investigator"), dmKey(), SignatureMeaning::Approved,
                           demoPassword(QStringLiteral("investigator")))
                     .status()
                     .code(),
                 ErrorCode::Locked);
        QCOMPARE(locks.locks()->size(), 1);
        QVERIFY(locks.unlockStudy(dm, QStringLiteral("reopened for a protocol deviation")));
        QVERIFY(save(as("nurse"), QStringLiteral("M"), QStringLiteral("71"), QStringLiteral("typo")).status);
        QVERIFY(verifyOk());
    }

    void lockRow_withoutEvent_isDetectedByVerify()
    {
        rawSql(QStringLiteral("INSERT INTO data_lock (scope, target, locked_by, utc, audit_event_id) "
                              "VALUES ('study', '', 'x', '2026-01-01', 'dev:1')"));
        QVERIFY(!verifyOk());
    }

    void export_onlyByDataManager_andAudited()
    {
        const qint64 before = auditCount();
        QCOMPARE(recordExport(*m_data, as("nurse"), QStringLiteral("csv")).code(), ErrorCode::PermissionDenied);
        QCOMPARE(auditCount(), before);
        QVERIFY(recordExport(*m_data, as("data_manager"), QStringLiteral("csv")));
        QCOMPARE(eventsOf(audit::action::Export), 1);
    }
};

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
