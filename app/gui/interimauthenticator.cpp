#include "interimauthenticator.h"

#include <QCoreApplication>

namespace cellcrf::gui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::gui::InterimAuthenticator", text);
}
} // namespace

QList<forms::DemoAccount> InterimAuthenticator::demoAccounts() const
{
    return {
        {QStringLiteral("nurse"), QStringLiteral("demo-entry-2026"), QStringLiteral("Nora Demo"),
         QStringLiteral("nurse"), QString()},
        {QStringLiteral("investigator"), QStringLiteral("demo-signs-2026"), QStringLiteral("Ivan Demo"),
         QStringLiteral("investigator"), QString()},
        {QStringLiteral("monitor"), QStringLiteral("demo-checks-2026"), QStringLiteral("Mona Demo"),
         QStringLiteral("monitor"), QString()},
        {QStringLiteral("datamanager"), QStringLiteral("demo-locks-2026"), QStringLiteral("Dana Demo"),
         QStringLiteral("data_manager"), QString()},
    };
}

Result<Actor> InterimAuthenticator::signIn(const QString &userName, const QString &password)
{
    for (const auto &a : demoAccounts())
        if (a.userName == userName && a.password == password)
            return Actor{a.userName, a.fullName, a.role, {}};
    return Status::error(ErrorCode::AuthenticationFailed, tr("The user name or the password is not right."));
}

Status InterimAuthenticator::confirmPassword(const Actor &actor, const QString &password)
{
    return signIn(actor.userName, password).status();
}

Status InterimAuthenticator::mayDo(const Actor &actor, forms::Action action) const
{
    using forms::Action;
    const QString &r = actor.role;
    bool allowed = false;
    switch (action) {
    case Action::EnterData:
    case Action::RegisterSubject:
        allowed = r == QLatin1String("nurse") || r == QLatin1String("investigator");
        break;
    case Action::AnswerQuery:
        allowed = r == QLatin1String("nurse") || r == QLatin1String("investigator");
        break;
    case Action::RaiseQuery:
        allowed = r == QLatin1String("monitor") || r == QLatin1String("data_manager");
        break;
    case Action::VerifySource:
        allowed = r == QLatin1String("monitor");
        break;
    case Action::Sign:
        allowed = r == QLatin1String("investigator");
        break;
    case Action::Lock:
    case Action::Unlock:
        allowed = r == QLatin1String("data_manager");
        break;
    }
    if (allowed)
        return Status::ok();
    return Status::error(ErrorCode::PermissionDenied, tr("Your role may not do this."));
}

} // namespace cellcrf::gui
