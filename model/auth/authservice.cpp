#include "auth/authservice.h"

#include "audit/audittrail.h"
#include "auth/authaudit.h"
#include "core/clock.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <sodium.h>

namespace cellcrf::auth {

using store::Query;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::auth::AuthService", text);
}

Status genericLoginFailure()
{
    return Status::error(ErrorCode::AuthenticationFailed,
                         QCoreApplication::translate(
                             "cellcrf::auth::AuthService",
                             "The user name or password is not correct, or the account is locked or disabled. After "
                             "%1 failed attempts an account is locked for %2 minutes.")
                             .arg(AuthService::MaxFailedAttempts)
                             .arg(AuthService::LockoutMinutes));
}

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

Result<QString> hashPassword(const QString &password)
{
    if (!sodiumReady())
        return Status::error(ErrorCode::Io,
                             QCoreApplication::translate("cellcrf::auth::AuthService",
                                                         "The cryptography library could not be initialised."));
    const QByteArray utf8 = password.toUtf8();
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, utf8.constData(), quint64(utf8.size()), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return Status::error(ErrorCode::Io, QCoreApplication::translate("cellcrf::auth::AuthService",
                                                                        "Not enough memory to hash the password."));
    return QString::fromLatin1(hash);
}

bool passwordMatches(const QString &hash, const QString &password)
{
    if (!sodiumReady())
        return false;
    const QByteArray h = hash.toLatin1();
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(h.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

// A hash of a random password, verified against when a user name is unknown so
// that the answer takes as long as for a known one.
const QString &decoyHash()
{
    static const QString hash = [] {
        unsigned char bytes[16];
        if (sodiumReady())
            randombytes_buf(bytes, sizeof bytes);
        Result<QString> h =
            hashPassword(QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(bytes), sizeof bytes).toHex()));
        return h ? *h : QString();
    }();
    return hash;
}

Actor systemActor()
{
    return Actor{QStringLiteral("system"), QStringLiteral("CellCRF"), QString::fromLatin1(role::System), {}};
}

QString boolText(bool b)
{
    return b ? QStringLiteral("1") : QStringLiteral("0");
}

QString grantText(const QString &userName, const RoleGrant &g)
{
    return QStringLiteral("user=%1;role=%2;site=%3").arg(userName, g.role, g.siteOid);
}

} // namespace

QStringList Account::roles() const
{
    QStringList out;
    for (const QString &r : Permissions::grantableRoles()) {
        for (const RoleGrant &g : grants) {
            if (g.role == r && !out.contains(r))
                out.append(r);
        }
    }
    return out;
}

AuthService::AuthService(store::Database &db, const Clock &clock)
    : m_db(db)
    , m_clock(clock)
{}

Result<QList<Account>> AuthService::readAccounts(const QString &where, const QVariant &value) const
{
    Query q(m_db, QStringLiteral("SELECT user_name, full_name, active, must_change_password, is_demo, failed_count, "
                                 "locked_until_utc, created_utc FROM user_account %1 ORDER BY user_name")
                      .arg(where));
    if (value.isValid())
        q.bind(value);
    if (Status s = q.exec(); !s)
        return s;
    QList<Account> out;
    while (q.next()) {
        Account a;
        a.userName = q.text(0);
        a.fullName = q.text(1);
        a.active = q.integer(2) != 0;
        a.mustChangePassword = q.integer(3) != 0;
        a.isDemo = q.integer(4) != 0;
        a.failedCount = int(q.integer(5));
        if (!q.text(6).isEmpty())
            a.lockedUntilUtc = QDateTime::fromString(q.text(6), Qt::ISODateWithMs);
        a.createdUtc = q.text(7);
        out.append(a);
    }
    for (Account &a : out) {
        Query g(m_db, QStringLiteral("SELECT role, site_oid FROM role_grant WHERE user_name = ? ORDER BY role, "
                                     "site_oid"));
        g.bind(a.userName);
        if (Status s = g.exec(); !s)
            return s;
        while (g.next())
            a.grants.append(RoleGrant{g.text(0), g.text(1)});
    }
    return out;
}

Result<Account> AuthService::account(const QString &userName) const
{
    Result<QList<Account>> list = readAccounts(QStringLiteral("WHERE user_name = ?"), userName);
    if (!list)
        return list.status();
    if (list->isEmpty())
        return Status::error(ErrorCode::NotFound, tr("There is no account %1.").arg(userName));
    return list->first();
}

bool AuthService::hasAccounts() const
{
    Query q(m_db, QStringLiteral("SELECT 1 FROM user_account LIMIT 1"));
    return q.exec() && q.next();
}

Result<QList<Account>> AuthService::demoAccounts() const
{
    return readAccounts(QStringLiteral("WHERE is_demo = ?"), 1);
}

Result<QList<Account>> AuthService::accounts(const Actor &actor) const
{
    if (Status s = Permissions::check(actor, Operation::ManageUsers); !s)
        return s;
    return readAccounts(QString(), QVariant());
}

Result<LoginResult> AuthService::login(const QString &userName, const QString &password, const QString &role)
{
    return signIn(userName, password, role, AuditLogin::Yes);
}

Result<LoginResult> AuthService::authenticate(const QString &userName, const QString &password, const QString &role)
{
    return signIn(userName, password, role, AuditLogin::No);
}

Result<LoginResult> AuthService::signIn(const QString &userName, const QString &password, const QString &role,
                                        AuditLogin auditLogin)
{
    const QString name = userName.trimmed();
    Result<Account> found = account(name);
    if (!found && found.status().code() != ErrorCode::NotFound)
        return found.status();

    // The slow hash is checked before the write transaction, so that a login
    // never holds the database's write lock for the length of Argon2.
    QString storedHash;
    if (found) {
        Query h(m_db, QStringLiteral("SELECT password_hash FROM user_account WHERE user_name = ?"));
        h.bind(name);
        if (Status s = h.exec(); !s)
            return s;
        if (h.next())
            storedHash = h.text(0);
    }
    const bool passwordOk = passwordMatches(found ? storedHash : decoyHash(), password) && found;

    const QDateTime now = m_clock.nowUtc();
    Status outcome;
    LoginResult result{};
    Status written = m_db.transaction([&]() -> Status {
        audit::AuditTrail trail(m_db, m_clock);
        auto failure = [&](const QString &why) -> Status {
            audit::AuditEvent ev;
            ev.userName = name;
            ev.action = QString::fromLatin1(audit::action::LoginFailed);
            ev.reason = why;
            outcome = genericLoginFailure();
            return trail.append(ev).status();
        };
        if (!found)
            return failure(QStringLiteral("unknown user name"));
        if (found->isLockedAt(now))
            return failure(QStringLiteral("account locked until %1").arg(found->lockedUntilUtc.toString(Qt::ISODate)));
        if (!found->active)
            return failure(QStringLiteral("account disabled"));
        if (!passwordOk) {
            const int failures = found->failedCount + 1;
            if (failures >= MaxFailedAttempts) {
                const QString until = now.addSecs(qint64(LockoutMinutes) * 60).toString(Qt::ISODateWithMs);
                Query upd(m_db, QStringLiteral("UPDATE user_account SET failed_count = 0, locked_until_utc = ? "
                                               "WHERE user_name = ?"));
                upd.bind(until).bind(name);
                if (Status e = upd.exec(); !e)
                    return e;
                if (Status e =
                        failure(QStringLiteral("wrong password (%1 of %2)").arg(failures).arg(MaxFailedAttempts));
                    !e)
                    return e;
                audit::AuditEvent locked;
                locked.userName = name;
                locked.action = QString::fromLatin1(audit::action::AccountLocked);
                locked.newValue = until;
                locked.reason = QStringLiteral("%1 failed attempts").arg(failures);
                return trail.append(locked).status();
            }
            Query upd(m_db, QStringLiteral("UPDATE user_account SET failed_count = ? WHERE user_name = ?"));
            upd.bind(failures).bind(name);
            if (Status e = upd.exec(); !e)
                return e;
            return failure(QStringLiteral("wrong password (%1 of %2)").arg(failures).arg(MaxFailedAttempts));
        }

        const QStringList roles = found->roles();
        if (roles.isEmpty()) {
            outcome = Status::error(ErrorCode::PermissionDenied,
                                    tr("Your account has no role. Ask an administrator to grant you one."));
            return Status::ok();
        }
        const QString chosen = role.isEmpty() ? roles.first() : role;
        if (!roles.contains(chosen)) {
            outcome =
                Status::error(ErrorCode::PermissionDenied,
                              tr("Your account does not hold the role %1.").arg(Permissions::roleDisplayName(role)));
            return Status::ok();
        }
        QStringList sites;
        bool allSites = false;
        for (const RoleGrant &g : found->grants) {
            if (g.role != chosen)
                continue;
            if (g.siteOid == QLatin1String(AllSites))
                allSites = true;
            else
                sites.append(g.siteOid);
        }
        result.actor = Actor{found->userName, found->fullName, chosen, allSites ? QStringList() : sites};
        result.roles = roles;
        result.mustChangePassword = found->mustChangePassword;
        if (found->failedCount != 0 || found->lockedUntilUtc.isValid()) {
            Query upd(m_db, QStringLiteral("UPDATE user_account SET failed_count = 0, locked_until_utc = '' "
                                           "WHERE user_name = ?"));
            upd.bind(name);
            if (Status e = upd.exec(); !e)
                return e;
        }
        if (auditLogin == AuditLogin::No)
            return Status::ok();
        audit::AuditEvent ev = detail::actorEvent(result.actor, audit::action::Login);
        return trail.append(ev).status();
    });
    if (!written)
        return written;
    if (!outcome)
        return outcome;
    return result;
}

Status AuthService::checkPasswordRules(const QString &userName, const QString &password)
{
    if (password.size() < MinPasswordLength)
        return Status::error(ErrorCode::InvalidInput,
                             tr("A password has at least %1 characters.").arg(MinPasswordLength));
    if (!userName.isEmpty() && password.contains(userName, Qt::CaseInsensitive))
        return Status::error(ErrorCode::InvalidInput, tr("A password may not contain the user name."));
    if (password.trimmed().isEmpty())
        return Status::error(ErrorCode::InvalidInput, tr("A password may not be only spaces."));
    return Status::ok();
}

Status AuthService::changePassword(const QString &userName, const QString &oldPassword, const QString &newPassword)
{
    Result<LoginResult> who = authenticate(userName, oldPassword);
    if (!who)
        return who.status();
    if (Status s = checkPasswordRules(userName, newPassword); !s)
        return s;
    if (newPassword == oldPassword)
        return Status::error(ErrorCode::InvalidInput, tr("The new password must differ from the old one."));
    Result<QString> hash = hashPassword(newPassword);
    if (!hash)
        return hash.status();
    return m_db.transaction([&]() -> Status {
        Query upd(m_db, QStringLiteral("UPDATE user_account SET password_hash = ?, must_change_password = 0 "
                                       "WHERE user_name = ?"));
        upd.bind(*hash).bind(who->actor.userName);
        if (Status e = upd.exec(); !e)
            return e;
        audit::AuditEvent ev = detail::actorEvent(who->actor, audit::action::PasswordChanged);
        ev.newValue = QStringLiteral("user=%1").arg(who->actor.userName);
        ev.reason = QStringLiteral("changed by the user");
        return audit::AuditTrail(m_db, m_clock).append(ev).status();
    });
}

Status AuthService::insertAccount(const Actor &actor, const NewAccount &acc, bool isDemo)
{
    static const QRegularExpression namePattern(QStringLiteral("^[a-z0-9._-]{2,32}$"));
    if (!namePattern.match(acc.userName).hasMatch())
        return Status::error(ErrorCode::InvalidInput,
                             tr("A user name has 2 to 32 lower-case letters, digits, dots, dashes or underscores."));
    if (acc.fullName.trimmed().isEmpty())
        return Status::error(ErrorCode::InvalidInput, tr("Enter the person's full name."));
    if (acc.grants.isEmpty())
        return Status::error(ErrorCode::InvalidInput, tr("Grant the account at least one role."));
    for (const RoleGrant &g : acc.grants) {
        if (!Permissions::isGrantableRole(g.role))
            return Status::error(ErrorCode::InvalidInput,
                                 tr("%1 is not a role. Roles: %2.")
                                     .arg(g.role, Permissions::grantableRoles().join(QStringLiteral(", "))));
        if (g.siteOid != QLatin1String(AllSites)) {
            Query site(m_db, QStringLiteral("SELECT 1 FROM site WHERE oid = ?"));
            site.bind(g.siteOid);
            if (Status s = site.exec(); !s)
                return s;
            if (!site.next())
                return Status::error(ErrorCode::InvalidInput, tr("Site %1 is not part of this study.").arg(g.siteOid));
        }
    }
    if (Status s = checkPasswordRules(acc.userName, acc.password); !s)
        return s;
    Result<QString> hash = hashPassword(acc.password);
    if (!hash)
        return hash.status();
    const QString now = m_clock.nowUtc().toString(Qt::ISODateWithMs);
    return m_db.transaction([&]() -> Status {
        Query exists(m_db, QStringLiteral("SELECT 1 FROM user_account WHERE user_name = ?"));
        exists.bind(acc.userName);
        if (Status e = exists.exec(); !e)
            return e;
        if (exists.next())
            return Status::error(ErrorCode::Conflict, tr("There is already an account %1.").arg(acc.userName));
        Query ins(m_db, QStringLiteral("INSERT INTO user_account (user_name, full_name, password_hash, active, "
                                       "must_change_password, is_demo, created_utc) VALUES (?, ?, ?, 1, ?, ?, ?)"));
        ins.bind(acc.userName)
            .bind(acc.fullName.trimmed())
            .bind(*hash)
            .bind(acc.mustChangePassword ? 1 : 0)
            .bind(isDemo ? 1 : 0)
            .bind(now);
        if (Status e = ins.exec(); !e)
            return e;
        audit::AuditTrail trail(m_db, m_clock);
        audit::AuditEvent created = detail::actorEvent(actor, audit::action::UserCreated);
        created.newValue =
            QStringLiteral("user=%1;full_name=%2;must_change_password=%3;demo=%4")
                .arg(acc.userName, acc.fullName.trimmed(), boolText(acc.mustChangePassword), boolText(isDemo));
        if (Status e = trail.append(created).status(); !e)
            return e;
        for (const RoleGrant &g : acc.grants) {
            Query grant(m_db, QStringLiteral("INSERT OR IGNORE INTO role_grant (user_name, role, site_oid) "
                                             "VALUES (?, ?, ?)"));
            grant.bind(acc.userName).bind(g.role).bind(g.siteOid);
            if (Status e = grant.exec(); !e)
                return e;
            audit::AuditEvent ev = detail::actorEvent(actor, audit::action::RoleGranted);
            ev.newValue = grantText(acc.userName, g);
            if (Status e = trail.append(ev).status(); !e)
                return e;
        }
        return Status::ok();
    });
}

Status AuthService::createAccount(const Actor &actor, const NewAccount &acc)
{
    if (Status s = Permissions::check(actor, Operation::ManageUsers); !s)
        return s;
    return insertAccount(actor, acc, false);
}

Status AuthService::createInitialAccount(const NewAccount &acc, bool isDemo)
{
    return insertAccount(systemActor(), acc, isDemo);
}

Status AuthService::disableAccount(const Actor &actor, const QString &userName, const QString &reason)
{
    if (Status s = Permissions::check(actor, Operation::ManageUsers); !s)
        return s;
    if (reason.trimmed().isEmpty())
        return Status::error(ErrorCode::ReasonRequired, tr("Give a reason for disabling the account."));
    if (userName == actor.userName)
        return Status::error(ErrorCode::InvalidInput, tr("You cannot disable your own account."));
    Result<Account> acc = account(userName);
    if (!acc)
        return acc.status();
    if (!acc->active)
        return Status::ok();
    return m_db.transaction([&]() -> Status {
        Query upd(m_db, QStringLiteral("UPDATE user_account SET active = 0 WHERE user_name = ?"));
        upd.bind(userName);
        if (Status e = upd.exec(); !e)
            return e;
        audit::AuditEvent ev = detail::actorEvent(actor, audit::action::UserDisabled);
        ev.oldValue = QStringLiteral("user=%1;active=1").arg(userName);
        ev.newValue = QStringLiteral("user=%1;active=0").arg(userName);
        ev.reason = reason.trimmed();
        return audit::AuditTrail(m_db, m_clock).append(ev).status();
    });
}

Status AuthService::resetPassword(const Actor &actor, const QString &userName, const QString &newPassword)
{
    if (Status s = Permissions::check(actor, Operation::ManageUsers); !s)
        return s;
    Result<Account> acc = account(userName);
    if (!acc)
        return acc.status();
    if (Status s = checkPasswordRules(userName, newPassword); !s)
        return s;
    Result<QString> hash = hashPassword(newPassword);
    if (!hash)
        return hash.status();
    return m_db.transaction([&]() -> Status {
        Query upd(m_db, QStringLiteral("UPDATE user_account SET password_hash = ?, must_change_password = 1, "
                                       "failed_count = 0, locked_until_utc = '' WHERE user_name = ?"));
        upd.bind(*hash).bind(userName);
        if (Status e = upd.exec(); !e)
            return e;
        audit::AuditEvent ev = detail::actorEvent(actor, audit::action::PasswordChanged);
        ev.newValue = QStringLiteral("user=%1;must_change_password=1").arg(userName);
        ev.reason = QStringLiteral("reset by an administrator");
        return audit::AuditTrail(m_db, m_clock).append(ev).status();
    });
}

Status AuthService::grantRole(const Actor &actor, const QString &userName, const RoleGrant &grant)
{
    if (Status s = Permissions::check(actor, Operation::ManageUsers); !s)
        return s;
    Result<Account> acc = account(userName);
    if (!acc)
        return acc.status();
    if (!Permissions::isGrantableRole(grant.role))
        return Status::error(ErrorCode::InvalidInput,
                             tr("%1 is not a role. Roles: %2.")
                                 .arg(grant.role, Permissions::grantableRoles().join(QStringLiteral(", "))));
    if (acc->grants.contains(grant))
        return Status::ok();
    if (grant.siteOid != QLatin1String(AllSites)) {
        Query site(m_db, QStringLiteral("SELECT 1 FROM site WHERE oid = ?"));
        site.bind(grant.siteOid);
        if (Status s = site.exec(); !s)
            return s;
        if (!site.next())
            return Status::error(ErrorCode::InvalidInput, tr("Site %1 is not part of this study.").arg(grant.siteOid));
    }
    return m_db.transaction([&]() -> Status {
        Query ins(m_db, QStringLiteral("INSERT INTO role_grant (user_name, role, site_oid) VALUES (?, ?, ?)"));
        ins.bind(userName).bind(grant.role).bind(grant.siteOid);
        if (Status e = ins.exec(); !e)
            return e;
        audit::AuditEvent ev = detail::actorEvent(actor, audit::action::RoleGranted);
        ev.newValue = grantText(userName, grant);
        return audit::AuditTrail(m_db, m_clock).append(ev).status();
    });
}

QList<DemoAccount> demoAccountList()
{
    // None of the passwords contains its user name (the password rule), and
    // each hints at what the role does.
    return {
        {QStringLiteral("nurse"), QStringLiteral("Nora Demo (study nurse)"), QString::fromLatin1(role::Nurse),
         QStringLiteral("demo-entry-2026")},
        {QStringLiteral("investigator"), QStringLiteral("Ivan Demo (investigator)"),
         QString::fromLatin1(role::Investigator), QStringLiteral("demo-signs-2026")},
        {QStringLiteral("monitor"), QStringLiteral("Mona Demo (monitor)"), QString::fromLatin1(role::Monitor),
         QStringLiteral("demo-checks-2026")},
        {QStringLiteral("datamanager"), QStringLiteral("Dana Demo (data manager)"),
         QString::fromLatin1(role::DataManager), QStringLiteral("demo-locks-2026")},
        {QStringLiteral("admin"), QStringLiteral("Adam Demo (administrator)"), QString::fromLatin1(role::Administrator),
         QStringLiteral("demo-users-2026")},
    };
}

Status createDemoAccounts(store::Database &db, const Clock &clock)
{
    AuthService auth(db, clock);
    if (auth.hasAccounts())
        return Status::error(ErrorCode::Conflict, QCoreApplication::translate("cellcrf::auth::AuthService",
                                                                              "This file already has accounts."));
    for (const DemoAccount &d : demoAccountList()) {
        NewAccount acc{d.userName, d.fullName, d.password, {RoleGrant{d.role, QString::fromLatin1(AllSites)}}, false};
        if (Status s = auth.createInitialAccount(acc, true); !s)
            return s;
    }
    return Status::ok();
}

Status createAdministrator(store::Database &db, const Clock &clock, const QString &userName, const QString &fullName,
                           const QString &password)
{
    AuthService auth(db, clock);
    if (auth.hasAccounts())
        return Status::error(
            ErrorCode::Conflict,
            QCoreApplication::translate("cellcrf::auth::AuthService",
                                        "This file already has accounts: an administrator creates further accounts."));
    // The administrator chose this password, so it need not be changed at first login.
    NewAccount acc{userName.trimmed(),
                   fullName,
                   password,
                   {RoleGrant{QString::fromLatin1(role::Administrator), QString::fromLatin1(AllSites)}},
                   false};
    return auth.createInitialAccount(acc, false);
}

} // namespace cellcrf::auth
