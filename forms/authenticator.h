#pragma once

// What the widgets need from the authentication layer (model/auth): signing in,
// re-asking a password (screen lock, signatures), the demo accounts of a demo
// database, and whether a role may take an action. The widgets never decide
// permissions themselves; they ask here and show the answer.

#include "core/actor.h"
#include "core/result.h"

#include <QList>
#include <QString>

namespace cellcrf::forms {

struct DemoAccount
{
    QString userName;
    QString password;
    QString fullName;
    QString role;
    QString siteOid;
};

enum class Action
{
    EnterData,
    RegisterSubject,
    VerifySource,
    RaiseQuery,
    AnswerQuery,
    CloseQuery, // close or re-open a query
    Sign,
    Lock,
    Unlock,
};

class Authenticator
{
public:
    virtual ~Authenticator() = default;
    virtual Result<Actor> signIn(const QString &userName, const QString &password) = 0;
    // Re-checks the signed-in person's password (unlocking the screen, signing).
    virtual Status confirmPassword(const Actor &actor, const QString &password) = 0;
    // Listed on the login dialog of a demo database only.
    virtual QList<DemoAccount> demoAccounts() const = 0;
    // Ok, or refused with the reason fit for a tooltip.
    virtual Status mayDo(const Actor &actor, Action action) const = 0;
};

} // namespace cellcrf::forms
