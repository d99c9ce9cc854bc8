#pragma once

// PackageReader opens a `.ccsync` file in the order of SYNC.md §2.7, touching
// no database, so that the importer can put its own checks in between:
//
//   PackageReader reader(path, limits);
//   reader.open();                  // steps 1–2: size, magic, header
//   … reader.header() …             // steps 3–5: the importer's (study, recipient, sender)
//   reader.verifySignature(sender); // step 6: SHA-256 of the file, Ed25519ph signature
//   … reader.packageSha256() …      //         (already imported?)
//   PayloadStream *payload = reader.openPayload(ownKeys).value(); // step 7
//   … QXmlStreamReader xml(payload) …
//   payload->finish();              // plaintext length and SHA-256 as declared
//
// Memory stays constant: the file is read in blocks, the payload is decrypted
// one 64 KiB chunk at a time and decompressed as it is read, and plaintext is
// never written to the disk. Every refusal is a Status whose message is the
// one of SYNC.md §3 (the CLI adds "refused: FILE: ").

#include "core/result.h"
#include "sync/devicekeys.h"
#include "sync/packageheader.h"

#include <QFile>
#include <QIODevice>
#include <QJsonObject>
#include <QString>

#include <memory>

namespace cellcrf::sync {

struct PackageLimits
{
    qint64 maxFileBytes = qint64(2) << 30;  // --max-size; checked before a byte is read
    qint64 maxPlainBytes = qint64(8) << 30; // payload.plain_bytes
    qint64 maxExpansion = 200;              // plain_bytes ≤ maxExpansion × compressed_bytes
    int windowLogMax = 27;                  // ZSTD_d_windowLogMax: at most 128 MiB of decoder window
};

// Where the parts of a package lie, as far as they could be read.
struct PackageLayout
{
    qint64 fileBytes = 0;
    int formatVersion = 0;         // from the magic
    qint64 headerBytes = -1;       // H; -1 when not read
    qint64 cipherBytes = -1;       // bytes of chunks between the stream header and the signature
    qint64 fullChunks = -1;        // chunks of 64 KiB
    qint64 lastChunkBytes = -1;    // plaintext bytes of the last chunk (0..65535)
    qint64 compressedBytes = -1;   // what the chunks hold, from the file's size
    qint64 expectedFileBytes = -1; // what the header's compressed_bytes implies
    bool intact = false;           // sizes add up, and agree with the header
};

// The decrypted, decompressed payload: a sequential, read-only device. A read
// that fails returns -1 and sets status(); the payload is good only when
// finish() says so.
class PayloadStream final : public QIODevice
{
    Q_OBJECT

public:
    ~PayloadStream() override;
    Q_DISABLE_COPY_MOVE(PayloadStream)

    const Status &status() const;
    // Reads whatever is left, then checks that the plaintext has the declared
    // length and SHA-256 and that the file is still the one whose signature was
    // verified. The importer calls it before it commits.
    Status finish();
    qint64 plainBytesRead() const;

    bool isSequential() const override { return true; }
    bool atEnd() const override;
    qint64 bytesAvailable() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    friend class PackageReader;
    struct State;
    explicit PayloadStream(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

class PackageReader final
{
public:
    explicit PackageReader(QString path, PackageLimits limits = {});
    ~PackageReader();
    Q_DISABLE_COPY_MOVE(PackageReader)

    // §2.7 steps 1–2: size limits (before reading), magic, header length, header
    // JSON with every field of the right type, and a file long enough for what
    // the header declares.
    Status open();
    const PackageHeader &header() const { return m_header; }
    const QJsonObject &headerJson() const { return m_headerJson; }
    const PackageLayout &layout() const { return m_layout; }

    // §2.7 step 6: one pass over the file computes its SHA-256 and verifies the
    // Ed25519ph signature with the sender's registered keys.
    Status verifySignature(const PublicKeys &sender);
    // The SHA-256 of the whole file (lower-case hex), once verifySignature succeeded.
    const QString &packageSha256() const { return m_sha256; }

    // §2.7 step 7: checks the declared sizes against the limits, unseals the
    // file key with this node's keys and returns the payload, owned by the reader.
    Result<PayloadStream *> openPayload(const DeviceKeys &own);

    // For `sync inspect`: the header and the structure, for a person, with no keys.
    static Result<QString> inspect(const QString &path);

private:
    Status fail(Status s);

    QString m_path;
    PackageLimits m_limits;
    QFile m_file;
    PackageLayout m_layout;
    QByteArray m_headerBytes;
    QJsonObject m_headerJson;
    PackageHeader m_header;
    QString m_sha256;
    bool m_opened = false;
    bool m_verified = false;
    std::unique_ptr<PayloadStream> m_payload;
};

} // namespace cellcrf::sync
