#pragma once

// The identity of one node in sync (SYNC.md §2.2): an Ed25519 pair to sign
// packages and enrolment documents, an X25519 pair to receive packages, the key
// id that names them in every package header and the fingerprint people compare
// at enrolment. The secret halves live only in the key file beside the store
// (KeyFile), never in the database, so a copied database carries no signing
// identity.
//
// Secret bytes are held in libsodium's guarded memory (sodium_malloc: locked,
// fenced by guard pages, zeroed when freed). Bytes that pass through Qt's JSON
// classes while a key file is read or written cannot be zeroed there; every
// buffer this code owns is.

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QMap>
#include <QString>

#include <cstddef>

namespace cellcrf::sync {

// A fixed-size buffer of secret bytes in sodium_malloc'd memory, zeroed and
// released on destruction. Move-only.
class SecretBytes final
{
public:
    SecretBytes() = default;
    explicit SecretBytes(std::size_t size); // zero-filled; isNull() when the allocation failed
    SecretBytes(const unsigned char *bytes, std::size_t size);
    ~SecretBytes();
    SecretBytes(SecretBytes &&other) noexcept;
    SecretBytes &operator=(SecretBytes &&other) noexcept;
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;

    bool isNull() const { return m_data == nullptr; }
    std::size_t size() const { return m_size; }
    unsigned char *data() { return m_data; }
    const unsigned char *data() const { return m_data; }
    bool equals(const SecretBytes &other) const; // constant time

private:
    unsigned char *m_data = nullptr;
    std::size_t m_size = 0;
};

// Sizes fixed by libsodium and by SYNC.md, named once.
inline constexpr int SignPublicKeyBytes = 32;
inline constexpr int SignSecretKeyBytes = 64;
inline constexpr int BoxPublicKeyBytes = 32;
inline constexpr int BoxSecretKeyBytes = 32;
inline constexpr int SignatureBytes = 64;

// One chain's position: the counter and hash of its last event.
struct ChainMark
{
    qint64 counter = 0;
    QString hash;
    friend bool operator==(const ChainMark &, const ChainMark &) = default;
};

// The public half of a device's identity, as the device table, an enrolment
// request and a welcome carry it.
struct PublicKeys
{
    QString device;
    QByteArray signPk; // 32 bytes, Ed25519
    QByteArray boxPk;  // 32 bytes, X25519

    bool isComplete() const;
    // SYNC.md §2.2: first 8 bytes of D = SHA-256("cellcrf-key/1\0" ‖ device ‖ sign_pk ‖ box_pk), upper-case hex.
    QString keyId() const;
    // The first 20 bytes of D in RFC 4648 base32, 8 groups of 4 joined by '-'.
    QString fingerprint() const;
    // Reads the base64 of both keys (as in key files, enrolment documents and the device table).
    static Result<PublicKeys> fromBase64(const QString &device, const QString &signPkBase64,
                                         const QString &boxPkBase64);

    friend bool operator==(const PublicKeys &, const PublicKeys &) = default;
};

// A person's typed fingerprint, with or without dashes (and spaces), in any case,
// brought to the printed form; refused unless it has exactly 32 base32 characters.
Result<QString> normalizeFingerprint(const QString &typed);

// Decodes standard base64 (with padding) of exactly `size` bytes; refuses
// anything else, including non-canonical encodings. Returns an empty array on failure.
QByteArray decodeBase64Exactly(const QString &text, int size);

// Both key pairs of one device, and how far its chains were already exported.
class DeviceKeys final
{
public:
    // Fresh key pairs for a device id.
    static Result<DeviceKeys> generate(const QString &deviceId);
    // Rebuilds keys from their secret halves (as read from a key file), checking
    // that each secret half yields the given public half.
    static Result<DeviceKeys> fromParts(const QString &deviceId, const QByteArray &signPk, SecretBytes signSk,
                                        const QByteArray &boxPk, SecretBytes boxSk);

    DeviceKeys(DeviceKeys &&) noexcept = default;
    DeviceKeys &operator=(DeviceKeys &&) noexcept = default;
    DeviceKeys(const DeviceKeys &) = delete;
    DeviceKeys &operator=(const DeviceKeys &) = delete;

    const QString &deviceId() const { return m_public.device; }
    const PublicKeys &publicKeys() const { return m_public; }
    QString keyId() const { return m_public.keyId(); }
    QString fingerprint() const { return m_public.fingerprint(); }

    // What sync export last wrote into a package per chain id (SYNC.md §2.2 restore guard).
    const QMap<QString, ChainMark> &exportedThrough() const { return m_exportedThrough; }
    void setExportedThrough(const QString &chain, const ChainMark &mark) { m_exportedThrough.insert(chain, mark); }
    void setExportedThrough(QMap<QString, ChainMark> marks) { m_exportedThrough = std::move(marks); }

    // Plain Ed25519 detached signature (64 bytes), as enrolment documents use.
    QByteArray signDetached(QByteArrayView message) const;
    // The secret halves, for the package writer and reader only.
    const SecretBytes &signSecretKey() const { return m_signSk; }
    const SecretBytes &boxSecretKey() const { return m_boxSk; }

private:
    DeviceKeys() = default;

    PublicKeys m_public;
    SecretBytes m_signSk; // 64 bytes: seed ‖ public key, libsodium's layout
    SecretBytes m_boxSk;  // 32 bytes
    QMap<QString, ChainMark> m_exportedThrough;
};

// Verifies a plain Ed25519 detached signature.
bool verifyDetached(QByteArrayView message, const QByteArray &signature, const QByteArray &signPk);

// How a passphrase is stretched into the key that wraps a key file
// (crypto_pwhash, Argon2id 1.3). The limits are written into the wrapped file.
struct KeyWrapping
{
    quint64 opsLimit = 0;
    quint64 memLimit = 0;
    // libsodium's MODERATE limits (3 passes, 256 MiB): about a second per load.
    static KeyWrapping recommended();
    // libsodium's MIN limits: for tests only, where the KDF's cost is not the subject.
    static KeyWrapping minimal();
};

// The key file beside the store (`DB.keys`, mode 0600): JSON
// {format:"cellcrf-keys/1", device, sign_pk, sign_sk, box_pk, box_sk,
// exported_through:{chain:{counter,hash}}} in base64, optionally wrapped under a
// passphrase (format "cellcrf-keys-wrapped/1", see README.md). Every save is
// atomic: a temporary file in the same folder, fsync, rename, fsync of the folder.
class KeyFile final
{
public:
    // The default path for a database: `DB.keys`.
    static QString defaultPath(const QString &databasePath);

    // Writes a new key file; refuses to replace one that exists (it would lose a
    // signing identity). An empty passphrase writes the plain format.
    static Result<KeyFile> create(const QString &path, DeviceKeys keys, const QByteArray &passphrase = {},
                                  const KeyWrapping &wrapping = KeyWrapping::recommended());
    // Reads a key file. A wrapped file needs its passphrase; a plain one ignores any given.
    static Result<KeyFile> load(const QString &path, const QByteArray &passphrase = {});
    // Same, and refuses keys whose public halves differ from `expected`
    // ("this key file belongs to device X").
    static Result<KeyFile> load(const QString &path, const QByteArray &passphrase, const PublicKeys &expected);

    KeyFile(KeyFile &&) noexcept = default;
    KeyFile &operator=(KeyFile &&) noexcept = default;
    KeyFile(const KeyFile &) = delete;
    KeyFile &operator=(const KeyFile &) = delete;

    const QString &path() const { return m_path; }
    const DeviceKeys &keys() const { return m_keys; }
    bool isWrapped() const { return !m_wrapKey.isNull(); }

    Status checkBelongsTo(const PublicKeys &expected) const;
    // Records how far a chain was exported and saves the file atomically, wrapped
    // again under the same passphrase (the derived key is kept, not the passphrase).
    Status setExportedThrough(const QString &chain, const ChainMark &mark);

private:
    KeyFile(QString path, DeviceKeys keys)
        : m_path(std::move(path))
        , m_keys(std::move(keys))
    {}
    Status save() const;

    QString m_path;
    DeviceKeys m_keys;
    SecretBytes m_wrapKey; // the crypto_secretbox key derived from the passphrase; null when plain
    QByteArray m_salt;
    KeyWrapping m_wrapping;
};

} // namespace cellcrf::sync
