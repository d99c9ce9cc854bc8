#include "cli.h"

#include "core/clock.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("cellcrf-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("CellCRF"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CELLCRF_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    QTextStream in(stdin);
    const cellcrf::SystemClock clock;
    cellcrf::cli::Cli cli(out, err, in, clock);
    return cli.run(QCoreApplication::arguments());
}
