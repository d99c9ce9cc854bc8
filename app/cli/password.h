#pragma once

// How every command that acts as a person gets a password: the next line of
// standard input with --password-stdin, else an environment variable (for
// scripts), else typed at a prompt on standard error with the echo turned off.

#include <QString>
#include <QTextStream>

namespace cellcrf::cli {

QString readPassword(bool fromStdin, const char *envName, const QString &prompt, QTextStream &in, QTextStream &err);

} // namespace cellcrf::cli
