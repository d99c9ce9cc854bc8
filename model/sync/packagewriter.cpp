#include "sync/packagewriter.h"

#include "sync/durablefile.h"
#include "sync/packageformat.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTemporaryFile>
#include <QtEndian>

#include <sodium.h>
#include <zstd.h>

namespace cellcrf::sync {

static_assert(format::SealedKeyBytes == crypto_box_SEALBYTES + crypto_secretstream_xchacha20poly1305_KEYBYTES);
static_assert(format::StreamHeaderBytes == crypto_secretstream_xchacha20poly1305_HEADERBYTES);
static_assert(format::ChunkOverheadBytes == crypto_secretstream_xchacha20poly1305_ABYTES);
static_assert(format::SignatureBytes == crypto_sign_BYTES);

namespace {

Q_LOGGING_CATEGORY(lcSync, "cellcrf.sync", QtInfoMsg)

constexpr int CompressionLevel = 3;
// Small writes (a QXmlStreamWriter writes every name and value apart) are
// gathered first, so that zstd and SHA-256 see large blocks.
constexpr qsizetype InputBufferBytes = 128 * 1024;

using StreamState = crypto_secretstream_xchacha20poly1305_state;

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

} // namespace

struct PackageWriter::State
{
    State(QString p, const DeviceKeys &s, PublicKeys r)
        : path(std::move(p))
        , sender(s)
        , recipient(std::move(r))
    {}
    ~State()
    {
        if (zstd)
            ZSTD_freeCCtx(zstd);
    }

    QString path;
    const DeviceKeys &sender;
    PublicKeys recipient;
    PackageHeader header;
    QJsonObject headerJson; // the caller's, kept whole: fields this code does not know travel too
    Status status;
    bool begun = false;

    // Pass 1: the compressed stream, encrypted under a key that never leaves memory.
    std::unique_ptr<QTemporaryFile> pass1;
    SecretBytes pass1Key;
    SecretBytes pass1Stream; // StreamState
    QByteArray pass1Header;
    ZSTD_CCtx *zstd = nullptr;
    QByteArray input; // gathered plaintext, not yet compressed
    QByteArray chunk; // the compressed chunk being filled, ChunkPlainBytes long
    qsizetype chunkFill = 0;
    QByteArray cipher; // one encrypted chunk
    qint64 fullChunks = 0;
    qint64 plainBytes = 0;
    crypto_hash_sha256_state plainHash{};

    StreamState *pass1State() { return reinterpret_cast<StreamState *>(pass1Stream.data()); }

    bool fail(Status s)
    {
        if (status.isOk())
            status = std::move(s);
        return false;
    }

    Status writeFailure(const QFileDevice &f) const
    {
        return Status::error(ErrorCode::Io, tr("cannot write %1: %2").arg(f.fileName(), f.errorString()));
    }

    // Encrypts the filled part of `chunk` into the pass-1 file.
    bool writePass1Chunk(bool last)
    {
        unsigned long long length = 0;
        crypto_secretstream_xchacha20poly1305_push(
            pass1State(), u(cipher.data()), &length, u(chunk.constData()), quint64(chunkFill), nullptr, 0,
            last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
        if (pass1->write(cipher.constData(), qint64(length)) != qint64(length))
            return fail(writeFailure(*pass1));
        // The last chunk keeps its fill: it is the size pass 2 reads back.
        if (!last) {
            ++fullChunks;
            chunkFill = 0;
        }
        return true;
    }

    // Feeds plaintext to zstd (ZSTD_e_continue) or ends the frame (ZSTD_e_end).
    bool compress(const char *data, qint64 size, ZSTD_EndDirective mode)
    {
        crypto_hash_sha256_update(&plainHash, u(data), quint64(size));
        plainBytes += size;
        ZSTD_inBuffer in{data, std::size_t(size), 0};
        for (;;) {
            ZSTD_outBuffer out{chunk.data(), std::size_t(chunk.size()), std::size_t(chunkFill)};
            const std::size_t left = ZSTD_compressStream2(zstd, &out, &in, mode);
            if (ZSTD_isError(left))
                return fail(Status::error(ErrorCode::Io, tr("the payload could not be compressed"),
                                          QString::fromLatin1(ZSTD_getErrorName(left))));
            chunkFill = qsizetype(out.pos);
            if (chunkFill == chunk.size() && !writePass1Chunk(false))
                return false;
            const bool done = mode == ZSTD_e_end ? left == 0 : in.pos == in.size;
            if (done)
                return true;
        }
    }

    bool flushInput(ZSTD_EndDirective mode)
    {
        const bool ok = compress(input.constData(), input.size(), mode);
        input.resize(0);
        return ok;
    }

    qint64 compressedBytes() const { return fullChunks * format::ChunkPlainBytes + chunkFill; }
};

PackageWriter::PackageWriter(QString path, const DeviceKeys &sender, PublicKeys recipient)
    : m_state(std::make_unique<State>(std::move(path), sender, std::move(recipient)))
{}

PackageWriter::~PackageWriter()
{
    // The pass-1 file removes itself; FILE.part exists only inside finish().
    if (isOpen())
        QIODevice::close();
}

const Status &PackageWriter::status() const
{
    return m_state->status;
}

Status PackageWriter::begin(const QJsonObject &header)
{
    State &s = *m_state;
    if (s.begun)
        return Status::error(ErrorCode::InvalidInput, tr("the package writer was already started"));
    if (sodium_init() < 0)
        return Status::error(ErrorCode::Io, tr("the cryptography library could not be started"));

    QJsonObject withoutPayload = header;
    withoutPayload.remove(QStringLiteral("payload"));
    Result<PackageHeader> parsed = PackageHeader::fromJson(withoutPayload, PackageHeader::Part::WithoutPayload);
    if (!parsed)
        return Status::error(ErrorCode::InvalidInput, tr("cannot write the package: %1").arg(parsed.message()));
    if (parsed->sender.device != s.sender.deviceId() || parsed->sender.keyId != s.sender.keyId())
        return Status::error(
            ErrorCode::InvalidInput,
            tr("cannot write the package: the header names sender %1 (key %2), but the keys are "
               "those of %3 (key %4)")
                .arg(parsed->sender.device, parsed->sender.keyId, s.sender.deviceId(), s.sender.keyId()));
    if (!s.recipient.isComplete() || parsed->recipient.device != s.recipient.device ||
        parsed->recipient.keyId != s.recipient.keyId())
        return Status::error(
            ErrorCode::InvalidInput,
            tr("cannot write the package: the header names recipient %1 (key %2), but the keys "
               "given are those of %3 (key %4)")
                .arg(parsed->recipient.device, parsed->recipient.keyId, s.recipient.device, s.recipient.keyId()));
    s.header = std::move(parsed).value();
    s.headerJson = withoutPayload;

    s.pass1 = std::make_unique<QTemporaryFile>(QFileInfo(s.path).absoluteFilePath() + QLatin1String(".XXXXXX.pass1"));
    if (!s.pass1->open())
        return Status::error(ErrorCode::Io, tr("cannot write next to %1: %2").arg(s.path, s.pass1->errorString()));
    s.pass1Key = SecretBytes(crypto_secretstream_xchacha20poly1305_KEYBYTES);
    s.pass1Stream = SecretBytes(sizeof(StreamState));
    if (s.pass1Key.isNull() || s.pass1Stream.isNull())
        return Status::error(ErrorCode::Io, tr("not enough memory to hold the keys"));
    crypto_secretstream_xchacha20poly1305_keygen(s.pass1Key.data());
    s.pass1Header = QByteArray(format::StreamHeaderBytes, '\0');
    crypto_secretstream_xchacha20poly1305_init_push(s.pass1State(), u(s.pass1Header.data()), s.pass1Key.data());

    s.zstd = ZSTD_createCCtx();
    if (!s.zstd || ZSTD_isError(ZSTD_CCtx_setParameter(s.zstd, ZSTD_c_compressionLevel, CompressionLevel)))
        return Status::error(ErrorCode::Io, tr("the payload could not be compressed"));
    s.input.reserve(InputBufferBytes);
    s.chunk = QByteArray(format::ChunkPlainBytes, '\0');
    s.cipher = QByteArray(format::ChunkCipherBytes, '\0');
    crypto_hash_sha256_init(&s.plainHash);
    s.begun = true;
    QIODevice::open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    return Status::ok();
}

qint64 PackageWriter::readData(char *, qint64)
{
    return -1;
}

qint64 PackageWriter::writeData(const char *data, qint64 size)
{
    State &s = *m_state;
    if (!s.begun || !s.status.isOk())
        return -1;
    if (s.input.size() + size > InputBufferBytes) {
        if (!s.flushInput(ZSTD_e_continue))
            return -1;
        if (size >= InputBufferBytes)
            return s.compress(data, size, ZSTD_e_continue) ? size : -1;
    }
    s.input.append(data, qsizetype(size));
    return size;
}

Result<WrittenPackage> PackageWriter::finish()
{
    State &s = *m_state;
    if (!s.begun)
        return Status::error(ErrorCode::InvalidInput, tr("the package writer was not started"));
    QIODevice::close();
    s.begun = false;
    if (!s.status.isOk())
        return s.status;
    if (!s.flushInput(ZSTD_e_end) || !s.writePass1Chunk(true))
        return s.status;
    if (!s.pass1->flush())
        return s.writeFailure(*s.pass1);

    // The header, completed with what pass 1 counted.
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&s.plainHash, digest);
    PackagePayload payload;
    payload.plainBytes = s.plainBytes;
    payload.plainSha256 = hex(digest, sizeof digest);
    payload.compressedBytes = s.compressedBytes();
    s.header.payload = payload;
    QJsonObject headerJson = s.headerJson;
    headerJson.insert(QStringLiteral("payload"), s.header.toJson().value(QLatin1String("payload")));
    if (Result<PackageHeader> check = PackageHeader::fromJson(headerJson, PackageHeader::Part::Complete); !check)
        return Status::error(ErrorCode::InvalidInput, tr("cannot write the package: %1").arg(check.message()));
    const QByteArray headerBytes = QJsonDocument(headerJson).toJson(QJsonDocument::Compact);
    if (headerBytes.size() > format::MaxHeaderBytes)
        return Status::error(ErrorCode::InvalidInput, tr("cannot write the package: its header is %1 bytes long, "
                                                         "more than %2")
                                                          .arg(headerBytes.size())
                                                          .arg(format::MaxHeaderBytes));

    // The file key K, sealed to the recipient; the stream that K encrypts.
    SecretBytes fileKey(crypto_secretstream_xchacha20poly1305_KEYBYTES);
    SecretBytes streamMemory(sizeof(StreamState));
    if (fileKey.isNull() || streamMemory.isNull())
        return Status::error(ErrorCode::Io, tr("not enough memory to hold the keys"));
    auto *stream = reinterpret_cast<StreamState *>(streamMemory.data());
    crypto_secretstream_xchacha20poly1305_keygen(fileKey.data());
    QByteArray prefix;
    prefix.reserve(format::prefixBytes(headerBytes.size()));
    prefix.append(format::Magic, format::MagicBytes);
    char length[format::LengthBytes];
    qToBigEndian(quint32(headerBytes.size()), length);
    prefix.append(length, format::LengthBytes);
    prefix.append(headerBytes);
    QByteArray sealed(format::SealedKeyBytes, '\0');
    if (crypto_box_seal(u(sealed.data()), fileKey.data(), fileKey.size(), u(s.recipient.boxPk.constData())) != 0)
        return Status::error(ErrorCode::InvalidInput,
                             tr("cannot write the package: the recipient's key is not usable"));
    prefix.append(sealed);
    QByteArray streamHeader(format::StreamHeaderBytes, '\0');
    crypto_secretstream_xchacha20poly1305_init_push(stream, u(streamHeader.data()), fileKey.data());
    prefix.append(streamHeader);
    Q_ASSERT(prefix.size() == format::prefixBytes(headerBytes.size()));
    unsigned char additional[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(additional, u(prefix.constData()), quint64(prefix.size()));

    // Pass 2: FILE.part, every byte hashed and signed as it is written.
    const QString partPath = s.path + QLatin1String(".part");
    QFile part(partPath);
    if (!part.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Status::error(ErrorCode::Io, tr("cannot write %1: %2").arg(partPath, part.errorString()));
    crypto_hash_sha256_state fileHash;
    crypto_hash_sha256_init(&fileHash);
    crypto_sign_state signing;
    crypto_sign_init(&signing);
    qint64 written = 0;
    const auto put = [&](const char *data, qint64 size, bool signedPart) {
        crypto_hash_sha256_update(&fileHash, u(data), quint64(size));
        if (signedPart)
            crypto_sign_update(&signing, u(data), quint64(size));
        written += size;
        return part.write(data, size) == size;
    };
    const auto abandon = [&](Status why) -> Result<WrittenPackage> {
        part.close();
        part.remove();
        return why;
    };

    if (!put(prefix.constData(), prefix.size(), true))
        return abandon(s.writeFailure(part));
    if (!s.pass1->seek(0))
        return abandon(s.writeFailure(*s.pass1));
    // The pass-1 chunks have exactly the sizes of the package's chunks: each is
    // decrypted and encrypted again under K, bound to the header.
    crypto_secretstream_xchacha20poly1305_init_pull(s.pass1State(), u(s.pass1Header.constData()), s.pass1Key.data());
    SecretBytes plain(format::ChunkPlainBytes);
    if (plain.isNull())
        return abandon(Status::error(ErrorCode::Io, tr("not enough memory to hold the keys")));
    const qint64 chunkCount = s.fullChunks + 1;
    for (qint64 i = 0; i < chunkCount; ++i) {
        const bool last = i == s.fullChunks;
        const qint64 plainSize = last ? s.chunkFill : format::ChunkPlainBytes;
        const qint64 cipherSize = plainSize + format::ChunkOverheadBytes;
        if (s.pass1->read(s.cipher.data(), cipherSize) != cipherSize)
            return abandon(Status::error(ErrorCode::Io, tr("cannot read back %1").arg(s.pass1->fileName())));
        unsigned long long plainLength = 0;
        unsigned char tag = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(s.pass1State(), plain.data(), &plainLength, &tag,
                                                       u(s.cipher.constData()), quint64(cipherSize), nullptr, 0) != 0 ||
            qint64(plainLength) != plainSize)
            return abandon(
                Status::error(ErrorCode::Io,
                              tr("the temporary file %1 changed while the package was made").arg(s.pass1->fileName())));
        unsigned long long cipherLength = 0;
        crypto_secretstream_xchacha20poly1305_push(
            stream, u(s.cipher.data()), &cipherLength, plain.data(), quint64(plainSize), additional, sizeof additional,
            last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
        if (!put(s.cipher.constData(), qint64(cipherLength), true))
            return abandon(s.writeFailure(part));
    }
    s.pass1.reset();

    unsigned char signature[crypto_sign_BYTES];
    crypto_sign_final_create(&signing, signature, nullptr, s.sender.signSecretKey().data());
    if (!put(reinterpret_cast<const char *>(signature), sizeof signature, false))
        return abandon(s.writeFailure(part));
    if (Status flushed = flushToDisk(part); !flushed)
        return abandon(flushed);
    part.close();
    if (Status published = publishFile(partPath, s.path); !published)
        return abandon(published);

    unsigned char fileDigest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&fileHash, fileDigest);
    WrittenPackage done;
    done.path = s.path;
    done.sha256 = hex(fileDigest, sizeof fileDigest);
    done.fileBytes = written;
    done.chunkCount = chunkCount;
    done.header = s.header;
    Q_ASSERT(written == format::packageBytes(headerBytes.size(), payload.compressedBytes));
    qCDebug(lcSync) << "wrote" << s.path << written << "bytes," << s.plainBytes << "plain," << chunkCount << "chunks";
    return done;
}

} // namespace cellcrf::sync
