// Times a full REDCap export of a study file and reports the wall time and the
// peak resident memory of the process, to compare with the floor of reading
// the same values with the sqlite3 shell. See README.md in this folder.

#include "core/clock.h"
#include "demo/demogenerator.h"
#include "exchange/redcapexport.h"
#include "store/studyfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTextStream>

#include <sys/resource.h>

using namespace cellcrf;

namespace {

long peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // KiB on Linux
}

int usage(QTextStream &err)
{
    err << "usage: bench_export DB\n"
           "       bench_export --generate N [--study s1904|peds-cd19] [--keep DB]\n"
           "Times a full REDCap export of DB (or of a new demo database of N subjects).\n";
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty())
        return usage(err);

    QTemporaryDir work;
    if (!work.isValid()) {
        err << "bench_export: cannot create a temporary folder\n";
        return 1;
    }
    const SystemClock clock;
    std::unique_ptr<store::StudyFile> file;
    QString path;
    if (args.first() == QLatin1String("--generate")) {
        bool ok = false;
        demo::DemoOptions options;
        options.subjects = args.value(1).toInt(&ok);
        if (!ok || options.subjects < 1)
            return usage(err);
        for (qsizetype i = 2; i + 1 < args.size(); i += 2) {
            if (args.at(i) == QLatin1String("--study"))
                options.studyOid = args.at(i + 1);
            else if (args.at(i) == QLatin1String("--keep"))
                path = args.at(i + 1);
            else
                return usage(err);
        }
        if (path.isEmpty())
            path = work.filePath(QStringLiteral("bench.ccrf"));
        QElapsedTimer t;
        t.start();
        auto created = demo::createDemoDatabase(path, options, [&](int done, int total) {
            if (done % 100 == 0 || done == total)
                err << "generating: " << done << " of " << total << " subjects" << Qt::endl;
        });
        if (!created) {
            err << "bench_export: " << created.message() << Qt::endl;
            return 1;
        }
        err << "generated " << path << " in " << QString::number(t.elapsed() / 1000.0, 'f', 2) << " s" << Qt::endl;
        file = std::move(*created);
    } else {
        if (args.size() != 1)
            return usage(err);
        path = args.first();
        auto opened = store::StudyFile::open(path, clock);
        if (!opened) {
            err << "bench_export: " << opened.message() << Qt::endl;
            return 1;
        }
        file = std::move(*opened);
    }

    const QString target = work.filePath(QStringLiteral("out"));
    QDir().mkpath(target);
    const long rssBefore = peakRssKiB();
    const exchange::ExportContext context{
        file->database(), file->study(), clock,
        Actor{QStringLiteral("datamanager"), QStringLiteral("Benchmark"), QStringLiteral("data_manager"), {}}};
    QElapsedTimer timer;
    timer.start();
    auto result = exchange::exportRedcap(context, {}, target);
    const double seconds = timer.nsecsElapsed() / 1e9;
    if (!result) {
        err << "bench_export: " << result.message() << Qt::endl;
        return 1;
    }
    qint64 bytes = 0;
    qint64 rows = 0;
    for (const exchange::ExportedFile &f : std::as_const(result->files)) {
        bytes += QFileInfo(QDir(target).filePath(f.fileName)).size();
        if (f.fileName.contains(QLatin1String("_DATA_")))
            rows = f.rows;
    }
    out << "database:          " << path << " (" << QFileInfo(path).size() / 1024 << " KiB)\n";
    out << "subjects:          " << result->subjects << "\n";
    out << "data rows:         " << rows << "\n";
    out << "bytes written:     " << bytes << " in " << result->files.size() << " files\n";
    out << "export wall time:  " << QString::number(seconds, 'f', 3) << " s\n";
    out << "peak RSS:          " << peakRssKiB() << " KiB (" << rssBefore << " KiB before the export)\n";
    out << "floor, to time separately:\n";
    out << "  /usr/bin/time -v sqlite3 -csv " << path << " 'SELECT * FROM item_value' > /dev/null\n";
    out.flush();
    return 0;
}
