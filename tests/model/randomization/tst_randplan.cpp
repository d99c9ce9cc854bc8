// `cellcrf-cli rand plan`, run as the program itself: its output equals the stored
// test vectors byte for byte, twice in a row, and the live reference implementation
// tests/tools/pbr_reference.py when python3 is available. Also its usage and refusal
// exit codes, and the reference script's ChaCha20, BLAKE2b and uniform() against
// libsodium and the library.

#include "randomization/listgenerator.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sodium.h>

using namespace cellcrf;
using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(QDir::tempPath());
    process.start(program, arguments);
    Run r;
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit)
        return r;
    r.exitCode = process.exitCode();
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

QString cli()
{
    return QStringLiteral(CELLCRF_CLI_PROGRAM);
}

QString referenceScript()
{
    return QDir(test::sourceDir()).filePath(u"tests/tools/pbr_reference.py"_s);
}

// python3 when it is on PATH; the tests that need it skip with the reason otherwise.
QString python()
{
    return QStandardPaths::findExecutable(u"python3"_s);
}

QJsonArray vectors()
{
    QFile file(test::dataPath(u"rand/vectors.json"_s));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("no tests/data/rand/vectors.json");
    return QJsonDocument::fromJson(file.readAll()).object().value(u"vectors"_s).toArray();
}

QStringList planArguments(const QJsonObject &v)
{
    const QDir root(test::sourceDir());
    QStringList args{u"plan"_s};
    if (v.contains(u"study"_s))
        args << u"--study"_s << root.filePath(v[u"study"_s].toString());
    else
        args << u"--scheme"_s << root.filePath(v[u"scheme"_s].toString());
    args << u"--list-id"_s << v[u"list_id"_s].toString() << u"--per-stratum"_s
         << QString::number(v[u"per_stratum"_s].toInt()) << u"--seed-hex"_s << v[u"seed_hex"_s].toString();
    return args;
}

QByteArray summaryOf(const QJsonObject &v)
{
    return "seed_fingerprint " + v[u"seed_fingerprint"_s].toString().toLatin1() + "\nmanifest_hash " +
           v[u"manifest_hash"_s].toString().toLatin1() + "\n";
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray hexOf(const unsigned char *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)).toHex();
}

} // namespace

class TestRandPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plan_equalsStoredVector_data();
    void plan_equalsStoredVector();
    void plan_twiceToFiles_isIdentical();
    void plan_builtInStudyName_equalsTheFolder();
    void plan_equalsLiveReference_data();
    void plan_equalsLiveReference();
    void reference_primitivesMatchLibsodium();
    void reference_vectorsCheckPasses();
    void badCommandLine_isUsage_data();
    void badCommandLine_isUsage();
    void refusedScheme_exitsThreeAndWritesNothing();
};

void TestRandPlan::plan_equalsStoredVector_data()
{
    QTest::addColumn<QJsonObject>("vector");
    for (const QJsonValue &v : vectors())
        QTest::newRow(qPrintable(v[u"name"_s].toString())) << v.toObject();
}

void TestRandPlan::plan_equalsStoredVector()
{
    QFETCH(QJsonObject, vector);
    const Run r = run(cli(), QStringList{u"rand"_s} + planArguments(vector));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, readAll(test::dataPath(u"rand/"_s + vector[u"csv"_s].toString())));
    QCOMPARE(r.err, summaryOf(vector));
}

void TestRandPlan::plan_twiceToFiles_isIdentical()
{
    const QJsonObject vector = vectors().at(0).toObject();
    QTemporaryDir dir;
    const QString first = dir.filePath(u"first.csv"_s);
    const QString second = dir.filePath(u"second.csv"_s);
    QCOMPARE(run(cli(), QStringList{u"rand"_s} + planArguments(vector) + QStringList{u"--out"_s, first}).exitCode, 0);
    QCOMPARE(run(cli(), QStringList{u"rand"_s} + planArguments(vector) + QStringList{u"--out"_s, second}).exitCode, 0);
    QVERIFY(!readAll(first).isEmpty());
    QCOMPARE(readAll(first), readAll(second));
    QCOMPARE(readAll(first), readAll(test::dataPath(u"rand/"_s + vector[u"csv"_s].toString())));
}

void TestRandPlan::plan_builtInStudyName_equalsTheFolder()
{
    const QJsonObject vector = vectors().at(0).toObject();
    QStringList args = QStringList{u"rand"_s} + planArguments(vector);
    args[args.indexOf(u"--study"_s) + 1] = u"s1904"_s;
    const Run r = run(cli(), args);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, readAll(test::dataPath(u"rand/"_s + vector[u"csv"_s].toString())));
}

void TestRandPlan::plan_equalsLiveReference_data()
{
    QTest::addColumn<QStringList>("arguments");
    for (const QJsonValue &v : vectors())
        QTest::newRow(qPrintable(v[u"name"_s].toString())) << planArguments(v.toObject());
    // Fresh inputs the stored files do not hold: other seeds (named in a failure), list
    // ids and sizes, and an upper-case seed.
    if (sodium_init() < 0)
        qFatal("libsodium did not start");
    const QDir root(test::sourceDir());
    const auto arguments = [](const QString &sourceOption, const QString &source, int i, const QString &seed) {
        return QStringList{u"plan"_s,
                           sourceOption,
                           source,
                           u"--list-id"_s,
                           u"LIVE-%1"_s.arg(i),
                           u"--per-stratum"_s,
                           QString::number(1 + i * 17),
                           u"--seed-hex"_s,
                           seed};
    };
    QByteArray seed(32, '\0');
    for (int i = 0; i < 4; ++i) {
        randombytes_buf(seed.data(), size_t(seed.size()));
        QTest::newRow(qPrintable(u"s1904 random seed %1"_s.arg(i))) << arguments(
            u"--study"_s, root.filePath(u"resources/studies/s1904"_s), i, QString::fromLatin1(seed.toHex()));
        QTest::newRow(qPrintable(u"three arms random seed %1"_s.arg(i)))
            << arguments(u"--scheme"_s, root.filePath(u"tests/data/rand/three_arm.scheme.json"_s), i,
                         QString::fromLatin1(seed.toHex().toUpper()));
    }
}

void TestRandPlan::plan_equalsLiveReference()
{
    QFETCH(QStringList, arguments);
    if (python().isEmpty())
        QSKIP("python3 is not on PATH: the live comparison with tests/tools/pbr_reference.py needs it");
    const Run ours = run(cli(), QStringList{u"rand"_s} + arguments);
    const Run reference = run(python(), QStringList{referenceScript()} + arguments);
    QVERIFY2(ours.exitCode == 0, ours.err.constData());
    QVERIFY2(reference.exitCode == 0, reference.err.constData());
    QVERIFY(ours.out.startsWith("list_id,stratum_code,seq,block_no,block_size,rand_number,arm_oid,commitment_hex\n"));
    const QByteArray inputs = arguments.join(u' ').toUtf8();
    QVERIFY2(ours.out == reference.out, ("the CSV differs for: " + inputs).constData());
    QVERIFY2(ours.err == reference.err, ("the fingerprint or manifest hash differs for: " + inputs).constData());
}

void TestRandPlan::reference_primitivesMatchLibsodium()
{
    if (python().isEmpty())
        QSKIP("python3 is not on PATH: the reference script's primitives cannot be checked");
    QVERIFY(sodium_init() >= 0);
    const Run r = run(python(), {referenceScript(), u"primitives"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject p = QJsonDocument::fromJson(r.out).object();

    // RFC 8439 §2.3.2 block (also checked against the RFC's printed bytes).
    std::array<unsigned char, 32> rfcKey{};
    for (size_t i = 0; i < rfcKey.size(); ++i)
        rfcKey[i] = static_cast<unsigned char>(i);
    const std::array<unsigned char, 12> rfcNonce{0, 0, 0, 9, 0, 0, 0, 0x4a, 0, 0, 0, 0};
    std::array<unsigned char, 64> block{};
    crypto_stream_chacha20_ietf_xor_ic(block.data(), block.data(), block.size(), rfcNonce.data(), 1, rfcKey.data());
    QCOMPARE(p[u"rfc8439_block_counter1"_s].toString().toLatin1(), hexOf(block.data(), block.size()));
    QCOMPARE(hexOf(block.data(), 16), QByteArray("10f1e7e4d13b5915500fdd1fa32071c4"));

    // The zero-nonce stream pbr-v1 reads, three blocks.
    const QByteArray key = QByteArray::fromHex(p[u"stream_key_hex"_s].toString().toLatin1());
    QCOMPARE(key.size(), 32);
    std::array<unsigned char, 192> stream{};
    const std::array<unsigned char, 12> zero{};
    crypto_stream_chacha20_ietf(stream.data(), stream.size(), zero.data(),
                                reinterpret_cast<const unsigned char *>(key.constData()));
    QCOMPARE(p[u"zero_nonce_stream_192"_s].toString().toLatin1(), hexOf(stream.data(), stream.size()));

    // BLAKE2b-256, keyed and plain.
    const QByteArray message = QByteArray::fromHex(p[u"message_hex"_s].toString().toLatin1());
    const auto *m = reinterpret_cast<const unsigned char *>(message.constData());
    std::array<unsigned char, 32> digest{};
    crypto_generichash(digest.data(), digest.size(), m, quint64(message.size()),
                       reinterpret_cast<const unsigned char *>(key.constData()), size_t(key.size()));
    QCOMPARE(p[u"blake2b_keyed"_s].toString().toLatin1(), hexOf(digest.data(), digest.size()));
    crypto_generichash(digest.data(), digest.size(), m, quint64(message.size()), nullptr, 0);
    QCOMPARE(p[u"blake2b_plain"_s].toString().toLatin1(), hexOf(digest.data(), digest.size()));
    crypto_generichash(digest.data(), digest.size(), nullptr, 0, nullptr, 0);
    QCOMPARE(p[u"blake2b_plain_empty"_s].toString().toLatin1(), hexOf(digest.data(), digest.size()));

    // uniform(n) over that stream, including n = 1 and rejection-heavy sizes.
    randomization::Digest streamKey{};
    std::copy(key.cbegin(), key.cend(), streamKey.begin());
    randomization::WordStream words(streamKey);
    const QList<quint32> sizes{3, 2, 1, 9, 7, 1000000007u, 4294967295u};
    const QJsonArray expected = p[u"uniform_words"_s].toArray();
    QCOMPARE(expected.size(), sizes.size());
    for (qsizetype i = 0; i < sizes.size(); ++i)
        QCOMPARE(qint64(words.uniform(sizes.at(i))), expected.at(i).toInteger());
    QCOMPARE(qint64(words.consumed()), p[u"uniform_consumed"_s].toInteger());
}

void TestRandPlan::reference_vectorsCheckPasses()
{
    if (python().isEmpty())
        QSKIP("python3 is not on PATH: the reference script cannot check the stored vectors");
    const Run r = run(python(), {referenceScript(), u"vectors"_s, u"--check"_s});
    QVERIFY2(r.exitCode == 0, r.out.constData());
    QCOMPARE(r.out.count("ok  "), vectors().size());
}

void TestRandPlan::badCommandLine_isUsage_data()
{
    const QString study = QDir(test::sourceDir()).filePath(u"resources/studies/s1904"_s);
    const QString seed = QString(64, u'a');
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QStringList ok{u"--list-id"_s, u"L-1"_s, u"--per-stratum"_s, u"4"_s, u"--seed-hex"_s, seed};
    QTest::newRow("no subcommand") << QStringList{} << u"name a subcommand"_s;
    QTest::newRow("unknown subcommand") << QStringList{u"deal"_s} << u"unknown subcommand 'deal'"_s;
    QTest::newRow("neither study nor scheme") << QStringList{u"plan"_s} + ok << u"either --study"_s;
    QTest::newRow("both study and scheme")
        << QStringList{u"plan"_s, u"--study"_s, study, u"--scheme"_s, study} + ok << u"either --study"_s;
    QTest::newRow("no list id") << QStringList{u"plan"_s, u"--study"_s,    study, u"--per-stratum"_s,
                                               u"4"_s,    u"--seed-hex"_s, seed}
                                << u"--list-id is required"_s;
    QTest::newRow("list id with a comma")
        << QStringList{u"plan"_s, u"--study"_s,    study, u"--list-id"_s, u"L,1"_s, u"--per-stratum"_s,
                       u"4"_s,    u"--seed-hex"_s, seed}
        << u"--list-id takes"_s;
    QTest::newRow("per stratum zero") << QStringList{u"plan"_s,      u"--study"_s,    study,
                                                     u"--list-id"_s, u"L"_s,          u"--per-stratum"_s,
                                                     u"0"_s,         u"--seed-hex"_s, seed}
                                      << u"--per-stratum takes"_s;
    QTest::newRow("seed too short") << QStringList{u"plan"_s,      u"--study"_s,    study,
                                                   u"--list-id"_s, u"L"_s,          u"--per-stratum"_s,
                                                   u"4"_s,         u"--seed-hex"_s, u"abcd"_s}
                                    << u"--seed-hex takes exactly 64"_s;
    QTest::newRow("seed not hex") << QStringList{u"plan"_s,      u"--study"_s,    study,
                                                 u"--list-id"_s, u"L"_s,          u"--per-stratum"_s,
                                                 u"4"_s,         u"--seed-hex"_s, QString(64, u'z')}
                                  << u"--seed-hex takes exactly 64"_s;
    QTest::newRow("unknown option") << QStringList{u"plan"_s, u"--studdy"_s, study} + ok << u"studdy"_s;
    QTest::newRow("stray argument") << QStringList{u"plan"_s, u"--study"_s, study, u"extra"_s} + ok
                                    << u"unexpected argument extra"_s;
}

void TestRandPlan::badCommandLine_isUsage()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString out = dir.filePath(u"plan.csv"_s);
    // With --out, so that the test also sees that no file is left behind.
    const QStringList outOption = arguments.isEmpty() ? QStringList{} : QStringList{u"--out"_s, out};
    const Run r = run(cli(), QStringList{u"rand"_s} + arguments + outOption);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFile::exists(out));
}

void TestRandPlan::refusedScheme_exitsThreeAndWritesNothing()
{
    QTemporaryDir dir;
    QFile source(test::dataPath(u"rand/three_arm.scheme.json"_s));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QJsonObject scheme = QJsonDocument::fromJson(source.readAll()).object();
    scheme.insert(u"block_sizes"_s, QJsonArray{4, 6});
    const QString path = dir.filePath(u"broken.json"_s);
    QFile broken(path);
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write(QJsonDocument(scheme).toJson());
    broken.close();
    const QString out = dir.filePath(u"plan.csv"_s);
    const Run r = run(cli(), {u"rand"_s, u"plan"_s, u"--scheme"_s, path, u"--list-id"_s, u"L"_s, u"--per-stratum"_s,
                              u"4"_s, u"--seed-hex"_s, QString(64, u'1'), u"--out"_s, out});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.startsWith("error: RAND_SCHEME_INVALID: "), r.err.constData());
    QVERIFY2(
        r.err.contains("broken.json: $.block_sizes[1]: block size 6 is not a positive multiple of the ratio sum 4"),
        r.err.constData());
    QVERIFY(!QFile::exists(out));

    // A study without a randomization block is refused the same way.
    const Run peds = run(cli(), {u"rand"_s, u"plan"_s, u"--study"_s, u"peds-cd19"_s, u"--list-id"_s, u"L"_s,
                                 u"--per-stratum"_s, u"4"_s, u"--seed-hex"_s, QString(64, u'1')});
    QCOMPARE(peds.exitCode, 3);
    QVERIFY2(peds.err.contains("has no \"randomization\" block"), peds.err.constData());
    // A scheme file that does not exist is a failure to read, not a refusal.
    const Run missing = run(cli(), {u"rand"_s, u"plan"_s, u"--scheme"_s, dir.filePath(u"absent.json"_s), u"--list-id"_s,
                                    u"L"_s, u"--per-stratum"_s, u"4"_s, u"--seed-hex"_s, QString(64, u'1')});
    QCOMPARE(missing.exitCode, 1);
}

QTEST_GUILESS_MAIN(TestRandPlan)
#include "tst_randplan.moc"
