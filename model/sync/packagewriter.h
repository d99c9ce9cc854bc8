#pragma once

// PackageWriter makes one `.ccsync` file (SYNC.md §2.4) in constant memory,
// whatever the size of the payload. The payload (the ODM document) is written
// into the writer as into any QIODevice, for instance by a QXmlStreamWriter:
//
//   PackageWriter writer(path, ownKeys, recipientKeys);
//   if (Status s = writer.begin(headerWithoutPayload); !s) …
//   QXmlStreamWriter xml(&writer); … (check writer.status() if a write fails)
//   Result<WrittenPackage> done = writer.finish();
//
// Pass 1 (while the caller writes) compresses with zstd level 3 into a
// temporary file beside the target, hashing and counting the plaintext. That
// temporary file is itself encrypted under a throw-away key held only in
// memory, so compressed clinical data never lies on the disk in the clear, not
// even after a crash. Pass 2 (finish) completes the header with `payload`,
// seals a fresh file key to the recipient, re-encrypts the compressed stream
// in 64 KiB chunks bound to the header, signs with Ed25519ph, writes
// `FILE.part`, flushes it to the disk and renames it to FILE. Nothing is left
// behind on failure or when the writer is destroyed unfinished; an existing
// FILE is replaced only by a complete package.

#include "core/result.h"
#include "sync/devicekeys.h"
#include "sync/packageheader.h"

#include <QIODevice>
#include <QJsonObject>
#include <QString>

#include <memory>

namespace cellcrf::sync {

struct WrittenPackage
{
    QString path;
    QString sha256; // of the whole file, lower-case hex: sync_outbox.package_sha256, the next prior_package_sha256
    qint64 fileBytes = 0;
    qint64 chunkCount = 0; // including the last chunk
    PackageHeader header;  // complete, with payload
};

class PackageWriter final : public QIODevice
{
    Q_OBJECT

public:
    PackageWriter(QString path, const DeviceKeys &sender, PublicKeys recipient);
    ~PackageWriter() override;
    Q_DISABLE_COPY_MOVE(PackageWriter)

    // Checks the header (every field of §2.4 but `payload`, which the writer
    // fills in; sender and recipient must name the given keys) and opens the
    // device for writing.
    Status begin(const QJsonObject &header);
    // The first failure while the payload was written (a full disk, …); a write
    // that failed returned -1.
    const Status &status() const;
    // Pass 2: writes FILE and returns its SHA-256. The device is closed afterwards.
    Result<WrittenPackage> finish();

    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace cellcrf::sync
