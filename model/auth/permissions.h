#pragma once

// Who may do what (DESIGN.md §6), in one table in code: every model operation
// that writes or exports asks Permissions::check() before it touches the
// database, so a refusal writes nothing and the CLI and the GUI cannot differ.

#include "core/actor.h"
#include "core/result.h"

#include <QString>
#include <QStringList>

namespace cellcrf::auth {

// Role names as stored in role_grant.role and Actor::role.
namespace role {
inline constexpr char Nurse[] = "nurse"; // study nurse / coordinator
inline constexpr char Investigator[] = "investigator";
inline constexpr char Monitor[] = "monitor";
inline constexpr char DataManager[] = "data_manager";
inline constexpr char Administrator[] = "administrator";
// The program itself (demo data, imports): never granted to an account.
inline constexpr char System[] = "system";
} // namespace role

enum class Operation
{
    ViewData,        // read subjects and forms of the granted sites
    EnterData,       // register subjects, enter and change values
    AnswerQuery,     // reply to a data clarification query
    OpenQuery,       // raise a query on an item
    CloseQuery,      // close or re-open a query
    Verify,          // source data verification
    Sign,            // electronic signature
    Lock,            // lock a form, a subject or the study
    Unlock,          // unlock, with a reason
    Export,          // CSV / ODM export
    Sync,            // build and import sync packages
    ResolveConflict, // choose between conflicting values after sync
    ManageUsers,     // accounts, role grants, password resets
    ManageDevices,   // register devices and sync peers
};

class Permissions
{
public:
    // The roles that can be granted to an account, in display order.
    static QStringList grantableRoles();
    static bool isGrantableRole(const QString &role);
    // "study nurse", "data manager", ...
    static QString roleDisplayName(const QString &role);
    static QString operationName(Operation op); // "enter_data", ...
    static QList<Operation> allOperations();

    static bool allows(const QString &role, Operation op);
    // Ok, or PermissionDenied with a message such as "A study nurse may not lock
    // data. Ask a data manager."
    static Status check(const Actor &actor, Operation op);
};

} // namespace cellcrf::auth
