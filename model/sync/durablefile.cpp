#include "sync/durablefile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileDevice>
#include <QFileInfo>

#include <filesystem>
#include <system_error>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <fcntl.h>
#include <unistd.h>
#endif

namespace cellcrf::sync {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::sync::DurableFile", text);
}

} // namespace

Status flushToDisk(QFileDevice &file)
{
    if (!file.flush())
        return Status::error(ErrorCode::Io, tr("cannot write %1: %2").arg(file.fileName(), file.errorString()));
    const int fd = file.handle();
#ifdef Q_OS_WIN
    const bool synced = fd >= 0 && ::_commit(fd) == 0;
#else
    const bool synced = fd >= 0 && ::fsync(fd) == 0;
#endif
    if (!synced)
        return Status::error(ErrorCode::Io, tr("cannot write %1 to the disk").arg(file.fileName()));
    return Status::ok();
}

Status publishFile(const QString &from, const QString &to)
{
    std::error_code error;
    std::filesystem::rename(std::filesystem::path(from.toStdU16String()), std::filesystem::path(to.toStdU16String()),
                            error);
    if (error)
        return Status::error(ErrorCode::Io, tr("cannot rename %1 to %2").arg(from, to),
                             QString::fromLocal8Bit(error.message()));
#ifndef Q_OS_WIN
    // The rename is durable only once the folder's entry is on the disk.
    const QByteArray folder = QFile::encodeName(QFileInfo(to).absolutePath());
    const int fd = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return Status::error(ErrorCode::Io, tr("cannot write %1 to the disk").arg(to));
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced)
        return Status::error(ErrorCode::Io, tr("cannot write %1 to the disk").arg(to));
#endif
    return Status::ok();
}

QString humanSize(qint64 bytes)
{
    if (bytes < 1024)
        return tr("%1 bytes").arg(bytes);
    const char *units[] = {QT_TRANSLATE_NOOP("cellcrf::sync::DurableFile", "%1 KB"),
                           QT_TRANSLATE_NOOP("cellcrf::sync::DurableFile", "%1 MB"),
                           QT_TRANSLATE_NOOP("cellcrf::sync::DurableFile", "%1 GB"),
                           QT_TRANSLATE_NOOP("cellcrf::sync::DurableFile", "%1 TB")};
    double value = double(bytes) / 1024.0;
    int unit = 0;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    // One decimal, without a trailing ".0": "2 GB", "3.1 GB".
    QString number = QString::number(value, 'f', 1);
    if (number.endsWith(QLatin1String(".0")))
        number.chop(2);
    return tr(units[unit]).arg(number);
}

} // namespace cellcrf::sync
