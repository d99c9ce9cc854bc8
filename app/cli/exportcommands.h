#pragma once

// `cellcrf-cli export FORMAT DB`: the exports of EXCHANGE.md (REDCap CSV, long
// CSV, audit CSV, ODM XML) and the per-subject endpoints dataset, written into
// a folder together with a manifest of file hashes, as a signed-in person with
// the export right. Progress goes to standard error. `export pdf` writes the
// annotated blank CRF and subject casebooks (forms/pdf), which paint and so
// need a QGuiApplication: main() creates one for that command only.

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
// Whether `arguments` (program name first) run `export pdf`, which needs a QGuiApplication.
bool exportNeedsGuiApplication(const QStringList &arguments);
// Runs `args` (command name first); returns the process exit code.
int runExportCommand(const QStringList &args, QTextStream &out, QTextStream &err, QTextStream &in, const Clock &clock);

} // namespace cellcrf::cli
