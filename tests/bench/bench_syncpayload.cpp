// Times writing and reading the ODM payload of a sync package and reports the
// peak resident memory of each, to show that both stay flat in the number of
// events. Synthetic events by default (no store: ClinicalData #2 is empty), or
// the whole local chain of a study file, #2 included. See README.md here.

#include "core/clock.h"
#include "demo/demogenerator.h"
#include "store/database.h"
#include "records/studyfile.h"
#include "study/study.h"
#include "sync/payloadreader.h"
#include "sync/payloadwriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTextStream>

#include <sys/resource.h>

using namespace cellcrf;
using namespace cellcrf::sync;

namespace {

long statusKiB(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').value(0).toLong();
    return 0;
}

// Starts a new peak: writing 5 to clear_refs resets VmHWM to the current VmRSS.
void resetPeak()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

QString mib(long kib)
{
    return QString::number(double(kib) / 1024, 'f', 1) + QStringLiteral(" MiB");
}

// One measured phase: wall and processor time, resident memory before and at its peak.
class Phase
{
public:
    Phase()
    {
        resetPeak();
        m_before = statusKiB("VmRSS:");
        m_cpu = cpuSeconds();
        m_wall.start();
    }
    QString report() const
    {
        return QStringLiteral("%1 s wall, %2 s cpu, RSS %3 before, peak %4")
            .arg(QString::number(double(m_wall.elapsed()) / 1000, 'f', 2),
                 QString::number(cpuSeconds() - m_cpu, 'f', 2), mib(m_before), mib(statusKiB("VmHWM:")));
    }

private:
    QElapsedTimer m_wall;
    double m_cpu = 0;
    long m_before = 0;
};

// Events of plausible shape and size, made as they are asked for: values of a
// few characters, some Chinese, reasons on corrections, about one event in
// four replacing an earlier one. The hash chain is real.
class SyntheticChain final : public ChainEventSource
{
public:
    audit::AuditEvent make(qint64 n) const
    {
        static const QStringList users{QStringLiteral("nurse.li"), QStringLiteral("nurse.wang"),
                                       QStringLiteral("dr.zhang"), QStringLiteral("monitor.chen"),
                                       QStringLiteral("dm.zhao")};
        static const QStringList forms{QStringLiteral("vs"),    QStringLiteral("lb"),   QStringLiteral("ae"),
                                       QStringLiteral("cm"),    QStringLiteral("crs"),  QStringLiteral("icans"),
                                       QStringLiteral("infus"), QStringLiteral("resp"), QStringLiteral("dm"),
                                       QStringLiteral("mh")};
        static const QStringList events{QStringLiteral("screening"), QStringLiteral("day0"), QStringLiteral("day7"),
                                        QStringLiteral("day28")};
        static const QDateTime start(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        audit::AuditEvent e;
        e.deviceId = m_device;
        e.deviceCounter = n;
        e.eventId = m_device + QLatin1Char(':') + QString::number(n);
        e.userName = users.at(int(n % users.size()));
        e.userRole = QStringLiteral("nurse");
        e.utc = start.addSecs(n * 7).toString(Qt::ISODateWithMs);
        e.siteOffsetMinutes = 480;
        e.action = QString::fromLatin1(n % 50 == 0 ? audit::action::ItemMissingReason : audit::action::ItemValue);
        e.subjectKey = QStringLiteral("01-%1").arg(n % 500 + 1, 3, 10, QLatin1Char('0'));
        e.eventOid = events.at(int(n % events.size()));
        e.eventRepeat = 1;
        e.formOid = forms.at(int(n / 3 % forms.size()));
        e.formRepeat = 1 + int(n % 3 == 0);
        e.itemOid = QStringLiteral("item%1").arg(n % 30);
        const bool correction = n % 4 == 0;
        const QString value = n % 10 == 0 ? QStringLiteral("发热，伴寒战 %1").arg(n % 97)
                                          : QString::number(36.0 + double(n % 50) / 10, 'f', 1);
        if (correction) {
            e.oldValue = QString::number(double(n % 1000) / 7, 'f', 2);
            e.reason = QStringLiteral("Transcription error, corrected against the source");
            e.replacesEventId = m_device + QLatin1Char(':') + QString::number(std::max<qint64>(1, n - 7));
        }
        e.newValue = value;
        return e;
    }

    // The chain header (with its real last hash) and who and when, by making every event once.
    PayloadChain chain(qint64 count, ChainFacts *facts) const
    {
        PayloadChain c{m_device, QStringLiteral("01"), 1, count, chainGenesisHash(), {}};
        QString prev = c.prevHash;
        QSet<QString> users;
        for (qint64 n = 1; n <= count; ++n) {
            audit::AuditEvent e = make(n);
            e.prevHash = prev;
            prev = e.computeHash();
            users.insert(e.userName);
            facts->newestUtc = std::max(facts->newestUtc, e.utc);
        }
        c.lastHash = prev;
        for (const QString &u : std::as_const(users))
            facts->users << PayloadUser{u, QString()};
        facts->events = count;
        return c;
    }

    Status forEachEvent(const PayloadChain &chain, const EventVisitor &visit) override
    {
        QString prev = chain.prevHash;
        for (qint64 n = chain.from; n <= chain.to; ++n) {
            audit::AuditEvent e = make(n);
            e.prevHash = prev;
            e.hash = e.computeHash();
            prev = e.hash;
            if (Status s = visit(e); !s)
                return s;
        }
        return Status::ok();
    }

private:
    const QString m_device = QStringLiteral("0123456789abcdef");
};

// What an importer does first with each event: the chain and the hash.
class Verifier final : public PayloadHandler
{
public:
    explicit Verifier(bool verify)
        : m_verify(verify)
    {}
    Status event(const audit::AuditEvent &e) override
    {
        ++events;
        bytes += e.newValue.value_or(QString()).size();
        if (m_verify && e.computeHash() != e.hash)
            return Status::error(ErrorCode::Corrupt, QStringLiteral("event %1 does not match its hash").arg(e.eventId));
        return Status::ok();
    }
    qint64 events = 0;
    qint64 bytes = 0;

private:
    bool m_verify;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QStringList args = app.arguments();
    const auto option = [&](const QString &name, const QString &fallback) {
        const qsizetype at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : fallback;
    };
    if (args.contains(QStringLiteral("--help"))) {
        out << "bench_syncpayload [--events N] [--keep PAYLOAD.xml] [--no-verify]\n"
               "bench_syncpayload --store FILE.ccrf | --generate SUBJECTS --store FILE.ccrf\n";
        return 0;
    }
    QTemporaryDir tmp;
    const QString payloadPath = option(QStringLiteral("--keep"), tmp.filePath(QStringLiteral("payload.xml")));
    const bool verify = !args.contains(QStringLiteral("--no-verify"));
    const QString storePath = option(QStringLiteral("--store"), QString());
    const int generate = option(QStringLiteral("--generate"), QStringLiteral("0")).toInt();

    ManualClock clock(QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC));
    std::unique_ptr<records::StudyFile> file;
    std::unique_ptr<store::Database> emptyStore;
    study::Study synthetic;
    SyntheticChain syntheticSource;
    std::unique_ptr<StoreChainEvents> storeSource;
    ChainEventSource *source = nullptr;
    PayloadSpec spec;
    qint64 count = 0;

    if (!storePath.isEmpty()) {
        if (generate > 0 && !QFileInfo::exists(storePath)) {
            out << "generating " << generate << " S1904 demo subjects into " << storePath << " ...\n";
            out.flush();
            demo::DemoOptions options{QStringLiteral("s1904"), generate, 1};
            auto made = demo::createDemoDatabase(storePath, options);
            if (!made) {
                out << "cannot generate: " << made.message() << "\n";
                return 1;
            }
        }
        auto opened = records::StudyFile::open(storePath, clock);
        if (!opened) {
            out << "cannot open " << storePath << ": " << opened.message() << "\n";
            return 1;
        }
        file = std::move(opened).value();
        storeSource = std::make_unique<StoreChainEvents>(file->database());
        source = storeSource.get();
        const QString device = file->database().meta(QStringLiteral("device_id"));
        store::Query last(file->database(),
                          QStringLiteral("SELECT max(device_counter) FROM audit_event WHERE device_id = ?"));
        last.bind(device);
        if (!last.exec() || !last.next()) {
            out << "cannot count the events\n";
            return 1;
        }
        count = last.integer(0);
        Phase facts;
        auto chain = storeSource->chain(device, QStringLiteral("01"), 1, count);
        auto known = chain ? storeSource->facts({*chain}) : Result<ChainFacts>(chain.status());
        if (!known) {
            out << "cannot read the chain: " << known.message() << "\n";
            return 1;
        }
        out << "facts (users, newest time) " << facts.report() << "\n";
        spec.chains << *chain;
        spec.users = known->users;
        spec.header.asOfUtc = known->newestUtc;
        spec.withMetaData = true;
    } else {
        count = option(QStringLiteral("--events"), QStringLiteral("1000000")).toLongLong();
        synthetic.oid = QStringLiteral("s1904");
        synthetic.version = QStringLiteral("1.0");
        auto opened =
            store::Database::open(tmp.filePath(QStringLiteral("empty.ccrf")), store::Database::Mode::CreateIfMissing);
        if (!opened) {
            out << "cannot create a store: " << opened.message() << "\n";
            return 1;
        }
        emptyStore = std::move(opened).value();
        source = &syntheticSource;
        Phase make;
        ChainFacts facts;
        spec.chains << syntheticSource.chain(count, &facts);
        spec.users = facts.users;
        spec.header.asOfUtc = facts.newestUtc;
        out << "making the events once (hash chain): " << make.report() << "\n";
    }
    const study::Study &study = file ? file->study() : synthetic;
    const store::Database &db = file ? file->database() : *emptyStore;
    spec.header.studyOid = study.oid;
    spec.header.fileOid = QStringLiteral("CellCRF/%1/0123456789abcdef/hub/1").arg(study.oid);
    spec.header.creationUtc = std::max(spec.header.asOfUtc, clock.nowUtc().toString(Qt::ISODateWithMs));
    spec.header.originator = spec.chains.first().device;
    spec.header.sourceSystemVersion = QStringLiteral(CELLCRF_VERSION);

    qint64 bytes = 0;
    {
        QFile sink(payloadPath);
        if (!sink.open(QIODevice::WriteOnly)) {
            out << "cannot write " << payloadPath << "\n";
            return 1;
        }
        Phase write;
        auto written = PayloadWriter(db, study).write(sink, spec, *source);
        sink.close();
        if (!written) {
            out << "write failed: " << written.message() << "\n";
            return 1;
        }
        bytes = QFileInfo(payloadPath).size();
        out << "write " << written->events << " events (" << written->subjects << " subjects, "
            << written->informativeItems << " ItemData in #2): " << write.report() << "\n";
    }
    out << "payload " << QString::number(double(bytes) / 1e6, 'f', 1) << " MB, "
        << QString::number(double(bytes) / double(std::max<qint64>(count, 1)), 'f', 1) << " bytes per event\n";
    {
        QFile in(payloadPath);
        if (!in.open(QIODevice::ReadOnly)) {
            out << "cannot read " << payloadPath << "\n";
            return 1;
        }
        Verifier handler(verify);
        Phase read;
        auto got = PayloadReader(spec.header).read(in, handler);
        if (!got) {
            out << "read failed: " << got.message() << "\n";
            return 1;
        }
        out << "read " << got->events << " events, " << got->sourceIds << " SourceIDs checked"
            << (verify ? ", every hash recomputed" : "") << ": " << read.report() << "\n";
    }
    return 0;
}
