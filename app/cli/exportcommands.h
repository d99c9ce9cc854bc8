#pragma once

// `cellcrf-cli export FORMAT DB`: the exports of EXCHANGE.md (REDCap CSV, long
// CSV, audit CSV, ODM XML) and the per-subject endpoints dataset, written into
// a folder together with a manifest of file hashes, as a signed-in person with
// the export right. Progress goes to standard error.

#include <QStringList>
#include <QTextStream>

namespace cellcrf {
class Clock;
}

namespace cellcrf::cli {

// The commands handled here.
QStringList exportCommandNames();
// One line per command for --help: synopsis and summary.
QList<QPair<QString, QString>> exportCommandHelp();
// Runs `args` (command name first); returns the process exit code.
int runExportCommand(const QStringList &args, QTextStream &out, QTextStream &err, QTextStream &in, const Clock &clock);

} // namespace cellcrf::cli
