#pragma once

// Writing files that survive a crash or a power cut whole or not at all: the
// bytes are flushed to the disk before the rename that publishes them, and the
// folder after it. Used for key files and sync packages, which a person may
// carry away on a stick right after the program said "written".

#include "core/result.h"

#include <QString>

class QFileDevice;

namespace cellcrf::sync {

// Flushes Qt's buffer and the operating system's cache of an open file to the disk.
Status flushToDisk(QFileDevice &file);

// Renames `from` onto `to`, replacing `to` atomically if it exists, then flushes
// the folder so that the rename itself is durable.
Status publishFile(const QString &from, const QString &to);

// "3.1 GB", "1.5 KB", "812 bytes": sizes for people, in steps of 1024.
QString humanSize(qint64 bytes);

} // namespace cellcrf::sync
