// The `.ccsync` envelope (SYNC.md §2.4, §2.7 steps 1, 2, 6, 7, §3 rows 1, 2, 3,
// 7, 11, 12). Packages are written by PackageWriter and also built here byte
// by byte from the specification with libsodium and zstd directly (the
// "forger"): the reader must accept an honest forged package, and refuse every
// hostile one, even one its sender signed.

#include "sync/packageformat.h"
#include "sync/packageheader.h"
#include "sync/packagereader.h"
#include "sync/packagewriter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>
#include <QtEndian>

#include <sodium.h>
#define ZSTD_STATIC_LINKING_ONLY // ZSTD_getFrameHeader, to check the hand-made frames
#include <zstd.h>

#include <functional>
#include <optional>

using namespace cellcrf;
using namespace cellcrf::sync;

namespace {

const QString Genesis = QString(64, QLatin1Char('0'));

QString hashOf(char c)
{
    return QString(64, QLatin1Char(c));
}

const unsigned char *u(const char *p)
{
    return reinterpret_cast<const unsigned char *>(p);
}
unsigned char *u(char *p)
{
    return reinterpret_cast<unsigned char *>(p);
}

QByteArray sha256(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

// Incompressible bytes, the same for the same seed.
QByteArray randomBytes(qint64 size, int seed)
{
    unsigned char key[randombytes_SEEDBYTES] = {};
    key[0] = quint8(seed);
    key[1] = quint8(seed >> 8);
    QByteArray out(size, Qt::Uninitialized);
    randombytes_buf_deterministic(out.data(), std::size_t(size), key);
    return out;
}

// A payload that compresses like the real one: audit events as XML.
QByteArray xmlLike(qint64 size)
{
    QByteArray out;
    out.reserve(size + 256);
    const QByteArray noise = randomBytes(size / 8 + 64, 7).toHex();
    for (qint64 n = 1; out.size() < size; ++n)
        out += "<cc:E n=\"" + QByteArray::number(n) +
               "\" user=\"nurse1\" action=\"item_value\" item=\"WEIGHT\" new=\"" + QByteArray::number(40 + n % 90) +
               "\" hash=\"" + noise.mid((n * 13) % (noise.size() - 64), 64) + "\"/>\n";
    out.truncate(size);
    return out;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// The pass-1 file of a writer at work in `dir`. On Linux QTemporaryFile makes
// it without a name (O_TMPFILE), so it is found among this process's open files.
QByteArray pass1FileContent(const QString &dir)
{
    const QStringList named =
        QDir(dir).entryList({QStringLiteral("*.pass1")}, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    if (!named.isEmpty())
        return readFile(QDir(dir).filePath(named.constFirst()));
    const QDir fds(QStringLiteral("/proc/self/fd"));
    for (const QString &fd : fds.entryList(QDir::System | QDir::Files | QDir::NoDotAndDotDot)) {
        const QString target = QFile::symLinkTarget(fds.filePath(fd));
        if (target.startsWith(QDir(dir).canonicalPath() + QLatin1Char('/')))
            return readFile(fds.filePath(fd));
    }
    return {};
}

QStringList folderEntries(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

// Peak resident memory of this process so far (VmHWM), in KiB.
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

constexpr qint64 MemoryCeilingKiB = 256 * 1024;

// AddressSanitizer's shadow memory and its quarantine of freed blocks (256 MB
// by default) make resident memory say nothing about the code: the ceiling is
// checked in ordinary builds, and the sanitizer build checks the accesses.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool MemoryIsMeaningful = false;
#else
constexpr bool MemoryIsMeaningful = true;
#endif

void checkPeakMemory()
{
    if (MemoryIsMeaningful)
        QVERIFY2(peakResidentKiB() < MemoryCeilingKiB, qPrintable(QString::number(peakResidentKiB())));
}

QByteArray zstdCompress(const QByteArray &plain)
{
    QByteArray out(qsizetype(ZSTD_compressBound(std::size_t(plain.size()))), Qt::Uninitialized);
    const std::size_t n =
        ZSTD_compress(out.data(), std::size_t(out.size()), plain.constData(), std::size_t(plain.size()), 3);
    Q_ASSERT(!ZSTD_isError(n));
    out.truncate(qsizetype(n));
    return out;
}

QByteArray zstdDecompressAll(const QByteArray &compressed)
{
    ZSTD_DCtx *d = ZSTD_createDCtx();
    QByteArray out;
    QByteArray buffer(1 << 16, Qt::Uninitialized);
    ZSTD_inBuffer in{compressed.constData(), std::size_t(compressed.size()), 0};
    for (;;) {
        ZSTD_outBuffer o{buffer.data(), std::size_t(buffer.size()), 0};
        const std::size_t r = ZSTD_decompressStream(d, &o, &in);
        if (ZSTD_isError(r))
            break;
        out.append(buffer.constData(), qsizetype(o.pos));
        if (in.pos == in.size && o.pos < o.size)
            break;
    }
    ZSTD_freeDCtx(d);
    return out;
}

// zstd frames written by hand (RFC 8878), to make bombs and huge windows
// without spending the memory of a compressor that would make them.
QByteArray zstdFrameHeader(int windowLog)
{
    QByteArray f("\x28\xB5\x2F\xFD", 4);   // magic, little-endian
    f.append('\0');                        // no content size, not single-segment, no checksum, no dictionary
    f.append(char((windowLog - 10) << 3)); // window descriptor: exponent, mantissa 0
    return f;
}

void appendBlock(QByteArray &frame, int type, quint32 size, bool last, const QByteArray &content)
{
    const quint32 header = (size << 3) | (quint32(type) << 1) | (last ? 1 : 0);
    frame.append(char(header & 0xff));
    frame.append(char((header >> 8) & 0xff));
    frame.append(char((header >> 16) & 0xff));
    frame.append(content);
}

// RLE blocks of 128 KiB: `blocks` × 128 KiB of plaintext from 4 bytes per block.
QByteArray rleBomb(qint64 blocks)
{
    QByteArray f = zstdFrameHeader(20);
    for (qint64 i = 0; i < blocks; ++i)
        appendBlock(f, 1, 128 * 1024, i == blocks - 1, QByteArray(1, 'A'));
    return f;
}

// The envelope of §2.4 built from the specification alone.
struct Forgery
{
    QByteArray magic = QByteArray(format::Magic, format::MagicBytes);
    QByteArray header;
    QByteArray stream; // the compressed payload
    QByteArray recipientBoxPk;
    const unsigned char *signSk = nullptr;
    // Tag of chunk i of n; by default MESSAGE, and FINAL for the last.
    std::function<unsigned char(qint64, qint64)> tag;
};

void sign(QByteArray &file, const unsigned char *signSk)
{
    crypto_sign_state state;
    crypto_sign_init(&state);
    crypto_sign_update(&state, u(file.constData()), quint64(file.size() - 64));
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_final_create(&state, sig, nullptr, signSk);
    file.replace(file.size() - 64, 64, QByteArray(reinterpret_cast<const char *>(sig), 64));
}

QByteArray forge(const Forgery &f)
{
    QByteArray out = f.magic;
    char length[4];
    qToBigEndian(quint32(f.header.size()), length);
    out.append(length, 4);
    out.append(f.header);
    unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
    crypto_secretstream_xchacha20poly1305_keygen(key);
    QByteArray sealed(80, '\0');
    crypto_box_seal(u(sealed.data()), key, sizeof key, u(f.recipientBoxPk.constData()));
    out.append(sealed);
    crypto_secretstream_xchacha20poly1305_state state;
    QByteArray streamHeader(24, '\0');
    crypto_secretstream_xchacha20poly1305_init_push(&state, u(streamHeader.data()), key);
    out.append(streamHeader);
    const QByteArray ad = sha256(out);
    const qint64 n = f.stream.size() / 65536 + 1;
    for (qint64 i = 0; i < n; ++i) {
        const QByteArray piece = f.stream.mid(i * 65536, i < n - 1 ? 65536 : f.stream.size() - i * 65536);
        const unsigned char tag = f.tag ? f.tag(i, n)
                                        : (i == n - 1 ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                      : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
        QByteArray c(piece.size() + 17, '\0');
        crypto_secretstream_xchacha20poly1305_push(&state, u(c.data()), nullptr, u(piece.constData()),
                                                   quint64(piece.size()), u(ad.constData()), quint64(ad.size()), tag);
        out.append(c);
    }
    out.append(QByteArray(64, '\0'));
    sign(out, f.signSk);
    return out;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Sets or (with an undefined value) removes the value at a path such as
// "chains.0.from" inside a JSON value.
QJsonValue withValueAt(const QJsonValue &root, QStringList path, const QJsonValue &value)
{
    const QString head = path.takeFirst();
    if (root.isArray()) {
        QJsonArray a = root.toArray();
        const int i = head.toInt();
        if (path.isEmpty())
            a.replace(i, value);
        else
            a.replace(i, withValueAt(a.at(i), path, value));
        return a;
    }
    QJsonObject o = root.toObject();
    if (path.isEmpty()) {
        if (value.isUndefined())
            o.remove(head);
        else
            o.insert(head, value);
    } else {
        o.insert(head, withValueAt(o.value(head), path, value));
    }
    return o;
}

QJsonObject changed(const QJsonObject &o, const QString &dotted, const QJsonValue &value)
{
    return withValueAt(o, dotted.split(QLatin1Char('.')), value).toObject();
}

// "chains.0.from" as the messages name it: "chains[0].from".
QString messagePath(const QString &dotted)
{
    QString out;
    for (const QString &part : dotted.split(QLatin1Char('.'))) {
        bool number = false;
        part.toInt(&number);
        out += number ? QStringLiteral("[%1]").arg(part) : (out.isEmpty() ? part : QLatin1Char('.') + part);
    }
    return out;
}

// Every path in a JSON object, members and list elements alike, with its value.
void collectPaths(const QJsonValue &v, const QString &path, QList<QPair<QString, QJsonValue>> &out)
{
    if (!path.isEmpty())
        out.append({path, v});
    const QString prefix = path.isEmpty() ? QString() : path + QLatin1Char('.');
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            collectPaths(it.value(), prefix + it.key(), out);
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i)
            collectPaths(a.at(i), prefix + QString::number(i), out);
    }
}

QJsonValue mistyped(const QJsonValue &v)
{
    if (v.isString())
        return 7;
    if (v.isDouble())
        return QStringLiteral("7");
    if (v.isArray())
        return QJsonObject();
    return QStringLiteral("x");
}

struct ReadOutcome
{
    Status status;
    QByteArray payload;
    QString sha256;
    qint64 delivered = 0;
};

DeviceKeys generated(const QString &device)
{
    Result<DeviceKeys> k = DeviceKeys::generate(device);
    Q_ASSERT(k.isOk());
    return std::move(k).value();
}

} // namespace

class TestSyncPackage : public QObject
{
    Q_OBJECT

    std::optional<DeviceKeys> m_site;  // the sender
    std::optional<DeviceKeys> m_hub;   // the recipient
    std::optional<DeviceKeys> m_other; // neither

    PackageHeader baseHeader() const
    {
        PackageHeader h;
        h.package.fileOid =
            PackageHeader::fileOidFor(QStringLiteral("s1904"), m_site->deviceId(), m_hub->deviceId(), 2);
        h.package.sequence = 2;
        h.package.priorPackageSha256 = hashOf('1');
        h.package.priorFileOid =
            PackageHeader::fileOidFor(QStringLiteral("s1904"), m_hub->deviceId(), m_site->deviceId(), 4);
        h.study = {QStringLiteral("s1904"), QStringLiteral("1.0")};
        h.sender = {m_site->deviceId(), QStringLiteral("site"), QStringLiteral("01"), m_site->keyId()};
        h.recipient = {m_hub->deviceId(), m_hub->keyId()};
        h.createdUtc = QStringLiteral("2024-05-01T10:00:00.000Z");
        h.asOfUtc = QStringLiteral("2024-05-01T09:59:00.000Z");
        h.software = QStringLiteral("CellCRF 0.1.0");
        h.chains = {{m_site->deviceId(), QStringLiteral("01"), 1, 3, 3, Genesis, hashOf('a')}};
        h.acks = {{m_hub->deviceId() + QStringLiteral("-01"), 5, hashOf('5')}};
        h.lastImported = {4, hashOf('4')};
        h.attachments = {{QStringLiteral("study_definition"), QStringLiteral("s1904-1.0"), hashOf('d'), 1234}};
        return h;
    }

    // The header of a forged package with honest payload fields.
    QJsonObject honestHeader(const QByteArray &plain, const QByteArray &stream) const
    {
        PackageHeader h = baseHeader();
        PackagePayload p;
        p.plainBytes = plain.size();
        p.plainSha256 = QString::fromLatin1(sha256(plain).toHex());
        p.compressedBytes = stream.size();
        h.payload = p;
        return h.toJson();
    }

    QByteArray forged(const QJsonObject &header, const QByteArray &stream, const DeviceKeys *signer = nullptr,
                      std::function<unsigned char(qint64, qint64)> tag = {}) const
    {
        Forgery f;
        f.header = compact(header);
        f.stream = stream;
        f.recipientBoxPk = m_hub->publicKeys().boxPk;
        f.signSk = (signer ? signer : &*m_site)->signSecretKey().data();
        f.tag = std::move(tag);
        return forge(f);
    }

    Result<WrittenPackage> write(const QString &path, const QByteArray &payload, qint64 piece = 4096,
                                 std::optional<QJsonObject> header = std::nullopt) const
    {
        PackageWriter writer(path, *m_site, m_hub->publicKeys());
        if (Status s = writer.begin(header ? *header : baseHeader().toJson()); !s)
            return s;
        for (qint64 at = 0; at < payload.size(); at += piece)
            if (writer.write(payload.constData() + at, std::min(piece, payload.size() - at)) < 0)
                return writer.status();
        return writer.finish();
    }

    ReadOutcome read(const QString &path, const PackageLimits &limits = {}, qint64 readSize = 16384,
                     const DeviceKeys *own = nullptr) const
    {
        ReadOutcome r;
        PackageReader reader(path, limits);
        if (r.status = reader.open(); !r.status)
            return r;
        if (r.status = reader.verifySignature(m_site->publicKeys()); !r.status)
            return r;
        r.sha256 = reader.packageSha256();
        Result<PayloadStream *> payload = reader.openPayload(own ? *own : *m_hub);
        if (!payload) {
            r.status = payload.status();
            return r;
        }
        QByteArray buffer(readSize, Qt::Uninitialized);
        qint64 n = 0;
        while ((n = (*payload)->read(buffer.data(), readSize)) > 0) {
            r.delivered += n;
            if (r.payload.size() < 64 * 1024 * 1024)
                r.payload.append(buffer.constData(), n);
        }
        r.status = (*payload)->finish();
        if (r.status.isOk() && n < 0)
            r.status = Status::error(ErrorCode::Io, QStringLiteral("read failed without a status"));
        return r;
    }

    QString signatureMessage() const
    {
        return QStringLiteral("the signature does not match: the file was altered or damaged, or is not from device %1")
            .arg(m_site->deviceId());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(sodium_init() >= 0);
        m_site.emplace(generated(QStringLiteral("a1b2c3d4e5f60718")));
        m_hub.emplace(generated(QStringLiteral("0011223344556677")));
        m_other.emplace(generated(QStringLiteral("8899aabbccddeeff")));
    }

    void header_roundTripsThroughJson()
    {
        PackageHeader h = baseHeader();
        h.payload =
            PackagePayload{QStringLiteral("application/vnd.cdisc.odm+xml"), QStringLiteral("zstd"), 10, hashOf('e'), 9};
        Result<PackageHeader> back = PackageHeader::fromJson(h.toJson(), PackageHeader::Part::Complete);
        QVERIFY2(back.isOk(), qPrintable(back.message()));
        QCOMPARE(*back, h);
        QCOMPARE(PackageHeader::fileNameFor(QStringLiteral("s1904"), QStringLiteral("a"), QStringLiteral("b"), 42),
                 QStringLiteral("s1904_a_to_b_000042.ccsync"));
        QCOMPARE(PackageHeader::fileOidFor(QStringLiteral("s1904"), QStringLiteral("a"), QStringLiteral("b"), 42),
                 QStringLiteral("CellCRF/s1904/a/b/42"));
        // The acknowledgement-only package of a hub.
        h.chains.clear();
        h.sender = {m_hub->deviceId(), QStringLiteral("hub"), QString(), m_hub->keyId()};
        QVERIFY(PackageHeader::fromJson(h.toJson(), PackageHeader::Part::Complete).isOk());
    }

    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<qint64>("piece");
        QTest::addColumn<qint64>("readSize");
        QTest::newRow("empty") << QByteArray() << qint64(1) << qint64(7);
        QTest::newRow("1 byte") << QByteArray("x") << qint64(1) << qint64(1);
        QTest::newRow("65535 random") << randomBytes(65535, 1) << qint64(1000) << qint64(7);
        QTest::newRow("65536 random") << randomBytes(65536, 2) << qint64(65536) << qint64(4096);
        QTest::newRow("65537 random") << randomBytes(65537, 3) << qint64(3) << qint64(65536);
        QTest::newRow("5 MiB random") << randomBytes(5 << 20, 4) << qint64(1 << 20) << qint64(16384);
        QTest::newRow("5 MiB random, one write") << randomBytes(5 << 20, 5) << qint64(5 << 20) << qint64(100000);
        QTest::newRow("3 MiB XML") << xmlLike(3 << 20) << qint64(137) << qint64(8192);
    }

    void roundTrip()
    {
        QFETCH(QByteArray, payload);
        QFETCH(qint64, piece);
        QFETCH(qint64, readSize);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        Result<WrittenPackage> written = write(path, payload, piece);
        QVERIFY2(written.isOk(), qPrintable(written.message()));
        QCOMPARE(folderEntries(dir.path()), QStringList{QStringLiteral("p.ccsync")}); // no .part, no pass-1 file
        const QByteArray file = readFile(path);
        QCOMPARE(written->sha256, QString::fromLatin1(sha256(file).toHex()));
        QCOMPARE(written->fileBytes, file.size());
        QCOMPARE(written->header.payload->plainBytes, payload.size());
        QCOMPARE(written->header.payload->plainSha256, QString::fromLatin1(sha256(payload).toHex()));

        const ReadOutcome r = read(path, {}, readSize);
        QVERIFY2(r.status.isOk(), qPrintable(r.status.message()));
        QCOMPARE(r.sha256, written->sha256);
        QCOMPARE(r.payload.size(), payload.size());
        QVERIFY(r.payload == payload);

        PackageReader reader(path);
        QVERIFY(reader.open().isOk());
        QCOMPARE(reader.header(), written->header);
        QVERIFY(reader.layout().intact);
        QCOMPARE(reader.layout().fullChunks + 1, written->chunkCount);
    }

    // The writer's output, taken apart by the specification alone.
    void writer_outputFollowsTheSpecificationByteForByte()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        const QByteArray payload = xmlLike(300000) + randomBytes(100000, 9);
        Result<WrittenPackage> written = write(path, payload);
        QVERIFY(written.isOk());
        const QByteArray file = readFile(path);

        QCOMPARE(file.left(8), QByteArray("CCSYNC01"));
        const quint32 h = qFromBigEndian<quint32>(file.constData() + 8);
        const QByteArray header = file.mid(12, h);
        const QJsonObject json = QJsonDocument::fromJson(header).object();
        QCOMPARE(compact(json), header); // compact, keys sorted
        QCOMPARE(json.keys(),
                 (QStringList{QStringLiteral("acks"), QStringLiteral("as_of_utc"), QStringLiteral("attachments"),
                              QStringLiteral("chains"), QStringLiteral("created_utc"), QStringLiteral("format"),
                              QStringLiteral("package"), QStringLiteral("payload"), QStringLiteral("recipient"),
                              QStringLiteral("sender"), QStringLiteral("software"), QStringLiteral("study")}));
        const QJsonObject p = json.value(QLatin1String("payload")).toObject();
        QCOMPARE(p.value(QLatin1String("media_type")).toString(), QStringLiteral("application/vnd.cdisc.odm+xml"));
        QCOMPARE(p.value(QLatin1String("compression")).toString(), QStringLiteral("zstd"));
        QCOMPARE(p.value(QLatin1String("plain_bytes")).toInteger(), payload.size());
        QCOMPARE(p.value(QLatin1String("plain_sha256")).toString(), QString::fromLatin1(sha256(payload).toHex()));
        const qint64 compressed = p.value(QLatin1String("compressed_bytes")).toInteger();

        unsigned char key[32];
        QCOMPARE(crypto_box_seal_open(key, u(file.constData() + 12 + h), 80, u(m_hub->publicKeys().boxPk.constData()),
                                      m_hub->boxSecretKey().data()),
                 0);
        crypto_secretstream_xchacha20poly1305_state state;
        QCOMPARE(crypto_secretstream_xchacha20poly1305_init_pull(&state, u(file.constData() + 92 + h), key), 0);
        const QByteArray ad = sha256(file.left(116 + h));
        QByteArray stream;
        qint64 at = 116 + h;
        qint64 chunks = 0;
        for (;;) {
            const qint64 remaining = file.size() - 64 - at;
            const qint64 size = std::min<qint64>(remaining, 65536 + 17);
            QByteArray plain(size - 17, '\0');
            unsigned char tag = 0xff;
            QCOMPARE(crypto_secretstream_xchacha20poly1305_pull(&state, u(plain.data()), nullptr, &tag,
                                                                u(file.constData() + at), quint64(size),
                                                                u(ad.constData()), 32),
                     0);
            stream += plain;
            at += size;
            ++chunks;
            if (at == file.size() - 64) {
                QCOMPARE(tag, quint8(crypto_secretstream_xchacha20poly1305_TAG_FINAL));
                QVERIFY(plain.size() < 65536);
                break;
            }
            QCOMPARE(tag, quint8(crypto_secretstream_xchacha20poly1305_TAG_MESSAGE));
            QCOMPARE(plain.size(), 65536);
        }
        QCOMPARE(stream.size(), compressed);
        QCOMPARE(chunks, written->chunkCount);
        QVERIFY(zstdDecompressAll(stream) == payload);

        crypto_sign_state signing;
        crypto_sign_init(&signing);
        crypto_sign_update(&signing, u(file.constData()), quint64(file.size() - 64));
        QCOMPARE(crypto_sign_final_verify(&signing, u(file.constData() + file.size() - 64),
                                          u(m_site->publicKeys().signPk.constData())),
                 0);
    }

    // The reader accepts a package made from the specification by other code.
    void reader_acceptsAHonestForgedPackage_data()
    {
        QTest::addColumn<qint64>("streamBytes");
        QTest::newRow("one byte short of a chunk") << qint64(65535);
        QTest::newRow("one small chunk") << qint64(1000);
        QTest::newRow("exactly one full chunk: an empty last chunk") << qint64(65536);
        QTest::newRow("two full chunks") << qint64(131072);
        QTest::newRow("two and a bit") << qint64(131073);
    }

    void reader_acceptsAHonestForgedPackage()
    {
        QFETCH(qint64, streamBytes);
        // One zstd frame holding one raw block: exactly the stream size wanted.
        const QByteArray plain = randomBytes(streamBytes - 6 - 3, 11);
        QByteArray stream = zstdFrameHeader(20);
        appendBlock(stream, 0, quint32(plain.size()), true, plain);
        QCOMPARE(stream.size(), streamBytes);
        QVERIFY(zstdDecompressAll(stream) == plain);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("forged.ccsync"));
        QVERIFY(writeFile(path, forged(honestHeader(plain, stream), stream)));
        const ReadOutcome r = read(path, {}, 5000);
        QVERIFY2(r.status.isOk(), qPrintable(r.status.message()));
        QVERIFY(r.payload == plain);
    }

    // Writer and reader at the chunk boundaries of the compressed stream.
    void compressedStreamAtChunkBoundaries_data()
    {
        QTest::addColumn<qint64>("target");
        QTest::addColumn<qint64>("chunks");
        QTest::newRow("65535") << qint64(65535) << qint64(1);
        QTest::newRow("65536") << qint64(65536) << qint64(2);
        QTest::newRow("65537") << qint64(65537) << qint64(2);
        QTest::newRow("131072") << qint64(131072) << qint64(3);
        QTest::newRow("196607") << qint64(196607) << qint64(3);
    }

    void compressedStreamAtChunkBoundaries()
    {
        QFETCH(qint64, target);
        QFETCH(qint64, chunks);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        // Random bytes compress to themselves plus a few bytes of framing: find
        // the payload size whose compressed stream has the target size.
        const QByteArray pool = randomBytes(target + 1024, 12);
        std::optional<WrittenPackage> hit;
        QByteArray payload;
        for (qint64 size = target - 40; size <= target && !hit; ++size) {
            payload = pool.left(size);
            Result<WrittenPackage> w = write(path, payload, 65536);
            QVERIFY(w.isOk());
            if (w->header.payload->compressedBytes == target)
                hit = *w;
        }
        QVERIFY2(hit.has_value(), "no payload size gives that compressed size");
        QCOMPARE(hit->chunkCount, chunks);
        PackageReader reader(path);
        QVERIFY(reader.open().isOk());
        QCOMPARE(reader.layout().fullChunks, target / 65536);
        QCOMPARE(reader.layout().lastChunkBytes, target % 65536);
        QCOMPARE(reader.layout().fileBytes, format::packageBytes(reader.layout().headerBytes, target));
        const ReadOutcome r = read(path, {}, 999);
        QVERIFY2(r.status.isOk(), qPrintable(r.status.message()));
        QVERIFY(r.payload == payload);
    }

    // QXmlStreamWriter writes into the writer; QXmlStreamReader reads the payload.
    void xmlStreamsWriteAndReadThePayloadDirectly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        {
            PackageWriter writer(path, *m_site, m_hub->publicKeys());
            QVERIFY(writer.begin(baseHeader().toJson()).isOk());
            QXmlStreamWriter xml(&writer);
            xml.writeStartDocument();
            xml.writeStartElement(QStringLiteral("ODM"));
            for (int i = 1; i <= 20000; ++i) {
                xml.writeStartElement(QStringLiteral("E"));
                xml.writeAttribute(QStringLiteral("n"), QString::number(i));
                xml.writeAttribute(QStringLiteral("new"), QStringLiteral("tab\there, line\nthere"));
                xml.writeEndElement();
            }
            xml.writeEndDocument();
            QVERIFY(!xml.hasError());
            QVERIFY(writer.finish().isOk());
        }
        PackageReader reader(path);
        QVERIFY(reader.open().isOk());
        QVERIFY(reader.verifySignature(m_site->publicKeys()).isOk());
        Result<PayloadStream *> payload = reader.openPayload(*m_hub);
        QVERIFY(payload.isOk());
        QXmlStreamReader xml(*payload);
        int events = 0;
        qint64 sum = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == QLatin1String("E")) {
                ++events;
                sum += xml.attributes().value(QLatin1String("n")).toLongLong();
                QCOMPARE(xml.attributes().value(QLatin1String("new")).toString(),
                         QStringLiteral("tab\there, line\nthere"));
                xml.skipCurrentElement();
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(events, 20000);
        QCOMPARE(sum, qint64(20000) * 20001 / 2);
        QVERIFY((*payload)->finish().isOk());
        QVERIFY((*payload)->atEnd());
    }

    void writer_refusesHeader_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("message"); // the start of it
        QList<QPair<QString, QJsonValue>> paths;
        collectPaths(baseHeader().toJson(), QString(), paths);
        for (const auto &[path, value] : paths) {
            const QString name = messagePath(path);
            const bool listElement = name.endsWith(QLatin1Char(']'));
            if (!listElement)
                QTest::addRow("missing %s", qPrintable(name))
                    << path << QJsonValue(QJsonValue::Undefined) << QStringLiteral("field %1 is missing").arg(name);
            QTest::addRow("mistyped %s", qPrintable(name))
                << path << mistyped(value) << QStringLiteral("field %1 must be ").arg(name);
        }
        addRangeRows();
    }

    void writer_refusesHeader()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("p.ccsync"));
        PackageWriter writer(file, *m_site, m_hub->publicKeys());
        const Status s = writer.begin(changed(baseHeader().toJson(), path, value));
        QVERIFY(!s.isOk());
        QVERIFY2(s.message().startsWith(QStringLiteral("cannot write the package: ") + message),
                 qPrintable(s.message()));
        QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (cellcrf::sync::PackageWriter): device not open");
        QCOMPARE(writer.write("x", 1), qint64(-1));
        QVERIFY(!writer.finish().isOk());
        QCOMPARE(folderEntries(dir.path()), QStringList());
    }

    void reader_refusesHeader_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("message");
        PackageHeader h = baseHeader();
        h.payload =
            PackagePayload{QStringLiteral("application/vnd.cdisc.odm+xml"), QStringLiteral("zstd"), 1, hashOf('e'), 1};
        QList<QPair<QString, QJsonValue>> paths;
        collectPaths(h.toJson(), QString(), paths);
        for (const auto &[path, value] : paths) {
            const QString name = messagePath(path);
            if (!name.endsWith(QLatin1Char(']')))
                QTest::addRow("missing %s", qPrintable(name))
                    << path << QJsonValue(QJsonValue::Undefined) << QStringLiteral("field %1 is missing").arg(name);
            QTest::addRow("mistyped %s", qPrintable(name))
                << path << mistyped(value) << QStringLiteral("field %1 must be ").arg(name);
        }
        addRangeRows();
        QTest::newRow("payload compression")
            << QStringLiteral("payload.compression") << QJsonValue(QStringLiteral("gzip"))
            << QStringLiteral("field payload.compression must be one of: zstd");
        QTest::newRow("payload media_type")
            << QStringLiteral("payload.media_type") << QJsonValue(QStringLiteral("text/xml"))
            << QStringLiteral("field payload.media_type must be one of: application/vnd.cdisc.odm+xml");
        QTest::newRow("payload compressed_bytes 0")
            << QStringLiteral("payload.compressed_bytes") << QJsonValue(0)
            << QStringLiteral("field payload.compressed_bytes must be a whole number from 1");
        QTest::newRow("payload plain_bytes 2^60")
            << QStringLiteral("payload.plain_bytes") << QJsonValue(1.15292150460684698e18)
            << QStringLiteral("field payload.plain_bytes must be a whole number from 0");
        QTest::newRow("payload plain_sha256 upper case")
            << QStringLiteral("payload.plain_sha256") << QJsonValue(QString(64, QLatin1Char('E')))
            << QStringLiteral("field payload.plain_sha256 must be 64 lower-case hex digits");
    }

    void reader_refusesHeader()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("p.ccsync"));
        const QByteArray plain("payload");
        const QByteArray stream = zstdCompress(plain);
        QVERIFY(writeFile(file, forged(changed(honestHeader(plain, stream), path, value), stream)));
        const QByteArray before = readFile(file);
        PackageReader reader(file);
        const Status s = reader.open();
        QVERIFY(!s.isOk());
        QVERIFY2(s.message().startsWith(QStringLiteral("the package header is damaged: ") + message),
                 qPrintable(s.message()));
        QCOMPARE(readFile(file), before);
    }

    void reader_refusesHeaderBytes_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QByteArray("hello")
                                  << QStringLiteral("the package header is damaged: it is not "
                                                    "UTF-8 JSON");
        QTest::newRow("a list") << QByteArray("[1,2]")
                                << QStringLiteral("the package header is damaged: it is not a "
                                                  "JSON object");
        QTest::newRow("invalid UTF-8") << QByteArray("{\"format\":\"\xff\xfe\"}")
                                       << QStringLiteral("the package header is damaged: it is not UTF-8 JSON");
        QTest::newRow("indented") << QByteArray("%indented")
                                  << QStringLiteral("the package header is damaged: it is "
                                                    "not compact JSON with sorted keys");
        QTest::newRow("a key twice") << QByteArray("%twice")
                                     << QStringLiteral("the package header is damaged: it is "
                                                       "not compact JSON with sorted keys");
    }

    void reader_refusesHeaderBytes()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, message);
        const QByteArray plain("payload");
        const QByteArray stream = zstdCompress(plain);
        const QJsonObject honest = honestHeader(plain, stream);
        if (header == "%indented")
            header = QJsonDocument(honest).toJson(QJsonDocument::Indented);
        else if (header == "%twice")
            header = "{\"format\":\"cellcrf-sync/1\"," + compact(honest).mid(1);
        Forgery f;
        f.header = header;
        f.stream = stream;
        f.recipientBoxPk = m_hub->publicKeys().boxPk;
        f.signSk = m_site->signSecretKey().data();
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("p.ccsync"));
        QVERIFY(writeFile(file, forge(f)));
        PackageReader reader(file);
        const Status s = reader.open();
        QVERIFY(!s.isOk());
        QVERIFY2(s.message().startsWith(message), qPrintable(s.message()));
    }

    // §3 row 1: any byte changed.
    void flippedByte_data()
    {
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("message");
        const QString sig = QStringLiteral("%signature");
        QTest::newRow("magic, first byte") << QStringLiteral("0") << QStringLiteral("not a CellCRF sync package");
        QTest::newRow("magic, version digit")
            << QStringLiteral("6") << QStringLiteral("made by a newer CellCRF (format 11)");
        QTest::newRow("header length, high byte")
            << QStringLiteral("8") << QStringLiteral("the package header is damaged: its length ");
        QTest::newRow("header length, low byte")
            << QStringLiteral("11") << QStringLiteral("the package header is damaged: it is not UTF-8 JSON");
        QTest::newRow("header, opening brace")
            << QStringLiteral("12") << QStringLiteral("the package header is damaged: it is not UTF-8 JSON");
        QTest::newRow("header, inside a hash")
            << QStringLiteral("hash")
            << QStringLiteral("the package header is damaged: field chains[0].last_hash must "
                              "be 64 lower-case hex digits");
        QTest::newRow("header, inside software") << QStringLiteral("software") << sig;
        QTest::newRow("sealed key, first byte") << QStringLiteral("sealed+0") << sig;
        QTest::newRow("sealed key, middle") << QStringLiteral("sealed+40") << sig;
        QTest::newRow("sealed key, last byte") << QStringLiteral("sealed+79") << sig;
        QTest::newRow("stream header, first byte") << QStringLiteral("stream+0") << sig;
        QTest::newRow("stream header, last byte") << QStringLiteral("stream+23") << sig;
        QTest::newRow("chunk 1, first byte") << QStringLiteral("chunks+0") << sig;
        QTest::newRow("chunk 1, its tag") << QStringLiteral("chunks+65552") << sig;
        QTest::newRow("chunk 2, middle") << QStringLiteral("chunks+98000") << sig;
        QTest::newRow("last chunk, first byte") << QStringLiteral("last+0") << sig;
        QTest::newRow("signature, first byte") << QStringLiteral("end-64") << sig;
        QTest::newRow("signature, last byte") << QStringLiteral("end-1") << sig;
    }

    void flippedByte()
    {
        QFETCH(QString, where);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        QVERIFY(write(path, randomBytes(200000, 21)).isOk());
        QByteArray file = readFile(path);
        const qint64 at = offsetOf(file, where);
        file[at] = char(file[at] ^ 0x01);
        QVERIFY(writeFile(path, file));
        const ReadOutcome r = read(path);
        QVERIFY(!r.status.isOk());
        if (message == QLatin1String("%signature"))
            message = signatureMessage();
        QVERIFY2(r.status.message().startsWith(message), qPrintable(r.status.message()));
        QCOMPARE(r.delivered, 0);
        QCOMPARE(readFile(path), file);
        QCOMPARE(folderEntries(dir.path()), QStringList{QStringLiteral("p.ccsync")});
    }

    // A sender that signs a broken file (a faulty or hostile program) passes
    // step 6; step 7 still refuses.
    void flippedByteSignedAgain_data()
    {
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("message");
        const QString damaged = QStringLiteral("the package's encrypted payload is damaged: ");
        QTest::newRow("sealed key") << QStringLiteral("sealed+10")
                                    << QStringLiteral("cannot be opened with this database's key");
        QTest::newRow("stream header") << QStringLiteral("stream+5")
                                       << damaged + QStringLiteral("chunk 1 does not "
                                                                   "decrypt");
        QTest::newRow("header, inside software (bound by the additional data)")
            << QStringLiteral("software") << damaged + QStringLiteral("chunk 1 does not decrypt");
        QTest::newRow("chunk 2") << QStringLiteral("chunks+70000")
                                 << damaged + QStringLiteral("chunk 2 does not "
                                                             "decrypt");
        QTest::newRow("last chunk") << QStringLiteral("last+3") << damaged + QStringLiteral("chunk 4 does not decrypt");
    }

    void flippedByteSignedAgain()
    {
        QFETCH(QString, where);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        QVERIFY(write(path, randomBytes(200000, 22)).isOk());
        QByteArray file = readFile(path);
        const qint64 at = offsetOf(file, where);
        file[at] = char(file[at] ^ 0x01);
        sign(file, m_site->signSecretKey().data());
        QVERIFY(writeFile(path, file));
        const ReadOutcome r = read(path);
        QVERIFY(!r.status.isOk());
        QCOMPARE(r.status.message(), message);
    }

    // §3 row 2: truncated, or bytes appended.
    void truncatedOrAppended_data()
    {
        QTest::addColumn<qint64>("change"); // < 0: cut so many bytes; > 0: append; 0 with keep: keep so many
        QTest::addColumn<qint64>("keep");
        QTest::addColumn<QString>("message");
        const QString incomplete = QStringLiteral("the package is incomplete (%1 bytes)");
        QTest::newRow("1 byte cut") << qint64(-1) << qint64(-1) << incomplete;
        QTest::newRow("17 bytes cut") << qint64(-17) << qint64(-1) << incomplete;
        QTest::newRow("the signature cut") << qint64(-64) << qint64(-1) << incomplete;
        QTest::newRow("a chunk cut") << qint64(-65553) << qint64(-1) << incomplete;
        QTest::newRow("half cut") << qint64(-100000) << qint64(-1) << incomplete;
        QTest::newRow("197 bytes kept") << qint64(0) << qint64(197) << incomplete;
        QTest::newRow("12 bytes kept") << qint64(0) << qint64(12) << incomplete;
        QTest::newRow("7 bytes kept") << qint64(0) << qint64(7) << QStringLiteral("not a CellCRF sync package");
        QTest::newRow("nothing kept") << qint64(0) << qint64(0) << QStringLiteral("not a CellCRF sync package");
        QTest::newRow("1 byte appended") << qint64(1) << qint64(-1) << QStringLiteral("%signature");
        QTest::newRow("17 bytes appended") << qint64(17) << qint64(-1) << QStringLiteral("%signature");
        QTest::newRow("a chunk appended") << qint64(65553) << qint64(-1) << QStringLiteral("%signature");
    }

    void truncatedOrAppended()
    {
        QFETCH(qint64, change);
        QFETCH(qint64, keep);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        QVERIFY(write(path, randomBytes(200000, 23)).isOk());
        QByteArray file = readFile(path);
        if (keep >= 0)
            file.truncate(keep);
        else if (change < 0)
            file.chop(-change);
        else
            file.append(randomBytes(change, 24));
        QVERIFY(writeFile(path, file));
        const ReadOutcome r = read(path);
        QVERIFY(!r.status.isOk());
        if (message == QLatin1String("%signature"))
            message = signatureMessage();
        else if (message.contains(QLatin1String("%1")))
            message = message.arg(file.size());
        QCOMPARE(r.status.message(), message);
    }

    // TAG_FINAL exactly at the last chunk, in a package its sender signed.
    void finalTagMisplaced_data()
    {
        QTest::addColumn<int>("finalAt"); // chunk index that carries FINAL; -1: none
        QTest::addColumn<QString>("message");
        QTest::newRow("final at chunk 1 of 3")
            << 0 << QStringLiteral("the package's encrypted payload is damaged: the stream ends at chunk 1 of 3");
        QTest::newRow("final at chunk 2 of 3")
            << 1 << QStringLiteral("the package's encrypted payload is damaged: the stream ends at chunk 2 of 3");
        QTest::newRow("no final") << -1 << QStringLiteral("the package is incomplete (%1 bytes)");
    }

    void finalTagMisplaced()
    {
        QFETCH(int, finalAt);
        QFETCH(QString, message);
        const QByteArray plain = randomBytes(150000, 25);
        const QByteArray stream = zstdCompress(plain);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        const QByteArray file = forged(honestHeader(plain, stream), stream, nullptr, [finalAt](qint64 i, qint64) {
            return i == finalAt ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
        });
        QVERIFY(writeFile(path, file));
        const ReadOutcome r = read(path);
        QVERIFY(!r.status.isOk());
        QCOMPARE(r.status.message(), message.contains(QLatin1String("%1")) ? message.arg(file.size()) : message);
    }

    // A sender that dropped its last chunk, fixed the header and signed.
    void lastChunkDroppedAndSignedAgain()
    {
        const QByteArray plain = randomBytes(150000, 26);
        const QByteArray full = zstdCompress(plain);
        const QByteArray stream = full.left(131072); // two full chunks, no last chunk
        QJsonObject header = honestHeader(plain, full);
        header = changed(header, QStringLiteral("payload.compressed_bytes"), 131072);
        QByteArray file = forged(header, full);
        const qint64 h = qFromBigEndian<quint32>(file.constData() + 8);
        file = file.left(116 + h + 2 * 65553) + QByteArray(64, '\0');
        sign(file, m_site->signSecretKey().data());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        QVERIFY(writeFile(path, file));
        const ReadOutcome r = read(path);
        QCOMPARE(r.status.message(), QStringLiteral("the package is incomplete (%1 bytes)").arg(file.size()));
    }

    // §3 row 7.
    void wrongRecipientKey()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        QVERIFY(write(path, xmlLike(100000)).isOk());
        // Another device, and the hub's own id after a key change (a package sealed for its old key).
        const DeviceKeys newHubKeys = generated(m_hub->deviceId());
        for (const DeviceKeys *own : std::initializer_list<const DeviceKeys *>{&*m_other, &newHubKeys}) {
            const ReadOutcome r = read(path, {}, 16384, own);
            QVERIFY(!r.status.isOk());
            QCOMPARE(r.status.message(), QStringLiteral("cannot be opened with this database's key"));
            QCOMPARE(r.delivered, 0);
        }
    }

    void signatureOfAnotherDevice()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        // A package that claims the site as sender, signed by another key.
        const QByteArray plain = xmlLike(50000);
        const QByteArray stream = zstdCompress(plain);
        QVERIFY(writeFile(path, forged(honestHeader(plain, stream), stream, &*m_other)));
        PackageReader reader(path);
        QVERIFY(reader.open().isOk());
        QCOMPARE(reader.verifySignature(m_site->publicKeys()).message(), signatureMessage());
        QVERIFY(!reader.openPayload(*m_hub).isOk());
        // Keys of another device than the header names are refused before any reading.
        QCOMPARE(reader.verifySignature(m_other->publicKeys()).message(),
                 QStringLiteral("the package names key %1 of device %2, but the key given is %3 of device %4")
                     .arg(m_site->keyId(), m_site->deviceId(), m_other->keyId(), m_other->deviceId()));
    }

    void payloadNeedsAVerifiedSignature()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        QVERIFY(write(path, xmlLike(1000)).isOk());
        PackageReader reader(path);
        QVERIFY(reader.open().isOk());
        Result<PayloadStream *> p = reader.openPayload(*m_hub);
        QVERIFY(!p.isOk());
        QCOMPARE(p.message(), QStringLiteral("the package's signature was not verified"));
    }

    // §3 row 3.
    void notAPackage_data()
    {
        QTest::addColumn<QByteArray>("start");
        QTest::addColumn<QString>("message");
        QTest::newRow("text") << QByteArray("Hello, this is a letter and not a package at all. ")
                              << QStringLiteral("not a CellCRF sync package");
        QTest::newRow("a CellCRF database")
            << QByteArray("SQLite format 3\0", 16) << QStringLiteral("not a CellCRF sync package");
        QTest::newRow("format 2") << QByteArray("CCSYNC02") << QStringLiteral("made by a newer CellCRF (format 2)");
        QTest::newRow("format 13") << QByteArray("CCSYNC13") << QStringLiteral("made by a newer CellCRF (format 13)");
        QTest::newRow("format 00") << QByteArray("CCSYNC00") << QStringLiteral("not a CellCRF sync package");
        QTest::newRow("not digits") << QByteArray("CCSYNCxy") << QStringLiteral("not a CellCRF sync package");
    }

    void notAPackage()
    {
        QFETCH(QByteArray, start);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        QVERIFY(write(path, xmlLike(1000)).isOk());
        QByteArray file = readFile(path);
        file.replace(0, start.size(), start);
        QVERIFY(writeFile(path, file));
        PackageReader reader(path);
        QCOMPARE(reader.open().message(), message);
        QCOMPARE(PackageReader::inspect(path).message(), message);
    }

    // §3 row 11: refused by size, before a byte is read.
    void oversize()
    {
        QTemporaryDir dir;
        const QString big = dir.filePath(QStringLiteral("big.ccsync"));
        {
            QFile f(big);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.resize(qint64(3.1 * 1024 * 1024 * 1024) + 1)); // sparse: no disk space, and not a package
        }
        PackageReader reader(big);
        QCOMPARE(reader.open().message(), QStringLiteral("the package is 3.1 GB; the limit is 2 GB (--max-size)"));

        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        QVERIFY(write(path, randomBytes(1300, 27)).isOk());
        const qint64 size = QFileInfo(path).size();
        PackageLimits limits;
        limits.maxFileBytes = 1000;
        PackageReader small(path, limits);
        QCOMPARE(small.open().message(), QStringLiteral("the package is %1 KB; the limit is 1000 bytes (--max-size)")
                                             .arg(QString::number(double(size) / 1024, 'f', 1)));
        limits.maxFileBytes = size;
        PackageReader exact(path, limits);
        QVERIFY(exact.open().isOk());
    }

    // Declared sizes are checked against the limits before anything is decompressed.
    void declaredSizesOverTheLimits()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        const QByteArray plain = xmlLike(5000);
        const QByteArray stream = zstdCompress(plain);
        // More than 200 times the compressed size.
        QJsonObject header = changed(honestHeader(plain, stream), QStringLiteral("payload.plain_bytes"),
                                     double(200 * stream.size() + 1));
        QVERIFY(writeFile(path, forged(header, stream)));
        ReadOutcome r = read(path);
        QVERIFY2(r.status.message().startsWith(QStringLiteral("the payload declares ")) &&
                     r.status.message().endsWith(QStringLiteral("of compressed data, more than 200 times as much")),
                 qPrintable(r.status.message()));
        // Over 8 GiB.
        header = changed(honestHeader(plain, stream), QStringLiteral("payload.plain_bytes"), double(qint64(9) << 30));
        QVERIFY(writeFile(path, forged(header, stream)));
        r = read(path);
        QCOMPARE(r.status.message(), QStringLiteral("the payload declares 9 GB; the limit is 8 GB"));
        // A smaller limit of the caller's.
        QVERIFY(writeFile(path, forged(honestHeader(plain, stream), stream)));
        PackageLimits limits;
        limits.maxPlainBytes = 4096;
        r = read(path, limits);
        QCOMPARE(r.status.message(), QStringLiteral("the payload declares 4.9 KB; the limit is 4 KB"));
    }

    // §3 row 12: bombs, with bounded memory.
    void zstdBomb_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<qint64>("declared"); // -1: 200 × compressed, the most the header may declare
        QTest::newRow("4 GiB of RLE blocks declared as 1000 bytes") << QStringLiteral("rle") << qint64(1000);
        QTest::newRow("4 GiB of RLE blocks declared at the 200x limit") << QStringLiteral("rle") << qint64(-1);
        QTest::newRow("1 GiB of zeros by libzstd declared as 1 MiB") << QStringLiteral("libzstd") << qint64(1 << 20);
    }

    void zstdBomb()
    {
        QFETCH(QString, kind);
        QFETCH(qint64, declared);
        QByteArray stream;
        if (kind == QLatin1String("rle")) {
            stream = rleBomb(32768); // 32768 × 128 KiB = 4 GiB
        } else {
            ZSTD_CCtx *c = ZSTD_createCCtx();
            ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, 3);
            const QByteArray zeros(1 << 20, '\0');
            QByteArray out(1 << 20, Qt::Uninitialized);
            for (int i = 0; i < 1024; ++i) {
                ZSTD_inBuffer in{zeros.constData(), std::size_t(zeros.size()), 0};
                while (in.pos < in.size) {
                    ZSTD_outBuffer o{out.data(), std::size_t(out.size()), 0};
                    ZSTD_compressStream2(c, &o, &in, ZSTD_e_continue);
                    stream.append(out.constData(), qsizetype(o.pos));
                }
            }
            ZSTD_inBuffer none{nullptr, 0, 0};
            for (std::size_t left = 1; left != 0;) {
                ZSTD_outBuffer o{out.data(), std::size_t(out.size()), 0};
                left = ZSTD_compressStream2(c, &o, &none, ZSTD_e_end);
                stream.append(out.constData(), qsizetype(o.pos));
            }
            ZSTD_freeCCtx(c);
        }
        // The bomb is real: it inflates far beyond what it will declare.
        {
            ZSTD_DCtx *d = ZSTD_createDCtx();
            QByteArray out(1 << 20, Qt::Uninitialized);
            ZSTD_inBuffer in{stream.constData(), std::size_t(stream.size()), 0};
            qint64 total = 0;
            while (total < (qint64(64) << 20)) {
                ZSTD_outBuffer o{out.data(), std::size_t(out.size()), 0};
                QVERIFY(!ZSTD_isError(ZSTD_decompressStream(d, &o, &in)));
                total += qint64(o.pos);
            }
            ZSTD_freeDCtx(d);
        }
        if (declared < 0)
            declared = 200 * stream.size();
        const QByteArray plain(declared, 'A'); // what the header claims
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bomb.ccsync"));
        QVERIFY(writeFile(path, forged(honestHeader(plain, stream), stream)));
        const ReadOutcome r = read(path, {}, 65536);
        QCOMPARE(r.status.message(), QStringLiteral("the payload expands beyond its declared size"));
        QVERIFY(r.delivered <= declared);
        checkPeakMemory();
    }

    void hugeWindow_data()
    {
        QTest::addColumn<int>("windowLog");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("2^27, the most allowed") << 27 << true;
        QTest::newRow("2^28") << 28 << false;
        QTest::newRow("2^31") << 31 << false;
    }

    void hugeWindow()
    {
        QFETCH(int, windowLog);
        QFETCH(bool, accepted);
        const QByteArray plain("ten bytes!");
        QByteArray stream = zstdFrameHeader(windowLog);
        appendBlock(stream, 0, quint32(plain.size()), true, plain);
        // A valid frame that declares that window.
        ZSTD_frameHeader fh;
        QCOMPARE(ZSTD_getFrameHeader(&fh, stream.constData(), std::size_t(stream.size())), std::size_t(0));
        QCOMPARE(fh.windowSize, quint64(1) << windowLog);
        QByteArray check(plain.size(), '\0');
        QCOMPARE(
            ZSTD_decompress(check.data(), std::size_t(check.size()), stream.constData(), std::size_t(stream.size())),
            std::size_t(plain.size()));
        QCOMPARE(check, plain);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("window.ccsync"));
        QVERIFY(writeFile(path, forged(honestHeader(plain, stream), stream)));
        const ReadOutcome r = read(path);
        if (accepted) {
            QVERIFY2(r.status.isOk(), qPrintable(r.status.message()));
            QCOMPARE(r.payload, plain);
        } else {
            QCOMPARE(r.status.message(),
                     QStringLiteral("the payload needs more memory than allowed (a decompression window over 128 MB)"));
            QCOMPARE(r.delivered, 0);
        }
        checkPeakMemory();
    }

    // The plaintext must be exactly what the signed header declares.
    void payloadDiffersFromItsHeader_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("message");
        QTest::newRow("other SHA-256") << QStringLiteral("sha")
                                       << QStringLiteral("the payload does not match its declared size and SHA-256 "
                                                         "(20000 bytes, declared 20000)");
        QTest::newRow("declared longer") << QStringLiteral("longer")
                                         << QStringLiteral("the payload does not match its declared size and SHA-256 "
                                                           "(20000 bytes, declared 20001)");
        QTest::newRow("declared shorter")
            << QStringLiteral("shorter") << QStringLiteral("the payload expands beyond its declared size");
        QTest::newRow("stream cut in a frame")
            << QStringLiteral("cut") << QStringLiteral("the compressed payload ends in the middle of a frame");
        QTest::newRow("garbage after the frame") << QStringLiteral("garbage")
                                                 << QStringLiteral("the compressed payload is damaged: Unknown frame "
                                                                   "descriptor");
    }

    void payloadDiffersFromItsHeader()
    {
        QFETCH(QString, change);
        QFETCH(QString, message);
        const QByteArray plain = xmlLike(20000);
        QByteArray stream = zstdCompress(plain);
        if (change == QLatin1String("cut"))
            stream.chop(stream.size() / 2);
        if (change == QLatin1String("garbage"))
            stream += QByteArray("garbage after the frame");
        QJsonObject header = honestHeader(plain, stream);
        if (change == QLatin1String("sha"))
            header = changed(header, QStringLiteral("payload.plain_sha256"), hashOf('f'));
        else if (change == QLatin1String("longer"))
            header = changed(header, QStringLiteral("payload.plain_bytes"), double(plain.size() + 1));
        else if (change == QLatin1String("shorter"))
            header = changed(header, QStringLiteral("payload.plain_bytes"), double(plain.size() - 1));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        QVERIFY(writeFile(path, forged(header, stream)));
        const ReadOutcome r = read(path);
        QCOMPARE(r.status.message(), message);
    }

    // A file swapped after its signature was checked, for one that decrypts
    // and decompresses perfectly (sealed boxes are anonymous): caught by the
    // hash of what was read.
    void fileReplacedAfterVerification()
    {
        const QByteArray plain = xmlLike(100000);
        const QByteArray stream = zstdCompress(plain);
        const QJsonObject header = honestHeader(plain, stream);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        QVERIFY(writeFile(path, forged(header, stream)));
        PackageReader reader(path);
        QVERIFY(reader.open().isOk());
        QVERIFY(reader.verifySignature(m_site->publicKeys()).isOk());
        const QByteArray swapped = forged(header, stream, &*m_other); // same header and payload, other key and K
        QCOMPARE(swapped.size(), QFileInfo(path).size());
        QVERIFY(writeFile(path, swapped));
        Result<PayloadStream *> payload = reader.openPayload(*m_hub);
        QVERIFY(payload.isOk());
        const Status s = (*payload)->finish();
        QCOMPARE(s.message(), QStringLiteral("the file %1 changed while it was being read").arg(path));
        QCOMPARE((*payload)->errorString(), s.message());
    }

    void inspect_describesWithoutKeys()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        Result<WrittenPackage> w = write(path, randomBytes(150000, 28));
        QVERIFY(w.isOk());
        Result<QString> text = PackageReader::inspect(path);
        QVERIFY2(text.isOk(), qPrintable(text.message()));
        QVERIFY(text->contains(QStringLiteral("CellCRF sync package, format 1")));
        QVERIFY(text->contains(QStringLiteral("SHA-256: ") + w->sha256));
        QVERIFY(text->contains(QStringLiteral("layout: intact")));
        QVERIFY(text->contains(QStringLiteral("2 of 65536 bytes and a last one of")));
        QVERIFY(text->contains(QStringLiteral("(3 chunks)")));
        QVERIFY(text->contains(
            QStringLiteral("sender: device %1 (site 01), key %2").arg(m_site->deviceId(), m_site->keyId())));
        QVERIFY(text->contains(QStringLiteral("chain %1 (01): events 1–3").arg(m_site->deviceId())));
        QVERIFY(text->contains(QStringLiteral("\"plain_bytes\": 150000")));

        QByteArray file = readFile(path);
        QVERIFY(writeFile(path, file + "extra"));
        text = PackageReader::inspect(path);
        QVERIFY(text.isOk());
        QVERIFY2(text->contains(QStringLiteral("layout: not intact: the file has %1 bytes, the header declares a "
                                               "package of %2 bytes")
                                    .arg(file.size() + 5)
                                    .arg(file.size())),
                 qPrintable(*text));
        QVERIFY(writeFile(path, file.left(file.size() - 100)));
        text = PackageReader::inspect(path);
        QVERIFY(text.isOk());
        QVERIFY(text->contains(
            QStringLiteral("layout: not intact: the package is incomplete (%1 bytes)").arg(file.size() - 100)));
    }

    void writer_refusesKeysThatDifferFromTheHeader()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        PackageWriter wrongSender(path, *m_other, m_hub->publicKeys());
        QCOMPARE(wrongSender.begin(baseHeader().toJson()).message(),
                 QStringLiteral("cannot write the package: the header names sender %1 (key %2), but the keys are those "
                                "of %3 (key %4)")
                     .arg(m_site->deviceId(), m_site->keyId(), m_other->deviceId(), m_other->keyId()));
        PackageWriter wrongRecipient(path, *m_site, m_other->publicKeys());
        QVERIFY(wrongRecipient.begin(baseHeader().toJson())
                    .message()
                    .startsWith(QStringLiteral("cannot write the package: the header names recipient ")));
        QCOMPARE(folderEntries(dir.path()), QStringList());
    }

    void writer_leavesNothingWhenUnfinishedOrFailing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        {
            PackageWriter writer(path, *m_site, m_hub->publicKeys());
            QVERIFY(writer.begin(baseHeader().toJson()).isOk());
            const QByteArray data = randomBytes(300000, 29);
            QCOMPARE(writer.write(data), qint64(data.size()));
            // Pass 1 holds the compressed payload; random data compresses to
            // itself, so it would be there in the clear if pass 1 were not encrypted.
            const QByteArray pass1 = pass1FileContent(dir.path());
            QVERIFY(pass1.size() > 65536);
            QVERIFY(!pass1.contains(data.mid(1000, 64)));
        }
        QCOMPARE(folderEntries(dir.path()), QStringList());

        // A header too long for the format fails at finish; an existing file stays as it was.
        QVERIFY(writeFile(path, "the previous package"));
        PackageHeader h = baseHeader();
        h.software = QString(70000, QLatin1Char('x'));
        Result<WrittenPackage> w = write(path, xmlLike(1000), 4096, h.toJson());
        QVERIFY(!w.isOk());
        QVERIFY2(w.message().startsWith(QStringLiteral("cannot write the package: its header is ")),
                 qPrintable(w.message()));
        QCOMPARE(readFile(path), QByteArray("the previous package"));
        QCOMPARE(folderEntries(dir.path()), QStringList{QStringLiteral("p.ccsync")});

        // A complete package replaces it.
        QVERIFY(write(path, xmlLike(1000)).isOk());
        QVERIFY(read(path).status.isOk());
        QCOMPARE(folderEntries(dir.path()), QStringList{QStringLiteral("p.ccsync")});
    }

    // The header is the caller's JSON: a field this code does not know travels
    // whole, and the reader shows it; a `payload` given by the caller is replaced.
    void writer_keepsTheCallersHeader()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        QJsonObject header = baseHeader().toJson();
        header.insert(QStringLiteral("note"), QStringLiteral("kept"));
        header.insert(QStringLiteral("payload"), QStringLiteral("anything"));
        const QByteArray payload = xmlLike(5000);
        QVERIFY(write(path, payload, 4096, header).isOk());
        PackageReader reader(path);
        QVERIFY(reader.open().isOk());
        QCOMPARE(reader.headerJson().value(QLatin1String("note")).toString(), QStringLiteral("kept"));
        QCOMPARE(reader.header().payload->plainBytes, payload.size());
        QVERIFY(read(path).status.isOk());
    }

    void writer_cannotBeUsedAfterFinish()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.ccsync"));
        PackageWriter writer(path, *m_site, m_hub->publicKeys());
        QVERIFY(writer.begin(baseHeader().toJson()).isOk());
        QVERIFY(writer.finish().isOk());
        QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (cellcrf::sync::PackageWriter): device not open");
        QCOMPARE(writer.write("late", 4), qint64(-1));
        QCOMPARE(writer.finish().message(), QStringLiteral("the package writer was not started"));
        QVERIFY(read(path).status.isOk());
    }

private:
    // Rows of values in range checks, shared by the writer's and the reader's tables.
    void addRangeRows() const
    {
        const auto row = [](const char *name, const QString &path, const QJsonValue &v, const QString &message) {
            QTest::newRow(name) << path << v << message;
        };
        row("format 2", QStringLiteral("format"), QStringLiteral("cellcrf-sync/2"),
            QStringLiteral("field format must be cellcrf-sync/1, not cellcrf-sync/2"));
        row("sequence 0", QStringLiteral("package.sequence"), 0,
            QStringLiteral("field package.sequence must be a whole number from 1"));
        row("sequence 1.5", QStringLiteral("package.sequence"), 1.5,
            QStringLiteral("field package.sequence must be a whole number from 1"));
        row("file_oid empty", QStringLiteral("package.file_oid"), QString(),
            QStringLiteral("field package.file_oid must be a string that is not empty"));
        row("prior hash for the first package", QStringLiteral("package.sequence"), 1,
            QStringLiteral("field package.prior_package_sha256 must be empty for the first package"));
        row("study oid empty", QStringLiteral("study.oid"), QString(),
            QStringLiteral("field study.oid must be a string that is not empty"));
        row("sender kind relay", QStringLiteral("sender.kind"), QStringLiteral("relay"),
            QStringLiteral("field sender.kind must be one of: site, hub"));
        row("site sender without site", QStringLiteral("sender.site"), QString(),
            QStringLiteral("field sender.site must be a string that is not empty"));
        row("key_id lower case", QStringLiteral("sender.key_id"), m_site->keyId().toLower(),
            QStringLiteral("field sender.key_id must be a key id (16 upper-case hex digits)"));
        row("recipient device upper case", QStringLiteral("recipient.device"), QStringLiteral("ABCDEF0123456789"),
            QStringLiteral("field recipient.device must be a device id (16 lower-case hex digits)"));
        row("created_utc with an offset", QStringLiteral("created_utc"), QStringLiteral("2024-05-01T12:00:00+02:00"),
            QStringLiteral("field created_utc must be a UTC time in ISO 8601 form ending in Z"));
        row("as_of_utc not a time", QStringLiteral("as_of_utc"), QStringLiteral("yesterday"),
            QStringLiteral("field as_of_utc must be a UTC time in ISO 8601 form ending in Z"));
        row("software empty", QStringLiteral("software"), QString(),
            QStringLiteral("field software must be a string that is not empty"));
        row("chain id with a colon", QStringLiteral("chains.0.device"), m_site->deviceId() + QStringLiteral(":1"),
            QStringLiteral("field chains[0].device must be a chain id"));
        row("chain from 0", QStringLiteral("chains.0.from"), 0,
            QStringLiteral("field chains[0].from must be a whole number from 1"));
        row("chain to before from", QStringLiteral("chains.0.from"), 5,
            QStringLiteral("field chains[0].to must be at least from (5)"));
        row("chain count wrong", QStringLiteral("chains.0.count"), 4,
            QStringLiteral("field chains[0].count must be to − from + 1 (3)"));
        row("chain prev_hash short", QStringLiteral("chains.0.prev_hash"), QStringLiteral("00"),
            QStringLiteral("field chains[0].prev_hash must be 64 lower-case hex digits"));
        row("ack through -1", QStringLiteral("acks.chains.0.through"), -1,
            QStringLiteral("field acks.chains[0].through must be a whole number from 0"));
        row("ack chain id bad", QStringLiteral("acks.chains.0.chain"), QStringLiteral("hub-01"),
            QStringLiteral("field acks.chains[0].chain must be a chain id"));
        row("last imported 0 with a hash", QStringLiteral("acks.last_imported.sequence"), 0,
            QStringLiteral("field acks.last_imported.sha256 must be empty exactly when sequence is 0"));
        row("attachment kind photo", QStringLiteral("attachments.0.kind"), QStringLiteral("photo"),
            QStringLiteral("field attachments[0].kind must be one of: study_definition, randomization_list"));
        row("attachment bytes -5", QStringLiteral("attachments.0.bytes"), -5,
            QStringLiteral("field attachments[0].bytes must be a whole number from 0"));
    }

    // Offsets named in the flip tables.
    qint64 offsetOf(const QByteArray &file, const QString &where) const
    {
        const qint64 h = qFromBigEndian<quint32>(file.constData() + 8);
        const qint64 sealed = 12 + h;
        const qint64 chunks = 116 + h;
        const qint64 cipher = file.size() - 64 - chunks;
        const qint64 last = chunks + (cipher / 65553) * 65553;
        bool number = false;
        const qint64 plain = where.toLongLong(&number);
        if (number)
            return plain;
        if (where == QLatin1String("software"))
            return file.indexOf("CellCRF 0.1.0") + 2;
        if (where == QLatin1String("hash"))
            return file.indexOf(hashOf('a').toLatin1()) + 10; // 'a' ^ 1 is not a hex digit
        const auto plus = [&](const char *name, qint64 base) -> std::optional<qint64> {
            const QString prefix = QLatin1String(name) + QLatin1Char('+');
            if (!where.startsWith(prefix))
                return std::nullopt;
            return base + where.mid(prefix.size()).toLongLong();
        };
        if (auto v = plus("sealed", sealed))
            return *v;
        if (auto v = plus("stream", sealed + 80))
            return *v;
        if (auto v = plus("chunks", chunks))
            return *v;
        if (auto v = plus("last", last))
            return *v;
        if (where.startsWith(QLatin1String("end-")))
            return file.size() - where.mid(4).toLongLong();
        Q_ASSERT(false);
        return -1;
    }
};

QTEST_GUILESS_MAIN(TestSyncPackage)
#include "tst_syncpackage.moc"
