// The statistician's seed file (RANDOMIZATION.md §3.2): Argon2id MODERATE and
// crypto_secretbox, written once and owner-only, refused clearly when it is the wrong
// file, the wrong passphrase, or damaged. Each refusal leaves the file's bytes alone.

#include "randomization/seedfile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace cellcrf;
using namespace cellcrf::randomization;
using namespace Qt::StringLiterals;

namespace {

const QString passphrase = u"correct horse battery 电池"_s;
const QString listId = u"S1904-2026-01"_s;

Seed testSeed()
{
    Digest bytes;
    for (size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = quint8(0xa5 ^ i);
    return Seed(bytes);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

} // namespace

class TestSeedFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void written_isOwnerOnlyJsonWithoutTheSeed();
    void open_returnsTheSeed();
    void inspect_namesListAndFingerprintWithoutThePassphrase();
    void passphrase_isNormalizedBeforeHashing();
    void otherList_isRefusedByName();
    void wrongPassphrase_isRefused();
    void damagedFile_isRefused_data();
    void damagedFile_isRefused();
    void editedListId_isCaught();
    void existingFile_isNeverOverwritten();
    void shortPassphraseOrBadListId_writesNothing();
    void missingFile_isNotFound();

private:
    QTemporaryDir m_dir;
    QString m_path;
    QByteArray m_bytes;
};

void TestSeedFile::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(u"list.seed"_s);
    const Status written = SeedFile::write(m_path, listId, testSeed(), passphrase);
    QVERIFY2(written.isOk(), qPrintable(written.message()));
    m_bytes = readAll(m_path);
    QVERIFY(!m_bytes.isEmpty());
}

void TestSeedFile::written_isOwnerOnlyJsonWithoutTheSeed()
{
    const QFileDevice::Permissions permissions = QFile::permissions(m_path);
    QVERIFY(permissions & QFileDevice::ReadOwner);
    QVERIFY(permissions & QFileDevice::WriteOwner);
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                                            QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther |
                                            QFileDevice::ExeOwner;
    QCOMPARE(permissions & others, QFileDevice::Permissions());
    // Nothing else was left in the folder (no temporary file).
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"list.seed"_s});

    const QJsonObject o = QJsonDocument::fromJson(m_bytes).object();
    QCOMPARE(o.value(u"format"_s).toString(), u"cellcrf-rand-seed/1"_s);
    QCOMPARE(o.value(u"list_id"_s).toString(), listId);
    QCOMPARE(o.value(u"seed_fingerprint"_s).toString(), toHex(seedFingerprint(testSeed())));
    QCOMPARE(o.value(u"kdf"_s).toString(), u"argon2id13"_s);
    QCOMPARE(o.value(u"opslimit"_s).toInteger(), 3);         // crypto_pwhash_OPSLIMIT_MODERATE
    QCOMPARE(o.value(u"memlimit"_s).toInteger(), 268435456); // crypto_pwhash_MEMLIMIT_MODERATE
    QCOMPARE(o.value(u"salt"_s).toString().size(), 32);
    QCOMPARE(o.value(u"nonce"_s).toString().size(), 48);
    QVERIFY(!m_bytes.contains(QByteArray(reinterpret_cast<const char *>(testSeed().bytes().data()), 32).toHex()));
}

void TestSeedFile::open_returnsTheSeed()
{
    const auto seed = SeedFile::open(m_path, listId, passphrase);
    QVERIFY2(seed.isOk(), qPrintable(seed.message()));
    QVERIFY(*seed == testSeed());
    QCOMPARE(readAll(m_path), m_bytes);
}

void TestSeedFile::inspect_namesListAndFingerprintWithoutThePassphrase()
{
    const auto info = SeedFile::inspect(m_path);
    QVERIFY2(info.isOk(), qPrintable(info.message()));
    QCOMPARE(info->listId, listId);
    QCOMPARE(info->seedFingerprint, seedFingerprint(testSeed()));
}

// "电池" typed decomposed or composed is the same passphrase; here the composed form
// of an accented letter is given to write and the decomposed one to open.
void TestSeedFile::passphrase_isNormalizedBeforeHashing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"accent.seed"_s);
    const QString composed = u"caf\u00e9 au lait et pain"_s;
    const QString decomposed = u"cafe\u0301 au lait et pain"_s;
    QVERIFY(SeedFile::write(path, u"L-1"_s, testSeed(), composed).isOk());
    const auto seed = SeedFile::open(path, u"L-1"_s, decomposed);
    QVERIFY2(seed.isOk(), qPrintable(seed.message()));
    QVERIFY(*seed == testSeed());
}

void TestSeedFile::otherList_isRefusedByName()
{
    const auto seed = SeedFile::open(m_path, u"S1904-2026-02"_s, passphrase);
    QVERIFY(!seed.isOk());
    QCOMPARE(seed.status().code(), ErrorCode::InvalidInput);
    QVERIFY2(seed.message().contains(listId) && seed.message().contains(u"S1904-2026-02"_s) &&
                 seed.message().contains(toHex(seedFingerprint(testSeed()))),
             qPrintable(seed.message()));
    QCOMPARE(readAll(m_path), m_bytes);
}

void TestSeedFile::wrongPassphrase_isRefused()
{
    const auto seed = SeedFile::open(m_path, listId, u"correct horse battery 电"_s);
    QVERIFY(!seed.isOk());
    QCOMPARE(seed.status().code(), ErrorCode::AuthenticationFailed);
    QVERIFY2(seed.message().contains(u"passphrase is wrong"_s), qPrintable(seed.message()));
    QCOMPARE(readAll(m_path), m_bytes);
}

void TestSeedFile::damagedFile_isRefused_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<int>("code");
    const int corrupt = int(ErrorCode::Corrupt);
    QTest::newRow("format") << u"format"_s << QJsonValue(u"cellcrf-rand-seed/2"_s) << corrupt;
    QTest::newRow("kdf") << u"kdf"_s << QJsonValue(u"scrypt"_s) << corrupt;
    QTest::newRow("huge memlimit") << u"memlimit"_s << QJsonValue(1e12) << corrupt;
    QTest::newRow("tiny opslimit") << u"opslimit"_s << QJsonValue(0) << corrupt;
    QTest::newRow("short salt") << u"salt"_s << QJsonValue(u"00ff"_s) << corrupt;
    QTest::newRow("salt not hex") << u"salt"_s << QJsonValue(QString(32, u'x')) << corrupt;
    QTest::newRow("nonce missing") << u"nonce"_s << QJsonValue() << corrupt;
    QTest::newRow("fingerprint malformed") << u"seed_fingerprint"_s << QJsonValue(u"abc"_s) << corrupt;
    QTest::newRow("ciphertext truncated") << u"ciphertext"_s << QJsonValue(u"00"_s) << corrupt;
    // A flipped bit of the sealed seed fails the MAC, as a wrong passphrase does.
    QTest::newRow("ciphertext flipped") << u"ciphertext"_s << QJsonValue(u"flip"_s)
                                        << int(ErrorCode::AuthenticationFailed);
    // A fingerprint that does not belong to the sealed seed.
    QTest::newRow("fingerprint edited") << u"seed_fingerprint"_s << QJsonValue(QString(64, u'0')) << corrupt;
}

void TestSeedFile::damagedFile_isRefused()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(int, code);
    QJsonObject o = QJsonDocument::fromJson(m_bytes).object();
    if (value.isNull()) {
        o.remove(key);
    } else if (value.toString() == u"flip"_s) {
        QString text = o.value(key).toString();
        text[10] = text[10] == u'0' ? u'1' : u'0';
        o.insert(key, text);
    } else {
        o.insert(key, value);
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(u"damaged.seed"_s);
    const QByteArray damaged = QJsonDocument(o).toJson();
    QVERIFY(writeAll(path, damaged));
    const auto seed = SeedFile::open(path, listId, passphrase);
    QVERIFY(!seed.isOk());
    QCOMPARE(int(seed.status().code()), code);
    QVERIFY(seed.message().contains(path));
    QCOMPARE(readAll(path), damaged);
}

void TestSeedFile::editedListId_isCaught()
{
    // Same length, so the sizes still fit: only the sealed list id shows the edit.
    QJsonObject o = QJsonDocument::fromJson(m_bytes).object();
    o.insert(u"list_id"_s, u"S1904-2026-99"_s);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"edited.seed"_s);
    QVERIFY(writeAll(path, QJsonDocument(o).toJson()));
    const auto seed = SeedFile::open(path, u"S1904-2026-99"_s, passphrase);
    QVERIFY(!seed.isOk());
    QCOMPARE(seed.status().code(), ErrorCode::Corrupt);
    QVERIFY2(seed.message().contains(u"edited"_s), qPrintable(seed.message()));
    // Not JSON at all.
    QVERIFY(writeAll(path, "not json"));
    QCOMPARE(SeedFile::open(path, listId, passphrase).status().code(), ErrorCode::Corrupt);
}

void TestSeedFile::existingFile_isNeverOverwritten()
{
    const Status again = SeedFile::write(m_path, listId, Seed::random(), passphrase);
    QVERIFY(!again.isOk());
    QCOMPARE(again.code(), ErrorCode::Conflict);
    QCOMPARE(readAll(m_path), m_bytes);
    // Any existing file, not only seed files.
    QTemporaryDir dir;
    const QString other = dir.filePath(u"notes.txt"_s);
    QVERIFY(writeAll(other, "keep me"));
    QCOMPARE(SeedFile::write(other, listId, testSeed(), passphrase).code(), ErrorCode::Conflict);
    QCOMPARE(readAll(other), QByteArray("keep me"));
}

void TestSeedFile::shortPassphraseOrBadListId_writesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"new.seed"_s);
    const Status shortPass = SeedFile::write(path, listId, testSeed(), u"too short"_s);
    QCOMPARE(shortPass.code(), ErrorCode::InvalidInput);
    QVERIFY(shortPass.message().contains(u"12"_s));
    QCOMPARE(SeedFile::write(path, u"no spaces allowed"_s, testSeed(), passphrase).code(), ErrorCode::InvalidInput);
    QCOMPARE(SeedFile::write(dir.filePath(u"missing/folder/x.seed"_s), listId, testSeed(), passphrase).code(),
             ErrorCode::Io);
    QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
}

void TestSeedFile::missingFile_isNotFound()
{
    QCOMPARE(SeedFile::open(m_dir.filePath(u"absent.seed"_s), listId, passphrase).status().code(), ErrorCode::NotFound);
    QCOMPARE(SeedFile::inspect(m_dir.filePath(u"absent.seed"_s)).status().code(), ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(TestSeedFile)
#include "tst_seedfile.moc"
