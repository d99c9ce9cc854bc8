#include "sync/packagereader.h"

#include "sync/durablefile.h"
#include "sync/packageformat.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QtEndian>

#include <sodium.h>
#include <zstd.h>
#include <zstd_errors.h>

#include <algorithm>
#include <cstring>
#include <limits>

namespace cellcrf::sync {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::sync::PackageReader", text);
}

using StreamState = crypto_secretstream_xchacha20poly1305_state;

// The file is hashed and verified in blocks of this size.
constexpr qint64 ReadBlockBytes = 1024 * 1024;

unsigned char *u(char *p)
{
    return reinterpret_cast<unsigned char *>(p);
}
const unsigned char *u(const char *p)
{
    return reinterpret_cast<const unsigned char *>(p);
}

QString hex(const unsigned char *digest, int size)
{
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), size).toHex());
}

// The messages of SYNC.md §3, each written once.
Status notAPackage()
{
    return Status::error(ErrorCode::NotCellCrfFile, tr("not a CellCRF sync package"));
}

Status incomplete(qint64 fileBytes)
{
    return Status::error(ErrorCode::Corrupt, tr("the package is incomplete (%1 bytes)").arg(fileBytes));
}

Status headerDamaged(const QString &why)
{
    return Status::error(ErrorCode::Corrupt, tr("the package header is damaged: %1").arg(why));
}

Status signatureMismatch(const QString &device)
{
    return Status::error(
        ErrorCode::Corrupt,
        tr("the signature does not match: the file was altered or damaged, or is not from device %1").arg(device));
}

Status changedWhileRead(const QString &path)
{
    return Status::error(ErrorCode::Io, tr("the file %1 changed while it was being read").arg(path));
}

Status streamDamaged(const QString &why)
{
    return Status::error(ErrorCode::Corrupt, tr("the package's encrypted payload is damaged: %1").arg(why));
}

} // namespace

// ---- PayloadStream ----

struct PayloadStream::State
{
    ~State()
    {
        if (zstd)
            ZSTD_freeDCtx(zstd);
    }

    QString path;
    QFile file;
    qint64 fileBytes = 0;
    QString verifiedSha256;
    unsigned char additional[crypto_hash_sha256_BYTES]{};
    SecretBytes streamMemory; // StreamState
    qint64 fullChunks = 0;
    qint64 lastChunkBytes = 0;
    qint64 nextChunk = 0;
    bool inputDone = false;
    QByteArray cipher;
    QByteArray chunk; // the compressed bytes of the current chunk
    ZSTD_DCtx *zstd = nullptr;
    int windowLogMax = 27;
    ZSTD_inBuffer in{nullptr, 0, 0};
    std::size_t lastResult = 0; // ZSTD_decompressStream: 0 when a frame ended and is flushed
    bool outputWasFull = false;
    crypto_hash_sha256_state fileHash{};
    crypto_hash_sha256_state plainHash{};
    qint64 declaredPlainBytes = 0;
    QString declaredPlainSha256;
    qint64 plainBytes = 0;
    bool done = false;
    Status status;

    StreamState *stream() { return reinterpret_cast<StreamState *>(streamMemory.data()); }

    bool fail(Status s)
    {
        if (status.isOk())
            status = std::move(s);
        return false;
    }

    bool readNextChunk()
    {
        const bool last = nextChunk == fullChunks;
        const qint64 size = (last ? lastChunkBytes : format::ChunkPlainBytes) + format::ChunkOverheadBytes;
        if (file.read(cipher.data(), size) != size)
            return fail(changedWhileRead(path));
        crypto_hash_sha256_update(&fileHash, u(cipher.constData()), quint64(size));
        unsigned long long length = 0;
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(stream(), u(chunk.data()), &length, &tag, u(cipher.constData()),
                                                       quint64(size), additional, sizeof additional) != 0)
            return fail(streamDamaged(tr("chunk %1 does not decrypt").arg(nextChunk + 1)));
        if (!last && tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
            return fail(streamDamaged(tr("the stream ends at chunk %1 of %2").arg(nextChunk + 1).arg(fullChunks + 1)));
        if (!last && tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE)
            return fail(streamDamaged(tr("chunk %1 has an unknown tag").arg(nextChunk + 1)));
        if (last && tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
            return fail(incomplete(fileBytes));
        in = ZSTD_inBuffer{chunk.constData(), std::size_t(length), 0};
        ++nextChunk;
        if (last) {
            // The signature closes the file: the hash of everything read must be
            // the hash of the file whose signature was verified.
            QByteArray signature = file.read(format::SignatureBytes);
            crypto_hash_sha256_update(&fileHash, u(signature.constData()), quint64(signature.size()));
            unsigned char digest[crypto_hash_sha256_BYTES];
            crypto_hash_sha256_final(&fileHash, digest);
            if (signature.size() != format::SignatureBytes || !file.read(1).isEmpty() ||
                hex(digest, sizeof digest) != verifiedSha256)
                return fail(changedWhileRead(path));
            inputDone = true;
        }
        return true;
    }

    Status decompressionFailure(std::size_t code) const
    {
        const ZSTD_ErrorCode error = ZSTD_getErrorCode(code);
        if (error == ZSTD_error_frameParameter_windowTooLarge || error == ZSTD_error_memory_allocation)
            return Status::error(ErrorCode::Corrupt,
                                 tr("the payload needs more memory than allowed (a decompression window over %1)")
                                     .arg(humanSize(qint64(1) << windowLogMax)),
                                 QString::fromLatin1(ZSTD_getErrorName(code)));
        return Status::error(
            ErrorCode::Corrupt,
            tr("the compressed payload is damaged: %1").arg(QString::fromLatin1(ZSTD_getErrorName(code))));
    }

    bool finalize()
    {
        if (lastResult != 0)
            return fail(Status::error(ErrorCode::Corrupt, tr("the compressed payload ends in the middle of a frame")));
        unsigned char digest[crypto_hash_sha256_BYTES];
        crypto_hash_sha256_final(&plainHash, digest);
        if (plainBytes != declaredPlainBytes || hex(digest, sizeof digest) != declaredPlainSha256)
            return fail(Status::error(ErrorCode::Corrupt,
                                      tr("the payload does not match its declared size and SHA-256 (%1 bytes, "
                                         "declared %2)")
                                          .arg(plainBytes)
                                          .arg(declaredPlainBytes)));
        done = true;
        return true;
    }

    qint64 read(char *data, qint64 maxSize)
    {
        if (!status.isOk())
            return -1;
        if (done || maxSize <= 0)
            return 0;
        for (;;) {
            if (in.pos == in.size && !outputWasFull) {
                if (inputDone)
                    return finalize() ? 0 : -1;
                if (!readNextChunk())
                    return -1;
                continue;
            }
            // One byte more than declared is enough to know the payload lies.
            const qint64 allowed = declaredPlainBytes - plainBytes;
            ZSTD_outBuffer out{data, std::size_t(std::min(maxSize, allowed + 1)), 0};
            const std::size_t consumedBefore = in.pos;
            const std::size_t result = ZSTD_decompressStream(zstd, &out, &in);
            if (ZSTD_isError(result)) {
                fail(decompressionFailure(result));
                return -1;
            }
            // A call that moves nothing after a frame ended asks for the next
            // frame's header: only a call that made progress says where a frame stands.
            if (in.pos != consumedBefore || out.pos > 0)
                lastResult = result;
            outputWasFull = out.pos == out.size;
            if (qint64(out.pos) > allowed) {
                fail(Status::error(ErrorCode::Corrupt, tr("the payload expands beyond its declared size")));
                return -1;
            }
            if (out.pos > 0) {
                crypto_hash_sha256_update(&plainHash, u(data), out.pos);
                plainBytes += qint64(out.pos);
                return qint64(out.pos);
            }
        }
    }
};

PayloadStream::PayloadStream(std::unique_ptr<State> state)
    : m_state(std::move(state))
{}

PayloadStream::~PayloadStream() = default;

const Status &PayloadStream::status() const
{
    return m_state->status;
}

qint64 PayloadStream::plainBytesRead() const
{
    return m_state->plainBytes;
}

bool PayloadStream::atEnd() const
{
    return !isOpen() || m_state->done || !m_state->status.isOk();
}

qint64 PayloadStream::bytesAvailable() const
{
    // What the verified header promises is still to come.
    const qint64 promised = atEnd() ? 0 : m_state->declaredPlainBytes - m_state->plainBytes;
    return QIODevice::bytesAvailable() + std::max<qint64>(promised, 0);
}

qint64 PayloadStream::readData(char *data, qint64 maxSize)
{
    const qint64 n = m_state->read(data, maxSize);
    if (n < 0)
        setErrorString(m_state->status.message());
    return n;
}

qint64 PayloadStream::writeData(const char *, qint64)
{
    return -1;
}

Status PayloadStream::finish()
{
    QByteArray scratch(64 * 1024, Qt::Uninitialized);
    while (!m_state->done && m_state->status.isOk())
        if (read(scratch.data(), scratch.size()) < 0)
            break;
    return m_state->status;
}

// ---- PackageReader ----

PackageReader::PackageReader(QString path, PackageLimits limits)
    : m_path(std::move(path))
    , m_limits(limits)
{}

PackageReader::~PackageReader() = default;

Status PackageReader::fail(Status s)
{
    m_opened = false;
    m_verified = false;
    return s;
}

Status PackageReader::open()
{
    m_opened = m_verified = false;
    m_payload.reset();
    m_layout = PackageLayout();
    if (sodium_init() < 0)
        return Status::error(ErrorCode::Io, tr("the cryptography library could not be started"));

    // Step 1. The size is checked before a byte is read.
    const QFileInfo info(m_path);
    if (!info.exists() || !info.isFile())
        return Status::error(ErrorCode::NotFound, tr("there is no file %1").arg(m_path));
    const auto tooLarge = [&](qint64 size) {
        return Status::error(ErrorCode::InvalidInput, tr("the package is %1; the limit is %2 (--max-size)")
                                                          .arg(humanSize(size), humanSize(m_limits.maxFileBytes)));
    };
    if (info.size() > m_limits.maxFileBytes)
        return tooLarge(info.size());
    m_file.close();
    m_file.setFileName(m_path);
    if (!m_file.open(QIODevice::ReadOnly))
        return Status::error(ErrorCode::Io, tr("cannot read %1: %2").arg(m_path, m_file.errorString()));
    const qint64 size = m_file.size();
    m_layout.fileBytes = size;
    if (size > m_limits.maxFileBytes)
        return tooLarge(size);

    char start[format::MagicBytes + format::LengthBytes];
    const qint64 got = m_file.read(start, std::min<qint64>(size, sizeof start));
    if (got < format::MagicBytes || std::memcmp(start, format::MagicFamily, 6) != 0)
        return notAPackage();
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (!digit(start[6]) || !digit(start[7]))
        return notAPackage();
    const int version = (start[6] - '0') * 10 + (start[7] - '0');
    if (version > format::Version)
        return Status::error(ErrorCode::TooNew, tr("made by a newer CellCRF (format %1)").arg(version));
    if (version != format::Version)
        return notAPackage();
    m_layout.formatVersion = version;
    if (size < format::MinPackageBytes)
        return incomplete(size);

    // Step 2. The header.
    const qint64 headerBytes = qFromBigEndian<quint32>(start + format::MagicBytes);
    m_layout.headerBytes = headerBytes;
    if (headerBytes < 1 || headerBytes > format::MaxHeaderBytes)
        return headerDamaged(tr("its length %1 is outside 1 to %2").arg(headerBytes).arg(format::MaxHeaderBytes));
    if (format::prefixBytes(headerBytes) + format::ChunkOverheadBytes + format::SignatureBytes > size)
        return incomplete(size);
    m_headerBytes = m_file.read(headerBytes);
    if (m_headerBytes.size() != headerBytes)
        return changedWhileRead(m_path);
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(m_headerBytes, &error);
    if (error.error != QJsonParseError::NoError)
        return headerDamaged(tr("it is not UTF-8 JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset));
    if (!document.isObject())
        return headerDamaged(tr("it is not a JSON object"));
    if (document.toJson(QJsonDocument::Compact) != m_headerBytes)
        return headerDamaged(tr("it is not compact JSON with sorted keys"));
    Result<PackageHeader> header = PackageHeader::fromJson(document.object(), PackageHeader::Part::Complete);
    if (!header)
        return headerDamaged(header.message());
    m_headerJson = document.object();
    m_header = std::move(header).value();

    // The chunks fill the space between the stream header and the signature;
    // their sizes follow from the file's size alone.
    const qint64 cipher = size - format::prefixBytes(headerBytes) - format::SignatureBytes;
    m_layout.cipherBytes = cipher;
    m_layout.fullChunks = cipher / format::ChunkCipherBytes;
    const qint64 rest = cipher % format::ChunkCipherBytes;
    if (rest >= format::ChunkOverheadBytes) {
        m_layout.lastChunkBytes = rest - format::ChunkOverheadBytes;
        m_layout.compressedBytes = m_layout.fullChunks * format::ChunkPlainBytes + m_layout.lastChunkBytes;
    }
    m_layout.expectedFileBytes = format::packageBytes(headerBytes, m_header.payload->compressedBytes);
    m_layout.intact = m_layout.expectedFileBytes == size;
    // Shorter than the header says: cut off. Longer: the signature check below
    // finds the signature is not where it was written.
    if (size < m_layout.expectedFileBytes)
        return incomplete(size);
    m_opened = true;
    return Status::ok();
}

Status PackageReader::verifySignature(const PublicKeys &sender)
{
    m_verified = false;
    if (!m_opened)
        return Status::error(ErrorCode::InvalidInput, tr("the package was not opened"));
    if (sender.device != m_header.sender.device || !sender.isComplete() || sender.keyId() != m_header.sender.keyId)
        return Status::error(ErrorCode::InvalidInput,
                             tr("the package names key %1 of device %2, but the key given is %3 of device %4")
                                 .arg(m_header.sender.keyId, m_header.sender.device, sender.keyId(), sender.device));

    const qint64 signedBytes = m_layout.fileBytes - format::SignatureBytes;
    if (!m_file.seek(0))
        return changedWhileRead(m_path);
    crypto_hash_sha256_state fileHash;
    crypto_hash_sha256_init(&fileHash);
    crypto_sign_state signing;
    crypto_sign_init(&signing);
    QByteArray block(ReadBlockBytes, Qt::Uninitialized);
    for (qint64 done = 0; done < signedBytes;) {
        const qint64 want = std::min(ReadBlockBytes, signedBytes - done);
        if (m_file.read(block.data(), want) != want)
            return changedWhileRead(m_path);
        crypto_hash_sha256_update(&fileHash, u(block.constData()), quint64(want));
        crypto_sign_update(&signing, u(block.constData()), quint64(want));
        done += want;
    }
    const QByteArray signature = m_file.read(format::SignatureBytes);
    if (signature.size() != format::SignatureBytes || !m_file.read(1).isEmpty())
        return changedWhileRead(m_path);
    crypto_hash_sha256_update(&fileHash, u(signature.constData()), quint64(signature.size()));
    if (crypto_sign_final_verify(&signing, u(signature.constData()), u(sender.signPk.constData())) != 0)
        return signatureMismatch(m_header.sender.device);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&fileHash, digest);
    m_sha256 = hex(digest, sizeof digest);
    m_verified = true;
    return Status::ok();
}

Result<PayloadStream *> PackageReader::openPayload(const DeviceKeys &own)
{
    if (!m_verified)
        return Status::error(ErrorCode::InvalidInput, tr("the package's signature was not verified"));
    const PackagePayload &payload = *m_header.payload;
    if (payload.plainBytes > m_limits.maxPlainBytes)
        return Status::error(ErrorCode::Corrupt,
                             tr("the payload declares %1; the limit is %2")
                                 .arg(humanSize(payload.plainBytes), humanSize(m_limits.maxPlainBytes)));
    if (payload.plainBytes > m_limits.maxExpansion * payload.compressedBytes)
        return Status::error(ErrorCode::Corrupt,
                             tr("the payload declares %1 from %2 of compressed data, more than "
                                "%3 times as much")
                                 .arg(humanSize(payload.plainBytes), humanSize(payload.compressedBytes))
                                 .arg(m_limits.maxExpansion));
    if (!m_layout.intact)
        return streamDamaged(tr("its chunks do not add up to the declared %1 bytes").arg(payload.compressedBytes));

    auto state = std::make_unique<PayloadStream::State>();
    state->path = m_path;
    state->file.setFileName(m_path);
    if (!state->file.open(QIODevice::ReadOnly))
        return Status::error(ErrorCode::Io, tr("cannot read %1: %2").arg(m_path, state->file.errorString()));
    state->fileBytes = m_layout.fileBytes;
    state->verifiedSha256 = m_sha256;
    state->fullChunks = m_layout.fullChunks;
    state->lastChunkBytes = m_layout.lastChunkBytes;
    state->declaredPlainBytes = payload.plainBytes;
    state->declaredPlainSha256 = payload.plainSha256;
    state->windowLogMax = m_limits.windowLogMax;
    crypto_hash_sha256_init(&state->fileHash);
    crypto_hash_sha256_init(&state->plainHash);

    const qint64 prefixSize = format::prefixBytes(m_layout.headerBytes);
    const QByteArray prefix = state->file.read(prefixSize);
    if (prefix.size() != prefixSize ||
        prefix.mid(format::MagicBytes + format::LengthBytes, m_layout.headerBytes) != m_headerBytes)
        return changedWhileRead(m_path);
    crypto_hash_sha256_update(&state->fileHash, u(prefix.constData()), quint64(prefix.size()));
    crypto_hash_sha256(state->additional, u(prefix.constData()), quint64(prefix.size()));

    const char *sealed = prefix.constData() + format::MagicBytes + format::LengthBytes + m_layout.headerBytes;
    SecretBytes fileKey(crypto_secretstream_xchacha20poly1305_KEYBYTES);
    state->streamMemory = SecretBytes(sizeof(StreamState));
    if (fileKey.isNull() || state->streamMemory.isNull())
        return Status::error(ErrorCode::Io, tr("not enough memory to hold the keys"));
    if (own.publicKeys().boxPk.size() != BoxPublicKeyBytes ||
        crypto_box_seal_open(fileKey.data(), u(sealed), format::SealedKeyBytes, u(own.publicKeys().boxPk.constData()),
                             own.boxSecretKey().data()) != 0)
        return Status::error(ErrorCode::AuthenticationFailed, tr("cannot be opened with this database's key"));
    if (crypto_secretstream_xchacha20poly1305_init_pull(state->stream(), u(sealed + format::SealedKeyBytes),
                                                        fileKey.data()) != 0)
        return streamDamaged(tr("its stream header is not valid"));

    state->zstd = ZSTD_createDCtx();
    if (!state->zstd || ZSTD_isError(ZSTD_DCtx_setParameter(state->zstd, ZSTD_d_windowLogMax, m_limits.windowLogMax)))
        return Status::error(ErrorCode::Io, tr("the payload could not be decompressed"));
    state->cipher = QByteArray(format::ChunkCipherBytes, Qt::Uninitialized);
    state->chunk = QByteArray(format::ChunkPlainBytes, Qt::Uninitialized);

    m_payload.reset(new PayloadStream(std::move(state)));
    m_payload->open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    return m_payload.get();
}

Result<QString> PackageReader::inspect(const QString &path)
{
    PackageLimits unlimited;
    unlimited.maxFileBytes = std::numeric_limits<qint64>::max();
    PackageReader reader(path, unlimited);
    const Status opened = reader.open();
    const PackageLayout &l = reader.layout();
    if (!opened && l.formatVersion == 0)
        return opened; // not a package at all: nothing to describe

    QStringList lines;
    lines << tr("CellCRF sync package, format %1").arg(l.formatVersion);
    lines << tr("file: %1").arg(path);
    lines << tr("size: %1 bytes (%2)").arg(l.fileBytes).arg(humanSize(l.fileBytes));

    // The whole file's hash, as the sender's export report and sync_outbox show it.
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        crypto_hash_sha256_state hash;
        crypto_hash_sha256_init(&hash);
        QByteArray block(ReadBlockBytes, Qt::Uninitialized);
        for (qint64 n; (n = file.read(block.data(), block.size())) > 0;)
            crypto_hash_sha256_update(&hash, u(block.constData()), quint64(n));
        unsigned char digest[crypto_hash_sha256_BYTES];
        crypto_hash_sha256_final(&hash, digest);
        lines << tr("SHA-256: %1").arg(hex(digest, sizeof digest));
    }

    if (l.headerBytes >= 0)
        lines << tr("header: %1 bytes at offset %2").arg(l.headerBytes).arg(format::MagicBytes + format::LengthBytes);
    if (!opened) {
        lines << tr("layout: not intact: %1").arg(opened.message());
        return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
    }
    const qint64 sealedAt = format::MagicBytes + format::LengthBytes + l.headerBytes;
    lines << tr("sealed file key: %1 bytes at offset %2").arg(format::SealedKeyBytes).arg(sealedAt);
    lines << tr("stream header: %1 bytes at offset %2")
                 .arg(format::StreamHeaderBytes)
                 .arg(sealedAt + format::SealedKeyBytes);
    lines << tr("chunks: %1 bytes at offset %2: %3 of 65536 bytes and a last one of %4 bytes (%5 chunks)")
                 .arg(l.cipherBytes)
                 .arg(format::prefixBytes(l.headerBytes))
                 .arg(l.fullChunks)
                 .arg(l.lastChunkBytes)
                 .arg(l.fullChunks + 1);
    lines << tr("signature: %1 bytes at offset %2 (not checked here: that needs the sender's registered key)")
                 .arg(format::SignatureBytes)
                 .arg(l.fileBytes - format::SignatureBytes);
    const PackageHeader &h = reader.header();
    if (l.intact)
        lines << tr("layout: intact");
    else
        lines << tr("layout: not intact: the file has %1 bytes, the header declares a package of %2 bytes")
                     .arg(l.fileBytes)
                     .arg(l.expectedFileBytes);
    lines << tr("sender: device %1 (%2 %3), key %4").arg(h.sender.device, h.sender.kind, h.sender.site, h.sender.keyId);
    lines << tr("recipient: device %1, key %2").arg(h.recipient.device, h.recipient.keyId);
    lines << tr("package: %1, sequence %2").arg(h.package.fileOid).arg(h.package.sequence);
    lines << tr("payload: %1 bytes of ODM (%2), %3 compressed")
                 .arg(h.payload->plainBytes)
                 .arg(humanSize(h.payload->plainBytes), humanSize(h.payload->compressedBytes));
    for (const PackageChain &c : h.chains)
        lines << tr("chain %1 (%2): events %3–%4").arg(c.device, c.scope).arg(c.from).arg(c.to);
    if (h.chains.isEmpty())
        lines << tr("no events: an acknowledgement-only package");
    lines << tr("header:");
    lines << QString::fromUtf8(QJsonDocument(reader.headerJson()).toJson(QJsonDocument::Indented)).trimmed();
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace cellcrf::sync
