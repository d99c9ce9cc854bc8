#pragma once

// AuthService owns the accounts of one study file: password hashing (Argon2id,
// libsodium's interactive limits), the password rules, login with lockout after
// repeated failures, and account administration. Every change and every failed
// attempt is an audit event in the same hash chain as the clinical data.
//
// Failure messages never say whether a user name exists: an unknown name, a
// wrong password, a disabled and a locked account all read the same.

#include "auth/permissions.h"
#include "core/actor.h"
#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace cellcrf {
class Clock;
namespace store {
class Database;
}
} // namespace cellcrf

namespace cellcrf::auth {

// role_grant.site_oid that grants every site.
inline constexpr char AllSites[] = "*";

struct RoleGrant
{
    QString role;    // one of Permissions::grantableRoles()
    QString siteOid; // a site oid, or AllSites
    friend bool operator==(const RoleGrant &, const RoleGrant &) = default;
};

struct Account
{
    QString userName;
    QString fullName;
    bool active = true;
    bool mustChangePassword = false;
    bool isDemo = false;
    int failedCount = 0;
    QDateTime lockedUntilUtc; // invalid when not locked
    QString createdUtc;
    QList<RoleGrant> grants;

    bool isLockedAt(const QDateTime &nowUtc) const { return lockedUntilUtc.isValid() && nowUtc < lockedUntilUtc; }
    QStringList roles() const;
};

struct NewAccount
{
    QString userName; // 2 to 32 lower-case letters, digits, '.', '_' or '-'
    QString fullName;
    QString password;
    QList<RoleGrant> grants;
    bool mustChangePassword = true; // an administrator chose the password
};

struct LoginResult
{
    Actor actor;             // acting in the chosen role, with that role's sites
    QStringList roles;       // every role the account holds, to offer a switch
    bool mustChangePassword; // the GUI asks for a new password before anything else
};

class AuthService
{
public:
    static constexpr int MaxFailedAttempts = 5;
    static constexpr int LockoutMinutes = 15;
    static constexpr int MinPasswordLength = 10;

    AuthService(store::Database &db, const Clock &clock);

    // Starts a session: checks the credentials and writes a `login` event. With
    // several roles, `role` chooses one (empty: the first in display order).
    Result<LoginResult> login(const QString &userName, const QString &password, const QString &role = {});
    // Checks credentials for one action (a CLI command, a signature, resuming a
    // locked session) without a `login` event. Failures count toward the lockout
    // and are audited exactly as at login.
    Result<LoginResult> authenticate(const QString &userName, const QString &password, const QString &role = {});

    // The user's own change; clears "must change password".
    Status changePassword(const QString &userName, const QString &oldPassword, const QString &newPassword);
    // At least MinPasswordLength characters and not containing the user name.
    static Status checkPasswordRules(const QString &userName, const QString &password);

    // Administration: each needs Operation::ManageUsers.
    Status createAccount(const Actor &actor, const NewAccount &account);
    Status disableAccount(const Actor &actor, const QString &userName, const QString &reason);
    // Sets a new password the user must change at the next login; also releases a lockout.
    Status resetPassword(const Actor &actor, const QString &userName, const QString &newPassword);
    Status grantRole(const Actor &actor, const QString &userName, const RoleGrant &grant);
    Result<QList<Account>> accounts(const Actor &actor) const;

    // Without a permission check, for the program itself (login dialog, tests).
    Result<Account> account(const QString &userName) const;
    bool hasAccounts() const;
    // The demonstration accounts of a demo file, for the login dialog to list.
    Result<QList<Account>> demoAccounts() const;

    // Creates an account as the program itself (the first administrator, demo
    // accounts); `isDemo` marks a demonstration account. Audited as `system`.
    Status createInitialAccount(const NewAccount &account, bool isDemo);

private:
    enum class AuditLogin
    {
        Yes,
        No
    };
    Result<LoginResult> signIn(const QString &userName, const QString &password, const QString &role,
                               AuditLogin auditLogin);
    Status insertAccount(const Actor &actor, const NewAccount &account, bool isDemo);
    Result<QList<Account>> readAccounts(const QString &where, const QVariant &value) const;

    store::Database &m_db;
    const Clock &m_clock;
};

// One demonstration account per role; the passwords are documented in
// model/auth/README.md and shown on the login dialog of a demo file only.
struct DemoAccount
{
    QString userName;
    QString fullName;
    QString role;
    QString password;
};
QList<DemoAccount> demoAccountList();

// Creates the demo accounts (all sites) in a demo file. Refused when accounts exist.
Status createDemoAccounts(store::Database &db, const Clock &clock);
// Creates the administrator of a new real file: the first account, all sites.
// Refused once any account exists (later accounts are created by an administrator).
Status createAdministrator(store::Database &db, const Clock &clock, const QString &userName, const QString &fullName,
                           const QString &password);

} // namespace cellcrf::auth
