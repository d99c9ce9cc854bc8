// Device keys (SYNC.md §2.2): key id and fingerprint as specified, the key
// file's format, its atomic saves and mode, passphrase wrapping, and the
// refusals of a wrong passphrase, a damaged file and another device's keys.

#include "sync/devicekeys.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sodium.h>

using namespace cellcrf;
using namespace cellcrf::sync;

namespace {

// An independent base32 (RFC 4648), bit by bit, to check the fingerprint.
QString referenceBase32(const QByteArray &data)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    QString bits;
    for (const char c : data)
        bits += QStringLiteral("%1").arg(quint8(c), 8, 2, QLatin1Char('0'));
    while (bits.size() % 5)
        bits += QLatin1Char('0');
    QString out;
    for (int i = 0; i < bits.size(); i += 5)
        out += QLatin1Char(alphabet[bits.mid(i, 5).toInt(nullptr, 2)]);
    return out;
}

QByteArray digestOf(const PublicKeys &k)
{
    QByteArray input("cellcrf-key/1");
    input.append('\0');
    input += k.device.toUtf8() + k.signPk + k.boxPk;
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(d, reinterpret_cast<const unsigned char *>(input.constData()), quint64(input.size()));
    return QByteArray(reinterpret_cast<const char *>(d), sizeof d);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

// The owner, group and other bits: mode 0600 reads ReadOwner | WriteOwner.
QFileDevice::Permissions ownerGroupOther(const QString &path)
{
    return QFile::permissions(path) & QFileDevice::Permissions(0x7077);
}

QStringList folderEntries(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

// The keys still work together: a signature verifies, a sealed box opens.
void checkUsable(const DeviceKeys &keys)
{
    const QByteArray message("to be signed");
    QVERIFY(verifyDetached(message, keys.signDetached(message), keys.publicKeys().signPk));
    unsigned char sealed[crypto_box_SEALBYTES + 4];
    unsigned char opened[4];
    crypto_box_seal(sealed, reinterpret_cast<const unsigned char *>("abcd"), 4,
                    reinterpret_cast<const unsigned char *>(keys.publicKeys().boxPk.constData()));
    QCOMPARE(crypto_box_seal_open(opened, sealed, sizeof sealed,
                                  reinterpret_cast<const unsigned char *>(keys.publicKeys().boxPk.constData()),
                                  keys.boxSecretKey().data()),
             0);
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(opened), 4), QByteArray("abcd"));
}

DeviceKeys generated(const QString &device)
{
    Result<DeviceKeys> k = DeviceKeys::generate(device);
    Q_ASSERT(k.isOk());
    return std::move(k).value();
}

} // namespace

class TestDeviceKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(sodium_init() >= 0); }

    void referenceBase32_matchesRfc4648Vectors()
    {
        // RFC 4648 §10 without padding.
        QCOMPARE(referenceBase32("f"), QStringLiteral("MY"));
        QCOMPARE(referenceBase32("fo"), QStringLiteral("MZXQ"));
        QCOMPARE(referenceBase32("foobar"), QStringLiteral("MZXW6YTBOI"));
    }

    void generate_keyIdAndFingerprintFollowTheDigest()
    {
        const DeviceKeys keys = generated(QStringLiteral("a1b2c3d4e5f60718"));
        const PublicKeys &pub = keys.publicKeys();
        QCOMPARE(pub.signPk.size(), 32);
        QCOMPARE(pub.boxPk.size(), 32);
        const QByteArray d = digestOf(pub);
        QCOMPARE(keys.keyId(), QString::fromLatin1(d.left(8).toHex().toUpper()));
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9A-F]{16}$")).match(keys.keyId()).hasMatch());
        const QString plain = referenceBase32(d.left(20));
        QCOMPARE(plain.size(), 32);
        QCOMPARE(QString(keys.fingerprint()).remove(QLatin1Char('-')), plain);
        QVERIFY(
            QRegularExpression(QStringLiteral("^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$")).match(keys.fingerprint()).hasMatch());
        checkUsable(keys);
    }

    void keyId_changesWithDeviceAndEachKey()
    {
        const DeviceKeys a = generated(QStringLiteral("a1b2c3d4e5f60718"));
        PublicKeys p = a.publicKeys();
        const QString id = p.keyId();
        p.device = QStringLiteral("a1b2c3d4e5f60719");
        QVERIFY(p.keyId() != id);
        p = a.publicKeys();
        p.signPk[0] = char(p.signPk[0] ^ 1);
        QVERIFY(p.keyId() != id);
        p = a.publicKeys();
        p.boxPk[31] = char(p.boxPk[31] ^ 1);
        QVERIFY(p.keyId() != id);
        QCOMPARE(a.publicKeys().keyId(), id); // deterministic
        QVERIFY(generated(QStringLiteral("a1b2c3d4e5f60718")).keyId() != id);
    }

    void normalizeFingerprint_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("message");
        const QString fp = QStringLiteral("K7QD-2M4X-ABCD-EFGH-IJKL-MNOP-QRST-UVWX");
        QTest::newRow("as printed") << fp << true << QString();
        QTest::newRow("no dashes") << QString(fp).remove(QLatin1Char('-')) << true << QString();
        QTest::newRow("lower case") << fp.toLower() << true << QString();
        QTest::newRow("spaces") << QString(fp).replace(QLatin1Char('-'), QLatin1Char(' ')) << true << QString();
        QTest::newRow("31 characters") << fp.chopped(1) << false
                                       << QStringLiteral("a fingerprint has 32 characters; 31 were given: compare all "
                                                         "of them");
        QTest::newRow("first group only") << fp.left(4) << false
                                          << QStringLiteral("a fingerprint has 32 characters; 4 were given: compare "
                                                            "all of them");
        QTest::newRow("33 characters") << fp + QLatin1Char('A') << false
                                       << QStringLiteral("a fingerprint has 32 characters; 33 were given: compare all "
                                                         "of them");
        QTest::newRow("digit 0") << QString(fp).replace(0, 1, QLatin1Char('0')) << false
                                 << QStringLiteral("a fingerprint has only the letters A to Z and the digits 2 to 7, "
                                                   "not '0'");
        QTest::newRow("digit 8") << QString(fp).replace(5, 1, QLatin1Char('8')) << false
                                 << QStringLiteral("a fingerprint has only the letters A to Z and the digits 2 to 7, "
                                                   "not '8'");
        QTest::newRow("empty") << QString() << false
                               << QStringLiteral("a fingerprint has 32 characters; 0 were given: compare all of them");
    }

    void normalizeFingerprint()
    {
        QFETCH(QString, typed);
        QFETCH(bool, accepted);
        QFETCH(QString, message);
        const Result<QString> r = cellcrf::sync::normalizeFingerprint(typed);
        QCOMPARE(r.isOk(), accepted);
        if (accepted)
            QCOMPARE(*r, QStringLiteral("K7QD-2M4X-ABCD-EFGH-IJKL-MNOP-QRST-UVWX"));
        else
            QCOMPARE(r.message(), message);
    }

    void fromBase64_refusesWrongLengthAndNonCanonical()
    {
        const DeviceKeys keys = generated(QStringLiteral("a1b2c3d4e5f60718"));
        const QString sign = QString::fromLatin1(keys.publicKeys().signPk.toBase64());
        const QString box = QString::fromLatin1(keys.publicKeys().boxPk.toBase64());
        QVERIFY(PublicKeys::fromBase64(keys.deviceId(), sign, box).isOk());
        QCOMPARE(*PublicKeys::fromBase64(keys.deviceId(), sign, box), keys.publicKeys());
        QVERIFY(!PublicKeys::fromBase64(keys.deviceId(), sign.left(40), box).isOk());
        QVERIFY(!PublicKeys::fromBase64(keys.deviceId(), sign, box + QStringLiteral("AAAA")).isOk());
        QVERIFY(!PublicKeys::fromBase64(keys.deviceId(), sign, box.chopped(1)).isOk()); // no padding
        QVERIFY(!PublicKeys::fromBase64(keys.deviceId(), QStringLiteral("!") + sign.mid(1), box).isOk());
        QVERIFY(!PublicKeys::fromBase64(QString(), sign, box).isOk());
    }

    void keyFile_plainRoundTripInTheSpecifiedFormat()
    {
        QTemporaryDir dir;
        const QString path = KeyFile::defaultPath(dir.filePath(QStringLiteral("site.ccrf")));
        QCOMPARE(path, dir.filePath(QStringLiteral("site.ccrf.keys")));
        DeviceKeys keys = generated(QStringLiteral("a1b2c3d4e5f60718"));
        keys.setExportedThrough(QStringLiteral("a1b2c3d4e5f60718"), ChainMark{42, QString(64, QLatin1Char('c'))});
        const PublicKeys pub = keys.publicKeys();
        Result<KeyFile> created = KeyFile::create(path, std::move(keys));
        QVERIFY2(created.isOk(), qPrintable(created.message()));
        QVERIFY(!created->isWrapped());
        QCOMPARE(ownerGroupOther(path), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QCOMPARE(folderEntries(dir.path()), QStringList{QStringLiteral("site.ccrf.keys")});

        const QByteArray text = readAll(path);
        const QJsonObject o = QJsonDocument::fromJson(text).object();
        QStringList expectedKeys{QStringLiteral("box_pk"), QStringLiteral("box_sk"),
                                 QStringLiteral("device"), QStringLiteral("exported_through"),
                                 QStringLiteral("format"), QStringLiteral("sign_pk"),
                                 QStringLiteral("sign_sk")};
        QCOMPARE(o.keys(), expectedKeys);
        QCOMPARE(o.value(QLatin1String("format")).toString(), QStringLiteral("cellcrf-keys/1"));
        QCOMPARE(o.value(QLatin1String("device")).toString(), QStringLiteral("a1b2c3d4e5f60718"));
        QCOMPARE(QByteArray::fromBase64(o.value(QLatin1String("sign_pk")).toString().toLatin1()), pub.signPk);
        QCOMPARE(QByteArray::fromBase64(o.value(QLatin1String("box_pk")).toString().toLatin1()), pub.boxPk);
        QCOMPARE(QByteArray::fromBase64(o.value(QLatin1String("sign_sk")).toString().toLatin1()).size(), 64);
        QCOMPARE(QByteArray::fromBase64(o.value(QLatin1String("box_sk")).toString().toLatin1()).size(), 32);
        const QJsonObject mark =
            o.value(QLatin1String("exported_through")).toObject().value(QLatin1String("a1b2c3d4e5f60718")).toObject();
        QCOMPARE(mark.value(QLatin1String("counter")).toInt(), 42);
        QCOMPARE(mark.value(QLatin1String("hash")).toString(), QString(64, QLatin1Char('c')));
        // Written as QJsonDocument would write it: compact, keys sorted.
        QCOMPARE(text, QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');

        Result<KeyFile> loaded = KeyFile::load(path);
        QVERIFY2(loaded.isOk(), qPrintable(loaded.message()));
        QCOMPARE(loaded->keys().publicKeys(), pub);
        QVERIFY(loaded->keys().signSecretKey().equals(created->keys().signSecretKey()));
        QVERIFY(loaded->keys().boxSecretKey().equals(created->keys().boxSecretKey()));
        QCOMPARE(loaded->keys().exportedThrough().value(QStringLiteral("a1b2c3d4e5f60718")),
                 (ChainMark{42, QString(64, QLatin1Char('c'))}));
        checkUsable(loaded->keys());
        // A passphrase given for a plain file does no harm.
        QVERIFY(KeyFile::load(path, "not needed").isOk());
    }

    void keyFile_wrappedRoundTripHidesTheSecrets()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hub.ccrf.keys"));
        DeviceKeys keys = generated(QStringLiteral("0011223344556677"));
        const PublicKeys pub = keys.publicKeys();
        Result<KeyFile> created =
            KeyFile::create(path, std::move(keys), "correct horse battery staple", KeyWrapping::minimal());
        QVERIFY2(created.isOk(), qPrintable(created.message()));
        QVERIFY(created->isWrapped());
        QCOMPARE(ownerGroupOther(path), QFileDevice::ReadOwner | QFileDevice::WriteOwner);

        const QByteArray text = readAll(path);
        const QJsonObject o = QJsonDocument::fromJson(text).object();
        QCOMPARE(o.value(QLatin1String("format")).toString(), QStringLiteral("cellcrf-keys-wrapped/1"));
        QCOMPARE(o.value(QLatin1String("device")).toString(), pub.device);
        QCOMPARE(o.value(QLatin1String("kdf")).toObject().value(QLatin1String("alg")).toString(),
                 QStringLiteral("argon2id13"));
        QVERIFY(!o.contains(QLatin1String("sign_sk")));
        QVERIFY(!text.contains("sign_sk"));
        // Neither secret half appears in the file, in any encoding we know.
        const QByteArray signSk(reinterpret_cast<const char *>(created->keys().signSecretKey().data()), 64);
        const QByteArray boxSk(reinterpret_cast<const char *>(created->keys().boxSecretKey().data()), 32);
        QVERIFY(!text.contains(signSk.toBase64().left(40)));
        QVERIFY(!text.contains(boxSk.toBase64().left(40)));
        QVERIFY(!text.contains(signSk.left(16)));

        Result<KeyFile> loaded = KeyFile::load(path, "correct horse battery staple");
        QVERIFY2(loaded.isOk(), qPrintable(loaded.message()));
        QVERIFY(loaded->isWrapped());
        QCOMPARE(loaded->keys().publicKeys(), pub);
        QVERIFY(loaded->keys().signSecretKey().equals(created->keys().signSecretKey()));
        checkUsable(loaded->keys());
    }

    void keyFile_wrappedWithTheRecommendedLimits()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hub.keys"));
        QVERIFY(KeyFile::create(path, generated(QStringLiteral("0011223344556677")), "passphrase").isOk());
        const QJsonObject kdf = QJsonDocument::fromJson(readAll(path)).object().value(QLatin1String("kdf")).toObject();
        QCOMPARE(kdf.value(QLatin1String("opslimit")).toInteger(), qint64(crypto_pwhash_OPSLIMIT_MODERATE));
        QCOMPARE(kdf.value(QLatin1String("memlimit")).toInteger(), qint64(crypto_pwhash_MEMLIMIT_MODERATE));
        QVERIFY(KeyFile::load(path, "passphrase").isOk());
    }

    void keyFile_refusesWrongOrMissingPassphrase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hub.keys"));
        QVERIFY(KeyFile::create(path, generated(QStringLiteral("0011223344556677")), "right", KeyWrapping::minimal())
                    .isOk());
        const QByteArray before = readAll(path);
        Result<KeyFile> wrong = KeyFile::load(path, "wrong");
        QVERIFY(!wrong.isOk());
        QCOMPARE(wrong.message(), QStringLiteral("the passphrase does not open the key file %1").arg(path));
        QCOMPARE(wrong.status().code(), ErrorCode::AuthenticationFailed);
        Result<KeyFile> none = KeyFile::load(path);
        QVERIFY(!none.isOk());
        QCOMPARE(none.message(),
                 QStringLiteral("the key file %1 is protected by a passphrase, and none was given").arg(path));
        QCOMPARE(readAll(path), before);
    }

    void keyFile_refusesDamage_data()
    {
        QTest::addColumn<bool>("wrapped");
        QTest::addColumn<QString>("field");  // JSON field to change ("" = whole text)
        QTest::addColumn<QString>("change"); // what to do
        QTest::addColumn<QString>("message");
        const QString damaged = QStringLiteral("the key file %1 is damaged: ");
        QTest::newRow("not JSON") << false << QString() << QStringLiteral("truncate")
                                  << QStringLiteral("%1 is not a CellCRF key file");
        QTest::newRow("other format") << false << QStringLiteral("format") << QStringLiteral("other")
                                      << QStringLiteral("%1 is not a CellCRF key file");
        QTest::newRow("newer format") << false << QStringLiteral("format") << QStringLiteral("newer")
                                      << QStringLiteral("the key file %1 was made by a newer CellCRF (cellcrf-keys/2)");
        QTest::newRow("sign_sk missing") << false << QStringLiteral("sign_sk") << QStringLiteral("remove")
                                         << damaged + QStringLiteral("sign_sk is missing");
        QTest::newRow("device missing") << false << QStringLiteral("device") << QStringLiteral("remove")
                                        << damaged + QStringLiteral("device is missing");
        QTest::newRow("box_pk short") << false << QStringLiteral("box_pk") << QStringLiteral("short")
                                      << damaged + QStringLiteral("a key is not base64 of the right length");
        QTest::newRow("sign_sk of another key") << false << QStringLiteral("sign_sk") << QStringLiteral("other key")
                                                << damaged + QStringLiteral("sign_sk does not belong to sign_pk");
        QTest::newRow("box_sk of another key") << false << QStringLiteral("box_sk") << QStringLiteral("other key")
                                               << damaged + QStringLiteral("box_sk does not belong to box_pk");
        QTest::newRow("sign_pk of another key") << false << QStringLiteral("sign_pk") << QStringLiteral("other key")
                                                << damaged + QStringLiteral("sign_sk does not belong to sign_pk");
        QTest::newRow("exported_through mistyped")
            << false << QStringLiteral("exported_through") << QStringLiteral("mistyped")
            << damaged + QStringLiteral("exported_through of chain x is not {counter, hash}");
        QTest::newRow("wrapped box altered") << true << QStringLiteral("box") << QStringLiteral("flip")
                                             << QStringLiteral("the passphrase does not open the key file %1");
        QTest::newRow("wrapped nonce missing") << true << QStringLiteral("nonce") << QStringLiteral("remove")
                                               << damaged + QStringLiteral("salt, nonce or box is missing");
        QTest::newRow("wrapped memlimit huge")
            << true << QStringLiteral("memlimit") << QStringLiteral("huge")
            << damaged + QStringLiteral("the passphrase parameters (kdf) are missing or out of range");
        QTest::newRow("wrapped outer device other")
            << true << QStringLiteral("device") << QStringLiteral("other")
            << damaged + QStringLiteral("the public keys outside the protected part differ from those inside");
    }

    void keyFile_refusesDamage()
    {
        QFETCH(bool, wrapped);
        QFETCH(QString, field);
        QFETCH(QString, change);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("site.keys"));
        QVERIFY(KeyFile::create(path, generated(QStringLiteral("a1b2c3d4e5f60718")),
                                wrapped ? QByteArray("pass") : QByteArray(), KeyWrapping::minimal())
                    .isOk());
        const QString otherPath = dir.filePath(QStringLiteral("other.keys"));
        QVERIFY(KeyFile::create(otherPath, generated(QStringLiteral("a1b2c3d4e5f60718"))).isOk());
        const QJsonObject other = QJsonDocument::fromJson(readAll(otherPath)).object();

        QByteArray text = readAll(path);
        QJsonObject o = QJsonDocument::fromJson(text).object();
        if (change == QLatin1String("truncate")) {
            text.chop(text.size() / 2);
        } else {
            if (change == QLatin1String("remove"))
                o.remove(field);
            else if (change == QLatin1String("other") && field == QLatin1String("format"))
                o.insert(field, QStringLiteral("something-else/1"));
            else if (change == QLatin1String("other"))
                o.insert(field, QStringLiteral("ffffffffffffffff"));
            else if (change == QLatin1String("newer"))
                o.insert(field, QStringLiteral("cellcrf-keys/2"));
            else if (change == QLatin1String("short"))
                o.insert(field, o.value(field).toString().left(20));
            else if (change == QLatin1String("other key"))
                o.insert(field, other.value(field));
            else if (change == QLatin1String("mistyped"))
                o.insert(field, QJsonObject{{QStringLiteral("x"), QStringLiteral("not an object")}});
            else if (change == QLatin1String("flip")) {
                QByteArray box = QByteArray::fromBase64(o.value(field).toString().toLatin1());
                box[10] = char(box[10] ^ 1);
                o.insert(field, QString::fromLatin1(box.toBase64()));
            } else if (change == QLatin1String("huge")) {
                QJsonObject kdf = o.value(QLatin1String("kdf")).toObject();
                kdf.insert(field, 1e15);
                o.insert(QStringLiteral("kdf"), kdf);
            }
            text = QJsonDocument(o).toJson();
        }
        writeAll(path, text);
        Result<KeyFile> loaded = KeyFile::load(path, wrapped ? QByteArray("pass") : QByteArray());
        QVERIFY(!loaded.isOk());
        QCOMPARE(loaded.message(), message.arg(path));
        QCOMPARE(readAll(path), text);
    }

    void keyFile_refusesAnotherDevicesKeys()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("site.keys"));
        QVERIFY(KeyFile::create(path, generated(QStringLiteral("a1b2c3d4e5f60718"))).isOk());
        const PublicKeys mine = KeyFile::load(path)->keys().publicKeys();
        QVERIFY(KeyFile::load(path, {}, mine).isOk());

        // The database's device is another one, or the same id with other keys (a restored key file).
        const PublicKeys otherDevice = generated(QStringLiteral("0011223344556677")).publicKeys();
        const PublicKeys sameIdOtherKeys = generated(QStringLiteral("a1b2c3d4e5f60718")).publicKeys();
        for (const PublicKeys &expected : {otherDevice, sameIdOtherKeys}) {
            Result<KeyFile> refused = KeyFile::load(path, {}, expected);
            QVERIFY(!refused.isOk());
            QCOMPARE(refused.message(), QStringLiteral("this key file belongs to device a1b2c3d4e5f60718 (key %1); "
                                                       "this database is device %2 (key %3)")
                                            .arg(mine.keyId(), expected.device, expected.keyId()));
        }
    }

    void keyFile_createRefusesToReplaceAKeyFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("site.keys"));
        QVERIFY(KeyFile::create(path, generated(QStringLiteral("a1b2c3d4e5f60718"))).isOk());
        const QByteArray before = readAll(path);
        Result<KeyFile> again = KeyFile::create(path, generated(QStringLiteral("a1b2c3d4e5f60718")));
        QVERIFY(!again.isOk());
        QCOMPARE(again.message(),
                 QStringLiteral("the key file %1 already exists: it may hold the only keys of a device").arg(path));
        QCOMPARE(readAll(path), before);
    }

    void keyFile_setExportedThroughSavesAtomically_data()
    {
        QTest::addColumn<bool>("wrapped");
        QTest::newRow("plain") << false;
        QTest::newRow("wrapped") << true;
    }

    void keyFile_setExportedThroughSavesAtomically()
    {
        QFETCH(bool, wrapped);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("site.keys"));
        const QByteArray pass = wrapped ? QByteArray("pass") : QByteArray();
        Result<KeyFile> file =
            KeyFile::create(path, generated(QStringLiteral("a1b2c3d4e5f60718")), pass, KeyWrapping::minimal());
        QVERIFY(file.isOk());
        const QByteArray before = readAll(path);
        QVERIFY(
            file->setExportedThrough(QStringLiteral("a1b2c3d4e5f60718"), ChainMark{7, QString(64, QLatin1Char('7'))})
                .isOk());
        QVERIFY(
            file->setExportedThrough(QStringLiteral("a1b2c3d4e5f60718-01"), ChainMark{3, QString(64, QLatin1Char('3'))})
                .isOk());
        QVERIFY(readAll(path) != before);
        QCOMPARE(folderEntries(dir.path()), QStringList{QStringLiteral("site.keys")}); // no temporary left
        QCOMPARE(ownerGroupOther(path), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        Result<KeyFile> reloaded = KeyFile::load(path, pass);
        QVERIFY2(reloaded.isOk(), qPrintable(reloaded.message()));
        QCOMPARE(reloaded->isWrapped(), wrapped);
        QCOMPARE(reloaded->keys().exportedThrough().size(), 2);
        QCOMPARE(reloaded->keys().exportedThrough().value(QStringLiteral("a1b2c3d4e5f60718")).counter, 7);
        QCOMPARE(reloaded->keys().exportedThrough().value(QStringLiteral("a1b2c3d4e5f60718-01")).hash,
                 QString(64, QLatin1Char('3')));
        QVERIFY(reloaded->keys().signSecretKey().equals(file->keys().signSecretKey()));
        if (wrapped)
            QVERIFY(!KeyFile::load(path, "wrong").isOk());
    }

    void keyFile_missingFileIsNamed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("none.keys"));
        Result<KeyFile> r = KeyFile::load(path);
        QVERIFY(!r.isOk());
        QCOMPARE(r.message(), QStringLiteral("there is no key file %1").arg(path));
        QCOMPARE(r.status().code(), ErrorCode::NotFound);
    }

    void secretBytes_moveAndCompare()
    {
        const unsigned char raw[4] = {1, 2, 3, 4};
        SecretBytes a(raw, 4);
        SecretBytes b(raw, 4);
        QVERIFY(a.equals(b));
        SecretBytes c = std::move(a);
        QVERIFY(a.isNull());
        QVERIFY(c.equals(b));
        c.data()[0] = 9;
        QVERIFY(!c.equals(b));
        SecretBytes empty;
        QVERIFY(empty.isNull());
        QCOMPARE(empty.size(), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestDeviceKeys)
#include "tst_devicekeys.moc"
