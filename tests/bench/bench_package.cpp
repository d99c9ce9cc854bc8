// Writing and reading a sync package of a synthetic ODM-like payload
// (default 1 GiB): throughput and peak memory of each side, measured in a
// fresh process per phase so that one side's memory does not hide the other's.
//
//   bench_package [--size BYTES] [--dir DIR]
//
// The payload is audit events as XML with random hashes and values, like the
// measurement of SYNC.md §1 ("1 M synthetic events … 261 MB XML"), made on the
// fly so that it never sits in memory. Floors measured the same way: making
// the payload alone, and making it and compressing it with zstd level 3 alone.

#include "sync/devicekeys.h"
#include "sync/packageheader.h"
#include "sync/packagereader.h"
#include "sync/packagewriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <zstd.h>

#include <cstdio>
#include <functional>
#include <optional>

using namespace cellcrf;
using namespace cellcrf::sync;

namespace {

qint64 peakResidentKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

double cpuSeconds()
{
    QFile f(QStringLiteral("/proc/self/stat"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = f.readAll().split(')').value(1).trimmed().split(' ');
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after "pid (comm)".
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) / 100.0;
}

// Audit events as the payload carries them, ~260 bytes each, into `sink` in blocks of 64 KiB.
void generate(qint64 size, const std::function<void(const char *, qint64)> &sink)
{
    quint64 state = 0x9E3779B97F4A7C15ULL;
    const auto next = [&state]() {
        quint64 z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    };
    static const char hexDigits[] = "0123456789abcdef";
    QByteArray block;
    block.reserve(70 * 1024);
    qint64 produced = 0;
    const char *items[] = {"WEIGHT", "HEIGHT", "TEMP", "CRS_GRADE", "ICANS_GRADE", "FERRITIN", "CRP", "ANC"};
    for (qint64 n = 1; produced < size; ++n) {
        char hash[64];
        for (int i = 0; i < 64; i += 16) {
            quint64 r = next();
            for (int j = 0; j < 16; ++j, r >>= 4)
                hash[i + j] = hexDigits[r & 15];
        }
        const quint64 r = next();
        block += "<cc:E n=\"";
        block += QByteArray::number(n);
        block += "\" user=\"nurse";
        block += QByteArray::number(r % 7);
        block += "\" role=\"nurse\" utc=\"2024-05-01T10:";
        block += QByteArray::number(10 + (n / 60) % 50);
        block += ":";
        block += QByteArray::number(10 + n % 50);
        block += ".000Z\" offset=\"+08:00\" action=\"item_value\" subject=\"01-";
        block += QByteArray::number(100 + (r >> 8) % 900);
        block += "\" event=\"D";
        block += QByteArray::number((r >> 20) % 28);
        block += "\" form=\"VITALS\" item=\"";
        block += items[(r >> 32) % 8];
        block += "\" new=\"";
        block += QByteArray::number(double((r >> 40) % 10000) / 10.0);
        block += "\" hash=\"";
        block.append(hash, 64);
        block += "\"/>\n";
        if (block.size() >= 64 * 1024) {
            const qint64 take = std::min<qint64>(block.size(), size - produced);
            sink(block.constData(), take);
            produced += take;
            block.resize(0);
        }
    }
}

PackageHeader header(const DeviceKeys &site, const DeviceKeys &hub)
{
    PackageHeader h;
    h.package = {PackageHeader::fileOidFor(QStringLiteral("s1904"), site.deviceId(), hub.deviceId(), 1), 1, QString(),
                 QString()};
    h.study = {QStringLiteral("s1904"), QStringLiteral("1.0")};
    h.sender = {site.deviceId(), QStringLiteral("site"), QStringLiteral("01"), site.keyId()};
    h.recipient = {hub.deviceId(), hub.keyId()};
    h.createdUtc = QStringLiteral("2024-05-01T10:00:00.000Z");
    h.asOfUtc = h.createdUtc;
    h.software = QStringLiteral("CellCRF bench");
    h.chains = {{site.deviceId(), QStringLiteral("01"), 1, 1000000, 1000000, QString(64, QLatin1Char('0')),
                 QString(64, QLatin1Char('1'))}};
    return h;
}

double mbPerSecond(qint64 bytes, double seconds)
{
    return seconds > 0 ? double(bytes) / 1e6 / seconds : 0;
}

void report(const char *what, qint64 bytes, double wall, double cpu)
{
    // On a shared machine the processor time is the steadier figure.
    std::printf("%-36s %7.2f s wall %6.1f MB/s | %7.2f s cpu %6.1f MB/s\n", what, wall, mbPerSecond(bytes, wall), cpu,
                mbPerSecond(bytes, cpu));
    std::fflush(stdout);
}

int phaseFloors(qint64 size)
{
    QElapsedTimer t;
    double c0 = cpuSeconds();
    t.start();
    qint64 sum = 0;
    generate(size, [&](const char *d, qint64 n) { sum += n + d[0]; });
    report("floor: make the payload", size, t.elapsed() / 1000.0, cpuSeconds() - c0);

    ZSTD_CCtx *z = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(z, ZSTD_c_compressionLevel, 3);
    QByteArray out(1 << 17, Qt::Uninitialized);
    qint64 compressed = 0;
    c0 = cpuSeconds();
    t.restart();
    generate(size, [&](const char *d, qint64 n) {
        ZSTD_inBuffer in{d, std::size_t(n), 0};
        while (in.pos < in.size) {
            ZSTD_outBuffer o{out.data(), std::size_t(out.size()), 0};
            ZSTD_compressStream2(z, &o, &in, ZSTD_e_continue);
            compressed += qint64(o.pos);
        }
    });
    ZSTD_inBuffer none{nullptr, 0, 0};
    for (std::size_t left = 1; left;) {
        ZSTD_outBuffer o{out.data(), std::size_t(out.size()), 0};
        left = ZSTD_compressStream2(z, &o, &none, ZSTD_e_end);
        compressed += qint64(o.pos);
    }
    ZSTD_freeCCtx(z);
    report("floor: make it and zstd -3 it", size, t.elapsed() / 1000.0, cpuSeconds() - c0);
    std::printf("  compressed to %lld bytes (%.1f %%); peak RSS %lld KiB\n", static_cast<long long>(compressed),
                100.0 * double(compressed) / double(size), static_cast<long long>(peakResidentKiB()));
    return sum == 0 ? 1 : 0;
}

int phaseWrite(qint64 size, const QString &dir)
{
    // The keys go to files so that the reading process uses the same ones.
    Result<DeviceKeys> site = DeviceKeys::generate(QStringLiteral("a1b2c3d4e5f60718"));
    Result<DeviceKeys> hub = DeviceKeys::generate(QStringLiteral("0011223344556677"));
    const PublicKeys hubPublic = hub->publicKeys();
    const PackageHeader h = header(*site, *hub);
    Result<KeyFile> siteFile = KeyFile::create(dir + QStringLiteral("/site.keys"), std::move(site).value());
    Result<KeyFile> hubFile = KeyFile::create(dir + QStringLiteral("/hub.keys"), std::move(hub).value());
    if (!siteFile || !hubFile)
        return 1;

    const QString path = dir + QStringLiteral("/bench.ccsync");
    QElapsedTimer t;
    const double c0 = cpuSeconds();
    t.start();
    PackageWriter writer(path, siteFile->keys(), hubPublic);
    if (Status s = writer.begin(h.toJson()); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.message()));
        return 1;
    }
    generate(size, [&](const char *d, qint64 n) { writer.write(d, n); });
    Result<WrittenPackage> done = writer.finish();
    if (!done) {
        std::fprintf(stderr, "%s\n", qPrintable(done.message()));
        return 1;
    }
    report("write (make, compress, 2 passes)", size, t.elapsed() / 1000.0, cpuSeconds() - c0);
    std::printf("  package %lld bytes, %lld chunks; peak RSS %lld KiB\n", static_cast<long long>(done->fileBytes),
                static_cast<long long>(done->chunkCount), static_cast<long long>(peakResidentKiB()));
    return 0;
}

int phaseRead(const QString &dir)
{
    Result<KeyFile> siteFile = KeyFile::load(dir + QStringLiteral("/site.keys"));
    Result<KeyFile> hubFile = KeyFile::load(dir + QStringLiteral("/hub.keys"));
    if (!siteFile || !hubFile)
        return 1;
    const QString path = dir + QStringLiteral("/bench.ccsync");
    PackageLimits limits;
    limits.maxFileBytes = qint64(64) << 30; // the bench may exceed the default 2 GiB
    PackageReader reader(path, limits);
    QElapsedTimer t;
    double c0 = cpuSeconds();
    t.start();
    if (Status s = reader.open(); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.message()));
        return 1;
    }
    if (Status s = reader.verifySignature(siteFile->keys().publicKeys()); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.message()));
        return 1;
    }
    const qint64 fileBytes = QFileInfo(path).size();
    report("read 1: SHA-256 and signature", fileBytes, t.elapsed() / 1000.0, cpuSeconds() - c0);
    c0 = cpuSeconds();
    t.restart();
    Result<PayloadStream *> payload = reader.openPayload(hubFile->keys());
    if (!payload) {
        std::fprintf(stderr, "%s\n", qPrintable(payload.message()));
        return 1;
    }
    QByteArray buffer(1 << 16, Qt::Uninitialized);
    qint64 plain = 0;
    for (qint64 n; (n = (*payload)->read(buffer.data(), buffer.size())) > 0;)
        plain += n;
    if (Status s = (*payload)->finish(); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.message()));
        return 1;
    }
    report("read 2: decrypt, decompress, check", plain, t.elapsed() / 1000.0, cpuSeconds() - c0);
    std::printf("  %lld plaintext bytes; peak RSS %lld KiB\n", static_cast<long long>(plain),
                static_cast<long long>(peakResidentKiB()));
    return 0;
}

int runPhase(const QStringList &arguments)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedChannels);
    p.start(QCoreApplication::applicationFilePath(), arguments);
    p.waitForFinished(-1);
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto option = [&](const char *name) -> std::optional<QString> {
        const qsizetype i = args.indexOf(QLatin1String(name));
        return i >= 0 && i + 1 < args.size() ? std::optional<QString>(args.at(i + 1)) : std::nullopt;
    };
    const qint64 size = option("--size").value_or(QString::number(qint64(1) << 30)).toLongLong();
    if (const auto phase = option("--phase")) {
        const QString dir = option("--dir").value_or(QString());
        if (*phase == QLatin1String("floors"))
            return phaseFloors(size);
        if (*phase == QLatin1String("write"))
            return phaseWrite(size, dir);
        if (*phase == QLatin1String("read"))
            return phaseRead(dir);
        return 2;
    }

    QTemporaryDir work(option("--dir").value_or(QDir::tempPath()) + QStringLiteral("/bench_package-XXXXXX"));
    if (!work.isValid())
        return 1;
    std::printf("payload: %lld bytes of synthetic audit events as XML; each phase in its own process\n",
                static_cast<long long>(size));
    std::fflush(stdout);
    const QString sizeText = QString::number(size);
    if (int rc = runPhase({QStringLiteral("--phase"), QStringLiteral("floors"), QStringLiteral("--size"), sizeText}))
        return rc;
    if (int rc = runPhase({QStringLiteral("--phase"), QStringLiteral("write"), QStringLiteral("--size"), sizeText,
                           QStringLiteral("--dir"), work.path()}))
        return rc;
    return runPhase({QStringLiteral("--phase"), QStringLiteral("read"), QStringLiteral("--dir"), work.path()});
}
