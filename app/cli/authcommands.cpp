#include "authcommands.h"

namespace cellcrf::cli {

QStringList authCommandNames()
{
    return {};
}

QList<QPair<QString, QString>> authCommandHelp()
{
    return {};
}

int runAuthCommand(const QStringList &args, QTextStream &out, QTextStream &err, QTextStream &in, const Clock &clock)
{
    Q_UNUSED(out)
    Q_UNUSED(in)
    Q_UNUSED(clock)
    err << "cellcrf-cli: unknown command " << args.value(0) << Qt::endl;
    return 2;
}

} // namespace cellcrf::cli
