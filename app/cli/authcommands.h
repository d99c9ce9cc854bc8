#pragma once

// Commands that act as a signed-in person: user administration, queries,
// locking, signatures. Each takes the acting user and password by option or
// prompt (never echoed).

#include <QStringList>
#include <QTextStream>

namespace cellcrf {
class Clock;
}

namespace cellcrf::cli {

// The commands handled here.
QStringList authCommandNames();
// One line per command for --help: synopsis and summary.
QList<QPair<QString, QString>> authCommandHelp();
// Runs `args` (command name first); returns the process exit code.
int runAuthCommand(const QStringList &args, QTextStream &out, QTextStream &err, QTextStream &in, const Clock &clock);

} // namespace cellcrf::cli
