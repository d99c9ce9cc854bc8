#pragma once

// The Authenticator of a study file: its accounts (model/auth AuthService) and
// the permission table (auth::Permissions), so the widgets ask the model.

#include "authenticator.h"

#include <memory>

namespace cellcrf {
class Clock;
namespace store {
class Database;
}
namespace auth {
class AuthService;
}
} // namespace cellcrf

namespace cellcrf::forms {

class ModelAuthenticator final : public Authenticator
{
public:
    ModelAuthenticator(store::Database &db, const Clock &clock);
    ~ModelAuthenticator() override;

    Result<Actor> signIn(const QString &userName, const QString &password) override;
    Status confirmPassword(const Actor &actor, const QString &password) override;
    QList<DemoAccount> demoAccounts() const override;
    Status mayDo(const Actor &actor, Action action) const override;

    auth::AuthService &service() { return *m_auth; }

private:
    std::unique_ptr<auth::AuthService> m_auth;
};

} // namespace cellcrf::forms
