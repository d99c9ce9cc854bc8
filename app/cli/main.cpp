#include "cli.h"
#include "exportcommands.h"

#include "core/clock.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

#include <cstdio>
#include <memory>

int main(int argc, char **argv)
{
    // Every command runs on QCoreApplication, except `export pdf`: painting the
    // documents needs QGuiApplication, which gets the offscreen platform unless
    // the caller chose one, so that it runs where there is no display.
    QStringList early;
    for (int i = 0; i < argc; ++i)
        early << QString::fromLocal8Bit(argv[i]);
    std::unique_ptr<QCoreApplication> app;
    if (cellcrf::cli::exportNeedsGuiApplication(early)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
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
