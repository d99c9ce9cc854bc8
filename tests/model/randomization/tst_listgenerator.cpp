// pbr-v1 list generation (RANDOMIZATION.md §3.2): the primitives against libsodium
// and RFC 8439, the stored test vectors, determinism, exact allocation ratios and the
// spread of block sizes over 10,000-slot strata.

#include "randomization/commitment.h"
#include "randomization/listgenerator.h"
#include "study/studyloader.h"
#include "testsupport.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QtEndian>

#include <sodium.h>

#include <cmath>

using namespace cellcrf;
using namespace cellcrf::randomization;
using namespace Qt::StringLiterals;

namespace {

Seed seedOf(quint8 start, quint8 step)
{
    Digest bytes;
    for (size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = quint8(start + step * i);
    return Seed(bytes);
}

study::RandomizationScheme s1904Scheme()
{
    auto study = study::StudyLoader::load(test::studyDir(u"s1904"_s));
    if (!study || !study->randomization)
        qFatal("%s", qPrintable(study.message()));
    return *study->randomization;
}

QByteArray csvOf(const GeneratedList &list)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!ListGenerator::writePlanCsv(list, buffer))
        qFatal("cannot write to a buffer");
    return buffer.data();
}

QJsonArray vectors()
{
    QFile file(test::dataPath(u"rand/vectors.json"_s));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("no tests/data/rand/vectors.json");
    return QJsonDocument::fromJson(file.readAll()).object().value(u"vectors"_s).toArray();
}

// The scheme a vector names: a study folder or a bare scheme file, relative to the sources.
Result<study::RandomizationScheme> vectorScheme(const QJsonObject &vector)
{
    const QDir root(test::sourceDir());
    if (vector.contains(u"scheme"_s))
        return study::StudyLoader::loadRandomizationScheme(root.filePath(vector[u"scheme"_s].toString()));
    auto study = study::StudyLoader::load(root.filePath(vector[u"study"_s].toString()));
    if (!study)
        return study.status();
    if (!study->randomization)
        return Status::error(ErrorCode::InvalidInput, u"the study has no randomization block"_s);
    return *study->randomization;
}

} // namespace

class TestListGenerator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodeString_isLengthPrefixedUtf8();
    void keyedHash_isLibsodiumBlake2bWithKey();
    void wordStream_isTheZeroNonceChaCha20Keystream();
    void wordStream_matchesRfc8439BlockFunction();
    void uniform_rejectsWordsAboveTheLastWholeMultiple();
    void canonicalJson_sortsKeysByUtf8AndEscapesOnlyWhatItMust();
    void canonicalJson_refusesFractions();
    void vectors_matchStoredFilesByteForByte_data();
    void vectors_matchStoredFilesByteForByte();
    void sameSeed_sameBytes();
    void otherListIdOrSeed_otherList();
    void strata_haveIndependentStreams();
    void addingASite_leavesOtherStrataUnchanged();
    void commitments_openOnlyWithTheirArmAndNonce();
    void randNumbers_areUniqueAndFormatted();
    void longStrata_areExactlyTwoToOneInEveryBlock();
    void longStrata_useEveryBlockSizeAboutEqually();
    void stratumOf_mapsSourceCodes();
    void badInput_isRefused();
};

void TestListGenerator::encodeString_isLengthPrefixedUtf8()
{
    QCOMPARE(encodeString(u"ab"_s), QByteArray("\x00\x00\x00\x02"
                                               "ab",
                                               6));
    QCOMPARE(encodeString(QString()), QByteArray(4, '\0'));
    // Three bytes of UTF-8 for one character: the length counts bytes.
    QCOMPARE(encodeString(u"中"_s), QByteArray("\x00\x00\x00\x03\xe4\xb8\xad", 7));
    QCOMPARE(encodeU32(0x01020304), QByteArray("\x01\x02\x03\x04", 4));
}

void TestListGenerator::keyedHash_isLibsodiumBlake2bWithKey()
{
    QVERIFY(sodium_init() >= 0);
    // BLAKE2b-256 of the empty message (RFC 7693 parameters, 32-byte digest).
    QCOMPARE(toHex(plainHash({})), u"0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"_s);
    const Seed seed = seedOf(0, 1);
    const QByteArray message = "cellcrf";
    std::array<unsigned char, 32> expected{};
    crypto_generichash(expected.data(), expected.size(), reinterpret_cast<const unsigned char *>(message.data()),
                       quint64(message.size()), seed.bytes().data(), seed.bytes().size());
    QCOMPARE(keyedHash(seed.bytes(), message), expected);
    QVERIFY(keyedHash(seed.bytes(), message) != plainHash(message));
    // The stratum key is exactly the keyed hash of the three encoded strings.
    QCOMPARE(stratumKey(seed, u"L"_s, u"site=01"_s),
             keyedHash(seed.bytes(),
                       encodeString(u"cellcrf/rand/v1/stratum"_s) + encodeString(u"L"_s) + encodeString(u"site=01"_s)));
}

void TestListGenerator::wordStream_isTheZeroNonceChaCha20Keystream()
{
    QVERIFY(sodium_init() >= 0);
    const Digest key = seedOf(3, 7).bytes();
    // Long enough to cross several internal refills.
    constexpr int words = 16 * 16 * 3 + 5;
    QByteArray stream(words * 4, '\0');
    std::array<unsigned char, 12> nonce{};
    crypto_stream_chacha20_ietf(reinterpret_cast<unsigned char *>(stream.data()), quint64(stream.size()), nonce.data(),
                                key.data());
    WordStream w(key);
    for (int i = 0; i < words; ++i) {
        const quint32 expected = qFromLittleEndian<quint32>(stream.constData() + 4 * i);
        QCOMPARE(w.next(), expected);
    }
    QCOMPARE(w.consumed(), quint64(words));
}

void TestListGenerator::wordStream_matchesRfc8439BlockFunction()
{
    // RFC 8439 §2.3.2: key 00..1f, nonce 00:00:00:09:00:00:00:4a:00:00:00:00, block count 1.
    QVERIFY(sodium_init() >= 0);
    std::array<unsigned char, 32> key{};
    for (size_t i = 0; i < key.size(); ++i)
        key[i] = static_cast<unsigned char>(i);
    const std::array<unsigned char, 12> nonce{0, 0, 0, 9, 0, 0, 0, 0x4a, 0, 0, 0, 0};
    QByteArray block(64, '\0');
    crypto_stream_chacha20_ietf_xor_ic(reinterpret_cast<unsigned char *>(block.data()),
                                       reinterpret_cast<const unsigned char *>(block.constData()), 64, nonce.data(), 1,
                                       key.data());
    QCOMPARE(block.toHex(), QByteArray("10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
                                       "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e"));
}

void TestListGenerator::uniform_rejectsWordsAboveTheLastWholeMultiple()
{
    const Digest key = seedOf(9, 13).bytes();
    // n = 2^31 + 1: the limit is 2^31 + 1, so about half of all words are rejected.
    const quint32 n = 0x80000001u;
    WordStream raw(key);
    WordStream drawn(key);
    int rejected = 0;
    for (int draw = 0; draw < 200; ++draw) {
        quint32 w = raw.next();
        while (w >= n) {
            ++rejected;
            w = raw.next();
        }
        QCOMPARE(drawn.uniform(n), w % n);
        QCOMPARE(drawn.consumed(), raw.consumed());
    }
    QVERIFY2(rejected > 50, "the rejection branch was exercised");
    // uniform(1) is 0 and still consumes a word; uniform(3) rejects only the top word 0xffffffff.
    WordStream one(key);
    QCOMPARE(one.uniform(1), 0u);
    QCOMPARE(one.consumed(), quint64(1));
    WordStream three(key);
    WordStream plain(key);
    for (int i = 0; i < 100; ++i)
        QCOMPARE(three.uniform(3), plain.next() % 3);
}

void TestListGenerator::canonicalJson_sortsKeysByUtf8AndEscapesOnlyWhatItMust()
{
    // U+FF21 sorts before U+1D400 in UTF-8 (and code points) but after it in UTF-16.
    const QByteArray text = R"({"b": [1, 2.0, -3, true, null], "a\"q": "tab\there \\ 中", "𝐀": 1, "Ａ": 2,
                                "ctl": "\u0001\u001f", "z": {}})";
    const auto canonical = canonicalJson(QJsonDocument::fromJson(text).object());
    QVERIFY(canonical.has_value());
    QCOMPARE(*canonical, QByteArray(R"({"a\"q":"tab\u0009here \\ )") + "\xe4\xb8\xad" +
                             R"(","b":[1,2,-3,true,null],"ctl":"\u0001\u001f","z":{},)" + "\"\xef\xbc\xa1\":2," +
                             "\"\xf0\x9d\x90\x80\":1}");
}

void TestListGenerator::canonicalJson_refusesFractions()
{
    QVERIFY(!canonicalJson(QJsonArray{1.5}).has_value());
    QVERIFY(!canonicalJson(QJsonObject{{u"x"_s, 1e300}}).has_value());
    QCOMPARE(*canonicalJson(QJsonArray{9007199254740992.0}), QByteArray("[9007199254740992]"));
}

void TestListGenerator::vectors_matchStoredFilesByteForByte_data()
{
    QTest::addColumn<QJsonObject>("vector");
    for (const QJsonValue &v : vectors())
        QTest::newRow(qPrintable(v[u"name"_s].toString())) << v.toObject();
}

void TestListGenerator::vectors_matchStoredFilesByteForByte()
{
    QFETCH(QJsonObject, vector);
    const auto scheme = vectorScheme(vector);
    QVERIFY2(scheme.isOk(), qPrintable(scheme.message()));
    const auto seed = Seed::fromHex(vector[u"seed_hex"_s].toString());
    QVERIFY(seed.has_value());
    const auto list =
        ListGenerator::generate(*scheme, vector[u"list_id"_s].toString(), *seed, vector[u"per_stratum"_s].toInt());
    QVERIFY2(list.isOk(), qPrintable(list.message()));
    QFile expected(test::dataPath(u"rand/"_s + vector[u"csv"_s].toString()));
    QVERIFY(expected.open(QIODevice::ReadOnly));
    const QByteArray expectedBytes = expected.readAll();
    const QByteArray actual = csvOf(*list);
    if (actual != expectedBytes) {
        const QList<QByteArray> a = actual.split('\n');
        const QList<QByteArray> e = expectedBytes.split('\n');
        for (qsizetype i = 0; i < std::min(a.size(), e.size()); ++i)
            QCOMPARE(a.at(i), e.at(i));
        QCOMPARE(a.size(), e.size());
    }
    QCOMPARE(toHex(list->seedFingerprint), vector[u"seed_fingerprint"_s].toString());
    QCOMPARE(toHex(list->manifestHash), vector[u"manifest_hash"_s].toString());
    // Every stratum has at least per_stratum slots, in whole blocks.
    for (const StratumList &s : list->strata) {
        QVERIFY(s.slots.size() >= vector[u"per_stratum"_s].toInt());
        const Slot &last = s.slots.constLast();
        qsizetype inLastBlock = 0;
        for (const Slot &slot : s.slots)
            inLastBlock += slot.blockNo == last.blockNo ? 1 : 0;
        QCOMPARE(inLastBlock, qsizetype(last.blockSize));
    }
}

void TestListGenerator::sameSeed_sameBytes()
{
    const auto scheme = s1904Scheme();
    const auto a = ListGenerator::generate(scheme, u"S1904-A"_s, seedOf(1, 3), 40);
    const auto b = ListGenerator::generate(scheme, u"S1904-A"_s, seedOf(1, 3), 40);
    QVERIFY(a.isOk() && b.isOk());
    QCOMPARE(csvOf(*a), csvOf(*b));
    QCOMPARE(a->manifestHash, b->manifestHash);
    for (qsizetype s = 0; s < a->strata.size(); ++s) {
        for (qsizetype i = 0; i < a->strata.at(s).slots.size(); ++i)
            QCOMPARE(a->strata.at(s).slots.at(i).nonce, b->strata.at(s).slots.at(i).nonce);
    }
}

void TestListGenerator::otherListIdOrSeed_otherList()
{
    const auto scheme = s1904Scheme();
    const auto base = ListGenerator::generate(scheme, u"S1904-A"_s, seedOf(1, 3), 40);
    const auto otherId = ListGenerator::generate(scheme, u"S1904-B"_s, seedOf(1, 3), 40);
    const auto otherSeed = ListGenerator::generate(scheme, u"S1904-A"_s, seedOf(2, 3), 40);
    QVERIFY(base.isOk() && otherId.isOk() && otherSeed.isOk());
    QCOMPARE(base->seedFingerprint, otherId->seedFingerprint);
    QVERIFY(base->seedFingerprint != otherSeed->seedFingerprint);
    QVERIFY(base->manifestHash != otherId->manifestHash);
    QVERIFY(base->manifestHash != otherSeed->manifestHash);
    for (const auto *other : {&*otherId, &*otherSeed}) {
        int sameArms = 0;
        for (qsizetype s = 0; s < base->strata.size(); ++s) {
            const auto &x = base->strata.at(s).slots;
            const auto &y = other->strata.at(s).slots;
            QStringList xs, ys;
            for (const Slot &slot : x)
                xs.append(slot.armOid);
            for (const Slot &slot : y)
                ys.append(slot.armOid);
            sameArms += xs == ys ? 1 : 0;
            // Commitments never repeat across lists.
            QVERIFY(x.constFirst().commitment != y.constFirst().commitment);
        }
        QVERIFY2(sameArms == 0, "no stratum repeats its arm sequence under another list id or seed");
    }
}

void TestListGenerator::strata_haveIndependentStreams()
{
    const auto scheme = s1904Scheme();
    const QList<Stratum> strata = ListGenerator::strata(scheme);
    QCOMPARE(strata.size(), 6);
    QCOMPARE(strata.at(0).code, u"site=01|disease_group=refractory"_s);
    QCOMPARE(strata.at(1).code, u"site=01|disease_group=relapsed"_s);
    QCOMPARE(strata.at(5).code, u"site=03|disease_group=relapsed"_s);
    QCOMPARE(strata.at(1).randNumberMiddle, u"01-REL"_s);
    QSet<QString> keys;
    QSet<QString> sequences;
    for (const Stratum &s : strata) {
        keys.insert(toHex(stratumKey(seedOf(5, 1), u"L"_s, s.code)));
        const StratumList list = ListGenerator::generateStratum(scheme, u"L"_s, seedOf(5, 1), s, 60);
        QString arms;
        for (const Slot &slot : list.slots)
            arms += slot.armOid.at(0);
        sequences.insert(arms);
    }
    QCOMPARE(keys.size(), 6);
    QCOMPARE(sequences.size(), 6);
}

void TestListGenerator::addingASite_leavesOtherStrataUnchanged()
{
    auto scheme = s1904Scheme();
    auto smaller = scheme;
    smaller.strata[0].values.removeLast();
    const auto full = ListGenerator::generate(scheme, u"L-1"_s, seedOf(7, 11), 30);
    const auto part = ListGenerator::generate(smaller, u"L-1"_s, seedOf(7, 11), 30);
    QVERIFY(full.isOk() && part.isOk());
    QCOMPARE(part->strata.size(), 4);
    for (const StratumList &s : part->strata) {
        const auto match = std::find_if(full->strata.cbegin(), full->strata.cend(),
                                        [&](const StratumList &f) { return f.stratum.code == s.stratum.code; });
        QVERIFY(match != full->strata.cend());
        QCOMPARE(match->slots.size(), s.slots.size());
        for (qsizetype i = 0; i < s.slots.size(); ++i) {
            QCOMPARE(match->slots.at(i).armOid, s.slots.at(i).armOid);
            QCOMPARE(match->slots.at(i).commitment, s.slots.at(i).commitment);
        }
    }
}

void TestListGenerator::commitments_openOnlyWithTheirArmAndNonce()
{
    const auto scheme = s1904Scheme();
    const auto list = ListGenerator::generate(scheme, u"S1904-C"_s, seedOf(4, 9), 12);
    QVERIFY(list.isOk());
    const StratumList &s = list->strata.at(2);
    for (const Slot &slot : s.slots) {
        QVERIFY(opensCommitment(slot.commitment, list->listId, slot.stratumCode, slot.seq, slot.armOid, slot.nonce));
        const QString otherArm = slot.armOid == u"bridging_hsct"_s ? u"no_bridging"_s : u"bridging_hsct"_s;
        QVERIFY(!opensCommitment(slot.commitment, list->listId, slot.stratumCode, slot.seq, otherArm, slot.nonce));
        QVERIFY(
            !opensCommitment(slot.commitment, list->listId, slot.stratumCode, slot.seq + 1, slot.armOid, slot.nonce));
        QVERIFY(!opensCommitment(slot.commitment, u"S1904-D"_s, slot.stratumCode, slot.seq, slot.armOid, slot.nonce));
        Digest wrongNonce = slot.nonce;
        wrongNonce[0] ^= 1;
        QVERIFY(!opensCommitment(slot.commitment, list->listId, slot.stratumCode, slot.seq, slot.armOid, wrongNonce));
        QCOMPARE(slot.nonce, slotNonce(seedOf(4, 9), list->listId, slot.stratumCode, slot.seq));
    }
}

void TestListGenerator::randNumbers_areUniqueAndFormatted()
{
    const auto scheme = s1904Scheme();
    const auto list = ListGenerator::generate(scheme, u"S1904-N"_s, seedOf(8, 1), 40);
    QVERIFY(list.isOk());
    QSet<QString> numbers;
    for (const StratumList &s : list->strata) {
        for (const Slot &slot : s.slots) {
            const QString site = s.stratum.values.at(0);
            const QString group = s.stratum.values.at(1) == u"relapsed"_s ? u"REL"_s : u"REF"_s;
            QCOMPARE(slot.randNumber, u"S1904-%1-%2-%3"_s.arg(site, group).arg(slot.seq, 3, 10, QLatin1Char('0')));
            numbers.insert(slot.randNumber);
        }
    }
    QCOMPARE(qsizetype(numbers.size()), list->slotCount());
    // Past 999 the number simply grows a digit.
    auto big = scheme;
    big.strata[0].values = {u"01"_s};
    const auto many = ListGenerator::generate(big, u"S1904-N"_s, seedOf(8, 1), 1000);
    QVERIFY(many.isOk());
    QCOMPARE(many->strata.at(0).slots.at(999).randNumber, u"S1904-01-REF-1000"_s);
}

void TestListGenerator::longStrata_areExactlyTwoToOneInEveryBlock()
{
    const auto scheme = s1904Scheme();
    const auto list = ListGenerator::generate(scheme, u"S1904-LONG"_s, seedOf(21, 5), 10000);
    QVERIFY(list.isOk());
    QCOMPARE(list->strata.size(), 6);
    for (const StratumList &s : list->strata) {
        QVERIFY(s.slots.size() >= 10000 && s.slots.size() < 10009);
        int blockNo = 0;
        int inBlock = 0;
        int bridgingInBlock = 0;
        qsizetype bridging = 0;
        for (qsizetype i = 0; i < s.slots.size(); ++i) {
            const Slot &slot = s.slots.at(i);
            QCOMPARE(slot.seq, quint32(i + 1));
            if (slot.blockNo != blockNo) {
                QCOMPARE(inBlock, i == 0 ? 0 : s.slots.at(i - 1).blockSize);
                QCOMPARE(slot.blockNo, blockNo + 1);
                blockNo = slot.blockNo;
                inBlock = 0;
                bridgingInBlock = 0;
            }
            ++inBlock;
            if (slot.armOid == u"bridging_hsct"_s) {
                ++bridgingInBlock;
                ++bridging;
            } else {
                QCOMPARE(slot.armOid, u"no_bridging"_s);
            }
            if (inBlock == slot.blockSize)
                QCOMPARE(bridgingInBlock * 3, slot.blockSize * 2);
        }
        QCOMPARE(inBlock, s.slots.constLast().blockSize);
        QCOMPARE(bridging * 3, s.slots.size() * 2);
    }
}

// Sizes are drawn uniformly: over about 1,667 blocks per stratum each size's count is
// Binomial(B, 1/3) with a standard deviation near 19; the bound is 5 standard
// deviations, which a correct generator exceeds with probability below 1e-6.
void TestListGenerator::longStrata_useEveryBlockSizeAboutEqually()
{
    const auto scheme = s1904Scheme();
    const auto list = ListGenerator::generate(scheme, u"S1904-LONG"_s, seedOf(21, 5), 10000);
    QVERIFY(list.isOk());
    for (const StratumList &s : list->strata) {
        QMap<int, int> counts;
        for (const Slot &slot : s.slots) {
            if (slot.seq == 1 || s.slots.at(slot.seq - 2).blockNo != slot.blockNo)
                ++counts[slot.blockSize];
        }
        QCOMPARE(counts.keys(), (QList<int>{3, 6, 9}));
        const int blocks = s.slots.constLast().blockNo;
        const double expected = blocks / 3.0;
        const double sd = std::sqrt(blocks * (1.0 / 3.0) * (2.0 / 3.0));
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            QVERIFY2(std::abs(it.value() - expected) <= 5 * sd,
                     qPrintable(u"%1: size %2 drawn %3 times of %4 blocks"_s.arg(s.stratum.code)
                                    .arg(it.key())
                                    .arg(it.value())
                                    .arg(blocks)));
        }
    }
}

void TestListGenerator::stratumOf_mapsSourceCodes()
{
    const auto scheme = s1904Scheme();
    const auto s = ListGenerator::stratumOf(scheme, u"02"_s, {{u"disease_group"_s, u"refractory_salvage"_s}});
    QVERIFY2(s.isOk(), qPrintable(s.message()));
    QCOMPARE(s->code, u"site=02|disease_group=refractory"_s);
    QCOMPARE(s->randNumberMiddle, u"02-REF"_s);
    QVERIFY(!ListGenerator::stratumOf(scheme, u"04"_s, {{u"disease_group"_s, u"relapse_late"_s}}).isOk());
    QVERIFY(!ListGenerator::stratumOf(scheme, u"01"_s, {}).isOk());
    QVERIFY(!ListGenerator::stratumOf(scheme, u"01"_s, {{u"disease_group"_s, u"unknown"_s}}).isOk());
}

void TestListGenerator::badInput_isRefused()
{
    const auto scheme = s1904Scheme();
    QVERIFY(!ListGenerator::generate(scheme, u"bad id"_s, seedOf(1, 1), 10).isOk());
    QVERIFY(!ListGenerator::generate(scheme, u"L,1"_s, seedOf(1, 1), 10).isOk());
    QVERIFY(!ListGenerator::generate(scheme, QString(), seedOf(1, 1), 10).isOk());
    QVERIFY(!ListGenerator::generate(scheme, u"L"_s, seedOf(1, 1), 0).isOk());
    QVERIFY(!ListGenerator::generate(scheme, u"L"_s, seedOf(1, 1), ListGenerator::MaxPerStratum + 1).isOk());
    QVERIFY(!ListGenerator::generate(study::RandomizationScheme{}, u"L"_s, seedOf(1, 1), 10).isOk());
    // A scheme assembled in code with a block that does not fit the ratio is refused too.
    auto unchecked = scheme;
    unchecked.blockSizes = {3, 4};
    const auto refused = ListGenerator::generate(unchecked, u"L"_s, seedOf(1, 1), 10);
    QVERIFY(!refused.isOk());
    QCOMPARE(refused.status().code(), ErrorCode::InvalidInput);
    QVERIFY(!Seed::fromHex(u"00"_s).has_value());
    QVERIFY(!Seed::fromHex(QString(63, u'0')).has_value());
    QVERIFY(!Seed::fromHex(QString(63, u'0') + u'g').has_value());
    QVERIFY(!Seed::fromHex(QString(62, u'0') + u"٠٠"_s).has_value());
    QVERIFY(Seed::fromHex(QString(64, u'F')).has_value());
    QVERIFY(!(Seed::random() == Seed::random()));
}

QTEST_GUILESS_MAIN(TestListGenerator)
#include "tst_listgenerator.moc"
