#include "modelauthenticator.h"

#include "auth/authservice.h"
#include "auth/permissions.h"

namespace cellcrf::forms {

namespace {
auth::Operation operationOf(Action action)
{
    switch (action) {
    case Action::EnterData:
    case Action::RegisterSubject:
        return auth::Operation::EnterData;
    case Action::VerifySource:
        return auth::Operation::Verify;
    case Action::RaiseQuery:
        return auth::Operation::OpenQuery;
    case Action::AnswerQuery:
        return auth::Operation::AnswerQuery;
    case Action::CloseQuery:
        return auth::Operation::CloseQuery;
    case Action::Sign:
        return auth::Operation::Sign;
    case Action::Lock:
        return auth::Operation::Lock;
    case Action::Unlock:
        return auth::Operation::Unlock;
    }
    return auth::Operation::ViewData;
}
} // namespace

ModelAuthenticator::ModelAuthenticator(store::Database &db, const Clock &clock)
    : m_auth(std::make_unique<auth::AuthService>(db, clock))
{}

ModelAuthenticator::~ModelAuthenticator() = default;

Result<Actor> ModelAuthenticator::signIn(const QString &userName, const QString &password)
{
    auto result = m_auth->login(userName, password);
    if (!result)
        return result.status();
    return result->actor;
}

Status ModelAuthenticator::confirmPassword(const Actor &actor, const QString &password)
{
    return m_auth->authenticate(actor.userName, password, actor.role).status();
}

QList<DemoAccount> ModelAuthenticator::demoAccounts() const
{
    QList<DemoAccount> out;
    const auto existing = m_auth->demoAccounts();
    if (!existing)
        return out;
    for (const auto &d : auth::demoAccountList()) {
        for (const auto &a : *existing)
            if (a.userName == d.userName)
                out.append({d.userName, d.password, d.fullName, d.role, QString()});
    }
    return out;
}

Status ModelAuthenticator::mayDo(const Actor &actor, Action action) const
{
    return auth::Permissions::check(actor, operationOf(action));
}

} // namespace cellcrf::forms
