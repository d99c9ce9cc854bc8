#include "sync/devicekeys.h"

#include "sync/durablefile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryFile>

#include <sodium.h>

#include <cmath>
#include <utility>

namespace cellcrf::sync {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::sync::DeviceKeys", text);
}

constexpr char PlainFormat[] = "cellcrf-keys/1";
constexpr char WrappedFormat[] = "cellcrf-keys-wrapped/1";
constexpr char KdfAlgorithm[] = "argon2id13";
// A key file holds two key pairs and one mark per chain: far below this even at a busy hub.
constexpr qint64 MaxKeyFileBytes = 16 * 1024 * 1024;

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

Status noSodium()
{
    return Status::error(ErrorCode::Io, tr("the cryptography library could not be started"));
}

const unsigned char *bytes(const QByteArray &a)
{
    return reinterpret_cast<const unsigned char *>(a.constData());
}

QByteArray toByteArray(const unsigned char *data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// D = SHA-256("cellcrf-key/1\0" ‖ device ‖ sign_pk ‖ box_pk). The keys have a
// fixed length and come last, so the concatenation is unambiguous.
QByteArray keyDigest(const PublicKeys &keys)
{
    static const char domain[] = "cellcrf-key/1"; // the array holds the trailing NUL the domain ends with
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char *>(domain), sizeof domain);
    const QByteArray device = keys.device.toUtf8();
    crypto_hash_sha256_update(&state, bytes(device), quint64(device.size()));
    crypto_hash_sha256_update(&state, bytes(keys.signPk), quint64(keys.signPk.size()));
    crypto_hash_sha256_update(&state, bytes(keys.boxPk), quint64(keys.boxPk.size()));
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&state, digest);
    return toByteArray(digest, sizeof digest);
}

constexpr char Base32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// RFC 4648 base32 without padding; 20 bytes give exactly 32 characters.
QString base32(const QByteArray &data)
{
    QString out;
    quint32 buffer = 0;
    int bits = 0;
    for (const char c : data) {
        buffer = (buffer << 8) | quint8(c);
        bits += 8;
        while (bits >= 5) {
            out += QLatin1Char(Base32Alphabet[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
    }
    if (bits > 0)
        out += QLatin1Char(Base32Alphabet[(buffer << (5 - bits)) & 31]);
    return out;
}

QString groupsOfFour(const QString &plain)
{
    QStringList groups;
    for (int i = 0; i < plain.size(); i += 4)
        groups << plain.mid(i, 4);
    return groups.join(QLatin1Char('-'));
}

// Base64 of secret bytes into a buffer this code zeroes, never through QString.
QByteArray secretToBase64(const SecretBytes &secret)
{
    QByteArray out(qsizetype(sodium_base64_ENCODED_LEN(secret.size(), sodium_base64_VARIANT_ORIGINAL)), '\0');
    sodium_bin2base64(out.data(), std::size_t(out.size()), secret.data(), secret.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.chop(1); // the terminating NUL
    return out;
}

SecretBytes secretFromBase64(const QString &text, std::size_t size)
{
    QByteArray latin = text.toLatin1();
    SecretBytes out(size);
    std::size_t length = 0;
    const char *end = nullptr;
    const bool ok = !out.isNull() &&
                    sodium_base642bin(out.data(), out.size(), latin.constData(), std::size_t(latin.size()), nullptr,
                                      &length, &end, sodium_base64_VARIANT_ORIGINAL) == 0 &&
                    length == size && end == latin.constData() + latin.size();
    sodium_memzero(latin.data(), std::size_t(latin.size()));
    return ok ? std::move(out) : SecretBytes();
}

// The JSON text of one string value, escaped as QJsonDocument escapes it.
QByteArray jsonString(const QString &s)
{
    QByteArray array = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

QJsonObject exportedThroughJson(const QMap<QString, ChainMark> &marks)
{
    QJsonObject out;
    for (auto it = marks.cbegin(); it != marks.cend(); ++it)
        out.insert(it.key(),
                   QJsonObject{{QStringLiteral("counter"), double(it->counter)}, {QStringLiteral("hash"), it->hash}});
    return out;
}

// The plain key file, compact and with keys sorted as QJsonDocument would write
// them, assembled by hand so that the secret halves pass through no Qt string.
// The caller zeroes the result.
QByteArray plainKeyFileBytes(const DeviceKeys &keys)
{
    QByteArray signSk = secretToBase64(keys.signSecretKey());
    QByteArray boxSk = secretToBase64(keys.boxSecretKey());
    const QByteArray exported =
        QJsonDocument(exportedThroughJson(keys.exportedThrough())).toJson(QJsonDocument::Compact);
    // Appended piece by piece into reserved room: no temporary copy of a secret.
    QByteArray out;
    out.reserve(512 + exported.size() + signSk.size() + boxSk.size() + keys.deviceId().size() * 6);
    out += "{\"box_pk\":\"";
    out += keys.publicKeys().boxPk.toBase64();
    out += "\",\"box_sk\":\"";
    out += boxSk;
    out += "\",\"device\":";
    out += jsonString(keys.deviceId());
    out += ",\"exported_through\":";
    out += exported;
    out += ",\"format\":\"";
    out += PlainFormat;
    out += "\",\"sign_pk\":\"";
    out += keys.publicKeys().signPk.toBase64();
    out += "\",\"sign_sk\":\"";
    out += signSk;
    out += "\"}\n";
    sodium_memzero(signSk.data(), std::size_t(signSk.size()));
    sodium_memzero(boxSk.data(), std::size_t(boxSk.size()));
    return out;
}

bool isWholeNumber(const QJsonValue &v, qint64 minimum, qint64 maximum)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return std::isfinite(d) && d == std::floor(d) && d >= double(minimum) && d <= double(maximum);
}

Status damaged(const QString &path, const QString &why)
{
    return Status::error(ErrorCode::Corrupt, tr("the key file %1 is damaged: %2").arg(path, why));
}

Result<DeviceKeys> parsePlain(const QString &path, const QJsonObject &o)
{
    for (const char *field : {"device", "sign_pk", "sign_sk", "box_pk", "box_sk"})
        if (!o.value(QLatin1String(field)).isString())
            return damaged(path, tr("%1 is missing").arg(QLatin1String(field)));
    if (!o.value(QLatin1String("exported_through")).isObject())
        return damaged(path, tr("%1 is missing").arg(QLatin1String("exported_through")));
    const QString device = o.value(QLatin1String("device")).toString();
    if (device.isEmpty())
        return damaged(path, tr("%1 is missing").arg(QLatin1String("device")));
    const QByteArray signPk = decodeBase64Exactly(o.value(QLatin1String("sign_pk")).toString(), SignPublicKeyBytes);
    const QByteArray boxPk = decodeBase64Exactly(o.value(QLatin1String("box_pk")).toString(), BoxPublicKeyBytes);
    SecretBytes signSk = secretFromBase64(o.value(QLatin1String("sign_sk")).toString(), SignSecretKeyBytes);
    SecretBytes boxSk = secretFromBase64(o.value(QLatin1String("box_sk")).toString(), BoxSecretKeyBytes);
    if (signPk.isEmpty() || boxPk.isEmpty() || signSk.isNull() || boxSk.isNull())
        return damaged(path, tr("a key is not base64 of the right length"));

    QMap<QString, ChainMark> marks;
    const QJsonObject exported = o.value(QLatin1String("exported_through")).toObject();
    for (auto it = exported.constBegin(); it != exported.constEnd(); ++it) {
        const QJsonObject mark = it.value().toObject();
        if (!it.value().isObject() || !isWholeNumber(mark.value(QLatin1String("counter")), 0, qint64(1) << 53) ||
            !mark.value(QLatin1String("hash")).isString())
            return damaged(path, tr("exported_through of chain %1 is not {counter, hash}").arg(it.key()));
        marks.insert(it.key(), ChainMark{qint64(mark.value(QLatin1String("counter")).toDouble()),
                                         mark.value(QLatin1String("hash")).toString()});
    }
    Result<DeviceKeys> keys = DeviceKeys::fromParts(device, signPk, std::move(signSk), boxPk, std::move(boxSk));
    if (!keys)
        return damaged(path, keys.message());
    keys->setExportedThrough(std::move(marks));
    return keys;
}

Result<SecretBytes> deriveWrapKey(const QByteArray &passphrase, const QByteArray &salt, const KeyWrapping &wrapping)
{
    SecretBytes key(crypto_secretbox_KEYBYTES);
    if (key.isNull())
        return Status::error(ErrorCode::Io, tr("not enough memory to protect the keys"));
    if (crypto_pwhash(key.data(), key.size(), passphrase.constData(), quint64(passphrase.size()), bytes(salt),
                      wrapping.opsLimit, std::size_t(wrapping.memLimit), crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Status::error(ErrorCode::Io, tr("not enough memory to derive the key from the passphrase (%1)")
                                                .arg(humanSize(qint64(wrapping.memLimit))));
    return key;
}

} // namespace

// ---- SecretBytes ----

SecretBytes::SecretBytes(std::size_t size)
{
    if (!sodiumReady() || size == 0)
        return;
    m_data = static_cast<unsigned char *>(sodium_malloc(size));
    if (m_data) {
        m_size = size;
        sodium_memzero(m_data, m_size);
    }
}

SecretBytes::SecretBytes(const unsigned char *bytesIn, std::size_t size)
    : SecretBytes(size)
{
    if (m_data)
        std::copy(bytesIn, bytesIn + size, m_data);
}

SecretBytes::~SecretBytes()
{
    if (m_data)
        sodium_free(m_data); // zeroes before it frees
}

SecretBytes::SecretBytes(SecretBytes &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{}

SecretBytes &SecretBytes::operator=(SecretBytes &&other) noexcept
{
    if (this != &other) {
        if (m_data)
            sodium_free(m_data);
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

bool SecretBytes::equals(const SecretBytes &other) const
{
    return m_size == other.m_size && (m_size == 0 || sodium_memcmp(m_data, other.m_data, m_size) == 0);
}

// ---- PublicKeys ----

bool PublicKeys::isComplete() const
{
    return !device.isEmpty() && signPk.size() == SignPublicKeyBytes && boxPk.size() == BoxPublicKeyBytes;
}

QString PublicKeys::keyId() const
{
    if (!sodiumReady())
        return {};
    return QString::fromLatin1(keyDigest(*this).left(8).toHex().toUpper());
}

QString PublicKeys::fingerprint() const
{
    if (!sodiumReady())
        return {};
    return groupsOfFour(base32(keyDigest(*this).left(20)));
}

Result<PublicKeys> PublicKeys::fromBase64(const QString &device, const QString &signPkBase64,
                                          const QString &boxPkBase64)
{
    PublicKeys keys{device, decodeBase64Exactly(signPkBase64, SignPublicKeyBytes),
                    decodeBase64Exactly(boxPkBase64, BoxPublicKeyBytes)};
    if (device.isEmpty())
        return Status::error(ErrorCode::InvalidInput, tr("the device id is missing"));
    if (keys.signPk.isEmpty())
        return Status::error(ErrorCode::InvalidInput, tr("sign_pk is not base64 of 32 bytes"));
    if (keys.boxPk.isEmpty())
        return Status::error(ErrorCode::InvalidInput, tr("box_pk is not base64 of 32 bytes"));
    return keys;
}

Result<QString> normalizeFingerprint(const QString &typed)
{
    QString plain;
    for (const QChar c : typed) {
        if (c == QLatin1Char('-') || c.isSpace())
            continue;
        const QChar upper = c.toUpper();
        const bool inAlphabet = (upper >= QLatin1Char('A') && upper <= QLatin1Char('Z')) ||
                                (upper >= QLatin1Char('2') && upper <= QLatin1Char('7'));
        if (!inAlphabet)
            return Status::error(
                ErrorCode::InvalidInput,
                tr("a fingerprint has only the letters A to Z and the digits 2 to 7, not '%1'").arg(c));
        plain += upper;
    }
    if (plain.size() != 32)
        return Status::error(
            ErrorCode::InvalidInput,
            tr("a fingerprint has 32 characters; %1 were given: compare all of them").arg(plain.size()));
    return groupsOfFour(plain);
}

QByteArray decodeBase64Exactly(const QString &text, int size)
{
    const QByteArray latin = text.toLatin1();
    const auto decoded = QByteArray::fromBase64Encoding(latin, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != size || decoded.decoded.toBase64() != latin)
        return {};
    return decoded.decoded;
}

// ---- DeviceKeys ----

Result<DeviceKeys> DeviceKeys::generate(const QString &deviceId)
{
    if (!sodiumReady())
        return noSodium();
    if (deviceId.isEmpty())
        return Status::error(ErrorCode::InvalidInput, tr("the device id is missing"));
    DeviceKeys keys;
    keys.m_public.device = deviceId;
    keys.m_signSk = SecretBytes(SignSecretKeyBytes);
    keys.m_boxSk = SecretBytes(BoxSecretKeyBytes);
    if (keys.m_signSk.isNull() || keys.m_boxSk.isNull())
        return Status::error(ErrorCode::Io, tr("not enough memory to hold the keys"));
    unsigned char signPk[crypto_sign_PUBLICKEYBYTES];
    unsigned char boxPk[crypto_box_PUBLICKEYBYTES];
    if (crypto_sign_keypair(signPk, keys.m_signSk.data()) != 0 || crypto_box_keypair(boxPk, keys.m_boxSk.data()) != 0)
        return Status::error(ErrorCode::Io, tr("the keys could not be made"));
    keys.m_public.signPk = toByteArray(signPk, sizeof signPk);
    keys.m_public.boxPk = toByteArray(boxPk, sizeof boxPk);
    return keys;
}

Result<DeviceKeys> DeviceKeys::fromParts(const QString &deviceId, const QByteArray &signPk, SecretBytes signSk,
                                         const QByteArray &boxPk, SecretBytes boxSk)
{
    if (!sodiumReady())
        return noSodium();
    if (deviceId.isEmpty())
        return Status::error(ErrorCode::InvalidInput, tr("the device id is missing"));
    if (signPk.size() != SignPublicKeyBytes || boxPk.size() != BoxPublicKeyBytes ||
        signSk.size() != std::size_t(SignSecretKeyBytes) || boxSk.size() != std::size_t(BoxSecretKeyBytes))
        return Status::error(ErrorCode::InvalidInput, tr("a key has the wrong length"));
    // Each secret half must yield its public half: a mixed-up or damaged file is
    // caught here, not by the first package nobody can open.
    unsigned char derived[crypto_sign_PUBLICKEYBYTES];
    crypto_sign_ed25519_sk_to_pk(derived, signSk.data());
    if (sodium_memcmp(derived, bytes(signPk), sizeof derived) != 0)
        return Status::error(ErrorCode::Corrupt, tr("sign_sk does not belong to sign_pk"));
    if (crypto_scalarmult_base(derived, boxSk.data()) != 0 || sodium_memcmp(derived, bytes(boxPk), sizeof derived) != 0)
        return Status::error(ErrorCode::Corrupt, tr("box_sk does not belong to box_pk"));
    DeviceKeys keys;
    keys.m_public = PublicKeys{deviceId, signPk, boxPk};
    keys.m_signSk = std::move(signSk);
    keys.m_boxSk = std::move(boxSk);
    return keys;
}

QByteArray DeviceKeys::signDetached(QByteArrayView message) const
{
    unsigned char signature[crypto_sign_BYTES];
    crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char *>(message.data()),
                         quint64(message.size()), m_signSk.data());
    return toByteArray(signature, sizeof signature);
}

bool verifyDetached(QByteArrayView message, const QByteArray &signature, const QByteArray &signPk)
{
    if (!sodiumReady() || signature.size() != SignatureBytes || signPk.size() != SignPublicKeyBytes)
        return false;
    return crypto_sign_verify_detached(bytes(signature), reinterpret_cast<const unsigned char *>(message.data()),
                                       quint64(message.size()), bytes(signPk)) == 0;
}

// ---- KeyWrapping ----

KeyWrapping KeyWrapping::recommended()
{
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

KeyWrapping KeyWrapping::minimal()
{
    return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

// ---- KeyFile ----

QString KeyFile::defaultPath(const QString &databasePath)
{
    return databasePath + QLatin1String(".keys");
}

Result<KeyFile> KeyFile::create(const QString &path, DeviceKeys keys, const QByteArray &passphrase,
                                const KeyWrapping &wrapping)
{
    if (!sodiumReady())
        return noSodium();
    if (QFileInfo::exists(path))
        return Status::error(ErrorCode::Conflict,
                             tr("the key file %1 already exists: it may hold the only keys of a device").arg(path));
    KeyFile file(path, std::move(keys));
    if (!passphrase.isEmpty()) {
        if (wrapping.opsLimit < crypto_pwhash_OPSLIMIT_MIN || wrapping.memLimit < crypto_pwhash_MEMLIMIT_MIN)
            return Status::error(ErrorCode::InvalidInput, tr("the passphrase limits are below libsodium's minimum"));
        file.m_salt = QByteArray(crypto_pwhash_SALTBYTES, '\0');
        randombytes_buf(file.m_salt.data(), std::size_t(file.m_salt.size()));
        file.m_wrapping = wrapping;
        Result<SecretBytes> key = deriveWrapKey(passphrase, file.m_salt, wrapping);
        if (!key)
            return key.status();
        file.m_wrapKey = std::move(key).value();
    }
    if (Status s = file.save(); !s)
        return s;
    return file;
}

Result<KeyFile> KeyFile::load(const QString &path, const QByteArray &passphrase)
{
    if (!sodiumReady())
        return noSodium();
    QFile f(path);
    if (!f.exists())
        return Status::error(ErrorCode::NotFound, tr("there is no key file %1").arg(path));
    if (!f.open(QIODevice::ReadOnly))
        return Status::error(ErrorCode::Io, tr("cannot read the key file %1: %2").arg(path, f.errorString()));
    if (f.size() > MaxKeyFileBytes)
        return Status::error(ErrorCode::NotCellCrfFile, tr("%1 is not a CellCRF key file").arg(path));
    QByteArray text = f.readAll();
    QJsonParseError error{};
    const QJsonObject outer = QJsonDocument::fromJson(text, &error).object();
    sodium_memzero(text.data(), std::size_t(text.size()));
    if (error.error != QJsonParseError::NoError || outer.isEmpty())
        return Status::error(ErrorCode::NotCellCrfFile, tr("%1 is not a CellCRF key file").arg(path));
    const QString format = outer.value(QLatin1String("format")).toString();

    if (format == QLatin1String(PlainFormat)) {
        Result<DeviceKeys> keys = parsePlain(path, outer);
        if (!keys)
            return keys.status();
        return KeyFile(path, std::move(keys).value());
    }
    if (format != QLatin1String(WrappedFormat)) {
        if (format.startsWith(QLatin1String("cellcrf-keys")))
            return Status::error(ErrorCode::TooNew,
                                 tr("the key file %1 was made by a newer CellCRF (%2)").arg(path, format));
        return Status::error(ErrorCode::NotCellCrfFile, tr("%1 is not a CellCRF key file").arg(path));
    }

    if (passphrase.isEmpty())
        return Status::error(ErrorCode::AuthenticationFailed,
                             tr("the key file %1 is protected by a passphrase, and none was given").arg(path));
    const QJsonObject kdf = outer.value(QLatin1String("kdf")).toObject();
    KeyWrapping wrapping;
    // Limits come from the file: bounded, so that a crafted file cannot make the
    // program allocate or compute without end.
    if (kdf.value(QLatin1String("alg")).toString() != QLatin1String(KdfAlgorithm) ||
        !isWholeNumber(kdf.value(QLatin1String("opslimit")), crypto_pwhash_OPSLIMIT_MIN,
                       crypto_pwhash_OPSLIMIT_SENSITIVE) ||
        !isWholeNumber(kdf.value(QLatin1String("memlimit")), crypto_pwhash_MEMLIMIT_MIN,
                       qint64(crypto_pwhash_MEMLIMIT_SENSITIVE)))
        return damaged(path, tr("the passphrase parameters (kdf) are missing or out of range"));
    wrapping.opsLimit = quint64(kdf.value(QLatin1String("opslimit")).toDouble());
    wrapping.memLimit = quint64(kdf.value(QLatin1String("memlimit")).toDouble());
    const QByteArray salt = decodeBase64Exactly(kdf.value(QLatin1String("salt")).toString(), crypto_pwhash_SALTBYTES);
    const QByteArray nonce =
        decodeBase64Exactly(outer.value(QLatin1String("nonce")).toString(), crypto_secretbox_NONCEBYTES);
    const QByteArray box = QByteArray::fromBase64(outer.value(QLatin1String("box")).toString().toLatin1());
    if (salt.isEmpty() || nonce.isEmpty() || box.size() <= int(crypto_secretbox_MACBYTES) ||
        box.toBase64() != outer.value(QLatin1String("box")).toString().toLatin1())
        return damaged(path, tr("salt, nonce or box is missing"));

    Result<SecretBytes> key = deriveWrapKey(passphrase, salt, wrapping);
    if (!key)
        return key.status();
    SecretBytes inner(std::size_t(box.size()) - crypto_secretbox_MACBYTES);
    if (inner.isNull())
        return Status::error(ErrorCode::Io, tr("not enough memory to hold the keys"));
    if (crypto_secretbox_open_easy(inner.data(), bytes(box), quint64(box.size()), bytes(nonce), key->data()) != 0)
        return Status::error(ErrorCode::AuthenticationFailed,
                             tr("the passphrase does not open the key file %1").arg(path));
    const QJsonObject innerObject =
        QJsonDocument::fromJson(
            QByteArray::fromRawData(reinterpret_cast<const char *>(inner.data()), qsizetype(inner.size())), &error)
            .object();
    if (error.error != QJsonParseError::NoError ||
        innerObject.value(QLatin1String("format")).toString() != QLatin1String(PlainFormat))
        return damaged(path, tr("the protected part is not a key file"));
    Result<DeviceKeys> keys = parsePlain(path, innerObject);
    if (!keys)
        return keys.status();
    // The public copy outside the box is only for people and must agree with the box.
    if (outer.value(QLatin1String("device")).toString() != keys->deviceId() ||
        decodeBase64Exactly(outer.value(QLatin1String("sign_pk")).toString(), SignPublicKeyBytes) !=
            keys->publicKeys().signPk ||
        decodeBase64Exactly(outer.value(QLatin1String("box_pk")).toString(), BoxPublicKeyBytes) !=
            keys->publicKeys().boxPk)
        return damaged(path, tr("the public keys outside the protected part differ from those inside"));
    KeyFile file(path, std::move(keys).value());
    file.m_wrapKey = std::move(key).value();
    file.m_salt = salt;
    file.m_wrapping = wrapping;
    return file;
}

Result<KeyFile> KeyFile::load(const QString &path, const QByteArray &passphrase, const PublicKeys &expected)
{
    Result<KeyFile> file = load(path, passphrase);
    if (!file)
        return file;
    if (Status s = file->checkBelongsTo(expected); !s)
        return s;
    return file;
}

Status KeyFile::checkBelongsTo(const PublicKeys &expected) const
{
    if (m_keys.publicKeys() == expected)
        return Status::ok();
    return Status::error(ErrorCode::InvalidInput,
                         tr("this key file belongs to device %1 (key %2); this database is device %3 (key %4)")
                             .arg(m_keys.deviceId(), m_keys.keyId(), expected.device, expected.keyId()));
}

Status KeyFile::setExportedThrough(const QString &chain, const ChainMark &mark)
{
    m_keys.setExportedThrough(chain, mark);
    return save();
}

Status KeyFile::save() const
{
    QByteArray plain = plainKeyFileBytes(m_keys);
    QByteArray wrapped;
    if (isWrapped()) {
        QByteArray nonce(crypto_secretbox_NONCEBYTES, '\0');
        randombytes_buf(nonce.data(), std::size_t(nonce.size()));
        QByteArray box(plain.size() + qsizetype(crypto_secretbox_MACBYTES), '\0');
        crypto_secretbox_easy(reinterpret_cast<unsigned char *>(box.data()), bytes(plain), quint64(plain.size()),
                              bytes(nonce), m_wrapKey.data());
        const QJsonObject outer{
            {QStringLiteral("format"), QLatin1String(WrappedFormat)},
            {QStringLiteral("device"), m_keys.deviceId()},
            {QStringLiteral("sign_pk"), QString::fromLatin1(m_keys.publicKeys().signPk.toBase64())},
            {QStringLiteral("box_pk"), QString::fromLatin1(m_keys.publicKeys().boxPk.toBase64())},
            {QStringLiteral("kdf"), QJsonObject{{QStringLiteral("alg"), QLatin1String(KdfAlgorithm)},
                                                {QStringLiteral("opslimit"), double(m_wrapping.opsLimit)},
                                                {QStringLiteral("memlimit"), double(m_wrapping.memLimit)},
                                                {QStringLiteral("salt"), QString::fromLatin1(m_salt.toBase64())}}},
            {QStringLiteral("nonce"), QString::fromLatin1(nonce.toBase64())},
            {QStringLiteral("box"), QString::fromLatin1(box.toBase64())}};
        wrapped = QJsonDocument(outer).toJson(QJsonDocument::Indented);
    }
    const QByteArray &content = isWrapped() ? wrapped : plain;

    // QTemporaryFile creates the file readable by its owner only (0600) before
    // any byte is written; the rename keeps that mode.
    const QString folder = QFileInfo(m_path).absolutePath();
    QTemporaryFile temp(folder + QLatin1Char('/') + QFileInfo(m_path).fileName() + QLatin1String(".XXXXXX"));
    Status status = Status::ok();
    if (!temp.open()) {
        status = Status::error(ErrorCode::Io, tr("cannot write the key file %1: %2").arg(m_path, temp.errorString()));
    } else if (!temp.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
               temp.write(content) != content.size()) {
        status = Status::error(ErrorCode::Io, tr("cannot write the key file %1: %2").arg(m_path, temp.errorString()));
    } else if (status = flushToDisk(temp); status) {
        temp.close();
        status = publishFile(temp.fileName(), m_path);
        if (status)
            temp.setAutoRemove(false);
    }
    sodium_memzero(plain.data(), std::size_t(plain.size()));
    return status;
}

} // namespace cellcrf::sync
