#include "randomization/seedfile.h"

#include "randomization/listgenerator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryFile>

#include <sodium.h>
#include <unistd.h>

namespace cellcrf::randomization {

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("cellcrf::randomization::SeedFile", text);
}

constexpr qint64 MaxFileSize = 64 * 1024;
const char SealDomain[] = "cellcrf/rand/v1/seedfile";

// The passphrase as bytes: NFC first, so that the same characters typed on another
// system (composed or decomposed) open the file.
QByteArray passphraseBytes(const QString &passphrase)
{
    return passphrase.normalized(QString::NormalizationForm_C).toUtf8();
}

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        sodium_memzero(bytes.data(), size_t(bytes.size()));
}

unsigned char *udata(QByteArray &bytes)
{
    return reinterpret_cast<unsigned char *>(bytes.data());
}

const unsigned char *cudata(const QByteArray &bytes)
{
    return reinterpret_cast<const unsigned char *>(bytes.constData());
}

QByteArray sealedPlaintext(const QString &listId, const Seed &seed)
{
    return encodeString(QString::fromLatin1(SealDomain)) + encodeString(listId) +
           QByteArray(reinterpret_cast<const char *>(seed.bytes().data()), qsizetype(seed.bytes().size()));
}

// The key crypto_secretbox uses, from the passphrase; nothing when libsodium cannot
// have the memory the limits ask for.
std::optional<QByteArray> deriveKey(const QString &passphrase, const QByteArray &salt, quint64 opslimit,
                                    size_t memlimit)
{
    QByteArray pass = passphraseBytes(passphrase);
    QByteArray key(crypto_secretbox_KEYBYTES, '\0');
    const int rc = crypto_pwhash(udata(key), quint64(key.size()), pass.constData(), quint64(pass.size()), cudata(salt),
                                 opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13);
    wipe(pass);
    if (rc != 0)
        return std::nullopt;
    return key;
}

struct Parsed
{
    SeedFileInfo info;
    quint64 opslimit = 0;
    size_t memlimit = 0;
    QByteArray salt;
    QByteArray nonce;
    QByteArray ciphertext;
};

Result<Parsed> parse(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return Status::error(ErrorCode::NotFound, tr("There is no seed file %1.").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return Status::error(ErrorCode::Io, tr("Cannot read the seed file %1: %2").arg(path, file.errorString()));
    const QByteArray bytes = file.read(MaxFileSize + 1);
    const auto damaged = [&](const QString &why) {
        return Status::error(ErrorCode::Corrupt, tr("%1 is not a usable seed file: %2").arg(path, why));
    };
    if (bytes.size() > MaxFileSize)
        return damaged(tr("it is far too large."));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return damaged(tr("it is not a JSON object."));
    const QJsonObject o = doc.object();
    if (o.value(u"format"_s).toString() != SeedFile::formatName())
        return damaged(tr("the format is not %1.").arg(SeedFile::formatName()));
    Parsed p;
    p.info.listId = o.value(u"list_id"_s).toString();
    const auto fingerprint = digestFromHex(o.value(u"seed_fingerprint"_s).toString());
    if (!ListGenerator::isValidListId(p.info.listId) || !fingerprint)
        return damaged(tr("the list id or the seed fingerprint is missing or malformed."));
    p.info.seedFingerprint = *fingerprint;
    if (o.value(u"kdf"_s).toString() != u"argon2id13"_s)
        return damaged(tr("the key derivation is not argon2id13."));
    const double ops = o.value(u"opslimit"_s).toDouble(-1);
    const double mem = o.value(u"memlimit"_s).toDouble(-1);
    // Bounded, so a crafted file cannot make the program spend minutes or gigabytes.
    if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > crypto_pwhash_OPSLIMIT_SENSITIVE ||
        mem < crypto_pwhash_MEMLIMIT_INTERACTIVE || mem > crypto_pwhash_MEMLIMIT_SENSITIVE)
        return damaged(tr("the key derivation limits are out of range."));
    p.opslimit = quint64(ops);
    p.memlimit = size_t(mem);
    const auto hexField = [&](const char *key, qsizetype size) {
        const QString text = o.value(QLatin1String(key)).toString();
        const QByteArray raw = QByteArray::fromHex(text.toLatin1());
        return raw.size() == size && raw.toHex() == text.toLatin1() ? raw : QByteArray();
    };
    p.salt = hexField("salt", crypto_pwhash_SALTBYTES);
    p.nonce = hexField("nonce", crypto_secretbox_NONCEBYTES);
    const qsizetype plaintextSize = sealedPlaintext(p.info.listId, Seed()).size();
    p.ciphertext = hexField("ciphertext", qsizetype(crypto_secretbox_MACBYTES) + plaintextSize);
    if (p.salt.isEmpty() || p.nonce.isEmpty() || p.ciphertext.isEmpty())
        return damaged(tr("the salt, nonce or sealed seed is malformed."));
    return p;
}

} // namespace

QString SeedFile::formatName()
{
    return u"cellcrf-rand-seed/1"_s;
}

Status SeedFile::write(const QString &path, const QString &listId, const Seed &seed, const QString &passphrase)
{
    if (sodium_init() < 0)
        return Status::error(ErrorCode::Io, tr("The cryptography library could not start."));
    if (!ListGenerator::isValidListId(listId))
        return Status::error(ErrorCode::InvalidInput, tr("The list id %1 is not valid.").arg(listId));
    if (passphrase.normalized(QString::NormalizationForm_C).size() < MinPassphraseLength)
        return Status::error(ErrorCode::InvalidInput,
                             tr("The passphrase must have at least %1 characters.").arg(MinPassphraseLength));
    const QFileInfo target(path);
    if (target.exists() || target.isSymLink())
        return Status::error(ErrorCode::Conflict,
                             tr("%1 already exists. A seed file is never overwritten: choose another name.").arg(path));

    if (!QFileInfo(target.absolutePath()).isDir())
        return Status::error(
            ErrorCode::Io,
            tr("Cannot write the seed file %1: the folder %2 does not exist.").arg(path, target.absolutePath()));

    QByteArray salt(crypto_pwhash_SALTBYTES, '\0');
    QByteArray nonce(crypto_secretbox_NONCEBYTES, '\0');
    randombytes_buf(salt.data(), size_t(salt.size()));
    randombytes_buf(nonce.data(), size_t(nonce.size()));
    auto key = deriveKey(passphrase, salt, crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE);
    if (!key)
        return Status::error(ErrorCode::Io, tr("Not enough memory to derive the key from the passphrase."));
    QByteArray plaintext = sealedPlaintext(listId, seed);
    QByteArray ciphertext(qsizetype(crypto_secretbox_MACBYTES) + plaintext.size(), '\0');
    crypto_secretbox_easy(udata(ciphertext), cudata(plaintext), quint64(plaintext.size()), cudata(nonce), cudata(*key));
    wipe(plaintext);
    wipe(*key);

    QJsonObject o;
    o.insert(u"format"_s, formatName());
    o.insert(u"list_id"_s, listId);
    o.insert(u"seed_fingerprint"_s, toHex(seedFingerprint(seed)));
    o.insert(u"kdf"_s, u"argon2id13"_s);
    o.insert(u"opslimit"_s, double(crypto_pwhash_OPSLIMIT_MODERATE));
    o.insert(u"memlimit"_s, double(crypto_pwhash_MEMLIMIT_MODERATE));
    o.insert(u"salt"_s, QString::fromLatin1(salt.toHex()));
    o.insert(u"nonce"_s, QString::fromLatin1(nonce.toHex()));
    o.insert(u"ciphertext"_s, QString::fromLatin1(ciphertext.toHex()));
    const QByteArray bytes = QJsonDocument(o).toJson(QJsonDocument::Indented);

    // Written beside the target, owner-only from the start, synced, then renamed into
    // place; Qt's rename never replaces an existing file, so a file that appeared
    // meanwhile is kept and this write fails.
    const QString folder = target.absolutePath();
    QTemporaryFile temporary(QDir(folder).filePath(u".seed-XXXXXX"_s));
    const auto ioError = [&](const QString &why) {
        return Status::error(ErrorCode::Io, tr("Cannot write the seed file %1: %2").arg(path, why));
    };
    if (!temporary.open())
        return ioError(temporary.errorString());
    if (!temporary.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return ioError(temporary.errorString());
    if (temporary.write(bytes) != bytes.size() || !temporary.flush() || ::fsync(temporary.handle()) != 0)
        return ioError(temporary.errorString());
    if (!temporary.rename(target.absoluteFilePath())) {
        if (QFileInfo::exists(path))
            return Status::error(
                ErrorCode::Conflict,
                tr("%1 already exists. A seed file is never overwritten: choose another name.").arg(path));
        return ioError(temporary.errorString());
    }
    temporary.setAutoRemove(false);
    return Status::ok();
}

Result<SeedFileInfo> SeedFile::inspect(const QString &path)
{
    auto parsed = parse(path);
    if (!parsed)
        return parsed.status();
    return parsed->info;
}

Result<Seed> SeedFile::open(const QString &path, const QString &listId, const QString &passphrase)
{
    if (sodium_init() < 0)
        return Status::error(ErrorCode::Io, tr("The cryptography library could not start."));
    auto parsed = parse(path);
    if (!parsed)
        return parsed.status();
    const Parsed &p = *parsed;
    if (p.info.listId != listId)
        return Status::error(ErrorCode::InvalidInput,
                             tr("The seed file %1 belongs to list %2 (seed fingerprint %3), not to list %4.")
                                 .arg(path, p.info.listId, toHex(p.info.seedFingerprint), listId));
    auto key = deriveKey(passphrase, p.salt, p.opslimit, p.memlimit);
    if (!key)
        return Status::error(ErrorCode::Io, tr("Not enough memory to derive the key from the passphrase."));
    QByteArray plaintext(p.ciphertext.size() - qsizetype(crypto_secretbox_MACBYTES), '\0');
    const int rc = crypto_secretbox_open_easy(udata(plaintext), cudata(p.ciphertext), quint64(p.ciphertext.size()),
                                              cudata(p.nonce), cudata(*key));
    wipe(*key);
    if (rc != 0)
        return Status::error(ErrorCode::AuthenticationFailed,
                             tr("The passphrase is wrong, or the seed file %1 is damaged.").arg(path));
    const QByteArray expectedHead = encodeString(QString::fromLatin1(SealDomain)) + encodeString(listId);
    Digest bytes{};
    const bool headMatches = plaintext.startsWith(expectedHead) && plaintext.size() == expectedHead.size() + 32;
    if (headMatches)
        std::copy(plaintext.cbegin() + expectedHead.size(), plaintext.cend(), bytes.begin());
    wipe(plaintext);
    Seed seed(bytes);
    sodium_memzero(bytes.data(), bytes.size());
    if (!headMatches || seedFingerprint(seed) != p.info.seedFingerprint)
        return Status::error(ErrorCode::Corrupt,
                             tr("The seed file %1 has been edited: its list id or fingerprint does not match the "
                                "sealed seed.")
                                 .arg(path));
    return seed;
}

} // namespace cellcrf::randomization
