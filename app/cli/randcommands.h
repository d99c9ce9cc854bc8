#pragma once

// `cellcrf-cli rand …` (RANDOMIZATION.md §3.11). For now `rand plan`: the plaintext
// list of a scheme, seed and list id as CSV, computed without a database or a login,
// for the statistician's checks and for tests. Exit status: 0 ok, 1 a file could not
// be read or written, 2 usage, 3 a scheme the loader refuses (RAND_SCHEME_INVALID).
// Errors that carry a code start with it: "error: RAND_SCHEME_INVALID: …".

#include <QStringList>
#include <QTextStream>

namespace cellcrf::cli {

// The commands handled here.
QStringList randCommandNames();
// One line per command for --help: synopsis and summary.
QList<QPair<QString, QString>> randCommandHelp();
// Runs `args` ("rand" first); returns the process exit code.
int runRandCommand(const QStringList &args, QTextStream &out, QTextStream &err);

} // namespace cellcrf::cli
