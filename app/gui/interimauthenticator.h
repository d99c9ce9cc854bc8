#pragma once

// Accounts and permissions until the study file's own accounts (model/auth) are
// wired in: the demonstration accounts and their roles.

#include "authenticator.h"

namespace cellcrf::gui {

class InterimAuthenticator final : public forms::Authenticator
{
public:
    Result<Actor> signIn(const QString &userName, const QString &password) override;
    Status confirmPassword(const Actor &actor, const QString &password) override;
    QList<forms::DemoAccount> demoAccounts() const override;
    Status mayDo(const Actor &actor, forms::Action action) const override;
};

} // namespace cellcrf::gui
