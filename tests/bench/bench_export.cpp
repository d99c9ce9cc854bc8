// Times a full REDCap export of a study file against the floor of reading the
// same values once with the sqlite3 shell, and reports the peak resident
// memory of both. See README.md in this folder.

#include "core/clock.h"
#include "demo/demogenerator.h"
#include "exchange/redcapexport.h"
#include "records/studyfile.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

#include <sys/resource.h>

using namespace cellcrf;

namespace {

// The peak resident memory of a process (VmHWM of /proc/PID/status), in KiB.
// Unlike getrusage's ru_maxrss it starts afresh at exec: a process started by
// a larger one (or the floor started by this one) is not charged its parent's pages.
long peakKiB(const QString &pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines)
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    return 0;
}

long peakRssKiB()
{
    if (const long kib = peakKiB(QStringLiteral("self")))
        return kib;
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // KiB on Linux
}

// User plus system time of this process (RUSAGE_SELF) or of its finished children.
double cpuSeconds(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
}

QString seconds(double s)
{
    return QString::number(s, 'f', 3) + QStringLiteral(" s");
}

QString runsText(const QList<double> &runs)
{
    QStringList parts;
    for (const double r : runs)
        parts << QString::number(r, 'f', 3);
    return parts.join(QLatin1Char(' '));
}

int usage(QTextStream &err)
{
    err << "usage: bench_export [OPTIONS] DB\n"
           "       bench_export [OPTIONS] --generate N [--study ID] [--seed S] [--keep DB]\n"
           "Times a full REDCap export of DB (or of a demo database of N subjects, generated\n"
           "unless --keep names one that exists) against sqlite3 -csv reading its item values.\n"
           "  --runs N     measured exports, and floors (default 5); medians are reported\n"
           "  --warmup N   unmeasured ones first (default 1)\n"
           "  --no-floor   the export only\n"
           "  --out DIR    keep the files of the last export in DIR\n"
           "Every export appends its audit event to DB, as any export does.\n";
    return 2;
}

struct Args
{
    int runs = 5;
    int warmup = 1;
    QString out;
    bool floor = true;
    QString path;
    bool generate = false;
    bool keep = false;
    demo::DemoOptions demo;
};

bool parse(const QStringList &args, Args &a)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        const bool hasValue = i + 1 < args.size();
        bool ok = true;
        if (arg == QLatin1String("--runs") && hasValue) {
            a.runs = args.at(++i).toInt(&ok);
            ok = ok && a.runs > 0;
        } else if (arg == QLatin1String("--warmup") && hasValue) {
            a.warmup = args.at(++i).toInt(&ok);
            ok = ok && a.warmup >= 0;
        } else if (arg == QLatin1String("--out") && hasValue) {
            a.out = args.at(++i);
        } else if (arg == QLatin1String("--no-floor")) {
            a.floor = false;
        } else if (arg == QLatin1String("--generate") && hasValue) {
            a.generate = true;
            a.demo.subjects = args.at(++i).toInt(&ok);
            ok = ok && a.demo.subjects > 0;
        } else if (arg == QLatin1String("--study") && hasValue) {
            a.demo.studyOid = args.at(++i);
        } else if (arg == QLatin1String("--seed") && hasValue) {
            a.demo.seed = args.at(++i).toULongLong(&ok);
        } else if (arg == QLatin1String("--keep") && hasValue) {
            a.keep = true;
            a.path = args.at(++i);
        } else if (!arg.startsWith(QLatin1String("--")) && a.path.isEmpty()) {
            a.path = arg;
        } else {
            return false;
        }
        if (!ok)
            return false;
    }
    return a.generate || (!a.path.isEmpty() && !a.keep);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    Args a;
    if (!parse(app.arguments().mid(1), a))
        return usage(err);

    QTemporaryDir work;
    if (!work.isValid()) {
        err << "bench_export: cannot create a temporary folder\n";
        return 1;
    }
    const SystemClock clock;
    std::unique_ptr<records::StudyFile> file;
    QElapsedTimer timer;
    double openSeconds = 0;
    if (a.generate && !(a.keep && QFileInfo::exists(a.path))) {
        if (a.path.isEmpty())
            a.path = work.filePath(QStringLiteral("bench.ccrf"));
        timer.start();
        auto created = demo::createDemoDatabase(a.path, a.demo, [&](int done, int total) {
            if (done % 100 == 0 || done == total)
                err << "generating: " << done << " of " << total << " subjects" << Qt::endl;
        });
        if (!created) {
            err << "bench_export: " << created.message() << Qt::endl;
            return 1;
        }
        err << "generated " << a.path << " in " << seconds(timer.nsecsElapsed() / 1e9) << Qt::endl;
        created->reset();
        // Measured in a new process that opens the file like any existing one:
        // this one's peak memory is the generator's.
        QStringList args = app.arguments().mid(1);
        args << QStringLiteral("--keep") << a.path;
        out.flush();
        err.flush();
        return QProcess::execute(app.applicationFilePath(), args);
    }
    timer.start();
    auto opened = records::StudyFile::open(a.path, clock);
    if (!opened) {
        err << "bench_export: " << opened.message() << Qt::endl;
        return 1;
    }
    openSeconds = timer.nsecsElapsed() / 1e9;
    file = std::move(*opened);

    // The floor: every stored value read once and written out as CSV.
    QList<double> floorRuns;
    QList<double> floorCpu;
    long floorPeak = 0;
    const QString sqlite3 = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    const QStringList floorArgs{QStringLiteral("-csv"), a.path, QStringLiteral("SELECT * FROM item_value")};
    if (a.floor && sqlite3.isEmpty()) {
        err << "bench_export: sqlite3 is not installed; the floor is left out\n";
        a.floor = false;
    }
    const auto runFloor = [&]() -> bool {
        QProcess p;
        p.setStandardOutputFile(QProcess::nullDevice());
        const double cpu = cpuSeconds(RUSAGE_CHILDREN);
        timer.start();
        p.start(sqlite3, floorArgs);
        if (!p.waitForStarted(-1)) {
            err << "bench_export: cannot start sqlite3\n";
            return false;
        }
        const qint64 pid = p.processId();
        while (!p.waitForFinished(5))
            floorPeak = std::max(floorPeak, peakKiB(QString::number(pid)));
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            err << "bench_export: sqlite3 failed: " << QString::fromLocal8Bit(p.readAllStandardError()) << Qt::endl;
            return false;
        }
        floorRuns << timer.nsecsElapsed() / 1e9;
        floorCpu << cpuSeconds(RUSAGE_CHILDREN) - cpu;
        return true;
    };

    const QString target = a.out.isEmpty() ? work.filePath(QStringLiteral("out")) : a.out;
    QDir().mkpath(target);
    const exchange::ExportContext context{
        file->database(), file->study(), clock,
        Actor{QStringLiteral("datamanager"), QStringLiteral("Benchmark"), QStringLiteral("data_manager"), {}}};
    const long rssBefore = peakRssKiB();
    QList<double> exportRuns;
    QList<double> exportCpu;
    exchange::ExportResult last;
    // Unmeasured runs of each warm the page cache; then they alternate, so
    // that a change of the machine's speed affects both alike.
    for (int run = -a.warmup; run < a.runs; ++run) {
        if (a.floor && !runFloor())
            return 1;
        for (const QString &name : QDir(target).entryList(QDir::Files))
            QFile::remove(QDir(target).filePath(name));
        const double cpu = cpuSeconds(RUSAGE_SELF);
        timer.start();
        auto result = exchange::exportRedcap(context, {}, target);
        const double wall = timer.nsecsElapsed() / 1e9;
        if (!result) {
            err << "bench_export: " << result.message() << Qt::endl;
            return 1;
        }
        if (run < 0) {
            floorRuns.clear();
            floorCpu.clear();
            continue;
        }
        exportRuns << wall;
        exportCpu << cpuSeconds(RUSAGE_SELF) - cpu;
        last = *result;
    }

    qint64 bytes = 0;
    qint64 rows = 0;
    for (const exchange::ExportedFile &f : std::as_const(last.files)) {
        bytes += QFileInfo(QDir(target).filePath(f.fileName)).size();
        if (f.fileName.contains(QLatin1String("_DATA_")))
            rows = f.rows;
    }
    qint64 values = 0;
    {
        store::Query q(file->database(), QStringLiteral("SELECT count(*) FROM item_value"));
        if (q.exec() && q.next())
            values = q.integer(0);
    }
    out << "database:          " << a.path << " (" << QFileInfo(a.path).size() / (1024 * 1024) << " MiB)\n";
    out << "subjects:          " << last.subjects << "\n";
    out << "stored values:     " << values << "\n";
    out << "data rows:         " << rows << "\n";
    out << "bytes written:     " << bytes << " in " << last.files.size() << " files\n";
    out << "open with checks:  " << seconds(openSeconds) << "\n";
    out << "export wall:       " << seconds(median(exportRuns)) << " median (" << runsText(exportRuns) << ")\n";
    out << "export cpu:        " << seconds(median(exportCpu)) << " median (" << runsText(exportCpu) << ")\n";
    out << "export peak RSS:   " << peakRssKiB() << " KiB (" << rssBefore << " KiB before exporting)\n";
    if (a.floor) {
        out << "floor wall:        " << seconds(median(floorRuns)) << " median (" << runsText(floorRuns) << ")\n";
        out << "floor cpu:         " << seconds(median(floorCpu)) << " median (" << runsText(floorCpu) << ")\n";
        out << "floor peak RSS:    " << floorPeak << " KiB\n";
        out << "ratio wall:        " << QString::number(median(exportRuns) / median(floorRuns), 'f', 2) << "\n";
        out << "ratio cpu:         " << QString::number(median(exportCpu) / median(floorCpu), 'f', 2) << "\n";
        out << "floor command:     sqlite3 -csv " << a.path << " 'SELECT * FROM item_value' > /dev/null\n";
    }
    out.flush();
    return 0;
}
