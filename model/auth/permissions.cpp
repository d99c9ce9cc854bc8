#include "auth/permissions.h"

#include <QCoreApplication>

namespace cellcrf::auth {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::auth::Permissions", text);
}

struct OperationInfo
{
    Operation op;
    const char *name;
    const char *phrase;  // completes "A <role> may not ..."
    const char *askRole; // who to ask instead
};

// The order follows the Operation enum.
constexpr OperationInfo operations[] = {
    {Operation::ViewData, "view_data", QT_TRANSLATE_NOOP("cellcrf::auth::Permissions", "view clinical data"),
     role::DataManager},
    {Operation::EnterData, "enter_data", QT_TRANSLATE_NOOP("cellcrf::auth::Permissions", "enter or change data"),
     role::Nurse},
    {Operation::AnswerQuery, "answer_query", QT_TRANSLATE_NOOP("cellcrf::auth::Permissions", "answer queries"),
     role::Nurse},
    {Operation::OpenQuery, "open_query", QT_TRANSLATE_NOOP("cellcrf::auth::Permissions", "open queries"),
     role::Monitor},
    {Operation::CloseQuery, "close_query", QT_TRANSLATE_NOOP("cellcrf::auth::Permissions", "close or re-open queries"),
     role::Monitor},
    {Operation::Verify, "verify", QT_TRANSLATE_NOOP("cellcrf::auth::Permissions", "verify source data"), role::Monitor},
    {Operation::Sign, "sign", QT_TRANSLATE_NOOP("cellcrf::auth::Permissions", "sign forms"), role::Investigator},
    {Operation::Lock, "lock", QT_TRANSLATE_NOOP("cellcrf::auth::Permissions", "lock data"), role::DataManager},
    {Operation::Unlock, "unlock", QT_TRANSLATE_NOOP("cellcrf::auth::Permissions", "unlock data"), role::DataManager},
    {Operation::Export, "export", QT_TRANSLATE_NOOP("cellcrf::auth::Permissions", "export data"), role::DataManager},
    {Operation::Sync, "sync", QT_TRANSLATE_NOOP("cellcrf::auth::Permissions", "exchange sync packages"),
     role::DataManager},
    {Operation::ResolveConflict, "resolve_conflict",
     QT_TRANSLATE_NOOP("cellcrf::auth::Permissions", "resolve sync conflicts"), role::DataManager},
    {Operation::ManageUsers, "manage_users", QT_TRANSLATE_NOOP("cellcrf::auth::Permissions", "manage user accounts"),
     role::Administrator},
    {Operation::ManageDevices, "manage_devices", QT_TRANSLATE_NOOP("cellcrf::auth::Permissions", "manage devices"),
     role::Administrator},
};

const OperationInfo &info(Operation op)
{
    for (const OperationInfo &i : operations) {
        if (i.op == op)
            return i;
    }
    Q_ASSERT(false);
    return operations[0];
}

using enum Operation;

// The permission table of DESIGN.md §6. A study nurse enters data and answers
// queries; an investigator also signs; a monitor verifies and raises queries and
// is otherwise read-only; a data manager queries, locks, exports, syncs and
// resolves conflicts (and corrects data); an administrator manages users and
// devices but does not read clinical data.
const QList<std::pair<const char *, QList<Operation>>> &table()
{
    static const QList<std::pair<const char *, QList<Operation>>> t = {
        {role::Nurse, {ViewData, EnterData, AnswerQuery}},
        {role::Investigator, {ViewData, EnterData, AnswerQuery, Sign}},
        {role::Monitor, {ViewData, OpenQuery, CloseQuery, Verify}},
        {role::DataManager, {ViewData, EnterData, OpenQuery, CloseQuery, Lock, Unlock, Export, Sync, ResolveConflict}},
        {role::Administrator, {ManageUsers, ManageDevices}},
        // The program acting for itself (demo data, imports) enters and moves
        // data but never signs or manages accounts: those need a person.
        {role::System,
         {ViewData, EnterData, AnswerQuery, OpenQuery, CloseQuery, Verify, Lock, Unlock, Export, Sync,
          ResolveConflict}},
    };
    return t;
}

} // namespace

QStringList Permissions::grantableRoles()
{
    return {QString::fromLatin1(role::Nurse), QString::fromLatin1(role::Investigator),
            QString::fromLatin1(role::Monitor), QString::fromLatin1(role::DataManager),
            QString::fromLatin1(role::Administrator)};
}

bool Permissions::isGrantableRole(const QString &r)
{
    return grantableRoles().contains(r);
}

QString Permissions::roleDisplayName(const QString &r)
{
    if (r == QLatin1String(role::Nurse))
        return tr("study nurse");
    if (r == QLatin1String(role::Investigator))
        return tr("investigator");
    if (r == QLatin1String(role::Monitor))
        return tr("monitor");
    if (r == QLatin1String(role::DataManager))
        return tr("data manager");
    if (r == QLatin1String(role::Administrator))
        return tr("administrator");
    if (r == QLatin1String(role::System))
        return tr("system process");
    return r.isEmpty() ? tr("user without a role") : tr("user in role '%1'").arg(r);
}

QString Permissions::operationName(Operation op)
{
    return QString::fromLatin1(info(op).name);
}

QList<Operation> Permissions::allOperations()
{
    QList<Operation> out;
    for (const OperationInfo &i : operations)
        out.append(i.op);
    return out;
}

bool Permissions::allows(const QString &r, Operation op)
{
    for (const auto &[name, ops] : table()) {
        if (r == QLatin1String(name))
            return ops.contains(op);
    }
    return false;
}

Status Permissions::check(const Actor &actor, Operation op)
{
    if (allows(actor.role, op))
        return Status::ok();
    const OperationInfo &i = info(op);
    const QString who = roleDisplayName(actor.role);
    const QString ask = roleDisplayName(QString::fromLatin1(i.askRole));
    // The English articles are part of each sentence form, so that a language
    // without articles translates all four the same way.
    auto vowel = [](const QString &noun) { return QStringLiteral("aeiou").contains(noun.at(0)); };
    const QString sentence = vowel(who)
                                 ? (vowel(ask) ? tr("An %1 may not %2. Ask an %3.") : tr("An %1 may not %2. Ask a %3."))
                                 : (vowel(ask) ? tr("A %1 may not %2. Ask an %3.") : tr("A %1 may not %2. Ask a %3."));
    return Status::error(
        ErrorCode::PermissionDenied, sentence.arg(who, tr(i.phrase), ask),
        QStringLiteral("role=%1 operation=%2 user=%3").arg(actor.role, QString::fromLatin1(i.name), actor.userName));
}

} // namespace cellcrf::auth
